// The README's main job: lint the example workspace (clean) and the broken examples (every rule fires).
// Exits 0 when both behave as documented, 1 otherwise.
import { spawnSync } from 'node:child_process';

const run = (args) => {
  console.log(`\n$ charters ${args.join(' ')}`);
  return spawnSync(process.execPath, ['bin/charters.js', ...args], { stdio: 'inherit' }).status;
};

const clean = run(['lint', 'examples']);
const broken = run(['lint', 'examples/broken']);
const ok = clean === 0 && broken === 1;
console.log(
  ok
    ? '\nexamples/ lints clean (exit 0); examples/broken/ shows every rule firing (exit 1), as intended.'
    : `\nUnexpected: examples/ exited ${clean} (want 0), examples/broken/ exited ${broken} (want 1).`,
);
process.exitCode = ok ? 0 : 1;

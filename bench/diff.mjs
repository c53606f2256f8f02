// `charters diff` on a generated repository of 2,000 documents: two commits, 20 roles edited
// and one renamed between them. Prints the wall time of the commit-to-commit and the
// commit-to-working-tree comparisons (median of 3). Run after `npm run build`: node bench/diff.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeWorkspace } from './lib/generate.mjs';

const CLI = path.join(import.meta.dirname, '..', 'dist', 'cli.js');
const count = Number(process.argv[2] ?? 2000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'charters-bench-diff-'));
try {
  const { files } = writeWorkspace(dir, count);
  const git = (...args) => execFileSync('git', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q');
  git('config', 'user.name', 'Bench');
  git('config', 'user.email', 'bench@example.com');
  git('add', '-A');
  git('commit', '-q', '-m', 'first');
  const roles = files.filter((file) => file.endsWith('.role.yaml'));
  for (const file of roles.slice(100, 120))
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^responsibilities:\n/m, 'responsibilities:\n  - coach-product-managers\n'));
  git('mv', path.relative(dir, roles[200]), path.relative(dir, roles[200]).replace('.role.yaml', '-moved.role.yaml'));
  git('commit', '-q', '-am', 'second');
  const time = (args) => {
    const samples = [];
    let output = '';
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const result = spawnSync(process.execPath, [CLI, 'diff', ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
      samples.push(performance.now() - started);
      if (result.status !== 0) throw new Error(`charters diff ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
      output = result.stdout;
    }
    samples.sort((a, b) => a - b);
    return { ms: Math.round(samples[1]), summary: output.split('\n')[2] };
  };
  for (const args of [['HEAD~1', 'HEAD'], ['HEAD~1']]) {
    const { ms, summary } = time(args);
    console.log(`charters diff ${args.join(' ')} on ${files.length} documents: ${ms} ms  ${summary}`);
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

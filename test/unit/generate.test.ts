// The files scripts/generate.mjs writes from the kinds registry and the rules are committed as it
// writes them: editing a kind or a rule without running `npm run generate` fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './repoRoot';

interface Generated {
  file: string;
  changed: boolean;
}

const SCRIPT = path.join(REPO_ROOT, 'scripts', 'generate.mjs');

async function generate(options: { root?: string; write: boolean }): Promise<Generated[]> {
  const script = (await import(pathToFileURL(SCRIPT).href)) as { generate(options: { root?: string; write: boolean }): Promise<Generated[]> };
  return script.generate(options);
}

test('the committed manifest, snippets, config schema and rule lists are what npm run generate writes', { timeout: 60_000 }, async () => {
  const results = await generate({ write: false });
  assert.ok(
    results.some((result) => result.file === 'package.json'),
    JSON.stringify(results),
  );
  const stale = results.filter((result) => result.changed).map((result) => result.file);
  assert.deepEqual(stale, [], `run \`npm run generate\`: these files differ from what it writes: ${stale.join(', ')}`);
});

test('the check names each file that differs, and writing makes it match again, byte for byte', { timeout: 60_000 }, async () => {
  const files = (await generate({ write: false })).map((result) => result.file);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'charters-generate-'));
  try {
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.copyFileSync(path.join(REPO_ROOT, file), path.join(root, file));
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    manifest.contributes.languages[0].filenamePatterns.pop();
    fs.writeFileSync(path.join(root, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const readme = path.join(root, 'docs', 'rules', 'README.md');
    fs.writeFileSync(readme, fs.readFileSync(readme, 'utf8').replace('| `yaml-syntax` | error |', '| `yaml-syntax` | warning |'));

    const check = spawnSync(process.execPath, [SCRIPT, '--check', '--root', root], { encoding: 'utf8' });
    assert.equal(check.status, 1, check.stderr);
    const named = check.stderr
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(' ')[0]);
    assert.deepEqual(named, ['package.json', 'docs/rules/README.md']);

    await generate({ root, write: true });
    for (const file of files) assert.equal(fs.readFileSync(path.join(root, file), 'utf8'), fs.readFileSync(path.join(REPO_ROOT, file), 'utf8'), file);
    assert.deepEqual(
      (await generate({ root, write: true })).filter((result) => result.changed),
      [],
    );
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

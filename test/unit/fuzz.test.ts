// A short, fixed-seed slice of scripts/fuzz.mjs: random edits and requests against the bundled
// server; any crash, hang, logged error or diagnostic outside its document fails. The long run is
// `node scripts/fuzz.mjs --minutes 10` (figures in docs/limits.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './repoRoot';

interface FuzzStats {
  markdownRounds: number;
  edits: number;
  requests: number;
  diagnosticsChecked: number;
  failures: unknown[];
}

// At least 4 seconds and 300 edits: the same work on a loaded machine, where 4 seconds alone may
// hold only a few dozen edits. How fast the server is belongs to `npm run bench`, not to this test.
test('fuzz: random edits and requests (seed 1) against dist/server.js', { timeout: 180_000 }, async () => {
  const { fuzz } = (await import(pathToFileURL(path.join(REPO_ROOT, 'scripts', 'fuzz.mjs')).href)) as {
    fuzz(options: { seconds: number; minEdits: number; seed: number }): Promise<FuzzStats>;
  };
  const stats = await fuzz({ seconds: 4, minEdits: 300, seed: 1 });
  assert.deepEqual(stats.failures, [], JSON.stringify(stats.failures, null, 2));
  assert.ok(stats.edits > 100 && stats.requests > 50 && stats.diagnosticsChecked > 100, JSON.stringify(stats));
  assert.ok(stats.markdownRounds > 0, `no Markdown document was fuzzed: ${JSON.stringify(stats)}`);
});

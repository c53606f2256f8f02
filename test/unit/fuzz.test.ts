// A short, fixed-seed slice of scripts/fuzz.mjs: random edits and requests against the bundled
// server; any crash, hang, logged error, diagnostic outside its document, or edited document whose
// diagnostics differ from those of its text opened afresh fails. The long run is
// `node scripts/fuzz.mjs --minutes 10` (figures in docs/limits.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './repoRoot';

interface FuzzStats {
  markdownRounds: number;
  editsInItems: number;
  incrementalChecks: number;
  edits: number;
  requests: number;
  diagnosticsChecked: number;
  failures: unknown[];
}

// At least 4 seconds and 300 edits: the same work on a loaded machine, where 4 seconds alone may
// hold only a few dozen edits. How fast the server is belongs to `npm run bench`, not to this test.
test('fuzz: random edits and requests (seed 1) against dist/server.js', { timeout: 180_000 }, async () => {
  const { fuzz } = (await import(pathToFileURL(path.join(REPO_ROOT, 'scripts', 'fuzz.mjs')).href)) as {
    fuzz(options: { seconds: number; minEdits: number; seed: number; large: boolean }): Promise<FuzzStats>;
  };
  // documents past 1,000 lines belong to the long run: here they would take most of the time
  const stats = await fuzz({ seconds: 4, minEdits: 300, seed: 1, large: false });
  assert.deepEqual(stats.failures, [], JSON.stringify(stats.failures, null, 2));
  assert.ok(stats.edits > 100 && stats.requests > 50 && stats.diagnosticsChecked > 100, JSON.stringify(stats));
  assert.ok(stats.markdownRounds > 0, `no Markdown document was fuzzed: ${JSON.stringify(stats)}`);
  assert.ok(
    stats.editsInItems > 0 && stats.incrementalChecks > 0,
    `no edit inside a list item, or no re-parse checked against a whole parse: ${JSON.stringify(stats)}`,
  );
});

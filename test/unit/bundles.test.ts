// The VS Code client is a thin launcher: it must never carry the parser, the schema validator or
// the language service's models, which live in the server bundle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { build } from 'esbuild';
import { REPO_ROOT } from './repoRoot';

test('the client bundle holds no parser, validator or rule code', async () => {
  const result = await build({
    entryPoints: [path.join(REPO_ROOT, 'client', 'src', 'extension.ts')],
    absWorkingDir: REPO_ROOT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
    loader: { '.css': 'text' },
    write: false,
    metafile: true,
    outfile: 'client.js',
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs);
  const heavy = inputs.filter(
    (input) => /(^|\/)node_modules\/(yaml|ajv|ajv-formats|fast-glob)\//.test(input) || /server\/src\/service\/(rules|schemas|parse|lint)\b/.test(input),
  );
  assert.deepEqual(heavy, [], `the client bundle pulls in server-side code:\n${heavy.join('\n')}`);
});

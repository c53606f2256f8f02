// The VS Code client is a thin launcher: it must never carry the parser, the schema validator or
// the language service's models, which live in the server bundle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
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

// scripts/lib/yamlPlugin.mjs: yaml's parser and composer read process.env for every token, to
// print tokens when debugging yaml; the bundles drop those reads (a quarter of a short parse)
test('the bundles carry yaml without its per-token reads of process.env', () => {
  const yamlSources = ['parse/parser.js', 'compose/composer.js'].map((file) =>
    fs.readFileSync(path.join(REPO_ROOT, 'node_modules', 'yaml', 'dist', file), 'utf8'),
  );
  assert.ok(
    yamlSources.every((source) => /env\.LOG_(TOKENS|STREAM)/.test(source)),
    'yaml no longer reads them: remove the plugin',
  );
  for (const bundle of ['dist/server.js', 'dist/cli.js', 'action/index.js']) {
    const text = fs.readFileSync(path.join(REPO_ROOT, bundle), 'utf8');
    assert.match(text, /Implicit keys need to be on a single line/, `${bundle} carries yaml`);
    assert.doesNotMatch(text, /LOG_TOKENS|LOG_STREAM/, bundle);
  }
});

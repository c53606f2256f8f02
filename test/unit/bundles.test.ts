// What goes into which bundle. The VS Code client is a thin launcher: it must never carry the
// parser, the schema validator or the language service's models, which live in the server bundle.
// The browser bundles (the extension's `browser` entry and the server's Web Worker) must hold no
// Node module at all: a browser has none, and the extension would fail to load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';
import { REPO_ROOT } from './repoRoot';

/** The browser builds' plugin, from the build script's own module (scripts/lib, plain JavaScript). */
async function browserModules(): Promise<Plugin> {
  const module = (await import(pathToFileURL(path.join(REPO_ROOT, 'scripts', 'lib', 'browserModules.mjs')).href)) as { browserModules(): Plugin };
  return module.browserModules();
}

async function bundle(entry: string, platform: 'node' | 'browser'): Promise<{ metafile: Metafile; text: string }> {
  const result = await build({
    entryPoints: [path.join(REPO_ROOT, ...entry.split('/'))],
    absWorkingDir: REPO_ROOT,
    bundle: true,
    platform,
    format: 'cjs',
    external: ['vscode'],
    loader: { '.css': 'text' },
    plugins: platform === 'browser' ? [await browserModules()] : [],
    write: false,
    metafile: true,
    outfile: 'bundle.js',
    logLevel: 'silent',
  });
  return { metafile: result.metafile, text: result.outputFiles.map((file) => file.text).join('\n') };
}

test('the client bundle holds no parser, validator or rule code', async () => {
  const { metafile } = await bundle('client/src/extension.ts', 'node');
  const inputs = Object.keys(metafile.inputs);
  const heavy = inputs.filter(
    (input) => /(^|\/)node_modules\/(yaml|ajv|ajv-formats|fast-glob)\//.test(input) || /server\/src\/service\/(rules|schemas|parse|lint)\b/.test(input),
  );
  assert.deepEqual(heavy, [], `the client bundle pulls in server-side code:\n${heavy.join('\n')}`);
});

for (const entry of ['client/src/browser/extension.ts', 'server/src/browser/worker.ts']) {
  test(`the browser bundle of ${entry} imports no Node module, and reads no disk`, async () => {
    const { metafile, text } = await bundle(entry, 'browser');
    const inputs = Object.keys(metafile.inputs);
    // Node's modules would be left as imports (esbuild fails on them for a browser unless told
    // otherwise); the disk's modules and fast-glob must not be bundled at all
    const imports = Object.values(metafile.inputs).flatMap((input) => input.imports.map((imported) => imported.path));
    const builtins = imports.filter(
      (imported) => imported.startsWith('node:') || /^(fs|os|url|crypto|child_process|worker_threads|perf_hooks|net|stream)$/.test(imported),
    );
    assert.deepEqual(builtins, [], `${entry} imports Node modules:\n${builtins.join('\n')}`);
    const diskOnly = inputs.filter((input) =>
      /node_modules\/fast-glob\/|server\/src\/workspace\/(disk|fileUris)\.ts$|server\/src\/lsp\/(nodeHost|site)\.ts$|server\/src\/cli\//.test(input),
    );
    assert.deepEqual(diskOnly, [], `${entry} bundles code for the disk:\n${diskOnly.join('\n')}`);
    // what stands in for them: the POSIX paths and the editor's URIs
    assert.ok(inputs.includes('server/src/workspace/posixPath.ts'), 'node:path is the POSIX path module');
    assert.ok(inputs.includes('server/src/workspace/fileUris.browser.ts'), 'the workspace addresses the editor’s files');
    assert.doesNotMatch(text, /\brequire\((["'])(node:)?(fs|path|os|url|crypto|child_process)\1\)/);
  });
}

test("the browser client's Node-only launcher stays out of it, and the Node client's browser launcher out of the Node client", async () => {
  const browser = Object.keys((await bundle('client/src/browser/extension.ts', 'browser')).metafile.inputs);
  assert.ok(!browser.some((input) => input.startsWith('client/src/node/')), browser.filter((input) => input.startsWith('client/src/')).join('\n'));
  assert.ok(!browser.some((input) => input.includes('vscode-languageclient/lib/node/')));
  const node = Object.keys((await bundle('client/src/extension.ts', 'node')).metafile.inputs);
  assert.ok(!node.some((input) => input.startsWith('client/src/browser/') || input.startsWith('server/src/browser/')));
});

// scripts/lib/yamlPlugin.mjs: the bundles carry yaml's ES module build, not its CommonJS Node build,
// which reads process.env for every token (to print tokens when debugging yaml; a quarter of a short
// parse) and is reached through a getter per imported name
test("the bundles carry yaml's ES module build: no per-token reads of process.env, no CommonJS wrapper", () => {
  const yamlSources = ['parse/parser.js', 'compose/composer.js'].map((file) =>
    fs.readFileSync(path.join(REPO_ROOT, 'node_modules', 'yaml', 'dist', file), 'utf8'),
  );
  assert.ok(
    yamlSources.every((source) => /env\.LOG_(TOKENS|STREAM)/.test(source)),
    "yaml's Node build no longer reads them: the ES build may no longer be needed",
  );
  for (const bundle of ['dist/server.js', 'dist/cli.js', 'action/index.js']) {
    const text = fs.readFileSync(path.join(REPO_ROOT, bundle), 'utf8');
    assert.match(text, /Implicit keys need to be on a single line/, `${bundle} carries yaml`);
    assert.doesNotMatch(text, /LOG_TOKENS|LOG_STREAM/, bundle);
    // the CommonJS build's three modules that read process each require it; nothing else does
    assert.doesNotMatch(text, /require\("process"\)/, `${bundle} carries yaml's CommonJS build`);
  }
});

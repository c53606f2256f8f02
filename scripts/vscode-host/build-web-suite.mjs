#!/usr/bin/env node
// Bundles the extension-host suite for the browser's web worker extension host
// (test/vscode/web/index.ts -> out/test/vscode-web/index.js): a web worker loads the tests module
// as one CommonJS script, with `vscode` as its only import and no Node. `node:assert` becomes
// test/vscode/web/assert.ts, `node:path` the POSIX path functions the browser build of the
// extension uses (scripts/lib/browserModules.mjs); any other Node module fails the build.
//
//   node scripts/vscode-host/build-web-suite.mjs
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserModules } from '../lib/browserModules.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WEB_SUITE = path.join(repoRoot, 'out', 'test', 'vscode-web', 'index.js');

await build({
  absWorkingDir: repoRoot,
  entryPoints: [path.join(repoRoot, 'test', 'vscode', 'web', 'index.ts')],
  outfile: WEB_SUITE,
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  format: 'cjs',
  external: ['vscode'],
  loader: { '.css': 'text' },
  sourcemap: true,
  logLevel: 'warning',
  plugins: [
    {
      name: 'web-assert',
      setup(b) {
        b.onResolve({ filter: /^(node:)?assert$/ }, () => ({ path: path.join(repoRoot, 'test', 'vscode', 'web', 'assert.ts') }));
      },
    },
    browserModules(),
  ],
});
console.log(`built ${path.relative(repoRoot, WEB_SUITE)}`);

// Bundles the extension, the server and the CLI with esbuild, one file each in dist/:
//   Node:    dist/cli.js, dist/server.js, dist/client.js (package.json `main`)
//   browser: dist/client.browser.js (package.json `browser`), dist/server.browser.js (its Web Worker)
//   node scripts/build.mjs [--production]   (--production: minified, no source maps; npm pack runs it)
import { build } from 'esbuild';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { browserModules } from './lib/browserModules.mjs';
import { precompiledSchemas } from './lib/schemaValidators.mjs';
import { yamlEsmBuild } from './lib/yamlPlugin.mjs';

const production = process.argv.includes('--production');
const present = (entries) => entries.filter((entry) => existsSync(entry.in));
// the schemas' validators, compiled once for every bundle that carries the service
const validators = precompiledSchemas();

const shared = {
  outdir: 'dist',
  bundle: true,
  // stylesheets are imported as their text (the preview's page)
  loader: { '.css': 'text' },
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  metafile: false,
  plugins: [yamlEsmBuild, validators],
  write: false,
};

const results = await Promise.all([
  build({
    ...shared,
    entryPoints: present([
      { in: 'server/src/cli/index.ts', out: 'cli' },
      { in: 'server/src/server.ts', out: 'server' },
      { in: 'client/src/extension.ts', out: 'client' },
    ]),
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
  }),
  // A web extension is a CommonJS module run in a Web Worker; the server's worker is a plain script.
  ...[
    { in: 'client/src/browser/extension.ts', out: 'client.browser', format: 'cjs' },
    { in: 'server/src/browser/worker.ts', out: 'server.browser', format: 'iife' },
  ]
    .filter((entry) => existsSync(entry.in))
    .map((entry) =>
      build({
        ...shared,
        entryPoints: [{ in: entry.in, out: entry.out }],
        platform: 'browser',
        target: 'es2022',
        format: entry.format,
        external: ['vscode'],
        plugins: [browserModules(), validators],
      }),
    ),
]);

// Each bundle replaces the old one in one rename, so a server or CLI starting meanwhile (a test,
// an editor) never reads half a file.
for (const file of results.flatMap((result) => result.outputFiles)) {
  mkdirSync(path.dirname(file.path), { recursive: true });
  const temporary = `${file.path}.${process.pid}.tmp`;
  writeFileSync(temporary, file.contents);
  renameSync(temporary, file.path);
}

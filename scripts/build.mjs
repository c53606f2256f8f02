// Bundles the client, the server and the CLI with esbuild: one file each in dist/.
//   node scripts/build.mjs [--production]   (--production: minified, no source maps; npm pack runs it)
import { build } from 'esbuild';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { yamlWithoutDebugEnv } from './lib/yamlPlugin.mjs';

const production = process.argv.includes('--production');
const entries = [
  { in: 'server/src/cli/index.ts', out: 'cli' },
  { in: 'server/src/server.ts', out: 'server' },
  { in: 'client/src/extension.ts', out: 'client' },
].filter((entry) => existsSync(entry.in));

const result = await build({
  entryPoints: entries,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode'],
  // stylesheets are imported as their text (the preview's page)
  loader: { '.css': 'text' },
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  metafile: false,
  plugins: [yamlWithoutDebugEnv],
  write: false,
});

// Each bundle replaces the old one in one rename, so a server or CLI starting meanwhile (a test,
// an editor) never reads half a file.
for (const file of result.outputFiles) {
  mkdirSync(path.dirname(file.path), { recursive: true });
  const temporary = `${file.path}.${process.pid}.tmp`;
  writeFileSync(temporary, file.contents);
  renameSync(temporary, file.path);
}

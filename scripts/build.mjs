// Bundles the client, the server and the CLI with esbuild: one file each in dist/.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const entries = [
  { in: 'server/src/cli/index.ts', out: 'cli' },
  { in: 'server/src/server.ts', out: 'server' },
  { in: 'client/src/extension.ts', out: 'client' },
].filter((entry) => existsSync(entry.in));

await build({
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
});

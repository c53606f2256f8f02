// Build dist/server.js and dist/cli.js into another folder, for before/after runs with `--dist`:
//   node bench/tools/build-to.mjs OUTDIR [SRCROOT]
// SRCROOT defaults to the repository; point it at a copy of the tree to measure other sources.
import { build } from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [outdir, root = path.resolve(fileURLToPath(import.meta.url), '../../..')] = process.argv.slice(2);
if (!outdir) {
  console.error('usage: node bench/tools/build-to.mjs OUTDIR [SRCROOT]');
  process.exit(2);
}
// the tree's own bundling plugins, as its scripts/build.mjs uses them (none in trees older than them)
const pluginFile = path.join(root, 'scripts/lib/yamlPlugin.mjs');
const pluginModule = fs.existsSync(pluginFile) ? await import(pathToFileURL(pluginFile).href) : {};
const validatorsFile = path.join(root, 'scripts/lib/schemaValidators.mjs');
const validatorsModule = fs.existsSync(validatorsFile) ? await import(pathToFileURL(validatorsFile).href) : {};
const plugins = [pluginModule.yamlEsmBuild ?? pluginModule.yamlWithoutDebugEnv, validatorsModule.precompiledSchemas?.(root)].filter(Boolean);
await build({
  entryPoints: [
    { in: path.join(root, 'server/src/cli/index.ts'), out: 'cli' },
    { in: path.join(root, 'server/src/server.ts'), out: 'server' },
  ],
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode'],
  loader: { '.css': 'text' },
  sourcemap: true,
  logLevel: 'warning',
  nodePaths: [path.resolve(fileURLToPath(import.meta.url), '../../../node_modules')],
  plugins,
});

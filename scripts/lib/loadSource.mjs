// Loads modules of the TypeScript sources into a script, without a build: esbuild bundles a small
// entry in memory and the bundle is evaluated as a CommonJS module.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { yamlEsmBuild } from './yamlPlugin.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * `entry` is TypeScript resolved from the repository root, e.g.
 * `export { RULES } from './server/src/service/rules';`. Resolves with its exports.
 */
export async function loadSource(entry) {
  const result = await build({
    stdin: { contents: entry, resolveDir: ROOT, sourcefile: 'entry.ts', loader: 'ts' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    write: false,
    logLevel: 'silent',
    plugins: [yamlEsmBuild],
  });
  const module = { exports: {} };
  const require = createRequire(path.join(ROOT, 'package.json'));
  new Function('module', 'exports', 'require', result.outputFiles[0].text)(module, module.exports, require);
  return module.exports;
}

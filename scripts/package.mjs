#!/usr/bin/env node
// npm run package: production bundles, then dist/product-charters.vsix with @vscode/vsce
// (dependencies are bundled, so --no-dependencies), then scripts/check-vsix.mjs on it.
// The extension's page is README.extension.md, shipped as the .vsix's README with its pictures
// written into it (scripts/lib/extensionReadme.mjs says why), so they show offline; its links are
// kept as written (--no-rewrite-relative-links), not pointed at the repository's web address.
//
//   node scripts/package.mjs [--out dist/product-charters.vsix] [--no-check]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packReadme } from './lib/extensionReadme.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const out = path.resolve(repoRoot, outIndex >= 0 ? args[outIndex + 1] : 'dist/product-charters.vsix');

function run(cmd, cmdArgs) {
  console.log(`$ ${[cmd, ...cmdArgs].join(' ')}`);
  const r = spawnSync(cmd, cmdArgs, { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`package: ${cmd} ${cmdArgs.join(' ')} failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`})`);
    process.exit(1);
  }
}

const t0 = Date.now();
run(process.execPath, ['scripts/build.mjs', '--production']);
const readme = 'dist/extension-readme.md';
try {
  fs.writeFileSync(path.join(repoRoot, readme), packReadme(fs.readFileSync(path.join(repoRoot, 'README.extension.md'), 'utf8'), repoRoot));
} catch (error) {
  console.error(`package: ${error.message}`);
  process.exit(1);
}
run(process.execPath, [
  path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce'),
  'package',
  '--no-dependencies',
  '--readme-path',
  readme,
  '--no-rewrite-relative-links',
  '--out',
  out,
]);
if (!args.includes('--no-check')) run(process.execPath, ['scripts/check-vsix.mjs', out]);
console.log(`package: ${path.relative(repoRoot, out)} in ${((Date.now() - t0) / 1000).toFixed(1)}s`);

#!/usr/bin/env node
// npm's `prepare` (npm install in this repository, npm pack, an install from git): the production
// bundles. When npm prepares this repository as a global git dependency (as pre-commit installs a
// hook) it installs no devDependencies, so esbuild is missing: then nothing is built, and
// bin/charters.js runs the command line from action/index.js, which the repository keeps.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
try {
  createRequire(path.join(root, 'package.json')).resolve('esbuild');
} catch {
  console.error('prepare: esbuild is not installed, so dist/ is not built; `charters` runs from action/index.js.');
  process.exit(0);
}
const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--production'], { stdio: 'inherit' });
process.exit(build.status ?? 1);

import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The repository root: the folder above the compiled tests that holds tsconfig.json (tsc copies
 * the JSON files the sources import, package.json among them, into out/, so that is no marker).
 */
export function findRepoRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    let dir = path.resolve(start);
    for (;;) {
      if (fs.existsSync(path.join(dir, 'tsconfig.json')) && fs.existsSync(path.join(dir, 'package.json'))) return dir;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error(`cannot find the product-charters repository root above ${__dirname} or ${process.cwd()}`);
}

export const REPO_ROOT = findRepoRoot();

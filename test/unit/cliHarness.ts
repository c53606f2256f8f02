// What the command-line tests share: running bin/charters.js as a user would, a temporary
// workspace of given files, and a role document that lints clean.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from './repoRoot';

const BIN = path.join(REPO_ROOT, 'bin', 'charters.js');

/** `charters ARGS` in `cwd`, without colours (and with `env` added): its exit code and what it printed. */
export function charters(args: string[], cwd: string = REPO_ROOT, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A new temporary folder holding `files` (relative name → text). */
export function workspace(files: Record<string, string>, prefix = 'charters-cli-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** A product manager role with nothing to report. */
export const CLEAN_ROLE = [
  'kind: role',
  'id: product-manager',
  'title: Product Manager',
  'level: pm',
  'summary: Owns the checkout experience end to end.',
  'authority:',
  '  - Decide the order of the backlog',
  'responsibilities:',
  '  - prioritize-backlog',
  '',
].join('\n');

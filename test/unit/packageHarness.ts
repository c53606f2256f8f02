// The npm package as a team gets it: `npm pack` in the repository (its prepare script builds the
// production bundles), then the tarball installed into an empty folder outside the repository,
// offline and with an empty npm cache, so nothing can come from the registry or from this
// repository. Packed and installed once per test process, removed when the process exits.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from './repoRoot';

export interface InstalledPackage {
  /** The files in the tarball, as `npm pack` lists them, sorted. */
  files: string[];
  /** The package.json that was packed. */
  manifest: { name: string; version: string; bin?: Record<string, string>; dependencies?: Record<string, string> };
  /** The folder it is installed in: a package.json, a lock file and node_modules/. */
  folder: string;
  /** `node_modules/.bin/NAME` in that folder: the command npm linked. */
  bin(name: string): string;
  /** Milliseconds: npm pack with its production build; npm install of the tarball. */
  packMs: number;
  installMs: number;
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment the package's commands and npm run in: this process's, without what `npm test`
 * passes down (npm_* variables, node_modules/.bin folders on PATH), without colours.
 */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!/^npm_/i.test(name)) env[name] = value;
  const pathKey = Object.keys(env).find((name) => name.toUpperCase() === 'PATH') ?? 'PATH';
  env[pathKey] = (env[pathKey] ?? '')
    .split(path.delimiter)
    .filter((entry) => !entry.split(/[\\/]/).includes('node_modules'))
    .join(path.delimiter);
  env.NO_COLOR = '1';
  return env;
}

/** `command ARGS` in `cwd` with the clean environment (and `env` added): its exit code and output. */
export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Run {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...cleanEnv(), ...env }, timeout: 180_000 });
  if (result.error) throw new Error(`${command} ${args.join(' ')} could not run: ${result.error.message}`);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let installed: InstalledPackage | undefined;

export function installedPackage(): InstalledPackage {
  if (installed) return installed;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'charters-package-'));
  process.once('exit', () => fs.rmSync(scratch, { recursive: true, force: true }));
  const folder = path.join(scratch, 'team');
  const tarballs = path.join(scratch, 'tarballs');
  for (const dir of [folder, tarballs]) fs.mkdirSync(dir);
  // a package.json of its own: without one, npm installs into the nearest folder above that has a
  // node_modules or a package.json (a stray /tmp/node_modules would do)
  fs.writeFileSync(path.join(folder, 'package.json'), `${JSON.stringify({ name: 'team', private: true }, null, 2)}\n`);
  if (!path.relative(REPO_ROOT, folder).startsWith('..')) throw new Error(`${folder} is inside the repository: the test needs a folder outside it`);
  const npm = {
    npm_config_cache: path.join(scratch, 'npm-cache'),
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };

  let started = Date.now();
  const pack = run('npm', ['pack', '--json', '--pack-destination', tarballs], REPO_ROOT, npm);
  if (pack.code !== 0) throw new Error(`npm pack failed (exit ${pack.code}):\n${pack.stdout}\n${pack.stderr}`);
  const packMs = Date.now() - started;
  const [packed] = JSON.parse(pack.stdout) as { name: string; filename: string; files: { path: string }[] }[];
  const tarball = path.join(tarballs, packed.filename);

  started = Date.now();
  const install = run('npm', ['install', tarball], folder, npm);
  if (install.code !== 0) throw new Error(`npm install ${tarball} failed (exit ${install.code}):\n${install.stdout}\n${install.stderr}`);
  const installMs = Date.now() - started;

  const shipped = path.join(folder, 'node_modules', packed.name, 'package.json');
  const manifest = JSON.parse(fs.readFileSync(shipped, 'utf8')) as InstalledPackage['manifest'];
  installed = {
    files: packed.files.map((file) => file.path.split(path.sep).join('/')).sort(),
    manifest,
    folder,
    bin: (name) => path.join(folder, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name),
    packMs,
    installMs,
  };
  return installed;
}

// `charters init`: the starter workspace lints clean, nothing is ever overwritten, and the config
// it writes is one the service reads without problems.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { starterFiles } from '../../server/src/cli/init';
import { service } from './harness';
import { charters } from './cliHarness';
import { REPO_ROOT } from './repoRoot';

function temporaryFolder(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'charters-init-'));
}

/** Every file under `dir`, relative, with `/` between folders, sorted. */
function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => fs.statSync(path.join(dir, name)).isFile())
    .map((name) => name.split(path.sep).join('/'))
    .sort();
}

const STARTER_PATHS = starterFiles('2027-02-15')
  .map((file) => file.path)
  .sort();

describe('charters init', () => {
  test('writes the starter workspace into a new folder, which then lints with no findings', () => {
    const parent = temporaryFolder();
    const run = charters(['init', 'team'], parent);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const dir = path.join(parent, 'team');
    assert.deepEqual(filesUnder(dir), STARTER_PATHS);
    for (const file of STARTER_PATHS) assert.ok(run.stdout.includes(path.join('team', ...file.split('/'))), `${file} is not listed in:\n${run.stdout}`);
    assert.match(run.stdout, /charters lint team/);
    // the role and the ladder, checked together: a config, a role and a ladder naming it
    assert.ok(STARTER_PATHS.some((file) => file.endsWith('.role.yaml')));
    assert.ok(STARTER_PATHS.some((file) => file.endsWith('.ladder.yaml')));

    const lint = charters(['lint', 'team', '--format', 'json'], parent);
    assert.equal(lint.code, 0, lint.stdout + lint.stderr);
    const output = JSON.parse(lint.stdout);
    assert.deepEqual(output.summary, { errors: 0, warnings: 0 });
    assert.equal(output.files.length, STARTER_PATHS.length - 1);
    for (const file of output.files) assert.deepEqual(file.diagnostics, [], `${file.path} has findings`);
  });

  test('writes nothing, names the file that exists, and exits 2 when one of its files is there', () => {
    const dir = temporaryFolder();
    const existing = STARTER_PATHS.find((file) => file.endsWith('.role.yaml'))!;
    fs.mkdirSync(path.dirname(path.join(dir, existing)), { recursive: true });
    fs.writeFileSync(path.join(dir, existing), 'mine\n');
    const run = charters(['init', dir], REPO_ROOT);
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.ok(run.stderr.includes(path.join(dir, ...existing.split('/'))), run.stderr);
    assert.equal(run.stdout, '');
    assert.deepEqual(filesUnder(dir), [existing]);
    assert.equal(fs.readFileSync(path.join(dir, existing), 'utf8'), 'mine\n');
  });

  test('without a folder, writes into the current one', () => {
    const dir = temporaryFolder();
    const run = charters(['init'], dir);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual(filesUnder(dir), STARTER_PATHS);
    assert.match(run.stdout, /charters lint \./);
    assert.equal(charters(['lint'], dir).code, 0);
  });

  test('a file where the folder should be is a usage error', () => {
    const dir = temporaryFolder();
    fs.writeFileSync(path.join(dir, 'team'), '');
    const run = charters(['init', 'team'], dir);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /team is a file, not a folder/);
  });

  test('the help lists init', () => {
    assert.match(charters(['--help'], REPO_ROOT).stdout, /charters init \[DIR\]/);
  });
});

describe('the starter config', () => {
  const config = starterFiles('2027-02-15').find((file) => file.path === 'charters.config.yaml')!;

  test('parses with the service config parser without problems', () => {
    const { config: parsed, problems } = service.parseConfig(config.text);
    assert.deepEqual(problems, []);
    assert.equal(parsed?.rules['missing-authority'], 'error');
  });

  test('explains each key, and its commented-out examples parse too once uncommented', () => {
    for (const key of ['rules', 'taxonomy', 'levels', 'externalRoles', 'files', 'ignore']) assert.match(config.text, new RegExp(`^#? *${key}:`, 'm'), key);
    const uncommented = config.text.replace(/^# (taxonomy|externalRoles|files|ignore):/gm, '$1:').replace(/^# {3}/gm, '  ');
    const { config: parsed, problems } = service.parseConfig(uncommented);
    assert.deepEqual(problems, []);
    assert.equal(parsed?.taxonomy.levels?.[0].id, 'staff-pm');
    assert.equal(parsed?.externalRoles[0].id, 'engineering-manager');
  });
});

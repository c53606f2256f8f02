// The npm package a team installs: the tarball `npm pack` makes (prepare builds the production
// bundles), installed offline into an empty folder outside the repository, and its two commands
// run there the way a team runs them. The language server's protocol suite also runs against the
// installed `charters-language-server` (test/unit/lsp.test.ts).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { charters } from './cliHarness';
import { TODAY } from './harness';
import { setServerUnderTest } from './lspClient';
import { cleanEnv, installedPackage, run, type InstalledPackage } from './packageHarness';
import { REPO_ROOT } from './repoRoot';

/** What the tarball holds, and nothing else: the two commands, their bundles, the three texts. */
const SHIPPED = ['CHANGELOG.md', 'LICENSE', 'README.md', 'bin/charters-language-server.js', 'bin/charters.js', 'dist/cli.js', 'dist/server.js', 'package.json'];

/**
 * One row per command that `charters --help` lists, run by the installed package in a folder
 * holding a copy of examples/: adding a command to the CLI means adding its row here.
 */
const COMMANDS: { command: string; args: string[]; code: number; stdout: RegExp }[] = [
  { command: 'lint', args: ['lint', 'examples'], code: 0, stdout: /^No problems in \d+ files\.\n$/ },
  {
    command: 'taxonomy',
    args: ['taxonomy', '--format', 'markdown'],
    code: 0,
    stdout: /^# Product responsibility taxonomy\n[\s\S]*\*\*`prioritize-backlog`\*\*/,
  },
  {
    command: 'render',
    args: ['render', 'examples/product-ladder.ladder.yaml'],
    code: 0,
    stdout: /^<!DOCTYPE html>[\s\S]*<title>Product Management Career Ladder<\/title>[\s\S]*<\/html>\n?$/,
  },
  { command: 'init', args: ['init', 'starter'], code: 0, stdout: /Wrote [\s\S]*charters lint starter/ },
];

/** A new folder outside the repository holding a copy of examples/ (broken/ included). */
function copyOfExamples(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'charters-package-work-'));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  fs.cpSync(path.join(REPO_ROOT, 'examples'), path.join(dir, 'examples'), { recursive: true });
  return dir;
}

describe('the npm package, installed from its tarball into an empty folder', () => {
  let pkg: InstalledPackage;
  let work: string;
  const installed = (args: string[], cwd = work) => run(pkg.bin('charters'), args, cwd);

  before(() => {
    pkg = installedPackage();
    work = copyOfExamples();
  });

  test('the tarball holds exactly the two commands, their bundles, README, LICENSE and CHANGELOG', (t) => {
    t.diagnostic(`npm pack (production build included): ${pkg.packMs} ms; npm install of the tarball: ${pkg.installMs} ms`);
    assert.deepEqual(pkg.files, SHIPPED);
    assert.deepEqual(pkg.manifest.bin, { charters: './bin/charters.js', 'charters-language-server': './bin/charters-language-server.js' });
  });

  test('it installs offline with no dependencies: the bundles need nothing but Node', () => {
    assert.deepEqual(pkg.manifest.dependencies ?? {}, {});
    const modules = fs.readdirSync(path.join(pkg.folder, 'node_modules')).filter((name) => !name.startsWith('.'));
    assert.deepEqual(modules, [pkg.manifest.name]);
  });

  test('from the empty folder: npx charters init, then npx charters lint exits 0; a broken document exits 1 with an annotation on its line', () => {
    const npx = (args: string[]) => run('npx', ['charters', ...args], pkg.folder, { npm_config_offline: 'true' });
    const init = npx(['init']);
    assert.equal(init.code, 0, init.stdout + init.stderr);
    const clean = npx(['lint', '--format', 'json']);
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
    const report = JSON.parse(clean.stdout) as { files: { path: string; diagnostics: unknown[] }[]; summary: unknown };
    assert.deepEqual(report.summary, { errors: 0, warnings: 0 });
    assert.ok(report.files.length >= 2, `lint found ${report.files.length} documents`);
    assert.ok(!report.files.some((file) => file.path.includes('node_modules')), 'lint read node_modules');

    const role = report.files.map((file) => file.path).find((file) => file.endsWith('.role.yaml'))!;
    const text = fs.readFileSync(path.join(pkg.folder, role), 'utf8');
    const broken = text.replace(/^level: .*$/m, 'level: pn');
    assert.notEqual(broken, text, 'the starter role has a level to break');
    fs.writeFileSync(path.join(pkg.folder, role), broken);
    const line = broken.split('\n').indexOf('level: pn') + 1;
    const github = npx(['lint', '--format', 'github']);
    assert.equal(github.code, 1, github.stdout + github.stderr);
    assert.match(
      github.stdout,
      new RegExp(`^::error file=${role.replace(/[.]/g, '\\.')},line=${line},col=\\d+,endLine=${line},endColumn=\\d+,title=invalid-value::`, 'm'),
    );
  });

  test('charters --version and --help', () => {
    const version = installed(['--version']);
    assert.deepEqual(version, { code: 0, stdout: `${pkg.manifest.version}\n`, stderr: '' });
    const help = installed(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, new RegExp(`^charters ${pkg.manifest.version.replace(/\./g, '\\.')}: `));
  });

  test('every command that charters --help lists has a row in COMMANDS', () => {
    const listed = [...installed(['--help']).stdout.matchAll(/^ {2}charters ([a-z][a-z-]*)/gm)].map((match) => match[1]);
    assert.deepEqual(listed.sort(), COMMANDS.map((row) => row.command).sort());
  });

  for (const row of COMMANDS) {
    test(`charters ${row.args.join(' ')}: exit ${row.code}`, () => {
      const result = installed(row.args);
      assert.equal(result.code, row.code, result.stdout + result.stderr);
      assert.ok(row.stdout.test(result.stdout), `stdout does not match ${row.stdout}:\n${result.stdout.slice(0, 400)}`);
    });
  }

  test('on a copy of examples/: exit 0, no findings, the same report as the CLI in this repository', () => {
    const result = installed(['lint', 'examples', '--today', TODAY, '--format', 'json']);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const report = JSON.parse(result.stdout) as { files: { path: string; diagnostics: unknown[] }[] };
    assert.ok(report.files.length > 5, `${report.files.length} documents`);
    for (const file of report.files) assert.deepEqual(file.diagnostics, [], file.path);
    assert.deepEqual(report, JSON.parse(charters(['lint', 'examples', '--today', TODAY, '--format', 'json']).stdout));
  });

  test('on a copy of examples/broken/: exit 1 with the same findings (JSON) as the CLI in this repository', () => {
    const result = installed(['lint', 'examples/broken', '--today', TODAY, '--format', 'json']);
    assert.equal(result.code, 1, result.stderr);
    const inRepository = charters(['lint', 'examples/broken', '--today', TODAY, '--format', 'json']);
    assert.equal(inRepository.code, 1, inRepository.stderr);
    const report = JSON.parse(result.stdout) as { files: { path: string; diagnostics: unknown[] }[] };
    assert.ok(
      report.files.every((file) => file.path.startsWith('examples/broken/')),
      'paths relative to the folder it ran in',
    );
    assert.ok(report.files.some((file) => file.diagnostics.length > 0));
    assert.deepEqual(report, JSON.parse(inRepository.stdout));
  });

  test('on a copy of examples/broken/, --format github prints test/fixtures/cli/broken.github.txt', () => {
    const result = installed(['lint', 'examples/broken', '--today', TODAY, '--format', 'github']);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /^::error file=examples\/broken\//m);
    assert.equal(result.stdout, fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'cli', 'broken.github.txt'), 'utf8'));
  });

  test('charters-language-server: --version; without a transport, its usage and exit 2 (the protocol itself: lsp.test.ts)', () => {
    const server = pkg.bin('charters-language-server');
    assert.deepEqual(run(server, ['--version'], work), { code: 0, stdout: `${pkg.manifest.version}\n`, stderr: '' });
    const bare = run(server, [], work);
    assert.equal(bare.code, 2);
    assert.match(bare.stderr, /^charters-language-server: no transport given \(--stdio, /);
    assert.match(bare.stderr, /charters-language-server --stdio/);
  });
});

// The protocol suite of lsp.test.ts once more, in this process, against the installed
// charters-language-server: the command that docs/editors.md tells Neovim and Helix to start.
setServerUnderTest({
  name: 'charters-language-server --stdio, installed from the packed tarball',
  start: () => ({ command: installedPackage().bin('charters-language-server'), args: ['--stdio'], env: cleanEnv() }),
});
require('./lsp.test');

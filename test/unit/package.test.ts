// The npm package a team installs: the tarball `npm pack` makes (prepare builds the production
// bundles), installed offline into an empty folder outside the repository, and its two commands
// run there the way a team runs them. The language server's protocol suite also runs against the
// installed `charters-language-server` (test/unit/lsp.test.ts).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { charters } from './cliHarness';
import { TODAY } from './harness';
import { setServerUnderTest } from './lspClient';
import { cleanEnv, installedPackage, run, type InstalledPackage } from './packageHarness';
import { REPO_ROOT } from './repoRoot';

/**
 * What the tarball holds, and nothing else: the two commands, their bundles (action/index.js is
 * the command line, the one the GitHub Action runs; dist/server.js the language server), the
 * texts. npm adds every README.* at the root whatever .npmignore says, so the extension's page
 * comes along.
 */
const SHIPPED = [
  'CHANGELOG.md',
  'LICENSE',
  'README.extension.md',
  'README.md',
  'action/index.js',
  'bin/charters-language-server.js',
  'bin/charters.js',
  'dist/server.js',
  'package.json',
];

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
  {
    command: 'site',
    args: ['site', 'examples', '-o', 'site-out'],
    code: 0,
    stdout: /^Wrote \d+ pages to site-out in [\d.]+ s: open site-out[/\\]index\.html\n$/,
  },
  // the copy of examples/ is no git repository: what diff says there (its comparison: the test below)
  { command: 'diff', args: ['diff', 'HEAD'], code: 2, stdout: /^$/ },
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

  test('charters diff in a git repository: a role retitled in the working tree, in product words', () => {
    const repo = copyOfExamples();
    const git = (...args: string[]) => run('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], repo);
    for (const args of [
      ['init', '-q'],
      ['add', '-A'],
      ['commit', '-qm', 'base'],
    ])
      assert.equal(git(...args).code, 0);
    const file = path.join(repo, 'examples', 'roles', 'cpo.role.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: Chief Product and Design Officer'));
    const result = installed(['diff', 'HEAD', 'examples/roles'], repo);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /Chief Product and Design Officer/);
    assert.match(result.stdout, /\[cpo\]/);
  });

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

/** Neovim's version, or why there is none to run. */
function neovim(): { version: [number, number] } | { missing: string } {
  const result = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return { missing: 'nvim is not installed (Debian: apt-get install neovim)' };
  const match = /NVIM v(\d+)\.(\d+)/.exec(result.stdout);
  return match ? { version: [Number(match[1]), Number(match[2])] } : { missing: `cannot read the version of nvim: ${result.stdout.split('\n')[0]}` };
}

describe('Neovim, headless, with the setup of docs/editors.md', () => {
  const found = neovim();
  const at = (major: number, minor: number) => 'version' in found && (found.version[0] > major || (found.version[0] === major && found.version[1] >= minor));

  test('a charter document gets the filetype yaml.charters and the findings of the installed server', {
    skip: 'missing' in found ? found.missing : false,
  }, (t) => {
    const page = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'editors.md'), 'utf8');
    const lua = [...page.matchAll(/```lua\n([\s\S]*?)```/g)].map((match) => match[1]);
    const block = (marker: string) => lua.find((text) => text.includes(marker))!;
    // the page's blocks, as far as this Neovim has the functions they call
    let filetypes = block('vim.filetype.add(');
    if (!at(0, 9)) filetypes = filetypes.replace(/^.*vim\.treesitter.*$/gm, '');
    let start: string;
    if (at(0, 11)) start = block('vim.lsp.enable(');
    else if (at(0, 8)) start = block('vim.lsp.start(');
    else {
      // Neovim 0.7 has no vim.lsp.start: the page's filetypes, and the server started by hand
      start = [
        "vim.api.nvim_create_autocmd('FileType', { pattern = 'yaml.charters', callback = function(args)",
        "  vim.lsp.buf_attach_client(args.buf, vim.lsp.start_client({ name = 'charters', cmd = { 'charters-language-server', '--stdio' }, root_dir = vim.fn.getcwd() }))",
        'end })',
      ].join('\n');
    }
    t.diagnostic(
      `nvim ${(found as { version: number[] }).version.join('.')}: ${at(0, 11) ? 'vim.lsp.config' : at(0, 8) ? 'vim.lsp.start' : 'vim.lsp.start_client (the page needs 0.8)'}`,
    );

    const pkg = installedPackage();
    const team = copyOfExamples();
    const init = run(pkg.bin('charters'), ['init', 'team'], team);
    assert.equal(init.code, 0, init.stderr);
    const folder = path.join(team, 'team');
    const role = path.join(folder, 'roles', 'product-manager.role.yaml');
    fs.writeFileSync(role, fs.readFileSync(role, 'utf8').replace(/^level: .*$/m, 'level: pn'));
    fs.writeFileSync(path.join(folder, 'notes.yaml'), 'title: not a charter document\n');
    const result = path.join(team, 'result.json');
    const script = path.join(team, 'check.lua');
    fs.writeFileSync(
      script,
      [
        // before 0.8, the Lua filetype detection is opt-in; -u NONE leaves detection off
        'vim.g.do_filetype_lua = 1',
        "vim.cmd('filetype on')",
        filetypes,
        start,
        "vim.cmd('edit notes.yaml')",
        'local notes = vim.bo.filetype',
        "vim.cmd('edit roles/product-manager.role.yaml')",
        'local arrived = vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50)',
        'local found = {}',
        'for _, d in ipairs(vim.diagnostic.get(0)) do table.insert(found, { line = d.lnum, code = d.code }) end',
        `vim.fn.writefile({ vim.fn.json_encode({ notes = notes, filetype = vim.bo.filetype, arrived = arrived, diagnostics = found }) }, ${JSON.stringify(result)})`,
        "vim.cmd('qa!')",
      ].join('\n'),
    );
    const bin = path.dirname(pkg.bin('charters-language-server'));
    const home = path.join(team, 'home');
    const env = {
      PATH: `${bin}${path.delimiter}${cleanEnv().PATH}`,
      HOME: home,
      XDG_CONFIG_HOME: home,
      XDG_DATA_HOME: home,
      XDG_STATE_HOME: home,
      XDG_CACHE_HOME: home,
    };
    const editor = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${script}`], {
      cwd: folder,
      encoding: 'utf8',
      env: { ...cleanEnv(), ...env },
      timeout: 60_000,
    });
    assert.ok(fs.existsSync(result), `nvim wrote no result (exit ${editor.status}):\n${editor.stdout}\n${editor.stderr}`);
    const seen = JSON.parse(fs.readFileSync(result, 'utf8')) as {
      notes: string;
      filetype: string;
      arrived: boolean;
      diagnostics: { line: number; code: string }[];
    };
    assert.equal(seen.notes, 'yaml', 'another YAML file keeps its filetype');
    assert.equal(seen.filetype, 'yaml.charters');
    assert.ok(seen.arrived, 'no diagnostics arrived within 20 s');
    const level = fs.readFileSync(role, 'utf8').split('\n').indexOf('level: pn');
    assert.deepEqual(seen.diagnostics, [{ line: level, code: 'invalid-value' }]);
  });
});

// The protocol suite of lsp.test.ts once more, in this process, against the installed
// charters-language-server: the command that docs/editors.md tells Neovim and Helix to start.
setServerUnderTest({
  name: 'charters-language-server --stdio, installed from the packed tarball',
  start: () => ({ command: installedPackage().bin('charters-language-server'), args: ['--stdio'], env: cleanEnv() }),
});
require('./lsp.test');

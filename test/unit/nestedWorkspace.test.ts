// A git repository with a config in a sub-folder: documents above and below it, a document added
// by the config's `files`, references crossing the two workspaces. The language server and
// `charters lint` must report the same findings for every file, and the server must keep a
// closed `files` document and the config itself up to date from watched-file events.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import picomatch from 'picomatch';
import type { Diagnostic } from 'vscode-languageserver-types';
import { LspClient, uriOf } from './lspClient';
import { REPO_ROOT } from './repoRoot';

const role = (id: string, level: string, extra: string[] = []) =>
  [
    `kind: role`,
    `id: ${id}`,
    `title: ${id}`,
    `level: ${level}`,
    'summary: Owns one product area end to end.',
    'authority:',
    '  - Decides the order of the backlog',
    ...extra,
    '',
  ].join('\n');

const CONFIG = ['files: ["people/*.yaml"]', 'ignore: ["drafts/**"]', 'rules:', '  unknown-responsibility: error', ''].join('\n');

const TREE: Record<string, string> = {
  '.git/HEAD': 'ref: refs/heads/main\n',
  // the repository's own workspace (no config above: the git root)
  'pm.role.yaml': role('pm', 'pm', ['responsibilities:', '  - prioritice-backlog']),
  'lead.role.yaml': role('lead', 'pm', ['responsibilities:', '  - prioritize-backlog']),
  'ladder.ladder.yaml': [
    'kind: ladder',
    'id: ladder',
    'title: Ladder',
    'tracks:',
    '  - id: ic',
    '    title: IC',
    '    roles:',
    '      - pm',
    '      - senior-pm',
    '',
  ].join('\n'),
  // the product workspace
  'product/charters.config.yaml': CONFIG,
  'product/people/lead.yaml': role('lead', 'group-pm', ['responsibilities:', '  - coach-product-managers']),
  'product/roles/senior-pm.role.yaml': role('senior-pm', 'senior-pm', ['reportsTo: lead', 'responsibilities:', '  - prioritice-backlog']),
  'product/vision.vision.yaml': [
    'kind: vision',
    'id: checkout',
    'title: Checkout',
    'statement: Paying is the easiest part of shopping.',
    'targetGroup: [Shoppers]',
    'needs: [Pay fast]',
    'product: [One-tap checkout]',
    'businessGoals: [Raise conversion by 5%]',
    '',
  ].join('\n'),
  'product/team.charter.yaml': [
    'kind: charter',
    'id: checkout-team',
    'title: Checkout team',
    'mission: Make paying effortless.',
    'scope:',
    '  in: [Checkout]',
    '  out: [Search]',
    'team:',
    '  - role: lead',
    '  - role: pm',
    'decisionRights:',
    '  - decision: Roadmap order',
    '    owner: lead',
    'successMetrics:',
    '  - metric: Conversion',
    '    target: 5% higher',
    '',
  ].join('\n'),
  'product/drafts/half.role.yaml': 'kind: role\n',
};

const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];

interface Finding {
  code: string;
  severity: string;
  range: Diagnostic['range'];
}

function layout(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'charters-nested-')));
  for (const [name, text] of Object.entries(TREE)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function lint(args: string[], cwd: string): Map<string, Finding[]> {
  const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'charters.js'), 'lint', ...args, '--format', 'json'], { cwd, encoding: 'utf8' });
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  const output = JSON.parse(run.stdout) as { files: { path: string; diagnostics: Finding[] }[] };
  return new Map(
    output.files.map((file) => [file.path.split(path.sep).join('/'), sorted(file.diagnostics.map(({ code, severity, range }) => ({ code, severity, range })))]),
  );
}

function sorted(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code),
  );
}

const codesOn = (findings: Finding[] | Diagnostic[], code: string) =>
  findings.filter((finding) => finding.code === code).map((finding) => finding.range.start.line);

describe('a nested workspace: the language server and charters lint agree', () => {
  let dir: string;
  let client: LspClient;

  before(async () => {
    dir = layout();
    client = new LspClient();
    await client.initialize(dir);
    await client.logged(/^Indexed \d+ charter documents/);
  });

  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the CLI reports each document with its own workspace', () => {
    const cli = lint(['.'], dir);
    assert.deepEqual([...cli.keys()].sort(), [
      'ladder.ladder.yaml',
      'lead.role.yaml',
      'pm.role.yaml',
      'product/people/lead.yaml',
      'product/roles/senior-pm.role.yaml',
      'product/team.charter.yaml',
      'product/vision.vision.yaml',
    ]);
    // the ladder above the config does not see senior-pm below it
    assert.deepEqual(codesOn(cli.get('ladder.ladder.yaml')!, 'unresolved-reference'), [8]);
    // the charter sees lead (from `files`) and not pm (above the config)
    assert.deepEqual(codesOn(cli.get('product/team.charter.yaml')!, 'unresolved-reference'), [9]);
    // the config's severity below it, the default above it
    assert.deepEqual(
      cli.get('product/roles/senior-pm.role.yaml')!.map((f) => `${f.code}:${f.severity}`),
      ['unknown-responsibility:error'],
    );
    assert.deepEqual(
      cli.get('pm.role.yaml')!.map((f) => `${f.code}:${f.severity}`),
      ['unknown-responsibility:warning'],
    );
    // two roles named lead, one in each workspace: no duplicate
    for (const findings of cli.values()) assert.deepEqual(codesOn(findings, 'duplicate-id'), []);
    assert.match(client.logs.find((message) => message.startsWith('Indexed'))!, /^Indexed 7 charter documents/);
  });

  test('a path inside a workspace is checked against the whole workspace, and only it is reported', () => {
    const cli = lint(['product/roles'], dir);
    assert.deepEqual([...cli.keys()], ['product/roles/senior-pm.role.yaml']);
    assert.deepEqual(codesOn(cli.get('product/roles/senior-pm.role.yaml')!, 'unresolved-reference'), [], 'reportsTo: lead resolves into people/');
  });

  test('the server publishes the same findings for every file', async () => {
    const cli = lint(['.'], dir);
    const uris = [...cli.keys()].map((relative) => uriOf(path.join(dir, relative)));
    uris.forEach((uri, at) => client.open(uri, fs.readFileSync(path.join(dir, [...cli.keys()][at]), 'utf8')));
    for (const [relative, expected] of cli) {
      const published = await client.diagnosticsFor(uriOf(path.join(dir, relative)));
      const actual = sorted(published.map((d) => ({ code: String(d.code), severity: SEVERITY[d.severity ?? 1], range: d.range })));
      assert.deepEqual(actual, expected, relative);
    }
    for (const uri of uris) client.close(uri);
  });
});

describe('a nested workspace: watched files', () => {
  let dir: string;
  let client: LspClient;
  const file = (relative: string) => path.join(dir, relative);
  const changed = (relative: string, type = 2) =>
    client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(file(relative)), type }] });

  /** Whether a file-watching registration of the server covers changes to `relative`. */
  function watched(relative: string): boolean {
    for (const { method, registerOptions } of client.registrations.values()) {
      if (method !== 'workspace/didChangeWatchedFiles') continue;
      for (const { globPattern, kind = 7 } of (registerOptions as { watchers: { globPattern: string | { baseUri: string; pattern: string }; kind?: number }[] })
        .watchers) {
        if (!(kind & 2)) continue; // created and deleted only (folders)
        const target = file(relative);
        if (typeof globPattern === 'string') {
          if (picomatch(globPattern, { dot: true })(target.split(path.sep).join('/'))) return true;
        } else {
          const inBase = path.relative(fileURLToPath(globPattern.baseUri), target);
          if (!inBase.startsWith('..') && picomatch(globPattern.pattern, { dot: true })(inBase.split(path.sep).join('/'))) return true;
        }
      }
    }
    return false;
  }

  before(async () => {
    dir = layout();
    client = new LspClient();
    await client.initialize(dir);
    await client.logged(/^Indexed \d+ charter documents/);
  });

  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("the server asks the editor to watch the documents, the configs and each config's files", () => {
    assert.ok(watched('pm.role.yaml'));
    assert.ok(watched('product/roles/senior-pm.role.yaml'));
    assert.ok(watched('product/charters.config.yaml'));
    assert.ok(watched('product/people/lead.yaml'), "the config's files glob");
    assert.ok(!watched('people/lead.yaml'), "relative to the config's folder, not the editor's");
  });

  test('editing a closed `files` document on disk updates the open documents that reference it', async () => {
    const charter = uriOf(file('product/team.charter.yaml'));
    client.open(charter, fs.readFileSync(file('product/team.charter.yaml'), 'utf8'));
    await client.diagnosticsFor(charter, (d) => codesOn(d, 'unresolved-reference').join() === '9');
    fs.writeFileSync(file('product/people/lead.yaml'), TREE['product/people/lead.yaml'].replace('id: lead', 'id: team-lead'));
    await changed('product/people/lead.yaml');
    await client.diagnosticsFor(charter, (d) => codesOn(d, 'unresolved-reference').join() === '8,9,12');
    fs.writeFileSync(file('product/people/lead.yaml'), TREE['product/people/lead.yaml']);
    await changed('product/people/lead.yaml');
    await client.diagnosticsFor(charter, (d) => codesOn(d, 'unresolved-reference').join() === '9');
    client.close(charter);
  });

  test('a changed config re-checks the documents it governs and re-registers its globs', async () => {
    const charter = uriOf(file('product/team.charter.yaml'));
    const senior = uriOf(file('product/roles/senior-pm.role.yaml'));
    client.open(charter, fs.readFileSync(file('product/team.charter.yaml'), 'utf8'));
    client.open(senior, fs.readFileSync(file('product/roles/senior-pm.role.yaml'), 'utf8'));
    await client.diagnosticsFor(senior, (d) => d.some((x) => x.code === 'unknown-responsibility' && x.severity === 1));
    fs.writeFileSync(file('product/charters.config.yaml'), 'rules:\n  unknown-responsibility: info\n');
    await changed('product/charters.config.yaml');
    await client.diagnosticsFor(senior, (d) => d.some((x) => x.code === 'unknown-responsibility' && x.severity === 3));
    // without its `files` glob, people/lead.yaml is no document of the workspace any more
    await client.diagnosticsFor(charter, (d) => codesOn(d, 'unresolved-reference').join() === '8,9,12');
    assert.ok(!watched('product/people/lead.yaml'));
    fs.writeFileSync(file('product/charters.config.yaml'), CONFIG);
    await changed('product/charters.config.yaml');
    await client.diagnosticsFor(charter, (d) => codesOn(d, 'unresolved-reference').join() === '9');
    assert.ok(watched('product/people/lead.yaml'));
    client.close(charter);
    client.close(senior);
  });

  test('the charters.rules setting applies only where there is no config file', async () => {
    const other = new LspClient({ rules: { 'unknown-responsibility': 'off' }, files: [] });
    try {
      await other.initialize(dir);
      await other.logged(/^Indexed \d+ charter documents/);
      const pm = uriOf(file('pm.role.yaml'));
      const senior = uriOf(file('product/roles/senior-pm.role.yaml'));
      other.open(pm, fs.readFileSync(file('pm.role.yaml'), 'utf8'));
      other.open(senior, fs.readFileSync(file('product/roles/senior-pm.role.yaml'), 'utf8'));
      assert.deepEqual(await other.diagnosticsFor(pm), []);
      assert.deepEqual(
        (await other.diagnosticsFor(senior)).map((d) => `${d.code}:${d.severity}`),
        ['unknown-responsibility:1'],
      );
    } finally {
      await other.stop();
    }
  });
});

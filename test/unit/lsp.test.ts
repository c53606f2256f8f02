// Protocol tests: the bundled server (dist/server.js) over stdio, driven by a plain JSON-RPC
// client as any LSP editor would drive it. No VS Code involved. package.test.ts runs the same
// suite against the charters-language-server that the npm package installs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionList, Diagnostic, Hover, Location, WorkspaceEdit, DocumentSymbol } from 'vscode-languageserver-types';
import { SHOW_DOCUMENT_COMMAND, SITE_REQUEST, type SiteResult } from '../../server/src/protocol';
import { fileURLToPath } from 'node:url';
import { LspClient, currentServerUnderTest, uriOf } from './lspClient';

const PM = [
  'kind: role',
  'id: pm',
  'title: Product Manager',
  'level: pm',
  'summary: Owns one product area end to end.',
  'authority:',
  '  - Decides the order of the backlog',
  'responsibilities:',
  '  - prioritize-backlog',
  '',
].join('\n');

const SENIOR = [
  'kind: role',
  'id: senior-pm',
  'title: Senior Product Manager',
  'level: senior-pm',
  'summary: Owns a larger product area.',
  // the role document is kept by the PM (a senior PM reporting to a PM is a reports-to-rank finding)
  'owner: pm',
  'inherits: pm',
  'authority:',
  '  - Decides the roadmap of the area',
  'responsibilities:',
  '  - mentor-junior-product-managers',
  '',
].join('\n');

const LADDER = [
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
].join('\n');

describe(`language server over stdio: ${currentServerUnderTest().name}`, () => {
  let dir: string;
  let client: LspClient;
  const file = (name: string) => path.join(dir, name);

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'charters-lsp-'));
    fs.writeFileSync(file('pm.role.yaml'), PM);
    fs.writeFileSync(file('senior.role.yaml'), SENIOR);
    fs.writeFileSync(file('ladder.ladder.yaml'), LADDER);
    client = new LspClient();
    const init = await client.initialize(dir);
    assert.ok(init.capabilities.completionProvider && init.capabilities.hoverProvider && init.capabilities.renameProvider);
  });

  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('diagnostics arrive for an opened document and follow edits', async () => {
    const uri = uriOf(file('pm.role.yaml'));
    const broken = PM.replace('prioritize-backlog', 'prioritice-backlog');
    client.open(uri, broken);
    const [finding] = await client.diagnosticsFor(uri, (d) => d.length > 0);
    assert.equal(finding.code, 'unknown-responsibility');
    assert.deepEqual(finding.range, { start: { line: 8, character: 4 }, end: { line: 8, character: 22 } });
    assert.match(String(finding.codeDescription?.href), /unknown-responsibility\.md$/);
    // type the "z" back over the typo, as a user would: c -> z
    client.change(uri, { start: { line: 8, character: 12 }, end: { line: 8, character: 13 } }, 'z');
    await client.diagnosticsFor(uri, (d) => d.length === 0);
    client.close(uri);
  });

  test("due dates are compared with the machine's date", async () => {
    const uri = uriOf(file('due.role.yaml'));
    const goal = 'goals:\n  - goal: Shoppers pay faster\n    measure: Median seconds to pay\n    target: under 45\n    due: 2000-01-31\n';
    client.open(uri, PM.replace('id: pm', 'id: due-pm').replace('level: pm', 'status: approved\nlevel: pm') + goal);
    const [finding] = await client.diagnosticsFor(uri, (d) => d.length > 0);
    assert.equal(finding.code, 'past-due');
    assert.deepEqual(finding.range.start, { line: 14, character: 9 });
    client.close(uri);
  });

  test('a quick fix from the server repairs the document', async () => {
    const uri = uriOf(file('pm.role.yaml'));
    const broken = PM.replace('prioritize-backlog', 'prioritice-backlog');
    client.open(uri, broken);
    const diagnostics = await client.diagnosticsFor(uri, (d) => d.length > 0);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics[0].range,
      context: { diagnostics, only: ['quickfix'] },
    });
    // the nearest id is a suggestion: offered, never preferred (Fix All and fix on save leave it)
    const fix = actions.find((action) => action.title === 'Change to "prioritize-backlog"')!;
    assert.ok(fix, actions.map((action) => action.title).join(', '));
    assert.notEqual(fix.isPreferred, true);
    const titles = actions.map((action) => action.title);
    assert.ok(titles.includes('Silence unknown-responsibility on this line'), titles.join(', '));
    assert.ok(titles.includes('Learn more about unknown-responsibility'));
    const [edit] = fix.edit!.changes![uri];
    client.change(uri, edit.range, edit.newText);
    await client.diagnosticsFor(uri, (d) => d.length === 0);
    client.close(uri);
  });

  test('completion lists taxonomy responsibilities after "- ", the level\'s own first', async () => {
    const uri = uriOf(file('new.role.yaml'));
    const text = 'kind: role\nid: new-pm\ntitle: New\nlevel: pm\nresponsibilities:\n  - \n';
    client.open(uri, text);
    const result = await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: { line: 5, character: 4 } });
    const labels = (result?.items ?? []).map((item) => item.label);
    assert.ok(labels.includes('prioritize-backlog'), labels.slice(0, 10).join(', '));
    client.close(uri);
  });

  test('hover on a responsibility id explains it', async () => {
    const uri = uriOf(file('pm.role.yaml'));
    client.open(uri, PM);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 8, character: 8 } });
    assert.ok(hover, 'a hover');
    const text = JSON.stringify(hover!.contents);
    assert.match(text, /backlog/i);
    client.close(uri);
  });

  test('go to definition jumps from a reference to an unopened file', async () => {
    const uri = uriOf(file('senior.role.yaml'));
    client.open(uri, SENIOR);
    const locations = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: { line: 5, character: 8 } });
    assert.deepEqual(locations, [{ uri: uriOf(file('pm.role.yaml')), range: { start: { line: 1, character: 4 }, end: { line: 1, character: 6 } } }]);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(
      symbols.slice(0, 3).map((symbol) => symbol.name),
      ['kind', 'id', 'title'],
    );
    client.close(uri);
  });

  test('rename of a role id updates every reference, open or not', async () => {
    const uri = uriOf(file('pm.role.yaml'));
    client.open(uri, PM);
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri },
      position: { line: 1, character: 5 },
      newName: 'product-manager',
    });
    const changes = edit.changes!;
    assert.deepEqual(Object.keys(changes).sort(), [uriOf(file('ladder.ladder.yaml')), uri, uriOf(file('senior.role.yaml'))].sort());
    const ladder = TextDocument.create('l', 'yaml', 1, LADDER);
    const renamed = TextDocument.applyEdits(ladder, changes[uriOf(file('ladder.ladder.yaml'))]);
    assert.match(renamed, /roles:\n {6}- product-manager\n {6}- senior-pm/);
    assert.equal(changes[uriOf(file('senior.role.yaml'))].length, 2, 'owner and inherits');
    client.close(uri);
  });

  test('deleting a role flags the documents that point at it', async () => {
    const uri = uriOf(file('senior.role.yaml'));
    client.open(uri, SENIOR);
    await client.diagnosticsFor(uri, (d) => d.length === 0);
    fs.rmSync(file('pm.role.yaml'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(file('pm.role.yaml')), type: 3 }] });
    const diagnostics = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'unresolved-reference'));
    assert.deepEqual(
      diagnostics.filter((d) => d.code === 'unresolved-reference').map((d) => d.range.start.line),
      [5, 6],
    );
    // and bringing it back clears them
    fs.writeFileSync(file('pm.role.yaml'), PM);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(file('pm.role.yaml')), type: 1 }] });
    await client.diagnosticsFor(uri, (d) => d.length === 0);
    client.close(uri);
  });

  test('"Add all missing sections" on a role typed from scratch leaves only placeholders to fill in', async () => {
    const uri = uriOf(file('scratch.role.yaml'));
    const text = '# A new role\nkind: role\nid: scratch\nlevel: senior-pm\n';
    client.open(uri, text);
    const diagnostics = await client.diagnosticsFor(uri, (d) => d.filter((x) => x.code === 'missing-section').length === 3);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics[0].range,
      context: { diagnostics, only: ['quickfix'] },
    });
    const all = actions.find((action) => /^Add all \d+ missing sections$/.test(action.title));
    assert.ok(all, actions.map((action) => action.title).join(', '));
    const edited = TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, text), all!.edit!.changes![uri]);
    assert.ok(edited.startsWith('# A new role\nkind: role\nid: scratch\ntitle: '), edited);
    client.close(uri);
    client.open(uri, edited);
    const after = await client.diagnosticsFor(uri, (d) => !d.some((x) => x.code === 'missing-section'));
    const left = after.map((d) => d.code).filter((code) => code !== 'unknown-responsibility' && code !== 'unresolved-reference');
    assert.deepEqual(left, [], JSON.stringify(after.map((d) => d.message)));
    client.close(uri);
  });

  test('source.fixAll.charters applies every safe fix at once, and no suggestion', async () => {
    const uri = uriOf(file('pm.role.yaml'));
    // safe: the misspelt key, the missing summary; suggestions: the nearest level and responsibility
    const broken = PM.replace('level: pm', 'level: pn')
      .replace('prioritize-backlog', 'prioritice-backlog')
      .replace('summary: Owns one product area end to end.\n', '')
      .replace('authority:', 'authorty:');
    client.open(uri, broken);
    await client.diagnosticsFor(uri, (d) => d.length === 4);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.charters');
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, broken), actions[0].edit!.changes![uri]);
    assert.equal(
      fixed,
      PM.replace('level: pm', 'level: pn')
        .replace('prioritize-backlog', 'prioritice-backlog')
        .replace('summary: Owns one product area end to end.', 'summary: "TODO: why this role exists"'),
    );
    client.close(uri);
  });

  test('a client that cannot create files is not offered "Create role"', async () => {
    const uri = uriOf(file('pm.role.yaml'));
    const text = PM.replace('level: pm\n', 'level: pm\nreportsTo: lead-pm\n');
    client.open(uri, text);
    const diagnostics = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'unresolved-reference'));
    const finding = diagnostics.find((d) => d.code === 'unresolved-reference')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: finding.range,
      context: { diagnostics: [finding], only: ['quickfix'] },
    });
    assert.ok(
      actions.some((action) => action.title.startsWith('Silence unresolved-reference')),
      actions.map((action) => action.title).join(', '),
    );
    assert.ok(!actions.some((action) => action.title.startsWith('Create ')), actions.map((action) => action.title).join(', '));
    client.close(uri);
  });

  test('"Create role" creates the file and the server asks the client to show it', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'charters-lsp-create-'));
    fs.mkdirSync(path.join(folder, 'roles'));
    fs.mkdirSync(path.join(folder, 'ladders'));
    fs.writeFileSync(path.join(folder, 'roles', 'pm.role.yaml'), PM);
    fs.writeFileSync(path.join(folder, 'roles', 'senior.role.yaml'), SENIOR);
    const other = new LspClient();
    try {
      const init = await other.initialize(folder, {
        workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] }, executeCommand: {} },
        window: { showDocument: { support: true } },
      });
      assert.deepEqual((init.capabilities.executeCommandProvider as { commands: string[] }).commands, [SHOW_DOCUMENT_COMMAND]);
      const ladder = uriOf(path.join(folder, 'ladders', 'ladder.ladder.yaml'));
      other.open(ladder, LADDER.replace('      - senior-pm\n', '      - senior-pm\n      - group-pm-payments\n'));
      // once the workspace is indexed, only the new rung is unresolved
      const unresolved = (d: Diagnostic[]) => d.filter((x) => x.code === 'unresolved-reference');
      const diagnostics = await other.diagnosticsFor(ladder, (d) => unresolved(d).length === 1 && unresolved(d)[0].range.start.line === 9, 10000);
      const finding = unresolved(diagnostics)[0];
      const actions = await other.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: ladder },
        range: finding.range,
        context: { diagnostics: [finding], only: ['quickfix'] },
      });
      const create = actions.find((action) => action.title.startsWith('Create role "group-pm-payments"'));
      assert.ok(create, actions.map((action) => action.title).join(', '));
      const created = uriOf(path.join(folder, 'roles', 'group-pm-payments.role.yaml'));
      const [createFile, insert] = create.edit!.documentChanges! as [{ kind: string; uri: string }, { edits: { newText: string }[] }];
      assert.deepEqual(createFile, { kind: 'create', uri: created, options: { overwrite: false, ignoreIfExists: false } });
      assert.match(insert.edits[0].newText, /^kind: role\nid: group-pm-payments\ntitle: Group PM Payments\nstatus: draft\nupdated: \d{4}-\d{2}-\d{2}\n/);
      assert.deepEqual(create.command, { title: 'Open the new document', command: SHOW_DOCUMENT_COMMAND, arguments: [created] });

      // what an editor does with it: apply the edit, then run the command
      fs.writeFileSync(path.join(folder, 'roles', 'group-pm-payments.role.yaml'), insert.edits[0].newText);
      await other.request('workspace/executeCommand', { command: create.command!.command, arguments: create.command!.arguments });
      assert.deepEqual(other.shown, [{ uri: created, takeFocus: true }]);

      // the file is there: no second offer, and once the editor opens it the finding is gone
      const again = await other.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: ladder },
        range: finding.range,
        context: { diagnostics: [finding], only: ['quickfix'] },
      });
      assert.ok(!again.some((action) => action.title.startsWith('Create ')), again.map((action) => action.title).join(', '));
      other.open(created, insert.edits[0].newText);
      await other.diagnosticsFor(ladder, (d) => !d.some((x) => x.code === 'unresolved-reference'), 10000);
    } finally {
      await other.stop();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  test('a workspace with a symlink loop and an unreadable document still indexes and serves', async () => {
    const odd = fs.mkdtempSync(path.join(os.tmpdir(), 'charters-lsp-odd-'));
    fs.writeFileSync(path.join(odd, 'pm.role.yaml'), PM);
    fs.mkdirSync(path.join(odd, 'loop'));
    fs.symlinkSync(odd, path.join(odd, 'loop', 'back'));
    fs.mkdirSync(path.join(odd, 'folder.role.yaml')); // a name of ours that cannot be read as a file
    const other = new LspClient();
    try {
      await other.initialize(odd);
      const uri = uriOf(path.join(odd, 'senior.role.yaml'));
      other.open(uri, SENIOR);
      // owner/inherits: pm resolve against the indexed file, so nothing is reported
      await other.diagnosticsFor(uri, (d) => d.length === 0, 10000);
      assert.equal(other.exitCode, null);
    } finally {
      await other.stop();
      fs.rmSync(odd, { recursive: true, force: true });
    }
  });

  test('the preview request: an export links only to the exports beside it and names no path; a syntax error comes with its line', async () => {
    const ladder = uriOf(file('ladder.ladder.yaml'));
    client.open(ladder, LADDER);
    const exported = await client.request<{ body: string }>('charters/preview', { uri: ladder, siblingExports: ['pm.role.html', '../senior.role.html', 7] });
    assert.match(exported.body, /href="pm\.role\.html"/);
    assert.doesNotMatch(exported.body, /senior\.role\.html|file:|data-uri|<button/);
    assert.ok(!exported.body.includes(dir) && !exported.body.includes(fs.realpathSync(dir)), 'no path of the machine');
    const webview = await client.request<{ body: string }>('charters/preview', { uri: ladder });
    assert.match(webview.body, /data-uri="file:/, 'the webview still opens files');
    client.close(ladder);
    const pm = uriOf(file('pm.role.yaml'));
    client.open(pm, `${PM}zz-notes: "never closed\n`);
    const broken = await client.request<{ syntaxError?: { line: number; message: string } }>('charters/preview', { uri: pm });
    assert.deepEqual(broken.syntaxError, { line: PM.split('\n').length, message: 'YAML syntax: this is opened but never closed: add the closing ".' });
    client.close(pm);
  });

  test('a workspace whose config is not valid still serves, also to a client that cannot show messages', async () => {
    const bad = fs.mkdtempSync(path.join(os.tmpdir(), 'charters-lsp-config-'));
    fs.writeFileSync(path.join(bad, 'pm.role.yaml'), PM);
    fs.writeFileSync(path.join(bad, 'charters.config.yaml'), 'colour: blue\n');
    // this client answers window/showMessageRequest with "method not found"
    const other = new LspClient();
    try {
      await other.initialize(bad);
      const uri = uriOf(path.join(bad, 'senior.role.yaml'));
      other.open(uri, SENIOR);
      await other.diagnosticsFor(uri, (d) => d.length === 0, 10000);
      assert.equal(other.exitCode, null, 'server still running');
    } finally {
      await other.stop();
      fs.rmSync(bad, { recursive: true, force: true });
    }
  });

  test('requests for unknown documents and bad positions are answered, and the server keeps serving', async () => {
    const ghost = uriOf(file('ghost.role.yaml'));
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: ghost }, position: { line: 0, character: 0 } }), null);
    const uri = uriOf(file('pm.role.yaml'));
    client.open(uri, PM);
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 999, character: 999 } });
    await client.request('textDocument/completion', { textDocument: { uri }, position: { line: -1, character: 3 } }).catch(() => undefined);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(symbols.length > 0);
    assert.equal(client.exitCode, null, 'server still running');
    client.close(uri);
  });
  test('charters/site builds the workspace into a temporary folder, with the unsaved text of open documents', async () => {
    const uri = uriOf(file('pm.role.yaml'));
    client.open(uri, PM.replace('title: Product Manager', 'title: Product Manager, unsaved'));
    try {
      const result = await client.request<SiteResult>(SITE_REQUEST, { uri });
      const index = fileURLToPath(result.index);
      assert.equal(path.basename(index), 'index.html');
      assert.ok(!index.startsWith(dir), 'the site is not written into the workspace');
      const site = path.dirname(index);
      const written = fs.readdirSync(site, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.html'));
      assert.equal(result.pages, written.length, 'the page count is that of the pages written');
      for (const page of ['roles/pm.html', 'roles/senior-pm.html', 'ladders/ladder.html', 'org-chart.html', 'responsibilities.html'])
        assert.ok(fs.existsSync(path.join(site, page)), `${page} was not written`);
      assert.match(fs.readFileSync(path.join(site, 'roles', 'pm.html'), 'utf8'), /<h1>Product Manager, unsaved<\/h1>/);
      assert.ok(fs.existsSync(fileURLToPath(result.orgChart)));
      fs.rmSync(site, { recursive: true, force: true });
      // a document outside any folder on disk gets a clear error, and the server keeps serving
      await assert.rejects(client.request(SITE_REQUEST, { uri: 'untitled:Untitled-1' }), /needs a document or folder on disk/);
      assert.equal(client.exitCode, null, 'server still running');
    } finally {
      client.close(uri);
    }
  });
});

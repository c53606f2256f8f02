// The server's index follows the disk, whatever order the editor's notifications come in. VS Code
// holds a document that an extension opened (workspace.openTextDocument) for up to three minutes
// after its editor closed, so a file deleted meanwhile is reported deleted while the document is
// still open, and didClose comes minutes later; a folder deleted as a whole is reported as the
// folder alone. Each test plays such a sequence over stdio and asserts what the user notices: the
// unresolved-reference finding on a role that names the deleted one, and the document count of
// `charters/status` (the language status item).
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { STATUS_REQUEST, type StatusResult } from '../../server/src/protocol';
import { LspClient, uriOf } from './lspClient';

const CREATED = 1;
const CHANGED = 2;
const DELETED = 3;

const role = (id: string, more = '') =>
  `kind: role\nid: ${id}\ntitle: ${id}\nlevel: senior-pm\nsummary: Owns a product area.\nauthority:\n  - Decides the roadmap of the area\n${more}`;
/** The role that names `lead` (its line 5 is `reportsTo: lead`). */
const PM =
  'kind: role\nid: pm\ntitle: Product Manager\nlevel: pm\nsummary: Owns one product area.\nreportsTo: lead\nauthority:\n  - Decides the order of the backlog\nresponsibilities:\n  - prioritize-backlog\n';

describe('the index follows the disk: deleted documents leave it, open or not, file or folder', () => {
  let dir: string;
  let client: LspClient;
  const file = (...parts: string[]) => path.join(dir, ...parts);
  const pm = () => uriOf(file('pm.role.yaml'));
  const lead = () => uriOf(file('roles', 'lead.role.yaml'));

  const unresolved = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === 'unresolved-reference').map((d) => d.range.start.line);
  const flagged = () => client.diagnosticsFor(pm(), (d) => unresolved(d).length === 1, 10_000).then(unresolved);
  const resolved = () => client.diagnosticsFor(pm(), (d) => unresolved(d).length === 0, 10_000);
  const watched = (changes: { uri: string; type: number }[]) => client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
  /** The count the language status item shows; the server answers in order, so it reflects every notification sent before. */
  const count = async () => (await client.connection.sendRequest<StatusResult | null>(STATUS_REQUEST, { uri: pm() }))?.documents;
  /** A folder that appears is read in the background: the count once it settles (or the last seen, after 5 s). */
  const settledCount = async (expected: number) => {
    const end = Date.now() + 5000;
    let seen = await count();
    while (seen !== expected && Date.now() < end) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      seen = await count();
    }
    return seen;
  };
  const onDisk = (): number => fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.role.yaml')).length;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'charters-file-events-'));
    client = new LspClient();
    await client.initialize(dir);
    await client.logged(/^Indexed \d+ charter documents/, 30_000);
  });

  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // each test starts from pm (open, resolved) and roles/lead on disk, both indexed
  beforeEach(async () => {
    fs.mkdirSync(file('roles'), { recursive: true });
    fs.writeFileSync(file('roles', 'lead.role.yaml'), role('lead'));
    fs.writeFileSync(file('pm.role.yaml'), PM);
    await watched([
      { uri: lead(), type: CREATED },
      { uri: pm(), type: CREATED },
    ]);
    client.open(pm(), PM);
    await resolved();
    assert.equal(await count(), 2);
  });

  const closeAll = async () => {
    client.close(pm());
    fs.rmSync(file('pm.role.yaml'), { force: true });
    await watched([{ uri: pm(), type: DELETED }]);
  };

  test('a file deleted while its document is still open, with didClose minutes later (VS Code), leaves the index at once', async () => {
    client.open(lead(), role('lead'));
    fs.rmSync(file('roles', 'lead.role.yaml'));
    await watched([{ uri: lead(), type: DELETED }]);
    assert.deepEqual(await flagged(), [5], 'reportsTo names a role that is gone');
    assert.equal(await count(), onDisk());
    assert.equal(await count(), 1);
    // the late didClose changes nothing
    client.close(lead());
    assert.equal(await count(), 1);
    assert.deepEqual(await flagged(), [5]);
    await closeAll();
  });

  test('an open document whose file was deleted stays out of the index when other workspaces are indexed', async () => {
    client.open(lead(), role('lead'));
    fs.rmSync(file('roles', 'lead.role.yaml'));
    await watched([{ uri: lead(), type: DELETED }]);
    assert.deepEqual(await flagged(), [5]);
    // a document outside the folder: its workspace is indexed, and the server puts the open documents back in their indexes
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'charters-file-events-outside-'));
    try {
      fs.writeFileSync(path.join(outside, 'loose.role.yaml'), role('loose'));
      client.open(uriOf(path.join(outside, 'loose.role.yaml')), role('loose'));
      await client.logged(new RegExp(`^Workspace ${outside.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} indexed`));
      assert.equal(await count(), 1);
      assert.deepEqual(await flagged(), [5]);
      client.close(uriOf(path.join(outside, 'loose.role.yaml')));
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
    client.close(lead());
    await closeAll();
  });

  test('a deleted file that comes back while its document is open is indexed again', async () => {
    client.open(lead(), role('lead'));
    fs.rmSync(file('roles', 'lead.role.yaml'));
    await watched([{ uri: lead(), type: DELETED }]);
    assert.deepEqual(await flagged(), [5]);
    fs.writeFileSync(file('roles', 'lead.role.yaml'), role('lead'));
    await watched([{ uri: lead(), type: CREATED }]);
    await resolved();
    assert.equal(await count(), 2);
    client.close(lead());
    assert.equal(await count(), 2);
    await closeAll();
  });

  test('an edit to an open document whose file was deleted puts its text back: the editor holds unsaved work', async () => {
    client.open(lead(), role('lead'));
    fs.rmSync(file('roles', 'lead.role.yaml'));
    await watched([{ uri: lead(), type: DELETED }]);
    assert.deepEqual(await flagged(), [5]);
    client.change(lead(), { start: { line: 2, character: 11 }, end: { line: 2, character: 11 } }, ' (unsaved)');
    await resolved();
    assert.equal(await count(), 2);
    // closed without saving: gone again
    client.close(lead());
    await flagged();
    assert.equal(await count(), 1);
    await closeAll();
  });

  test('a re-check that finds what the editor already shows sends nothing (VS Code would re-ask for code actions, closing a Ctrl+. menu)', async () => {
    const before = client.repeats.get(pm()) ?? 0;
    // lead's title changes: pm, which names lead, is checked again and finds the same
    fs.writeFileSync(file('roles', 'lead.role.yaml'), role('lead').replace('title: lead', 'title: Lead of Product'));
    await watched([{ uri: lead(), type: CHANGED }]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    // then lead goes: pm is checked again, and this time its findings change, so they are sent
    fs.rmSync(file('roles', 'lead.role.yaml'));
    await watched([{ uri: lead(), type: DELETED }]);
    assert.deepEqual(await flagged(), [5]);
    assert.equal((client.repeats.get(pm()) ?? 0) - before, 0, "pm's findings were sent again unchanged");
    await closeAll();
  });

  test('didClose before the deletion, then the Deleted event', async () => {
    client.open(lead(), role('lead'));
    client.close(lead());
    assert.equal(await count(), 2);
    fs.rmSync(file('roles', 'lead.role.yaml'));
    await watched([{ uri: lead(), type: DELETED }]);
    assert.deepEqual(await flagged(), [5]);
    assert.equal(await count(), 1);
    await closeAll();
  });

  test('a file deleted and didClose before its Deleted event arrives', async () => {
    client.open(lead(), role('lead'));
    fs.rmSync(file('roles', 'lead.role.yaml'));
    client.close(lead());
    assert.deepEqual(await flagged(), [5]);
    assert.equal(await count(), 1);
    await watched([{ uri: lead(), type: DELETED }]);
    assert.equal(await count(), 1);
    await closeAll();
  });

  test('a folder deleted as a whole, reported as the folder alone, takes its documents with it, open or not', async () => {
    fs.writeFileSync(file('roles', 'other.role.yaml'), role('other'));
    await watched([{ uri: uriOf(file('roles', 'other.role.yaml')), type: CREATED }]);
    assert.equal(await count(), 3);
    client.open(uriOf(file('roles', 'other.role.yaml')), role('other'));
    fs.rmSync(file('roles'), { recursive: true });
    await watched([{ uri: uriOf(file('roles')), type: DELETED }]);
    assert.deepEqual(await flagged(), [5]);
    assert.equal(await count(), onDisk());
    assert.equal(await count(), 1);
    client.close(uriOf(file('roles', 'other.role.yaml')));
    assert.equal(await count(), 1);
    await closeAll();
  });

  test('a folder renamed, reported as the old folder deleted and the new one created, keeps its documents under their new names', async () => {
    fs.renameSync(file('roles'), file('people'));
    await watched([
      { uri: uriOf(file('roles')), type: DELETED },
      { uri: uriOf(file('people')), type: CREATED },
    ]);
    // the count comes first: the reference resolves before and after, so only the count shows the old name gone
    assert.equal(await settledCount(2), 2);
    assert.equal(await count(), onDisk());
    await resolved();
    fs.rmSync(file('people', 'lead.role.yaml'));
    await watched([{ uri: uriOf(file('people', 'lead.role.yaml')), type: DELETED }]);
    assert.deepEqual(await flagged(), [5], 'the role is found under its new name, and only there');
    assert.equal(await count(), 1);
    fs.rmSync(file('people'), { recursive: true });
    await closeAll();
  });

  test('a file renamed while its document is open (Deleted old, Created new, didClose late): one document, no duplicate id', async () => {
    client.open(lead(), role('lead'));
    fs.renameSync(file('roles', 'lead.role.yaml'), file('roles', 'team-lead.role.yaml'));
    await watched([
      { uri: lead(), type: DELETED },
      { uri: uriOf(file('roles', 'team-lead.role.yaml')), type: CREATED },
    ]);
    assert.equal(await count(), 2);
    const diagnostics = await resolved();
    assert.deepEqual(diagnostics, []);
    client.close(lead());
    assert.equal(await count(), 2);
    fs.rmSync(file('roles', 'team-lead.role.yaml'));
    await watched([{ uri: uriOf(file('roles', 'team-lead.role.yaml')), type: DELETED }]);
    assert.deepEqual(await flagged(), [5]);
    await closeAll();
  });
});

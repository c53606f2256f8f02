// Nothing cross-document is reported before the workspace is indexed: a reference to a role that
// exists on disk is never flagged on the way (as a third-party client saw when it opened a document
// while the server was still reading the folder), and a reference to a missing one is flagged once
// the index is complete.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/service';
import { MemoryIndex } from '../../server/src/service/workspace';
import { LspClient, uriOf } from './lspClient';

const role = (id: string, extra = '') =>
  `kind: role\nid: ${id}\ntitle: ${id}\nlevel: pm\nsummary: Owns one product area end to end.\nauthority:\n  - Decides the order of the backlog\nresponsibilities:\n  - prioritize-backlog\n${extra}`;

const OPENED = role('product-manager', 'reportsTo: associate-pm\nnext:\n  - nowhere-role\n');
const FILLERS = 3000; // enough that reading the folder takes longer than checking the opened document

let dir: string;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'charters-ready-'));
  fs.mkdirSync(path.join(dir, '.git'));
  fs.mkdirSync(path.join(dir, 'roles'));
  for (let n = 0; n < FILLERS; n++) fs.writeFileSync(path.join(dir, 'roles', `filler-${n}.role.yaml`), role(`filler-${n}`));
  fs.writeFileSync(path.join(dir, 'roles', 'associate-pm.role.yaml'), role('associate-pm'));
  fs.writeFileSync(path.join(dir, 'product-manager.role.yaml'), OPENED);
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const unresolved = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === 'unresolved-reference').map((d) => String(d.message));

test('a document opened while the workspace is indexed gets no cross-document finding until the index is complete', { timeout: 120_000 }, async () => {
  const client = new LspClient();
  try {
    await client.initialize(dir);
    const uri = uriOf(path.join(dir, 'product-manager.role.yaml'));
    client.open(uri, OPENED);
    const first = await client.diagnosticsFor(uri, () => true, 60_000);
    assert.ok(
      !client.logs.some((message) => /^Indexed \d+ charter documents/.test(message)),
      'the index was complete before the first diagnostics: the test proves nothing; raise FILLERS',
    );
    assert.deepEqual(unresolved(first), [], 'reported before the index was complete');
    await client.logged(/^Indexed \d+ charter documents/, 60_000);
    const final = await client.diagnosticsFor(uri, (diagnostics) => unresolved(diagnostics).length > 0, 30_000);
    assert.equal(unresolved(final).length, 1, JSON.stringify(unresolved(final)));
    assert.match(unresolved(final)[0], /nowhere-role/);
  } finally {
    await client.stop();
  }
});

test('service: with workspaceReady false, rules that read other documents wait, and a disable comment for them is not called unused', () => {
  const service = createLanguageService();
  const text = `${role('product-manager', 'reportsTo: associate-pm\n# charters-disable-next-line unresolved-reference\nnext: [nowhere-role]\n')}`;
  const parsed = service.parse(TextDocument.create('file:///w/pm.role.yaml', 'charters', 1, text));
  const codes = (workspaceReady: boolean) =>
    service.validate('file:///w/pm.role.yaml', parsed, new MemoryIndex(), service.settings(), { workspaceReady }).map((d) => d.code);
  assert.deepEqual(
    codes(false).filter((code) => code === 'unresolved-reference' || code === 'disable-directive'),
    [],
  );
  assert.deepEqual(
    codes(true).filter((code) => code === 'unresolved-reference'),
    ['unresolved-reference'],
    'associate-pm is missing from the empty index',
  );
});

// "Create role "…"" on an unresolved reference: the edit it makes (a new file, the starter text),
// where the file goes, and when it is not offered.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CreateFile, TextDocumentEdit, TextEdit } from 'vscode-languageserver-types';
import { SHOW_DOCUMENT_COMMAND, FIX_ALL_KIND } from '../../server/src/protocol';
import type { CreateDocumentContext } from '../../server/src/service/createDocument';
import { starterDocument } from '../../server/src/service/kinds';
import { MemoryIndex } from '../../server/src/service/workspace';
import { service } from './harness';

const TODAY = '2027-03-04';

const ROLE = (id: string, extra = '') =>
  `kind: role\nid: ${id}\ntitle: ${id}\nlevel: pm\nsummary: Owns an area.\nresponsibilities: [prioritize-backlog]\n${extra}`;

/** A workspace of `uri → text`, indexed. */
function indexOf(files: Record<string, string>): MemoryIndex {
  const index = new MemoryIndex();
  for (const [uri, text] of Object.entries(files)) {
    const summary = service.summarize(uri, service.parse(TextDocument.create(uri, 'yaml', 1, text)));
    if (summary) index.set(summary);
  }
  return index;
}

interface Options {
  /** Files already on disk (beyond those indexed). */
  onDisk?: string[];
  canCreateFiles?: boolean;
  canShowDocuments?: boolean;
  /** The workspace config's `externalRoles`. */
  externalRoles?: { id: string; title: string }[];
}

/** The code actions on the finding about `id` in the document at `uri`, in a workspace of `files` (which includes it). */
function actionsOn(uri: string, id: string, files: Record<string, string>, options: Options = {}): CodeAction[] {
  const index = indexOf(files);
  const parsed = service.parse(TextDocument.create(uri, 'yaml', 1, files[uri]));
  const settings = service.settings({ rules: {}, files: [], ignore: [], taxonomy: {}, externalRoles: options.externalRoles ?? [] });
  const diagnostics = service.validate(uri, parsed, index, settings);
  const finding = diagnostics.find((diagnostic) => parsed.textDocument.getText(diagnostic.range) === id);
  assert.ok(finding, `no finding on "${id}": ${diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  const context: CreateDocumentContext = {
    index,
    today: TODAY,
    exists: (candidate) => (options.onDisk ?? []).includes(candidate) || candidate in files,
    canCreateFiles: options.canCreateFiles ?? true,
    canShowDocuments: options.canShowDocuments ?? true,
  };
  return service.codeActions(parsed, diagnostics, finding.range, undefined, context);
}

const creates = (actions: CodeAction[]) => actions.filter((action) => action.title.startsWith('Create '));

function theCreate(actions: CodeAction[]): { action: CodeAction; file: CreateFile; insert: TextDocumentEdit & { edits: TextEdit[] } } {
  const [action, ...others] = creates(actions);
  assert.ok(action, `no Create action among: ${actions.map((a) => a.title).join(' | ')}`);
  assert.deepEqual(others, []);
  const [file, insert] = action.edit?.documentChanges ?? [];
  return { action, file: file as CreateFile, insert: insert as TextDocumentEdit & { edits: TextEdit[] } };
}

const WORKSPACE: Record<string, string> = {
  'file:///ws/roles/pm.role.yaml': ROLE('pm'),
  'file:///ws/roles/senior-pm.role.yaml': ROLE('senior-pm'),
  'file:///ws/archive/old-pm.role.yaml': ROLE('old-pm'),
  'file:///ws/teams/checkout.role.yaml': ROLE('checkout-pm', 'reportsTo: lead-pm-payments\n'),
};

describe('Create a missing document', () => {
  test('creates the role from its starter, with the id and a title made from it, in the folder of most roles', () => {
    const { action, file, insert } = theCreate(actionsOn('file:///ws/teams/checkout.role.yaml', 'lead-pm-payments', WORKSPACE));
    assert.equal(action.title, 'Create role "lead-pm-payments" (../roles/lead-pm-payments.role.yaml)');
    assert.equal(action.kind, 'quickfix');
    assert.ok(!action.isPreferred, 'a suggestion: never the preferred fix, never applied by fix-all');
    assert.deepEqual(file, { kind: 'create', uri: 'file:///ws/roles/lead-pm-payments.role.yaml', options: { overwrite: false, ignoreIfExists: false } });
    assert.deepEqual(insert.textDocument, { uri: 'file:///ws/roles/lead-pm-payments.role.yaml', version: null });
    assert.equal(insert.edits.length, 1);
    assert.deepEqual(insert.edits[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    const text = insert.edits[0].newText;
    assert.equal(text, starterDocument('role', 'lead-pm-payments', TODAY));
    assert.match(text, /^kind: role\nid: lead-pm-payments\ntitle: Lead PM Payments\nstatus: draft\nupdated: 2027-03-04\n/);
    assert.deepEqual(action.command, {
      title: 'Open the new document',
      command: SHOW_DOCUMENT_COMMAND,
      arguments: ['file:///ws/roles/lead-pm-payments.role.yaml'],
    });
    assert.equal(action.diagnostics?.[0].code, 'unresolved-reference');
  });

  test('once the file is there, the reference resolves and the new document has no structural finding', () => {
    const { insert } = theCreate(actionsOn('file:///ws/teams/checkout.role.yaml', 'lead-pm-payments', WORKSPACE));
    const created = insert.textDocument.uri;
    const after = { ...WORKSPACE, [created]: insert.edits[0].newText };
    const index = indexOf(after);
    const referrer = 'file:///ws/teams/checkout.role.yaml';
    const findings = (uri: string) => service.validate(uri, service.parse(TextDocument.create(uri, 'yaml', 1, after[uri])), index, service.settings());
    assert.deepEqual(
      findings(referrer).filter((d) => d.code === 'unresolved-reference'),
      [],
    );
    const structural = findings(created).filter((d) =>
      ['yaml-syntax', 'unknown-kind', 'missing-section', 'invalid-value', 'unknown-field', 'duplicate-id'].includes(d.code),
    );
    assert.deepEqual(
      structural.map((d) => d.message),
      [],
    );
  });

  test('a vision and a strategy too, each where its kind lives', () => {
    const files = {
      'file:///ws/plans/payments.strategy.yaml':
        'kind: strategy\nid: payments-strategy\ntitle: Payments\nvision: payments-vision\nhorizon: FY27\nmarket: [Shops]\nobjectives:\n  - objective: Grow\n    keyResults:\n      - metric: GMV\n        target: 10%\n',
      'file:///ws/visions/other.vision.yaml':
        'kind: vision\nid: other-vision\ntitle: Other\nstatement: Paying is effortless.\ntargetGroup: [Shops]\nneeds: [Speed]\nproduct: [One tap]\nbusinessGoals: [Growth]\n',
      'file:///ws/teams/checkout.charter.yaml': 'kind: charter\nid: checkout\ntitle: Checkout\nstrategy: checkout-strategy\n',
    };
    const vision = theCreate(actionsOn('file:///ws/plans/payments.strategy.yaml', 'payments-vision', files));
    assert.equal(vision.action.title, 'Create vision "payments-vision" (../visions/payments-vision.vision.yaml)');
    assert.match(vision.insert.edits[0].newText, /^kind: vision\nid: payments-vision\ntitle: Payments Vision\n/);
    const strategy = theCreate(actionsOn('file:///ws/teams/checkout.charter.yaml', 'checkout-strategy', files));
    assert.equal(strategy.file.uri, 'file:///ws/plans/checkout-strategy.strategy.yaml');
    assert.equal(strategy.action.title, 'Create strategy "checkout-strategy" (../plans/checkout-strategy.strategy.yaml)');
  });

  test('with no document of the kind yet, the new one goes beside the referring document', () => {
    const files = { 'file:///ws/team%20docs/checkout.charter.yaml': 'kind: charter\nid: checkout\ntitle: Checkout\nstrategy: checkout-strategy\n' };
    const { action, file } = theCreate(actionsOn('file:///ws/team%20docs/checkout.charter.yaml', 'checkout-strategy', files));
    assert.equal(file.uri, 'file:///ws/team%20docs/checkout-strategy.strategy.yaml');
    assert.equal(action.title, 'Create strategy "checkout-strategy" (checkout-strategy.strategy.yaml)');
  });

  test('a folder name that is not valid percent-encoding is shown as it is', () => {
    const files = {
      'file:///ws/100%/checkout.charter.yaml': 'kind: charter\nid: checkout\ntitle: Checkout\nstrategy: checkout-strategy\n',
      'file:///ws/plans/x.strategy.yaml': 'kind: strategy\nid: x\n',
    };
    const { action } = theCreate(actionsOn('file:///ws/100%/checkout.charter.yaml', 'checkout-strategy', files));
    assert.equal(action.title, 'Create strategy "checkout-strategy" (../plans/checkout-strategy.strategy.yaml)');
    const beside = theCreate(
      actionsOn('file:///ws/plans/x.strategy.yaml', 'x-vision', {
        'file:///ws/plans/x.strategy.yaml': 'kind: strategy\nid: x\nvision: x-vision\n',
        'file:///ws/100%/v.vision.yaml': 'kind: vision\nid: v\n',
      }),
    );
    assert.equal(beside.action.title, 'Create vision "x-vision" (../100%/x-vision.vision.yaml)');
  });

  test('between folders holding as many roles, the one nearest the referring document; else the one holding most', () => {
    const charter = 'kind: charter\nid: team\ntitle: Team\nteam:\n  - role: lead-pm\n';
    const files = {
      'file:///ws/a/roles/one.role.yaml': ROLE('one'),
      'file:///ws/b/roles/two.role.yaml': ROLE('two'),
      'file:///ws/b/teams/team.charter.yaml': charter,
    };
    assert.equal(theCreate(actionsOn('file:///ws/b/teams/team.charter.yaml', 'lead-pm', files)).file.uri, 'file:///ws/b/roles/lead-pm.role.yaml');
    const more = { ...files, 'file:///ws/c/roles/three.role.yaml': ROLE('three'), 'file:///ws/c/roles/four.role.yaml': ROLE('four') };
    assert.equal(theCreate(actionsOn('file:///ws/b/teams/team.charter.yaml', 'lead-pm', more)).file.uri, 'file:///ws/c/roles/lead-pm.role.yaml');
  });

  test('not offered when a file of that name exists, on disk or in the index', () => {
    assert.deepEqual(
      creates(actionsOn('file:///ws/teams/checkout.role.yaml', 'lead-pm-payments', WORKSPACE, { onDisk: ['file:///ws/roles/lead-pm-payments.role.yaml'] })),
      [],
    );
    // a file of that name whose id is another one
    const misnamed = { ...WORKSPACE, 'file:///ws/roles/lead-pm-payments.role.yaml': ROLE('payments-lead') };
    assert.deepEqual(creates(actionsOn('file:///ws/teams/checkout.role.yaml', 'lead-pm-payments', misnamed)), []);
  });

  test('not offered to a client that cannot create files; not opened by one that cannot show documents', () => {
    assert.deepEqual(creates(actionsOn('file:///ws/teams/checkout.role.yaml', 'lead-pm-payments', WORKSPACE, { canCreateFiles: false })), []);
    const { action } = theCreate(actionsOn('file:///ws/teams/checkout.role.yaml', 'lead-pm-payments', WORKSPACE, { canShowDocuments: false }));
    assert.equal(action.command, undefined);
    assert.ok(action.edit?.documentChanges?.length === 2);
  });

  test('not offered for an untitled document with no document of the kind to sit beside', () => {
    const files = { 'untitled:Untitled-1': ROLE('x', 'reportsTo: lead-pm\n') };
    assert.deepEqual(creates(actionsOn('untitled:Untitled-1', 'lead-pm', files)), []);
  });

  test('not offered for other findings, without the workspace, or by fix-all', () => {
    const uri = 'file:///ws/teams/checkout.role.yaml';
    const text = ROLE('checkout-pm', 'reportsTo: lead-pm-payments\n').replace('prioritize-backlog', 'prioritise-backlogg');
    const files = { ...WORKSPACE, [uri]: text };
    assert.deepEqual(creates(actionsOn(uri, 'prioritise-backlogg', files)), []);
    const parsed = service.parse(TextDocument.create(uri, 'yaml', 1, text));
    const index = indexOf(files);
    const diagnostics = service.validate(uri, parsed, index, service.settings());
    const whole = { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } };
    assert.deepEqual(creates(service.codeActions(parsed, diagnostics, whole)), []);
    const context: CreateDocumentContext = { index, today: TODAY, exists: () => false, canCreateFiles: true, canShowDocuments: true };
    const fixAll = service.codeActions(parsed, diagnostics, whole, [FIX_ALL_KIND], context);
    assert.ok(
      fixAll.every((action) => !action.edit?.documentChanges),
      JSON.stringify(fixAll),
    );
    assert.deepEqual(creates(fixAll), []);
  });
});

test('not offered for a ladder rung naming an external role: that rung needs a role document, not a starter stub', () => {
  const ladder = 'file:///w/ladders/eng.ladder.yaml';
  const files = { [ladder]: 'kind: ladder\nid: eng\ntitle: Engineering\ntracks:\n  - id: m\n    title: Managers\n    roles:\n      - engineering-manager\n' };
  const external = [{ id: 'engineering-manager', title: 'Engineering Manager' }];
  assert.deepEqual(creates(actionsOn(ladder, 'engineering-manager', files, { externalRoles: external })), []);
  assert.equal(creates(actionsOn(ladder, 'engineering-manager', files)).length, 1, 'offered when the id is no external role');
});

// Safe fixes and suggestions: which fix each finding carries, and that "fix all" (the service's
// fixAll, the editor's source.fixAll) applies the safe ones only, so no id or text is ever replaced.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits } from '../../server/src/service/edits';
import { MemoryIndex } from '../../server/src/service/workspace';
import { CLEAN_ROLE } from './cliHarness';
import { service } from './harness';

const ROLE = CLEAN_ROLE;

/** A workspace holding `ROLE` (product-manager) and no other document. */
function workspaceWithPm(): MemoryIndex {
  const index = new MemoryIndex();
  const uri = 'file:///ws/product-manager.role.yaml';
  index.set(service.summarize(uri, service.parse(TextDocument.create(uri, 'yaml', 1, ROLE)))!);
  return index;
}

const settings = service.settings();

function findings(uri: string, text: string, index = workspaceWithPm()) {
  const parsed = service.parse(TextDocument.create(uri, 'yaml', 1, text));
  return { parsed, diagnostics: service.validate(uri, parsed, index, settings) };
}

/** `rule: title (safety[, preferred])` for every fix of every finding. */
function offered(uri: string, text: string): string[] {
  return findings(uri, text).diagnostics.flatMap((diagnostic) =>
    diagnostic.data.fixes.map((fix) => `${diagnostic.code}: ${fix.title} (${fix.safety}${fix.isPreferred ? ', preferred' : ''})`),
  );
}

describe('each fix declares its safety', () => {
  const cases: { name: string; uri?: string; text: string; fixes: string[] }[] = [
    {
      name: 'a missing section with a visible placeholder is safe',
      text: ROLE.replace('summary: Owns the checkout experience end to end.\n', ''),
      fixes: ['missing-section: Add "summary" (safe, preferred)'],
    },
    {
      name: 'a missing level would be a guessed level: a suggestion',
      text: ROLE.replace('level: pm\n', ''),
      fixes: ['missing-section: Add "level" (suggestion)'],
    },
    {
      name: 'a missing id would be an invented id: a suggestion',
      text: ROLE.replace('id: product-manager\n', ''),
      fixes: ['missing-section: Add "id" (suggestion)'],
    },
    {
      name: 'missing authority, added as a placeholder, is safe',
      text: ROLE.replace('authority:\n  - Decide the order of the backlog\n', ''),
      fixes: ['missing-authority: Add "authority" (safe, preferred)'],
    },
    {
      name: 'a key one typo from a single field is renamed safely (and the missing field is not added twice)',
      text: ROLE.replace('summary:', 'sumary:'),
      fixes: ['missing-section: Add "summary" (safe)', 'unknown-field: Rename to "summary" (safe, preferred)'],
    },
    {
      name: 'a key a typo from two fields (tags, track) is only a suggestion',
      text: ROLE.replace('level: pm\n', 'level: pm\ntrags: [checkout]\n'),
      fixes: ['unknown-field: Rename to "tags" (suggestion)'],
    },
    {
      name: 'an exact duplicate entry is removed safely; one with another level is a suggestion',
      text: `${ROLE}  - prioritize-backlog\nskills:\n  - skill: data-analysis\n    level: 2\n  - skill: data-analysis\n    level: 3\n`,
      fixes: ['duplicate-entry: Remove the duplicate entry (safe, preferred)', 'duplicate-entry: Remove this entry (suggestion)'],
    },
    {
      name: 'the nearest kind is a suggestion',
      text: ROLE.replace('kind: role', 'kind: rol'),
      fixes: ['unknown-kind: Change to "role" (suggestion)'],
    },
    {
      name: 'the nearest responsibility, level and role id are suggestions',
      text: ROLE.replace('level: pm', 'level: senoir-pm')
        .replace('prioritize-backlog', 'prioritice-backlog')
        .replace('authority:', 'reportsTo: product-manger\nauthority:'),
      fixes: [
        'invalid-value: Change to "senior-pm" (suggestion)',
        'unresolved-reference: Change to "product-manager" (suggestion)',
        'unknown-responsibility: Change to "prioritize-backlog" (suggestion)',
      ],
    },
  ];
  for (const { name, uri = 'file:///ws/other.role.yaml', text, fixes } of cases) {
    test(name, () => assert.deepEqual(offered(uri, text).sort(), [...fixes].sort()));
  }
});

describe('fix all changes no id and no text', () => {
  // a team member with no role document yet, near the one role the workspace has; a misspelt
  // owner; a missing section (the one safe fix)
  const CHARTER = [
    'kind: charter',
    'id: checkout-team',
    'title: Checkout team',
    'mission: Make paying for an order quick and safe.',
    'scope:',
    '  in:',
    '    - Card payments',
    '  out:',
    '    - Fraud scoring',
    'team:',
    '  - role: product-manager',
    '  - role: product-designer',
    'decisionRights:',
    '  - decision: What the team builds next',
    '    owner: product-manger',
    '',
  ].join('\n');
  const URI = 'file:///ws/checkout.charter.yaml';
  const FIXED = `${CHARTER}successMetrics:\n  - metric: "TODO: what is measured"\n    target: "TODO: target value"\n`;

  test('the references are offered their nearest role, as suggestions', () => {
    const references = findings(URI, CHARTER).diagnostics.filter((diagnostic) => diagnostic.code === 'unresolved-reference');
    assert.deepEqual(
      references.map((diagnostic) => diagnostic.data.fixes.map((fix) => [fix.title, fix.safety, fix.isPreferred ?? false])),
      [[['Change to "product-manager"', 'suggestion', false]], [['Change to "product-manager"', 'suggestion', false]]],
    );
  });

  test('service.fixAll adds the missing section and leaves "product-designer" and "product-manger"', () => {
    const result = service.fixAll(URI, CHARTER, workspaceWithPm(), settings);
    assert.equal(result.text, FIXED);
    assert.deepEqual(
      result.changes.map((change) => `${change.line}: ${change.ruleId}: ${JSON.stringify(change.before)} -> ${JSON.stringify(change.after)}`),
      [`15: missing-section: "" -> ${JSON.stringify('successMetrics:\n  - metric: "TODO: what is measured"\n    target: "TODO: target value"')}`],
    );
    const before = service.parse(TextDocument.create(URI, 'yaml', 1, CHARTER)).value as Record<string, unknown>;
    const after = service.parse(TextDocument.create(URI, 'yaml', 2, result.text)).value as Record<string, unknown>;
    for (const key of Object.keys(before)) assert.ok(isDeepStrictEqual(after[key], before[key]), `${key} changed`);
  });

  test("the editor's source.fixAll.charters does the same", () => {
    const { parsed, diagnostics } = findings(URI, CHARTER);
    const whole = { start: { line: 0, character: 0 }, end: { line: parsed.textDocument.lineCount, character: 0 } };
    const [fixAll, ...others] = service.codeActions(parsed, diagnostics, whole, ['source.fixAll']);
    assert.equal(others.length, 0);
    assert.equal(fixAll.kind, 'source.fixAll.charters');
    assert.equal(applyEdits(parsed.textDocument, fixAll.edit!.changes![URI]), FIXED);
  });

  test('a document with only suggestions gets no fix-all action at all', () => {
    const text = `${CHARTER}successMetrics:\n  - metric: Orders paid on the first try\n    target: 97%\n`;
    const { parsed, diagnostics } = findings(URI, text);
    assert.ok(diagnostics.some((diagnostic) => diagnostic.data.fixes.length > 0));
    const whole = { start: { line: 0, character: 0 }, end: { line: parsed.textDocument.lineCount, character: 0 } };
    assert.deepEqual(service.codeActions(parsed, diagnostics, whole, ['source.fixAll']), []);
    assert.deepEqual(service.fixAll(URI, text, workspaceWithPm(), settings), { text, applied: 0, changes: [] });
  });
});

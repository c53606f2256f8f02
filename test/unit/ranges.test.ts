// Range precision: each case marks with ⟦ and ⟧ exactly the span its finding must underline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MemoryIndex } from '../../server/src/service/workspace';
import { service } from './harness';

const ROLE_HEAD = 'id: pm\ntitle: Product Manager\nlevel: pm\nsummary: Owns one product area.\n';
const AUTHORITY = 'authority:\n  - Decide the order of the backlog\n';

const CASES: { name: string; rule: string; text: string; message?: RegExp }[] = [
  {
    name: 'unknown field: its key',
    rule: 'unknown-field',
    text: `kind: role\nid: pm\ntitle: PM\nlevel: pm\n${AUTHORITY}responsibilities:\n  - prioritize-backlog\n⟦sumary⟧: hi\n`,
    message: /Did you mean "summary"/,
  },
  {
    name: 'bad enum value: the value',
    rule: 'invalid-value',
    text: `kind: role\nid: pm\ntitle: PM\nlevel: ⟦senior⟧\nsummary: x\n${AUTHORITY}responsibilities: [prioritize-backlog]\n`,
    message: /Did you mean "senior-pm"/,
  },
  {
    name: 'bad date: the value',
    rule: 'invalid-value',
    text: `kind: role\n${ROLE_HEAD}${AUTHORITY}updated: ⟦2026-02-30⟧\nresponsibilities: [prioritize-backlog]\n`,
  },
  {
    name: 'missing top-level section: the kind line',
    rule: 'missing-section',
    text: `⟦kind: role⟧\nid: pm\ntitle: PM\nlevel: pm\n${AUTHORITY}responsibilities: [prioritize-backlog]\n`,
    message: /^Role is missing "summary": /,
  },
  {
    name: 'missing nested section: the entry',
    rule: 'missing-section',
    text: 'kind: strategy\nid: s\ntitle: S\nvision: v\nhorizon: FY27\nmarket: [teams]\nobjectives:\n  - objective: Grow\n    keyResults:\n      - ⟦metric: active teams⟧\n',
    message: /^Key result is missing "target"/,
  },
  { name: 'empty required list: its key', rule: 'empty-section', text: `kind: role\n${ROLE_HEAD}${AUTHORITY}⟦responsibilities⟧: []\n` },
  {
    name: 'unknown responsibility: the id',
    rule: 'unknown-responsibility',
    text: `kind: role\n${ROLE_HEAD}${AUTHORITY}responsibilities:\n  - ⟦prioritice-backlog⟧\n`,
    message: /Did you mean "prioritize-backlog"/,
  },
  {
    name: 'unresolved reference: the id',
    rule: 'unresolved-reference',
    text: `kind: role\n${ROLE_HEAD}${AUTHORITY}reportsTo: ⟦head-of-nothing⟧\nresponsibilities: [prioritize-backlog]\n`,
  },
  {
    name: 'quoted value: inside the document range of the scalar',
    rule: 'invalid-value',
    text: `kind: role\nid: pm\ntitle: PM\nlevel: ⟦"lead"⟧\nsummary: x\n${AUTHORITY}responsibilities: [prioritize-backlog]\n`,
  },
  { name: 'unknown kind: the value', rule: 'unknown-kind', text: 'kind: ⟦rol⟧\nid: pm\n', message: /Did you mean "role"/ },
  { name: 'missing kind: the first line', rule: 'unknown-kind', text: '# a role\n⟦id: pm⟧\ntitle: PM\n' },
  { name: 'yaml error: its token, not the whole document', rule: 'yaml-syntax', text: 'kind: role\nid: pm\ntitle: ⟦[unclosed⟧\n' },
  {
    name: 'undefined alias: the alias',
    rule: 'yaml-syntax',
    text: `kind: role\n${ROLE_HEAD}reportsTo: ⟦*nope⟧\n`,
    message: /the alias "\*nope" is not defined/,
  },
  { name: 'duplicate key: the second key', rule: 'yaml-syntax', text: `kind: role\n${ROLE_HEAD}⟦title⟧: Again\n` },
  {
    name: 'unmeasurable target: the value',
    rule: 'unmeasurable-goal',
    text: 'kind: charter\nid: c\ntitle: C\nmission: m\nscope: {in: [a], out: []}\nteam: [{role: pm}]\ndecisionRights: [{decision: d, owner: pm}]\nsuccessMetrics:\n  - metric: happiness\n    target: ⟦much happier⟧\n',
  },
];

for (const { name, rule, text, message } of CASES) {
  test(`${rule}: ${name}`, () => {
    const start = text.indexOf('⟦');
    const end = text.indexOf('⟧') - 1;
    const clean = text.replace('⟦', '').replace('⟧', '');
    const textDocument = TextDocument.create('file:///w/doc.yaml', 'yaml', 1, clean);
    const index = new MemoryIndex();
    const parsed = service.parse(textDocument);
    const own = service.summarize(textDocument.uri, parsed);
    if (own) index.set(own);
    const found = service.validate(textDocument.uri, parsed, index, service.settings()).filter((d) => d.code === rule);
    assert.equal(found.length, 1, `expected one ${rule}, got ${JSON.stringify(found.map((d) => d.message))}`);
    assert.deepEqual(found[0].range, { start: textDocument.positionAt(start), end: textDocument.positionAt(end) }, found[0].message);
    if (message) assert.match(found[0].message, message);
  });
}

test('no finding underlines the whole document or a single character at 1:1', () => {
  for (const { text } of CASES) {
    const clean = text.replace('⟦', '').replace('⟧', '');
    const textDocument = TextDocument.create('file:///w/doc.yaml', 'yaml', 1, clean);
    const lastLine = textDocument.lineCount - 1;
    for (const d of service.validate(textDocument.uri, service.parse(textDocument), new MemoryIndex(), service.settings())) {
      const wholeDocument = d.range.start.line === 0 && d.range.end.line >= lastLine && lastLine > 1;
      const firstChar = d.range.start.line === 0 && d.range.start.character === 0 && d.range.end.line === 0 && d.range.end.character <= 1;
      assert.ok(!wholeDocument && !firstChar, `${d.code} at ${JSON.stringify(d.range)} in\n${clean}`);
    }
  }
});

test('diagnostics carry the rule id as code and a link to its page', () => {
  const textDocument = TextDocument.create('file:///w/doc.yaml', 'yaml', 1, 'kind: role\nid: pm\n');
  const [first] = service.validate(textDocument.uri, service.parse(textDocument), new MemoryIndex(), service.settings());
  assert.equal(first.code, 'missing-section');
  assert.match(first.codeDescription!.href, /\/docs\/rules\/missing-section\.md$/);
  assert.match(first.codeDescription!.href, /\/v\d+\.\d+\.\d+\//);
  assert.equal(first.source, 'charters');
});

test('with a duplicated key, the last copy is the one checked, summarised and underlined', () => {
  const text = 'kind: role\nid: first\nid: second\ntitle: PM\nlevel: pm\nsummary: x\nreportsTo: nobody\nreportsTo: second\n';
  const textDocument = TextDocument.create('file:///w/doc.yaml', 'yaml', 1, text);
  const parsed = service.parse(textDocument);
  const summary = service.summarize(textDocument.uri, parsed)!;
  assert.equal(summary.id, 'second');
  assert.deepEqual(summary.idRange, { start: { line: 2, character: 4 }, end: { line: 2, character: 10 } });
  const index = new MemoryIndex();
  index.set(summary);
  const cycle = service.validate(textDocument.uri, parsed, index, service.settings()).filter((d) => d.code === 'reporting-cycle');
  assert.equal(cycle.length, 1);
  assert.equal(cycle[0].range.start.line, 7);
});

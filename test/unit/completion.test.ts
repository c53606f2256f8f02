// Completion, data-driven: a document with `|` at the cursor, and what the user sees in the list.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { InsertTextFormat, type CompletionItem, type TextEdit } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/service/languageService';
import { getCompletions } from '../../server/src/service/completion';
import { KINDS } from '../../server/src/service/kinds';
import { Taxonomy } from '../../server/src/service/taxonomy';
import { MemoryIndex } from '../../server/src/service/workspace';

const service = createLanguageService();
const taxonomy = Taxonomy.builtIn();

const WORKSPACE: Record<string, string> = {
  'file:///ws/roles/head.role.yaml':
    'kind: role\nid: head-of-product-commerce\ntitle: Head of Product, Commerce\nlevel: head-of-product\nsummary: Leads commerce.\nresponsibilities: [set-product-vision]\n',
  'file:///ws/roles/group.role.yaml':
    'kind: role\nid: group-pm-commerce\ntitle: Group PM, Commerce\nlevel: group-pm\nsummary: Leads the commerce PMs.\nresponsibilities: [coach-product-managers]\n',
  'file:///ws/roles/pm.role.yaml':
    'kind: role\nid: pm-payments\ntitle: Product Manager, Payments\nlevel: pm\nsummary: Owns payments.\nresponsibilities: [prioritize-backlog]\n',
  'file:///ws/payments.vision.yaml':
    'kind: vision\nid: payments-vision\ntitle: Payments vision\nstatement: Paying is effortless.\ntargetGroup: [Shops]\nneeds: [Speed]\nproduct: [One tap]\nbusinessGoals: [Growth]\n',
  'file:///ws/payments.strategy.yaml':
    'kind: strategy\nid: payments-strategy-fy27\ntitle: Payments strategy FY27\nvision: payments-vision\nhorizon: FY27\nmarket: [Shops]\nobjectives:\n  - objective: Grow\n    keyResults:\n      - metric: GMV\n        target: 10%\n',
};

function workspaceIndex(): MemoryIndex {
  const index = new MemoryIndex();
  for (const [uri, text] of Object.entries(WORKSPACE)) {
    const summary = service.summarize(uri, service.parse(TextDocument.create(uri, 'yaml', 1, text)));
    if (summary) index.set(summary);
  }
  return index;
}
const index = workspaceIndex();

/** The completion list at `|`, and the text with an item's edit applied. */
function complete(source: string, uri = 'file:///ws/roles/new.role.yaml') {
  const offset = source.indexOf('|');
  const text = source.slice(0, offset) + source.slice(offset + 1);
  const textDocument = TextDocument.create(uri, 'yaml', 1, text);
  const list = getCompletions(service.parse(textDocument), textDocument.positionAt(offset), { schemas: service.schemas, taxonomy, index });
  const apply = (label: string): string => {
    const item = list.items.find((candidate) => candidate.label === label);
    assert.ok(item, `no item ${label} in ${list.items.map((candidate) => candidate.label).join(', ')}`);
    const edit = item.textEdit as TextEdit;
    let newText = edit.newText;
    // accept every tabstop with its default: ${1:x} -> x, ${1|a,b|} -> a, $1 -> ''
    if (item.insertTextFormat === InsertTextFormat.Snippet)
      newText = newText
        .replace(/\$\{\d+:([^}]*)\}/g, '$1')
        .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
        .replace(/\$\d+/g, '')
        .replace(/\\(.)/g, '$1');
    return TextDocument.applyEdits(textDocument, [{ range: edit.range, newText }]);
  };
  return { items: list.items, labels: list.items.map((item) => item.label), apply, text };
}

interface Case {
  name: string;
  doc: string;
  uri?: string;
  /** The list starts with these labels, in this order. */
  first?: string[];
  includes?: string[];
  excludes?: string[];
  /** item label -> its detail */
  details?: Record<string, string>;
  /** item label -> the document once it is accepted (tabstops at their defaults) */
  applied?: Record<string, string>;
  empty?: boolean;
}

const PM_ROLE = 'kind: role\nid: pm-checkout\ntitle: PM, Checkout\nlevel: pm\nsummary: Owns checkout.\n';
const pmHeld = taxonomy.responsibilitiesOf('pm').map((item) => item.id);
const designerHeld = taxonomy.responsibilitiesOf('product-designer').map((item) => item.id);

const CASES: Case[] = [
  // fields of a mapping
  {
    name: 'root of a role: missing required fields first, in schema order',
    doc: 'kind: role\nid: x\n|',
    first: ['title', 'level', 'summary', 'responsibilities'],
    excludes: ['kind', 'id'],
  },
  {
    name: 'a cross-functional role does not need a level',
    doc: 'kind: role\nid: x\ntrack: cross-functional\n|',
    first: ['title', 'summary', 'responsibilities'],
    excludes: ['track'],
  },
  {
    name: 'present fields below the cursor are not offered either',
    doc: 'kind: role\n|\ntitle: T\nsummary: S\n',
    excludes: ['kind', 'title', 'summary'],
    includes: ['level', 'reportsTo'],
  },
  { name: 'a key being typed is replaced with key and enum choice', doc: 'kind: role\nlev|', applied: { level: 'kind: role\nlevel: associate-pm' } },
  {
    name: 'a list field brings its first dash, in the list style of the document',
    doc: 'kind: role\nresponsibilities:\n- a\n|',
    applied: { authority: 'kind: role\nresponsibilities:\n- a\nauthority:\n- ' },
  },
  {
    name: 'a list of objects brings a skeleton of the required keys, in 4-space indent',
    doc: 'kind: role\nscope:\n    a: 1\n|',
    applied: { goals: 'kind: role\nscope:\n    a: 1\ngoals:\n    - goal: \n      measure: \n      target: ' },
  },
  {
    name: 'inside a list item mapping (strategy objective)',
    doc: 'kind: strategy\nobjectives:\n  - objective: x\n    |',
    uri: 'file:///ws/s.strategy.yaml',
    first: ['keyResults'],
    excludes: ['objective', 'vision'],
    applied: { keyResults: 'kind: strategy\nobjectives:\n  - objective: x\n    keyResults:\n      - metric: \n        target: ' },
  },
  {
    name: 'nested list item: objectives[0].keyResults[1]',
    doc: 'kind: strategy\nobjectives:\n  - objective: x\n    keyResults:\n      - metric: a\n        target: 1\n      - metric: b\n        |\n',
    uri: 'file:///ws/s.strategy.yaml',
    first: ['target'],
    includes: ['baseline', 'due', 'owner'],
    excludes: ['metric', 'objective'],
  },
  {
    name: 'a charter scope brings both of its lists',
    doc: 'kind: charter\nid: c\n|',
    uri: 'file:///ws/c.charter.yaml',
    applied: { scope: 'kind: charter\nid: c\nscope:\n  in:\n    - \n  out:\n    - ' },
  },
  {
    name: 'a new entry of a list of objects offers the whole entry, then its fields',
    doc: 'kind: strategy\nobjectives:\n  - |',
    uri: 'file:///ws/s.strategy.yaml',
    first: ['New entry (objective, keyResults)', 'objective', 'keyResults'],
    applied: { 'New entry (objective, keyResults)': 'kind: strategy\nobjectives:\n  - objective: \n    keyResults:\n      - metric: \n        target: ' },
  },
  // values
  {
    name: 'responsibilities of the role level come first, with their titles',
    doc: `${PM_ROLE}responsibilities:\n  - |`,
    first: pmHeld.slice(0, 3),
    includes: ['prioritize-backlog', 'set-product-vision'],
    details: { 'prioritize-backlog': 'Prioritise the backlog' },
  },
  {
    name: 'the prefix being typed is replaced',
    doc: `${PM_ROLE}responsibilities:\n  - pri|`,
    applied: { 'prioritize-backlog': `${PM_ROLE}responsibilities:\n  - prioritize-backlog` },
  },
  {
    name: 'the rest of the word after the cursor is replaced too',
    doc: `${PM_ROLE}responsibilities:\n  - pri|orit\n`,
    applied: { 'prioritize-backlog': `${PM_ROLE}responsibilities:\n  - prioritize-backlog\n` },
  },
  {
    name: 'responsibilities already in the list are left out',
    doc: `${PM_ROLE}responsibilities:\n  - prioritize-backlog\n  - |\n  - define-product-strategy\n`,
    excludes: ['prioritize-backlog', 'define-product-strategy'],
    includes: ['set-product-goals'],
  },
  {
    name: 'a new line under a list without its dash gets one',
    doc: `${PM_ROLE}responsibilities:\n  - prioritize-backlog\n  |`,
    excludes: ['prioritize-backlog'],
    applied: { 'set-product-goals': `${PM_ROLE}responsibilities:\n  - prioritize-backlog\n  - set-product-goals` },
  },
  {
    name: 'a deeper line under an empty list key gets a dash',
    doc: `${PM_ROLE}responsibilities:\n  |`,
    applied: { 'prioritize-backlog': `${PM_ROLE}responsibilities:\n  - prioritize-backlog` },
  },
  {
    name: 'a cross-functional role gets its own responsibilities first',
    doc: 'kind: role\nid: product-designer-checkout\ntrack: cross-functional\nresponsibilities:\n  - |',
    first: designerHeld.slice(0, 3),
  },
  {
    name: 'a flow list',
    doc: `${PM_ROLE}responsibilities: [prioritize-backlog, se|]`,
    excludes: ['prioritize-backlog'],
    applied: { 'set-product-goals': `${PM_ROLE}responsibilities: [prioritize-backlog, set-product-goals]` },
  },
  {
    name: 'level values, with titles',
    doc: 'kind: role\nlevel: se|\n',
    first: ['associate-pm', 'pm', 'senior-pm'],
    details: { 'senior-pm': 'Senior Product Manager' },
    applied: { 'senior-pm': 'kind: role\nlevel: senior-pm\n' },
  },
  { name: 'right after the colon a space is added', doc: 'kind: role\nlevel:|', applied: { cpo: 'kind: role\nlevel: cpo' } },
  { name: 'status values', doc: 'kind: role\nstatus: |', first: ['draft', 'review', 'approved', 'retired'] },
  { name: 'track values', doc: 'kind: role\ntrack: |', first: ['ic', 'management', 'cross-functional'] },
  { name: 'kind values', doc: 'kind: |', first: [...KINDS] },
  {
    name: 'skill ids, minus those present',
    doc: 'kind: role\nskills:\n  - data-analysis\n  - |',
    includes: ['strategic-thinking'],
    excludes: ['data-analysis'],
    details: { 'strategic-thinking': 'Strategic thinking' },
  },
  {
    name: 'an alias already in the list takes its entry out; only canonical ids are offered',
    doc: `${PM_ROLE}responsibilities:\n  - prioritise-backlog\n  - |\n`,
    excludes: ['prioritize-backlog', 'prioritise-backlog', 'analyse-experiments'],
    includes: ['analyze-experiments'],
  },
  {
    name: 'typing an alias finds the canonical id, which is what goes in',
    doc: `${PM_ROLE}responsibilities:\n  - prioritis|`,
    applied: { 'prioritize-backlog': `${PM_ROLE}responsibilities:\n  - prioritize-backlog` },
  },
  {
    name: 'a skill alias in the list takes its skill out',
    doc: 'kind: role\nskills:\n  - organisational-alignment\n  - |',
    excludes: ['organizational-alignment', 'organisational-alignment'],
    includes: ['strategic-thinking'],
  },
  {
    name: 'area ids are canonical',
    doc: 'kind: role\nresponsibilities:\n  - text: Pricing review\n    area: |',
    includes: ['organization'],
    excludes: ['organisation'],
  },
  { name: 'skill ids for `skill:`', doc: 'kind: role\nskills:\n  - skill: |', includes: ['data-analysis'] },
  { name: 'skill level 1 to 5', doc: 'kind: role\nskills:\n  - skill: data-analysis\n    level: |', first: ['1', '2', '3', '4', '5'] },
  {
    name: 'area ids for a duty',
    doc: 'kind: role\nresponsibilities:\n  - text: Pricing review\n    area: |',
    first: ['product-direction', 'discovery', 'delivery'],
    details: { discovery: 'Discovery' },
  },
  {
    name: 'reportsTo lists workspace roles with titles, not the role itself',
    doc: 'kind: role\nid: pm-payments\nreportsTo: |',
    includes: ['group-pm-commerce', 'head-of-product-commerce'],
    excludes: ['pm-payments', 'payments-vision'],
    details: { 'group-pm-commerce': 'Group PM, Commerce' },
  },
  {
    name: 'a strategy names its vision',
    doc: 'kind: strategy\nvision: |',
    uri: 'file:///ws/s.strategy.yaml',
    first: ['payments-vision'],
    excludes: ['pm-payments'],
  },
  { name: 'a charter names its strategy', doc: 'kind: charter\nstrategy: |', uri: 'file:///ws/c.charter.yaml', first: ['payments-strategy-fy27'] },
  {
    name: 'a charter team entry names a role',
    doc: 'kind: charter\nteam:\n  - role: |',
    uri: 'file:///ws/c.charter.yaml',
    includes: ['pm-payments', 'group-pm-commerce'],
  },
  {
    name: 'a ladder track lists roles, minus those present',
    doc: 'kind: ladder\ntracks:\n  - id: ic\n    title: IC\n    roles:\n      - pm-payments\n      - |',
    uri: 'file:///ws/l.ladder.yaml',
    includes: ['group-pm-commerce'],
    excludes: ['pm-payments'],
  },
  // half-typed and odd documents
  { name: 'a broken line below does not matter', doc: `${PM_ROLE}responsibilities:\n  - |\ngoals: [unclosed\n  "x: :`, first: pmHeld.slice(0, 2) },
  {
    name: 'comments are ignored',
    doc: 'kind: role # a role\n# level below\nlevel: pm # the level\nresponsibilities: # what it owns\n  # first one\n  - |',
    first: pmHeld.slice(0, 2),
  },
  { name: 'CRLF line endings', doc: 'kind: role\r\nlevel: pm\r\nresponsibilities:\r\n  - |\r\n', first: pmHeld.slice(0, 2) },
  { name: 'CRLF snippets keep CRLF', doc: 'kind: role\r\nid: x\r\n|', applied: { tags: 'kind: role\r\nid: x\r\ntags:\r\n  - ' } },
  { name: 'nothing inside a comment', doc: 'kind: role\n# lev|', empty: true },
  { name: 'nothing for free text', doc: 'kind: role\ntitle: |', empty: true },
  // whole documents only at the top of an empty file, never inside a list or a mapping value
  {
    name: 'no whole document inside a list',
    doc: `${PM_ROLE}responsibilities:\n  - |`,
    excludes: KINDS.flatMap((kind) => [`New ${kind} document`, `kind: ${kind}`]),
  },
  {
    name: 'no whole document in a mapping value',
    doc: 'kind: role\nreportsTo: |',
    excludes: KINDS.flatMap((kind) => [`New ${kind} document`, `kind: ${kind}`]),
  },
  { name: 'no whole document in a list of a document without a kind', doc: 'title: x\nitems:\n  - |', empty: true },
  { name: 'no whole document in a mapping value of a document without a kind', doc: 'title: |', empty: true },
  // documents without a kind
  {
    name: 'empty file: kinds, then a skeleton per kind',
    doc: '|',
    first: ['kind: role', 'kind: ladder', 'kind: vision', 'kind: strategy', 'kind: charter', 'New role document'],
    includes: ['New charter document'],
  },
  { name: 'a kind-less document with content: kinds only', doc: 'title: x\n|', first: ['kind: role'], excludes: ['New role document', 'summary'] },
];

describe('completion', () => {
  for (const testCase of CASES) {
    test(testCase.name, () => {
      const result = complete(testCase.doc, testCase.uri);
      const { labels } = result;
      if (testCase.empty) assert.deepEqual(labels, []);
      if (testCase.first) assert.deepEqual(labels.slice(0, testCase.first.length), testCase.first, labels.join(', '));
      for (const label of testCase.includes ?? []) assert.ok(labels.includes(label), `${label} missing from ${labels.join(', ')}`);
      for (const label of testCase.excludes ?? []) assert.ok(!labels.includes(label), `${label} should not be offered`);
      for (const [label, detail] of Object.entries(testCase.details ?? {})) assert.equal(result.items.find((item) => item.label === label)?.detail, detail);
      for (const [label, expected] of Object.entries(testCase.applied ?? {})) assert.equal(result.apply(label), expected);
    });
  }

  test('prioritize-backlog is among the first items for a pm, documented with its area and levels', () => {
    const { labels, items } = complete(`${PM_ROLE}responsibilities:\n  - |`);
    const position = labels.indexOf('prioritize-backlog');
    assert.ok(position >= 0 && position < pmHeld.length, `at ${position}`);
    // every held responsibility before every other one
    const firstOther = labels.findIndex((label) => !pmHeld.includes(label));
    assert.equal(firstOther, pmHeld.length);
    const documentation = (items[position].documentation as { value: string }).value;
    assert.match(documentation, /most valuable items are built first/);
    assert.match(documentation, /Area: Delivery/);
    assert.match(documentation, /Associate Product Manager, Product Manager, Senior Product Manager/);
  });

  test('an alias is matched by the filter text, and sources are named by title and author, never by file name', () => {
    const { items } = complete(`${PM_ROLE}responsibilities:\n  - |`);
    const backlog = items.find((item) => item.label === 'prioritize-backlog') as CompletionItem;
    assert.match(backlog.filterText ?? '', /\bprioritise-backlog\b/);
    assert.equal((backlog.textEdit as TextEdit).newText, 'prioritize-backlog');
    const documentation = (backlog.documentation as { value: string }).value;
    assert.match(
      documentation,
      /Sources: \*Understanding the Different Roles in Product Management\*, Damian Wolfgram \(2024\); \*Product Management Roles & Responsibilities Guide\*, Monica Viggars/,
    );
    assert.doesNotMatch(documentation, /\d{3}_[0-9a-f]{16}\.txt/);
    const skill = complete('kind: role\nskills:\n  - |').items.find((item) => item.label === 'active-listening') as CompletionItem;
    assert.match((skill.documentation as { value: string }).value, /Sources: \*What Should a Head of Product Do\?\*, Roman Pichler/);
  });

  test("responsibilities: the level's own, then those of the levels next to it, then the rest, nearest first", () => {
    const all = complete(`${PM_ROLE}responsibilities:\n  - |`);
    // the taxonomy's ids; a duty of the team's own (`text`, `area`) follows them
    const items = all.items.filter((item) => taxonomy.responsibility(item.label));
    const labels = items.map((item) => item.label);
    assert.deepEqual(all.labels.slice(0, labels.length), labels);
    const rankOf = (level: string) => taxonomy.level(level)?.rank;
    const distance = (id: string) => {
      const levels = taxonomy.responsibility(id)!.levels;
      if (levels.includes('pm')) return 0;
      const ranks = levels.map(rankOf).filter((rank): rank is number => rank !== undefined);
      return ranks.length ? Math.min(...ranks.map((rank) => Math.abs(rank - 2))) : Infinity;
    };
    const distances = labels.map(distance);
    assert.deepEqual(
      distances,
      [...distances].sort((a, b) => a - b),
      'ordered by distance from the pm level',
    );
    assert.ok(distances.includes(1) && distances.some((value) => value > 1), 'every group present');
    // what the user sees: an associate PM's duty before a CPO's, each with the level that holds it
    const ownArea = labels.indexOf('own-product-area');
    const cSuite = labels.indexOf('partner-with-c-suite');
    assert.ok(ownArea >= 0 && cSuite > ownArea, `own-product-area at ${ownArea}, partner-with-c-suite at ${cSuite}`);
    const description = (label: string) => items.find((item) => item.label === label)?.labelDetails?.description;
    assert.equal(description('own-product-area'), taxonomy.level('associate-pm')!.title);
    assert.equal(description('partner-with-c-suite'), taxonomy.level('cpo')!.title);
    // the role's own level is not repeated on every one of its items
    assert.equal(description('prioritize-backlog'), undefined);
    assert.deepEqual(new Set(items.map((item) => item.sortText?.[0])), new Set(['0', '1', '2']));
  });

  test("a group PM sees its own, then the senior PM's and the director's, then the rest", () => {
    const labels = complete('kind: role\nid: gpm\ntitle: GPM\nlevel: group-pm\nsummary: Leads PMs.\nresponsibilities:\n  - |').labels.filter((label) =>
      taxonomy.responsibility(label),
    );
    const held = (level: string) => (label: string) => taxonomy.responsibility(label)!.levels.includes(level);
    const firstNeighbour = labels.findIndex((label) => !held('group-pm')(label));
    assert.ok(labels.slice(0, firstNeighbour).every(held('group-pm')));
    const neighbours = labels.filter((label) => !held('group-pm')(label) && (held('senior-pm')(label) || held('head-of-product')(label)));
    assert.deepEqual(labels.slice(firstNeighbour, firstNeighbour + neighbours.length), neighbours);
  });

  test('a role without a level: every responsibility shows the levels that hold it', () => {
    const items = complete('kind: role\nid: r\nresponsibilities:\n  - |').items.filter((item) => taxonomy.responsibility(item.label));
    assert.ok(items.length > 50);
    assert.ok(
      items.every((item) => item.labelDetails?.description),
      'every item names its levels',
    );
  });

  test('field items are snippets with the schema description, required ones marked', () => {
    const { items } = complete('kind: role\nid: x\n|');
    const summary = items.find((item) => item.label === 'summary') as CompletionItem;
    assert.equal(summary.insertTextFormat, InsertTextFormat.Snippet);
    assert.equal(summary.detail, 'required');
    assert.match((summary.documentation as { value: string }).value, /Why the role exists/);
    const level = items.find((item) => item.label === 'level') as CompletionItem;
    assert.match((level.textEdit as TextEdit).newText, /^level: \$\{1\|associate-pm,pm,senior-pm,group-pm,head-of-product,cpo\|\}$/);
  });

  test('references carry the target summary and file', () => {
    const { items } = complete('kind: role\nid: x\nreportsTo: |');
    const item = items.find((candidate) => candidate.label === 'group-pm-commerce') as CompletionItem;
    const documentation = (item.documentation as { value: string }).value;
    assert.match(documentation, /Leads the commerce PMs\./);
    assert.match(documentation, /group\.role\.yaml/);
  });

  for (const kind of KINDS) {
    test(`the new ${kind} skeleton is a document with no missing or empty section`, () => {
      const uri = `file:///ws/new.${kind}.yaml`;
      const text = complete('|', uri).apply(`New ${kind} document`);
      const parsed = service.parse(TextDocument.create(uri, 'yaml', 1, text));
      assert.equal(parsed.kind, kind);
      const findings = service
        .validate(uri, parsed, index, service.settings())
        .filter((d) => ['yaml-syntax', 'missing-section', 'empty-section', 'invalid-value', 'unknown-field'].includes(d.code));
      assert.deepEqual(
        findings.map((d) => `${d.code}: ${d.message}`),
        [],
      );
    });
  }
});

// parseIncrementally must be indistinguishable from parse: for every version of a document
// reached by random edits (typing, deleting, merging and splitting top-level blocks, anchors,
// broken YAML), the same diagnostics, value, yaml errors, completion and hover, and the same node
// tree (every node's class, range and value). Fixed seed: a failure replays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { isCollection, isPair, isScalar, isAlias } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parse, type ParsedDocument } from '../../server/src/service/parse';
import { isAssembled, itemsParsed, itemsParsedAlone, parseIncrementally } from '../../server/src/service/incrementalParse';
import { listDocuments, loadWorkspace, REPO_ROOT, service } from './harness';

const SEED = Number(process.env.PROPERTY_SEED ?? 20261123);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 60);
const URI = 'file:///incremental/doc.role.yaml';

const { index, settings } = loadWorkspace(path.join(REPO_ROOT, 'examples'));

const SMALL = [...listDocuments(path.join(REPO_ROOT, 'examples')), ...listDocuments(path.join(REPO_ROOT, 'test', 'fixtures', 'rules'))].map((file) =>
  fs.readFileSync(file, 'utf8'),
);

/** A deterministic role of about `lines` lines, shaped like bench/lib/generate.mjs's. */
function role(lines: number, seed: number): string {
  let state = seed >>> 0;
  const rand = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296;
  const pick = <T>(items: T[]) => items[Math.floor(rand() * items.length)];
  const words = 'customers merchants checkout payments fraud onboarding pricing roadmap discovery research'.split(' ');
  const out = [
    '# A generated role.',
    'kind: role',
    'id: generated-role',
    'title: Generated PM',
    'level: senior-pm',
    'track: ic',
    'summary: >-',
    '  Owns an area.',
    '  And more.',
    'reportsTo: group-pm',
    'inherits: product-manager',
    '',
    'responsibilities:',
  ];
  const body = lines - out.length;
  for (let i = 0; i < body * 0.3; i++)
    out.push(
      i % 3 ? `  - text: Runs the ${pick(words)} review ${i}` : '  - prioritize-backlog',
      ...(i % 3 ? [`    area: ${pick(['discovery', 'delivery', 'strategy'])}`] : []),
    );
  out.push('# skills follow', 'skills:', '  - skill: prioritization', '    level: 3', '  - stakeholder-management');
  out.push('authority:');
  for (let i = 0; i < body * 0.2; i++) out.push(`  - Decides the ${pick(words)} plan ${i}`);
  out.push('', 'goals:');
  for (let i = 0; out.length < lines; i++)
    out.push(
      `  - goal: Grow ${pick(words)} ${i}`,
      `    measure: ${pick(['revenue', 'conversion'])} up ${i} percent`,
      '    notes: |',
      `      Line one ${i}`,
      '      line two',
    );
  out.push('notes: |+', '  kept', '', '');
  return out.join('\n');
}

/** Disable comments of each form, a quoted look-alike and one inside a block scalar. */
function withDirectives(text: string): string {
  return text
    .replace('# skills follow', '# skills follow\n# charters-disable unknown-skill, duplicate-entry -- tools')
    .replace('authority:', '# charters-enable\nauthority:  # charters-disable-next-line invalid-value')
    .replace('      line two', '      line two\n      # charters-disable-file')
    .replace('title: Generated PM', '# charters-disable-file unknown-field, not-a-rule\ntitle: "Generated # charters-disable-file"');
}

const LARGE = [
  role(1000, 1),
  role(1000, 2).replace(/\n/g, '\r\n'),
  role(400, 3),
  withDirectives(role(600, 4)),
  withDirectives(role(500, 5)).replace(/\n/g, '\r\n'),
];

/** Every node: class, range, value, in order: what consumers can see of the tree (comments aside). */
function tree(parsed: ParsedDocument): unknown {
  const out: unknown[] = [parsed.yaml.range];
  const visit = (node: unknown): void => {
    if (isPair(node)) {
      out.push('pair');
      visit(node.key);
      visit(node.value);
    } else if (isScalar(node)) out.push(['scalar', node.range, node.value, node.type, node.source]);
    else if (isCollection(node)) {
      out.push([node.constructor.name, node.range, node.flow ?? false, node.tag]);
      for (const item of node.items) visit(item);
    } else if (isAlias(node)) out.push(['alias', node.range, node.source]);
    else out.push(node);
  };
  visit(parsed.yaml.contents);
  return out;
}

function errors(parsed: ParsedDocument) {
  return [...parsed.yaml.errors, ...parsed.yaml.warnings].map((error) => [error.code, error.pos, error.message]);
}

function assertSame(incremental: ParsedDocument, full: ParsedDocument, positions: number[], uri = URI): void {
  const text = full.textDocument.getText();
  assert.deepEqual(errors(incremental), errors(full), 'yaml errors');
  assert.deepEqual(incremental.value, full.value, 'value');
  assert.equal(JSON.stringify(incremental.value), JSON.stringify(full.value), 'value, key order');
  assert.equal(incremental.kind, full.kind);
  assert.equal(incremental.tooManyAliases, full.tooManyAliases);
  assert.equal(incremental.refused, full.refused);
  assert.deepEqual(incremental.directives, full.directives);
  assert.deepEqual(incremental.style(), full.style(), 'style');
  assert.deepEqual(tree(incremental), tree(full), 'node tree');
  assert.deepEqual(service.validate(uri, incremental, index, settings), service.validate(uri, full, index, settings), 'diagnostics');
  assert.deepEqual(service.summarize(uri, incremental), service.summarize(uri, full), 'summary');
  for (const at of positions) {
    const position = full.textDocument.positionAt(at % (text.length + 1));
    assert.deepEqual(service.complete(incremental, position, index, settings), service.complete(full, position, index, settings), 'completion');
    assert.deepEqual(service.hover(incremental, position, index, settings), service.hover(full, position, index, settings), 'hover');
  }
}

type Edit =
  | { type: 'insert'; at: number; text: string }
  | { type: 'delete'; at: number; length: number }
  | { type: 'line'; line: number; text: string }
  | { type: 'dropLine'; line: number }
  | { type: 'join'; line: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    type: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.constantFrom('x', ' ', '\n', ':', ': ', '#', '&a ', '*a', '!t ', '- ', '"', "'", '|', '>', '[', '{', '\t', 'a: b', '\nkey: v\n', '\n  - y', '\r'),
  }),
  fc.record({ type: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    type: fc.constant('line' as const),
    line: fc.nat(),
    text: fc.constantFrom(
      'extra: 1',
      'goals: []',
      'kind: role',
      'id: other',
      '# a comment',
      '',
      '  indented: 1',
      '  - item',
      '- top',
      '---',
      '...',
      '%YAML 1.2',
      'a: &x 1',
      'b: *x',
      'c: !!str 3',
      '"quoted": 1',
      '? k',
      'true: 1',
      'null: x',
      'block: |',
      'x',
      '\ttab: 1',
      '{a: 1}',
      '__proto__: 1',
      'constructor: 2',
      'summary: "open',
      'notes: |+',
      '# charters-disable-next-line unknown-skill',
      '  # charters-disable-next-line nope, invalid-value -- why',
      '# charters-disable-file',
      '# charters-disable unknown-field',
      '# charters-enable',
      'x: 1  # charters-disable-next-line',
      'q: "# charters-disable-file"',
      '  # charters-disable-file unknown-skill.',
    ),
  }),
  fc.record({ type: fc.constant('dropLine' as const), line: fc.nat() }),
  fc.record({ type: fc.constant('join' as const), line: fc.nat() }),
);

function apply(text: string, change: Edit): string {
  const lines = text.split('\n');
  switch (change.type) {
    case 'insert': {
      const at = change.at % (text.length + 1);
      return text.slice(0, at) + change.text + text.slice(at);
    }
    case 'delete': {
      const at = change.at % (text.length + 1);
      return text.slice(0, at) + text.slice(at + change.length);
    }
    case 'line':
      lines.splice(change.line % (lines.length + 1), 0, change.text);
      return lines.join('\n');
    case 'dropLine':
      lines.splice(change.line % lines.length, 1);
      return lines.join('\n');
    case 'join': {
      const line = change.line % lines.length;
      if (line + 1 < lines.length) lines.splice(line, 2, lines[line] + lines[line + 1]);
      return lines.join('\n');
    }
  }
}

/** Edit `start` step by step, each version parsed incrementally from the previous one. */
function replay(start: string, edits: Edit[], positions: number[], minLines?: number, uri = URI, split?: (parsed: ParsedDocument) => void): number {
  let text = start;
  let version = 1;
  // a Markdown document's front matter is what goes through the blocks
  const assembledOf = (parsed: ParsedDocument) => isAssembled(parsed.markdown?.frontMatterParse ?? parsed);
  let previous = parseIncrementally(undefined, TextDocument.create(uri, 'yaml', version, text), { minLines });
  assertSame(previous, parse(TextDocument.create(uri, 'yaml', version, text)), positions, uri);
  let assembled = assembledOf(previous) ? 1 : 0;
  for (const change of edits) {
    text = apply(text, change);
    version++;
    const before = tree(previous);
    const next = parseIncrementally(previous, TextDocument.create(uri, 'yaml', version, text), { minLines });
    assert.deepEqual(tree(previous), before, 'the previous version was not touched');
    assertSame(next, parse(TextDocument.create(uri, 'yaml', version, text)), positions, uri);
    if (assembledOf(next)) assembled++;
    split?.(next);
    previous = next;
  }
  return assembled;
}

const positions = fc.array(fc.nat(), { minLength: 2, maxLength: 4 });

test('incremental parse equals the full parse: example and fixture documents, edited (split below 200 lines here)', () => {
  let assembled = 0;
  fc.assert(
    fc.property(fc.integer({ min: 0, max: SMALL.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 6 }), positions, (seed, edits, at) => {
      assembled += replay(SMALL[seed], edits, at, 0);
    }),
    { seed: SEED, numRuns: RUNS * 4 },
  );
  assert.ok(assembled > RUNS, `only ${assembled} versions were assembled from blocks`);
});

test('incremental parse equals the full parse: generated 400- and 1,000-line roles, edited', () => {
  let assembled = 0;
  fc.assert(
    fc.property(fc.integer({ min: 0, max: LARGE.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 6 }), positions, (seed, edits, at) => {
      assembled += replay(LARGE[seed], edits, at);
    }),
    { seed: SEED, numRuns: RUNS },
  );
  assert.ok(assembled > RUNS, `only ${assembled} versions were assembled from blocks`);
});

/** `role` as a Markdown document: the role as front matter, a body with a section and free prose. */
function markdownRole(lines: number, seed: number): string {
  const body = [
    '',
    '# Generated',
    '',
    '## Decisions',
    '',
    '- Decides the order of the backlog',
    '- Decides what to measure',
    '',
    '## Notes',
    '',
    'Free prose.',
    '',
  ];
  return `---\n${role(lines, seed).replace(/\n$/, '')}\n---\n${body.join('\n')}`;
}

test('incremental parse equals the full parse: generated 400- and 1,000-line Markdown roles, edited', () => {
  const documents = [markdownRole(1000, 1), markdownRole(400, 3), markdownRole(600, 4).replace(/\n/g, '\r\n')];
  let assembled = 0;
  fc.assert(
    fc.property(fc.integer({ min: 0, max: documents.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 6 }), positions, (seed, edits, at) => {
      assembled += replay(documents[seed], edits, at, undefined, 'file:///incremental/doc.role.md');
    }),
    { seed: SEED, numRuns: RUNS },
  );
  assert.ok(assembled > RUNS, `only ${assembled} versions had their front matter assembled from blocks`);
});

test('incremental parse: an edit inside one block reuses the others, and nothing earlier is mutated', () => {
  const text = role(1000, 7);
  const first = parseIncrementally(undefined, TextDocument.create(URI, 'yaml', 1, text));
  assert.ok(isAssembled(first));
  const at = text.indexOf('measure:');
  const edited = `${text.slice(0, at)}x${text.slice(at)}`;
  const before = tree(first);
  const second = parseIncrementally(first, TextDocument.create(URI, 'yaml', 2, edited));
  assert.ok(isAssembled(second));
  assert.deepEqual(tree(first), before);
  assertSame(second, parse(TextDocument.create(URI, 'yaml', 2, edited)), [at, at + 3, 50]);
  // blocks before the edit are shared as they are; the block after it moved and was copied
  const pairs = (parsed: ParsedDocument) => (parsed.yaml.contents as { items: unknown[] }).items;
  assert.equal(pairs(second)[0], pairs(first)[0]);
  const last = pairs(first).length - 1;
  assert.notEqual(pairs(second)[last], pairs(first)[last]);
});

const base = role(400, 11);
const FALLBACKS: [string, string][] = [
  ['fewer than 200 lines', role(150, 5)],
  ['a document start marker', `---\n${base}`],
  ['a document end marker', `${base}\n...\n`],
  ['a directive', `%YAML 1.2\n---\n${base}`],
  ['an anchor', base.replace('title: Generated PM', 'title: &t Generated PM')],
  ['an alias', `${base}\nother: *t\n`],
  ['a tag', base.replace('track: ic', 'track: !!str ic')],
  ['a top-level flow mapping', `{kind: role}\n${base}`],
  ['a top-level sequence', `- a\n${base}`],
  ['a sequence at column 0 under a key', base.replace('skills:\n', 'skills:\n- listed\n')],
  ['a tab at column 0', base.replace('track: ic', '\ttrack: ic')],
  ['a duplicate top-level key', `${base}\nkind: role\n`],
  ['an explicit key', `? kind\n: role\n${base.replace('kind: role\n', '')}`],
  ['a quoted key', base.replace('track: ic', '"track": ic')],
  ['a key that is not a string', `${base}\ntrue: 1\n`],
  ['a quoted scalar running over a column-0 key line', base.replace('title: Generated PM', 'title: "Generated\nlevel2: PM"')],
  ['a scalar continued at column 0', base.replace('title: Generated PM', 'title: Generated\nPM')],
  ['a block with a syntax error', base.replace('track: ic', 'track: [ic')],
  ['a byte-order mark', `\ufeff${base}`],
  [
    'one top-level key only',
    `responsibilities:\n${base
      .split('\n')
      .filter((line) => line.startsWith('  '))
      .join('\n')}`,
  ],
  ['an empty value followed by comment lines before the next key', base.replace('track: ic', 'track:  # to do\n# later')],
  ['an empty value followed by a blank line before the next key', base.replace('track: ic', 'track:  # to do\n')],
  ['a refused document', `${base}\nx:\n${'  - '.repeat(250)}deep\n`],
];

for (const [name, text] of FALLBACKS) {
  test(`incremental parse falls back to the full parse: ${name}`, () => {
    const full = parse(TextDocument.create(URI, 'yaml', 1, text));
    const first = parseIncrementally(undefined, TextDocument.create(URI, 'yaml', 1, text));
    assert.equal(isAssembled(first), false);
    assertSame(first, full, [0, 100, text.length]);
    // and from a previous version that was assembled
    const previous = parseIncrementally(undefined, TextDocument.create(URI, 'yaml', 1, base));
    assert.ok(isAssembled(previous));
    const second = parseIncrementally(previous, TextDocument.create(URI, 'yaml', 2, text));
    assert.equal(isAssembled(second), false);
    assertSame(second, parse(TextDocument.create(URI, 'yaml', 2, text)), [0, 100, text.length]);
  });
}

test('incremental parse splits a plain block mapping with comments, blank lines and keep-chomped scalars', () => {
  const text = base;
  const parsed = parseIncrementally(undefined, TextDocument.create(URI, 'yaml', 1, text));
  assert.ok(isAssembled(parsed));
  assertSame(parsed, parse(TextDocument.create(URI, 'yaml', 1, text)), [0, 200, text.length - 3]);
});

/**
 * A role whose bulk is one `responsibilities` list of `{text, area}` items (the one-list shape of
 * the bench), with a few taxonomy ids, blank lines between some items and a keep-chomped block
 * scalar inside one item.
 */
function oneListRole(lines: number, seed: number): string {
  let state = seed >>> 0;
  const rand = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296;
  const words = 'customers merchants checkout payments fraud onboarding pricing roadmap discovery research'.split(' ');
  const out = ['# A one-list role.', 'kind: role', 'id: one-list-role', 'title: One-list PM', 'level: senior-pm', 'track: ic', 'responsibilities:'];
  for (let i = 0; out.length < lines - 4; i++) {
    if (i % 17 === 5) out.push('  - prioritize-backlog');
    else if (i % 23 === 7) out.push('  - text: |+', `      Runs review ${i}`, '', '    area: delivery');
    else out.push(`  - text: Runs the ${words[Math.floor(rand() * words.length)]} review ${i}`, `    area: ${['discovery', 'delivery', 'strategy'][i % 3]}`);
    if (i % 11 === 3) out.push('');
  }
  out.push('# skills follow', 'skills:', '  - prioritization', 'aliases:', '  - PM', '');
  return out.join('\n');
}

/** An edit aimed inside the lists: at an indented line (a list item's line), or a line inserted after one. */
type ItemEdit =
  | { type: 'type'; line: number; column: number; text: string }
  | { type: 'insertLine'; line: number; text: string }
  | { type: 'dropLine'; line: number }
  | { type: 'copyLine'; line: number; from: number }
  | { type: 'moveLines'; line: number; count: number; to: number }
  | { type: 'append'; line: number; text: string };

const itemEdit: fc.Arbitrary<ItemEdit> = fc.oneof(
  fc.record({
    type: fc.constant('type' as const),
    line: fc.nat(),
    column: fc.nat(),
    text: fc.constantFrom(
      'x',
      ' ',
      '',
      ':',
      ': ',
      '#',
      ' #c',
      '- ',
      '"',
      "'",
      '|',
      '|2',
      '>',
      '[',
      '[a,\n',
      '{',
      '\t',
      '\n',
      '\n  ',
      '\n    area: x',
      '&a ',
      '*a',
      '!t ',
    ),
  }),
  fc.record({
    type: fc.constant('insertLine' as const),
    line: fc.nat(),
    text: fc.constantFrom(
      '  - text: Added duty',
      '    area: discovery',
      '  - added-id',
      '   - indented one more',
      ' - indented one less',
      '  -',
      '  - text:',
      '',
      '  # a comment inside the list',
      '# a comment at column 0',
      '    notes: |',
      '      kept text',
      '  - text: "open',
      '  - [a,',
      '    b]',
      '  - text: Duty  # charters-disable-next-line invalid-value',
      '  # charters-disable-next-line unknown-responsibility',
      '  - text: one\n    text: two',
      '  - - nested',
    ),
  }),
  fc.record({ type: fc.constant('dropLine' as const), line: fc.nat() }),
  // a line made the same as another (an item's text equal to another item's), or a line's copy inserted
  fc.record({ type: fc.constant('copyLine' as const), line: fc.nat(), from: fc.integer({ min: -3, max: 3 }) }),
  // whole lines cut and pasted elsewhere (items moved, deleted with their neighbours' lines, or duplicated)
  fc.record({ type: fc.constant('moveLines' as const), line: fc.nat(), count: fc.integer({ min: 1, max: 12 }), to: fc.integer({ min: -40, max: 40 }) }),
);

/** Edits that mostly leave a list splittable: typing at a line's end, lines copied, moved or dropped. */
const mildItemEdit: fc.Arbitrary<ItemEdit> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ type: fc.constant('append' as const), line: fc.nat(), text: fc.constantFrom('x', ' more words', 's', ' TODO') }) },
  fc.record({ type: fc.constant('copyLine' as const), line: fc.nat(), from: fc.integer({ min: -3, max: 3 }) }),
  fc.record({ type: fc.constant('moveLines' as const), line: fc.nat(), count: fc.constantFrom(2, 4), to: fc.integer({ min: -40, max: 40 }) }),
  fc.record({ type: fc.constant('dropLine' as const), line: fc.nat() }),
  itemEdit,
);

function applyItemEdit(text: string, change: ItemEdit): string {
  const lines = text.split('\n');
  const indented = lines.flatMap((line, index) => (line.startsWith('  ') ? [index] : []));
  if (!indented.length) return text;
  const line = indented[change.line % indented.length];
  switch (change.type) {
    case 'type': {
      const column = change.column % (lines[line].length + 1);
      lines[line] = lines[line].slice(0, column) + change.text + lines[line].slice(column);
      break;
    }
    case 'insertLine':
      lines.splice(line + 1, 0, change.text);
      break;
    case 'dropLine':
      lines.splice(line, 1);
      break;
    case 'copyLine': {
      const from = Math.min(Math.max(line + change.from, 0), lines.length - 1);
      if (change.from % 2 === 0) lines[line] = lines[from];
      else lines.splice(line, 0, lines[from]);
      break;
    }
    case 'append':
      lines[line] += change.text;
      break;
    case 'moveLines': {
      const cut = lines.splice(line, change.count);
      lines.splice(Math.min(Math.max(line + change.to, 0), lines.length), 0, ...cut);
      break;
    }
  }
  return lines.join('\n');
}

test('incremental parse equals the full parse: edits inside the items of one-list roles (YAML and Markdown front matter)', () => {
  const documents: [string, string][] = [
    [oneListRole(1000, 1), URI],
    [oneListRole(600, 2).replace(/\n/g, '\r\n'), URI],
    [role(600, 3), URI],
    [`---\n${oneListRole(500, 4).replace(/\n$/, '')}\n---\n\n# One list\n\nProse.\n`, 'file:///incremental/doc.role.md'],
  ];
  let versions = 0;
  let split = 0;
  fc.assert(
    fc.property(fc.integer({ min: 0, max: documents.length - 1 }), fc.array(itemEdit, { minLength: 1, maxLength: 8 }), positions, (seed, edits, at) => {
      const [start, uri] = documents[seed];
      let text = start;
      const all: Edit[] = [];
      // each item edit as the whole-line replacement `apply` understands: replay compares every version
      for (const change of edits) {
        const next = applyItemEdit(text, change);
        all.push(...rewrite(text, next));
        text = next;
      }
      replay(start, all, at, undefined, uri, (parsed) => {
        versions++;
        if (itemsParsedAlone(parsed.markdown?.frontMatterParse ?? parsed) > 0) split++;
      });
    }),
    { seed: SEED, numRuns: RUNS },
  );
  // many edits leave a list that cannot be split (a comment line, a deeper item, broken YAML) for the rest of the run
  assert.ok(split > RUNS / 2, `only ${split} of ${versions} versions were assembled from list items`);
});

/** `before` → `after` as one edit `apply` makes: delete the differing middle, insert its replacement. */
function rewrite(before: string, after: string): Edit[] {
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  const removed = before.length - head - tail;
  const inserted = after.slice(head, after.length - tail);
  const out: Edit[] = [];
  if (removed > 0) out.push({ type: 'delete', at: head, length: removed });
  if (inserted) out.push({ type: 'insert', at: head, text: inserted });
  return out;
}

test('incremental parse: an edit inside one list item re-parses that item alone; the items before it are shared, the previous version untouched', () => {
  const text = oneListRole(1000, 9);
  const first = parseIncrementally(undefined, TextDocument.create(URI, 'yaml', 1, text));
  assert.ok(isAssembled(first));
  assert.ok(itemsParsedAlone(first) > 300, `${itemsParsedAlone(first)} items`);
  const at = text.indexOf('review 200');
  const edited = `${text.slice(0, at)}x${text.slice(at)}`;
  const before = tree(first);
  const second = parseIncrementally(first, TextDocument.create(URI, 'yaml', 2, edited));
  assert.ok(isAssembled(second));
  assert.deepEqual(tree(first), before);
  assertSame(second, parse(TextDocument.create(URI, 'yaml', 2, edited)), [at, at + 3, 50]);
  const list = (parsed: ParsedDocument) =>
    ((parsed.yaml.contents as { items: { key: { value: string }; value: { items: unknown[] } }[] }).items.find((pair) => pair.key.value === 'responsibilities')
      ?.value.items ?? []) as unknown[];
  const items = list(second);
  const edit = items.findIndex((item) => JSON.stringify(item).includes('xreview 200'));
  assert.ok(edit > 100);
  assert.equal(items[edit - 1], list(first)[edit - 1], 'an item before the edit is the same node');
  assert.notEqual(items[edit + 1], list(first)[edit + 1], 'an item after the edit moved and was copied');
  assert.ok(itemsParsedAlone(second) > 300);
  assert.equal(itemsParsed(second), 1, 'the edited item alone was parsed');
});

test('incremental parse: whole items deleted, duplicated or swapped, and several edits in one change, parse no more items than they touch', () => {
  const text = oneListRole(1000, 10);
  const first = parseIncrementally(undefined, TextDocument.create(URI, 'yaml', 1, text));
  assert.ok(itemsParsedAlone(first) > 300);
  const lines = text.split('\n');
  // the lines of the item starting on the line of `needle`
  const item = (needle: string) => {
    const start = lines.findIndex((line) => line.includes(needle));
    let end = start + 1;
    while (end < lines.length && lines[end].startsWith('    ')) end++;
    return { start, end, lines: lines.slice(start, end) };
  };
  const a = item('review 100');
  const b = item('review 101');
  const c = item('review 300');
  const versions: [string, string[], number][] = [
    ['an item deleted', [...lines.slice(0, b.start), ...lines.slice(b.end)], 0],
    ['an item duplicated after itself', [...lines.slice(0, b.end), ...b.lines, ...lines.slice(b.end)], 1],
    ['two neighbouring items swapped', [...lines.slice(0, a.start), ...b.lines, ...a.lines, ...lines.slice(b.end)], 2],
    ['an item made equal to the one before it', [...lines.slice(0, b.start), ...a.lines, ...lines.slice(b.end)], 1],
    [
      'an edit in each of two distant items',
      lines.map((line, index) => (index === a.start || index === c.start ? `${line}x` : line)),
      // the items between the two edits are found by their text; the two edited ones are parsed
      2,
    ],
    ['a character typed at the start of an item line', lines.map((line, index) => (index === c.start ? ` ${line}` : line)), 2],
  ];
  for (const [name, next, most] of versions) {
    const edited = next.join('\n');
    const before = tree(first);
    const second = parseIncrementally(first, TextDocument.create(URI, 'yaml', 2, edited));
    assert.deepEqual(tree(first), before, `${name}: the previous version was not touched`);
    assertSame(second, parse(TextDocument.create(URI, 'yaml', 2, edited)), [text.indexOf('review 101'), 50]);
    if (name !== 'a character typed at the start of an item line') assert.ok(itemsParsedAlone(second) > 300, name);
    assert.ok(itemsParsed(second) <= most, `${name}: ${itemsParsed(second)} items parsed, at most ${most} expected`);
  }
});

test('incremental parse: a list an edit did not touch keeps its items for the next version, moved or not', () => {
  const text = oneListRole(1000, 11);
  const inList = (at: string) => text.indexOf(at) + at.length;
  const versions = [
    text,
    // before the list: the list moves by one character
    text.replace('title: One-list PM', 'title: One-list PMs'),
    `${text.slice(0, inList('review 150'))}x${text.slice(inList('review 150'))}`.replace('title: One-list PM', 'title: One-list PMs'),
    // after the list: the list stays where it is
    `${text.slice(0, inList('review 150'))}x${text.slice(inList('review 150'))}`
      .replace('title: One-list PM', 'title: One-list PMs')
      .replace('  - PM', '  - PMs'),
    `${text.slice(0, inList('review 150'))}xy${text.slice(inList('review 150'))}`
      .replace('title: One-list PM', 'title: One-list PMs')
      .replace('  - PM', '  - PMs'),
  ];
  let previous = parseIncrementally(undefined, TextDocument.create(URI, 'yaml', 1, versions[0]));
  for (const [index, version] of versions.entries()) {
    if (index === 0) continue;
    const before = tree(previous);
    const next = parseIncrementally(previous, TextDocument.create(URI, 'yaml', index + 1, version));
    assert.deepEqual(tree(previous), before, 'the previous version was not touched');
    assertSame(next, parse(TextDocument.create(URI, 'yaml', index + 1, version)), [inList('review 150'), 40]);
    assert.ok(itemsParsedAlone(next) > 300, `version ${index + 1}: ${itemsParsedAlone(next)} items kept`);
    assert.ok(itemsParsed(next) <= 1, `version ${index + 1}: ${itemsParsed(next)} items parsed`);
    previous = next;
  }
});

test('incremental parse equals the full parse: several edits inside the items of a one-list role in each version', () => {
  const documents = [oneListRole(800, 13), oneListRole(500, 14).replace(/\n/g, '\r\n')];
  let split = 0;
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: documents.length - 1 }),
      fc.array(fc.array(mildItemEdit, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 4 }),
      positions,
      (seed, changes, at) => {
        let text = documents[seed];
        let previous = parseIncrementally(undefined, TextDocument.create(URI, 'yaml', 1, text));
        for (const [version, edits] of changes.entries()) {
          for (const change of edits) text = applyItemEdit(text, change);
          const before = tree(previous);
          const next = parseIncrementally(previous, TextDocument.create(URI, 'yaml', version + 2, text));
          assert.deepEqual(tree(previous), before, 'the previous version was not touched');
          assertSame(next, parse(TextDocument.create(URI, 'yaml', version + 2, text)), at);
          if (itemsParsedAlone(next) > 0) split++;
          previous = next;
        }
      },
    ),
    { seed: SEED, numRuns: RUNS },
  );
  assert.ok(split > RUNS / 2, `only ${split} versions were assembled from list items`);
});

const ONE_LIST = oneListRole(400, 12);
const ITEM_FALLBACKS: [string, string][] = [
  ['an item whose first line is indented one more', ONE_LIST.replace('  - prioritize-backlog', '   - prioritize-backlog')],
  ['a line indented less than the items', ONE_LIST.replace('  - prioritize-backlog', ' x: prioritize-backlog')],
  ['a comment line inside the list', ONE_LIST.replace('  - prioritize-backlog', '  # a note\n  - prioritize-backlog')],
  ['a block scalar with an indentation indicator', ONE_LIST.replace('  - text: |+', '  - text: |2+')],
  ['a flow sequence over two lines', ONE_LIST.replace('  - prioritize-backlog', '  - [a,\n  b]')],
  ['a quoted scalar over two lines', ONE_LIST.replace('  - prioritize-backlog', '  - "a\n  - b"')],
  ['a value on the key line', ONE_LIST.replace('responsibilities:\n', 'responsibilities: # the duties\n')],
];

for (const [name, text] of ITEM_FALLBACKS) {
  test(`incremental parse does not split a list into items, and equals the full parse: ${name}`, () => {
    const previous = parseIncrementally(undefined, TextDocument.create(URI, 'yaml', 1, ONE_LIST));
    assert.ok(itemsParsedAlone(previous) > 0);
    const next = parseIncrementally(previous, TextDocument.create(URI, 'yaml', 2, text));
    assert.equal(itemsParsedAlone(next), 0);
    assertSame(next, parse(TextDocument.create(URI, 'yaml', 2, text)), [0, 100, text.length]);
  });
}

// The light scan of the index (server/src/service/lightScan.ts) gives exactly the summary the
// full parse gives, or leaves the document to the full parse: on every example, fixture and
// Markdown document, on the bench's generated workspace, and on generated and mutated documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lightSummary, UNSURE } from '../../server/src/service/lightScan';
import { listDocuments, REPO_ROOT, service, uriOf } from './harness';
import { applyTextMutation, EDIT_MUTATIONS, insertLine, WHOLE_MUTATIONS, type TextMutation } from './mutations';

const SEED = Number(process.env.PROPERTY_SEED ?? 20251126);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 600);

function fullSummary(uri: string, text: string) {
  return service.summarize(uri, service.parse(TextDocument.create(uri, 'yaml', 0, text)));
}

/** The scan's answer for a text, checked against the full parse's; true when the scan read it. */
function agrees(uri: string, text: string): boolean {
  const light = lightSummary(uri, text, service.schemas);
  const full = fullSummary(uri, text);
  assert.deepEqual(service.summarizeText(uri, text), full, `summarizeText differs from the full summary of ${uri}:\n${text}`);
  // for an index only the rules read (a parallel lint's): the same summary, its references left out
  const lean = service.summarizeText(uri, text, { references: false });
  assert.deepEqual(lean, full && { ...full, references: [] }, `summarizeText without references differs from the full summary of ${uri}:\n${text}`);
  if (light === UNSURE) return false;
  if (!isDeepStrictEqual(light, full)) {
    assert.deepEqual(light, full, `the light scan's summary differs from the full parse's for ${uri}:\n${text}`);
  }
  return true;
}

const SEEDS = [...listDocuments(path.join(REPO_ROOT, 'examples')), ...listDocuments(path.join(REPO_ROOT, 'test', 'fixtures', 'rules'))].map((file) => ({
  file,
  uri: uriOf(file),
  text: fs.readFileSync(file, 'utf8'),
}));
const YAML_SEEDS = SEEDS.filter((seed) => !seed.file.endsWith('.md'));
/** Markdown documents: the Markdown examples and fixtures, and every YAML seed as front matter above a body of sections. */
const BODY = '\n# Notes\n\n## Summary\n\nProse\n\n## Mission\n\nOurs.\n\n## Vision\n\nA world.\n\n## Authority\n\n- One\n\n## Out of scope\n';
const MARKDOWN_SEEDS = [
  ...SEEDS.filter((seed) => seed.file.endsWith('.md')),
  ...YAML_SEEDS.map((seed) => ({
    file: `${seed.file}.md`,
    uri: seed.uri.replace(/\.yaml$/, '.md'),
    text: `---\n${seed.text.replace(/\n?$/, '\n')}---\n${BODY}`,
  })),
];

test('light scan: every example, fixture and Markdown document gets the full summary, and most YAML ones are read by the scan', () => {
  let read = 0;
  for (const seed of SEEDS) if (agrees(seed.uri, seed.text)) read++;
  assert.ok(SEEDS.some((seed) => seed.file.endsWith('.md')));
  // the fixtures are made to be odd (flow lists, anchors, broken YAML), the examples are not
  const examples = YAML_SEEDS.filter(
    (seed) => seed.file.startsWith(path.join(REPO_ROOT, 'examples') + path.sep) && !seed.file.includes(`${path.sep}broken${path.sep}`),
  );
  const examplesRead = examples.filter((seed) => lightSummary(seed.uri, seed.text, service.schemas) !== UNSURE);
  assert.equal(
    examplesRead.length,
    examples.length,
    `the scan leaves examples to the full parse: ${examples.filter((seed) => !examplesRead.includes(seed)).map((seed) => seed.file)}`,
  );
  assert.ok(read > YAML_SEEDS.length / 2, `the scan read only ${read} of ${YAML_SEEDS.length} YAML documents`);
  // Markdown: the front matter is scanned; the body only matters where it may give a summary's field
  let markdownRead = 0;
  for (const seed of MARKDOWN_SEEDS) if (agrees(seed.uri, seed.text)) markdownRead++;
  assert.ok(markdownRead > MARKDOWN_SEEDS.length / 4, `the scan read only ${markdownRead} of ${MARKDOWN_SEEDS.length} Markdown documents`);
});

test("light scan: the bench's generated workspace is read by the scan, every summary the full one", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'charters-lightscan-'));
  try {
    const generator = path.join(REPO_ROOT, 'bench', 'lib', 'generate.mjs');
    const script = `import(${JSON.stringify(`file://${generator}`)}).then((m) => { m.writeWorkspace(${JSON.stringify(dir)}, 400); process.stdout.write(m.roleDocument(1000).text); })`;
    const role = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    const files = listDocuments(dir);
    assert.ok(files.length >= 390, `${files.length} documents generated`);
    for (const file of files) assert.ok(agrees(uriOf(file), fs.readFileSync(file, 'utf8')), `the scan left ${file} to the full parse`);
    assert.ok(agrees('file:///bench/big.role.yaml', role), 'the scan left the bench role of 1,000 lines to the full parse');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('light scan: what it cannot read with certainty goes to the full parse', () => {
  const unsure = [
    'kind: role\nid: a\nreportsTo: [b]\n', // flow collection
    'kind: role\nid: &x a\ninherits: *x\n', // anchor and alias
    'kind: role\nid: !!str 12\n', // tag
    'kind: role\nid: a\ntitle: one\n  two\n', // multi-line plain scalar
    'kind: role\nid: "a\\u0062"\n', // escapes
    'kind: role\nid: a\nid: b\n', // duplicate key
    'kind: role\nid:\ttab\n', // tab
    '---\nkind: role\nid: a\n', // document marker
    'kind: role\nid: a\n title: b\n', // odd indentation
    'kind: role\nid: a\ntitle: a: b\n', // a mapping in a compact value
  ];
  for (const text of unsure) {
    assert.equal(lightSummary('file:///w/a.role.yaml', text, service.schemas), UNSURE, text);
    agrees('file:///w/a.role.yaml', text);
  }
  // a Markdown role whose summary may come from its body's Summary section is parsed; one whose front matter gives it is scanned
  assert.equal(lightSummary('file:///w/a.role.md', '---\nkind: role\nid: a\n---\n\n## Summary\n\nText.\n', service.schemas), UNSURE);
  const frontMatterGives = lightSummary('file:///w/a.role.md', '---\nkind: role\nid: a\nsummary: Front.\n---\n\n## Summary\n\nText.\n', service.schemas);
  assert.notEqual(frontMatterGives, UNSURE);
  assert.equal(frontMatterGives === UNSURE ? undefined : frontMatterGives?.summary, 'Front.');
  agrees('file:///w/a.role.md', '---\nkind: role\nid: a\nsummary: Front.\n---\n\n## Summary\n\nText.\n');
  // and what it reads, it reads as the parser does
  const read = [
    "kind: role\nid: a # the id\ntitle: \"Senior: PM\"\nreportsTo: 'b''s'\ninherits: 12\nlevel: 2027-01-01\n",
    'kind: role\nid: a\nsummary: >-\n  Owns the\n  checkout.\n\n  Second.\nresponsibilities:\n- x\n-\n  text: t\n  area: delivery\n- text: u\n  area: y\n',
    'kind: ladder\nid: l\ntracks:\n  - id: ic\n    roles:\n      - a\n      - b\n  - title: Managers\n    roles: [c]\n',
    'kind: ladder\nid: l\ntracks:\n  - id: ic\n    title: true\n    roles:\n    - a\n    - ~\n',
    'kind: charter\nid: c\nmission: |\n  Keep\n    indented\nteam:\n  - role: a\n    name: Ann\n',
    'kind: role\nid: a\nsummary: |+\n  kept\n\nlevel: pm\n', // keep chomping: the blank line is the scalar's
    'kind: role\r\nid: a\r\nsummary: |+\r\n  kept\r\n\r\nlevel: pm\r\n',
    'kind: role\nid: a\nsummary: |-\n  a\n\nlevel: pm',
    'kind: nothing\nid: a\n',
    'kind: role\r\nid: a\r\ntitle: T\r\n',
  ];
  let scanned = 0;
  for (const text of read) if (agrees('file:///w/a.role.yaml', text)) scanned++;
  assert.ok(scanned >= read.length - 1, `the scan read ${scanned} of ${read.length}`);
  assert.equal(service.summarizeText('file:///w/a.role.yaml', read[5])?.summary, 'kept\n\n');
});

// ------------------------------------------------------------------ generated and mutated documents

const VALUES = [
  '',
  'pm',
  'senior-pm',
  'role',
  'ladder',
  'charter',
  'x y z',
  '[]',
  '{a: 1}',
  'null',
  '~',
  'true',
  'False',
  '42',
  '-3',
  '0o17',
  '0x1F',
  '1e3',
  '.5',
  '.inf',
  '.NaN',
  '"quoted"',
  '"quo\\"ted"',
  "'single'",
  "'it''s'",
  "'open",
  '"open',
  '2027-02-30',
  '&a x',
  '*a',
  '!tag x',
  '|',
  '>-',
  '|+',
  '|2',
  '- a',
  'a: b',
  'a:',
  'x # comment',
  'x#y',
  'TODO: x',
  '<role title>',
  '%x',
  '@x',
  '`x',
  '?x',
  ':x',
  '-x',
  'a,b',
];
const KEYS = [
  'kind',
  'id',
  'title',
  'summary',
  'statement',
  'mission',
  'level',
  'track',
  'reportsTo',
  'inherits',
  'responsibilities',
  'text',
  'area',
  'tracks',
  'roles',
  'team',
  'role',
  'owner',
  'true',
  'null',
  '__proto__',
  '1',
];

type Mutation =
  | TextMutation
  | { type: 'insert'; line: number; indent: number; dash: boolean; key: string; value: string }
  | { type: 'item'; line: number; indent: number; value: string }
  | { type: 'text'; line: number; indent: number; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  ...EDIT_MUTATIONS,
  fc.record({
    type: fc.constant('insert' as const),
    line: fc.nat(),
    indent: fc.constantFrom(0, 1, 2, 4, 6),
    dash: fc.boolean(),
    key: fc.constantFrom(...KEYS),
    value: fc.constantFrom(...VALUES),
  }),
  fc.record({ type: fc.constant('item' as const), line: fc.nat(), indent: fc.constantFrom(0, 2, 4), value: fc.constantFrom(...VALUES) }),
  fc.record({
    type: fc.constant('text' as const),
    line: fc.nat(),
    indent: fc.constantFrom(0, 2, 3, 4, 8),
    text: fc.constantFrom(
      '# a comment',
      '',
      '   ',
      'continued text',
      '---',
      '...',
      '- - a',
      '-',
      '\tid: tab',
      'id: a\r',
      'k: \u00e9t\u00e9 \ud83d\ude80',
      '\ufeffid: x',
      'summary: |+\n  kept\n',
      'summary: >\n  a\n\n   b\n',
      'notes: |\n    x\n  y\n',
    ),
  }),
  ...WHOLE_MUTATIONS,
);

function mutate(text: string, change: Mutation): string {
  switch (change.type) {
    case 'insert':
      return insertLine(text, change.line, `${' '.repeat(change.indent)}${change.dash ? '- ' : ''}${change.key}:${change.value ? ` ${change.value}` : ''}`);
    case 'item':
      return insertLine(text, change.line, `${' '.repeat(change.indent)}-${change.value ? ` ${change.value}` : ''}`);
    case 'text':
      return insertLine(text, change.line, `${' '.repeat(change.indent)}${change.text}`);
    default:
      return applyTextMutation(text, change);
  }
}

test('light scan: on mutated documents its summary is the full one whenever it answers', () => {
  let read = 0;
  let runs = 0;
  const seeds = [...YAML_SEEDS, ...MARKDOWN_SEEDS];
  const arbitrary = fc
    .record({ seed: fc.integer({ min: 0, max: seeds.length - 1 }), changes: fc.array(mutation, { minLength: 1, maxLength: 4 }) })
    .map(({ seed, changes }) => ({ uri: seeds[seed].uri, text: changes.reduce(mutate, seeds[seed].text) }));
  try {
    fc.assert(
      fc.property(arbitrary, ({ uri, text }) => {
        runs++;
        if (agrees(uri, text)) read++;
      }),
      { seed: SEED, numRuns: RUNS },
    );
  } catch (error) {
    const cause = (error as Error & { cause?: Error }).cause;
    throw new Error(`${(error as Error).message}\n\nCause: ${cause?.message ?? cause}`);
  }
  // the mutations leave many documents readable: the property is tested on the scan, not on its fallback
  assert.ok(read > runs / 5, `the scan read only ${read} of ${runs} mutated documents`);
});

/** Documents built from the subset the scan reads: nested mappings and lists of scalars in every form it knows. */
const scalarText = fc.oneof(
  { arbitrary: fc.constantFrom(...VALUES.filter((value) => value !== '|' && value !== '>-' && value !== '|+' && value !== '|2')), weight: 1 },
  { arbitrary: fc.stringMatching(/^[a-z][a-z0-9 -]{0,12}$/), weight: 3 },
);
const entries = <T>(value: fc.Arbitrary<T>, maxLength: number) =>
  fc.uniqueArray(fc.tuple(fc.constantFrom(...KEYS.slice(1, 18)), value), { minLength: 1, maxLength, selector: (entry) => entry[0] });
type Tree = string | { map: [string, Tree][] } | { seq: Tree[] };
const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalarText,
    fc.record({ map: entries(tie('node'), 4) }),
    fc.record({ seq: fc.array(tie('node'), { minLength: 1, maxLength: 4 }) }),
  ),
})).node;

function render(node: Tree, indent: number, compactSeq: boolean): string[] {
  if (typeof node === 'string') return [node];
  const pad = ' '.repeat(indent);
  if ('seq' in node) {
    return node.seq.flatMap((item) => {
      if (typeof item === 'string') return [`${pad}-${item ? ` ${item}` : ''}`];
      if ('map' in item) {
        const [first, ...rest] = render(item, indent + 2, compactSeq);
        return [`${pad}- ${first.trimStart()}`, ...rest];
      }
      return [`${pad}-`, ...render(item, indent + 2, compactSeq)];
    });
  }
  return node.map.flatMap(([key, value]) => {
    if (typeof value === 'string') return [`${pad}${key}:${value ? ` ${value}` : ''}`];
    const childIndent = 'seq' in value && compactSeq ? indent : indent + 2;
    return [`${pad}${key}:`, ...render(value, childIndent, compactSeq)];
  });
}

test('light scan: on generated documents of the subset it reads, its summary is the full one', () => {
  const kinds = ['role', 'ladder', 'vision', 'strategy', 'charter'];
  let read = 0;
  fc.assert(
    fc.property(fc.constantFrom(...kinds), entries(tree, 6), fc.boolean(), (kind, entries, compactSeq) => {
      const text = `${[`kind: ${kind}`, ...render({ map: entries }, 0, compactSeq)].join('\n')}\n`;
      if (agrees(`file:///generated/doc.${kind}.yaml`, text)) read++;
    }),
    { seed: SEED, numRuns: RUNS },
  );
  assert.ok(read > RUNS / 5, `the scan read only ${read} of ${RUNS} generated documents`);
});

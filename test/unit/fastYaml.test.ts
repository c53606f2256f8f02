// fastParseYaml must be indistinguishable from yaml's parseDocument wherever it does not refuse:
// for every text below, either it returns undefined, or yaml reports no error or warning for the
// text, the two node trees are equal (every own enumerable property of every node, and its class,
// except the comment fields fastYaml.ts leaves unset), and the two values are equal with their key
// order. Texts: the examples and fixtures, the bench generator's documents and workspace, and
// generated texts (fixed seed: a failure replays).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { isMap, isPair, isScalar, isSeq, parseDocument, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fastParseYaml } from '../../server/src/service/fastYaml';
import { makeMap, makePair, makeScalar, makeSeq, nodePrototypes } from '../../server/src/service/yamlNodes';
import { parse, parseYaml, readKind, MAX_ALIAS_COUNT, YAML_OPTIONS, type ParsedDocument } from '../../server/src/service/parse';
import { parseMarkdown, splitFrontMatter } from '../../server/src/service/markdownDocument';
import { listDocuments, loadWorkspace, REPO_ROOT, service, uriOf } from './harness';
import { applyTextMutation, EDIT_MUTATIONS, insertLine, WHOLE_MUTATIONS, type TextMutation } from './mutations';

const SEED = Number(process.env.PROPERTY_SEED ?? 20261126);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 400);

const NODE_TYPE = Symbol.for('yaml.node.type');

/** The fields fastYaml.ts leaves unset (nothing downstream reads them). */
const COMMENT_FIELDS = new Set(['comment', 'commentBefore', 'spaceBefore']);

/** Where `a` and `b` differ (own enumerable properties, recursively, and classes), or undefined. */
function difference(a: unknown, b: unknown, at: string): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return `${at}: ${String(a)} (fast) vs ${String(b)} (yaml)`;
  // what code sees of a node's class: its constructor, yaml's node type (isScalar, isMap, …) and a
  // collection's schema; the fast parse's nodes have prototypes of their own (yamlNodes.ts)
  const own = (value: object, key: string | symbol) => (value as Record<string | symbol, unknown>)[key];
  if (a.constructor !== b.constructor || own(a, NODE_TYPE) !== own(b, NODE_TYPE) || (own(a, 'schema') === undefined) !== (own(b, 'schema') === undefined)) {
    return `${at}: class ${a.constructor.name} (fast) vs ${b.constructor.name} (yaml)`;
  }
  const keys = (value: object) =>
    Object.keys(value)
      .filter((key) => !COMMENT_FIELDS.has(key))
      .sort();
  const ka = keys(a);
  const kb = keys(b);
  if (ka.join() !== kb.join()) return `${at}: properties ${ka.join()} (fast) vs ${kb.join()} (yaml)`;
  for (const key of ka) {
    const found = difference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${at}.${key}`);
    if (found) return found;
  }
  return undefined;
}

/** Whether the fast path took `text`; throws unless it refused it or matched yaml exactly. */
function differential(text: string): boolean {
  const fast = fastParseYaml(text, YAML_OPTIONS);
  if (!fast) return false;
  const yaml = parseDocument(text, YAML_OPTIONS);
  const problems = [...yaml.errors, ...yaml.warnings].map((error) => error.code);
  assert.deepEqual(problems, [], `yaml reports problems the fast path missed in ${JSON.stringify(text)}`);
  const found = difference(fast.yaml, yaml, 'document');
  assert.equal(found, undefined, `node trees differ for ${JSON.stringify(text)}`);
  const value = yaml.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  assert.deepEqual(fast.value, value, `values differ for ${JSON.stringify(text)}`);
  assert.equal(JSON.stringify(fast.value), JSON.stringify(value), `key order differs for ${JSON.stringify(text)}`);
  return true;
}

/** The YAML of a document file: the file, or a Markdown file's front matter as parse.ts reads it. */
function yamlOf(file: string, text: string): string | undefined {
  if (!file.endsWith('.md')) return text;
  const { frontMatter } = splitFrontMatter(text);
  return typeof frontMatter === 'object' ? `#--${text.slice(3, frontMatter.end)}` : undefined;
}

function corpus(dir: string): { file: string; text: string }[] {
  const files: string[] = [];
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ya?ml|md)$/.test(entry.name)) files.push(full);
    }
  };
  walk(dir);
  return files.sort().flatMap((file) => {
    const text = yamlOf(file, fs.readFileSync(file, 'utf8'));
    return text === undefined ? [] : [{ file, text }];
  });
}

const EXAMPLES = [...corpus(path.join(REPO_ROOT, 'examples')), ...corpus(path.join(REPO_ROOT, 'test', 'fixtures'))];

test('the comparison sees a difference in a range, a value, a class or a property', () => {
  const text = 'a: 1\nb:\n  - x  # c\n';
  const fast = fastParseYaml(text, YAML_OPTIONS)!;
  const yaml = parseDocument(text, YAML_OPTIONS);
  assert.equal(difference(fast.yaml, yaml, 'document'), undefined);
  const seq = (yaml.contents as unknown as { items: { value: { items: { range: number[]; value: unknown }[] } }[] }).items[1].value;
  seq.items[0].range[2]--;
  assert.match(difference(fast.yaml, yaml, 'document') ?? '', /range\.2/);
  seq.items[0].range[2]++;
  seq.items[0].value = 'y';
  assert.match(difference(fast.yaml, yaml, 'document') ?? '', /value/);
  seq.items[0].value = 'x';
  (seq.items[0] as unknown as { format: string }).format = 'HEX';
  assert.match(difference(fast.yaml, yaml, 'document') ?? '', /properties/);
  assert.match(difference(fast.yaml, parseDocument('a: 1\nb: [x]\n', YAML_OPTIONS), 'document') ?? '', /flow|range/);
  // a node of another class, or a plain object, is a difference; a node made without yaml's constructor is not
  assert.match(difference(new Scalar('x'), new YAMLSeq(), 'node') ?? '', /class/);
  assert.match(difference({ value: 'x' }, new Scalar('x'), 'node') ?? '', /class/);
  assert.equal(difference(makeScalar(nodePrototypes(yaml.schema), 'x'), new Scalar('x'), 'node'), undefined);
});

test("nodes made without yaml's constructors are yaml's nodes to every test, method and class check", () => {
  const schema = parseDocument('a: 1', YAML_OPTIONS).schema;
  const nodes = nodePrototypes(schema);
  const scalar = makeScalar(nodes, 'x');
  const map = makeMap(nodes);
  const seq = makeSeq(nodes);
  const pair = makePair(nodes, makeScalar(nodes, 'k'), scalar);
  map.items.push(pair);
  seq.items.push(map);
  assert.ok(isScalar(scalar) && scalar instanceof Scalar);
  assert.equal(isMap(scalar), false);
  assert.ok(isMap(map) && map instanceof YAMLMap);
  assert.equal(isSeq(map as unknown), false);
  assert.ok(isSeq(seq) && seq instanceof YAMLSeq);
  assert.ok(isPair(pair) && pair instanceof Pair);
  assert.equal(map.schema, schema);
  assert.equal(map.get('k'), 'x');
  assert.equal(map.get('k', true), scalar);
  assert.deepEqual(seq.toJSON(), [{ k: 'x' }]);
  assert.deepEqual(Object.keys(scalar), ['value']);
  assert.deepEqual(Object.keys(map), ['items']);
  assert.deepEqual(Object.keys(pair), ['key', 'value']);
});

test('examples and fixtures: same tree and value as yaml, and most take the fast path', () => {
  let taken = 0;
  for (const { text } of EXAMPLES) if (differential(text)) taken++;
  // block scalars (`>-`) keep most role examples on yaml; the fixtures are mostly plain
  assert.ok(EXAMPLES.length > 200, `${EXAMPLES.length} documents`);
  assert.ok(taken / EXAMPLES.length >= 0.75, `the fast path took ${taken} of ${EXAMPLES.length}`);
});

test('examples: the same diagnostics from the fast parse as from yaml', () => {
  const dir = path.join(REPO_ROOT, 'examples');
  const { index, settings } = loadWorkspace(dir);
  let taken = 0;
  for (const file of listDocuments(dir)) {
    const uri = uriOf(file);
    const parsed = parse(TextDocument.create(uri, 'charters', 1, fs.readFileSync(file, 'utf8')));
    const yamlOnly = slowParse(parsed);
    if (yamlOnly === parsed) continue;
    taken++;
    assert.deepEqual(service.validate(uri, parsed, index, settings), service.validate(uri, yamlOnly, index, settings), file);
    assert.deepEqual(service.summarize(uri, parsed), service.summarize(uri, yamlOnly), file);
  }
  assert.ok(taken >= 5, `the fast path took ${taken} examples`);
});

/** `parsed` as yaml alone parses it (the same object when the fast path would refuse its YAML). */
function slowParse(parsed: ParsedDocument): ParsedDocument {
  const target = parsed.markdown?.frontMatterParse ?? parsed;
  if (!fastParseYaml(target.textDocument.getText(), YAML_OPTIONS)) return parsed;
  const yamlOnly = (textDocument: TextDocument): ParsedDocument => {
    const fast = parseYaml(textDocument);
    const yaml = parseDocument(textDocument.getText(), YAML_OPTIONS);
    return { ...fast, yaml, value: yaml.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), kind: readKind(yaml) };
  };
  return parsed.markdown ? parseMarkdown(parsed.textDocument, yamlOnly) : yamlOnly(parsed.textDocument);
}

test('bench documents: same tree and value; every generated workspace document takes the fast path', async () => {
  const generator = (await import(pathToFileURL(path.join(REPO_ROOT, 'bench', 'lib', 'generate.mjs')).href)) as {
    roleDocument(lines: number): { text: string };
    oneListRoleDocument(lines: number): { text: string };
    writeWorkspace(dir: string, count: number): { files: string[] };
  };
  for (const lines of [40, 300, 2000]) {
    differential(generator.roleDocument(lines).text); // a block scalar: refused
    assert.ok(differential(generator.oneListRoleDocument(lines).text), `oneListRoleDocument(${lines})`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'charters-fastyaml-'));
  try {
    const { files } = generator.writeWorkspace(dir, 400);
    assert.ok(files.length >= 390);
    for (const file of files) assert.ok(differential(fs.readFileSync(file, 'utf8')), `refused ${path.relative(dir, file)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// Generated texts: trees of mappings and sequences whose keys, scalars, comments, blank lines,
// indentation and line ends are drawn from what the subset holds and what it must refuse.
// mostly what the subset holds, with one in ten drawn from what it must refuse (or yaml rejects)
const weighted = (good: string[], bad: string[]) =>
  fc.oneof({ arbitrary: fc.constantFrom(...good), weight: 10 }, { arbitrary: fc.constantFrom(...bad), weight: 1 });
const KEYS = weighted(
  ['a', 'b', 'c', 'd', 'e', 'id', 'kind', 'x-y', 'a.b', '$k', 'constructor', '2fa'],
  ['a', '1', 'true', 'null', '1e3', '__proto__', 'a b', '"q"', "'q'", 'k#', '? k', '&x k', '!t k', '-k'],
);
const SCALARS = weighted(
  [
    ...['1', '-2', '+3', '0', '007', '0o7', '0x1F', '1_000', '1.0', '1.50', '-0.5', '1e3', '2E-2', '.inf', '-.Inf', '.NaN', '.5', '5.'],
    ...['true', 'False', 'TRUE', 'yes', 'null', '~', 'NULL', 'Null', '2026-09-01', '12:30', 'http://x.y/z', 'C#', 'a#b', 'hello world'],
    ...['"q"', '"a # b"', '""', "'s'", "'it''s'", "''", '-x', '?x', 'x?', 'a-b', 'R&D', 'a > b', 'a [b]'],
  ],
  [
    ...['"x\\"y"', '"open', "'open", '"a" b', '"a"#c', '- x', '-', ':x', 'a: b', 'x:', 'a #b', '&a x', '*a', '!t x'],
    ...['[a]', '{a: 1}', '|', '>-', '%x', '@x', '`x', ',x', '--- x', '... x'],
  ],
);
const TRAILING = ['', '', '', '', '', '  ', ' # c', '   #c', '#c'];

interface Tree {
  readonly map: boolean;
  readonly entries: { readonly key: string; readonly value: Tree | string | null; readonly trailing: string; readonly indent: number }[];
}

const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.record({
    map: fc.boolean(),
    entries: fc.array(
      fc.record({
        key: KEYS,
        value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, SCALARS, SCALARS, fc.constant(null), tie('tree')),
        trailing: fc.constantFrom(...TRAILING),
        indent: fc.constantFrom(2, 2, 2, 2, 4, 4, 1, 0),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  }),
})).tree;

const TRIVIA = ['', '  ', '# top', ' # c', '  # c', '    # c', '      # c'];

function render(node: Tree, indent: number, lines: string[], trivia: () => string[]): void {
  const pad = ' '.repeat(indent);
  for (const { key, value, trailing, indent: step } of node.entries) {
    lines.push(...trivia());
    const head = node.map ? `${pad}${key}:` : `${pad}-`;
    if (value === null) lines.push(head + trailing);
    else if (typeof value === 'string') lines.push(`${head} ${value}${trailing}`);
    else if (node.map || step === 0) {
      lines.push(head + trailing);
      render(value, indent + step, lines, trivia);
    } else {
      // a sequence item holding a collection: its first line after the `- `
      const inner: string[] = [];
      render(value, 0, inner, () => []);
      lines.push(`${pad}- ${inner[0]}`, ...inner.slice(1).map((line) => `${pad}  ${line}`));
    }
  }
}

const generated = fc
  .tuple(tree, fc.array(fc.nat(), { maxLength: 12 }), fc.constantFrom('\n', '\n', '\r\n'), fc.boolean())
  .map(([root, draws, newline, finalNewline]) => {
    let next = 0;
    const trivia = () => {
      const draw = draws[next++ % Math.max(draws.length, 1)] ?? 0;
      return draw % 3 === 0 ? [TRIVIA[draw % TRIVIA.length]] : [];
    };
    const lines = [...trivia()];
    render(root, 0, lines, trivia);
    lines.push(...trivia());
    return lines.join(newline) + (finalNewline ? newline : '');
  });

test('generated texts: refused, or the same tree and value as yaml', () => {
  let taken = 0;
  fc.assert(
    fc.property(generated, (text) => {
      if (differential(text)) taken++;
    }),
    { seed: SEED, numRuns: RUNS * 5 },
  );
  assert.ok(taken > RUNS / 2, `the fast path took ${taken} of ${RUNS * 5} generated texts`);
});

type Mutation = TextMutation | { type: 'line'; line: number; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  ...EDIT_MUTATIONS,
  fc.record({
    type: fc.constant('line' as const),
    line: fc.nat(),
    text: fc.constantFrom(
      '',
      '# c',
      '  # c',
      '      # c',
      'extra: 1',
      '  nested: x',
      '  - item',
      '- top',
      'k:',
      'kind: role',
      'id: x  # c',
      "q: 'a'",
      'd: "b"',
    ),
  }),
  ...WHOLE_MUTATIONS,
);

test('mutated examples and fixtures: refused, or the same tree and value as yaml', () => {
  const texts = EXAMPLES.map(({ text }) => text).filter((text) => fastParseYaml(text, YAML_OPTIONS));
  fc.assert(
    fc.property(fc.nat({ max: texts.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), (index, changes) => {
      let text = texts[index];
      for (const change of changes) text = change.type === 'line' ? insertLine(text, change.line, change.text) : applyTextMutation(text, change);
      differential(text);
    }),
    { seed: SEED, numRuns: RUNS * 3 },
  );
});

test('refusals: what leaves the subset is left to yaml', () => {
  const refused = [
    '',
    '# only a comment\n',
    '\ufeffa: 1\n',
    'a:\n\t- x\n',
    'a: 1\t# tab\n',
    'a: [1, 2]\n',
    'a: {b: 1}\n',
    'a: &x 1\nb: *x\n',
    'a: !!str 1\n',
    'a: |\n  text\n',
    'a: >-\n  text\n',
    'a: one\n  two\n',
    'a: "one\n  two"\n',
    "a: 'one\n  two'\n",
    'a: "tab\\t"\n',
    '? a\n: 1\n',
    '%YAML 1.2\n---\na: 1\n',
    '---\na: 1\n',
    'a: 1\n...\n',
    'a: 1\nb: 2\na: 3\n',
    '__proto__: 1\n',
    '"a": 1\n',
    '1: one\n',
    'true: yes\n',
    'a:\n  -\n  - x\n',
    'a:\n-  x\n',
    'a:\n- x\n',
    '  a: 1\n',
    'a: 1\n b: 2\n',
    'a:\n    b: 1\n  c: 2\n',
    'a: 1\rb: 2\n',
    'a: b: c\n',
    'a: b:\n',
    '- - x\n',
    'a:#c\n',
    'a: "x"y\n',
    'a: "x"#c\n',
    'plain\n',
  ];
  for (const text of refused) {
    assert.equal(fastParseYaml(text, YAML_OPTIONS), undefined, JSON.stringify(text));
  }
});

test('accepted: numbers, booleans, nulls, quoted strings, comments, empty values, CRLF', () => {
  const accepted = [
    'a: 1\nb: -2\nc: 0o7\nd: 0x1F\ne: 1.0\nf: 1.50\ng: 1e3\nh: .inf\ni: -.Inf\nj: .nan\nk: 007\n',
    'a: true\nb: False\nc: yes\nd: null\ne: ~\nf: NULL\ng: 2026-09-01\nh: 12:30\n',
    "a: \"q # not a comment\"\nb: 'it''s'\nc: \"\"\nd: ''\n",
    'a: 1  # trailing\nb: x #c\n# full line\n  # indented\nc: C#\n',
    'a:\n',
    'a:',
    'a:  # c',
    'a:\n\n# c\n\nb: 1\n',
    'x:\n  a: # c\n  b: 1\n',
    'x:\n  a:\n    b: 1\n    # kept by the inner mapping\n  c: 2\n',
    'a: 1\r\nb:\r\n\r\n  - x\r\n  - y # c\r\n',
    '- a: 1\n  b:\n    - x\n- c\n',
  ];
  for (const text of accepted) assert.ok(differential(text), JSON.stringify(text));
  // plain keys and values starting with each character: the core schema's tag tests are skipped for most
  let taken = 0;
  for (let code = 33; code < 127; code++) {
    for (const tail of ['', '1', 'rue', 'alse', 'ull', '.5', 'x1', 'o7', 'e3', 'inf', 'nan']) {
      const scalar = String.fromCharCode(code) + tail;
      for (const text of [`${scalar}: x\n`, `a: ${scalar}\n`, `- ${scalar}\n`]) if (differential(text)) taken++;
    }
  }
  assert.ok(taken > 1500, `${taken}`);
  const value = fastParseYaml('a: 1.0\nb: 0x1F\nc: .inf\nd: 1e3\ne: 0o7\nf: 2026-09-01\ng:\n', YAML_OPTIONS)!.value;
  assert.deepEqual(value, { a: 1, b: 31, c: Number.POSITIVE_INFINITY, d: 1000, e: 7, f: '2026-09-01', g: null });
});

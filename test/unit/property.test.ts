// Property-based tests: the example and fixture documents, mutated the way typing and bad merges
// mutate them, must never make the service throw, hang, report outside the document, or offer a
// fix that breaks the YAML, eats other lines or misses its target. Fixed seed: a failure replays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import { applyEdits } from '../../server/src/service/edits';
import type { ChartersDiagnostic } from '../../server/src/service/types';
import { listDocuments, loadWorkspace, REPO_ROOT, service } from './harness';
import { applyTextMutation, EDIT_MUTATIONS, insertLine, WHOLE_MUTATIONS, type TextMutation } from './mutations';

// override to explore: PROPERTY_SEED=7 PROPERTY_RUNS=2000 node --test out/test/unit/property.test.js
const SEED = Number(process.env.PROPERTY_SEED ?? 20250607);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 120);
const CALL_BOUND_MS = 1000;

const SEEDS = [...listDocuments(path.join(REPO_ROOT, 'examples')), ...listDocuments(path.join(REPO_ROOT, 'test', 'fixtures', 'rules'))].map((file) => ({
  name: path.relative(REPO_ROOT, file),
  text: fs.readFileSync(file, 'utf8'),
}));
const workspace = loadWorkspace(path.join(REPO_ROOT, 'examples'));
const { index, settings } = workspace;
const YAML_URI = 'file:///property/doc.role.yaml';
/** The document's address: a YAML role, or (in the Markdown properties) a Markdown one. */
let URI = YAML_URI;

const KEYS = [
  'kind',
  'id',
  'title',
  'level',
  'track',
  'summary',
  'reportsTo',
  'inherits',
  'responsibilities',
  'skills',
  'authority',
  'goals',
  'tracks',
  'roles',
  'statement',
  'vision',
  'horizon',
  'objectives',
  'keyResults',
  'target',
  'metric',
  'mission',
  'scope',
  'team',
  'successMetrics',
  'status',
  'updated',
  'sumary',
  'titel',
  '__proto__',
  'constructor',
];
/** Disable comments, good and bad, and text that only looks like one. */
const DIRECTIVES = [
  '# charters-disable-next-line',
  '# charters-disable-next-line unknown-skill',
  '# charters-disable-next-line unknown-skill.',
  '# charters-disable-next-line invalid-value, nope -- a reason',
  '# charters-disable-next-line missing-section unknown-field',
  '# charters-disable-file',
  '# charters-disable-file unknown-responsibility',
  '# charters-disable-file disable-directive',
  '# charters-disable unknown-responsibility, duplicate-entry',
  '# charters-disable -- all',
  '# charters-enable',
  '# charters-enable unknown-responsibility',
  'notes: "# charters-disable-file"',
  'notes: |\n  # charters-disable-next-line',
];
const VALUES = [
  '',
  'pm',
  'senior-pm',
  'role',
  'ladder',
  'x',
  '[]',
  '{}',
  '[pm, pm]',
  'null',
  '~',
  '42',
  '"quoted"',
  "'single'",
  '2027-02-30',
  '&a x',
  '*a',
  '|',
  '- a',
  'prioritize-backlog',
  'prioritise-backlog',
  '"   "',
  'TODO: x',
  'TBD',
  '<role title>',
  'zero',
];

type Mutation =
  | TextMutation
  | { type: 'insert'; line: number; indent: number; key: string; value: string }
  | { type: 'directive'; line: number; indent: number; text: string }
  | { type: 'trailing'; line: number; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  ...EDIT_MUTATIONS,
  fc.record({
    type: fc.constant('insert' as const),
    line: fc.nat(),
    indent: fc.constantFrom(0, 2, 4, 6),
    key: fc.constantFrom(...KEYS),
    value: fc.constantFrom(...VALUES),
  }),
  fc.record({ type: fc.constant('directive' as const), line: fc.nat(), indent: fc.constantFrom(0, 2, 4), text: fc.constantFrom(...DIRECTIVES) }),
  fc.record({ type: fc.constant('trailing' as const), line: fc.nat(), text: fc.constantFrom(...DIRECTIVES.filter((text) => text.startsWith('#'))) }),
  ...WHOLE_MUTATIONS,
);

function mutate(text: string, change: Mutation): string {
  switch (change.type) {
    case 'insert':
      return insertLine(text, change.line, `${' '.repeat(change.indent)}${change.key}: ${change.value}`);
    case 'directive':
      return insertLine(text, change.line, `${' '.repeat(change.indent)}${change.text}`);
    case 'trailing': {
      const lines = text.split('\n');
      const line = change.line % lines.length;
      lines[line] = `${lines[line].replace(/\r$/, '')}  ${change.text}${lines[line].endsWith('\r') ? '\r' : ''}`;
      return lines.join('\n');
    }
    default:
      return applyTextMutation(text, change);
  }
}

const arbitraryOf = (seeds: typeof SEEDS) =>
  fc
    .record({ seed: fc.integer({ min: 0, max: seeds.length - 1 }), changes: fc.array(mutation, { minLength: 1, maxLength: 4 }) })
    .map(({ seed, changes }) => ({ seed: seeds[seed].name, text: changes.reduce(mutate, seeds[seed].text), changes }));
const documentArbitrary = arbitraryOf(SEEDS.filter((seed) => !seed.name.endsWith('.md')));

/**
 * Markdown documents: the Markdown examples and fixtures, and every YAML seed as front matter
 * above a body of sections, mutated the same way and checked by the same properties.
 */
const markdownArbitrary = arbitraryOf([
  ...SEEDS.filter((seed) => seed.name.endsWith('.md')),
  ...SEEDS.filter((seed) => !seed.name.endsWith('.md')).map((seed) => ({
    name: `${seed.name} as Markdown`,
    text: `---\n${seed.text.replace(/\n?$/, '\n')}---\n\n# Notes\n\n## Summary\n\nProse <!-- charters-disable-next-line -->\n\n## Authority\n\n- One\n- TODO\n\n## Out of scope\n`,
  })),
]);

/** fc.assert, with the failing assertion's own message in the report (fast-check keeps it as `cause`). */
function check<T>(arbitrary: fc.Arbitrary<T>, predicate: (value: T) => void, runs = RUNS): void {
  try {
    fc.assert(fc.property(arbitrary, predicate), { seed: SEED, numRuns: runs });
  } catch (error) {
    const cause = (error as Error & { cause?: Error }).cause;
    throw new Error(`${(error as Error).message}\n\nCause: ${cause?.message ?? cause}`);
  }
}

function timed<T>(label: string, run: () => T): T {
  const started = performance.now();
  const result = run();
  const elapsed = performance.now() - started;
  assert.ok(elapsed < CALL_BOUND_MS, `${label} took ${Math.round(elapsed)} ms`);
  return result;
}

const load = (text: string) => service.parse(TextDocument.create(URI, 'yaml', 1, text));
const lint = (text: string) => service.validate(URI, load(text), index, settings);
const count = (diagnostics: ChartersDiagnostic[], rule: string) => diagnostics.filter((diagnostic) => diagnostic.code === rule).length;

function assertInside(text: string, range: Range, label: string): void {
  const lines = text.split(/\r\n|\r|\n/);
  for (const position of [range.start, range.end]) {
    assert.ok(position.line >= 0 && position.line < lines.length, `${label}: line ${position.line} outside 0..${lines.length - 1}`);
    assert.ok(
      position.character >= 0 && position.character <= lines[position.line].length,
      `${label}: character ${position.character} past line ${position.line} (${lines[position.line].length})`,
    );
  }
  const ordered = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  assert.ok(ordered, `${label}: start after end ${JSON.stringify(range)}`);
}

/** Every line of `before` outside the edited lines is still in `after`, in order. */
function assertLinesSurvive(before: string, after: string, edits: TextEdit[], label: string): void {
  const touched = new Set<number>();
  for (const edit of edits) for (let line = edit.range.start.line; line <= edit.range.end.line; line++) touched.add(line);
  // lines as the editor counts them: a lone \r (left by a deleted \n) ends a line too
  const kept = before.split(/\r\n|\r|\n/).filter((_, line) => !touched.has(line));
  const remaining = after.split(/\r\n|\r|\n/);
  let at = 0;
  for (const line of kept) {
    while (at < remaining.length && remaining[at] !== line) at++;
    assert.ok(at < remaining.length, `${label}: line ${JSON.stringify(line)} lost`);
    at++;
  }
}

/**
 * Apply a fix and check it: YAML no worse, other lines kept, and the target gone: fewer findings
 * of `target` (a rule id, or a diagnostic: its rule and message; a fix may reveal another finding
 * of the same rule, such as the fields of a list the parser could not read before a rename).
 */
function checkFix(text: string, before: ChartersDiagnostic[], edits: TextEdit[], target: string | ChartersDiagnostic, label: string): void {
  const textDocument = TextDocument.create(URI, 'yaml', 1, text);
  const after = applyEdits(textDocument, edits);
  const errorsBefore = load(text).yaml.errors.length;
  const errorsAfter = load(after).yaml.errors.length;
  assert.ok(errorsAfter <= errorsBefore, `${label}: YAML errors went from ${errorsBefore} to ${errorsAfter}:\n--- before\n${text}\n--- after\n${after}`);
  assertLinesSurvive(text, after, edits, label);
  const diagnostics = timed(`${label}: validate after`, () => lint(after));
  const matches = (list: ChartersDiagnostic[]) =>
    typeof target === 'string' ? count(list, target) : list.filter((d) => d.code === target.code && d.message === target.message).length;
  assert.ok(
    matches(diagnostics) < matches(before),
    `${label}: its finding is still there (${matches(before)} -> ${matches(diagnostics)}):\n--- before\n${text}\n--- after\n${after}`,
  );
}

/** The properties every document meets, YAML or Markdown (at `uri`). */
function documentProperties(label: string, arbitrary: typeof documentArbitrary, uri: string): void {
  const at = <T>(run: () => T): T => {
    URI = uri;
    try {
      return run();
    } finally {
      URI = YAML_URI;
    }
  };
  test(`property${label}: mutated documents never throw, stay in range and in time, and lint deterministically`, () => {
    at(() =>
      check(arbitrary, ({ text }) => {
        const parsed = timed('parse', () => load(text));
        const diagnostics = timed('validate', () => service.validate(URI, parsed, index, settings));
        const lineCount = parsed.textDocument.lineCount;
        for (const diagnostic of diagnostics) assertInside(text, diagnostic.range, `${diagnostic.code} "${diagnostic.message}"`);
        const again = service.validate(URI, load(text), index, settings);
        assert.deepEqual(
          again.map((d) => [d.code, d.range, d.message]),
          diagnostics.map((d) => [d.code, d.range, d.message]),
        );
        const positions = [
          { line: 0, character: 0 },
          { line: Math.floor(lineCount / 2), character: 3 },
          { line: lineCount - 1, character: 100 },
          { line: lineCount + 5, character: 0 },
        ];
        for (const position of positions) {
          timed('complete', () => service.complete(parsed, position, index, settings));
          timed('hover', () => service.hover(parsed, position, index, settings));
        }
        const whole = { start: { line: 0, character: 0 }, end: { line: lineCount, character: 0 } };
        timed('codeActions', () => service.codeActions(parsed, diagnostics, whole));
        timed('codeActions fixAll', () => service.codeActions(parsed, diagnostics, whole, ['source.fixAll']));
        timed('preview', () => service.preview(URI, parsed, index, settings));
        timed('summarize', () => service.summarize(URI, parsed));
      }),
    );
  });

  test(`property${label}: every offered fix keeps the YAML and the other lines, and removes its finding`, () => {
    at(() =>
      check(arbitrary, ({ text }) => {
        const parsed = load(text);
        const diagnostics = service.validate(URI, parsed, index, settings);
        for (const diagnostic of diagnostics) {
          for (const fix of diagnostic.data.fixes) {
            for (const edit of fix.edits) assertInside(text, edit.range, `fix "${fix.title}"`);
            checkFix(text, diagnostics, fix.edits, diagnostic, `${diagnostic.code} fix "${fix.title}"`);
          }
        }
        const all = service.addAllMissingSections(parsed, diagnostics);
        if (all) checkFix(text, diagnostics, all.edits, 'missing-section', all.title);
      }),
    );
  });

  test(`property${label}: fix-all keeps the YAML and, applied twice, changes nothing the second time`, () => {
    at(() =>
      check(
        arbitrary,
        ({ text }) => {
          const once = timed('fixAll', () => service.fixAll(URI, text, index, settings));
          assert.ok(load(once.text).yaml.errors.length <= load(text).yaml.errors.length, `fix-all broke the YAML:\n${once.text}`);
          if (/\r\n/.test(text) && !/(^|[^\r])\n/.test(text))
            assert.ok(!/(^|[^\r])\n/.test(once.text), `fix-all mixed LF into a CRLF text:\n${JSON.stringify(once.text)}`);
          const twice = service.fixAll(URI, once.text, index, settings);
          assert.equal(
            twice.text,
            once.text,
            `the second fix-all changed the text (${twice.applied} fixes):\n--- once\n${once.text}\n--- twice\n${twice.text}`,
          );
        },
        Math.round(RUNS / 2),
      ),
    );
  });
}

documentProperties('', documentArbitrary, YAML_URI);
documentProperties(' (Markdown)', markdownArbitrary, 'file:///property/doc.role.md');

// ------------------------------------------------------------------ safe fixes keep the meaning

const isMapping = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const own = (value: Record<string, unknown>, key: string) => Object.hasOwn(value, key);
/** What a fix may insert: a visible placeholder somewhere in the added value (read here, not from the service). */
const holdsTodo = (value: unknown): boolean =>
  typeof value === 'string'
    ? /\bTODO\b|^todo-/.test(value)
    : Array.isArray(value)
      ? value.some(holdsTodo)
      : isMapping(value)
        ? Object.values(value).some(holdsTodo)
        : false;
/** A typo away, by the contract's "small edit distance": one edit under five letters, two from five. */
function typoAway(from: string, to: string): boolean {
  const a = from.toLowerCase();
  const b = to.toLowerCase();
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return a !== b && row[b.length] <= (a.length < 5 ? 1 : 2);
}

/**
 * Why `after` is not `before` with only what a safe fix may do: keys added with a placeholder,
 * exact duplicate list entries removed, a key renamed a typo away with its value kept.
 * Undefined when it is. Every value that was there must still be there, equal.
 */
function meaningChange(before: unknown, after: unknown, at = '$'): string | undefined {
  if (Array.isArray(before) && Array.isArray(after)) {
    let next = 0;
    for (const [index, item] of before.entries()) {
      if (next < after.length && meaningChange(item, after[next], `${at}[${index}]`) === undefined) {
        next++;
        continue;
      }
      // gone: only as a copy of an entry before it, once its keys are renamed as a safe fix may
      // (`kill: x` became `skill: x`, then removed as a duplicate of the `skill: x` above it)
      if (!before.slice(0, index).some((earlier) => isDeepStrictEqual(earlier, item) || meaningChange(item, earlier) === undefined))
        return `${at}[${index}] ${JSON.stringify(item)} was removed or changed`;
    }
    return next === after.length ? undefined : `${at}: entries were added to a list`;
  }
  if (isMapping(before) && isMapping(after)) {
    const added = Object.keys(after).filter((key) => !own(before, key));
    for (const key of Object.keys(before)) {
      if (own(after, key)) {
        const change = meaningChange(before[key], after[key], `${at}.${key}`);
        if (change) return change;
        continue;
      }
      // renamed, its value kept (fix-all may have made safe changes inside it in a later pass)
      const renamed = added.find((other) => typoAway(key, other) && meaningChange(before[key], after[other], `${at}.${other}`) === undefined);
      if (!renamed) return `${at}.${key} was removed`;
      added.splice(added.indexOf(renamed), 1);
    }
    const bare = added.find((key) => !holdsTodo(after[key]));
    return bare === undefined ? undefined : `${at}.${bare} was added without a placeholder: ${JSON.stringify(after[bare])}`;
  }
  return isDeepStrictEqual(before, after) ? undefined : `${at} changed from ${JSON.stringify(before)} to ${JSON.stringify(after)}`;
}

/** Edits that provoke the fixes: a section deleted, an entry repeated, a key or an id misspelt. */
type Provocation = {
  type: 'drop-block' | 'repeat-entry' | 'repeat-entry-varied' | 'misspell-key' | 'misspell-id';
  line: number;
  at: number;
  typo: 'drop' | 'swap' | 'double';
};

const provocation: fc.Arbitrary<Provocation> = fc.record({
  type: fc.constantFrom('drop-block' as const, 'repeat-entry' as const, 'repeat-entry-varied' as const, 'misspell-key' as const, 'misspell-id' as const),
  line: fc.nat(),
  at: fc.nat(),
  typo: fc.constantFrom('drop' as const, 'swap' as const, 'double' as const),
});

function misspell(word: string, at: number, typo: Provocation['typo']): string {
  const i = at % word.length;
  if (typo === 'drop') return word.slice(0, i) + word.slice(i + 1);
  if (typo === 'double') return word.slice(0, i + 1) + word.slice(i);
  const j = Math.min(i, word.length - 2);
  return j < 0 ? word : word.slice(0, j) + word[j + 1] + word[j] + word.slice(j + 2);
}

function provoke(text: string, change: Provocation): string {
  const lines = text.split('\n');
  const indent = (line: string) => /^ */.exec(line)![0].length;
  /** The first line at or after `line` (cyclically) that `pattern` matches. */
  const find = (pattern: RegExp) => {
    for (let step = 0; step < lines.length; step++) {
      const index = (change.line + step) % lines.length;
      if (pattern.test(lines[index])) return index;
    }
    return -1;
  };
  /** A line and the more indented lines under it. */
  const block = (start: number) => {
    let end = start + 1;
    const base = indent(lines[start]) + (/^\s*- /.test(lines[start]) ? 1 : 0);
    while (end < lines.length && (lines[end].trim() === '' ? false : indent(lines[end]) > base)) end++;
    return end;
  };
  switch (change.type) {
    case 'drop-block': {
      const start = find(/^\s*(- )?[A-Za-z]+:/);
      if (start === -1) return text;
      lines.splice(start, block(start) - start);
      return lines.join('\n');
    }
    case 'repeat-entry':
    case 'repeat-entry-varied': {
      const start = find(change.type === 'repeat-entry' ? /^\s*- / : /^\s*- (text|skill):/);
      if (start === -1) return text;
      const end = block(start);
      let copy = lines.slice(start, end).join('\n');
      // the same entry with another level or other capitals: a duplicate-entry finding, but not an exact copy
      if (change.type === 'repeat-entry-varied') {
        if (/level: \d/.test(copy)) copy = copy.replace(/level: (\d)/, (_, digit: string) => `level: ${(Number(digit) % 5) + 1}`);
        else if (/text: /.test(copy))
          copy = copy.replace(
            /(text: ['"]?)([a-z])/i,
            (_, lead: string, letter: string) => lead + (letter === letter.toUpperCase() ? letter.toLowerCase() : letter.toUpperCase()),
          );
        else copy += `\n${' '.repeat(indent(copy) + 2)}level: 4`;
      }
      lines.splice(end, 0, ...copy.split('\n'));
      return lines.join('\n');
    }
    case 'misspell-key': {
      const index = find(/^\s*(- )?[A-Za-z]{3,}:/);
      if (index === -1) return text;
      lines[index] = lines[index].replace(/^(\s*(?:- )?)([A-Za-z]+)/, (_, lead: string, key: string) => lead + misspell(key, change.at, change.typo));
      return lines.join('\n');
    }
    case 'misspell-id': {
      const index = find(/^\s*(- |[A-Za-z]+: )[a-z0-9]+(-[a-z0-9]+)+\s*$/);
      if (index === -1) return text;
      lines[index] = lines[index].replace(/[a-z0-9]+(-[a-z0-9]+)+(?=\s*$)/, (id) => misspell(id, change.at, change.typo));
      return lines.join('\n');
    }
  }
}

/** Seed documents with one to four provocations, and sometimes one of the rougher mutations. */
const provokedArbitrary = fc
  .record({
    seed: fc.integer({ min: 0, max: SEEDS.length - 1 }),
    changes: fc.array(provocation, { minLength: 1, maxLength: 4 }),
    rough: fc.option(mutation, { freq: 4 }),
  })
  .map(({ seed, changes, rough }) => {
    const text = changes.reduce(provoke, SEEDS[seed].text);
    return { seed: SEEDS[seed].name, text: rough ? mutate(text, rough) : text };
  });

const provokedOrMutated = fc.oneof({ arbitrary: provokedArbitrary, weight: 3 }, { arbitrary: documentArbitrary, weight: 1 });

test('property: no safe fix changes a value that was there; suggestions are never preferred', () => {
  let checked = 0;
  check(provokedOrMutated, ({ text }) => {
    const parsed = load(text);
    const diagnostics = service.validate(URI, parsed, index, settings);
    for (const diagnostic of diagnostics) {
      for (const fix of diagnostic.data.fixes) {
        assert.ok(fix.safety === 'safe' || fix.safety === 'suggestion', `${diagnostic.code} "${fix.title}" declares no safety`);
        if (fix.safety === 'suggestion') {
          assert.ok(!fix.isPreferred, `${diagnostic.code} "${fix.title}" is a suggestion marked preferred`);
          continue;
        }
        const after = applyEdits(parsed.textDocument, fix.edits);
        const change = meaningChange(parsed.value, load(after).value);
        assert.equal(change, undefined, `${diagnostic.code} "${fix.title}" (safe): ${change}\n--- before\n${text}\n--- after\n${after}`);
        checked++;
      }
    }
  });
  assert.ok(checked > RUNS / 4, `only ${checked} safe fixes were checked: the mutations no longer produce them`);
});

test('property: fix-all changes no value that was there', () => {
  let changed = 0;
  check(provokedOrMutated, ({ text }) => {
    const fixed = service.fixAll(URI, text, index, settings);
    const change = meaningChange(load(text).value, load(fixed.text).value);
    assert.equal(change, undefined, `fix-all: ${change}\n--- before\n${text}\n--- after\n${fixed.text}`);
    if (fixed.text !== text) changed++;
  });
  assert.ok(changed > RUNS / 8, `fix-all changed only ${changed} documents: the property is barely exercised`);
});

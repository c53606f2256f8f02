// nestingDepth (parse.ts), the depth limit's estimate, is run on every version of an edited
// document and written for speed. It must give exactly what the plain line-by-line walk below gives
// (the implementation it replaced): on random texts of the characters that matter to it, on the
// example and fixture documents, and on those documents mutated. Fixed seed: a failure replays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { LIMITS, nestingDepth } from '../../server/src/service/parse';
import { listDocuments, REPO_ROOT } from './harness';
import { applyTextMutation, EDIT_MUTATIONS, WHOLE_MUTATIONS } from './mutations';

const SEED = Number(process.env.PROPERTY_SEED ?? 20261126);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 400);

const BLOCK_SCALAR = /(^|[\s:])[|>][-+0-9]*[ \t]*(#.*)?\r?$/;

/** The reference: every line split off, every character of it walked. */
function referenceDepth(text: string, max: number): number {
  let deepest = 0;
  let flow = 0;
  const indents: number[] = [];
  let scalarIndent = -1;
  for (const line of text.split('\n')) {
    let at = 0;
    let block = 0;
    if (flow === 0) {
      while (line[at] === ' ') at++;
      if (at === line.length || line[at] === '#' || line[at] === '\r') continue;
      if (scalarIndent >= 0 && at > scalarIndent) continue;
      scalarIndent = BLOCK_SCALAR.test(line) ? at : -1;
      while (indents.length && indents[indents.length - 1] >= at) indents.pop();
      indents.push(at);
      while ((line[at] === '-' || line[at] === '?') && (line[at + 1] === ' ' || at + 1 === line.length)) {
        block++;
        at += 2;
        while (line[at] === ' ') at++;
      }
    }
    let valueStart = true;
    for (; at < line.length; at++) {
      const char = line[at];
      if (char === '#' && (at === 0 || line[at - 1] === ' ' || line[at - 1] === '\t')) break;
      if ((char === '"' || char === "'") && (flow > 0 || valueStart)) {
        at = referenceClosingQuote(line, at, char);
        valueStart = false;
        continue;
      }
      if ((char === '[' || char === '{') && (flow > 0 || valueStart)) flow++;
      else if ((char === ']' || char === '}') && flow > 0) flow--;
      else if (char !== ' ' && char !== '\t') valueStart = flow === 0 && char === ':' ? true : char === '-' && valueStart;
      deepest = Math.max(deepest, indents.length + block + flow);
      if (deepest > max) return deepest;
    }
    deepest = Math.max(deepest, indents.length + block + flow);
    if (deepest > max) return deepest;
  }
  return deepest;
}

function referenceClosingQuote(line: string, from: number, quote: string): number {
  for (let at = from + 1; at < line.length; at++) {
    if (quote === '"' && line[at] === '\\') at++;
    else if (line[at] === quote) {
      if (quote === "'" && line[at + 1] === "'") at++;
      else return at;
    }
  }
  return line.length;
}

const DOCUMENTS = [...listDocuments(path.join(REPO_ROOT, 'examples')), ...listDocuments(path.join(REPO_ROOT, 'test', 'fixtures', 'rules'))].map((file) =>
  fs.readFileSync(file, 'utf8'),
);

/** Pieces that steer the walk: indentation, indicators, brackets, quotes, comments, block scalars, line ends. */
const PIECE = fc.constantFrom(
  ' ',
  '  ',
  '    ',
  '\n',
  '\r\n',
  '\r',
  '\t',
  '- ',
  '-',
  '? ',
  'key: ',
  'a',
  ':',
  '[',
  ']',
  '{',
  '}',
  ',',
  '"',
  "'",
  "''",
  '\\',
  '#',
  ' #',
  '|',
  '>',
  '|-',
  '>+2',
  ' # c',
  'x-y',
);
const TEXT = fc.array(PIECE, { maxLength: 80 }).map((pieces) => pieces.join(''));

test('nestingDepth equals the line-by-line walk on random texts, at every limit', () => {
  fc.assert(
    fc.property(TEXT, fc.integer({ min: 0, max: 12 }), (text, max) => {
      assert.equal(nestingDepth(text, max), referenceDepth(text, max), JSON.stringify(text));
      assert.equal(nestingDepth(text, LIMITS.depth), referenceDepth(text, LIMITS.depth), JSON.stringify(text));
    }),
    { seed: SEED, numRuns: RUNS * 5 },
  );
});

test('nestingDepth equals the line-by-line walk on the example and fixture documents, as they are and mutated', () => {
  for (const text of DOCUMENTS) assert.equal(nestingDepth(text, LIMITS.depth), referenceDepth(text, LIMITS.depth));
  const mutation = fc.oneof(...EDIT_MUTATIONS, ...WHOLE_MUTATIONS);
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: DOCUMENTS.length - 1 }),
      fc.array(mutation, { minLength: 1, maxLength: 4 }),
      fc.integer({ min: 1, max: 8 }),
      (seed, changes, max) => {
        const text = changes.reduce(applyTextMutation, DOCUMENTS[seed]);
        assert.equal(nestingDepth(text, max), referenceDepth(text, max));
        assert.equal(nestingDepth(text, LIMITS.depth), referenceDepth(text, LIMITS.depth));
      },
    ),
    { seed: SEED, numRuns: RUNS },
  );
});

test('nestingDepth finds deep nesting in block, compact and flow forms', () => {
  const deepBlock = Array.from({ length: 250 }, (_, depth) => `${' '.repeat(depth)}k${depth}:`).join('\n');
  const compact = `${'- '.repeat(250)}x`;
  const flow = `a: ${'['.repeat(250)}${']'.repeat(250)}`;
  for (const text of [deepBlock, compact, flow]) assert.ok(nestingDepth(text, LIMITS.depth) > LIMITS.depth, text.slice(0, 40));
  assert.equal(nestingDepth('a: "[[[["\nb: {c: [1]}\n', LIMITS.depth), 3);
});

// Where the cursor is, read from the text of half-typed documents: a table of `|` cursors and contexts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { documentContext, type DocumentContext } from '../../server/src/service/documentContext';

function contextAt(source: string): DocumentContext | undefined {
  const offset = source.indexOf('|');
  const text = source.slice(0, offset) + source.slice(offset + 1);
  const before = text.slice(0, offset).split(/\r?\n/);
  return documentContext(text, { line: before.length - 1, character: before[before.length - 1].length });
}

/** Only the fields given are compared. */
const CASES: [string, string, Partial<DocumentContext> | undefined][] = [
  ['empty file', '|', { mode: 'top', path: [], prefix: '', indent: 0, presentKeys: [] }],
  ['kind-less document', 'title: x\n|\nsummary: y', { mode: 'top', path: [], presentKeys: ['title', 'summary'] }],
  [
    'a key being typed',
    'kind: role\nlev|',
    { mode: 'key', path: [], prefix: 'lev', presentKeys: ['kind'], replaceRange: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } } },
  ],
  [
    'a key being typed in the middle of its name',
    'kind: role\nlev|el: pm',
    { mode: 'key', prefix: 'lev', keyHasColon: true, replaceRange: { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } } },
  ],
  ['after `level: `', 'kind: role\nlevel: |', { mode: 'value', path: ['level'], key: 'level', prefix: '', presentKeys: ['kind', 'level'] }],
  [
    'after `level: se`',
    'kind: role\nlevel: se|nior\nid: x',
    {
      mode: 'value',
      path: ['level'],
      prefix: 'se',
      presentKeys: ['kind', 'level', 'id'],
      replaceRange: { start: { line: 1, character: 7 }, end: { line: 1, character: 13 } },
    },
  ],
  ['a quoted value being typed', 'kind: role\nlevel: "se|', { mode: 'value', prefix: 'se' }],
  ['right after the colon', 'kind: role\nlevel:|', { mode: 'value', path: ['level'], needsSpace: true }],
  [
    'after `- `',
    'kind: role\nresponsibilities:\n  - a\n  - |\n  - b\n',
    { mode: 'item', path: ['responsibilities', 1], prefix: '', indent: 2, siblingItems: ['a', 'b'], needsDash: false },
  ],
  ['after `- pri`', 'kind: role\nresponsibilities:\n  - pri|', { mode: 'item', path: ['responsibilities', 0], prefix: 'pri' }],
  [
    'list not indented under its key',
    'kind: role\nresponsibilities:\n- a\n- |',
    { mode: 'item', path: ['responsibilities', 1], indent: 0, siblingItems: ['a'] },
  ],
  [
    'a new line at the dashes of an indented list',
    'kind: role\nresponsibilities:\n  - a\n  |',
    { mode: 'item', path: ['responsibilities', 1], needsDash: true, siblingItems: ['a'] },
  ],
  ['a new line at the root after a list', 'kind: role\nresponsibilities:\n  - a\n|', { mode: 'key', path: [], presentKeys: ['kind', 'responsibilities'] }],
  ['a new line at the root after a flush list', 'kind: role\nresponsibilities:\n- a\n|', { mode: 'key', path: [] }],
  ['a deeper line under an empty key', 'kind: charter\nscope:\n  |', { mode: 'key', path: ['scope'], fresh: true, indent: 2 }],
  [
    'an empty line inside a list item mapping',
    'kind: strategy\nobjectives:\n  - objective: x\n    |',
    { mode: 'key', path: ['objectives', 0], presentKeys: ['objective'], indent: 4 },
  ],
  [
    'keys of the item below the cursor count as present',
    'objectives:\n  - objective: x\n    |\n    keyResults: []\n  - objective: y\n',
    { mode: 'key', path: ['objectives', 0], presentKeys: ['objective', 'keyResults'] },
  ],
  [
    'the second item of a list of mappings',
    'objectives:\n  - objective: x\n  - objective: y\n    |',
    { mode: 'key', path: ['objectives', 1], presentKeys: ['objective'] },
  ],
  [
    'tracks[0].roles',
    'kind: ladder\ntracks:\n  - id: ic\n    title: IC\n    roles:\n      - pm\n      - |',
    { mode: 'item', path: ['tracks', 0, 'roles', 1], siblingItems: ['pm'] },
  ],
  [
    'tracks[1].roles with flush lists',
    'tracks:\n- id: a\n  roles:\n  - x\n- id: b\n  roles:\n  - y\n  - |',
    { mode: 'item', path: ['tracks', 1, 'roles', 1], siblingItems: ['y'] },
  ],
  [
    'objectives[0].keyResults[1]',
    'objectives:\n  - objective: x\n    keyResults:\n      - metric: a\n        target: 1\n      - metric: b\n        |',
    { mode: 'key', path: ['objectives', 0, 'keyResults', 1], presentKeys: ['metric'], indent: 8 },
  ],
  [
    'a value in objectives[1].keyResults[0]',
    'objectives:\n  - objective: x\n  - objective: y\n    keyResults:\n      - owner: |',
    { mode: 'value', path: ['objectives', 1, 'keyResults', 0, 'owner'] },
  ],
  ['a key right after a dash', 'skills:\n  - skill: |', { mode: 'value', path: ['skills', 0, 'skill'] }],
  [
    'mapping entries count as list entries',
    'skills:\n  - skill: data-analysis\n    level: 3\n  - |',
    { mode: 'item', path: ['skills', 1], siblingItems: ['data-analysis'] },
  ],
  ['a flow list', 'kind: role\ntags: [a, b|]', { mode: 'item', path: ['tags', 1], prefix: 'b', flow: true, siblingItems: ['a'] }],
  ['an empty flow entry', 'kind: role\nresponsibilities: [a, |, c]', { mode: 'item', path: ['responsibilities', 1], prefix: '', siblingItems: ['a', 'c'] }],
  [
    'comments are ignored',
    '# head\nkind: role # kind\n# level:\nresponsibilities: # list\n  # note\n  - a # first\n  - |',
    { mode: 'item', path: ['responsibilities', 1], siblingItems: ['a'] },
  ],
  ['inside a comment', 'kind: role\n# lev|', undefined],
  ['CRLF', 'kind: role\r\nresponsibilities:\r\n  - a\r\n  - |\r\n  - b\r\n', { mode: 'item', path: ['responsibilities', 1], siblingItems: ['a', 'b'] }],
  ['block scalars do not open mappings', 'summary: >-\n  note: not a key\n  more text\n|', { mode: 'top', path: [], presentKeys: ['summary'] }],
  [
    'continued plain scalars do not either',
    'kind: role\nsummary: a long\n  text: that goes on\nlevel: |',
    { mode: 'value', path: ['level'], presentKeys: ['kind', 'summary', 'level'] },
  ],
  ['quoted keys', 'kind: role\n"level": |', { mode: 'value', path: ['level'] }],
  ['document start marker', '---\nkind: role\nlevel: |', { mode: 'value', path: ['level'], presentKeys: ['kind', 'level'] }],
];

describe('documentContext', () => {
  for (const [name, source, expected] of CASES) {
    test(name, () => {
      const actual = contextAt(source);
      if (expected === undefined) return assert.equal(actual, undefined);
      assert.ok(actual, 'a context');
      const picked = Object.fromEntries(Object.keys(expected).map((key) => [key, actual[key as keyof DocumentContext]]));
      assert.deepEqual(picked, expected);
    });
  }
});

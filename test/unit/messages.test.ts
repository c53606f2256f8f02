// Messages a product leader reads: each case is a document of the example workspace and the exact
// message one rule gives on it. List items are named by their list and position, never by a bare
// index; examples in messages are valid for the field (an id of a role the workspace has).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { messageText } from '../../server/src/service/rules/rule';
import { toKebabCase } from '../../server/src/service/suggest';
import { REPO_ROOT, lintFile, lintText, listDocuments, loadWorkspace } from './harness';

const examples = loadWorkspace(path.join(REPO_ROOT, 'examples'));
const FILE = path.join(REPO_ROOT, 'examples', 'zz-messages.role.yaml');
const ROLE = 'kind: role\nid: payments-pm\ntitle: PM, Payments\nlevel: pm\nsummary: Owns payments.\nauthority:\n  - What the team builds next\n';
const CHARTER =
  'kind: charter\nid: checkout\ntitle: Checkout\nmission: Checkout that never fails.\nscope: {in: [payments], out: [fraud]}\nsuccessMetrics:\n  - metric: conversion\n    target: 40%\n';

const CASES: { name: string; text: string; rule: string; message: string; noFix?: boolean }[] = [
  {
    name: 'an undefined alias is an undefined alias, not an alias bomb',
    text: `${ROLE}reportsTo: *nope\nresponsibilities: [prioritize-backlog]\n`,
    rule: 'yaml-syntax',
    message:
      'YAML syntax: the alias "*nope" is not defined: no value above it is marked "&nope". Mark the value to repeat with "&nope", or write the value out here.',
  },
  {
    name: 'an alias whose anchor comes after it',
    text: `${ROLE}reportsTo: *boss\nresponsibilities: [prioritize-backlog]\ntags: [&boss senior-pm]\n`,
    rule: 'yaml-syntax',
    message:
      'YAML syntax: the alias "*boss" is used before it is defined: the value marked "&boss" comes after it. Move that value above, or write the value out here.',
  },
  {
    name: 'an id with accents is suggested with plain letters, not dashes',
    text: `${ROLE.replace('id: payments-pm', 'id: datenqualität')}responsibilities: [prioritize-backlog]\n`,
    rule: 'invalid-value',
    message: '"datenqualität" is not a valid id: use lowercase words joined by hyphens, like "datenqualitat".',
  },
  {
    name: 'an empty item of a list of role ids: the list, the position, a role the workspace has',
    text: `${ROLE}next:\n  -\nresponsibilities: [prioritize-backlog]\n`,
    rule: 'empty-section',
    message: 'Item 1 of "next" is empty: name a next role by its role id, like "associate-pm".',
  },
  {
    name: 'an empty item of a list of text',
    text: `${ROLE.replace('  - What the team builds next\n', '  - What the team builds next\n  - ""\n')}responsibilities: [prioritize-backlog]\n`,
    rule: 'empty-section',
    message: 'Item 2 of "authority" is empty: describe one decision the role makes on its own.',
  },
  {
    name: 'an empty item of a list inside a list entry names the entry',
    text: `${CHARTER}team: [{role: senior-pm}]\ndecisionRights:\n  - decision: Which payment methods to support\n    owner: senior-pm\n    consulted:\n      -\n`,
    rule: 'empty-section',
    message: 'Item 1 of "consulted" of decision right "Which payment methods to support" is empty: name a role to consult, by role id, like "associate-pm".',
  },
  {
    name: 'a missing reference names a role the workspace has',
    text: `${CHARTER}team: [{role: senior-pm}]\ndecisionRights:\n  - decision: Which payment methods to support\n`,
    rule: 'missing-section',
    message: 'Decision right is missing "owner": name the role that decides, by role id, like "associate-pm".',
  },
  {
    name: 'an empty role id is told what the field takes, with a role the workspace has',
    text: `${ROLE}reportsTo: ""\nresponsibilities: [prioritize-backlog]\n`,
    rule: 'empty-section',
    message: '"reportsTo" is empty: name the role this one reports to, by role id, like "associate-pm".',
  },
  {
    name: 'an empty responsibility id is not told to look like a document id',
    text: `${ROLE}responsibilities:\n  - ""\n  - prioritize-backlog\n`,
    rule: 'empty-section',
    message: 'Item 1 of "responsibilities" is empty: pick a responsibility id from the taxonomy.',
  },
  {
    name: 'a role id with nothing to make an id of is not given a made-up replacement',
    text: `${ROLE}reportsTo: "???"\nresponsibilities: [prioritize-backlog]\n`,
    rule: 'invalid-value',
    message: '"???" is not a valid id: give the id of a role document, like "associate-pm".',
    noFix: true,
  },
  {
    name: 'a responsibility id with nothing to make an id of is not told to look like a document id',
    text: `${ROLE}responsibilities:\n  - "???"\n  - prioritize-backlog\n`,
    rule: 'invalid-value',
    message: '"???" is not a valid id: pick a responsibility id from the taxonomy.',
    noFix: true,
  },
  {
    name: 'a list item of the wrong type',
    text: `${ROLE}next: [senior-pm, 3]\nresponsibilities: [prioritize-backlog]\n`,
    rule: 'invalid-value',
    message: 'Item 2 of "next" should be text, not a number.',
  },
  {
    name: "a skill level out of range is the skill's level, not the role's",
    text: `${ROLE}responsibilities: [prioritize-backlog]\nskills:\n  - customer-empathy\n  - skill: data-analysis\n    level: 7\n`,
    rule: 'invalid-value',
    message: '7 is out of range for "level" of skill "data-analysis": use a number from 1 to 5.',
  },
  {
    name: "the role's own level keeps its plain message",
    text: `${ROLE.replace('level: pm', 'level: senior')}responsibilities: [prioritize-backlog]\n`,
    rule: 'invalid-value',
    message: '"senior" is not a valid level. Did you mean "senior-pm"?',
  },
  {
    name: 'a number with only a lower bound',
    text: `${CHARTER}team:\n  - role: senior-pm\n    count: 0\ndecisionRights: [{decision: d, owner: senior-pm}]\n`,
    rule: 'invalid-value',
    message: '0 is too small for "count" of team member "senior-pm": use a number of 1 or more.',
  },
];

for (const { name, text, rule, message, noFix } of CASES) {
  test(`${rule}: ${name}`, () => {
    const file = /^kind: charter/.test(text) ? FILE.replace('.role.', '.charter.') : FILE;
    const found = lintText(examples, file, text).filter((d) => d.code === rule);
    assert.ok(
      found.some((d) => d.message === message),
      `expected:\n${message}\nactual:\n${found.map((d) => d.message).join('\n')}`,
    );
    if (noFix) assert.deepEqual(found.find((d) => d.message === message)!.data.fixes, []);
  });
}

test('no message names a list item by its bare index', () => {
  const messages = [
    ...CASES.flatMap(({ text }) => lintText(examples, /^kind: charter/.test(text) ? FILE.replace('.role.', '.charter.') : FILE, text)),
    ...listDocuments(path.join(REPO_ROOT, 'test', 'fixtures', 'rules')).flatMap((file) => lintFile(loadWorkspace(path.dirname(file)), file)),
  ].map((d) => d.message);
  for (const message of messages) {
    assert.doesNotMatch(message, /"\d+" (is|should)|\[\d+\]| entry" |"[a-zA-Z]+ entry"/, message);
  }
});

test('ids made from text keep accented letters as plain letters', () => {
  const cases: [string, string][] = [
    ['datenqualität', 'datenqualitat'],
    ['Straße der Qualität', 'strasse-der-qualitat'],
    ['Café Crème', 'cafe-creme'],
    ['Øresund Ærø', 'oresund-aero'],
    ['Łódź Señor', 'lodz-senor'],
    ['Payments PM', 'payments-pm'],
    ['seniorPm', 'senior-pm'],
    ['!!!', ''],
  ];
  for (const [text, id] of cases) assert.equal(toKebabCase(text), id, text);
});

// messageText fills a rule's template from the report's data; a name the data lacks stays as written
const FILLS: [string, Record<string, string | number> | undefined, string][] = [
  ['No {kind} has id "{id}".', { kind: 'role', id: 'pm-1' }, 'No role has id "pm-1".'],
  ['{count} of {count} left, rank {rank}', { count: 2, rank: 0 }, '2 of 2 left, rank 0'],
  ['Missing {field}: add it', {}, 'Missing {field}: add it'],
  ['Missing {field}: add it', undefined, 'Missing {field}: add it'],
  ['{a}{b}', { a: 'x', b: 'y' }, 'xy'],
  ['no placeholder { here }', { here: 'no' }, 'no placeholder { here }'],
  ['{first} at the start and the end {last}', { first: '«', last: '»' }, '« at the start and the end »'],
];
for (const [template, data, expected] of FILLS) {
  test(`a message template is filled from its data: ${JSON.stringify(template)}`, () => {
    const rule = { id: 'x', description: '', defaultSeverity: 'error' as const, fixable: false, messages: { m: template } };
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    assert.equal(messageText(rule, { range, messageId: 'm', data }), expected);
  });
}

// Messages a product leader reads: each case is a document of the example workspace and the exact
// message one rule gives on it. List items are named by their list and position, never by a bare
// index; examples in messages are valid for the field (an id of a role the workspace has).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { toKebabCase } from '../../server/src/service/suggest';
import { REPO_ROOT, lintText, loadWorkspace } from './harness';

const examples = loadWorkspace(path.join(REPO_ROOT, 'examples'));
const FILE = path.join(REPO_ROOT, 'examples', 'zz-messages.role.yaml');
const ROLE = 'kind: role\nid: payments-pm\ntitle: PM, Payments\nlevel: pm\nsummary: Owns payments.\nauthority:\n  - What the team builds next\n';

const CASES: { name: string; text: string; rule: string; message: string; noFix?: boolean }[] = [
  {
    name: 'an undefined alias is an undefined alias, not an alias bomb',
    text: `${ROLE}reportsTo: *nope\nresponsibilities: [prioritize-backlog]\n`,
    rule: 'yaml-syntax',
    message: 'YAML syntax: the alias "*nope" is not defined: no value above it is marked "&nope". Mark the value to repeat with "&nope", or write the value out here.',
  },
  {
    name: 'an alias whose anchor comes after it',
    text: `${ROLE}reportsTo: *boss\nresponsibilities: [prioritize-backlog]\ntags: [&boss senior-pm]\n`,
    rule: 'yaml-syntax',
    message: 'YAML syntax: the alias "*boss" is used before it is defined: the value marked "&boss" comes after it. Move that value above, or write the value out here.',
  },
  {
    name: 'an id with accents is suggested with plain letters, not dashes',
    text: ROLE.replace('id: payments-pm', 'id: datenqualität') + 'responsibilities: [prioritize-backlog]\n',
    rule: 'invalid-value',
    message: '"datenqualität" is not a valid id: use lowercase words joined by hyphens, like "datenqualitat".',
  },
];

for (const { name, text, rule, message, noFix } of CASES) {
  test(`${rule}: ${name}`, () => {
    const file = /^kind: charter/.test(text) ? FILE.replace('.role.', '.charter.') : FILE;
    const found = lintText(examples, file, text).filter((d) => d.code === rule);
    assert.ok(found.some((d) => d.message === message), `expected:\n${message}\nactual:\n${found.map((d) => d.message).join('\n')}`);
    if (noFix) assert.deepEqual(found.find((d) => d.message === message)!.data.fixes, []);
  });
}

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

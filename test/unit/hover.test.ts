// Hover, data-driven: a document with `|` at the cursor, and what the hover must (not) say.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/service/languageService';
import { getHover } from '../../server/src/service/hover';
import { Taxonomy } from '../../server/src/service/taxonomy';
import { MemoryIndex } from '../../server/src/service/workspace';

const service = createLanguageService();
const taxonomy = Taxonomy.builtIn();
const index = new MemoryIndex();
for (const [uri, text] of Object.entries({
  'file:///ws/roles/group-pm.role.yaml':
    'kind: role\nid: group-pm-commerce\ntitle: Group PM, Commerce\nlevel: group-pm\nsummary: Leads the commerce PMs.\nresponsibilities: [coach-product-managers]\n',
  'file:///ws/payments.vision.yaml':
    'kind: vision\nid: payments-vision\ntitle: Payments vision\nstatement: Paying is effortless.\ntargetGroup: [Shops]\nneeds: [Speed]\nproduct: [One tap]\nbusinessGoals: [Growth]\n',
})) {
  const summary = service.summarize(uri, service.parse(TextDocument.create(uri, 'yaml', 1, text)));
  if (summary) index.set(summary);
}

function hover(source: string, uri = 'file:///ws/roles/new.role.yaml') {
  const offset = source.indexOf('|');
  const textDocument = TextDocument.create(uri, 'yaml', 1, source.slice(0, offset) + source.slice(offset + 1));
  const result = getHover(service.parse(textDocument), textDocument.positionAt(offset), { schemas: service.schemas, taxonomy, index });
  return { result, text: result ? (result.contents as { value: string }).value : undefined, textDocument };
}

interface Case {
  name: string;
  doc: string;
  uri?: string;
  /** Each must appear in the hover, in this order. */
  says?: (string | RegExp)[];
  saysNot?: (string | RegExp)[];
  none?: boolean;
  /** The text the hover's range covers. */
  over?: string;
}

const ROLE = 'kind: role\nid: pm-checkout\ntitle: PM, Checkout\nlevel: pm\nsummary: Owns checkout.\n';
/** A seed file's bare name: a hover cites a source by title and author instead. */
const FILE_NAME = /\d{3}_[0-9a-f]{16}\.txt/;

const CASES: Case[] = [
  {
    name: 'a responsibility id: title, area, description, levels in rank order, sources',
    doc: `${ROLE}responsibilities:\n  - priori|tize-backlog\n`,
    says: [
      'Prioritise the backlog',
      'Area: Delivery',
      'most valuable items',
      'Associate Product Manager, Product Manager, Senior Product Manager',
      'Sources:',
      '- *Understanding the Different Roles in Product Management*, Damian Wolfgram (2024)',
      '- *Product Management Roles & Responsibilities Guide*, Monica Viggars',
    ],
    saysNot: [FILE_NAME, 'another spelling'],
    over: 'prioritize-backlog',
  },
  {
    name: 'an alias shows the entry it stands for, under its canonical id',
    doc: `${ROLE}responsibilities:\n  - priori|tise-backlog\n`,
    says: [
      '**Prioritise the backlog** (responsibility `prioritize-backlog`)',
      '`prioritise-backlog` is another spelling of `prioritize-backlog`',
      'Area: Delivery',
      'Held by:',
    ],
    saysNot: ['not a responsibility', FILE_NAME],
    over: 'prioritise-backlog',
  },
  {
    name: 'a source without an author is cited by title and publisher',
    doc: `${ROLE}responsibilities:\n  - provide-strat|egic-context\n`,
    says: ['*Group Product Manager and Head of Product* (productmanagerhandbook.com)'],
    saysNot: [FILE_NAME],
  },
  {
    name: 'a responsibility that needs line management says so, and cites title, author, publisher and year',
    doc: `${ROLE}responsibilities:\n  - hold-people-acc|ountable\n`,
    says: ['Needs line management', '*What Should a Head of Product Do?*, Roman Pichler (romanpichler.com, 2022)'],
    saysNot: [FILE_NAME],
  },
  {
    name: 'a skill alias',
    doc: `${ROLE}skills:\n  - skill: organisational-al|ignment\n    level: 2\n`,
    says: ['(skill `organizational-alignment`)', 'another spelling', 'Needed by: Group Product Manager, Head of Product', 'Damian Wolfgram'],
  },
  {
    name: 'an area alias',
    doc: `${ROLE}responsibilities:\n  - text: Pricing review\n    area: organis|ation\n`,
    says: ['**Organisation** (area `organization`)', '`organisation` is another spelling'],
  },
  {
    name: 'a responsibility in a flow list',
    doc: `${ROLE}responsibilities: [define-product-strategy, prioritize-b|acklog]\n`,
    says: ['Prioritise the backlog'],
  },
  {
    name: 'a responsibility the taxonomy lacks',
    doc: `${ROLE}responsibilities:\n  - make-|coffee\n`,
    says: ['`make-coffee` is not a responsibility in the taxonomy'],
  },
  {
    name: 'a skill id',
    doc: `${ROLE}skills:\n  - data-an|alysis\n`,
    says: [taxonomy.skill('data-analysis')?.title ?? '?', taxonomy.skill('data-analysis')?.description ?? '?'],
  },
  { name: 'a skill by `skill:`', doc: `${ROLE}skills:\n  - skill: strategic-th|inking\n    level: 4\n`, says: ['Strategic thinking'] },
  {
    name: 'a level: title, rung, track, neighbours, responsibility count',
    doc: 'kind: role\nlevel: senior|-pm\n',
    says: [
      'Senior Product Manager',
      'Rung 3 of 6',
      'ic track',
      'Below: Product Manager',
      'Above: Group Product Manager',
      `gives it ${taxonomy.responsibilitiesOf('senior-pm').length} responsibilities`,
    ],
    over: 'senior-pm',
  },
  { name: 'the lowest level has no rung below', doc: 'kind: role\nlevel: associate|-pm\n', says: ['Rung 1 of 6', 'Below: none', 'Above: Product Manager'] },
  { name: 'an area id', doc: `${ROLE}responsibilities:\n  - text: Pricing review\n    area: deliv|ery\n`, says: ['**Delivery**'] },
  {
    name: 'a required field key: description and example',
    doc: 'kind: role\nsumm|ary: x\n',
    says: ['**summary** (required)', 'Why the role exists', '```yaml\nsummary: Owns the payments experience'],
    over: 'summary',
  },
  { name: 'an optional field key', doc: 'kind: role\nreports|To: x\n', says: ['**reportsTo** (optional)', 'reports to', 'reportsTo: group-pm-commerce'] },
  { name: 'level is required for a product role', doc: 'kind: role\nlev|el: pm\n', says: ['**level** (required)'] },
  { name: 'but not for a cross-functional one', doc: 'kind: role\ntrack: cross-functional\nlev|el: pm\n', says: ['**level** (optional)'] },
  {
    name: 'a nested field key',
    doc: 'kind: strategy\nobjectives:\n  - objective: x\n    keyResults:\n      - met|ric: m\n',
    uri: 'file:///ws/s.strategy.yaml',
    says: ['**metric** (required)', 'What is measured'],
  },
  { name: 'a field the kind does not have', doc: 'kind: role\nmiss|ion: x\n', says: ['`mission` is not a field of a role'] },
  {
    name: 'a reference: title, kind, summary, file',
    doc: 'kind: role\nreportsTo: group-pm-co|mmerce\n',
    says: ['Group PM, Commerce', 'role', 'Leads the commerce PMs.', 'group-pm.role.yaml'],
    over: 'group-pm-commerce',
  },
  { name: 'a reference no document has', doc: 'kind: role\nreportsTo: nob|ody\n', says: ['No role document in the workspace has the id `nobody`'] },
  {
    name: 'a vision reference from a strategy',
    doc: 'kind: strategy\nvision: payments-vi|sion\n',
    uri: 'file:///ws/s.strategy.yaml',
    says: ['Payments vision', 'Paying is effortless.', 'payments.vision.yaml'],
  },
  {
    name: 'a role reference in a charter team',
    doc: 'kind: charter\nteam:\n  - role: ghost-r|ole\n',
    uri: 'file:///ws/c.charter.yaml',
    says: ['No role document in the workspace has the id `ghost-role`'],
  },
  { name: 'a status value: the field description', doc: 'kind: role\nstatus: appr|oved\n', says: ['**approved**', 'Where the document is in its life'] },
  { name: 'a track value', doc: 'kind: role\ntrack: i|c\n', says: ['**ic**', 'career track'] },
  { name: 'the kind value', doc: 'kind: ro|le\n', says: ['**role**', 'kind of document'] },
  { name: 'plain text gets no hover', doc: 'kind: role\ntitle: PM, Chec|kout\n', none: true },
  { name: 'a document without a kind gets no hover', doc: 'title: x\nsumm|ary: y\n', none: true },
  {
    name: 'a broken document still finds the responsibility by indentation',
    doc: 'kind: role\nlevel: pm\n  bad: x\nresponsibilities:\n  - priori|tize-backlog\n',
    says: ['Prioritise the backlog'],
    saysNot: ['not a'],
  },
  {
    name: 'CRLF',
    doc: 'kind: role\r\nlevel: pm\r\nresponsibilities:\r\n  - priori|tize-backlog\r\n',
    says: ['Prioritise the backlog'],
    over: 'prioritize-backlog',
  },
];

describe('hover', () => {
  for (const testCase of CASES) {
    test(testCase.name, () => {
      const { result, text, textDocument } = hover(testCase.doc, testCase.uri);
      if (testCase.none) {
        assert.equal(result, null, text);
        return;
      }
      assert.ok(text, 'a hover');
      let from = 0;
      for (const expected of testCase.says ?? []) {
        const at = typeof expected === 'string' ? text.indexOf(expected, from) : text.slice(from).search(expected) + from;
        assert.ok(at >= from, `expected ${expected} after offset ${from} in:\n${text}`);
        from = at;
      }
      for (const unexpected of testCase.saysNot ?? []) assert.ok(typeof unexpected === 'string' ? !text.includes(unexpected) : !unexpected.test(text), text);
      if (testCase.over) assert.equal(result?.range && textDocument.getText(result.range), testCase.over);
    });
  }
});

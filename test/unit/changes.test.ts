// The comparison of two revisions, called directly on the service: a table of (BASE text, HEAD
// text) per kind and change type, and the sentences expected, in product words.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { compareRevisions, type RevisionDocument } from '../../server/src/service';
import { MemoryIndex } from '../../server/src/service/workspace';
import { TODAY, service } from './harness';

const settings = service.settings(undefined, TODAY);

/** Documents at one revision: path → text, each parsed and linted in one workspace. */
function revision(files: Record<string, string>): RevisionDocument[] {
  const index = new MemoryIndex();
  const parsed = Object.entries(files).map(([path, text]) => {
    const uri = `file:///repo/${path}`;
    const doc = service.parse(TextDocument.create(uri, 'yaml', 0, text));
    const summary = service.summarize(uri, doc);
    if (summary) index.set(summary);
    return { path, doc, uri };
  });
  return parsed.map(({ path, doc, uri }) => ({ path, parsed: doc, findings: service.validate(uri, doc, index, settings), taxonomy: settings.taxonomy }));
}

/** Every change sentence, prefixed with the document's id. */
function sentences(base: Record<string, string>, head: Record<string, string>): string[] {
  return compareRevisions(revision(base), revision(head)).documents.flatMap((doc) => doc.changes.map((change) => `${doc.id}: ${change.text}`));
}

const y = (...lines: string[]) => `${lines.join('\n')}\n`;
const ROLE = (...extra: string[]) =>
  y('kind: role', 'id: pm', 'title: Product Manager', 'level: pm', 'summary: Owns checkout.', 'responsibilities:', '  - prioritize-backlog', ...extra);
const LADDER = (...tracks: string[]) => y('kind: ladder', 'id: l', 'title: Ladder', 'tracks:', ...tracks);
const TRACK = (id: string, title: string, roles: string[]) => `  - id: ${id}\n    title: ${title}\n    roles: [${roles.join(', ')}]`;
const VISION = (...extra: string[]) =>
  y(
    'kind: vision',
    'id: v',
    'title: Vision',
    'statement: Pay in one tap.',
    'targetGroup: [Shops]',
    'needs: [Speed]',
    'product: [Tap]',
    'businessGoals: [Volume]',
    ...extra,
  );
const STRATEGY = (...objectives: string[]) =>
  y('kind: strategy', 'id: s', 'title: Strategy', 'vision: v', 'horizon: FY27', 'market: [Shops]', 'objectives:', ...objectives);
const OBJECTIVE = (text: string, ...keyResults: string[]) => `  - objective: ${text}\n    keyResults:\n${keyResults.map((kr) => `      - ${kr}`).join('\n')}`;
const CHARTER = (...extra: string[]) =>
  y('kind: charter', 'id: c', 'title: Checkout team', 'mission: Make paying easy.', 'successMetrics:', '  - {metric: Conversion, target: "60%"}', ...extra);

const CASES: { name: string; base: string; head: string; expected: string[] }[] = [
  {
    name: 'a formatting change, a comment, the order of keys',
    base: ROLE(),
    head: `# a comment\nid: pm\nkind: role\ntitle: "Product  Manager"\nlevel: pm\nsummary: >-\n  Owns\n  checkout.\nresponsibilities: [prioritize-backlog]\n`,
    expected: [],
  },
  {
    name: 'a responsibility written by its alias is the same one',
    base: ROLE(),
    head: ROLE().replace('prioritize-backlog', 'prioritise-backlog'),
    expected: [],
  },
  {
    name: 'the title',
    base: ROLE(),
    head: ROLE().replace('title: Product Manager', 'title: PM'),
    expected: ["pm: changes its title from 'Product Manager' to 'PM'"],
  },
  {
    name: 'a role: level, manager, responsibilities, own duties, skills',
    base: ROLE('  - learn-from-customers', 'skills:', '  - {skill: communication, level: 2}', '  - data-analysis'),
    head: ROLE(
      '  - text: Keeps the release notes',
      '    area: delivery',
      'reportsTo: lead',
      'skills:',
      '  - {skill: communication, level: 3}',
      '  - customer-empathy',
    ).replace('level: pm', 'level: senior-pm'),
    expected: [
      "pm: changes its level from 'Product Manager' [pm] to 'Senior Product Manager' [senior-pm]",
      'pm: sets its manager to [lead]',
      "pm: gains own duty 'Keeps the release notes'",
      "pm: loses responsibility 'Learn from users and customers' [learn-from-customers]",
      "pm: changes skill 'Communication' [communication] from level 2 to 3",
      "pm: gains skill 'Customer and user empathy' [customer-empathy]",
      "pm: loses skill 'Data analysis' [data-analysis]",
    ],
  },
  {
    name: 'a role: authority, goals, next steps, summary',
    base: ROLE('authority: [Decide the backlog]', 'goals:', '  - {goal: Fewer tickets, measure: Tickets per week, target: under 50}'),
    head: ROLE(
      'authority: [Decide the backlog, Decide pricing]',
      'goals:',
      '  - {goal: Fewer tickets, measure: Tickets per week, target: under 30}',
      'next: [senior-pm]',
    ).replace('Owns checkout.', 'Owns payments.'),
    expected: [
      "pm: rewrites its summary: 'Owns payments.'",
      "pm: adds 'Decide pricing' to its authority",
      "pm: re-targets goal 'Fewer tickets': target under 50 → under 30",
      'pm: adds next step [senior-pm]',
    ],
  },
  {
    name: 'a ladder: a rung inserted, one removed, one moved, a track added',
    base: LADDER(TRACK('ic', 'IC', ['a', 'b', 'c', 'd'])),
    head: LADDER(TRACK('ic', 'IC', ['a', 'x', 'c', 'b']), TRACK('m', 'Managers', ['e'])),
    expected: [
      "l: adds track 'Managers' [m] ([e])",
      "l: gains rung [x] on track 'IC' [ic], above [a]",
      "l: moves rung [b] on track 'IC' [ic], now above [c]",
      "l: loses rung [d] on track 'IC' [ic]",
    ],
  },
  {
    name: 'a ladder: a track removed',
    base: LADDER(TRACK('ic', 'IC', ['a']), TRACK('m', 'M', ['b'])),
    head: LADDER(TRACK('ic', 'IC', ['a'])),
    expected: ["l: removes track 'M' [m]"],
  },
  {
    name: 'a vision: statement and lists',
    base: VISION(),
    head: VISION().replace('Pay in one tap.', 'Pay in no taps.').replace('needs: [Speed]', 'needs: [Speed, Trust]').replace('product: [Tap]', 'product: []'),
    expected: ["v: rewrites its statement: 'Pay in no taps.'", "v: adds 'Trust' to its needs", "v: removes 'Tap' from its product"],
  },
  {
    name: 'a strategy: objectives, key results, initiatives',
    base: STRATEGY(
      OBJECTIVE('Grow', '{metric: Revenue, baseline: "1M", target: "2M"}', '{metric: Churn, target: "5%"}'),
      OBJECTIVE('Old', '{metric: X, target: "1"}'),
    ),
    head: y(
      STRATEGY(
        OBJECTIVE(
          'Grow',
          '{metric: Revenue, baseline: "1M", target: "3M EUR"}',
          '{metric: NPS, target: "40"}',
          '{metric: Churn, target: "5%", due: 2027-12-31}',
        ),
        OBJECTIVE('New', '{metric: Y, target: "2"}'),
      ).trimEnd(),
      'initiatives:',
      '  - {title: One-tap, owner: pm}',
    ),
    expected: [
      "s: adds objective 'New' with 1 key result",
      "s: removes objective 'Old'",
      "s: adds key result 'NPS' under objective 'Grow' (target 40)",
      "s: re-targets key result 'Revenue' under objective 'Grow': target 2M → 3M EUR",
      "s: changes key result 'Churn' under objective 'Grow': due (none) → 2027-12-31",
      "s: adds initiative 'One-tap'",
    ],
  },
  {
    name: 'a charter: scope, team, decision rights, success metrics',
    base: CHARTER('scope:', '  in: [Checkout]', '  out: [Payouts]', 'team:', '  - {role: pm}', 'decisionRights:', '  - {decision: Pricing, owner: pm}'),
    head: CHARTER(
      'scope:',
      '  in: [Checkout, Receipts]',
      '  out: []',
      'team:',
      '  - {role: pm, count: 2}',
      '  - {role: designer}',
      'decisionRights:',
      '  - {decision: Pricing, owner: lead, consulted: [pm]}',
    ).replace('target: "60%"', 'target: "65%"'),
    expected: [
      "c: adds 'Receipts' to its scope",
      "c: removes 'Payouts' from what is out of its scope",
      'c: adds [designer] to the team',
      'c: changes team member [pm]: count (none) → 2',
      "c: changes decision right 'Pricing': owner [pm] → [lead]; consulted adds [pm]",
      "c: re-targets success metric 'Conversion': target 60% → 65%",
    ],
  },
];

describe('compareRevisions: what each kind reports, in product words', () => {
  for (const { name, base, head, expected } of CASES) {
    test(name, () => {
      const file = `doc.${/^kind: (\w+)/m.exec(base)![1]}.yaml`;
      assert.deepEqual(sentences({ [file]: base }, { [file]: head }), expected);
    });
  }
});

describe('compareRevisions: documents and findings', () => {
  const role = (id: string, title: string, ...extra: string[]) =>
    y(
      'kind: role',
      `id: ${id}`,
      `title: ${title}`,
      'level: pm',
      'summary: Owns checkout.',
      'authority: [Decide the backlog]',
      'responsibilities: [prioritize-backlog]',
      ...extra,
    );

  test('added, removed and moved documents are matched by kind and id, not by path', () => {
    const report = compareRevisions(
      revision({ 'a.role.yaml': role('a', 'A'), 'b.role.yaml': role('b', 'B') }),
      revision({ 'roles/a.role.yaml': role('a', 'A'), 'c.role.yaml': role('c', 'C') }),
    );
    assert.deepEqual(
      report.documents.map((doc) => [doc.id, doc.status, doc.path, doc.previousPath]),
      [
        ['a', 'renamed', 'roles/a.role.yaml', 'a.role.yaml'],
        ['b', 'removed', 'b.role.yaml', undefined],
        ['c', 'added', 'c.role.yaml', undefined],
      ],
    );
    assert.deepEqual(report.summary, {
      added: 1,
      removed: 1,
      renamed: 1,
      modified: 0,
      unreadable: 0,
      findingsAdded: { error: 0, warning: 0, info: 0, hint: 0 },
      findingsFixed: 0,
    });
  });

  test('findings are matched by rule and message, not by line: moving one reports nothing, adding one reports it', () => {
    const base = revision({ 'a.role.yaml': role('a', 'A', 'reportsTo: nobody') });
    const moved = revision({ 'a.role.yaml': `# a comment above\n${role('a', 'A', 'reportsTo: nobody')}` });
    assert.deepEqual(compareRevisions(base, moved).documents, []);
    const report = compareRevisions(base, revision({ 'a.role.yaml': role('a', 'A', 'reportsTo: nobody', 'next: [missing]') }));
    const [doc] = report.documents;
    assert.deepEqual(
      doc.findingsAdded.map((finding) => [finding.code, finding.severity]),
      [['unresolved-reference', 'error']],
    );
    assert.equal(report.summary.findingsAdded.error, 1);
    // a change elsewhere can add a finding to a document that says the same as before
    const cross = compareRevisions(
      revision({ 'a.role.yaml': role('a', 'A', 'reportsTo: b'), 'b.role.yaml': role('b', 'B') }),
      revision({ 'a.role.yaml': role('a', 'A', 'reportsTo: b') }),
    );
    assert.deepEqual(
      cross.documents.map((item) => [item.id, item.status, item.findingsAdded.map((finding) => finding.code)]),
      [
        ['a', 'unchanged', ['unresolved-reference']],
        ['b', 'removed', []],
      ],
    );
  });

  test('a document that cannot be read is named with the reason, on either side, and the same broken text twice is not', () => {
    const broken = 'kind: role\nid: a\ntitle: [open\n';
    const atHead = compareRevisions(revision({ 'a.role.yaml': role('a', 'A') }), revision({ 'a.role.yaml': broken }));
    assert.deepEqual(atHead.documents, []);
    assert.deepEqual(
      atHead.unreadable.map((item) => [item.path, item.at, Object.keys(item.reasons)]),
      [['a.role.yaml', 'head', ['head']]],
    );
    assert.match(atHead.unreadable[0].reasons.head!, /^line \d+: /);
    const noKind = compareRevisions(revision({ 'x.role.yaml': 'id: x\ntitle: X\n' }), revision({ 'x.role.yaml': role('x', 'X') }));
    assert.deepEqual(noKind.unreadable[0].reasons, { base: 'its kind is missing or unknown' });
    assert.deepEqual(compareRevisions(revision({ 'a.role.yaml': broken }), revision({ 'a.role.yaml': broken })).unreadable, []);
  });

  test("a role the config names as external is named by the config's title", () => {
    const charter = (owner: string) => y('kind: charter', 'id: c', 'title: C', 'mission: M.', 'decisionRights:', `  - {decision: Pricing, owner: ${owner}}`);
    const external = new Map([['engineering-manager', { id: 'engineering-manager', title: 'Engineering Manager' }]]);
    const withExternal = (docs: ReturnType<typeof revision>) => docs.map((doc) => ({ ...doc, externalRoles: external }));
    const report = compareRevisions(
      withExternal(revision({ 'c.charter.yaml': charter('pm') })),
      withExternal(revision({ 'c.charter.yaml': charter('engineering-manager') })),
    );
    assert.deepEqual(
      report.documents[0].changes.map((change) => change.text),
      ["changes decision right 'Pricing': owner [pm] → 'Engineering Manager' [engineering-manager]"],
    );
  });

  test('includes limits the report to some paths', () => {
    const report = compareRevisions(revision({}), revision({ 'roles/a.role.yaml': role('a', 'A'), 'other/b.role.yaml': role('b', 'B') }), {
      includes: (path) => path.startsWith('roles/'),
    });
    assert.deepEqual(
      report.documents.map((doc) => doc.id),
      ['a'],
    );
  });
});

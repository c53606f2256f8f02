// The preview: the model built per kind, the HTML drawn from it, and `charters render`.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildPreviewModel, renderBody, type PreviewModel } from '../../server/src/service/preview';
import type { RoleCard } from '../../server/src/service/preview/cards';
import { renderPage } from '../../server/src/service/preview/page';
import { escapeHtml } from '../../server/src/service/preview/shared';
import { exportFileName, siblingExportLinks } from '../../server/src/service/preview/exportLinks';
import { withLastGood } from '../../server/src/service/preview/lastGood';
import { MemoryIndex } from '../../server/src/service/workspace';
import { REPO_ROOT, service } from './harness';

const NONCE = 'n0nceAbc123';
const taxonomy = service.settings().taxonomy;

/** Documents by file name, indexed together as one workspace. */
function workspace(files: Record<string, string>) {
  const index = new MemoryIndex();
  const parsed = new Map<string, ReturnType<typeof service.parse>>();
  for (const [name, text] of Object.entries(files)) {
    const uri = `file:///ws/${name}`;
    const document = service.parse(TextDocument.create(uri, 'yaml', 1, text));
    parsed.set(name, document);
    const summary = service.summarize(uri, document);
    if (summary) index.set(summary);
  }
  return {
    model(name: string): PreviewModel {
      return buildPreviewModel(parsed.get(name)!, `file:///ws/${name}`, index, taxonomy);
    },
    page(name: string, standalone = false): string {
      const model = this.model(name);
      const title = model.title;
      return renderPage(renderBody(model, { interactive: !standalone }), {
        nonce: NONCE,
        cspSource: standalone ? undefined : 'vscode-resource:',
        standalone,
        title,
      });
    },
  };
}

const yaml = (...lines: string[]) => `${lines.join('\n')}\n`;

const LADDER_WORKSPACE = {
  'apm.role.yaml': yaml(
    'kind: role',
    'id: apm',
    'title: Associate PM',
    'level: associate-pm',
    'summary: Learns the craft.',
    'responsibilities:',
    '  - identify-customer-problems',
    '  - text: Writes the release notes',
    '    area: delivery',
  ),
  'pm.role.yaml': yaml(
    'kind: role',
    'id: pm',
    'title: Product Manager',
    'level: pm',
    'summary: Owns a team.',
    'inherits: apm',
    'responsibilities:',
    '  - prioritize-backlog',
    '  - design-experiments',
  ),
  'senior.role.yaml': yaml(
    'kind: role',
    'id: senior',
    'title: Senior PM',
    'level: senior-pm',
    'summary: Owns an area.',
    'inherits: pm',
    'reportsTo: nobody-yet',
    'responsibilities:',
    '  - define-product-strategy',
    '  - mentor-junior-product-managers',
    '  - not-a-real-responsibility',
    'skills:',
    '  - strategic-thinking',
    '  - skill: data-analysis',
    '    level: 4',
    'authority:',
    '  - Sets the area roadmap',
    'goals:',
    '  - goal: Fewer lost orders',
    '    measure: False-positive rate',
    '    target: "0.8%"',
  ),
  'lead.role.yaml': yaml('kind: role', 'id: lead', 'title: Group PM', 'level: group-pm', 'summary: Leads PMs.', 'responsibilities:', '  - set-product-vision'),
  'careers.ladder.yaml': yaml(
    'kind: ladder',
    'id: careers',
    'title: Careers',
    'tracks:',
    '  - id: ic',
    '    title: Individual contributor',
    '    roles: [apm, pm, senior]',
    '  - id: management',
    '    title: Management',
    '    roles: [lead, vp-of-nothing]',
  ),
};

const count = (card: RoleCard, area: string) => card.areas.find((item) => item.id === area)?.count;

describe('preview model: ladder', () => {
  const ws = workspace(LADDER_WORKSPACE);
  const model = ws.model('careers.ladder.yaml');

  test('every track, every rung lowest first, with level and rank', () => {
    assert.equal(model.kind, 'ladder');
    if (model.kind !== 'ladder') return;
    assert.deepEqual(
      model.tracks.map((track) => [track.title, track.rungs.map((rung) => `${rung.id}:${rung.level?.rank ?? '-'}`)]),
      [
        ['Individual contributor', ['apm:1', 'pm:2', 'senior:3']],
        ['Management', ['lead:4', 'vp-of-nothing:-']],
      ],
    );
    const [apm, pm, senior] = model.tracks[0].rungs;
    assert.equal(senior.uri, 'file:///ws/senior.role.yaml');
    assert.equal(pm.level?.title, 'Product Manager');
    assert.equal(apm.missing, false);
    assert.equal(model.tracks[1].rungs[1].missing, true);
  });

  test('area counts hold own, inherited and duty responsibilities', () => {
    if (model.kind !== 'ladder') return;
    const [apm, pm, senior] = model.tracks[0].rungs;
    assert.deepEqual([count(apm, 'discovery'), count(apm, 'delivery'), apm.total], [1, 1, 2]);
    // pm inherits apm's taxonomy ids, not its duties
    assert.deepEqual([count(pm, 'discovery'), count(pm, 'delivery'), pm.total], [2, 1, 3]);
    assert.deepEqual([count(senior, 'product-direction'), count(senior, 'people'), senior.total], [1, 1, 6]);
    assert.ok(senior.areas.some((area) => area.count === 1 && area.title === 'Not in the taxonomy'));
    assert.deepEqual(
      model.matrix.map((row) => [row.role.id, row.total]),
      [
        ['apm', 2],
        ['pm', 3],
        ['senior', 6],
        ['lead', 1],
        ['vp-of-nothing', 0],
      ],
    );
    assert.deepEqual(
      model.matrix[1].counts,
      model.areas.map((area) => count(pm, area.id)),
    );
  });

  test('"adds" is what a rung holds that the rung below does not', () => {
    if (model.kind !== 'ladder') return;
    const [apm, pm, senior] = model.tracks[0].rungs;
    assert.equal(apm.adds, undefined);
    assert.deepEqual(
      pm.adds?.map((item) => item.id),
      ['prioritize-backlog', 'design-experiments'],
    );
    assert.deepEqual(
      pm.adds?.map((item) => item.title),
      ['Prioritise the backlog', 'Design experiments'],
    );
    assert.deepEqual(
      senior.adds?.map((item) => item.id),
      ['define-product-strategy', 'mentor-junior-product-managers', 'not-a-real-responsibility'],
    );
    assert.equal(model.tracks[1].rungs[1].adds, undefined, 'a missing role adds nothing');
  });

  test('the page draws tracks top rung first, cards that open their file, and the matrix', () => {
    const html = ws.page('careers.ladder.yaml');
    const order = ['Senior PM', 'Product Manager', 'Associate PM'].map((title) => html.indexOf(`>${title}</button>`));
    assert.ok(
      order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1])),
      `top rung first: ${order}`,
    );
    assert.match(html, /<article class="card"[^>]* data-uri="file:\/\/\/ws\/pm\.role\.yaml"/);
    assert.match(html, /<button type="button" class="open" data-uri="file:\/\/\/ws\/senior\.role\.yaml" aria-label="Open Senior PM">/);
    assert.match(html, /Adds 2:<\/span>\s*<ul><li>Prioritise the backlog<\/li><li>Design experiments<\/li>/);
    assert.match(html, /Missing: no role document has the id <code>vp-of-nothing<\/code>/);
    assert.match(html, /<table class="matrix">/);
    assert.match(html, /<th scope="col">Total<\/th>/);
    assert.match(html, /acquireVsCodeApi\(\)/);
  });

  test('standalone: no script, no data-uri, titles as text', () => {
    const html = ws.page('careers.ladder.yaml', true);
    assert.doesNotMatch(html, /<script/);
    assert.doesNotMatch(html, / data-uri="/);
    assert.doesNotMatch(html, /<button/);
    assert.match(html, /<h3 class="card-title">Senior PM<\/h3>/);
  });

  test('export: links go to the sibling exports that exist, by relative address; other titles stay text', () => {
    const model = ws.model('careers.ladder.yaml');
    const body = renderBody(model, { interactive: false, linkTarget: siblingExportLinks(['pm.role.html', 'notes.txt']) });
    assert.match(body, /<h3 class="card-title"><a class="open" href="pm\.role\.html">Product Manager<\/a><\/h3>/);
    assert.match(body, /<a class="link" href="pm\.role\.html">Product Manager<\/a>/, 'the matrix row');
    assert.match(body, /<h3 class="card-title">Senior PM<\/h3>/, 'no export of senior.role.yaml beside it');
    assert.doesNotMatch(body, /file:|\/ws\/|data-uri|<button/);
  });

  test('export through the service: no path of the machine, whatever the link target would say', () => {
    const workspaceIndex = new MemoryIndex();
    const uri = 'file:///home/someone/work/careers.ladder.yaml';
    for (const [name, text] of Object.entries(LADDER_WORKSPACE)) {
      const parsed = service.parse(TextDocument.create(`file:///home/someone/work/${name}`, 'yaml', 1, text));
      const summary = service.summarize(`file:///home/someone/work/${name}`, parsed);
      if (summary) workspaceIndex.set(summary);
    }
    const parsed = service.parse(TextDocument.create(uri, 'yaml', 1, LADDER_WORKSPACE['careers.ladder.yaml']));
    const { body } = service.preview(uri, parsed, workspaceIndex, service.settings(), { siblingExports: ['apm.role.html', 'senior.role.html'] });
    assert.match(body, /href="apm\.role\.html"/);
    assert.match(body, /href="senior\.role\.html"/);
    assert.doesNotMatch(body, /file:|\/home\/|someone|data-uri|<button/);
    const hostile = renderBody(buildPreviewModel(parsed, uri, workspaceIndex, taxonomy), {
      interactive: false,
      linkTarget: () => 'file:///home/someone/x.html',
    });
    assert.doesNotMatch(hostile, /file:|\/home\/|href=/, 'a link target with a scheme is not written');
  });

  test('export file names: the document name with .html', () => {
    assert.equal(exportFileName('file:///ws/roles/pm.role.yaml'), 'pm.role.html');
    assert.equal(exportFileName('file:///ws/Produkt%20Qualit%C3%A4t.vision.yml'), 'Produkt Qualität.vision.html');
    assert.equal(siblingExportLinks(['Produkt Qualität.vision.html'])('file:///ws/Produkt%20Qualit%C3%A4t.vision.yml'), 'Produkt%20Qualit%C3%A4t.vision.html');
  });
});

describe('preview model: the other kinds', () => {
  const ws = workspace({
    ...LADDER_WORKSPACE,
    'north.vision.yaml': yaml(
      'kind: vision',
      'id: north',
      'title: North Star',
      'statement: Every shop takes payment from anyone.',
      'targetGroup: [Small shops]',
      'needs: [Checkout that converts]',
      'product: [Drop-in checkout]',
      'businessGoals: [120k merchants]',
      'horizon: "2028"',
      'principles: [Merchants first]',
    ),
    'fy27.strategy.yaml': yaml(
      'kind: strategy',
      'id: fy27',
      'title: Strategy FY27',
      'vision: north',
      'horizon: FY27',
      'market:',
      '  - segment: EU fashion shops',
      '    need: Mobile conversion',
      '  - Agencies',
      'objectives:',
      '  - objective: Fastest mobile checkout',
      '    keyResults:',
      '      - metric: Mobile conversion',
      '        baseline: "61%"',
      '        target: "66%"',
      '        due: 2027-12-31',
      '        owner: senior',
      'initiatives:',
      '  - title: One-tap wallets',
      '    owner: pm',
      '    when: 2027-H1',
      'risks: [Wallet terms change]',
    ),
    'team.charter.yaml': yaml(
      'kind: charter',
      'id: team',
      'title: Checkout Team',
      'strategy: fy27',
      'mission: Shoppers pay in a few taps.',
      'scope:',
      '  in: [Checkout pages]',
      '  out: [Fraud screening]',
      'team:',
      '  - role: pm',
      '    name: Priya',
      '  - role: apm',
      '    count: 2',
      'decisionRights:',
      '  - decision: What we build next',
      '    owner: pm',
      '    consulted: [lead]',
      '    informed: [senior, ghost]',
      'successMetrics:',
      '  - metric: Availability',
      '    target: "99.95%"',
    ),
  });

  test('role: its card, its ladder with it highlighted, responsibilities by area with inherited ones marked', () => {
    const model = ws.model('senior.role.yaml');
    assert.equal(model.kind, 'role');
    if (model.kind !== 'role') return;
    assert.equal(model.card.highlighted, true);
    assert.deepEqual(
      model.card.adds?.map((item) => item.id),
      ['define-product-strategy', 'mentor-junior-product-managers', 'not-a-real-responsibility'],
    );
    assert.equal(model.ladders.length, 1);
    assert.equal(model.ladders[0].ladder.title, 'Careers');
    assert.deepEqual(
      model.ladders[0].track.rungs.map((rung) => [rung.id, !!rung.highlighted]),
      [
        ['apm', false],
        ['pm', false],
        ['senior', true],
      ],
    );
    const discovery = model.responsibilities.find((group) => group.area.id === 'discovery');
    assert.deepEqual(
      discovery?.items.map((item) => [item.title, item.inheritedFrom?.id]),
      [
        ['Design experiments', 'pm'],
        ['Identify customer problems', 'apm'],
      ],
    );
    assert.equal(model.reportsTo?.missing, true);
    assert.deepEqual(
      model.skills.map((skill) => [skill.id, skill.level, skill.known]),
      [
        ['strategic-thinking', undefined, true],
        ['data-analysis', '4', true],
      ],
    );
    const html = ws.page('senior.role.yaml');
    for (const expected of [
      'Owns an area.',
      'On the ladder',
      'Sets the area roadmap',
      'Fewer lost orders',
      'not in the taxonomy',
      'aria-current="true"',
      'nobody-yet <span class="note">(missing)</span>',
    ]) {
      assert.ok(html.includes(expected), expected);
    }
  });

  test('role: an alias shows as its canonical entry, counted once; sources by title and author', () => {
    const spelled = workspace({
      'apm.role.yaml': yaml(
        'kind: role',
        'id: apm-spelled',
        'title: Associate PM',
        'level: associate-pm',
        'summary: Learns the craft.',
        'responsibilities:',
        '  - prioritise-backlog',
        '  - prioritize-backlog',
        'skills:',
        '  - organisational-alignment',
      ),
    });
    const model = spelled.model('apm.role.yaml');
    assert.equal(model.kind, 'role');
    if (model.kind !== 'role') return;
    const items = model.responsibilities.flatMap((group) => group.items);
    assert.deepEqual(
      items.map((item) => [item.id, item.title, item.known]),
      [['prioritize-backlog', 'Prioritise the backlog', true]],
    );
    assert.equal(model.card.total, 1);
    assert.deepEqual(
      model.skills.map((skill) => [skill.id, skill.title]),
      [['organizational-alignment', 'Organisational alignment']],
    );
    assert.deepEqual(
      model.sources.map((source) => source.author),
      ['Damian Wolfgram', 'Monica Viggars'],
    );
    const html = spelled.page('apm.role.yaml');
    assert.ok(html.includes('<cite>Understanding the Different Roles in Product Management</cite>, Damian Wolfgram (2024)'), 'cites title and author');
    assert.ok(html.includes('<cite>Product Management Roles &amp; Responsibilities Guide</cite>, Monica Viggars'), 'escapes the title');
    assert.doesNotMatch(html, /\d{3}_[0-9a-f]{16}\.txt/);
    assert.doesNotMatch(html, /not in the taxonomy/);
  });

  test('vision: the board, and the strategies that serve it', () => {
    const html = ws.page('north.vision.yaml');
    for (const expected of [
      'Every shop takes payment from anyone.',
      'Target group',
      'Small shops',
      'Needs',
      'Drop-in checkout',
      '120k merchants',
      '2028',
      'Merchants first',
      '>Strategy FY27</button>',
    ]) {
      assert.ok(html.includes(expected), expected);
    }
  });

  test('strategy: linked vision, key results as baseline → target with due and owner title', () => {
    const model = ws.model('fy27.strategy.yaml');
    if (model.kind !== 'strategy') return assert.fail(model.kind);
    assert.equal(model.vision?.title, 'North Star');
    assert.deepEqual(model.objectives[0].keyResults[0], {
      metric: 'Mobile conversion',
      baseline: '61%',
      target: '66%',
      due: '2027-12-31',
      owner: { kind: 'role', id: 'senior', title: 'Senior PM', uri: 'file:///ws/senior.role.yaml', missing: false },
    });
    assert.deepEqual(model.market, [{ segment: 'EU fashion shops', need: 'Mobile conversion' }, { segment: 'Agencies' }]);
    const html = ws.page('fy27.strategy.yaml');
    assert.match(html, /<span class="baseline">61%<\/span> <span aria-label="to">→<\/span> <strong>66%<\/strong>/);
    for (const expected of ['>North Star</button>', 'FY27', 'One-tap wallets', 'Wallet terms change', '>Checkout Team</button>'])
      assert.ok(html.includes(expected), expected);
  });

  test('charter: mission, scope in and out, team, decision rights, metrics', () => {
    const model = ws.model('team.charter.yaml');
    if (model.kind !== 'charter') return assert.fail(model.kind);
    assert.deepEqual(
      model.team.map((member) => [member.role?.title, member.name, member.count]),
      [
        ['Product Manager', 'Priya', undefined],
        ['Associate PM', undefined, '2'],
      ],
    );
    assert.deepEqual(
      model.decisionRights[0].informed.map((link) => [link.title, link.missing]),
      [
        ['Senior PM', false],
        ['ghost', true],
      ],
    );
    const html = ws.page('team.charter.yaml');
    for (const expected of [
      'Shoppers pay in a few taps.',
      'In scope',
      'Checkout pages',
      'Out of scope',
      'Fraud screening',
      'Priya',
      'What we build next',
      'Availability',
      '99.95%',
      '>Strategy FY27</button>',
    ]) {
      assert.ok(html.includes(expected), expected);
    }
  });
});

/** Documents that are broken in every way we could think of: none may throw, each must still draw. */
const BROKEN: Record<string, string> = {
  'empty.role.yaml': '',
  'comment.role.yaml': '# nothing yet\n',
  'scalar.role.yaml': 'just text\n',
  'list.role.yaml': '- a\n- b\n',
  'syntax.role.yaml': 'kind: role\ntitle: [unclosed\n',
  'tab.role.yaml': 'kind: role\n\tid: x\n',
  'duplicate-key.role.yaml': 'kind: role\nid: a\nid: b\n',
  'unknown-kind.role.yaml': 'kind: roel\nid: x\n',
  'kind-list.role.yaml': 'kind: [role]\n',
  'bare-role.role.yaml': 'kind: role\n',
  'typed-wrong.role.yaml': yaml(
    'kind: role',
    'id: [1, 2]',
    'title: {a: b}',
    'level: 7',
    'summary: null',
    'inherits: [x]',
    'responsibilities: {a: b}',
    'skills: [{skill: [1]}, {level: 3}, 5, null]',
    'authority: x',
    'goals: [1, {goal: [x]}, null]',
    'next: {a: 1}',
    'tags: 5',
  ),
  'half-typed.role.yaml': 'kind: role\nid: half\nresponsibilities:\n  - \n  - text:\n  - {text: x}\n  - {area: delivery}\n',
  'self-inherit.role.yaml': 'kind: role\nid: loop-a\ninherits: loop-b\nresponsibilities: [prioritize-backlog]\n',
  'cycle.role.yaml': 'kind: role\nid: loop-b\ninherits: loop-a\nresponsibilities: [set-product-vision]\n',
  'cycle.ladder.yaml': 'kind: ladder\nid: loops\ntracks: [{id: t, roles: [loop-a, loop-b, loop-a]}]\n',
  'tracks-scalar.ladder.yaml': 'kind: ladder\ntracks: 5\n',
  'tracks-wrong.ladder.yaml': yaml(
    'kind: ladder',
    'id: w',
    'tracks:',
    '  - 7',
    '  - roles: {a: 1}',
    '  - id: [x]',
    '    title: {y: 1}',
    '    roles: [null, 3, [a], {b: c}]',
    '  - null',
  ),
  'vision-wrong.vision.yaml': 'kind: vision\nstatement: [a]\nneeds: {a: 1}\ntargetGroup: 3\nprinciples: [[1], {a: b}]\n',
  'strategy-wrong.strategy.yaml': yaml(
    'kind: strategy',
    'vision: [north]',
    'market: [{need: x}, {}, 1, null]',
    'objectives:',
    '  - keyResults: 5',
    '  - objective: x',
    '    keyResults: [{metric: {a: 1}, target: [1], owner: {x: y}}, null, 3]',
    '  - null',
    'initiatives: [x, {owner: 3}]',
  ),
  'charter-wrong.charter.yaml': yaml(
    'kind: charter',
    'scope: [1]',
    'team: [null, {role: [x]}, {count: many}]',
    'decisionRights: [{consulted: x, informed: [null, 1]}, 5]',
    'successMetrics: {metric: x}',
    'stakeholders: [{interest: only}, 3]',
  ),
  'scope-scalar.charter.yaml': 'kind: charter\nscope: everything\nmission: 42\n',
  'alias-bomb.role.yaml': yaml(
    'kind: role',
    'a: &a [x, x, x, x, x, x, x, x, x, x]',
    'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
    'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
    'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
  ),
  'huge-numbers.strategy.yaml': 'kind: strategy\nhorizon: 1e400\nobjectives: [{objective: .nan, keyResults: [{metric: .inf, target: -.inf}]}]\n',
};

describe('preview of broken documents', () => {
  const ws = workspace(BROKEN);
  for (const name of Object.keys(BROKEN)) {
    test(name, () => {
      const model = ws.model(name);
      assert.equal(renderBody(JSON.parse(JSON.stringify(model))), renderBody(model), 'the model survives JSON');
      for (const standalone of [false, true]) {
        const html = ws.page(name, standalone);
        assert.match(html, /^<!DOCTYPE html>/);
        assert.match(html, /<\/main>/);
      }
    });
  }

  test('a YAML error says to fix the YAML, with the line', () => {
    const model = ws.model('syntax.role.yaml');
    assert.equal(model.kind, 'problem');
    if (model.kind !== 'problem') return;
    assert.match(model.message, /Fix the YAML errors to see the preview/);
    assert.match(model.details[0], /^Line \d+: /);
    assert.match(ws.page('syntax.role.yaml'), /role="status"/);
  });

  test("a YAML error is named in yaml-syntax's words, with its line, not in the parser's", () => {
    const text = 'kind: role\nid: pm\ntitle: "Product Manager\nlevel: pm\n';
    const result = service.preview(
      'file:///ws/pm.role.yaml',
      service.parse(TextDocument.create('file:///ws/pm.role.yaml', 'yaml', 1, text)),
      new MemoryIndex(),
      service.settings(),
    );
    assert.deepEqual(result.syntaxError, { line: 3, message: 'YAML syntax: this is opened but never closed: add the closing ".' });
    assert.match(result.body, /Line 3: YAML syntax: this is opened but never closed/);
    assert.doesNotMatch(result.body, /Missing closing|at line \d+, column/, 'no raw parser text');
  });

  test('an undefined alias is named as one in the preview too', () => {
    const text = 'kind: role\nid: pm\nreportsTo: *nope\n';
    const result = service.preview(
      'file:///ws/pm.role.yaml',
      service.parse(TextDocument.create('file:///ws/pm.role.yaml', 'yaml', 1, text)),
      new MemoryIndex(),
      service.settings(),
    );
    assert.equal(result.syntaxError?.line, 3);
    assert.match(result.syntaxError?.message ?? '', /the alias "\*nope" is not defined/);
    assert.doesNotMatch(result.body, /too often/);
  });

  test('while the YAML is broken the webview keeps its last good rendering under a banner naming the error and its line', () => {
    const uri = 'file:///ws/pm.role.yaml';
    const preview = (text: string) => service.preview(uri, service.parse(TextDocument.create(uri, 'yaml', 1, text)), new MemoryIndex(), service.settings());
    const good = preview('kind: role\nid: pm\ntitle: Product Manager\nlevel: pm\nsummary: Owns a team.\n');
    assert.equal(good.syntaxError, undefined);
    assert.deepEqual(withLastGood(good, undefined), good, 'a good rendering is shown as it is');
    const broken = preview(
      'kind: role\nid: pm\ntitle: Product Manager\nlevel: pm\nsummary: Owns a team.\n"<img/src=x/onerror=alert(1)>": 1\n"<img/src=x/onerror=alert(1)>": 2\n',
    );
    assert.ok(broken.syntaxError);
    const shown = withLastGood(broken, good);
    assert.equal(shown.title, 'Product Manager');
    assert.ok(shown.body.endsWith(good.body), 'the last good rendering, unchanged');
    assert.match(
      shown.body,
      /^<section class="stale" role="status"><p><strong>Line 7:<\/strong> YAML syntax: &quot;&lt;img\/src=x\/onerror=alert\(1\)&gt;&quot; appears twice in the same mapping: keep one\.<\/p>/,
    );
    assert.doesNotMatch(shown.body, /<img/, "the document's text stays escaped");
    assert.equal(withLastGood(broken, undefined), broken, 'no good rendering yet: the page that says what to fix');
    const page = (body: string) => renderPage(body, { nonce: NONCE, cspSource: 'vscode-resource:', standalone: false, title: shown.title });
    const csp = (html: string) => /<meta http-equiv="Content-Security-Policy" content="[^"]*">/.exec(html)?.[0];
    assert.ok(csp(page(shown.body)));
    assert.equal(csp(page(shown.body)), csp(page(good.body)), 'the CSP is the same strict one');
    assert.equal(page(shown.body).match(/<script/g)?.length, 1, "no script but the page's own");
  });

  test('a missing or unknown kind says what to write', () => {
    const unknown = ws.model('unknown-kind.role.yaml');
    assert.equal(unknown.kind, 'problem');
    assert.match(unknown.kind === 'problem' ? unknown.message : '', /"roel" is not a kind/);
    const empty = ws.model('comment.role.yaml');
    assert.equal(empty.kind, 'problem');
  });

  test('an alias bomb is refused, not expanded', () => {
    assert.equal(ws.model('alias-bomb.role.yaml').kind, 'problem');
  });

  test('renderBody survives a model that is not one', () => {
    for (const junk of [{}, { kind: 'ladder' }, { kind: 'role', card: null }, { kind: 'nope' }, { kind: 'charter', scope: 3 }]) {
      assert.equal(typeof renderBody(junk as unknown as PreviewModel), 'string');
    }
  });
});

describe('preview security', () => {
  const PAYLOADS = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    'javascript:alert(1)',
    '</style><script>alert(2)</script>',
    '" onmouseover="alert(3)" x="',
    "' onfocus='alert(4)' x='",
    '</textarea><svg onload=alert(5)>',
    '&lt;script&gt;alert(6)&lt;/script&gt;',
  ];
  const evil = PAYLOADS.join(' ');
  const q = (text: string) => JSON.stringify(text); // a YAML double-quoted scalar
  const ws = workspace({
    'evil.role.yaml': yaml(
      'kind: role',
      'id: evil',
      `title: ${q(evil)}`,
      `status: ${q(evil)}`,
      `level: ${q(evil)}`,
      `summary: ${q(evil)}`,
      `owner: ${q(evil)}`,
      `reportsTo: ${q('javascript:alert(1)')}`,
      `tags: [${q(evil)}]`,
      `aliases: [${q(evil)}]`,
      'responsibilities:',
      `  - ${q(evil)}`,
      `  - text: ${q(evil)}`,
      `    area: ${q(evil)}`,
      `skills: [${q(evil)}, {skill: ${q(evil)}, level: ${q(evil)}}]`,
      `authority: [${q(evil)}]`,
      `goals: [{goal: ${q(evil)}, measure: ${q(evil)}, target: ${q(evil)}, due: ${q(evil)}}]`,
      `next: [${q(evil)}]`,
    ),
    'evil.ladder.yaml': yaml(
      'kind: ladder',
      'id: evil-ladder',
      `title: ${q(evil)}`,
      'tracks:',
      `  - id: ${q(evil)}`,
      `    title: ${q(evil)}`,
      `    roles: [evil, ${q(evil)}, ${q('javascript:alert(1)')}]`,
    ),
    'evil.vision.yaml': yaml(
      'kind: vision',
      'id: evil-vision',
      `title: ${q(evil)}`,
      `statement: ${q(evil)}`,
      ...['targetGroup', 'needs', 'product', 'businessGoals', 'principles'].map((key) => `${key}: [${q(evil)}]`),
      `horizon: ${q(evil)}`,
    ),
    'evil.strategy.yaml': yaml(
      'kind: strategy',
      'id: evil-strategy',
      `title: ${q(evil)}`,
      `vision: ${q(evil)}`,
      `horizon: ${q(evil)}`,
      `market: [${q(evil)}, {segment: ${q(evil)}, need: ${q(evil)}}]`,
      `objectives: [{objective: ${q(evil)}, keyResults: [{metric: ${q(evil)}, baseline: ${q(evil)}, target: ${q(evil)}, due: ${q(evil)}, owner: ${q(evil)}}]}]`,
      `initiatives: [{title: ${q(evil)}, owner: evil, when: ${q(evil)}, objective: ${q(evil)}}]`,
      ...['differentiators', 'risks', 'assumptions'].map((key) => `${key}: [${q(evil)}]`),
    ),
    'evil.charter.yaml': yaml(
      'kind: charter',
      'id: evil-charter',
      `title: ${q(evil)}`,
      `mission: ${q(evil)}`,
      `strategy: ${q(evil)}`,
      `scope: {in: [${q(evil)}], out: [${q(evil)}]}`,
      `team: [{role: ${q(evil)}, name: ${q(evil)}, count: ${q(evil)}}, {role: evil}]`,
      `decisionRights: [{decision: ${q(evil)}, owner: ${q(evil)}, consulted: [${q(evil)}], informed: [evil]}]`,
      `successMetrics: [{metric: ${q(evil)}, baseline: ${q(evil)}, target: ${q(evil)}, due: ${q(evil)}}]`,
      `stakeholders: [${q(evil)}, {name: ${q(evil)}, interest: ${q(evil)}}]`,
      `workingAgreements: [${q(evil)}]`,
    ),
    [`${encodeURIComponent('<script>')}.role.yaml`]: 'kind: nope\n',
  });

  /** Every real tag: `<` never reaches the page unescaped from a document, so each `<` opens one of ours. */
  function assertNoLiveMarkup(html: string, standalone: boolean, holdsPayloads: boolean) {
    const tags = [...html.matchAll(/<[^>]*>/g)].map((match) => match[0]);
    for (const tag of tags) {
      if (tag === '<!DOCTYPE html>') continue;
      assert.match(tag, /^<\/?[a-z][a-z0-9]*(\s+[a-z][a-z-]*(="[^"<>]*")?)*>$/, `a well-formed tag: ${tag}`);
      for (const [, name, value = ''] of tag.matchAll(/\s([a-z][a-z-]*)(?:="([^"]*)")?/g)) {
        assert.doesNotMatch(name, /^on/, `no event handler attribute: ${tag}`);
        assert.ok(!['href', 'src', 'srcdoc', 'action', 'formaction', 'style'].includes(name), `no ${name} attribute: ${tag}`);
        if (name === 'data-uri') assert.match(value, /^file:\/\/\/ws\/[\w.%-]+$/, `data-uri holds a workspace file: ${tag}`);
        if (/uri|url|href|src/.test(name)) assert.doesNotMatch(value, /javascript:/i, `no javascript: URL: ${tag}`);
      }
    }
    const scripts = tags.filter((tag) => /^<script/i.test(tag));
    assert.deepEqual(scripts, standalone ? [] : [`<script nonce="${NONCE}">`]);
    assert.deepEqual(
      tags.filter((tag) => /^<\/?style/i.test(tag)),
      [`<style nonce="${NONCE}">`, '</style>'],
    );
    assert.equal(html.split(/<\/script/i).length - 1, standalone ? 0 : 1);
    for (const tagName of ['img', 'svg', 'iframe', 'textarea', 'object', 'embed', 'a']) {
      assert.ok(!tags.some((tag) => new RegExp(`^</?${tagName}[\\s>]`, 'i').test(tag)), `no <${tagName}>`);
    }
    for (const payload of PAYLOADS.filter((item) => item.includes('<'))) assert.ok(!html.includes(payload), `raw payload ${payload}`);
    if (!holdsPayloads) return;
    // the text is there, escaped: the reader sees what was written
    assert.ok(html.includes(escapeHtml('<script>alert(1)</script>')));
    assert.ok(html.includes('&amp;lt;script&amp;gt;alert(6)'), 'already-escaped text is escaped again, not decoded');
  }

  function csp(html: string): string {
    const match = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
    assert.ok(match, 'a CSP meta tag');
    return match[1].replace(/&#39;/g, "'");
  }

  for (const name of [
    'evil.role.yaml',
    'evil.ladder.yaml',
    'evil.vision.yaml',
    'evil.strategy.yaml',
    'evil.charter.yaml',
    `${encodeURIComponent('<script>')}.role.yaml`,
  ]) {
    test(`${name}: nothing from the document is live (webview and standalone)`, () => {
      assertNoLiveMarkup(ws.page(name, false), false, name.startsWith('evil'));
      assertNoLiveMarkup(ws.page(name, true), true, name.startsWith('evil'));
    });
  }

  test('the CSP is strict and carries the nonce', () => {
    assert.equal(
      csp(ws.page('evil.ladder.yaml')),
      `default-src 'none'; style-src vscode-resource: 'nonce-${NONCE}'; script-src 'nonce-${NONCE}'; img-src vscode-resource: data:;`,
    );
    const standalone = csp(ws.page('evil.ladder.yaml', true));
    assert.equal(standalone, `default-src 'none'; style-src 'nonce-${NONCE}'; img-src data:;`);
    assert.doesNotMatch(standalone, /script-src/);
  });

  test('the page loads nothing remote', () => {
    const html = ws.page('evil.charter.yaml', true);
    assert.doesNotMatch(html, /https?:\/\//);
    assert.doesNotMatch(html, /@import|url\(/);
  });

  test('escapeHtml escapes the five characters that matter', () => {
    assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    assert.equal(escapeHtml(undefined), '');
    assert.equal(escapeHtml(3), '3');
  });
});

describe('charters render', () => {
  const BIN = path.join(REPO_ROOT, 'bin', 'charters.js');
  const charters = (args: string[], cwd: string) => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'charters-render-'));
  for (const [name, text] of Object.entries(LADDER_WORKSPACE)) fs.writeFileSync(path.join(dir, name), text);

  test('writes a standalone HTML page with -o', () => {
    const run = charters(['render', 'careers.ladder.yaml', '-o', 'out.html'], dir);
    assert.equal(run.status, 0, run.stderr);
    const html = fs.readFileSync(path.join(dir, 'out.html'), 'utf8');
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<h1>Careers<\/h1>/);
    assert.match(html, /Senior PM/);
    assert.match(html, /Content-Security-Policy/);
    assert.doesNotMatch(html, /<script/);
    assert.deepEqual(
      fs.readdirSync(dir).filter((file) => file.endsWith('.tmp')),
      [],
      'no temporary file left',
    );
  });

  test('-o links to the exports beside it and names no path of the machine', () => {
    const site = fs.mkdtempSync(path.join(dir, 'site-'));
    assert.equal(charters(['render', 'pm.role.yaml', '-o', path.join(site, 'pm.role.html')], dir).status, 0);
    const run = charters(['render', 'careers.ladder.yaml', '-o', path.join(site, 'careers.ladder.html')], dir);
    assert.equal(run.status, 0, run.stderr);
    const html = fs.readFileSync(path.join(site, 'careers.ladder.html'), 'utf8');
    assert.match(html, /<a class="open" href="pm\.role\.html">Product Manager<\/a>/);
    assert.match(html, /<h3 class="card-title">Senior PM<\/h3>/, 'no export of the senior role yet: text');
    for (const machinePath of [dir, fs.realpathSync(dir), os.tmpdir(), 'file:']) assert.ok(!html.includes(machinePath), `the page contains ${machinePath}`);
    const pm = fs.readFileSync(path.join(site, 'pm.role.html'), 'utf8');
    assert.ok(!pm.includes(dir) && !pm.includes('file:'), 'the first export names no path either');
  });

  test('prints to stdout without -o', () => {
    const run = charters(['render', 'senior.role.yaml'], dir);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /<h1>Senior PM<\/h1>/);
  });

  test('exit 2 and a clear message for a missing file', () => {
    const run = charters(['render', 'nope.role.yaml'], dir);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /No such file: nope\.role\.yaml/);
  });
});

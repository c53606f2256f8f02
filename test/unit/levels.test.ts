// Levels of the organisation's own, external roles, and the checks that read levels and tracks:
// the ladder the articles describe lints clean, and the mistakes they warn about are found.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lintSettings, type LintSettings } from '../../server/src/service/config';
import { Taxonomy, type TaxonomyData } from '../../server/src/service/taxonomy';
import { effectiveResponsibilities, MemoryIndex } from '../../server/src/service/workspace';
import { REPO_ROOT, lintFile, loadWorkspace, service } from './harness';

/** A workspace in memory: documents by file name, and the config's text. */
function memoryWorkspace(files: Record<string, string>, configText = '', settingsOverride?: (settings: LintSettings) => LintSettings) {
  const { config, problems } = service.parseConfig(configText);
  assert.ok(config, problems.map((problem) => problem.message).join('; '));
  const settings = settingsOverride ? settingsOverride(service.settings(config)) : service.settings(config);
  const index = new MemoryIndex();
  const parsed = new Map(Object.entries(files).map(([name, text]) => [name, service.parse(TextDocument.create(`file:///ws/${name}`, 'yaml', 1, text))]));
  for (const [name, doc] of parsed) {
    const summary = service.summarize(`file:///ws/${name}`, doc);
    if (summary) index.set(summary);
  }
  return {
    index,
    settings,
    findings: (name: string) =>
      service
        .validate(`file:///ws/${name}`, parsed.get(name)!, index, settings)
        .map((d) => ({ line: d.range.start.line + 1, code: d.code, message: d.message })),
  };
}

const yaml = (...lines: string[]) => `${lines.join('\n')}\n`;

const LEVELS_CONFIG = yaml(
  'taxonomy:',
  '  levels:',
  '    - {id: staff-pm, title: Staff Product Manager, rank: 4, track: ic, like: senior-pm}',
  '    - {id: principal-pm, title: Principal Product Manager, rank: 5, track: ic, like: senior-pm}',
);

describe('a ladder written the way the articles describe (examples/)', () => {
  const dir = path.join(REPO_ROOT, 'examples');
  const workspace = loadWorkspace(dir);

  test('gets no ladder-gap or area-coverage finding', () => {
    const findings = workspace.files.flatMap((file) => lintFile(workspace, file).filter((d) => d.code === 'ladder-gap' || d.code === 'area-coverage'));
    assert.deepEqual(
      findings.map((d) => d.message),
      [],
    );
  });

  test('has an individual-contributor track above senior PM, beside a management track', () => {
    const ladder = [...workspace.index.documents('ladder')][0];
    const ranked = (roleId: string) => {
      const level = workspace.index.find('role', roleId)[0]?.level;
      return `${roleId}:${workspace.settings.taxonomy.rank(level)}:${workspace.settings.taxonomy.track(level)}`;
    };
    const tracks = Object.fromEntries(ladder.tracks.map((track) => [track.id, track.roles.map(ranked)]));
    assert.deepEqual(tracks.ic, ['associate-pm:1:ic', 'product-manager:2:ic', 'senior-pm:3:ic', 'staff-pm:4:ic', 'principal-pm:5:ic']);
    assert.deepEqual(tracks.management, ['group-pm:4:management', 'director-of-product:5:management', 'cpo:6:management']);
  });

  test('duties drop off on the way up: the CPO holds no backlog work, the group PM does not inherit it', () => {
    const cpo = effectiveResponsibilities(workspace.index, 'cpo');
    for (const id of ['prioritize-backlog', 'own-product-area', 'maintain-product-roadmap']) assert.ok(!cpo.has(id), `the CPO holds ${id}`);
    assert.ok(!effectiveResponsibilities(workspace.index, 'group-pm').has('prioritize-backlog'));
  });
});

describe("an associate PM doing a CPO's work and reporting to another associate PM", () => {
  const role = (id: string, reportsTo: string | undefined, ...responsibilities: string[]) =>
    yaml(
      'kind: role',
      `id: ${id}`,
      'title: Associate Product Manager',
      'level: associate-pm',
      'summary: Looks after the sign-up flow.',
      ...(reportsTo ? [`reportsTo: ${reportsTo}`] : []),
      'responsibilities:',
      ...responsibilities.map((item) => `  - ${item}`),
    );
  const ws = memoryWorkspace({
    'lead.role.yaml': role('apm-lead', undefined, 'learn-from-customers'),
    'growth.role.yaml': role('apm-growth', 'apm-lead', 'learn-from-customers', 'partner-with-c-suite', 'manage-product-budget', 'design-team-topology'),
  });
  const findings = ws.findings('growth.role.yaml');

  test('gets level-mismatch on each responsibility of a level two or more ranks up', () => {
    assert.deepEqual(
      findings.filter((f) => f.code === 'level-mismatch').map((f) => f.line),
      [9, 10, 11],
    );
    const first = findings.find((f) => f.code === 'level-mismatch')!;
    // titles are the taxonomy's: read, not copied
    assert.match(
      first.message,
      /^"partner-with-c-suite" \(.+\) is work for .*Chief Product Officer \(rank 6\), and this role is Associate Product Manager \(rank 1\)\. Give it to a more senior role, or raise this role's level if it really does this work\.$/,
    );
  });

  test('gets reports-to-rank on reportsTo, saying why and what to change', () => {
    const found = findings.filter((f) => f.code === 'reports-to-rank');
    assert.deepEqual(
      found.map((f) => f.line),
      [6],
    );
    assert.match(found[0].message, /"apm-lead" is Associate Product Manager \(rank 1\), the same rank as this role, on the individual-contributor track/);
    assert.match(found[0].message, /Point "reportsTo" at the role that manages this one/);
  });

  test('its work of its own level, and the level above, is not reported', () => {
    assert.deepEqual(
      ws.findings('lead.role.yaml').filter((f) => f.code === 'level-mismatch'),
      [],
    );
  });
});

describe('an IC principal PM holding manage-product-managers', () => {
  const principal = yaml(
    'kind: role',
    'id: principal-payments',
    'title: Principal Product Manager, Payments',
    'level: principal-pm',
    'summary: Shapes the payments bets across groups.',
    'responsibilities:',
    '  - define-product-strategy',
    '  - manage-product-managers',
    'authority:',
    '  - Sets the direction of payments',
  );
  // the shipped taxonomy carries the lineManagement flags; until it flags this entry, the test
  // gives the flag the document model says it has, so the rule is checked either way
  const shipped = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schemas', 'taxonomy.json'), 'utf8')) as TaxonomyData;
  const flagged: TaxonomyData = {
    ...shipped,
    responsibilities: shipped.responsibilities.map((item) => (item.id === 'manage-product-managers' ? { ...item, lineManagement: true } : item)),
  };

  test('gets track-mismatch on that responsibility', () => {
    const ws = memoryWorkspace({ 'principal.role.yaml': principal }, LEVELS_CONFIG, (settings) => ({
      ...settings,
      taxonomy: new Taxonomy(flagged, service.parseConfig(LEVELS_CONFIG).config!.taxonomy),
    }));
    const found = ws.findings('principal.role.yaml').filter((f) => f.code === 'track-mismatch');
    assert.deepEqual(
      found.map((f) => f.line),
      [8],
    );
    assert.match(found[0].message, /needs people reporting to this role, but the role is on the individual-contributor track/);
  });

  test('the shipped taxonomy decides whether it is line management', () => {
    const ws = memoryWorkspace({ 'principal.role.yaml': principal }, LEVELS_CONFIG);
    const expected = shipped.responsibilities.find((item) => item.id === 'manage-product-managers')?.lineManagement ? [8] : [];
    assert.deepEqual(
      ws
        .findings('principal.role.yaml')
        .filter((f) => f.code === 'track-mismatch')
        .map((f) => f.line),
      expected,
    );
  });

  test('is not asked to lead people by area-coverage', () => {
    const ws = memoryWorkspace({ 'principal.role.yaml': principal.replace('  - manage-product-managers\n', '') }, LEVELS_CONFIG);
    assert.deepEqual(
      ws.findings('principal.role.yaml').map((f) => f.code),
      [],
    );
  });
});

describe("levels of the organisation's own", () => {
  const taxonomy = lintSettings(service.parseConfig(LEVELS_CONFIG).config!).taxonomy;

  test('an added level takes the typical responsibilities of the level it is like', () => {
    assert.deepEqual(
      taxonomy.responsibilitiesOf('staff-pm').map((item) => item.id),
      taxonomy.responsibilitiesOf('senior-pm').map((item) => item.id),
    );
    assert.equal(taxonomy.rank('principal-pm'), 5);
    assert.equal(taxonomy.track('principal-pm'), 'ic');
    assert.equal(taxonomy.track('group-pm'), 'management');
  });

  test('a role may take an added level; a typo of one suggests it', () => {
    const role = (level: string) =>
      yaml(
        'kind: role',
        `id: staff-${level}`,
        'title: Staff PM',
        `level: ${level}`,
        'summary: Leads checkout bets.',
        'responsibilities:',
        '  - define-product-strategy',
        'authority:',
        '  - Sets the direction',
      );
    const ws = memoryWorkspace({ 'ok.role.yaml': role('staff-pm'), 'typo.role.yaml': role('staf-pm') }, LEVELS_CONFIG);
    assert.deepEqual(ws.findings('ok.role.yaml'), []);
    assert.deepEqual(
      ws.findings('typo.role.yaml').map((f) => f.message),
      ['"staf-pm" is not a valid level. Did you mean "staff-pm"?'],
    );
    // without the config, the level is not known
    const bare = memoryWorkspace({ 'ok.role.yaml': role('staff-pm') });
    assert.deepEqual(
      bare.findings('ok.role.yaml').map((f) => f.code),
      ['invalid-value'],
    );
  });

  test('a responsibility of the config may name an added level; an unknown level is a config problem', () => {
    const ok = service.parseConfig(
      LEVELS_CONFIG +
        yaml('  responsibilities:', '    - {id: run-platform-review, title: Run the platform review, area: delivery, levels: [staff-pm, product-designer]}'),
    );
    assert.deepEqual(ok.problems, []);
    const bad = service.parseConfig(
      LEVELS_CONFIG + yaml('  responsibilities:', '    - {id: run-platform-review, title: Run the platform review, area: delivery, levels: [staf-pm]}'),
    );
    assert.deepEqual(
      bad.problems.map((problem) => [problem.range.start.line, problem.message]),
      [[5, '"staf-pm" is not a level: did you mean "staff-pm"? use a built-in level, a cross-functional role or a level added under taxonomy.levels.']],
    );
  });

  test('an added level cannot take a built-in id, nor a rank off the scale', () => {
    const clash = service.parseConfig(yaml('taxonomy:', '  levels:', '    - {id: group-pm, title: Lead PM, rank: 4, track: ic}'));
    assert.deepEqual(
      clash.problems.map((problem) => problem.message),
      ['"group-pm" is already the built-in Group Product Manager: give the added level an id of its own.'],
    );
    const offScale = service.parseConfig(yaml('taxonomy:', '  levels:', '    - {id: fellow-pm, title: Fellow PM, rank: 7, track: ic}'));
    assert.equal(offScale.config, undefined);
  });

  test('hover and completion know added levels', () => {
    const text = yaml('kind: role', 'level: staff-pm');
    const parsed = service.parse(TextDocument.create('file:///ws/x.role.yaml', 'yaml', 1, text));
    const settings = lintSettings(service.parseConfig(LEVELS_CONFIG).config!);
    const hover = service.hover(parsed, { line: 1, character: 9 }, new MemoryIndex(), settings);
    const value = (hover!.contents as { value: string }).value;
    for (const part of [
      '**Staff Product Manager**',
      'Rung 4 of 6, ic track.',
      'holds the typical responsibilities of Senior Product Manager',
      'Below: Senior Product Manager',
      'Above: Principal Product Manager',
    ]) {
      assert.ok(value.includes(part), `${part}\n${value}`);
    }
    const empty = service.parse(TextDocument.create('file:///ws/y.role.yaml', 'yaml', 1, 'kind: role\nlevel: \n'));
    const labels = service.complete(empty, { line: 1, character: 7 }, new MemoryIndex(), settings).items.map((item) => item.label);
    assert.deepEqual(labels, ['associate-pm', 'pm', 'senior-pm', 'group-pm', 'staff-pm', 'head-of-product', 'principal-pm', 'cpo']);
  });
});

describe('external roles', () => {
  const config = yaml('externalRoles:', '  - {id: engineering-manager, title: Engineering Manager}', '  - {id: data-scientist, title: Data Scientist}');
  const files = {
    'pm.role.yaml': yaml(
      'kind: role',
      'id: pm',
      'title: PM',
      'level: pm',
      'summary: Owns checkout.',
      'reportsTo: engineering-manager',
      'responsibilities: [define-product-strategy]',
      'authority: [Orders the backlog]',
    ),
    'team.charter.yaml': yaml(
      'kind: charter',
      'id: team',
      'title: Platform team',
      'owner: engineering-manager',
      'mission: Keep payments fast.',
      'scope: {in: [Payment API], out: [Payouts]}',
      'team:',
      '  - role: pm',
      '  - role: engineering-manager',
      '  - role: data-scientist',
      '  - role: data-scientst',
      'decisionRights:',
      '  - {decision: What to build next, owner: pm, consulted: [engineering-manager, data-scientist]}',
      'successMetrics:',
      '  - {metric: API latency p95, target: 200 ms}',
    ),
    'ladder.ladder.yaml': yaml(
      'kind: ladder',
      'id: ladder',
      'title: Ladder',
      'tracks:',
      '  - id: eng',
      '    title: Engineering',
      '    roles: [pm, engineering-manager]',
    ),
  };
  const ws = memoryWorkspace(files, config);

  test('resolve in charters (team, owner, decisionRights); a misspelt one is suggested', () => {
    assert.deepEqual(
      ws.findings('team.charter.yaml').map((f) => [f.line, f.code, f.message]),
      [[11, 'unresolved-reference', 'No role in the workspace has id "data-scientst". Did you mean "data-scientist"?']],
    );
  });

  test('are not a ladder rung nor a manager of a role document', () => {
    assert.deepEqual(
      ws.findings('ladder.ladder.yaml').map((f) => f.code),
      ['unresolved-reference'],
    );
    assert.deepEqual(
      ws.findings('pm.role.yaml').map((f) => f.code),
      ['unresolved-reference'],
    );
  });

  test('hover names them by title', () => {
    const text = files['team.charter.yaml'];
    const parsed = service.parse(TextDocument.create('file:///ws/team.charter.yaml', 'yaml', 1, text));
    const line = text.split('\n').indexOf('  - role: data-scientist');
    const hover = service.hover(parsed, { line, character: 14 }, ws.index, ws.settings);
    assert.match((hover!.contents as { value: string }).value, /^\*\*Data Scientist\*\* \(external role `data-scientist`\)/);
  });

  test('the preview shows them by title, not as missing', () => {
    const parsed = service.parse(TextDocument.create('file:///ws/team.charter.yaml', 'yaml', 1, files['team.charter.yaml']));
    const { body } = service.preview('file:///ws/team.charter.yaml', parsed, ws.index, ws.settings);
    assert.match(body, /<span class="ref external"[^>]*>Engineering Manager<\/span>/);
    assert.ok(!body.includes('>engineering-manager <span class="note">(missing)'), body);
  });
});

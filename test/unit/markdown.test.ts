// Markdown documents (`*.KIND.md`): the same document as its YAML twin, wherever its fields are written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MemoryIndex } from '../../server/src/service/workspace';
import { applyEdits } from '../../server/src/service/edits';
import { KINDS, newDocumentFileName, starterDocument, starterMarkdownDocument } from '../../server/src/service/kinds';
import type { DiagnosticData } from '../../server/src/service/types';
import { REPO_ROOT, TODAY, loadWorkspace, service } from './harness';
import { charters, workspace as cliWorkspace } from './cliHarness';

const settings = service.settings(undefined, TODAY);

function lint(name: string, text: string) {
  const uri = `file:///markdown/${name}`;
  return service.validate(uri, service.parse(TextDocument.create(uri, 'markdown', 1, text)), new MemoryIndex(), settings);
}

/** `line:character code` of each finding, the line shifted by `lines`. */
function places(diagnostics: ReturnType<typeof lint>, lines = 0): string[] {
  return diagnostics.map(
    (d) => `${d.range.start.line + lines}:${d.range.start.character}-${d.range.end.line + lines}:${d.range.end.character} ${d.code} ${d.message}`,
  );
}

const ROLE_YAML = [
  'kind: role',
  'id: senior-pm',
  'title: Senior PM',
  'level: senior-pm',
  'reportsTo: group-pm',
  'responsibilities:',
  '  - prioritize-backlog',
  '  - prioritize-backlog',
  '  - not-a-duty',
  'skills:',
  '  - skill: stakeholder-management',
  '    level: 9',
  'authority: []',
  '',
].join('\n');

test('a role in the front matter of senior-pm.role.md has the findings of senior-pm.role.yaml, one line lower', () => {
  const yaml = lint('senior-pm.role.yaml', ROLE_YAML);
  const markdown = lint('senior-pm.role.md', `---\n${ROLE_YAML}---\n\n# Senior PM\n\nFree prose.\n`);
  assert.ok(yaml.length >= 5, places(yaml).join('\n'));
  assert.deepEqual(
    places(markdown),
    places(yaml, 1).map((place) => place.replace('(line 7)', '(line 8)')),
  );
});

test('prose sections fill their fields: a role whose summary and authority are sections lints like its YAML twin', () => {
  const clean = lint(
    'pm.role.md',
    [
      '---',
      'kind: role',
      'id: pm',
      'title: Product Manager',
      'level: pm',
      'responsibilities:',
      '  - prioritize-backlog',
      '---',
      '',
      '## Summary',
      '',
      'Owns the checkout experience end to end.',
      '',
      '## Decisions',
      '',
      '- Decide the order of the backlog',
      '',
    ].join('\n'),
  );
  assert.deepEqual(places(clean), []);
  const parsed = service.parse(
    TextDocument.create('file:///markdown/pm.role.md', 'markdown', 1, '---\nkind: role\n---\n## Authority\n\n- One\n- Two\n  continued\n'),
  );
  assert.deepEqual((parsed.value as Record<string, unknown>).authority, ['One', 'Two\ncontinued']);
});

test('a Markdown charter missing "Out of scope": the fix adds the section under the right heading, and the finding is gone', () => {
  const text = [
    '---',
    'kind: charter',
    'id: checkout',
    'title: Checkout',
    'team:',
    '  - role: pm',
    'decisionRights:',
    '  - decision: What to build next',
    '    owner: pm',
    'successMetrics:',
    '  - metric: Conversion',
    '    target: "65%"',
    '---',
    '',
    '## Working agreements',
    '',
    '- We demo every Friday',
    '',
    '## In scope',
    '',
    '- The payment page',
    '',
    '## Mission',
    '',
    'Paying is quick.',
  ].join('\r\n');
  const uri = 'file:///markdown/checkout.charter.md';
  const missing = lint('checkout.charter.md', text).find((d) => d.code === 'missing-section');
  assert.ok(missing, 'missing-section is reported');
  assert.equal(missing.range.start.line, 1, 'on the kind: line');
  const fix = (missing.data as DiagnosticData).fixes[0];
  assert.equal(fix.safety, 'safe');
  const fixed = applyEdits(TextDocument.create(uri, 'markdown', 1, text), fix.edits);
  // the kind's order is mission, in scope, out of scope, working agreements: the section goes before
  // the first present one that comes after it, with the document's own line ends
  assert.ok(fixed.includes('- We demo every Friday'));
  assert.ok(fixed.includes('---\r\n\r\n## Out of scope\r\n\r\n- TODO: what the team does not own\r\n\r\n## Working agreements\r\n'), JSON.stringify(fixed));
  assert.equal(lint('checkout.charter.md', fixed).filter((d) => d.code === 'missing-section').length, 0, places(lint('checkout.charter.md', fixed)).join('\n'));
});

test('a structured field missing from a Markdown document goes into its front matter', () => {
  const text = '---\nkind: role\nid: pm\ntitle: Product Manager\nlevel: pm\n---\n\n## Summary\n\nOwns checkout.\n';
  const uri = 'file:///markdown/pm.role.md';
  const fixed = service.fixAll(uri, text, new MemoryIndex(), settings).text;
  const closing = fixed.indexOf('\n---\n', 4);
  assert.ok(fixed.indexOf('responsibilities:') > 0 && fixed.indexOf('responsibilities:') < closing, fixed);
  // authority, a prose field the role is asked for, comes as a section after the summary
  assert.ok(fixed.endsWith('## Summary\n\nOwns checkout.\n\n## Authority\n\n- TODO: a decision this role makes\n'), fixed);
});

test('the Markdown examples lint clean and the broken ones fire the section rules', () => {
  const examples = loadWorkspace(path.join(REPO_ROOT, 'examples'));
  const markdown = examples.files.filter((file) => file.endsWith('.md'));
  assert.deepEqual(markdown.map((file) => path.basename(file)).sort(), ['payouts-team.charter.md', 'ux-researcher.role.md', 'vision-marketplaces.vision.md']);
  const summary = service.summarize(
    `file://${markdown[0]}`,
    service.parse(TextDocument.create(`file://${markdown[0]}`, 'markdown', 1, fs.readFileSync(markdown[0], 'utf8'))),
  );
  assert.equal(summary?.id, 'payouts-team');
});

test('charters lint finds Markdown documents by default, and renders one', () => {
  const dir = cliWorkspace({
    'roles/pm.role.md': '---\nkind: role\nid: pm\ntitle: Product Manager\nlevel: pm\nresponsibilities:\n  - prioritize-backlog\n---\n\n## Summary\n\n',
    'README.md': '# Not a document\n',
  });
  const run = charters(['lint', '.', '--format', 'json', '--today', TODAY], dir);
  const json = JSON.parse(run.stdout);
  assert.deepEqual(
    json.files.map((file: { path: string }) => file.path),
    [path.join('roles', 'pm.role.md')],
  );
  const codes = json.files[0].diagnostics.map((d: { code: string; range: { start: { line: number } } }) => `${d.range.start.line + 1} ${d.code}`);
  assert.ok(codes.includes('10 empty-section'), codes.join('\n'));
  const rendered = charters(['render', 'roles/pm.role.md'], dir);
  assert.equal(rendered.code, 0, rendered.stderr);
  assert.match(rendered.stdout, /Product Manager/);
});

test('hostile Markdown: no front matter, an unclosed one, huge or odd bodies never crash and say what to add', () => {
  assert.deepEqual(
    places(lint('x.role.md', '')).map((place) => place.split(' ')[1]),
    ['unknown-kind'],
  );
  assert.match(lint('x.role.md', '# Title\n')[0].message, /no front matter: add at its top a line "---", then "kind: role"/);
  const unclosed = lint('x.charter.md', '---\nkind: charter\nid: x\n\n## Mission\n\nText.\n');
  assert.deepEqual(
    unclosed.map((d) => `${d.range.start.line}:${d.code}`),
    ['0:yaml-syntax'],
  );
  for (const body of [
    '<script>alert(1)</script>',
    '## Summary\n'.repeat(500),
    `- ${'['.repeat(5000)}`,
    '\u0000\uFEFF## Summary',
    '> ## Summary\n> text',
    '```\n## Summary\n```',
  ]) {
    const diagnostics = lint('x.role.md', `---\nkind: role\nid: x\ntitle: X\nlevel: pm\nresponsibilities: [prioritize-backlog]\n---\n${body}\n`);
    assert.ok(Array.isArray(diagnostics));
  }
});

test('preview and export: sections fill the structured parts; free prose is drawn with raw HTML as text, no image loaded, no script link', () => {
  const text = [
    '---',
    'kind: charter',
    'id: hostile',
    'title: Hostile <b>Team</b>',
    '---',
    '',
    '## Mission',
    '',
    'Pay in one tap.',
    '',
    '## Notes',
    '',
    '<script>alert(1)</script>',
    '',
    '<img src=x onerror=alert(2)>',
    '',
    '![logo](https://evil.example/x.png) and [click](javascript:alert(3)) and [docs](https://example.com/a?b=1&c="2")',
    '',
    '- a **bold** bullet with `<code>`',
  ].join('\n');
  const uri = 'file:///markdown/hostile.charter.md';
  const parsed = service.parse(TextDocument.create(uri, 'markdown', 1, text));
  const { html } = service.previewPage(uri, parsed, new MemoryIndex(), settings, 'bm9uY2U=');
  const main = html.slice(html.indexOf('<body'));
  assert.ok(!/<script|<img|href="javascript:|src="https?:/i.test(main), main);
  assert.ok(main.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'raw HTML shows as text');
  assert.ok(main.includes('[image: logo]'), 'an image shows its description');
  assert.ok(main.includes('href="https://example.com/a?b=1&amp;c=%222%22"'), main);
  assert.ok(main.includes('<strong>bold</strong>') && main.includes('<code>&lt;code&gt;</code>'));
  assert.equal(main.split('Pay in one tap.').length - 1, 1, 'the mission shows once, in the structured part');
  assert.ok(main.includes('Hostile &lt;b&gt;Team&lt;/b&gt;'));
});

test('completion and hover: the front matter completes and hovers as YAML; after "## " the sections not yet given', () => {
  const uri = 'file:///markdown/pm.role.md';
  const text = '---\nkind: role\nid: pm\ntitle: PM\nlevel: \nresponsibilities:\n  - prioritize-backlog\n---\n\n## Summary\n\nText.\n\n## \n\nProse.\n';
  const parsed = service.parse(TextDocument.create(uri, 'markdown', 1, text));
  const index = new MemoryIndex();
  const labels = (line: number, character: number) => service.complete(parsed, { line, character }, index, settings).items.map((item) => item.label);
  assert.deepEqual(labels(4, 7).slice(0, 3), ['associate-pm', 'pm', 'senior-pm'], 'level values, as in YAML');
  assert.ok(labels(6, 4).includes('prioritize-backlog'), 'responsibility ids');
  assert.deepEqual(labels(13, 3), ['Authority'], 'the role gives its summary already: only Authority is left');
  assert.deepEqual(labels(15, 3), [], 'nothing in free prose');
  const hover = service.hover(parsed, { line: 6, character: 8 }, index, settings);
  assert.match(JSON.stringify(hover?.contents), /Prioritise the backlog/);
  assert.equal(hover && 'range' in hover ? hover.range?.start.line : 6, 6);
});

test('the Markdown form of each new document: named <id>.<kind>.md, and reported like the YAML starter, one line lower', () => {
  for (const kind of KINDS) {
    assert.equal(newDocumentFileName(kind, 'team-x', 'markdown'), `team-x.${kind}.md`);
    const yaml = lint(`team-x.${kind}.yaml`, starterDocument(kind, 'team-x', TODAY));
    const markdown = lint(`team-x.${kind}.md`, starterMarkdownDocument(kind, 'team-x', TODAY));
    assert.deepEqual(places(markdown), places(yaml, 1), kind);
  }
});

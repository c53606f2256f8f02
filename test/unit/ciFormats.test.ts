// The CI formats of `charters lint` (github, junit, markdown) and --max-warnings, run as a user
// runs them: the bundled bin in a child process.
//
// The broken examples' output is compared with files committed under test/fixtures/cli/. After a
// change that is meant to alter that output, regenerate them and review the diff before committing:
//   UPDATE_EXPECTED=1 npm test
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLEAN_ROLE, charters, workspace as cliWorkspace } from './cliHarness';
import { REPO_ROOT, TODAY, listDocuments } from './harness';
import { escapeMarkdownCell, escapeWorkflowData, escapeWorkflowProperty, escapeXml } from '../../server/src/cli/ciFormatters';

const EXPECTED = path.join(REPO_ROOT, 'test', 'fixtures', 'cli');

function assertExpected(actual: string, file: string) {
  const expected = path.join(EXPECTED, file);
  if (process.env.UPDATE_EXPECTED === '1') {
    fs.mkdirSync(EXPECTED, { recursive: true });
    fs.writeFileSync(expected, actual);
  }
  assert.equal(actual, fs.readFileSync(expected, 'utf8'), `differs from test/fixtures/cli/${file} (UPDATE_EXPECTED=1 regenerates it)`);
}

/** A workspace of `files` in a temporary folder. */
const workspace = (files: Record<string, string>) => cliWorkspace(files, 'charters-ci-');

const ROLE = (fields: string) => `${CLEAN_ROLE}${fields}`;

describe('charters lint: the CI formats on the broken examples', () => {
  for (const [format, file] of [
    ['github', 'broken.github.txt'],
    ['junit', 'broken.junit.xml'],
    ['markdown', 'broken.md'],
  ]) {
    test(`--format ${format} gives test/fixtures/cli/${file}, exit 1`, () => {
      const run = charters(['lint', 'examples/broken', '--today', TODAY, '--format', format]);
      assert.equal(run.code, 1, run.stderr);
      assert.equal(run.stderr, '');
      assertExpected(run.stdout, file);
    });
  }

  test('github annotations: one per finding, 1-based, relative forward-slash paths, notices for info', () => {
    const lines = charters(['lint', 'examples/broken', '--today', TODAY, '--format', 'github']).stdout.trim().split('\n');
    const json = JSON.parse(charters(['lint', 'examples/broken', '--today', TODAY, '--format', 'json']).stdout);
    const findings = json.files.flatMap((file: { diagnostics: unknown[] }) => file.diagnostics);
    assert.equal(lines.length, findings.length + 1, 'an annotation per finding, then the totals');
    const documents = listDocuments(path.join(REPO_ROOT, 'examples', 'broken')).length;
    assert.match(lines.at(-1) ?? '', new RegExp(`^\\d+ errors, \\d+ warnings, \\d+ info in ${documents} files\\.$`));
    for (const line of lines.slice(0, -1)) {
      assert.match(line, /^::(error|warning|notice) file=examples\/broken\/[^,\\]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z-]+::/);
    }
    const first = findings[0];
    assert.ok(
      lines[0].includes(
        `line=${first.range.start.line + 1},col=${first.range.start.character + 1},endLine=${first.range.end.line + 1},endColumn=${first.range.end.character + 1}`,
      ),
    );
    assert.equal(
      lines.filter((line) => line.startsWith('::notice ')).length,
      findings.filter((f: { severity: string }) => f.severity === 'info' || f.severity === 'hint').length,
    );
  });

  test('junit: a test case per file, a failure per error, warnings in system-out', () => {
    const xml = charters(['lint', 'examples/broken', '--today', TODAY, '--format', 'junit']).stdout;
    const json = JSON.parse(charters(['lint', 'examples/broken', '--today', TODAY, '--format', 'json']).stdout);
    assert.equal((xml.match(/<testsuite /g) ?? []).length, 1);
    assert.equal((xml.match(/<testcase /g) ?? []).length, json.files.length);
    assert.equal((xml.match(/<failure /g) ?? []).length, json.summary.errors);
    const failedFiles = json.files.filter((file: { diagnostics: { severity: string }[] }) => file.diagnostics.some((d) => d.severity === 'error')).length;
    assert.match(xml, new RegExp(`<testsuite name="charters lint" tests="${json.files.length}" failures="${failedFiles}"`));
    assert.match(xml, /<system-out>[^<]*warning unknown-skill/);
  });
});

describe('charters lint: the CI formats on a clean workspace', () => {
  test('the clean examples: github prints only "No problems"; junit fails no case; markdown says "No problems"', () => {
    const clean = (format: string) => charters(['lint', 'examples', '--today', TODAY, '--format', format, '--max-warnings', '0']);
    // the examples' documents, YAML and Markdown, without examples/broken/ (which their config ignores)
    const count = listDocuments(path.join(REPO_ROOT, 'examples'), (relative) => relative === 'broken').length;
    const github = clean('github');
    assert.equal(github.code, 0, github.stdout + github.stderr);
    assert.equal(github.stdout, `No problems in ${count} files.\n`);
    const junit = clean('junit');
    assert.equal(junit.code, 0);
    assert.ok(junit.stdout.includes(`<testsuite name="charters lint" tests="${count}" failures="0" errors="0" skipped="0">`), junit.stdout);
    assert.match(junit.stdout, /<testcase classname="charters" name="examples\/roles\/cpo.role.yaml" file="examples\/roles\/cpo.role.yaml"\/>/);
    assert.ok(!/<failure|<system-out/.test(junit.stdout));
    const markdown = clean('markdown');
    assert.equal(markdown.code, 0);
    assert.equal(markdown.stdout, `## Product Charters\n\nNo problems in ${count} files.\n`);
  });

  test('paths are relative to the current folder, however they were given', () => {
    const dir = workspace({ 'roles/pm.role.yaml': ROLE('') });
    const absolute = charters(['lint', path.join(dir, 'roles'), '--format', 'github'], path.join(dir, 'roles'));
    assert.equal(absolute.stdout, 'No problems in 1 file.\n');
    const junit = charters(['lint', path.join(dir, 'roles', 'pm.role.yaml'), '--format', 'junit'], dir).stdout;
    assert.match(junit, /<testcase classname="charters" name="roles\/pm.role.yaml" file="roles\/pm.role.yaml"\/>/);
  });
});

describe('charters lint: escaping in the CI formats', () => {
  test('workflow command data and properties, as the runner reads them', () => {
    assert.equal(escapeWorkflowData('50%: a, b\r\nc'), '50%25: a, b%0D%0Ac');
    assert.equal(escapeWorkflowProperty('dir:a,b/50%\nx.yaml'), 'dir%3Aa%2Cb/50%25%0Ax.yaml');
    assert.equal(escapeXml('a < b & "c"\n'), 'a &lt; b &amp; "c"\n');
    assert.equal(escapeXml('a < b & "c"\n\t\u0007', true), 'a &lt; b &amp; &quot;c&quot;&#10;&#9;');
    assert.equal(escapeMarkdownCell('a | b\nc <b> & d'), 'a \\| b<br>c &lt;b&gt; &amp; d');
  });

  test('a message holding %, ",", ":", a newline, "<", "&" and "|" in every format', () => {
    // an id that is not kebab-case is echoed in its message (an error): the characters ride in on it
    const id = 'x%y, a:b <c> & d|e\nf';
    const dir = workspace({ 'odd,dir:x/pm.role.yaml': ROLE(`  - ${JSON.stringify(id)}\n`) });
    const json = JSON.parse(charters(['lint', '--today', TODAY, '--format', 'json'], dir).stdout);
    const [finding] = json.files[0].diagnostics;
    assert.ok(finding.message.includes(id), finding.message);
    const github = charters(['lint', '--today', TODAY, '--format', 'github'], dir).stdout.split('\n');
    assert.equal(github.length, 3, 'one annotation line, the totals, the final newline');
    assert.ok(github[0].startsWith('::error file=odd%2Cdir%3Ax/pm.role.yaml,line=10,col=5,endLine=10,endColumn=28,title=invalid-value::'), github[0]);
    assert.ok(github[0].includes('x%25y, a:b <c> & d|e%0Af'), github[0]);
    const junit = charters(['lint', '--today', TODAY, '--format', 'junit'], dir).stdout;
    assert.ok(junit.includes('name="odd,dir:x/pm.role.yaml"'));
    assert.ok(junit.includes('<failure type="invalid-value" message="&quot;x%y, a:b &lt;c&gt; &amp; d|e&#10;f&quot; is not'), junit);
    assert.ok(junit.includes('>odd,dir:x/pm.role.yaml:10:5 invalid-value: "x%y, a:b &lt;c&gt; &amp; d|e\nf" is not'), junit);
    assert.ok(!/<c>|& d/.test(junit));
    const markdown = charters(['lint', '--today', TODAY, '--format', 'markdown'], dir).stdout;
    const row = markdown.split('\n').find((line) => line.startsWith('| 10 |')) ?? '';
    assert.ok(row.includes('x%y, a:b &lt;c&gt; &amp; d\\|e<br>f'), row);
    assert.equal(row.split(/(?<!\\)\|/).length, 6, 'four cells: no pipe of the message splits the row');
  });
});

describe('charters lint --max-warnings', () => {
  const dir = () => workspace({ 'pm.role.yaml': ROLE('  - prioritice-backlog\n  - learn-form-customers\n') });

  test('exit 1 when the warnings are more than N, 0 when they are N or fewer', () => {
    const folder = dir();
    const over = charters(['lint', '--max-warnings', '1'], folder);
    assert.equal(over.code, 1);
    assert.match(over.stderr, /2 warnings, more than --max-warnings 1 allows/);
    assert.equal(charters(['lint', '--max-warnings', '2'], folder).code, 0);
    assert.equal(charters(['lint', '--max-warnings', '0', '--format', 'json'], folder).code, 1);
    assert.equal(charters(['lint'], folder).code, 0, 'without it, warnings never fail');
  });

  test('counts the warnings left after --fix', () => {
    // a duplicate entry is a warning that a safe fix removes
    const folder = workspace({ 'pm.role.yaml': ROLE('  - prioritize-backlog\n') });
    assert.equal(charters(['lint', '--max-warnings', '0'], folder).code, 1);
    const dryRun = charters(['lint', '--fix-dry-run', '--max-warnings', '0'], folder);
    assert.equal(dryRun.code, 0, dryRun.stdout + dryRun.stderr);
    assert.equal(charters(['lint', '--fix', '--max-warnings', '0'], folder).code, 0);
  });

  test('a negative or non-integer N is a usage error', () => {
    const folder = dir();
    for (const bad of ['-1', '1.5', 'many', '', '1e3']) {
      const run = charters(['lint', `--max-warnings=${bad}`], folder);
      assert.equal(run.code, 2, `--max-warnings=${bad}`);
      assert.match(run.stderr, /--max-warnings must be a whole number/);
    }
  });
});

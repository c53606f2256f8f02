// The `charters` command line, run as a user runs it: the bundled bin in a child process.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatJson, jsonFiles, jsonReport, summary, type FileResult } from '../../server/src/cli/formatters';
import { resultsOf, runLint } from '../../server/src/cli/main';
import { createLanguageService } from '../../server/src/service';
import { RULES } from '../../server/src/service/rules';
import { CLEAN_ROLE, charters, workspace } from './cliHarness';
import { REPO_ROOT } from './harness';

describe('charters lint', () => {
  test('exit 0 and "No problems" for a clean workspace', () => {
    const dir = workspace({ 'pm.role.yaml': CLEAN_ROLE });
    const run = charters(['lint'], dir);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /No problems in 1 file/);
  });

  test('exit 1 with an error; stylish output is 1-based and names the rule', () => {
    const dir = workspace({ 'pm.role.yaml': CLEAN_ROLE.replace('level: pm', 'level: senior') });
    const run = charters(['lint', '.'], dir);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /pm\.role\.yaml\n\s+4:8\s+error\s+"senior" is not a valid level\. Did you mean "senior-pm"\?\s+invalid-value/);
    assert.match(run.stdout, /1 problem \(1 error, 0 warnings\)/);
  });

  test('exit 0 when only warnings are found', () => {
    const dir = workspace({ 'pm.role.yaml': CLEAN_ROLE.replace('  - prioritize-backlog', '  - prioritice-backlog') });
    const run = charters(['lint'], dir);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /warning\s+"prioritice-backlog" is not a responsibility/);
  });

  test('--format json follows the contract, with 0-based positions', () => {
    const dir = workspace({ 'roles/pm.role.yaml': CLEAN_ROLE.replace('level: pm', 'level: senior') });
    const run = charters(['lint', 'roles', '--format', 'json'], dir);
    const output = JSON.parse(run.stdout);
    assert.deepEqual(output.summary, { errors: 1, warnings: 0 });
    assert.equal(output.files[0].path, path.join('roles', 'pm.role.yaml'));
    assert.deepEqual(output.files[0].diagnostics[0], {
      code: 'invalid-value',
      severity: 'error',
      message: '"senior" is not a valid level. Did you mean "senior-pm"?',
      range: { start: { line: 3, character: 7 }, end: { line: 3, character: 13 } },
      fixes: [
        {
          title: 'Change to "senior-pm"',
          safety: 'suggestion',
          edits: [{ range: { start: { line: 3, character: 7 }, end: { line: 3, character: 13 } }, newText: 'senior-pm' }],
        },
      ],
    });
  });

  test('--format sarif lists every rule with its help link and 1-based regions', () => {
    const dir = workspace({ 'pm.role.yaml': CLEAN_ROLE.replace('level: pm', 'level: senior') });
    const sarif = JSON.parse(charters(['lint', '--format', 'sarif'], dir).stdout);
    const driver = sarif.runs[0].tool.driver;
    assert.equal(sarif.version, '2.1.0');
    assert.deepEqual(
      driver.rules.map((rule: { id: string }) => rule.id),
      RULES.map((rule) => rule.id),
    );
    for (const rule of driver.rules) assert.match(rule.helpUri, new RegExp(`/docs/rules/${rule.id}\\.md$`));
    const [result] = sarif.runs[0].results;
    assert.equal(result.ruleId, 'invalid-value');
    assert.equal(result.level, 'error');
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 4, startColumn: 8, endLine: 4, endColumn: 14 });
  });

  test('a large folder (linted on worker threads) gives the same findings, in path order', () => {
    const files: Record<string, string> = {};
    for (let n = 0; n < 450; n++) {
      const id = `pm-${String(n).padStart(3, '0')}`;
      let text = CLEAN_ROLE.replace('id: product-manager', `id: ${id}`);
      if (n % 50 === 0) text = text.replace('level: pm', 'level: senior');
      if (n % 75 === 0) text = text.replace('authority:', `reportsTo: pm-${String(n + 1).padStart(3, '0')}x\nauthority:`);
      if (n === 1)
        text = `${text.replace('level: pm', 'status: approved\nlevel: pm')}goals:\n  - goal: g\n    measure: Median seconds to pay\n    target: 40\n    due: 2027-01-31\n`;
      files[`roles/${id}.role.yaml`] = text;
    }
    const dir = workspace(files);
    const run = charters(['lint', 'roles', '--format', 'json', '--today', '2027-02-15'], dir);
    const output = JSON.parse(run.stdout);
    assert.equal(output.files.length, 450);
    // the workers get --today too
    const pm001 = output.files.find((file: { path: string }) => file.path.endsWith('pm-001.role.yaml'));
    assert.deepEqual(
      pm001.diagnostics.map((d: { code: string }) => d.code),
      ['past-due'],
    );
    assert.deepEqual(
      output.files.map((file: { path: string }) => file.path),
      [...output.files.map((file: { path: string }) => file.path)].sort(),
    );
    assert.deepEqual(output.summary, { errors: 9 + 6, warnings: 0 });
    const pm075 = output.files.find((file: { path: string }) => file.path.endsWith('pm-075.role.yaml'));
    assert.deepEqual(
      pm075.diagnostics.map((d: { code: string; message: string }) => d.message),
      ['No role in the workspace has id "pm-076x". Did you mean "pm-076"?'],
    );
    assert.equal(run.code, 1);
  });

  // parallelLint.ts: chunks taken by whichever thread is free, summaries and findings passed as
  // JSON text; whatever the number of threads, the report must be the one thread's, byte for byte
  test('one thread and several print the same report: the examples, in every format', () => {
    const same = (folder: string, format: string, threads: string[], code: number) => {
      const runs = threads.map((count) => charters(['lint', folder, '--format', format, '--today', '2027-02-15'], REPO_ROOT, { CHARTERS_LINT_THREADS: count }));
      assert.equal(runs[0].code, code, runs[0].stderr);
      for (const run of runs.slice(1)) {
        assert.equal(run.stderr, runs[0].stderr, `${folder} ${format}`);
        assert.equal(run.code, runs[0].code, `${folder} ${format}`);
        assert.equal(run.stdout, runs[0].stdout, `${folder} ${format}`);
      }
    };
    same('examples', 'json', ['1', '3'], 0);
    const broken = path.join('examples', 'broken');
    same(broken, 'json', ['1', '2', '3'], 1);
    for (const format of ['stylish', 'sarif', 'github', 'junit', 'markdown']) same(broken, format, ['1', '3'], 1);
  });

  test('one thread and several print the same report: a generated workspace of 600 documents with cross references', async () => {
    const generator = (await import(pathToFileURL(path.join(REPO_ROOT, 'bench', 'lib', 'generate.mjs')).href)) as {
      writeWorkspace(dir: string, count: number): { files: string[] };
    };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'charters-threads-'));
    assert.equal(generator.writeWorkspace(dir, 600).files.length, 600);
    // {}: the default for 600 documents, one thread per core (at most four)
    for (const [format, others] of [
      ['json', [{}, { CHARTERS_LINT_THREADS: '3' }]],
      ['stylish', [{}]],
    ] as [string, Record<string, string>[]][]) {
      const args = ['lint', '.', '--format', format, '--today', '2027-02-15'];
      const one = charters(args, dir, { CHARTERS_LINT_THREADS: '1' });
      assert.ok(one.stdout.split('\n').length > 600, format);
      for (const env of others) {
        const run = charters(args, dir, env);
        assert.equal(run.code, one.code, `${format} ${JSON.stringify(env)}: ${run.stderr}`);
        assert.equal(run.stdout, one.stdout, `${format} ${JSON.stringify(env)}`);
        // the JSON report, rendered chunk by chunk on several threads, is the report object as
        // JSON.stringify indents it (formatters.ts: jsonFiles, jsonReport)
        if (format === 'json') assert.equal(run.stdout, `${JSON.stringify(JSON.parse(run.stdout), null, 2)}\n`);
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a JSON lint on several threads keeps its findings for whoever asks (the Action), and only the report and counts for the command', async () => {
    const generator = (await import(pathToFileURL(path.join(REPO_ROOT, 'bench', 'lib', 'generate.mjs')).href)) as {
      writeWorkspace(dir: string, count: number): { files: string[] };
    };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'charters-kept-'));
    generator.writeWorkspace(dir, 450);
    const io = { cwd: dir, color: false, stdout: () => {}, stderr: () => {} };
    const args = ['.', '--format', 'json', '--today', '2027-02-15'];
    const service = createLanguageService();
    const previous = process.env.CHARTERS_LINT_THREADS;
    process.env.CHARTERS_LINT_THREADS = '2';
    try {
      const kept = runLint(args, io, service);
      const reportOnly = runLint(args, io, service, [], false);
      assert.equal(kept.results?.length, 450);
      assert.ok(kept.jsonPieces, 'rendered on the threads');
      assert.deepEqual(kept.counts, summary(kept.results!));
      assert.ok(kept.counts.warnings > 0);
      assert.equal(reportOnly.results, undefined);
      assert.throws(() => resultsOf(reportOnly), /kept only its JSON report/);
      assert.deepEqual(reportOnly.counts, kept.counts);
      assert.deepEqual(reportOnly.jsonPieces, kept.jsonPieces);
      assert.equal(jsonReport(reportOnly.jsonPieces!, reportOnly.counts), formatJson(kept.results!));
    } finally {
      if (previous === undefined) delete process.env.CHARTERS_LINT_THREADS;
      else process.env.CHARTERS_LINT_THREADS = previous;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the JSON report joined from pieces is JSON.stringify of the report, indented by 2: no files, files without findings, findings with fixes', () => {
    const diagnostic = (line: number, fixes: unknown[]) => ({
      range: { start: { line, character: 2 }, end: { line, character: 9 } },
      severity: 2,
      code: 'missing-section',
      message: 'Add a "summary": one line "quoted", a \\ backslash\nand a line break.',
      data: { ruleId: 'missing-section', fixes },
    });
    const fix = {
      title: 'Add summary',
      safety: 'safe',
      edits: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: 'summary: x\n' }],
    };
    const results = [
      { path: 'a.role.yaml', diagnostics: [] },
      { path: 'b/ü.role.yaml', diagnostics: [diagnostic(0, []), diagnostic(3, [fix])] },
      { path: 'c.charter.yaml', diagnostics: [diagnostic(1, [fix, fix])] },
    ] as unknown as FileResult[];
    for (const some of [[], results.slice(0, 1), results]) {
      const whole = formatJson(some);
      const expected = JSON.parse(whole) as unknown;
      assert.equal(whole, JSON.stringify(expected, null, 2));
      assert.equal((expected as { files: unknown[] }).files.length, some.length);
      // cut anywhere into pieces, some of them empty, the report is the same
      for (let cut = 0; cut <= some.length; cut++) {
        assert.equal(jsonReport([jsonFiles(some.slice(0, cut)), '', jsonFiles(some.slice(cut))], summary(some)), whole, `cut at ${cut}`);
      }
    }
  });

  test('exit 2 for a missing path, an unknown option and a bad format', () => {
    const dir = workspace({ 'pm.role.yaml': CLEAN_ROLE });
    const missing = charters(['lint', 'nowhere'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /No such file or folder: nowhere/);
    assert.equal(charters(['lint', '--colour'], dir).code, 2);
    assert.equal(charters(['lint', '--format'], dir).code, 2, 'an option without its value');
    const format = charters(['lint', '--format', 'xml'], dir);
    assert.equal(format.code, 2);
    assert.match(format.stderr, /--format must be stylish, json, sarif, github, junit or markdown/);
  });

  test("--today sets the date due dates are compared with; without it, the machine's date", () => {
    const role = `${CLEAN_ROLE.replace('level: pm', 'status: approved\nlevel: pm')}goals:\n  - goal: Shoppers pay faster\n    measure: Median seconds to pay\n    target: under 45\n    due: 2027-01-31\n`;
    const dir = workspace({ 'pm.role.yaml': role });
    const pastDue = (args: string[]) => {
      const run = charters(['lint', '--format', 'json', ...args], dir);
      assert.equal(run.code, 0, run.stderr);
      return JSON.parse(run.stdout).files[0].diagnostics.filter((d: { code: string }) => d.code === 'past-due');
    };
    const [finding] = pastDue(['--today', '2027-02-01']);
    assert.equal(finding.severity, 'info');
    assert.deepEqual(finding.range.start, { line: 14, character: 9 });
    assert.deepEqual(pastDue(['--today', '2027-01-31']), [], 'due today is not past');
    assert.deepEqual(pastDue(['--today', '2026-12-31']), []);
    // the machine's date is after 2000
    fs.writeFileSync(path.join(dir, 'pm.role.yaml'), role.replace('due: 2027-01-31', 'due: 2000-01-31'));
    assert.equal(pastDue([]).length, 1);
  });

  test('exit 2 for a --today that is not a date', () => {
    const dir = workspace({ 'pm.role.yaml': CLEAN_ROLE });
    for (const bad of ['2027-02-30', 'tomorrow', '27-01-31', '2027-1-31']) {
      const run = charters(['lint', '--today', bad], dir);
      assert.equal(run.code, 2, bad);
      assert.match(run.stderr, new RegExp(`--today must be a date written YYYY-MM-DD, such as 2027-03-31, not "${bad}"`));
    }
    const missing = charters(['lint', '--today'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--today/);
  });

  test('exit 2 and a located message for a bad config', () => {
    const dir = workspace({ 'pm.role.yaml': CLEAN_ROLE, 'charters.config.yaml': 'rules:\n  unknown-field: fatal\n' });
    const run = charters(['lint'], dir);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /charters\.config\.yaml:2:\d+\s+"fatal" is not a severity: use off, info, warning or error\./);
  });

  test('a config that tries to bring in schemas or code is refused, with the keys named', () => {
    const dir = workspace({
      'pm.role.yaml': CLEAN_ROLE,
      'charters.config.yaml': [
        'schemas:',
        '  - url: https://example.com/evil.schema.json',
        'taxonomy:',
        '  $ref: https://example.com/taxonomy.json',
        'plugins: [./evil.js]',
        '__proto__:',
        '  polluted: true',
        '',
      ].join('\n'),
      'evil.js': "require('fs').writeFileSync('pwned', 'x');\n",
    });
    const run = charters(['lint'], dir);
    assert.equal(run.code, 2);
    for (const key of ['schemas', '$ref', 'plugins', '__proto__']) assert.match(run.stderr, new RegExp(`"${key.replace('$', '\\$')}" is not a setting`), key);
    assert.ok(!fs.existsSync(path.join(dir, 'pwned')), 'nothing from the workspace ran');
  });

  test('the config sets severities, ignores files and extends the taxonomy', () => {
    const dir = workspace({
      'charters.config.yaml': [
        'rules:',
        '  unknown-responsibility: error',
        'ignore: ["drafts/**"]',
        'taxonomy:',
        '  responsibilities:',
        '    - id: run-pricing-council',
        '      title: Run the pricing council',
        '      area: stakeholders',
        '',
      ].join('\n'),
      'pm.role.yaml': CLEAN_ROLE.replace('  - prioritize-backlog', '  - run-pricing-council\n  - prioritice-backlog'),
      'drafts/x.role.yaml': 'kind: role\n',
    });
    const output = JSON.parse(charters(['lint', '--format', 'json'], dir).stdout);
    assert.deepEqual(
      output.files.map((file: { path: string }) => file.path),
      ['pm.role.yaml'],
    );
    assert.deepEqual(
      output.files[0].diagnostics.map((d: { code: string; severity: string }) => `${d.code}:${d.severity}`),
      ['unknown-responsibility:error'],
    );
  });

  test('disable comments silence a rule for one line or one file', () => {
    const text = CLEAN_ROLE.replace(
      '  - prioritize-backlog',
      '  # charters-disable-next-line unknown-responsibility\n  - prioritice-backlog\n  - prioritze-backlog',
    );
    const dir = workspace({ 'a.role.yaml': text, 'b.role.yaml': `# charters-disable-file unknown-responsibility\n${text.replace('product-manager', 'b')}` });
    const output = JSON.parse(charters(['lint', '--format', 'json'], dir).stdout);
    const lines = (name: string) =>
      output.files
        .find((file: { path: string }) => file.path === name)
        .diagnostics.map((d: { code: string; range: { start: { line: number } } }) => `${d.range.start.line}:${d.code}`);
    assert.deepEqual(lines('a.role.yaml'), ['10:unknown-responsibility']);
    assert.deepEqual(lines('b.role.yaml'), []);
  });

  test('--fix rewrites the file in place, keeping comments, CRLF line endings and the final newline', () => {
    const text = [
      '# Our PM role',
      'kind: role',
      'id: product-manager',
      'title: Product Manager  # shown on the ladder',
      'level: pm',
      'responsibilities:',
      '  - prioritice-backlog',
      '',
    ].join('\r\n');
    const dir = workspace({ 'pm.role.yaml': text });
    const run = charters(['lint', '--fix'], dir);
    const fixed = fs.readFileSync(path.join(dir, 'pm.role.yaml'), 'utf8');
    assert.ok(fixed.startsWith('# Our PM role\r\nkind: role\r\n'), fixed);
    assert.match(fixed, /title: Product Manager {2}# shown on the ladder\r\n/);
    assert.match(fixed, /\r\nsummary: "TODO: [^"]+"\r\n/);
    // the nearest taxonomy id is a suggestion: --fix leaves the misspelt one for a person to choose
    assert.match(fixed, / {2}- prioritice-backlog\r\n/);
    assert.ok(fixed.endsWith('\r\n'));
    assert.ok(!/(^|[^\r])\n/.test(fixed), 'no bare LF line endings');
    assert.deepEqual(fs.readdirSync(dir), ['pm.role.yaml'], 'no temporary file left behind');
    assert.equal(run.code, 0, run.stdout);
  });

  test('--fix lists each change on stderr (file, line, rule, before → after); stdout stays the JSON report', () => {
    const text = CLEAN_ROLE.replace('summary: Owns the checkout experience end to end.\n', '')
      .replace('authority:', 'authorty:')
      .replace('  - prioritize-backlog\n', '  - prioritize-backlog\n  - own-product-area\n  - prioritize-backlog\n');
    const dir = workspace({ 'roles/pm.role.yaml': text });
    const run = charters(['lint', 'roles', '--fix', '--format', 'json'], dir);
    const shown = path.join('roles', 'pm.role.yaml');
    assert.deepEqual(run.stderr.split('\n'), [
      `${shown}:5  missing-section  (nothing) → summary: "TODO: why this role exists"`,
      `${shown}:5  unknown-field  authorty: → authority:`,
      `${shown}:10  duplicate-entry  - prioritize-backlog → (nothing)`,
      'Fixed 3 problems in 1 file.',
      '',
    ]);
    const output = JSON.parse(run.stdout);
    // what the fix inserted is a visible placeholder, reported until someone writes the summary
    assert.deepEqual(output.summary, { errors: 0, warnings: 1 });
    assert.deepEqual(
      output.files[0].diagnostics.map((d: { code: string }) => d.code),
      ['placeholder-text'],
    );
    assert.equal(run.code, 0);
  });

  test('--fix-dry-run prints the diff --fix would write, writes nothing, and exits as the fixed files would', () => {
    const text = CLEAN_ROLE.replace('summary: Owns the checkout experience end to end.\n', '');
    const dir = workspace({ 'pm.role.yaml': text });
    assert.equal(charters(['lint'], dir).code, 1, 'the missing summary is an error');
    const run = charters(['lint', '--fix-dry-run'], dir);
    assert.equal(
      run.stderr,
      [
        '--- a/pm.role.yaml',
        '+++ b/pm.role.yaml',
        '@@ -2,6 +2,7 @@',
        ' id: product-manager',
        ' title: Product Manager',
        ' level: pm',
        '+summary: "TODO: why this role exists"',
        ' authority:',
        '   - Decide the order of the backlog',
        ' responsibilities:',
        '--fix would fix 1 problem in 1 file; nothing was written.',
        '',
      ].join('\n'),
    );
    assert.equal(fs.readFileSync(path.join(dir, 'pm.role.yaml'), 'utf8'), text, 'the file is unchanged');
    // the report is of the text as fixed: the inserted placeholder is a warning, no longer an error
    assert.match(run.stdout, /1 problem \(0 errors, 1 warning\) in 1 file/);
    assert.match(run.stdout, /placeholder-text/);
    assert.equal(run.code, 0);
    const json = charters(['lint', '--fix-dry-run', '--format', 'json'], dir);
    assert.deepEqual(JSON.parse(json.stdout).summary, { errors: 0, warnings: 1 });
    assert.match(json.stderr, /^--- a\/pm\.role\.yaml\n/);
  });

  test('--fix and --fix-dry-run together are a usage error', () => {
    const dir = workspace({ 'pm.role.yaml': CLEAN_ROLE.replace('summary: Owns the checkout experience end to end.\n', '') });
    const run = charters(['lint', '--fix', '--fix-dry-run'], dir);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--fix and --fix-dry-run cannot be used together/);
    assert.doesNotMatch(fs.readFileSync(path.join(dir, 'pm.role.yaml'), 'utf8'), /summary/);
  });

  test('--fix never replaces a reference with the nearest role: a designer stays a designer', () => {
    const charter = [
      'kind: charter',
      'id: checkout-team',
      'title: Checkout team',
      'mission: Make paying for an order quick and safe.',
      'scope:',
      '  in:',
      '    - Card payments',
      '  out:',
      '    - Fraud scoring',
      'team:',
      '  - role: product-manager',
      '  - role: product-designer',
      'decisionRights:',
      '  - decision: What the team builds next',
      '    owner: product-manger',
      '',
    ].join('\n');
    const dir = workspace({ 'pm.role.yaml': CLEAN_ROLE, 'checkout.charter.yaml': charter });
    const before = JSON.parse(charters(['lint', '--format', 'json'], dir).stdout);
    const offered = before.files.find((file: { path: string }) => file.path === 'checkout.charter.yaml').diagnostics;
    // both references get the nearest role as a suggestion, for a person to accept or not
    assert.deepEqual(
      offered
        .filter((d: { code: string }) => d.code === 'unresolved-reference')
        .map((d: { fixes: { title: string; safety: string }[] }) => d.fixes.map((fix) => `${fix.title} (${fix.safety})`)),
      [['Change to "product-manager" (suggestion)'], ['Change to "product-manager" (suggestion)']],
    );
    const run = charters(['lint', '--fix'], dir);
    // the one safe fix, the missing success metrics with a placeholder, is all that is written
    const fixed = fs.readFileSync(path.join(dir, 'checkout.charter.yaml'), 'utf8');
    assert.equal(fixed, `${charter}successMetrics:\n  - metric: "TODO: what is measured"\n    target: "TODO: target value"\n`);
    assert.doesNotMatch(run.stderr, /product-designer|product-manger/);
    assert.match(run.stdout, /No role in the workspace has id "product-designer"/);
    assert.match(run.stdout, /No role in the workspace has id "product-manger"/);
    assert.equal(run.code, 1);
  });

  test('--fix leaves a file alone when nothing can be fixed', () => {
    const text = 'kind: role\nid: pm\ntitle: [unclosed\n';
    const dir = workspace({ 'pm.role.yaml': text });
    const run = charters(['lint', '--fix'], dir);
    assert.equal(run.code, 1);
    assert.equal(fs.readFileSync(path.join(dir, 'pm.role.yaml'), 'utf8'), text);
  });

  test('a YAML file named on the command line is checked when it has a known kind', () => {
    const dir = workspace({ 'notes.yaml': 'kind: vision\nid: v\n', 'other.yaml': 'name: not ours\n' });
    const output = JSON.parse(charters(['lint', 'notes.yaml', 'other.yaml', '--format', 'json'], dir).stdout);
    assert.deepEqual(
      output.files.map((file: { path: string }) => file.path),
      ['notes.yaml'],
    );
    assert.ok(output.summary.errors > 0);
  });
});

test("the README's short example prints what the README says", () => {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## A short example'));
  const document = /`roles\/product-manager\.role\.yaml`:\n\n```yaml\n([\s\S]*?)```/.exec(section)![1];
  const shown = /```text\n\$ npx charters lint roles\n([\s\S]*?)```/.exec(section)![1];
  const dir = workspace({ 'roles/product-manager.role.yaml': document });
  assert.equal(charters(['lint', 'roles'], dir).stdout, shown);
});

describe('charters taxonomy', () => {
  test('--format json prints the contract shape, with workspace additions', () => {
    const dir = workspace({ 'charters.config.yaml': 'taxonomy:\n  skills:\n    - id: pricing\n      title: Pricing\n' });
    const taxonomy = JSON.parse(charters(['taxonomy', '--format', 'json'], dir).stdout);
    assert.deepEqual(
      taxonomy.levels.map((level: { id: string; rank: number }) => `${level.rank}:${level.id}`),
      ['1:associate-pm', '2:pm', '3:senior-pm', '4:group-pm', '5:head-of-product', '6:cpo'],
    );
    assert.deepEqual(
      taxonomy.roles.map((role: { id: string }) => role.id),
      ['product-designer', 'product-developer'],
    );
    assert.equal(taxonomy.areas.length, 7);
    for (const level of taxonomy.levels) assert.ok(level.responsibilities.length >= 3, level.id);
    const first = taxonomy.responsibilities[0];
    assert.deepEqual(Object.keys(first).sort(), ['area', 'description', 'id', 'levels', 'sources', 'title']);
    assert.ok(taxonomy.skills.some((skill: { id: string }) => skill.id === 'pricing'));
  });

  test('--format markdown prints a readable page', () => {
    const run = charters(['taxonomy', '--format', 'markdown'], os.tmpdir());
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^# Product responsibility taxonomy/);
    assert.match(run.stdout, /\| 6 \| `cpo` \|/);
    assert.match(run.stdout, /`prioritize-backlog`/);
  });
});

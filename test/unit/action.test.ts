// The GitHub Action, run as the runner runs a `node24` action: `node action/index.js` in the
// checkout, with an INPUT_ variable for every input (the README example's `with:` over
// action.yml's defaults), GITHUB_WORKSPACE, and the job-summary and output files the runner reads
// afterwards. The workflow is the README's own example.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './repoRoot';
import { CLEAN_ROLE, charters, workspace } from './cliHarness';
import pkg from '../../package.json';

interface ActionInput {
  default?: string;
  required?: boolean;
}

const ACTION = parse(fs.readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, ActionInput>;
  outputs: Record<string, unknown>;
  runs: { using: string; main: string };
};
const README = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

/** The YAML between `<!-- NAME:start -->` and `<!-- NAME:end -->` in the README, out of its code fence. */
function readmeExample(name: string): unknown {
  const match = new RegExp(`<!-- ${name}:start -->\\s*\`\`\`yaml\\n([\\s\\S]*?)\`\`\`\\s*<!-- ${name}:end -->`).exec(README);
  assert.ok(match, `README.md has no ${name} block`);
  return parse(match[1]);
}

type Step = { uses?: string; with?: Record<string, unknown> };
const WORKFLOW = readmeExample('action-example') as { jobs: Record<string, { steps: Step[] }> };
const ACTION_STEP = Object.values(WORKFLOW.jobs)
  .flatMap((job) => job.steps)
  .find((step) => step.uses?.startsWith('product-charters/product-charters@'));

/** A runner's environment for the Action: an INPUT_ for each input, `with` over the defaults. */
function runnerEnv(checkout: string, withInputs: Record<string, unknown>) {
  const files = fs.mkdtempSync(path.join(os.tmpdir(), 'charters-runner-'));
  const summaryFile = path.join(files, 'step_summary');
  const outputFile = path.join(files, 'output');
  fs.writeFileSync(summaryFile, '');
  fs.writeFileSync(outputFile, '');
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, CI: 'true', GITHUB_ACTIONS: 'true' };
  for (const [name, input] of Object.entries(ACTION.inputs)) {
    const value = name in withInputs ? String(withInputs[name]) : (input.default ?? '');
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  Object.assign(env, { GITHUB_WORKSPACE: checkout, GITHUB_STEP_SUMMARY: summaryFile, GITHUB_OUTPUT: outputFile, RUNNER_TEMP: files });
  return { env, summaryFile, outputFile };
}

/** Runs the Action on `checkout` as the runner would; what the log, the job summary and the outputs got. */
function runAction(checkout: string, withInputs: Record<string, unknown> = ACTION_STEP?.with ?? {}, event: NodeJS.ProcessEnv = {}) {
  const { env, summaryFile, outputFile } = runnerEnv(checkout, withInputs);
  Object.assign(env, event);
  const run = spawnSync(process.execPath, [path.join(REPO_ROOT, ACTION.runs.main)], { cwd: checkout, env, encoding: 'utf8' });
  const outputs = Object.fromEntries(
    fs
      .readFileSync(outputFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('=', 2) as [string, string]),
  );
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, summary: fs.readFileSync(summaryFile, 'utf8'), outputs };
}

/** A caller's checkout holding a copy of examples/ (clean) or of examples/broken/ (every rule fires), at the same path. */
function checkoutOf(examples: 'examples' | 'examples/broken'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'charters-checkout-'));
  const broken = path.join(REPO_ROOT, 'examples', 'broken');
  fs.cpSync(path.join(REPO_ROOT, examples), path.join(dir, examples), {
    recursive: true,
    filter: (source) => examples !== 'examples' || !source.startsWith(broken),
  });
  return dir;
}

describe('the GitHub Action', () => {
  test('action.yml runs the bundled file with a Node the runner offers, and the README example uses this version', () => {
    assert.equal(ACTION.runs.using, 'node24');
    assert.ok(fs.existsSync(path.join(REPO_ROOT, ACTION.runs.main)), `${ACTION.runs.main} is missing: run npm run generate`);
    assert.ok(ACTION_STEP, 'the README example has a step that uses product-charters/product-charters');
    assert.equal(ACTION_STEP.uses, `product-charters/product-charters@v${pkg.version}`);
    for (const name of Object.keys(ACTION_STEP.with ?? {}))
      assert.ok(name in ACTION.inputs, `the README example sets "${name}", which action.yml does not declare`);
    assert.deepEqual(Object.keys(ACTION.outputs).sort(), ['errors', 'files', 'warnings']);
  });

  test("the README example on a checkout with errors: the command line's annotations, the summary table, a failed step", () => {
    const checkout = checkoutOf('examples/broken');
    const run = runAction(checkout);
    assert.equal(run.code, 1, run.stderr);
    // the log is exactly what `charters lint --format github` prints in the same checkout
    const cli = charters(['lint', '.', '--format', 'github'], checkout);
    assert.equal(run.stdout, cli.stdout);
    const annotations = run.stdout.split('\n').filter((line) => line.startsWith('::'));
    assert.ok(annotations.length > 10, run.stdout);
    // paths are relative to the repository's root, which is how GitHub places annotations
    for (const line of annotations)
      assert.match(line, /^::(error|warning|notice) file=examples\/broken\/[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z-]+::./);
    const errors = annotations.filter((line) => line.startsWith('::error ')).length;
    const warnings = annotations.filter((line) => line.startsWith('::warning ')).length;
    assert.deepEqual(run.outputs, { errors: String(errors), warnings: String(warnings), files: String(cli.stdout.match(/in (\d+) files\.$/m)?.[1]) });
    assert.match(run.summary, /^## Product Charters\n\n\d+ errors, \d+ warnings/);
    assert.match(run.summary, /### `examples\/broken\/roles\/[^`]+`\n\n\| Line \| Severity \| Rule \| Message \|/);
    assert.equal(run.summary, `${charters(['lint', '.', '--format', 'markdown'], checkout).stdout}`);
  });

  test('a clean checkout passes, and says so in the summary', () => {
    const run = runAction(checkoutOf('examples'));
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(run.outputs.errors, '0');
    assert.equal(run.outputs.warnings, '0');
    assert.match(run.summary, /^## Product Charters\n\nNo problems in \d+ files\.\n$/);
    assert.doesNotMatch(run.stdout, /^::/m);
  });

  test('warnings fail the step only when asked: fail-on-warnings, or more than max-warnings', () => {
    const checkout = workspace({ 'roles/pm.role.yaml': CLEAN_ROLE.replace('prioritize-backlog', 'prioritice-backlog') });
    const base = ACTION_STEP?.with ?? {};
    const passed = runAction(checkout, base);
    assert.equal(passed.code, 0, passed.stdout);
    assert.match(passed.stdout, /^::warning file=roles\/pm\.role\.yaml,line=\d+.*title=unknown-responsibility::/m);
    assert.equal(passed.outputs.warnings, '1');
    assert.equal(runAction(checkout, { ...base, 'fail-on-warnings': 'true' }).code, 1);
    assert.equal(runAction(checkout, { ...base, 'fail-on-warnings': 'false', 'max-warnings': '1' }).code, 0);
    assert.equal(runAction(checkout, { ...base, 'fail-on-warnings': 'false', 'max-warnings': '0' }).code, 1);
  });

  test('paths, format, today and job-summary reach the command line', () => {
    const checkout = checkoutOf('examples');
    const run = runAction(checkout, { paths: 'examples/roles\nexamples/vision-2028.vision.yaml', format: 'json', today: '2026-01-01', 'job-summary': 'false' });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const files = (JSON.parse(run.stdout) as { files: { path: string }[] }).files.map((result) => result.path);
    assert.ok(files.length > 1 && files.every((file) => file.startsWith('examples/roles/') || file === 'examples/vision-2028.vision.yaml'), files.join(', '));
    assert.equal(run.summary, '', 'job-summary: false writes no summary');
    const late = runAction(checkout, { paths: 'examples', format: 'github', today: '2099-01-01' });
    assert.match(late.stdout, /title=past-due::/, 'a date far ahead makes the examples past due');
  });

  test('wrong inputs and missing paths fail the step with an annotation that says why', () => {
    const checkout = checkoutOf('examples');
    const cases: [Record<string, string>, RegExp][] = [
      [{ 'fail-on-warnings': 'yes please' }, /The input "fail-on-warnings" must be true or false, not "yes please"\./],
      [{ 'fail-on-warnings': 'true', 'max-warnings': '3' }, /Set "fail-on-warnings" or "max-warnings", not both/],
      [{ 'max-warnings': 'few' }, /--max-warnings must be a whole number/],
      [{ paths: 'docs/product' }, /No such file or folder: docs\/product/],
      [{ format: 'html' }, /--format must be/],
      [{ today: '31/03/2027' }, /--today must be a date written YYYY-MM-DD/],
    ];
    for (const [inputs, message] of cases) {
      const run = runAction(checkout, inputs);
      assert.equal(run.code, 2, `${JSON.stringify(inputs)}: ${run.stdout}${run.stderr}`);
      assert.match(run.stdout, /^::error title=Product Charters::/m);
      assert.match(run.stdout, message);
      assert.equal(run.summary, '');
    }
  });

  describe('pr-diff: what a pull request changes, in the job summary', () => {
    const git = (cwd: string, ...args: string[]) => {
      const result = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd, encoding: 'utf8' });
      assert.equal(result.status, 0, `git ${args.join(' ')}: ${result.stderr}`);
      return result.stdout;
    };
    /** A checkout as actions/checkout leaves one for a pull request into main: HEAD the pull request, origin/main its base. */
    function pullRequestCheckout(): string {
      const checkout = checkoutOf('examples');
      git(checkout, 'init', '-q', '-b', 'main');
      git(checkout, 'add', '-A');
      git(checkout, 'commit', '-qm', 'base');
      git(checkout, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
      git(checkout, 'checkout', '-q', '-b', 'pull');
      const role = path.join(checkout, 'examples', 'roles', 'senior-pm.role.yaml');
      const text = fs.readFileSync(role, 'utf8');
      assert.match(text, /^responsibilities:\n/m);
      fs.writeFileSync(role, text.replace(/^responsibilities:\n/m, 'responsibilities:\n  - coach-product-managers\n'));
      git(checkout, 'commit', '-qam', 'Senior PMs coach');
      return checkout;
    }
    const PULL_REQUEST = { GITHUB_EVENT_NAME: 'pull_request', GITHUB_BASE_REF: 'main', GITHUB_HEAD_REF: 'pull' };

    test("the README example on a pull request: the lint's summary, then the change in product words", () => {
      assert.equal(ACTION_STEP?.with?.['pr-diff'], true, 'the README example asks for pr-diff');
      const checkout = pullRequestCheckout();
      const run = runAction(checkout, ACTION_STEP?.with, PULL_REQUEST);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      const [lint, changes] = run.summary.split('\n## Product documents: ');
      assert.match(lint, /^## Product Charters\n\nNo problems in \d+ files\.\n/);
      assert.ok(changes, run.summary);
      assert.match(changes, /^`origin\/main` → `HEAD`/);
      assert.match(changes, /^- Senior Product Manager \[senior-pm\] gains responsibility 'Coach product managers' \[coach-product-managers\]$/m);
      assert.doesNotMatch(run.stdout, /pr-diff/, 'no notice or warning');
    });

    test('without a pull request, or without its base, the summary has the lint alone, and the step passes', () => {
      const checkout = pullRequestCheckout();
      const push = runAction(checkout, { 'pr-diff': 'true' });
      assert.equal(push.code, 0);
      assert.doesNotMatch(push.stdout, /pr-diff/);
      assert.doesNotMatch(push.summary, /Product documents/);
      // a base branch the checkout does not have and no remote to fetch it from
      const lost = runAction(checkout, { 'pr-diff': 'true' }, { ...PULL_REQUEST, GITHUB_BASE_REF: 'release' });
      assert.equal(lost.code, 0, 'the diff never fails the step');
      assert.match(lost.stdout, /^::warning title=Product Charters::pr-diff: charters: Unknown revision "origin\/release"/m);
      assert.doesNotMatch(lost.summary, /Product documents/);
    });
  });
});

// The GitHub Action (action.yml at the repository's root): `charters lint` on the caller's
// checkout, with the findings as annotations in the log and on the pull request's lines, the
// Markdown summary in the job summary, and the counts as step outputs. It reads its inputs and
// files as the runner hands them over (https://docs.github.com/en/actions/reference/workflows-and-actions/metadata-syntax,
// "inputs"; the environment files of the workflow-commands reference), and is bundled to
// action/index.js, which the repository keeps, so that a `uses:` of a release tag runs with
// nothing to install or build.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLanguageService } from '../service';
import { formatMarkdown, escapeWorkflowData, escapeWorkflowProperty } from '../cli/ciFormatters';
import { main, report, resultsOf, runLint, usageMessage } from '../cli/main';

export interface ActionIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** An input as the runner passes it: `INPUT_` and the name in capitals, spaces made `_` (hyphens kept). */
function input(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

class InputError extends Error {}

/** A boolean input: the YAML 1.2 core schema's spellings, as @actions/core's getBooleanInput reads them. */
function booleanInput(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const value = input(env, name);
  if (value === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new InputError(`The input "${name}" must be true or false, not "${value}".`);
}

/** Appends `text` to one of the runner's environment files (GITHUB_STEP_SUMMARY, GITHUB_OUTPUT), when the runner gave it. */
function appendTo(env: NodeJS.ProcessEnv, variable: string, text: string): void {
  const file = env[variable];
  if (file) fs.appendFileSync(file, text, 'utf8');
}

/**
 * `charters diff` of a pull request: its base branch (as the runner names it, GITHUB_BASE_REF)
 * against the checked-out merge commit, in Markdown; undefined when the event is no pull request,
 * or (with a warning in the log) when the base cannot be read. A diff that cannot be made
 * never fails the step: the lint decides that.
 */
function pullRequestChanges(env: NodeJS.ProcessEnv, workspace: string, paths: string[], io: ActionIo): string | undefined {
  const baseRef = env.GITHUB_BASE_REF;
  // a push or a scheduled run: nothing to compare with, and nothing to say about it
  if (!baseRef) return undefined;
  const base = `origin/${baseRef}`;
  // actions/checkout fetches only the merge commit by default: fetch the base branch's tip (never
  // waiting for a password: without the checkout's credentials the fetch just fails)
  if (spawnSync('git', ['rev-parse', '--verify', '--quiet', `${base}^{commit}`], { cwd: workspace }).status !== 0)
    spawnSync('git', ['fetch', '--no-tags', '--quiet', '--depth=1', 'origin', `+refs/heads/${baseRef}:refs/remotes/${base}`], {
      cwd: workspace,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
    });
  let out = '';
  let err = '';
  let code: number;
  try {
    code = main(['diff', base, 'HEAD', '--format', 'markdown', ...(paths.length ? ['--', ...paths] : [])], {
      stdout: (text) => {
        out += text;
      },
      stderr: (text) => {
        err += text;
      },
      cwd: workspace,
      color: false,
    });
  } catch (error) {
    code = 2;
    err = `charters diff failed: ${(error as Error).message}`;
  }
  if (code !== 0) {
    io.stdout(
      `::warning title=${escapeWorkflowProperty('Product Charters')}::${escapeWorkflowData(`pr-diff: ${err.trim() || `charters diff exited with ${code}`}`)}\n`,
    );
    return undefined;
  }
  return out.trimEnd();
}

/** Runs the Action; returns the process's exit code (0 passed, 1 findings fail the step, 2 the inputs or config are wrong). */
export function runAction(env: NodeJS.ProcessEnv, io: ActionIo): number {
  const workspace = path.resolve(env.GITHUB_WORKSPACE || process.cwd());
  try {
    const paths = input(env, 'paths').split(/\s+/).filter(Boolean);
    const format = input(env, 'format') || 'github';
    const maxWarnings = input(env, 'max-warnings');
    const failOnWarnings = booleanInput(env, 'fail-on-warnings', false);
    if (failOnWarnings && maxWarnings !== '')
      throw new InputError('Set "fail-on-warnings" or "max-warnings", not both: "fail-on-warnings: true" is "max-warnings: 0".');
    const today = input(env, 'today');
    const jobSummary = booleanInput(env, 'job-summary', true);
    const prDiff = booleanInput(env, 'pr-diff', false);
    const args = [...(paths.length ? paths : ['.']), '--format', format];
    if (maxWarnings !== '') args.push('--max-warnings', maxWarnings);
    else if (failOnWarnings) args.push('--max-warnings', '0');
    if (today !== '') args.push('--today', today);
    const cliIo = { ...io, cwd: workspace, color: false };
    const service = createLanguageService();
    const run = runLint(args, cliIo, service); // keeps every finding: the job summary lists them
    const exitCode = report(run, cliIo);
    const results = resultsOf(run);
    const { errors, warnings } = run.counts;
    if (jobSummary) appendTo(env, 'GITHUB_STEP_SUMMARY', `${formatMarkdown(results, workspace)}\n`);
    if (prDiff) {
      const changes = pullRequestChanges(env, workspace, paths, io);
      if (changes) appendTo(env, 'GITHUB_STEP_SUMMARY', `\n${changes}\n`);
    }
    appendTo(env, 'GITHUB_OUTPUT', `errors=${errors}\nwarnings=${warnings}\nfiles=${results.length}\n`);
    return exitCode;
  } catch (error) {
    const message = error instanceof InputError ? error.message : usageMessage(error);
    if (message === undefined) throw error;
    // an annotation, so the reason shows on the run's page and not only in its log
    io.stdout(`::error title=${escapeWorkflowProperty('Product Charters')}::${escapeWorkflowData(message)}\n`);
    return 2;
  }
}

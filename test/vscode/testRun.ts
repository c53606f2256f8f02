/**
 * What both entries of the extension-host suite share (index.ts for Node's extension host,
 * web/index.ts for the browser's web worker extension host): where the run's settings are, which
 * host the suite runs in, and how its results are reported.
 *
 * Environment variables do not reach a web worker, and it has no disk: everything goes through
 * `vscode.workspace.fs`, which in code-server reaches the machine's files in either host. The
 * runner (scripts/vscode-host/run-extension-tests.mjs, test/vscode/runElectron.ts) writes
 * `charters-test-run.json` beside the workspace folder:
 *   { "results": "results.json", "screenshots": "screenshot-requests", "grep"?: "…", "timeoutMs"?: 60000 }
 * (paths relative to that file's folder, or absolute), and the suite writes
 *   { passed, failed, pending, durationMs, host, tests: [{ title, state, error? }] }
 * to `results` (a temporary file first, then renamed, so readers never see half a file).
 */
/// <reference types="mocha" />
import * as vscode from 'vscode';

export const EXTENSION_ID = 'product-charters.product-charters';
export const RUN_SETTINGS_FILE = 'charters-test-run.json';

export interface TestResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

export interface SuiteResults {
  passed: number;
  failed: number;
  pending: number;
  durationMs: number;
  /** The extension host the suite ran in. */
  host: Host;
  tests: TestResult[];
}

export interface RunSettings {
  results?: vscode.Uri;
  screenshots?: vscode.Uri;
  grep?: string;
  timeoutMs: number;
}

export type Host = 'node' | 'web';

/**
 * The host the extension runs in: `web` in a browser's web worker (vscode.dev, github.dev,
 * code-server with the extension kind `web`), where there is no Node; else `node`.
 */
export function extensionHost(): Host {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  return vscode.env.uiKind === vscode.UIKind.Web && extension?.extensionKind === vscode.ExtensionKind.UI ? 'web' : 'node';
}

/** The run's settings: `charters-test-run.json` beside the first workspace folder, or defaults when there is none. */
export async function runSettings(): Promise<RunSettings> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const defaults: RunSettings = { timeoutMs: 60_000 };
  if (!folder) return defaults;
  const beside = vscode.Uri.joinPath(folder, '..');
  let raw: { results?: unknown; screenshots?: unknown; grep?: unknown; timeoutMs?: unknown };
  try {
    raw = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(beside, RUN_SETTINGS_FILE))));
  } catch {
    return defaults;
  }
  const at = (value: unknown) => {
    if (typeof value !== 'string' || value === '') return undefined;
    if (beside.scheme === 'file' && /^([A-Za-z]:)?[\\/]/.test(value)) return vscode.Uri.file(value); // a path of this machine
    return value.startsWith('/') ? beside.with({ path: value }) : vscode.Uri.joinPath(beside, value);
  };
  return {
    results: at(raw.results),
    screenshots: at(raw.screenshots),
    grep: typeof raw.grep === 'string' && raw.grep !== '' ? raw.grep : undefined,
    timeoutMs: typeof raw.timeoutMs === 'number' && raw.timeoutMs > 0 ? raw.timeoutMs : defaults.timeoutMs,
  };
}

async function writeResults(file: vscode.Uri | undefined, results: SuiteResults): Promise<void> {
  if (!file) return;
  const temporary = file.with({ path: `${file.path}.${Date.now()}.tmp` });
  await vscode.workspace.fs.writeFile(temporary, new TextEncoder().encode(JSON.stringify(results, null, 2)));
  await vscode.workspace.fs.rename(temporary, file, { overwrite: true });
}

function describeError(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}

/** Reports a suite that could not even be loaded, then fails the run. */
export async function reportLoadFailure(settings: RunSettings, started: number, err: unknown): Promise<never> {
  await writeResults(settings.results, {
    passed: 0,
    failed: 1,
    pending: 0,
    durationMs: Date.now() - started,
    host: extensionHost(),
    tests: [{ title: '(loading test files)', state: 'failed', error: describeError(err) }],
  });
  throw err;
}

/**
 * Runs the tests `mocha` holds (Node's Mocha, or the browser build's `mocha`: the same runner
 * API), collects each test's outcome and writes the results; rejects if any failed.
 */
export function runAndReport(mocha: Pick<Mocha, 'run'>, settings: RunSettings, started: number): Promise<void> {
  const tests: TestResult[] = [];
  return new Promise<void>((resolve, reject) => {
    const finish = (failures: number) => {
      const passed = tests.filter((t) => t.state === 'passed').length;
      const failed = tests.filter((t) => t.state === 'failed').length;
      const pending = tests.filter((t) => t.state === 'pending').length;
      writeResults(settings.results, { passed, failed, pending, durationMs: Date.now() - started, host: extensionHost(), tests }).then(
        () => (failures > 0 || failed > 0 ? reject(new Error(`${Math.max(failures, failed)} test(s) failed.`)) : resolve()),
        reject,
      );
    };
    try {
      const runner = mocha.run(finish);
      // the event names of Mocha.Runner.constants, the same in Node's mocha and its browser build
      runner.on('pass', (t: Mocha.Test) => {
        tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration });
      });
      // Also fires for failing hooks (before/after each), whose fullTitle names the hook.
      runner.on('fail', (t: Mocha.Runnable, err: unknown) => {
        tests.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration, error: describeError(err) });
      });
      runner.on('pending', (t: Mocha.Test) => {
        tests.push({ title: t.fullTitle(), state: 'pending' });
      });
    } catch (err) {
      // e.g. a syntax error or a throwing top-level statement in a test file
      tests.push({ title: '(loading test files)', state: 'failed', error: describeError(err) });
      finish(1);
    }
  });
}

/** Whether a file or folder is there (through the editor's file system, which both hosts have). */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

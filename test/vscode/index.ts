/**
 * Extension-host test suite entry, shared by both runners:
 *  - scripts/vscode-host/run-extension-tests.mjs (code-server + Chromium, CI / these machines)
 *  - test/vscode/runElectron.ts (@vscode/test-electron, machines that can download VS Code)
 *
 * VS Code calls `run()` inside the real extension host. It loads every `*.test.js`
 * compiled next to this file (mocha "tdd" UI: suite/test/setup/teardown), runs them,
 * and, when CHARTERS_TEST_RESULTS is set, writes
 *   { passed, failed, pending, durationMs, tests: [{ title, state, error? }] }
 * to that path (written to a temp file first, then renamed, so readers never see half a file).
 *
 * Optional env: CHARTERS_TEST_GREP (mocha grep), CHARTERS_TEST_TIMEOUT (ms, default 60000).
 */
/// <reference types="node" />
/// <reference types="mocha" />
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

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
  tests: TestResult[];
}

function writeResults(results: SuiteResults): void {
  const file = process.env.CHARTERS_TEST_RESULTS;
  if (!file) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(results, null, 2));
  fs.renameSync(tmp, file);
}

function describeError(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}

export function run(): Promise<void> {
  const started = Date.now();
  const tests: TestResult[] = [];
  const timeout = Number(process.env.CHARTERS_TEST_TIMEOUT) || 60_000;

  const mocha = new Mocha({ ui: 'tdd', color: false, timeout, reporter: 'spec' });
  if (process.env.CHARTERS_TEST_GREP) mocha.grep(process.env.CHARTERS_TEST_GREP);

  const testsRoot = __dirname;
  try {
    const files = fs
      .readdirSync(testsRoot)
      .filter((f) => f.endsWith('.test.js'))
      .sort();
    for (const f of files) mocha.addFile(path.join(testsRoot, f));
  } catch (err) {
    writeResults({
      passed: 0,
      failed: 1,
      pending: 0,
      durationMs: Date.now() - started,
      tests: [{ title: '(loading test files)', state: 'failed', error: describeError(err) }],
    });
    return Promise.reject(err);
  }

  return new Promise<void>((resolve, reject) => {
    const finish = (failures: number) => {
      const passed = tests.filter((t) => t.state === 'passed').length;
      const failed = tests.filter((t) => t.state === 'failed').length;
      const pending = tests.filter((t) => t.state === 'pending').length;
      writeResults({ passed, failed, pending, durationMs: Date.now() - started, tests });
      if (failures > 0 || failed > 0) reject(new Error(`${Math.max(failures, failed)} test(s) failed.`));
      else resolve();
    };
    try {
      const runner = mocha.run(finish);
      const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING } = Mocha.Runner.constants;
      runner.on(EVENT_TEST_PASS, (t: Mocha.Test) => {
        tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration });
      });
      // Also fires for failing hooks (before/after each), whose fullTitle names the hook.
      runner.on(EVENT_TEST_FAIL, (t: Mocha.Runnable, err: unknown) => {
        tests.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration, error: describeError(err) });
      });
      runner.on(EVENT_TEST_PENDING, (t: Mocha.Test) => {
        tests.push({ title: t.fullTitle(), state: 'pending' });
      });
    } catch (err) {
      // e.g. a syntax error or a throwing top-level statement in a test file
      tests.push({ title: '(loading test files)', state: 'failed', error: describeError(err) });
      finish(1);
    }
  });
}

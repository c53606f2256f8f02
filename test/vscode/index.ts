/**
 * Extension-host test suite entry in Node's extension host, shared by both Node runners:
 *  - scripts/vscode-host/run-extension-tests.mjs (code-server + Chromium, CI / these machines)
 *  - test/vscode/runElectron.ts (@vscode/test-electron, machines that can download VS Code)
 * (web/index.ts is the same suite's entry in the browser's web worker extension host.)
 *
 * VS Code calls `run()` inside the real extension host. It loads every `*.test.js`
 * compiled next to this file (mocha "tdd" UI: suite/test/setup/teardown), runs them, and
 * reports the results where the run's settings say (testRun.ts).
 */
/// <reference types="node" />
/// <reference types="mocha" />
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { reportLoadFailure, runAndReport, runSettings } from './testRun';

export async function run(): Promise<void> {
  const started = Date.now();
  const settings = await runSettings();
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: settings.timeoutMs, reporter: 'spec' });
  if (settings.grep) mocha.grep(settings.grep);
  try {
    const files = fs
      .readdirSync(__dirname)
      .filter((f) => f.endsWith('.test.js'))
      .sort();
    for (const f of files) mocha.addFile(path.join(__dirname, f));
  } catch (err) {
    return reportLoadFailure(settings, started, err);
  }
  return runAndReport(mocha, settings, started);
}

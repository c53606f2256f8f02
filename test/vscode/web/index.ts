/**
 * Extension-host test suite entry in the browser's web worker extension host (vscode.dev,
 * github.dev, code-server with the extension kind `web`): the same suite as index.ts, bundled
 * into one script by scripts/vscode-host/build-web-suite.mjs, because a web worker loads the
 * tests module as one file and has no Node: mocha's browser build instead of Node's mocha, the
 * test files imported instead of read from a folder, `node:assert` replaced by ./assert.ts.
 */
/// <reference types="mocha" />
import 'mocha/mocha.js'; // sets the globals `mocha` and `Mocha`
import { reportLoadFailure, runAndReport, runSettings } from '../testRun';

export async function run(): Promise<void> {
  const started = Date.now();
  const settings = await runSettings();
  // the reporter writes to the console, which the runner keeps (test-results/vscode-host-web-console.log)
  mocha.setup({ ui: 'tdd', color: false, timeout: settings.timeoutMs, reporter: 'spec' });
  if (settings.grep) mocha.grep(settings.grep);
  try {
    // after setup: the tests' top level calls suite() and test(), the globals setup made
    await import('../charters.test.js');
  } catch (err) {
    return reportLoadFailure(settings, started, err);
  }
  return runAndReport(mocha, settings, started);
}

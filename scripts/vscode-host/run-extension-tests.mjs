#!/usr/bin/env node
// Runs the extension-host test suite inside a real VS Code: code-server (installed by
// scripts/vscode-host/setup.sh) on 127.0.0.1, driven by Debian's Chromium through playwright-core.
// The page opens an "[Extension Development Host]" window whose extension host loads this repo as
// the extension under development and calls the suite's run(). The suite reads the run's settings
// from charters-test-run.json beside the workspace folder and writes its results where they say
// (test/vscode/testRun.ts), which we wait for.
//
//   node scripts/vscode-host/run-extension-tests.mjs [--web] [--workspace DIR] [--tests PATH]
//        [--grep PATTERN] [--timeout SECONDS] [--keep-open] [--keep-temp]
//
//   --web             the browser's web worker extension host instead of Node's: the extension's
//                     browser build (package.json `browser`) and the suite's bundle for a web
//                     worker (node scripts/vscode-host/build-web-suite.mjs)
//   --workspace DIR   folder to COPY into a fresh temp workspace (default examples)
//   --tests PATH      the suite's entry (default out/test/vscode/index.js, with --web
//                     out/test/vscode-web/index.js)
//   --grep PATTERN    run only the tests whose title matches (mocha's grep; default $CHARTERS_TEST_GREP)
//   --timeout SECS    overall limit for the suite (default 300)
//   --keep-open       after the results arrive, leave code-server + Chromium running
//                     (prints the URL; Ctrl-C ends both)
//   --keep-temp       do not delete the temp profile/workspace dir (for debugging)
//
// Outputs, in <repo>/test-results/ (vscode-host-web-* with --web):
//   vscode-host-results.json   the suite's results file
//   vscode-host-final.png      screenshot of the workbench after the run
//   vscode-host-console.log    the page's console (includes extension-host log lines)
//   vscode-host-server.log     code-server's stdout/stderr
// Exit code 0 only if at least one test ran, none failed, and the suite ran in the host asked for.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { CHROMIUM_PATH, codeServerPaths, freePort, launchChromium, onExitCleanup, removeDir, sleep, startCodeServer, stopAll } from './processes.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');

// ------------------------------------------------------------------ options
function parseArgs(argv) {
  const opts = {
    workspace: path.join(repoRoot, 'examples'),
    tests: undefined,
    web: false,
    grep: process.env.CHARTERS_TEST_GREP || undefined,
    timeoutSec: 300,
    keepOpen: false,
    keepTemp: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    if (a === '--web') opts.web = true;
    else if (a === '--grep') opts.grep = val();
    else if (a === '--workspace') opts.workspace = path.resolve(val());
    else if (a === '--tests') opts.tests = path.resolve(val());
    else if (a === '--timeout') opts.timeoutSec = Number(val());
    else if (a === '--keep-open') opts.keepOpen = true;
    else if (a === '--keep-temp') opts.keepTemp = true;
    else if (a === '-h' || a === '--help') usage();
    else usage(`unknown option ${a}`);
  }
  if (!(opts.timeoutSec > 0)) usage('--timeout must be a positive number of seconds');
  opts.tests ??= path.join(repoRoot, 'out', 'test', opts.web ? 'vscode-web' : 'vscode', 'index.js');
  return opts;
}
function usage(msg) {
  if (msg) console.error(`error: ${msg}`);
  console.error(
    'usage: node scripts/vscode-host/run-extension-tests.mjs [--web] [--workspace DIR] [--tests PATH] [--grep PATTERN] [--timeout SECS] [--keep-open] [--keep-temp]',
  );
  process.exit(msg ? 2 : 0);
}

const opts = parseArgs(process.argv.slice(2));
const t0 = Date.now();
const host = opts.web ? 'web' : 'node';
const prefix = opts.web ? 'vscode-host-web' : 'vscode-host';
const log = (msg) => console.log(`[${prefix} ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${msg}`);

const codeServer = codeServerPaths(repoRoot);
const outDir = path.join(repoRoot, 'test-results');
const files = {
  results: path.join(outDir, `${prefix}-results.json`),
  screenshot: path.join(outDir, `${prefix}-final.png`),
  console: path.join(outDir, `${prefix}-console.log`),
  server: path.join(outDir, `${prefix}-server.log`),
};

// ------------------------------------------------------------------ cleanup
// code-server and Chromium are stopped by stopAll() (processes.mjs), here and on signals.
let tmpRoot = null;
let consoleStream = null;
const writeConsole = (line) => {
  if (consoleStream && !consoleStream.writableEnded) consoleStream.write(line);
};
const cleanup = onExitCleanup(
  async () => {
    try {
      await stopAll();
      if (consoleStream) {
        const s = consoleStream;
        consoleStream = null;
        await Promise.race([new Promise((r) => s.end(r)), sleep(2000)]);
      }
    } finally {
      if (tmpRoot && !opts.keepTemp) await removeDir(tmpRoot, log);
    }
  },
  { log },
);

// ------------------------------------------------------------------ helpers
// The text of each notification toast the window shows (what showInformationMessage says).
async function notificationsShown(page) {
  try {
    return await page.locator('.notifications-toasts .notification-toast').allInnerTexts();
  } catch {
    return [];
  }
}

// Screenshots asked for by the tests (test/vscode/screenshot.ts), taken while the
// extension host is still alive (it exits once run() settles), with the notifications on screen.
async function serveScreenshotRequests(page, dir) {
  let names;
  try {
    names = fs.readdirSync(dir).filter((f) => f.endsWith('.request'));
  } catch {
    return;
  }
  for (const f of names) {
    const name = f.slice(0, -'.request'.length).replace(/[^A-Za-z0-9._-]/g, '_');
    const target = path.join(outDir, `${prefix}-${name}.png`);
    let answer;
    try {
      await page.screenshot({ path: target, timeout: 15_000 });
      answer = { path: target, notifications: await notificationsShown(page) };
      log(`screenshot for the suite: ${path.relative(repoRoot, target)}`);
    } catch (e) {
      answer = { error: e.message };
    }
    fs.rmSync(path.join(dir, f), { force: true });
    // written whole, then renamed: the suite polls for the answer
    const done = path.join(dir, `${f.slice(0, -'.request'.length)}.done`);
    fs.writeFileSync(`${done}.tmp`, JSON.stringify(answer));
    fs.renameSync(`${done}.tmp`, done);
  }
}

function readText(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function readResults(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null; // not there yet
  }
}

function printResults(results) {
  console.log('');
  for (const t of results.tests ?? []) {
    const mark = t.state === 'passed' ? '  ✓' : t.state === 'pending' ? '  -' : '  ✗';
    const ms = t.durationMs !== undefined ? ` (${t.durationMs} ms)` : '';
    console.log(`${mark} ${t.title}${t.state === 'pending' ? ' (pending)' : ms}`);
    if (t.error)
      console.log(
        t.error
          .split('\n')
          .map((l) => `      ${l}`)
          .join('\n'),
      );
  }
  console.log('');
  console.log(
    `  ${results.passed ?? 0} passing, ${results.failed ?? 0} failing, ${results.pending ?? 0} pending` +
      (results.durationMs !== undefined
        ? ` (${results.durationMs} ms in ${results.host === 'web' ? "the browser's web worker" : "Node's"} extension host)`
        : ''),
  );
  console.log('');
}

// ------------------------------------------------------------------ main
async function main() {
  if (!fs.existsSync(codeServer.entry)) {
    throw new Error(`code-server is not installed (${codeServer.entry} missing): run bash scripts/vscode-host/setup.sh`);
  }
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} missing: run bash scripts/vscode-host/setup.sh`);
  if (!fs.existsSync(opts.tests)) {
    throw new Error(
      opts.web
        ? `${opts.tests} missing: bundle it first with node scripts/vscode-host/build-web-suite.mjs`
        : `${opts.tests} missing: compile first with npx tsc -p tsconfig.vscode.json && node scripts/emit-css.mjs`,
    );
  }
  const entry = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'))[opts.web ? 'browser' : 'main'];
  if (!fs.existsSync(path.join(repoRoot, entry))) throw new Error(`${entry} missing: build first with npm run build`);

  fs.mkdirSync(outDir, { recursive: true });
  for (const f of [files.results, files.screenshot]) fs.rmSync(f, { force: true });
  consoleStream = fs.createWriteStream(files.console);

  // Fresh temp dirs: profile, extensions, results and a COPY of the workspace.
  tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'charters-vscode-host-'));
  const userDataDir = path.join(tmpRoot, 'user-data');
  const extensionsDir = path.join(tmpRoot, 'extensions');
  const workspace = path.join(tmpRoot, 'workspace');
  const resultsTmp = path.join(tmpRoot, 'results.json');
  const shotsDir = path.join(tmpRoot, 'screenshot-requests');
  fs.mkdirSync(shotsDir);
  // The suite's settings, beside the workspace folder (test/vscode/testRun.ts): environment
  // variables would not reach a web worker, a file reached through vscode.workspace.fs does.
  fs.writeFileSync(
    path.join(tmpRoot, 'charters-test-run.json'),
    JSON.stringify({
      results: path.basename(resultsTmp),
      screenshots: path.basename(shotsDir),
      grep: opts.grep,
      // a test's own limit (ms); the suite's default is 60000
      timeoutMs: Number(process.env.CHARTERS_TEST_TIMEOUT) || undefined,
    }),
  );
  fs.mkdirSync(userDataDir);
  fs.mkdirSync(extensionsDir);
  if (opts.web) {
    // What puts the extension (and so its tests: they run in the host of the extension whose folder
    // holds them) in the browser's web worker extension host, as vscode.dev and github.dev run it.
    // The payload's extensionDevelopmentKind below says the same, but code-server 4.100's web
    // workbench reads it under another name (extensionDevelopmentLocationKind) and ignores it.
    fs.mkdirSync(path.join(userDataDir, 'User'));
    fs.writeFileSync(
      path.join(userDataDir, 'User', 'settings.json'),
      JSON.stringify({ 'remote.extensionKind': { 'product-charters.product-charters': ['web'] } }, null, 2),
    );
  }
  if (!fs.existsSync(opts.workspace)) {
    log(`${opts.workspace} does not exist yet: creating it (empty)`);
    fs.mkdirSync(opts.workspace, { recursive: true });
  }
  fs.cpSync(opts.workspace, workspace, { recursive: true });
  log(`workspace: copy of ${path.relative(repoRoot, opts.workspace) || '.'} at ${workspace}`);

  // ---- code-server
  const port = await freePort();
  const serverProc = await startCodeServer({
    entry: codeServer.entry,
    cwd: codeServer.cwd,
    port,
    userDataDir,
    extensionsDir,
    folder: workspace,
    logFile: files.server,
    log,
    env: {
      ...process.env,
      // code-server writes config.yaml / state under these: keep them out of $HOME
      XDG_CONFIG_HOME: path.join(tmpRoot, 'xdg-config'),
      XDG_DATA_HOME: path.join(tmpRoot, 'xdg-data'),
    },
  });

  // ---- Chromium
  const { page } = await launchChromium({ log });
  const stamp = () => new Date().toISOString();
  // VS Code logs with printf-style '%c'/'%s' formats: format the real arguments like Node would.
  let consoleChain = Promise.resolve();
  page.on('console', (m) => {
    const at = stamp();
    consoleChain = consoleChain.then(async () => {
      let text;
      try {
        const parts = await Promise.all(m.args().map((a) => a.jsonValue()));
        if (typeof parts[0] === 'string' && parts[0].startsWith('%c') && parts.length >= 2) {
          // VS Code's log forwarding: ('%c INFO', 'color: …', fmt, ...args)
          const rest = parts.slice(2);
          text = `${parts[0].slice(2).trim()} ${rest.length ? format(...rest) : ''}`.trimEnd();
        } else {
          text = parts.length ? format(...parts) : m.text();
        }
      } catch {
        text = m.text();
      }
      writeConsole(`${at} [${m.type()}] ${text}\n`);
    });
  });
  page.on('pageerror', (e) => writeConsole(`${stamp()} [pageerror] ${e.stack ?? e.message}\n`));
  page.on('crash', () => writeConsole(`${stamp()} [crash] page crashed\n`));

  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(repoRoot)],
    ['extensionTestsPath', remote(opts.tests)],
    // the extension and the tests in the browser's web worker extension host
    ...(opts.web ? [['extensionDevelopmentKind', 'web']] : []),
  ];
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}` + `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  log(`opening ${url}`);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });

  // ---- wait for the suite's results file
  const deadline = t0 + opts.timeoutSec * 1000;
  let results = null;
  let lastNote = Date.now();
  let lastLogCheck = 0;
  let hostExitedAt = 0;
  let hostExitCode = '';
  let failure = '';
  while (!(results = readResults(resultsTmp))) {
    if (Date.now() > deadline) break;
    if (serverProc.exitCode !== null || serverProc.signalCode) {
      throw new Error(`code-server exited while the tests ran; see ${files.server}`);
    }
    await serveScreenshotRequests(page, shotsDir);
    // The extension host exits once run() settles; if it exited without results (the suite
    // failed to load, or crashed), give the file a short grace period, then stop waiting.
    if (!hostExitedAt && Date.now() - lastLogCheck > 1000) {
      lastLogCheck = Date.now();
      const m = /Extension Host Process exited with code: (\S+?),/.exec(readText(files.server));
      if (m) {
        hostExitedAt = Date.now();
        hostExitCode = m[1];
      }
    }
    if (hostExitedAt && Date.now() - hostExitedAt > 5000) {
      await sleep(500);
      if ((results = readResults(resultsTmp))) break;
      failure =
        `the extension host exited (code ${hostExitCode}) without writing results: did the suite load? ` + `see ${path.relative(repoRoot, files.console)}`;
      break;
    }
    if (Date.now() - lastNote > 30_000) {
      log('still waiting for the test results…');
      lastNote = Date.now();
    }
    await sleep(500);
  }

  // Screenshot whatever the window shows now (after the run, or at the timeout).
  await sleep(1000);
  try {
    await page.screenshot({ path: files.screenshot, timeout: 15_000 });
    log(`screenshot: ${path.relative(repoRoot, files.screenshot)}`);
  } catch (e) {
    log(`screenshot failed: ${e.message}`);
  }

  if (failure) {
    log(`FAIL: ${failure}`);
    return 1;
  }
  if (!results) {
    log(`TIMEOUT: no results after ${opts.timeoutSec}s; see ${path.relative(repoRoot, files.console)} and ${path.relative(repoRoot, files.server)}`);
    return 1;
  }
  fs.writeFileSync(files.results, JSON.stringify(results, null, 2));
  printResults(results);
  const total = (results.tests ?? []).length;
  const inHost = results.host === host;
  const ok = inHost && (results.failed ?? 0) === 0 && (results.passed ?? 0) > 0 && total > 0;
  log(
    !inHost
      ? `FAIL: the suite ran in the ${results.host} extension host, not the ${host} one`
      : ok
        ? `PASS (${results.passed} tests${results.pending ? `, ${results.pending} pending` : ''})`
        : (results.passed ?? 0) === 0 && !(results.failed > 0)
          ? 'FAIL: no test ran'
          : `FAIL: ${results.failed} failing`,
  );

  if (opts.keepOpen) {
    log(`--keep-open: code-server still serving http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)} — Ctrl-C to stop`);
    await new Promise(() => {}); // until a signal handler exits
  }
  return ok ? 0 : 1;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (err) {
  // After a signal, cleanup() kills code-server under main(): that error is expected noise.
  if (!cleanup.started) log(`ERROR: ${err?.stack ?? err}`);
  exitCode = 1;
} finally {
  await cleanup();
}
log(`done in ${((Date.now() - t0) / 1000).toFixed(1)}s, exit code ${exitCode}`);
process.exit(exitCode);

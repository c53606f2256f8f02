#!/usr/bin/env node
// Runs the extension-host test suite (out/test/vscode/index.js) inside a real VS Code:
// code-server (installed by scripts/vscode-host/setup.sh) on 127.0.0.1, driven by Debian's
// Chromium through playwright-core. The page opens an "[Extension Development Host]" window
// whose extension host loads this repo as the extension under development and calls the
// suite's run(); the suite writes its results to $CHARTERS_TEST_RESULTS, which we wait for.
//
//   node scripts/vscode-host/run-extension-tests.mjs [--workspace DIR] [--tests PATH]
//        [--timeout SECONDS] [--keep-open] [--keep-temp]
//
//   --workspace DIR   folder to COPY into a fresh temp workspace (default examples)
//   --tests PATH      compiled suite entry (default out/test/vscode/index.js)
//   --timeout SECS    overall limit for the suite (default 300)
//   --keep-open       after the results arrive, leave code-server + Chromium running
//                     (prints the URL; Ctrl-C ends both)
//   --keep-temp       do not delete the temp profile/workspace dir (for debugging)
//
// Outputs, in <repo>/test-results/:
//   vscode-host-results.json   the suite's results file
//   vscode-host-final.png      screenshot of the workbench after the run
//   vscode-host-console.log    the page's console (includes extension-host log lines)
//   vscode-host-server.log     code-server's stdout/stderr
// Exit code 0 only if at least one test ran and none failed.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { format } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const require = createRequire(path.join(repoRoot, 'package.json'));

// ------------------------------------------------------------------ options
function parseArgs(argv) {
  const opts = {
    workspace: path.join(repoRoot, 'examples'),
    tests: path.join(repoRoot, 'out', 'test', 'vscode', 'index.js'),
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
    if (a === '--workspace') opts.workspace = path.resolve(val());
    else if (a === '--tests') opts.tests = path.resolve(val());
    else if (a === '--timeout') opts.timeoutSec = Number(val());
    else if (a === '--keep-open') opts.keepOpen = true;
    else if (a === '--keep-temp') opts.keepTemp = true;
    else if (a === '-h' || a === '--help') usage();
    else usage(`unknown option ${a}`);
  }
  if (!(opts.timeoutSec > 0)) usage('--timeout must be a positive number of seconds');
  return opts;
}
function usage(msg) {
  if (msg) console.error(`error: ${msg}`);
  console.error('usage: node scripts/vscode-host/run-extension-tests.mjs [--workspace DIR] [--tests PATH] [--timeout SECS] [--keep-open] [--keep-temp]');
  process.exit(msg ? 2 : 0);
}

const opts = parseArgs(process.argv.slice(2));
const t0 = Date.now();
const log = (msg) => console.log(`[vscode-host ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// VSCODE_HOST_DIR: same override as setup.sh (default <repo>/.vscode-host)
const hostDir = process.env.VSCODE_HOST_DIR ? path.resolve(process.env.VSCODE_HOST_DIR) : path.join(repoRoot, '.vscode-host');
const csEntry = path.join(hostDir, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const chromiumPath = '/usr/bin/chromium';
const outDir = path.join(repoRoot, 'test-results');
const files = {
  results: path.join(outDir, 'vscode-host-results.json'),
  screenshot: path.join(outDir, 'vscode-host-final.png'),
  console: path.join(outDir, 'vscode-host-console.log'),
  server: path.join(outDir, 'vscode-host-server.log'),
};

// ------------------------------------------------------------------ cleanup state
let serverProc = null; // ChildProcess of code-server (own process group)
let browserServer = null; // playwright BrowserServer (owns the Chromium process)
let browser = null; // playwright Browser connected to it
let browserPid = null;
let tmpRoot = null;
let consoleStream = null;
const writeConsole = (line) => {
  if (consoleStream && !consoleStream.writableEnded) consoleStream.write(line);
};
let cleaningUp = null;

function killGroup(pid, signal) {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    try { process.kill(pid, signal); } catch { /* already gone */ }
  }
}
function alive(pid) {
  try { process.kill(pid, 0); return true; } catch { return false; }
}
async function waitGone(pid, ms) {
  const end = Date.now() + ms;
  while (alive(pid) && Date.now() < end) await sleep(100);
  return !alive(pid);
}

// Live (non-zombie) members of a process group, from /proc (Linux); zombies left for
// pid 1 to reap do not count. Without /proc: kill(-pgid, 0) (zombies count there).
function groupAlive(pgid) {
  let pids;
  try {
    pids = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    try { process.kill(-pgid, 0); return true; } catch { return false; }
  }
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // state ppid pgrp ...
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') return true;
    } catch { /* exited meanwhile */ }
  }
  return false;
}
async function waitGroupGone(pgid, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!groupAlive(pgid)) return true;
    await sleep(100);
  }
  return false;
}

async function cleanup() {
  if (cleaningUp) return cleaningUp;
  cleaningUp = (async () => {
   try {
    if (browser) await Promise.race([browser.close().catch(() => {}), sleep(3000)]);
    if (browserServer) await Promise.race([browserServer.close().catch(() => {}), sleep(5000)]);
    if (browserPid) {
      killGroup(browserPid, 'SIGKILL');
      await waitGroupGone(browserPid, 3000);
      await waitGone(browserPid, 3000);
    }
    if (serverProc?.pid) {
      const pid = serverProc.pid;
      killGroup(pid, 'SIGTERM');
      if (!(await waitGone(pid, 5000))) killGroup(pid, 'SIGKILL');
      await waitGone(pid, 2000);
      killGroup(pid, 'SIGKILL'); // stragglers (extension host, watchers) left in the group
      await waitGroupGone(pid, 5000);
    }
    if (consoleStream) {
      const s = consoleStream;
      consoleStream = null;
      await Promise.race([new Promise((r) => s.end(r)), sleep(2000)]);
    }
   } catch (e) {
     log(`cleanup: ${e?.message ?? e}`);
   }
    if (tmpRoot && !opts.keepTemp) {
      for (let i = 0; i < 5; i++) {
        try {
          fs.rmSync(tmpRoot, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
          break;
        } catch (e) {
          if (i === 4) log(`could not remove ${tmpRoot}: ${e.message}`);
          await sleep(300);
        }
      }
    }
  })();
  return cleaningUp;
}
// Last resort if something calls process.exit() without going through cleanup().
process.on('exit', () => {
  if (browserPid) killGroup(browserPid, 'SIGKILL');
  if (serverProc?.pid) killGroup(serverProc.pid, 'SIGKILL');
});
for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
  process.on(sig, () => {
    log(`${sig}: stopping code-server and Chromium`);
    cleanup().finally(() => process.exit(code));
  });
}

// ------------------------------------------------------------------ helpers
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForServer(url, proc, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (proc.exitCode !== null || proc.signalCode) {
      throw new Error(`code-server exited early (code ${proc.exitCode}, signal ${proc.signalCode}); see ${files.server}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch { /* not yet */ }
    await sleep(250);
  }
  throw new Error(`code-server did not answer ${url} within ${ms / 1000}s; see ${files.server}`);
}

// Screenshots asked for by the tests (test/vscode/screenshot.ts), taken while the
// extension host is still alive (it exits once run() settles).
async function serveScreenshotRequests(page, dir) {
  let names;
  try {
    names = fs.readdirSync(dir).filter((f) => f.endsWith('.request'));
  } catch {
    return;
  }
  for (const f of names) {
    const name = f.slice(0, -'.request'.length).replace(/[^A-Za-z0-9._-]/g, '_');
    const target = path.join(outDir, `vscode-host-${name}.png`);
    let answer;
    try {
      await page.screenshot({ path: target, timeout: 15_000 });
      answer = { path: target };
      log(`screenshot for the suite: ${path.relative(repoRoot, target)}`);
    } catch (e) {
      answer = { error: e.message };
    }
    fs.rmSync(path.join(dir, f), { force: true });
    fs.writeFileSync(path.join(dir, `${f.slice(0, -'.request'.length)}.done`), JSON.stringify(answer));
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
    if (t.error) console.log(t.error.split('\n').map((l) => `      ${l}`).join('\n'));
  }
  console.log('');
  console.log(`  ${results.passed ?? 0} passing, ${results.failed ?? 0} failing, ${results.pending ?? 0} pending` +
    (results.durationMs !== undefined ? ` (${results.durationMs} ms in the extension host)` : ''));
  console.log('');
}

// ------------------------------------------------------------------ main
async function main() {
  if (!fs.existsSync(csEntry)) {
    throw new Error(`code-server is not installed (${csEntry} missing): run bash scripts/vscode-host/setup.sh`);
  }
  if (!fs.existsSync(chromiumPath)) throw new Error(`${chromiumPath} missing: run bash scripts/vscode-host/setup.sh`);
  if (!fs.existsSync(opts.tests)) {
    throw new Error(`${opts.tests} missing: compile first with npx tsc -p tsconfig.vscode.json`);
  }
  const { chromium } = require('playwright-core');

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
  fs.mkdirSync(userDataDir);
  fs.mkdirSync(extensionsDir);
  if (!fs.existsSync(opts.workspace)) {
    log(`${opts.workspace} does not exist yet: creating it (empty)`);
    fs.mkdirSync(opts.workspace, { recursive: true });
  }
  fs.cpSync(opts.workspace, workspace, { recursive: true });
  log(`workspace: copy of ${path.relative(repoRoot, opts.workspace) || '.'} at ${workspace}`);

  // ---- code-server
  const port = await freePort();
  const serverLog = fs.openSync(files.server, 'w');
  const args = [
    csEntry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    workspace,
  ];
  serverProc = spawn(process.execPath, args, {
    cwd: path.dirname(path.dirname(path.dirname(path.dirname(csEntry)))), // .vscode-host/code-server
    detached: true, // own process group, so the extension host etc. die with it
    stdio: ['ignore', serverLog, serverLog],
    env: {
      ...process.env,
      CHARTERS_TEST_RESULTS: resultsTmp,
      CHARTERS_TEST_WORKSPACE: workspace,
      // test/vscode/screenshot.ts drops <name>.request here; we answer with <name>.done
      CHARTERS_SCREENSHOT_REQUESTS: shotsDir,
      // code-server writes config.yaml / state under these: keep them out of $HOME
      XDG_CONFIG_HOME: path.join(tmpRoot, 'xdg-config'),
      XDG_DATA_HOME: path.join(tmpRoot, 'xdg-data'),
    },
  });
  fs.closeSync(serverLog);
  serverProc.on('error', (e) => log(`code-server spawn error: ${e.message}`));
  log(`code-server pid ${serverProc.pid} on http://127.0.0.1:${port} (log: ${path.relative(repoRoot, files.server)})`);
  await waitForServer(`http://127.0.0.1:${port}/healthz`, serverProc, 60_000);
  log('code-server is serving');

  // ---- Chromium
  // launchServer (not launch) so we know Chromium's process id and can kill its group.
  browserServer = await chromium.launchServer({
    executablePath: chromiumPath,
    // Playwright's own handlers would process.exit(130) on SIGINT before our cleanup ran.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  browserPid = browserServer.process()?.pid ?? null;
  browser = await chromium.connect(browserServer.wsEndpoint());
  log(`chromium pid ${browserPid}`);
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
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
  ];
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}` +
    `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
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
      failure = `the extension host exited (code ${hostExitCode}) without writing results: did the suite load? ` +
        `see ${path.relative(repoRoot, files.console)}`;
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
  const ok = (results.failed ?? 0) === 0 && (results.passed ?? 0) > 0 && total > 0;
  log(ok ? `PASS (${results.passed} tests)` : (results.passed ?? 0) === 0 && !(results.failed > 0)
    ? 'FAIL: no test ran'
    : `FAIL: ${results.failed} failing`);

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
  if (!cleaningUp) log(`ERROR: ${err?.stack ?? err}`);
  exitCode = 1;
} finally {
  await cleanup();
}
log(`done in ${((Date.now() - t0) / 1000).toFixed(1)}s, exit code ${exitCode}`);
process.exit(exitCode);

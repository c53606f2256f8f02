// Process management shared by the scripts that run a real VS Code in a browser:
// scripts/vscode-host/run-extension-tests.mjs (the extension-host suite) and
// test/e2e/e2e.mjs (the packaged .vsix). Both start code-server (installed by
// scripts/vscode-host/setup.sh) on 127.0.0.1 and drive Debian's Chromium through
// playwright-core, and both must leave no process and no temp dir behind, however they end:
// normally, on an error, or on SIGINT/SIGTERM/SIGHUP.
//
// Everything started here is remembered, so stopAll() (and, as a last resort, the 'exit'
// handler installed by onExitCleanup()) can stop it even if the caller was interrupted
// half-way through starting it.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Where setup.sh installed code-server: VSCODE_HOST_DIR, same override as setup.sh (default <repo>/.vscode-host). */
export function codeServerPaths(repoRoot) {
  const hostDir = process.env.VSCODE_HOST_DIR ? path.resolve(process.env.VSCODE_HOST_DIR) : path.join(repoRoot, '.vscode-host');
  const cwd = path.join(hostDir, 'code-server');
  return { hostDir, cwd, entry: path.join(cwd, 'node_modules', 'code-server', 'out', 'node', 'entry.js') };
}

// ------------------------------------------------------------------ process groups
export function killGroup(pid, signal) {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
  }
}
export function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
export async function waitGone(pid, ms) {
  const end = Date.now() + ms;
  while (alive(pid) && Date.now() < end) await sleep(100);
  return !alive(pid);
}

// Live (non-zombie) members of a process group, from /proc (Linux); zombies left for
// pid 1 to reap do not count. Without /proc: kill(-pgid, 0) (zombies count there).
export function groupAlive(pgid) {
  let pids;
  try {
    pids = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  }
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // state ppid pgrp ...
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') return true;
    } catch {
      /* exited meanwhile */
    }
  }
  return false;
}
export async function waitGroupGone(pgid, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!groupAlive(pgid)) return true;
    await sleep(100);
  }
  return false;
}

export function freePort() {
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

// ------------------------------------------------------------------ what we started
const servers = []; // code-server ChildProcesses, each the leader of its own process group
const browsers = []; // { browserServer, browser, pid } per Chromium, filled in as it starts

// ------------------------------------------------------------------ code-server
export async function waitForServer(url, proc, ms, logFile) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (proc.exitCode !== null || proc.signalCode) {
      throw new Error(`code-server exited early (code ${proc.exitCode}, signal ${proc.signalCode}); see ${logFile}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      /* not yet */
    }
    await sleep(250);
  }
  throw new Error(`code-server did not answer ${url} within ${ms / 1000}s; see ${logFile}`);
}

/**
 * Starts code-server on 127.0.0.1:port serving `folder`, with its output in `logFile`, and
 * waits until it answers /healthz. Resolves with the ChildProcess (stopAll() stops it).
 */
export async function startCodeServer({ entry, cwd, port, userDataDir, extensionsDir, folder, env, logFile, log = () => {}, timeoutMs = 60_000 }) {
  const args = [
    entry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    folder,
  ];
  const out = fs.openSync(logFile, 'w');
  let proc;
  try {
    proc = spawn(process.execPath, args, {
      cwd,
      detached: true, // own process group, so the extension host etc. die with it
      stdio: ['ignore', out, out],
      env,
    });
  } finally {
    fs.closeSync(out);
  }
  servers.push(proc);
  proc.on('error', (e) => log(`code-server spawn error: ${e.message}`));
  log(`code-server pid ${proc.pid} on http://127.0.0.1:${port} (log: ${path.relative(process.cwd(), logFile)})`);
  await waitForServer(`http://127.0.0.1:${port}/healthz`, proc, timeoutMs, logFile);
  log('code-server is serving');
  return proc;
}

async function stopCodeServer(proc) {
  const pid = proc.pid;
  if (!pid) return;
  killGroup(pid, 'SIGTERM');
  if (!(await waitGone(pid, 5000))) killGroup(pid, 'SIGKILL');
  await waitGone(pid, 2000);
  killGroup(pid, 'SIGKILL'); // stragglers (extension host, file watchers) left in the group
  await waitGroupGone(pid, 5000);
}

// ------------------------------------------------------------------ Chromium
/**
 * Launches Chromium (playwright-core) and opens one page with a 1400x900 viewport.
 * Resolves with { browser, page, pid } (stopAll() closes it).
 */
export async function launchChromium({ executablePath = CHROMIUM_PATH, viewport = { width: 1400, height: 900 }, log = () => {} } = {}) {
  const { chromium } = require('playwright-core');
  const entry = { browserServer: null, browser: null, pid: null };
  browsers.push(entry);
  // launchServer (not launch) so we know Chromium's process id and can kill its group.
  entry.browserServer = await chromium.launchServer({
    executablePath,
    // Playwright's own handlers would process.exit(130) on SIGINT before our cleanup ran
    // (onExitCleanup() installs ours).
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: CHROMIUM_ARGS,
  });
  entry.pid = entry.browserServer.process()?.pid ?? null;
  entry.browser = await chromium.connect(entry.browserServer.wsEndpoint());
  log(`chromium pid ${entry.pid}`);
  const context = await entry.browser.newContext({ viewport });
  const page = await context.newPage();
  return { browser: entry.browser, page, pid: entry.pid };
}

async function stopChromium({ browser, browserServer, pid }) {
  if (browser) await Promise.race([browser.close().catch(() => {}), sleep(3000)]);
  if (browserServer) await Promise.race([browserServer.close().catch(() => {}), sleep(5000)]);
  if (pid) {
    // Playwright starts Chromium in its own process group; closing it can leave children of
    // that group running (the crash reporter, chrome_crashpad_handler, for one): kill the group.
    killGroup(pid, 'SIGKILL');
    await waitGroupGone(pid, 3000);
    await waitGone(pid, 3000);
  }
}

// ------------------------------------------------------------------ cleanup
/** Closes every Chromium, then stops every code-server and what it started; safe to call again. */
export async function stopAll() {
  for (const b of browsers.splice(0)) await stopChromium(b);
  for (const s of servers.splice(0)) await stopCodeServer(s);
}

/** Removes a temp dir, retrying a little (processes that just died may still be closing files). */
export async function removeDir(dir, log = () => {}) {
  for (let i = 0; i < 5; i++) {
    try {
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
      return;
    } catch (e) {
      if (i === 4) log(`could not remove ${dir}: ${e.message}`);
      await sleep(300);
    }
  }
}

/**
 * Makes `cleanup` (async; typically stopAll(), then removing temp dirs) run at most once, and
 * also on SIGINT/SIGTERM/SIGHUP, after which the process exits 130/143/129. If anything calls
 * process.exit() without going through it, an 'exit' handler still SIGKILLs every process
 * group started here. Returns the run-once cleanup; its `started` is true once it has begun
 * (errors thrown under an interrupted main() after that are expected noise).
 */
export function onExitCleanup(cleanup, { log = console.error } = {}) {
  let running = null;
  const once = () => {
    if (running) return running;
    once.started = true;
    running = (async () => {
      try {
        await cleanup();
      } catch (e) {
        log(`cleanup: ${e?.message ?? e}`);
      }
    })();
    return running;
  };
  once.started = false;
  // Last resort if something calls process.exit() without going through cleanup().
  process.on('exit', () => {
    for (const b of browsers) killGroup(b.pid, 'SIGKILL');
    for (const s of servers) killGroup(s.pid, 'SIGKILL');
  });
  for (const [sig, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ]) {
    process.on(sig, () => {
      log(`${sig}: stopping code-server and Chromium`);
      once().finally(() => process.exit(code));
    });
  }
  return once;
}

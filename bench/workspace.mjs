// A generated workspace with cross references: cold index, peak RSS, rename → dependents' diagnostics, `charters lint`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { uriOf } from './lib/lspClient.mjs';
import { writeWorkspace } from './lib/generate.mjs';
import { summarize, sleep } from './lib/stats.mjs';
import { DIST, startOurs } from './editor.mjs';

// dist/cli.js runs the command line when loaded (bin/charters.js only requires it)
const CLI = path.join(DIST, 'cli.js');

/** Wall time of `charters lint DIR --format json`, and its peak RSS (polled from /proc). */
function timeLint(dir) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, 'lint', dir, '--format', 'json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let bytes = 0;
    let stderr = '';
    let peak = 0;
    child.stdout.on('data', (chunk) => (bytes += chunk.length));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const poll = setInterval(() => {
      try {
        const match = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (match) peak = Math.max(peak, Number(match[1]) / 1024);
      } catch {
        // gone
      }
    }, 50);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(poll);
      if (code !== 0 && code !== 1) reject(new Error(`charters lint exited ${code}: ${stderr.slice(-500)}`));
      else resolve({ ms: performance.now() - started, bytes, peakRssMb: peak });
    });
  });
}

const hasUnresolved = (params) => params.diagnostics.some((d) => d.code === 'unresolved-reference');

export async function runWorkspace({ tmp, quick, log, sizes = [1000, 10000] }) {
  const rows = [];
  for (const count of sizes) {
    const dir = fs.mkdtempSync(path.join(tmp, `ws-${count}-`));
    const generatedAt = performance.now();
    const ws = writeWorkspace(dir, count);
    log(`  workspace of ${ws.files.length} documents written in ${Math.round(performance.now() - generatedAt)} ms`);
    const client = startOurs();
    let indexMs;
    let serverIndexMs;
    let firstDiagnosticsMs;
    const renameSamples = [];
    const restoreSamples = [];
    let peak;
    try {
      const initializedAt = performance.now();
      await client.initialize(dir);
      // open the manager's role (role 1: 8 direct reports, a large subtree) and a direct report of it
      const managerFile = ws.rolePath(1);
      const dependentFile = ws.rolePath(9);
      const managerUri = uriOf(managerFile);
      const dependentUri = uriOf(dependentFile);
      const managerText = fs.readFileSync(managerFile, 'utf8');
      const firstDependent = client.nextDiagnostics(dependentUri, () => true, 300000);
      const indexed = client.waitForLog(/Indexed (\d+) charter documents in (\d+) ms/, 300000);
      await client.open(managerUri, managerText, 'charters');
      await client.open(dependentUri, fs.readFileSync(dependentFile, 'utf8'), 'charters');
      const log1 = await indexed;
      indexMs = log1.at - initializedAt;
      serverIndexMs = Number(log1.match[2]);
      const first = await firstDependent;
      firstDiagnosticsMs = first.at - initializedAt;
      // let the post-index revalidation settle before timing renames
      await sleep(500);
      const idLine = managerText.split('\n').findIndex((line) => line.startsWith('id: '));
      const oldId = ws.roleId(1);
      const renames = quick ? 2 : count >= 10000 ? 4 : 6;
      for (let i = 0; i < renames; i++) {
        const range = { start: { line: idLine, character: 4 }, end: { line: idLine, character: 4 + oldId.length } };
        let published = client.nextDiagnostics(dependentUri, hasUnresolved, 120000);
        let sent = await client.change(managerUri, range, `${oldId}-renamed`);
        renameSamples.push((await published).at - sent.at);
        await sleep(200);
        const back = { start: { line: idLine, character: 4 }, end: { line: idLine, character: 4 + oldId.length + '-renamed'.length } };
        published = client.nextDiagnostics(dependentUri, (params) => !hasUnresolved(params), 120000);
        sent = await client.change(managerUri, back, oldId);
        restoreSamples.push((await published).at - sent.at);
        await sleep(200);
        // a pathologically slow build gets one round, not several: the suite must stay short
        if (renameSamples[0] + restoreSamples[0] > 10000) break;
      }
      peak = client.peakRssMb();
      log(
        `  server on ${count} documents: indexed ${log1.match[1]} in ${serverIndexMs} ms (server's count); rename → dependent median ${summarize(renameSamples).median} ms`,
      );
    } finally {
      await client.stop();
    }
    const lintRuns = quick ? 1 : count >= 10000 ? 3 : 2;
    const lint = [];
    let lintPeak = 0;
    for (let i = 0; i < lintRuns; i++) {
      const result = await timeLint(dir);
      lint.push(result.ms);
      lintPeak = Math.max(lintPeak, result.peakRssMb);
    }
    log(`  charters lint on ${count} documents: ${Math.round(lint[0])} ms`);
    fs.rmSync(dir, { recursive: true, force: true });
    rows.push(
      {
        id: `workspace.index.${count}`,
        group: 'workspace',
        name: `cold index, initialize → "Indexed" log, ${count} docs`,
        unit: 'ms',
        ours: summarize([indexMs]),
        note: `server's own figure: ${serverIndexMs} ms`,
      },
      {
        id: `workspace.firstDiagnostics.${count}`,
        group: 'workspace',
        name: `initialize → first diagnostics of an open doc, ${count} docs`,
        unit: 'ms',
        ours: summarize([firstDiagnosticsMs]),
      },
      { id: `workspace.rss.${count}`, group: 'workspace', name: `server peak RSS (VmHWM), ${count} docs`, unit: 'MB', ours: summarize([peak]) },
      {
        id: `workspace.rename.${count}`,
        group: 'workspace',
        name: `rename a manager's id → open dependent's diagnostics, ${count} docs`,
        unit: 'ms',
        ours: summarize(renameSamples),
      },
      {
        id: `workspace.renameBack.${count}`,
        group: 'workspace',
        name: `  rename back → diagnostics cleared, ${count} docs`,
        unit: 'ms',
        ours: summarize(restoreSamples),
      },
      {
        id: `workspace.lint.${count}`,
        group: 'workspace',
        name: `charters lint (wall), ${count} docs`,
        unit: 'ms',
        ours: summarize(lint),
        note: `peak RSS ${Math.round(lintPeak)} MB`,
      },
    );
  }
  return rows;
}

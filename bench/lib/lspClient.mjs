// A minimal LSP client over stdio that drives a server as an editor does, and times it.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import rpc from 'vscode-jsonrpc/node';

export const uriOf = (file) => pathToFileURL(file).toString();

/** Every server this process started, killed if the benchmark ends early. */
const live = new Set();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export class BenchClient {
  /**
   * @param {string[]} args node arguments (script first)
   * @param {{configuration?: (item: {section?: string}) => unknown, cwd?: string}} options
   */
  constructor(args, { configuration = () => null, cwd } = {}) {
    this.spawnedAt = performance.now();
    this.process = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'], cwd });
    live.add(this.process);
    this.process.once('exit', () => live.delete(this.process));
    this.stderr = '';
    this.process.stderr.on('data', (chunk) => (this.stderr += chunk));
    this.connection = rpc.createMessageConnection(new rpc.StreamMessageReader(this.process.stdout), new rpc.StreamMessageWriter(this.process.stdin));
    this.diagnostics = new Map();
    this.waiters = [];
    this.logs = [];
    this.logWaiters = [];
    this.versions = new Map();
    this.connection.onNotification('textDocument/publishDiagnostics', (params) => {
      const at = performance.now();
      this.diagnostics.set(params.uri, { ...params, at });
      for (const waiter of [...this.waiters]) {
        if (waiter.uri === params.uri && waiter.test(params)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve({ ...params, at });
        }
      }
    });
    this.connection.onNotification('window/logMessage', (params) => {
      const at = performance.now();
      this.logs.push({ ...params, at });
      for (const waiter of [...this.logWaiters]) {
        const match = waiter.pattern.exec(params.message);
        if (match) {
          this.logWaiters.splice(this.logWaiters.indexOf(waiter), 1);
          waiter.resolve({ match, at });
        }
      }
    });
    this.connection.onNotification('window/showMessage', () => {});
    this.connection.onNotification('telemetry/event', () => {});
    this.connection.onNotification(() => {});
    this.connection.onRequest('workspace/configuration', (params) => params.items.map((item) => configuration(item)));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('client/unregisterCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('window/showMessageRequest', () => null);
    this.connection.onRequest('workspace/workspaceFolders', () => this.folders ?? null);
    this.connection.onRequest(() => null);
    this.connection.listen();
  }

  get pid() {
    return this.process.pid;
  }

  async initialize(folder, extraCapabilities = {}) {
    this.folders = folder ? [{ uri: uriOf(folder), name: path.basename(folder) }] : null;
    const started = performance.now();
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folder ? uriOf(folder) : null,
      workspaceFolders: this.folders,
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
        },
        textDocument: {
          publishDiagnostics: { versionSupport: true },
          synchronization: { dynamicRegistration: true, didSave: true },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
        ...extraCapabilities,
      },
    });
    const answered = performance.now();
    await this.connection.sendNotification('initialized', {});
    return { result, sinceSpawn: answered - this.spawnedAt, roundTrip: answered - started };
  }

  notify(method, params) {
    return this.connection.sendNotification(method, params);
  }

  open(uri, text, languageId = 'yaml') {
    this.versions.set(uri, 1);
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** One incremental change; resolves with the time it was written. */
  async change(uri, range, text) {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const at = performance.now();
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return { version, at };
  }

  /** The next publishDiagnostics for `uri` (published after `after`) that passes `test`. */
  nextDiagnostics(uri, test = () => true, timeoutMs = 20000) {
    return new Promise((resolve, reject) => {
      const waiter = {
        uri,
        test,
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
      };
      this.waiters.push(waiter);
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`));
      }, timeoutMs);
    });
  }

  waitForLog(pattern, timeoutMs = 120000) {
    const done = this.logs.find((log) => pattern.test(log.message));
    if (done) return Promise.resolve({ match: pattern.exec(done.message), at: done.at });
    return new Promise((resolve, reject) => {
      const waiter = {
        pattern,
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
      };
      this.logWaiters.push(waiter);
      const timer = setTimeout(() => reject(new Error(`no log matching ${pattern} within ${timeoutMs} ms; stderr: ${this.stderr.slice(-500)}`)), timeoutMs);
    });
  }

  async timedRequest(method, params) {
    const started = performance.now();
    const result = await this.connection.sendRequest(method, params);
    return { result, ms: performance.now() - started };
  }

  /** Peak resident set size of the server process, in MB (Linux only). */
  peakRssMb() {
    try {
      const status = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const match = /VmHWM:\s+(\d+)\s+kB/.exec(status);
      return match ? Number(match[1]) / 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  async stop() {
    const exited = new Promise((resolve) => (this.process.exitCode !== null || this.process.signalCode ? resolve() : this.process.once('exit', resolve)));
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}

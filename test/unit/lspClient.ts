// A minimal LSP client over stdio, driving the server the way an editor does: the bundled
// dist/server.js, or (package.test.ts) the charters-language-server that the npm package installs.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { REPO_ROOT } from './repoRoot';

/** A language server to test, and how to start it over stdio (resolved when a client starts it). */
export interface ServerUnderTest {
  name: string;
  start: () => { command: string; args: string[]; env?: NodeJS.ProcessEnv };
}

export const BUNDLED_SERVER: ServerUnderTest = {
  name: 'dist/server.js',
  start: () => ({ command: process.execPath, args: [path.join(REPO_ROOT, 'dist', 'server.js'), '--stdio'] }),
};

let serverUnderTest = BUNDLED_SERVER;

/** The server that clients created from now on start (package.test.ts sets the installed one). */
export function setServerUnderTest(server: ServerUnderTest): void {
  serverUnderTest = server;
}

export function currentServerUnderTest(): ServerUnderTest {
  return serverUnderTest;
}

export class LspClient {
  readonly connection: MessageConnection;
  private readonly process: ChildProcess;
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** For each document, how many times the server sent again what it had just sent (same version, same diagnostics). */
  readonly repeats = new Map<string, number>();
  private readonly waiters: { uri: string; test: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];
  readonly stderr: string[] = [];
  /** The server's log messages (window/logMessage), oldest first. */
  readonly logs: string[] = [];
  private readonly logWaiters: { pattern: RegExp; resolve: () => void }[] = [];
  /** Capabilities the server registered and has not unregistered, by registration id. */
  readonly registrations = new Map<string, { method: string; registerOptions?: unknown }>();
  /** The documents the server asked this client to show (`window/showDocument`), in order. */
  readonly shown: { uri: string; takeFocus?: boolean }[] = [];
  private versions = new Map<string, number>();

  /** `settings`: what the client answers for every `workspace/configuration` item. */
  constructor(private readonly settings: unknown = null) {
    const { command, args, env } = serverUnderTest.start();
    this.process = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env: env ?? process.env });
    this.process.stderr!.on('data', (chunk) => this.stderr.push(String(chunk)));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      if (isDeepStrictEqual(this.diagnostics.get(params.uri), params)) this.repeats.set(params.uri, (this.repeats.get(params.uri) ?? 0) + 1);
      this.diagnostics.set(params.uri, params);
      for (const waiter of [...this.waiters]) {
        if (waiter.uri === params.uri && waiter.test(params.diagnostics)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(params.diagnostics);
        }
      }
    });
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => this.settings));
    this.connection.onRequest('client/registerCapability', (params: { registrations: { id: string; method: string; registerOptions?: unknown }[] }) => {
      for (const { id, method, registerOptions } of params.registrations) this.registrations.set(id, { method, registerOptions });
      return null;
    });
    this.connection.onRequest('client/unregisterCapability', (params: { unregisterations: { id: string }[] }) => {
      for (const { id } of params.unregisterations) this.registrations.delete(id);
      return null;
    });
    this.connection.onNotification('window/logMessage', ({ message }: { message: string }) => {
      this.logs.push(message);
      for (const waiter of [...this.logWaiters]) {
        if (waiter.pattern.test(message)) {
          this.logWaiters.splice(this.logWaiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('window/showDocument', (params: { uri: string; takeFocus?: boolean }) => {
      this.shown.push(params);
      return { success: true };
    });
    this.connection.listen();
  }

  /** `more` adds client capabilities: `workspace` and `window` entries merge with the defaults. */
  async initialize(folder: string, more: { workspace?: Record<string, unknown>; window?: Record<string, unknown> } = {}) {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uriOf(folder),
      workspaceFolders: [{ uri: uriOf(folder), name: path.basename(folder) }],
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, ...more.workspace },
        textDocument: { publishDiagnostics: {} },
        ...(more.window ? { window: more.window } : {}),
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result as { capabilities: Record<string, unknown> };
  }

  open(uri: string, text: string): void {
    this.versions.set(uri, 1);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'charters', version: 1, text } });
  }

  /** An incremental change, as an editor sends one per keystroke. */
  change(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string): void {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  close(uri: string): void {
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Resolves with the next diagnostics for `uri` that satisfy `test` (or the current ones, if they do). */
  diagnosticsFor(uri: string, test: (diagnostics: Diagnostic[]) => boolean = () => true, timeoutMs = 5000): Promise<Diagnostic[]> {
    const current = this.diagnostics.get(uri);
    if (current && test(current.diagnostics)) return Promise.resolve(current.diagnostics);
    return new Promise((resolve, reject) => {
      const waiter = {
        uri,
        test,
        resolve: (diagnostics: Diagnostic[]) => {
          clearTimeout(timer);
          resolve(diagnostics);
        },
      };
      this.waiters.push(waiter);
      const timer = setTimeout(() => {
        const index = this.waiters.indexOf(waiter);
        if (index === -1) return;
        this.waiters.splice(index, 1);
        reject(
          new Error(
            `no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(this.diagnostics.get(uri)?.diagnostics.map((d: Diagnostic) => d.message))}`,
          ),
        );
      }, timeoutMs);
    });
  }

  /** Resolves once the server has logged a message matching `pattern` (at once if it has). */
  logged(pattern: RegExp, timeoutMs = 10000): Promise<void> {
    if (this.logs.some((message) => pattern.test(message))) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the server did not log ${pattern} within ${timeoutMs} ms; logged: ${JSON.stringify(this.logs)}`)),
        timeoutMs,
      );
      this.logWaiters.push({
        pattern,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  /** shutdown, exit, and wait for the process to end (killed if it does not within a second). */
  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => (this.process.exitCode !== null ? resolve() : this.process.once('exit', () => resolve())));
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), delay(1000)]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    const timer = setTimeout(() => this.process.kill(), 1000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }

  get exitCode(): number | null {
    return this.process.exitCode;
  }
}

export function uriOf(file: string): string {
  return pathToFileURL(file).toString();
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

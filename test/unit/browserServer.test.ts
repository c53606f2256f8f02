// The browser build of the server (dist/server.browser.js, the Web Worker) run as a browser runs
// it: a script in a context with a worker's globals and nothing of Node (no require, no process,
// no fs), talking through postMessage. Its files come from this test playing the editor: it
// answers charters/findFiles and charters/readFiles from a github.dev-like file system, so the
// workspace's config, its globs and ignores, cross-document findings and a file created later
// all come through the editor.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import picomatch from 'picomatch';
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  createMessageConnection,
  type DataCallback,
  type Message,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import {
  FIND_FILES_REQUEST,
  READ_FILES_REQUEST,
  SITE_REQUEST,
  STATUS_REQUEST,
  type FindFilesParams,
  type FindFilesResult,
  type ReadFilesParams,
  type ReadFilesResult,
  type StatusResult,
} from '../../server/src/protocol';
import { REPO_ROOT } from './repoRoot';

const FOLDER = 'vscode-vfs://github/acme/org';
const file = (relative: string) => `${FOLDER}/${relative}`;
const role = (id: string, extra = '') => `kind: role\nid: ${id}\ntitle: ${id}\nlevel: pm\nsummary: Owns one product area.\n${extra}`;

/** The editor's file system: URI → text. */
const disk = new Map<string, string>([
  [file('product/charters.config.yaml'), 'rules:\n  unresolved-reference: error\n'],
  [file('product/roles/pm.role.yaml'), role('pm', 'reportsTo: head-of-product\n')],
  [file('product/roles/lead.role.yaml'), role('lead')],
  // ignored by every workspace: a role here must not count
  [file('product/node_modules/pkg/head-of-product.role.yaml'), role('head-of-product')],
  [file('README.md'), '# Not a document\n'],
]);

/** What VS Code's findFiles gives: the files under `base` matching a glob (the server filters again with its own rules). */
function findFiles({ base, patterns, folders }: FindFilesParams): FindFilesResult {
  const under = [...disk.keys()].filter((uri) => uri.startsWith(`${base}/`)).map((uri) => uri.slice(base.length + 1));
  const matches = picomatch(patterns);
  return {
    files: under.filter((relative) => matches(relative)).map((relative) => ({ uri: `${base}/${relative}`, text: disk.get(`${base}/${relative}`)! })),
    folders: folders ? [] : [],
  };
}

/** Messages cross the boundary as a structured clone would carry them: as data, in the other realm's objects. */
const clone = <T>(message: T): T => JSON.parse(JSON.stringify(message)) as T;

class PortReader extends AbstractMessageReader {
  callback: DataCallback | undefined;
  listen(callback: DataCallback) {
    this.callback = callback;
    return { dispose: () => (this.callback = undefined) };
  }
}

class PortWriter extends AbstractMessageWriter {
  constructor(private readonly send: (message: Message) => void) {
    super();
  }
  async write(message: Message): Promise<void> {
    this.send(clone(message));
  }
  end(): void {}
}

describe('the browser server (dist/server.browser.js) in a context without Node', () => {
  let connection: MessageConnection;
  const diagnostics = new Map<string, PublishDiagnosticsParams>();
  const asked: string[] = [];

  async function diagnosticsOf(uri: string, test: (codes: string[]) => boolean, what: string): Promise<string[]> {
    const end = Date.now() + 15000;
    while (Date.now() < end) {
      const codes = (diagnostics.get(uri)?.diagnostics ?? []).map((d) => `${d.code}:${d.severity}`);
      if (diagnostics.has(uri) && test(codes)) return codes;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`${uri}: never ${what}; last: ${JSON.stringify(diagnostics.get(uri)?.diagnostics.map((d) => d.code))}`);
  }

  before(async () => {
    const script = fs.readFileSync(path.join(REPO_ROOT, 'dist', 'server.browser.js'), 'utf8');
    const reader = new PortReader();
    // a worker's globals: the script talks through postMessage and onmessage
    const worker: Record<string, unknown> = {
      console: { log() {}, info() {}, warn() {}, error() {}, debug() {} },
      setTimeout,
      clearTimeout,
      setInterval,
      clearInterval,
      queueMicrotask,
      TextEncoder,
      TextDecoder,
      URL,
      performance,
      postMessage: (message: Message) => reader.callback?.(clone(message)),
      addEventListener() {},
      removeEventListener() {},
    };
    const context = vm.createContext(worker);
    vm.runInContext(script, context, { filename: 'server.browser.js' });
    assert.equal(typeof worker.onmessage, 'function', 'the server listens on the worker’s port');
    for (const name of ['require', 'process', 'Buffer', 'module']) assert.equal(vm.runInContext(`typeof ${name}`, context), 'undefined');

    connection = createMessageConnection(reader, new PortWriter((message) => (worker.onmessage as (event: { data: Message }) => void)({ data: message })));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      diagnostics.set(params.uri, params);
    });
    connection.onRequest(FIND_FILES_REQUEST, (params: FindFilesParams) => {
      asked.push(`find ${params.patterns.join(' ')}`);
      return findFiles(params);
    });
    connection.onRequest(READ_FILES_REQUEST, (params: ReadFilesParams): ReadFilesResult => {
      asked.push(`read ${params.read.join(' ')}`);
      return { files: [...params.read, ...params.stat].map((uri) => ({ uri, text: params.read.includes(uri) ? disk.get(uri) : undefined })) };
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/configuration', () => [null]);
    connection.listen();
    await connection.sendRequest('initialize', {
      processId: null,
      rootUri: FOLDER,
      workspaceFolders: [{ uri: FOLDER, name: 'org' }],
      capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } } },
    });
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: file('product/roles/pm.role.yaml'), languageId: 'charters', version: 1, text: disk.get(file('product/roles/pm.role.yaml')) },
    });
  });

  after(() => connection?.dispose());

  test("a cross-document finding, at the severity of the workspace's config, once the editor has listed the files", async () => {
    const codes = await diagnosticsOf(
      file('product/roles/pm.role.yaml'),
      (codes) => codes.includes('unresolved-reference:1'),
      'reported the unresolved manager as an error',
    );
    assert.ok(codes.includes('unresolved-reference:1'), codes.join(', '));
    assert.ok(
      asked.some((question) => question.startsWith('find ') && question.includes('charters.config.yaml')),
      asked.join('\n'),
    );
  });

  test('the status names the config by its URI in the editor’s file system, and counts the documents outside node_modules', async () => {
    const status = await connection.sendRequest<StatusResult | null>(STATUS_REQUEST, { uri: file('product/roles/pm.role.yaml') });
    assert.equal(status?.configUri, file('product/charters.config.yaml'));
    assert.equal(status?.rootUri, file('product'));
    assert.equal(status?.documents, 2);
  });

  test('a file created later is read through the editor, and the finding goes', async () => {
    disk.set(file('product/roles/head-of-product.role.yaml'), role('head-of-product'));
    await connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: file('product/roles/head-of-product.role.yaml'), type: 1 }] });
    await diagnosticsOf(file('product/roles/pm.role.yaml'), (codes) => !codes.some((code) => code.startsWith('unresolved-reference')), 'cleared the finding');
    assert.ok(asked.includes(`read ${file('product/roles/head-of-product.role.yaml')}`), asked.join('\n'));
  });

  test('the organisation site answers that it needs a disk', async () => {
    await assert.rejects(connection.sendRequest(SITE_REQUEST, { uri: FOLDER }), /runs in the browser/);
  });
});

// `charters lint` of a large folder on worker threads: each worker reads, parses and summarises
// its share of the files once, the summaries are merged into one index that every worker gets,
// then each worker lints its share from the texts it already holds. `main()` stays synchronous:
// the main thread sleeps on a shared counter and takes results with receiveMessageOnPort.
import * as os from 'node:os';
import { MessageChannel, Worker, isMainThread, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, MemoryIndex, type DocumentSummary } from '../service';
import type { FileResult } from './formatters';
import { UsageError, readText } from './files';
import type { WorkspaceLocation } from '../workspace/locate';
import { DISK_SOURCE } from '../workspace/disk';
import { loadWorkspace, uriOf, type Workspace } from '../workspace/workspaces';

/** Below this many documents one thread is faster than starting workers. */
const PARALLEL_THRESHOLD = 400;

interface WorkerInput {
  chartersLintWorker: true;
  location: WorkspaceLocation;
  /** Every document of the workspace this worker indexes; `shown[i]` set when it is also linted. */
  files: string[];
  shown: (string | null)[];
  /** The date the lint compares due dates with (`--today`, or the machine's). */
  today: string;
  port: MessagePort;
  signal: SharedArrayBuffer;
}

type Reply = { summaries: DocumentSummary[] } | { results: { at: number; result: FileResult }[] } | { error: string; usage: boolean };

export function workerCount(documents: number): number {
  if (documents < PARALLEL_THRESHOLD) return 1;
  const cpus = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(4, cpus, Math.floor(documents / (PARALLEL_THRESHOLD / 2))));
}

/**
 * Lint `files[i]` (shown as `shown[i]`, or only indexed when null) across `count` workers.
 * Returns the results in the order of `files`.
 */
export function lintInParallel(workspace: Workspace, files: string[], shown: (string | null)[], count: number, today: string): FileResult[] {
  const signal = new SharedArrayBuffer(4);
  const counter = new Int32Array(signal);
  const workers: { worker: Worker; port: MessagePort; positions: number[] }[] = [];
  const location: WorkspaceLocation = { root: workspace.root, configPath: workspace.configPath };
  try {
    for (let w = 0; w < count; w++) {
      // contiguous shares keep each folder's files together
      const from = Math.floor((files.length * w) / count);
      const to = Math.floor((files.length * (w + 1)) / count);
      const positions = Array.from({ length: to - from }, (_, i) => from + i);
      const { port1, port2 } = new MessageChannel();
      const input: WorkerInput = { chartersLintWorker: true, location, files: files.slice(from, to), shown: shown.slice(from, to), today, port: port2, signal };
      const worker = new Worker(__filename, { workerData: input, transferList: [port2] });
      workers.push({ worker, port: port1, positions });
    }
    const receive = (port: MessagePort): Reply => {
      for (;;) {
        const seen = Atomics.load(counter, 0);
        const message = receiveMessageOnPort(port);
        if (message) {
          const reply = message.message as Reply;
          if ('error' in reply) throw reply.usage ? new UsageError(reply.error) : new Error(`charters lint worker failed: ${reply.error}`);
          return reply;
        }
        Atomics.wait(counter, 0, seen, 1000);
      }
    };
    const summaries: DocumentSummary[] = [];
    for (const { port } of workers) summaries.push(...(receive(port) as { summaries: DocumentSummary[] }).summaries);
    for (const { port } of workers) port.postMessage(summaries);
    const results: FileResult[] = new Array(files.length);
    for (const { port, positions } of workers) {
      for (const { at, result } of (receive(port) as { results: { at: number; result: FileResult }[] }).results) results[positions[at]] = result;
    }
    return results.filter((result) => result !== undefined);
  } finally {
    for (const { worker, port } of workers) {
      port.close();
      void worker.terminate();
    }
  }
}

function runWorker(input: WorkerInput): void {
  const counter = new Int32Array(input.signal);
  const reply = (message: Reply) => {
    input.port.postMessage(message);
    Atomics.add(counter, 0, 1);
    Atomics.notify(counter, 0);
  };
  const fail = (error: unknown) =>
    reply({ error: error instanceof UsageError ? error.message : String((error as Error).stack ?? error), usage: error instanceof UsageError });
  const service = createLanguageService();
  const texts = new Map<number, string>();
  let settings: ReturnType<typeof service.settings>;
  try {
    settings = { ...loadWorkspace(service, input.location, DISK_SOURCE).settings, today: input.today };
    const summaries: DocumentSummary[] = [];
    input.files.forEach((file, at) => {
      let text: string;
      try {
        text = readText(file);
      } catch {
        return; // unreadable files are reported when they are linted
      }
      if (input.shown[at] !== null) texts.set(at, text);
      const uri = uriOf(file);
      const summary = service.summarizeText(uri, text);
      if (summary) summaries.push(summary);
    });
    reply({ summaries });
  } catch (error) {
    fail(error);
    return;
  }
  input.port.once('message', (all: DocumentSummary[]) => {
    try {
      const index = new MemoryIndex();
      for (const summary of all) index.set(summary);
      const results: { at: number; result: FileResult }[] = [];
      input.files.forEach((file, at) => {
        const shown = input.shown[at];
        if (shown === null) return;
        const uri = uriOf(file);
        const text = texts.get(at) ?? readText(file); // throws the usual UsageError when unreadable
        texts.delete(at);
        const parsed = service.parse(TextDocument.create(uri, 'yaml', 1, text));
        results.push({ at, result: { path: shown, diagnostics: service.validate(uri, parsed, index, settings) } });
      });
      reply({ results });
    } catch (error) {
      fail(error);
    }
    input.port.close();
  });
}

// in the bundle, a worker runs this whole file (dist/cli.js): index.ts runs main() only on the main thread
if (!isMainThread && (workerData as Partial<WorkerInput> | undefined)?.chartersLintWorker) {
  const input = workerData as WorkerInput;
  setImmediate(() => runWorker(input)); // after every module of the bundle is initialised
}

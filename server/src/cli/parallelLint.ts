// `charters lint` of a large folder on several threads: the main thread and `threads - 1` workers.
// The files are cut into chunks that the threads take from a shared counter, so a thread that
// starts late (a worker loads the bundle first) or runs slower takes fewer. Each thread reads and
// summarises its chunks; the summaries go to every other thread as JSON text (copying one string
// and parsing it costs a fraction of a structured clone of thousands of small objects), and every
// thread builds the same index, in the order of the files. Each thread then lints the chunks it
// read (their texts are in memory), then any chunk still free; the workers send their findings as
// JSON text (for a JSON report alone, their part of the report and the counts). The summaries
// leave out references: only the rules read this index, and they cannot (`RuleIndex`). `main()`
// stays synchronous: between its own chunks the main thread takes the workers' messages with
// receiveMessageOnPort, and sleeps on a shared counter when it has nothing left.
// Workers can be started before the folder is even listed (`startLintWorkers`): loading the bundle
// and building the language service, a few hundred milliseconds, then overlap the main thread's
// own start and its listing of the folder; the work itself comes later, as their first message.
import * as os from 'node:os';
import { MessageChannel, Worker, isMainThread, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, MemoryIndex, type DocumentSummary, type LanguageService, type LintSettings } from '../service';
import { jsonFiles, summary, type Counts, type FileResult } from './formatters';
import { UsageError, readText } from './files';
import type { WorkspaceLocation } from '../workspace/locate';
import { DISK_SOURCE } from '../workspace/disk';
import { loadWorkspace, uriOf, type Workspace } from '../workspace/workspaces';

/** Below this many documents one thread is faster than starting workers. */
const PARALLEL_THRESHOLD = 400;
/** Files per chunk: small enough to balance the threads, large enough to keep messages few. */
const CHUNK = 50;

/** The shared counters: the next chunk to summarise, the messages sent to the main thread, then one lint claim per chunk. */
const NEXT = 0;
const POSTED = 1;
const CLAIMS = 2;

/** What a worker is started with: the port its work and the other threads' summaries come on. */
interface WorkerStart {
  chartersLintWorker: true;
  port: MessagePort;
}

/** A worker's work, its first message. */
interface WorkerInput {
  location: WorkspaceLocation;
  /** Every document of the workspace; `shown[i]` set when it is also linted (else it is only indexed). */
  files: string[];
  shown: (string | null)[];
  /** The date the lint compares due dates with (`--today`, or the machine's). */
  today: string;
  shared: SharedArrayBuffer;
  /** Render each chunk's part of the JSON report too. */
  json: boolean;
  /** Send each chunk's findings (else only its counts and, with `json`, its part of the report). */
  keepResults: boolean;
}

/** The summaries of some chunks, as JSON text: `{ chunks: number[], summaries: DocumentSummary[][] }`. */
type SummariesText = string;

/** Worker → main. */
type Reply =
  | { summaries: SummariesText }
  | { chunk: number; counts: Counts; results?: string; json?: string }
  | { chunk: number; error: string; usage: boolean }
  | { error: string; usage: boolean };

/**
 * How many threads lint `documents` files: one below the threshold, else one per core (at most
 * four). `CHARTERS_LINT_THREADS` sets it (the tests compare one thread with several on small folders).
 */
export function threadCount(documents: number, env: NodeJS.ProcessEnv = process.env): number {
  const set = threadsSet(env);
  if (set !== undefined) return set;
  if (documents < PARALLEL_THRESHOLD) return 1;
  return Math.max(1, Math.min(maxThreads(env), Math.floor(documents / (PARALLEL_THRESHOLD / 2))));
}

/** The most threads a lint uses here: one per core, at most four (`CHARTERS_LINT_THREADS` sets it). */
function maxThreads(env: NodeJS.ProcessEnv = process.env): number {
  return threadsSet(env) ?? Math.min(4, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

/** The number of threads `CHARTERS_LINT_THREADS` sets (at most 16), if it sets one. */
function threadsSet(env: NodeJS.ProcessEnv): number | undefined {
  const set = env.CHARTERS_LINT_THREADS;
  return set !== undefined && /^[1-9]\d*$/.test(set) ? Math.min(Number(set), 16) : undefined;
}

/** Lint workers started ahead of their work (see the top of this file). */
export interface LintWorker {
  readonly worker: Worker;
  readonly port: MessagePort;
}

/**
 * Start as many workers as a large lint here would use, before it is known whether the folder is
 * large: a lint that turns out to need fewer hands the rest to `stopLintWorkers` unused.
 */
export function startLintWorkers(): LintWorker[] {
  return Array.from({ length: maxThreads() - 1 }, () => startWorker());
}

export function stopLintWorkers(workers: readonly LintWorker[]): void {
  for (const { worker, port } of workers) {
    port.close();
    void worker.terminate();
  }
}

function startWorker(): LintWorker {
  const { port1, port2 } = new MessageChannel();
  const start: WorkerStart = { chartersLintWorker: true, port: port2 };
  return { worker: new Worker(__filename, { workerData: start, transferList: [port2] }), port: port1 };
}

/**
 * A lint's counts; its results in the order of its files, unless only the JSON report was kept;
 * with `json`, each chunk's part of the JSON report (`jsonFiles`), in the same order.
 */
export type ParallelLint = { counts: Counts } & ({ results: FileResult[]; jsonPieces?: string[] } | { results?: undefined; jsonPieces: string[] });

/**
 * Lint `files[i]` (shown as `shown[i]`, or only indexed when null) on this thread and
 * `threads - 1` workers. `json`: each thread also renders its chunks' part of the JSON report as it
 * lints them, so the report of a large lint is written by the time the last file is checked; with
 * `keepResults` false, that text and the counts are all that is kept of the findings (the workers
 * send no findings, and this thread keeps none of its own).
 */
export function lintInParallel(
  service: LanguageService,
  workspace: Workspace,
  files: string[],
  shown: (string | null)[],
  threads: number,
  today: string,
  started: LintWorker[] = [],
  json?: { keepResults: boolean },
): ParallelLint {
  const keepResults = json?.keepResults ?? true;
  const chunkCount = Math.ceil(files.length / CHUNK);
  const shared = new SharedArrayBuffer(4 * (CLAIMS + chunkCount));
  const counters = new Int32Array(shared);
  // the workers started ahead, as many as needed, then new ones; the caller stops any left over
  const workers = started.splice(0, threads - 1);
  const location: WorkspaceLocation = { root: workspace.root, configPath: workspace.configPath };
  try {
    while (workers.length < threads - 1) workers.push(startWorker());
    const input: WorkerInput = { location, files, shown, today, shared, json: json !== undefined, keepResults };
    for (const { port } of workers) port.postMessage(input);
    const thread = new LintThread(service, { ...workspace.settings, today }, files, shown, counters);
    const failure = (reply: { error: string; usage: boolean }) =>
      reply.usage ? new UsageError(reply.error) : new Error(`charters lint worker failed: ${reply.error}`);
    /** The next message of any worker, and which; with `wait`, sleeps until one comes. */
    const receive = (wait: boolean): { reply: Reply; from: number } | undefined => {
      for (;;) {
        const seen = Atomics.load(counters, POSTED);
        for (const [from, { port }] of workers.entries()) {
          const message = receiveMessageOnPort(port);
          if (message) return { reply: message.message as Reply, from };
        }
        if (!wait) return undefined;
        Atomics.wait(counters, POSTED, seen, 1000);
      }
    };

    // 1. summaries: this thread's go to every worker at once, each worker's to the others as it comes
    const own = thread.summarise();
    const ownText = workers.length ? JSON.stringify(own) : '';
    for (const { port } of workers) port.postMessage(ownText);
    const texts: SummariesText[] = [];
    // a worker lints once it has a summary of every chunk: when the others' summaries cover every
    // chunk before its own come (it started late and took none), its findings may come before
    // another worker's summaries; they are taken with the rest below
    const early: Reply[] = [];
    while (texts.length < workers.length) {
      const { reply, from } = receive(true)!;
      if ('chunk' in reply) {
        early.push(reply);
        continue;
      }
      if (!('summaries' in reply)) throw failure(reply as { error: string; usage: boolean });
      texts.push(reply.summaries);
      workers.forEach(({ port }, to) => to !== from && port.postMessage(reply.summaries));
    }
    const index = thread.index([own, ...texts.map((text) => JSON.parse(text) as ChunkSummaries)]);

    // 2. findings: this thread lints, and takes the workers' results between its chunks
    const results: (FileResult[] | undefined)[] | undefined = keepResults ? new Array(chunkCount) : undefined;
    const jsonPieces: string[] | undefined = json ? new Array<string>(chunkCount) : undefined;
    const counts: Counts = { errors: 0, warnings: 0 };
    let linted = 0;
    const errors = new Map<number, Error>();
    const done = (chunk: number, found: Counts, outcome: () => FileResult[] | undefined, piece: () => string | undefined) => {
      linted++;
      counts.errors += found.errors;
      counts.warnings += found.warnings;
      if (results) results[chunk] = outcome();
      if (jsonPieces) jsonPieces[chunk] = piece() ?? '';
    };
    const take = (reply: Reply) => {
      if (!('chunk' in reply)) throw failure(reply as { error: string; usage: boolean });
      if ('error' in reply) errors.set(reply.chunk, failure(reply));
      else
        done(
          reply.chunk,
          reply.counts,
          () => JSON.parse(reply.results!) as FileResult[],
          () => reply.json,
        );
    };
    for (const reply of early) take(reply);
    thread.lint(index, (chunk, outcome) => {
      if (outcome instanceof Error) errors.set(chunk, outcome);
      else
        done(
          chunk,
          summary(outcome),
          () => outcome,
          () => jsonFiles(outcome),
        );
      for (let message = receive(false); message; message = receive(false)) take(message.reply);
    });
    while (linted + errors.size < chunkCount) take(receive(true)!.reply);
    // as one thread would: the first file that cannot be read stops the lint
    if (errors.size) throw errors.get(Math.min(...errors.keys()));
    if (results) return { counts, results: results.flatMap((chunk) => chunk!), jsonPieces };
    return { counts, jsonPieces: jsonPieces! };
  } finally {
    stopLintWorkers(workers);
  }
}

interface ChunkSummaries {
  chunks: number[];
  summaries: DocumentSummary[][];
}

/** What each thread does, the main one and the workers alike. */
class LintThread {
  /** The texts read for the summaries, by file, kept for the lint of the same chunk. */
  private readonly texts = new Map<number, string>();
  private readonly summarised: number[] = [];

  constructor(
    private readonly service: LanguageService,
    private readonly settings: LintSettings,
    private readonly files: string[],
    private readonly shown: (string | null)[],
    private readonly counters: Int32Array,
  ) {}

  private chunkCount(): number {
    return Math.ceil(this.files.length / CHUNK);
  }

  /** Read and summarise chunks until none is left. */
  summarise(): ChunkSummaries {
    const result: ChunkSummaries = { chunks: [], summaries: [] };
    for (let chunk = Atomics.add(this.counters, NEXT, 1); chunk < this.chunkCount(); chunk = Atomics.add(this.counters, NEXT, 1)) {
      const summaries: DocumentSummary[] = [];
      for (let at = chunk * CHUNK; at < Math.min(this.files.length, (chunk + 1) * CHUNK); at++) {
        let text: string;
        try {
          text = readText(this.files[at]);
        } catch {
          continue; // unreadable files are reported when they are linted
        }
        if (this.shown[at] !== null) this.texts.set(at, text);
        // only the rules read this index, and never other documents' references (RuleIndex)
        const summary = this.service.summarizeText(uriOf(this.files[at]), text, { references: false });
        if (summary) summaries.push(summary);
      }
      this.summarised.push(chunk);
      result.chunks.push(chunk);
      result.summaries.push(summaries);
    }
    return result;
  }

  /** The index of every chunk's summaries, in the order of the files (as one thread indexes them). */
  index(parts: ChunkSummaries[]): MemoryIndex {
    const byChunk: DocumentSummary[][] = new Array(this.chunkCount());
    for (const part of parts) part.chunks.forEach((chunk, at) => (byChunk[chunk] = part.summaries[at]));
    const index = new MemoryIndex();
    for (const summaries of byChunk) for (const summary of summaries) index.set(summary);
    return index;
  }

  /** Lint the chunks this thread summarised, then any chunk no thread has taken; `done` gets each chunk's results. */
  lint(index: MemoryIndex, done: (chunk: number, outcome: FileResult[] | Error) => void): void {
    const order = [...this.summarised, ...Array.from({ length: this.chunkCount() }, (_, chunk) => chunk)];
    for (const chunk of order) {
      if (Atomics.compareExchange(this.counters, CLAIMS + chunk, 0, 1) !== 0) continue;
      let outcome: FileResult[] | Error;
      try {
        outcome = this.lintChunk(chunk, index);
      } catch (error) {
        outcome = error as Error;
      }
      done(chunk, outcome);
    }
  }

  private lintChunk(chunk: number, index: MemoryIndex): FileResult[] {
    const results: FileResult[] = [];
    for (let at = chunk * CHUNK; at < Math.min(this.files.length, (chunk + 1) * CHUNK); at++) {
      const shown = this.shown[at];
      if (shown === null) continue;
      const uri = uriOf(this.files[at]);
      const text = this.texts.get(at) ?? readText(this.files[at]); // throws the usual UsageError when unreadable
      this.texts.delete(at);
      const parsed = this.service.parse(TextDocument.create(uri, 'yaml', 1, text));
      results.push({ path: shown, diagnostics: this.service.validate(uri, parsed, index, this.settings) });
    }
    return results;
  }
}

/** A worker: builds its language service at once, then waits for its work (the first message). */
function runWorker(start: WorkerStart): void {
  let service: LanguageService | undefined;
  let failed: unknown;
  try {
    service = createLanguageService();
  } catch (error) {
    failed = error; // said once the work comes, where the main thread waits for an answer
  }
  start.port.once('message', (input: WorkerInput) => lintInWorker(service, failed, start.port, input));
}

function lintInWorker(service: LanguageService | undefined, failed: unknown, port: MessagePort, input: WorkerInput): void {
  const counters = new Int32Array(input.shared);
  const reply = (message: Reply) => {
    port.postMessage(message);
    Atomics.add(counters, POSTED, 1);
    Atomics.notify(counters, POSTED);
  };
  const failure = (error: unknown) => ({
    error: error instanceof UsageError ? error.message : String((error as Error).stack ?? error),
    usage: error instanceof UsageError,
  });
  let thread: LintThread | undefined;
  let own: ChunkSummaries | undefined;
  // the other threads' summaries, the main thread's first, each as it comes
  const others: ChunkSummaries[] = [];
  const startLint = () => {
    const covered = [own, ...others].reduce((sum, part) => sum + (part?.chunks.length ?? 0), 0);
    if (!thread || !own || covered < Math.ceil(input.files.length / CHUNK)) return;
    port.off('message', onSummaries);
    try {
      thread.lint(thread.index([own, ...others]), (chunk, outcome) =>
        reply(
          outcome instanceof Error
            ? { chunk, ...failure(outcome) }
            : {
                chunk,
                counts: summary(outcome),
                ...(input.keepResults ? { results: JSON.stringify(outcome) } : {}),
                ...(input.json ? { json: jsonFiles(outcome) } : {}),
              },
        ),
      );
    } catch (error) {
      reply(failure(error));
    }
    port.close();
  };
  const onSummaries = (text: SummariesText) => {
    others.push(JSON.parse(text) as ChunkSummaries);
    startLint();
  };
  port.on('message', onSummaries);
  try {
    if (!service) throw failed;
    const settings = { ...loadWorkspace(service, input.location, DISK_SOURCE).settings, today: input.today };
    thread = new LintThread(service, settings, input.files, input.shown, counters);
    own = thread.summarise();
    reply({ summaries: JSON.stringify(own) });
    startLint();
  } catch (error) {
    reply(failure(error));
    port.close();
  }
}

// in the bundle, a worker runs this whole file (dist/cli.js): index.ts runs main() only on the main thread
if (!isMainThread && (workerData as Partial<WorkerStart> | undefined)?.chartersLintWorker) {
  const start = workerData as WorkerStart;
  setImmediate(() => runWorker(start)); // after every module of the bundle is initialised
}

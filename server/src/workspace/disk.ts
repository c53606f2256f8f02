// The disk as a `FileSource`, for the language server on Node and the command line: the one
// module of the workspace folder that reads files (the browser builds never bundle it).
import * as fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import fg from 'fast-glob';
import type { Probe } from './locate';
import type { FileSource, GlobOptions } from './source';

function fastGlobOptions(options: GlobOptions): fg.Options {
  return {
    cwd: options.cwd,
    ignore: options.ignore,
    absolute: true,
    dot: false,
    onlyFiles: !options.folders,
    followSymbolicLinks: false,
    suppressErrors: true,
  };
}

export const DISK: Probe = {
  isFile: (file) => fs.statSync(file, { throwIfNoEntry: false })?.isFile() === true,
  exists: (file) => fs.existsSync(file),
};

function read(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

export const DISK_SOURCE: FileSource = {
  ...DISK,
  read,
  glob: (patterns, options) => fg.sync(patterns, fastGlobOptions(options)),
  globAsync: (patterns, options) => fg(patterns, fastGlobOptions(options)),
  readError(file) {
    try {
      fs.readFileSync(file);
      return 'the file cannot be read';
    } catch (error) {
      return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    }
  },
  readAhead: (files) => (files.length >= READ_AHEAD.minFiles ? readInWorker(files) : undefined),
};

/** A document's text on disk, without a byte order mark; undefined when it cannot be read. */
export function readDocument(file: string): string | undefined {
  return DISK_SOURCE.read(file);
}

/**
 * Reading ahead in a worker thread: below `minFiles` files, starting a thread costs more than it
 * saves; `batch` files a message; at most `batches` messages read and not yet taken, and a worker
 * held back starts again once half of them are taken (waking it costs the caller: fewer, larger wakes).
 */
export const READ_AHEAD = { minFiles: 500, batch: 100, batches: 8 };

/**
 * The worker: reads `workerData.files` in order, `workerData.batch` at a time, and posts each batch.
 * Shared memory says how many batches the caller has taken, whether the worker is waiting for it to
 * take more, and whether to stop (no message the other way: each costs the caller a thread switch).
 * Its reads are `read` above (the same text, undefined where a file cannot be read).
 */
const READER = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { files, batch, batches } = workerData;
const shared = new Int32Array(workerData.shared); // [taken, stop, waiting]
let sent = 0;
for (let next = 0; next < files.length && !Atomics.load(shared, 1); sent++) {
  if (sent - Atomics.load(shared, 0) >= batches) {
    for (let taken = Atomics.load(shared, 0); sent - taken > batches / 2 && !Atomics.load(shared, 1); taken = Atomics.load(shared, 0)) {
      Atomics.store(shared, 2, 1);
      if (Atomics.load(shared, 0) === taken) Atomics.wait(shared, 0, taken, 100);
      Atomics.store(shared, 2, 0);
    }
  }
  const texts = [];
  for (const file of files.slice(next, next + batch)) {
    try {
      texts.push(fs.readFileSync(file, 'utf8').replace(/^\\uFEFF/, ''));
    } catch {
      texts.push(undefined);
    }
  }
  next += texts.length;
  parentPort.postMessage(texts);
}
// kept until the caller ends it, so that every batch posted is delivered
parentPort.on('message', () => {});
`;

/**
 * The texts of `files`, read by a worker thread while the caller works on the batches it has
 * taken. Should the thread fail to start or stop, the files it has not sent are read here.
 */
async function* readInWorker(files: string[]): AsyncGenerator<(string | undefined)[]> {
  const shared = new Int32Array(new SharedArrayBuffer(12));
  let worker: Worker;
  try {
    worker = new Worker(READER, { eval: true, workerData: { files, batch: READ_AHEAD.batch, batches: READ_AHEAD.batches, shared: shared.buffer } });
  } catch {
    for (const file of files) yield [read(file)];
    return;
  }
  const received: (string | undefined)[][] = [];
  let stopped = false;
  let wake: (() => void) | undefined;
  worker.on('message', (texts: (string | undefined)[]) => {
    received.push(texts);
    wake?.();
  });
  const stop = () => {
    stopped = true;
    wake?.();
  };
  worker.on('error', stop);
  worker.on('exit', stop);
  let done = 0;
  try {
    while (done < files.length) {
      if (!received.length && !stopped) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      const texts = received.shift();
      if (texts) {
        done += texts.length;
        Atomics.add(shared, 0, 1);
        // the worker waits for half its batches to be taken: wake it then, not for every batch
        if (Atomics.load(shared, 2) && received.length <= READ_AHEAD.batches / 2) Atomics.notify(shared, 0);
        yield texts;
      } else if (stopped) {
        for (; done < files.length; done++) yield [read(files[done])];
      }
    }
  } finally {
    Atomics.store(shared, 1, 1);
    Atomics.notify(shared, 0);
    void worker.terminate();
  }
}

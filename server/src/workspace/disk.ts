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
 * saves; `batch` files a message; at most `batches` messages read and not yet taken.
 */
export const READ_AHEAD = { minFiles: 500, batch: 100, batches: 4 };

/**
 * The worker: reads `workerData.files` in order, `workerData.batch` at a time, one batch for each
 * credit it is sent. Its reads are `read` above (the same text, undefined where a file cannot be read).
 */
const READER = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { files, batch } = workerData;
let next = 0;
parentPort.on('message', (credits) => {
  for (; credits > 0 && next < files.length; credits--) {
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
});
`;

/**
 * The texts of `files`, read by a worker thread while the caller works on the batches it has
 * taken. Should the thread fail to start or stop, the files it has not sent are read here.
 */
async function* readInWorker(files: string[]): AsyncGenerator<(string | undefined)[]> {
  let worker: Worker;
  try {
    worker = new Worker(READER, { eval: true, workerData: { files, batch: READ_AHEAD.batch } });
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
  worker.postMessage(READ_AHEAD.batches);
  let done = 0;
  try {
    while (done < files.length) {
      if (!received.length && !stopped) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      const texts = received.shift();
      if (texts) {
        done += texts.length;
        worker.postMessage(1);
        yield texts;
      } else if (stopped) {
        for (; done < files.length; done++) yield [read(files[done])];
      }
    }
  } finally {
    void worker.terminate();
  }
}

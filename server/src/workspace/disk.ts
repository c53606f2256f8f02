// The disk as a `FileSource`, for the language server on Node and the command line: the one
// module of the workspace folder that reads files (the browser builds never bundle it).
import * as fs from 'node:fs';
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

export const DISK_SOURCE: FileSource = {
  ...DISK,
  read(file) {
    try {
      return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    } catch {
      return undefined;
    }
  },
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
};

/** A document's text on disk, without a byte order mark; undefined when it cannot be read. */
export function readDocument(file: string): string | undefined {
  return DISK_SOURCE.read(file);
}

import * as path from 'node:path';
import picomatch from 'picomatch';
import type { Probe } from './locate';

/**
 * Where a workspace's files come from: the disk, or a list of files with a reader (a git
 * revision, for `charters diff`). Finding workspaces, configs and documents asks only this, so the
 * same resolution applies to both.
 */
export interface FileSource extends Probe {
  /** A file's text without a byte order mark; undefined when it cannot be read. */
  read(file: string): string | undefined;
  /** Absolute paths under `cwd` matching `patterns` and none of `ignore`, in any order (`dot: false`). */
  glob(patterns: string[], options: GlobOptions): string[];
  globAsync(patterns: string[], options: GlobOptions): Promise<string[]>;
  /** Why `file` cannot be read, in a few words (its error code on the disk), for a config that cannot be. */
  readError?(file: string): string;
  /**
   * The texts of `files` as `read` gives them, in their order, a batch at a time, read ahead of the
   * caller (on the disk, in a worker thread while the caller scans what it has); undefined where
   * `read` one file at a time is as good (few files, or a source with no thread to read in).
   */
  readAhead?(files: string[]): AsyncIterable<(string | undefined)[]> | undefined;
}

export interface GlobOptions {
  cwd: string;
  ignore: string[];
  /** Also folders (the markers `.git` may be one). */
  folders?: boolean;
}

/**
 * A fixed list of files (absolute paths) read through `read`: a git revision's tree. `markers` are
 * other paths that exist without being files (the `.git` of a nested repository).
 */
export function listedSource(files: Iterable<string>, read: (file: string) => string | undefined, markers: Iterable<string> = []): FileSource {
  const listed = new Set([...files].map((file) => path.resolve(file)));
  const present = new Set([...listed, ...[...markers].map((marker) => path.resolve(marker))]);
  const glob = (patterns: string[], options: GlobOptions): string[] => globList(options.folders ? present : listed, patterns, options);
  return {
    isFile: (file) => listed.has(path.resolve(file)),
    exists: (file) => present.has(path.resolve(file)),
    read: (file) => (listed.has(path.resolve(file)) ? read(path.resolve(file))?.replace(/^\uFEFF/, '') : undefined),
    glob,
    globAsync: async (patterns, options) => glob(patterns, options),
  };
}

/** The paths among `paths` (absolute) under `options.cwd` that match `patterns` and none of its `ignore`, as a glob of the disk would find them. */
export function globList(paths: Iterable<string>, patterns: string[], options: GlobOptions): string[] {
  const matches = picomatch(patterns, { dot: false });
  const ignored = picomatch(options.ignore, { dot: true });
  const found: string[] = [];
  for (const file of paths) {
    const relative = path.relative(options.cwd, file);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) continue;
    const posix = relative.split(path.sep).join('/');
    if (matches(posix) && !ignored(posix)) found.push(file);
  }
  return found;
}

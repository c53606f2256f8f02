// The only module that runs git: a repository's root, a revision's commit, and a revision's (or
// the working tree's) files as a FileSource for the workspace module.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DISK_SOURCE } from '../workspace/disk';
import { type FileSource, listedSource } from '../workspace/source';
import { UsageError } from './files';

/** A revision's files, and a way to read many of them in one go before they are read one by one. */
export interface RevisionFiles {
  source: FileSource;
  prefetch(files: readonly string[]): void;
}

function git(cwd: string, args: string[], input?: string): Buffer {
  try {
    return execFileSync('git', args, { cwd, input, maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new UsageError('git was not found: charters diff reads the revisions with git, so install it or put it on the PATH.');
    throw error;
  }
}

/** The top folder of the repository holding `cwd`; a usage error outside one. */
export function repositoryRoot(cwd: string): string {
  try {
    return path.resolve(git(cwd, ['rev-parse', '--show-toplevel']).toString('utf8').trim());
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${cwd} is not inside a git repository: charters diff compares two revisions of one.`);
  }
}

/** The commit a revision names (a branch, a tag, a hash, `HEAD~2`); undefined when it names none. */
export function commitOf(root: string, revision: string): string | undefined {
  if (revision.startsWith('-')) return undefined;
  try {
    return (
      git(root, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`])
        .toString('utf8')
        .trim() || undefined
    );
  } catch (error) {
    if (error instanceof UsageError) throw error;
    return undefined;
  }
}

/** The files of a commit, read from git's object store (`ls-tree`, then one `cat-file --batch`). */
export function commitFiles(root: string, commit: string): RevisionFiles {
  const blobs = new Map<string, string>();
  const markers = [path.join(root, '.git')];
  for (const record of git(root, ['ls-tree', '-r', '-z', '--full-tree', commit]).toString('utf8').split('\0')) {
    const match = /^(\d+) (\w+) ([0-9a-f]+)\t(.*)$/s.exec(record);
    if (!match) continue;
    const [, mode, type, object, name] = match;
    const file = path.join(root, ...name.split('/'));
    if (type === 'blob' && mode !== '120000') blobs.set(file, object);
    // a submodule is a nested repository: its folder holds a .git, as on disk
    else if (type === 'commit') markers.push(path.join(file, '.git'));
  }
  const texts = new Map<string, string>();
  const load = (files: readonly string[]) => {
    const wanted = files.filter((file) => blobs.has(file) && !texts.has(file));
    if (!wanted.length) return;
    const output = git(root, ['cat-file', '--batch'], `${wanted.map((file) => blobs.get(file)).join('\n')}\n`);
    let at = 0;
    for (const file of wanted) {
      const end = output.indexOf(0x0a, at);
      const size = Number(/ (\d+)$/.exec(output.toString('utf8', at, end))?.[1] ?? 0);
      texts.set(file, output.toString('utf8', end + 1, end + 1 + size));
      at = end + 1 + size + 1;
    }
  };
  const source = listedSource(
    blobs.keys(),
    (file) => {
      load([file]);
      return texts.get(file);
    },
    markers,
  );
  return { source, prefetch: load };
}

/**
 * The working tree's files as git sees them: tracked and untracked, minus what .gitignore leaves
 * out and what was deleted; read from disk.
 */
export function workingTreeFiles(root: string): RevisionFiles {
  const files: string[] = [];
  const markers = [path.join(root, '.git')];
  for (const name of git(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']).toString('utf8').split('\0')) {
    if (!name) continue;
    const file = path.join(root, ...name.split('/'));
    const stat = fs.lstatSync(file, { throwIfNoEntry: false });
    if (stat?.isFile()) files.push(file);
    else if (stat?.isDirectory()) markers.push(path.join(file, '.git'));
  }
  return { source: listedSource(files, (file) => DISK_SOURCE.read(file), markers), prefetch: () => {} };
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Workspace } from '../workspace/workspaces';

export class UsageError extends Error {}

/** The command line checks nothing under a config it cannot use: exit 2, with the problems located. */
export function assertUsable(workspace: Workspace): Workspace {
  if (!workspace.problems.length) return workspace;
  const lines = workspace.problems.map(
    (problem) => `  ${workspace.configPath}:${problem.range.start.line + 1}:${problem.range.start.character + 1}  ${problem.message}`,
  );
  throw new UsageError(`The workspace config is not valid, so nothing was checked:\n${lines.join('\n')}`);
}

/** A file the command line can read as a document: YAML, or Markdown with front matter. */
export function isDocumentText(file: string): boolean {
  return /\.(?:ya?ml|md)$/i.test(file);
}

/**
 * Write through a temporary file and a rename, so a crash never leaves half a document; an
 * existing file keeps its mode.
 */
export function writeAtomically(file: string, text: string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    const mode = fs.statSync(file, { throwIfNoEntry: false })?.mode;
    fs.writeFileSync(temporary, text, mode === undefined ? undefined : { mode });
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw new UsageError(`Cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

export function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw new UsageError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

// `charters diff BASE [HEAD] [PATH…]`: reads both revisions with git, finds their workspaces and
// documents as `charters lint` would, lints each revision, and hands the two to the service's
// comparison; changeFormatters.ts prints the result.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { compareRevisions, localDate, type LanguageService, type ParsedDocument, type RevisionDocument } from '../service';
import { Workspaces, isInside, uriOf, type Workspace } from '../workspace/workspaces';
import { formatChangesJson, formatChangesMarkdown } from './changeFormatters';
import { UsageError } from './files';
import { commitFiles, commitOf, repositoryRoot, workingTreeFiles, type RevisionFiles } from './git';
import type { Io } from './main';

const FORMATS = ['markdown', 'json'];

/** A revision as the report names it: what the user typed, and its commit (none for the working tree). */
export interface Revision {
  name: string;
  commit?: string;
}

export function diffCommand(args: string[], io: Io, service: LanguageService): number {
  const { values, tokens } = parseArgs({ args, allowPositionals: true, tokens: true, options: { format: { type: 'string', default: 'markdown' } } });
  const format = values.format as string;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be markdown or json, not "${format}".`);
  // positionals before `--` may be revisions; after it, only paths
  const terminator = tokens.findIndex((token) => token.kind === 'option-terminator');
  const positionals = tokens.flatMap((token, index) =>
    token.kind === 'positional' ? [{ value: token.value, afterTerminator: terminator !== -1 && index > terminator }] : [],
  );
  const [first, ...rest] = positionals;
  if (!first || first.afterTerminator)
    throw new UsageError('charters diff needs a revision to compare with: charters diff BASE [HEAD] [PATH...], e.g. charters diff main.');
  const cwd = realFolder(io.cwd);
  const root = repositoryRoot(cwd);
  const base: Revision = { name: first.value, commit: commitOf(root, first.value) };
  if (!base.commit)
    throw new UsageError(`Unknown revision "${first.value}": no commit of the repository at ${root} has that name (in a shallow clone, fetch it first).`);
  let head: Revision = { name: 'working tree' };
  let paths = rest;
  const second = rest[0];
  if (second && !second.afterTerminator) {
    const commit = commitOf(root, second.value);
    const isPath = fs.existsSync(path.resolve(cwd, second.value));
    if (commit && isPath)
      throw new UsageError(
        `"${second.value}" is both a revision and a path: put -- before the paths (charters diff ${first.value} ${second.value} -- PATH...).`,
      );
    if (commit) {
      head = { name: second.value, commit };
      paths = rest.slice(1);
    }
  }
  const limits = paths.map(({ value }) => {
    const absolute = path.resolve(cwd, value);
    if (!isInside(root, absolute)) throw new UsageError(`${value} is outside the repository at ${root}.`);
    return absolute;
  });
  const includes = (relative: string) => !limits.length || limits.some((limit) => isInside(limit, path.join(root, ...relative.split('/'))));
  const today = localDate(new Date());
  // a file with the same text at both revisions is parsed once (a parse is never mutated)
  const parses = new Map<string, ParsedDocument>();
  const before = readRevision(service, root, commitFiles(root, base.commit), base, today, io, parses);
  const after = readRevision(service, root, head.commit ? commitFiles(root, head.commit) : workingTreeFiles(root), head, today, io, parses);
  const report = compareRevisions(before, after, { includes });
  io.stdout(format === 'json' ? `${formatChangesJson(report, base, head)}\n` : formatChangesMarkdown(report, base, head));
  return 0;
}

/** The cwd as git reports folders (symbolic links resolved), so paths relative to the root agree. */
function realFolder(folder: string): string {
  try {
    return fs.realpathSync(folder);
  } catch {
    throw new UsageError(`No such folder: ${folder}`);
  }
}

/**
 * Every document of the repository at one revision, each with its findings in its own workspace
 * (the same workspaces, configs and globs as `charters lint` on a checkout of that revision).
 */
export function readRevision(
  service: LanguageService,
  root: string,
  files: RevisionFiles,
  revision: Revision,
  today: string,
  io: Pick<Io, 'stderr'>,
  parses: Map<string, ParsedDocument> = new Map(),
): RevisionDocument[] {
  const workspaces = new Workspaces(service, files.source);
  const documents: { workspace: Workspace; file: string; parsed: ParsedDocument }[] = [];
  for (const workspace of workspaces.discover(root, root)) {
    if (workspace.problems.length) {
      // an old revision's broken config cannot be fixed any more: compare with the defaults, and say so
      io.stderr(`charters: ${path.relative(root, workspace.configPath!)} is not valid at ${revision.name}; its documents are read with the default config.\n`);
    }
    const listed = workspaces.listDocuments(workspace);
    files.prefetch(listed);
    for (const file of listed) {
      const text = workspaces.read(file);
      if (text === undefined) continue;
      const uri = uriOf(file);
      const key = `${uri}\u0000${text}`;
      const parsed = parses.get(key) ?? service.parse(TextDocument.create(uri, 'yaml', 0, text));
      parses.set(key, parsed);
      workspaces.indexParsed(workspace, uri, parsed);
      documents.push({ workspace, file, parsed });
    }
  }
  return documents.map(({ workspace, file, parsed }) => {
    const settings = { ...workspace.settings, today };
    return {
      path: path.relative(root, file).split(path.sep).join('/'),
      parsed,
      findings: service.validate(parsed.textDocument.uri, parsed, workspace.index, settings),
      taxonomy: workspace.settings.taxonomy,
      externalRoles: workspace.settings.externalRoles,
    };
  });
}

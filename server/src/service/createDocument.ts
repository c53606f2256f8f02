import { CodeActionKind, type CodeAction, type Command, type WorkspaceEdit } from 'vscode-languageserver-types';
import { SHOW_DOCUMENT_COMMAND } from '../protocol';
import { newDocumentFileName, starterDocument } from './kinds';
import type { ChartersDiagnostic, Kind } from './types';
import type { WorkspaceIndex } from './workspace';

/** What creating a document needs of the editor and the workspace; the service reads no disk. */
export interface CreateDocumentContext {
  index: WorkspaceIndex;
  /** `YYYY-MM-DD`, the new document's `updated`. */
  today: string;
  /** Whether something is at this URI already (the server asks the disk). */
  exists(uri: string): boolean;
  /** Whether the client applies `documentChanges` with a `CreateFile`: without it nothing is offered. */
  canCreateFiles: boolean;
  /** Whether the client shows a document the server asks it to (`window/showDocument`). */
  canShowDocuments: boolean;
}

/**
 * "Create role "…"" on a finding whose `data` names a missing document: a new file from the kind's
 * starter, with that id and a title made from it, where documents of that kind already live, then
 * opened. A suggestion (it adds a file the author may not want), never part of fix-all. None when
 * the file is there already, or there is no folder to put it in.
 */
export function createDocumentAction(referrerUri: string, diagnostic: ChartersDiagnostic, context: CreateDocumentContext): CodeAction | undefined {
  const missing = diagnostic.data.missingDocument;
  if (!missing || !context.canCreateFiles) return undefined;
  const uri = newDocumentUri(missing.kind, missing.id, referrerUri, context.index);
  if (!uri || context.exists(uri) || context.index.get(uri)) return undefined;
  const edit: WorkspaceEdit = {
    documentChanges: [
      // never over an existing file: the client refuses the whole edit instead
      { kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false } },
      {
        textDocument: { uri, version: null },
        edits: [
          { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: starterDocument(missing.kind, missing.id, context.today) },
        ],
      },
    ],
  };
  const show: Command | undefined = context.canShowDocuments ? { title: 'Open the new document', command: SHOW_DOCUMENT_COMMAND, arguments: [uri] } : undefined;
  return {
    title: `Create ${missing.kind} "${missing.id}" (${relativePath(folderOf(referrerUri) ?? '', uri)})`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit,
    ...(show ? { command: show } : {}),
  };
}

/**
 * Where a new document of `kind` goes: `<id>.<kind>.yaml` in the folder that holds most documents
 * of that kind (ties: the one nearest the referring document), else beside the referring document.
 */
export function newDocumentUri(kind: Kind, id: string, referrerUri: string, index: WorkspaceIndex): string | undefined {
  const counts = new Map<string, number>();
  for (const summary of index.documents(kind)) {
    const folder = folderOf(summary.uri);
    if (folder !== undefined) counts.set(folder, (counts.get(folder) ?? 0) + 1);
  }
  const near = folderOf(referrerUri);
  const closeness = (folder: string) => (near === undefined ? 0 : commonSegments(folder, near));
  const [best] = [...counts].sort(([a, countA], [b, countB]) => countB - countA || closeness(b) - closeness(a) || a.localeCompare(b));
  const folder = best?.[0] ?? near;
  return folder === undefined ? undefined : `${folder}/${newDocumentFileName(kind, id)}`;
}

/** `file:///ws/roles/pm.role.yaml` → `file:///ws/roles`; undefined for a URI with no path (`untitled:Untitled-1`). */
function folderOf(uri: string): string | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)?\/[^/]*$/i.exec(uri);
  return match ? uri.slice(0, uri.lastIndexOf('/')) : undefined;
}

function commonSegments(a: string, b: string): number {
  const left = a.split('/');
  const right = b.split('/');
  let count = 0;
  while (count < left.length && count < right.length && left[count] === right[count]) count++;
  return count;
}

/** The new file as the author sees it from the referring document: `../roles/pm.role.yaml`. */
function relativePath(fromFolder: string, uri: string): string {
  const from = fromFolder.split('/');
  const to = uri.split('/');
  const shared = commonSegments(fromFolder, uri);
  // different schemes or authorities share nothing worth climbing to
  if (shared < 3) return decoded(to[to.length - 1]);
  return decoded([...from.slice(shared).map(() => '..'), ...to.slice(shared)].join('/'));
}

function decoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

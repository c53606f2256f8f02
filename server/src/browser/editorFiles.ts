// The browser server's files: it has no disk, so it asks the editor (`charters/findFiles`,
// `charters/readFiles` in protocol.ts) and keeps what it was told. The workspace module runs over
// this source exactly as over the disk: the editor lists a superset, and the same globs, ignores
// and config rules (`globList`, the same matching as a git revision's files) pick the documents.
import * as path from 'node:path';
import { FileChangeType, type Connection, type FileEvent } from 'vscode-languageserver';
import { FIND_FILES_REQUEST, READ_FILES_REQUEST, type FindFilesParams, type FindFilesResult, type ReadFilesParams, type ReadFilesResult } from '../protocol';
import type { ServerHost } from '../lsp/host';
import { serveFileSystem, toPath, uriOf } from '../workspace/fileUris.browser';
import { globList, type FileSource, type GlobOptions } from '../workspace/source';
import { MARKERS, markerOptions } from '../workspace/workspaces';

export class EditorFiles implements FileSource {
  /** path → text, without a byte order mark */
  private readonly texts = new Map<string, string>();
  /** Folders known to exist: the markers found (`.git`), the folders the watcher reported created. */
  private readonly folders = new Set<string>();

  constructor(private readonly connection: Connection) {}

  isFile(file: string): boolean {
    return this.texts.has(path.resolve(file));
  }

  exists(file: string): boolean {
    const resolved = path.resolve(file);
    return this.texts.has(resolved) || this.folders.has(resolved);
  }

  read(file: string): string | undefined {
    return this.texts.get(path.resolve(file));
  }

  glob(patterns: string[], options: GlobOptions): string[] {
    return globList(options.folders ? [...this.texts.keys(), ...this.folders] : this.texts.keys(), patterns, options);
  }

  /** Asks the editor, keeps the texts, and matches what it found with the server's own globs. */
  async globAsync(patterns: string[], options: GlobOptions): Promise<string[]> {
    const params: FindFilesParams = { base: uriOf(path.resolve(options.cwd)), patterns, ignore: options.ignore, folders: options.folders === true };
    const result = await this.connection.sendRequest<FindFilesResult>(FIND_FILES_REQUEST, params);
    const found: string[] = [];
    for (const { uri, text } of result?.files ?? []) {
      const file = toPath(uri);
      if (file === undefined || typeof text !== 'string') continue;
      this.texts.set(file, withoutBom(text));
      found.push(file);
    }
    if (options.folders) {
      for (const uri of result?.folders ?? []) {
        const folder = toPath(uri);
        if (folder === undefined) continue;
        this.folders.add(folder);
        found.push(folder);
      }
    }
    return globList(found, patterns, options);
  }

  readError(): string {
    return 'the editor could not read the file';
  }

  /** What the editor's file watcher reported: deleted files and folders are forgotten, the rest read again. */
  async refresh(changes: FileEvent[], wanted: (uri: string) => 'read' | 'stat' | 'skip'): Promise<void> {
    const params: ReadFilesParams = { read: [], stat: [] };
    for (const change of changes) {
      const file = toPath(change.uri);
      if (file === undefined) continue;
      if (change.type === FileChangeType.Deleted) this.forget(file);
      else if (wanted(change.uri) !== 'skip') params[wanted(change.uri) === 'read' ? 'read' : 'stat'].push(change.uri);
    }
    if (!params.read.length && !params.stat.length) return;
    const result = await this.connection.sendRequest<ReadFilesResult>(READ_FILES_REQUEST, params);
    for (const { uri, text, folder } of result?.files ?? []) {
      const file = toPath(uri);
      if (file === undefined) continue;
      if (typeof text === 'string') this.texts.set(file, withoutBom(text));
      else if (folder === true) this.folders.add(file);
      else this.forget(file);
    }
  }

  /** A file or a folder is gone, and with a folder everything under it. */
  private forget(file: string): void {
    const under = `${file}/`;
    for (const known of [...this.texts.keys()]) if (known === file || known.startsWith(under)) this.texts.delete(known);
    for (const known of [...this.folders]) if (known === file || known.startsWith(under)) this.folders.delete(known);
  }
}

function withoutBom(text: string): string {
  return text.replace(/^\uFEFF/, '');
}

/** The server in a browser: the editor's files, no folder to write a site to. */
export function browserHost(connection: Connection): ServerHost {
  const files = new EditorFiles(connection);
  return {
    source: files,
    // paths are those of the first folder's file system
    initialize: ([first]) => {
      if (first !== undefined) serveFileSystem(first);
    },
    isFolder: (file) => files.exists(file) && !files.isFile(file),
    // what makes a folder a workspace (its configs, `.git`) must be known before the first document is located
    prepare: async (folders) => {
      for (const folder of folders) await files.globAsync(MARKERS, markerOptions(folder));
    },
    refresh: (changes, wanted) => files.refresh(changes, wanted),
  };
}

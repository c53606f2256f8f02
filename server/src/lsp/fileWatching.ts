import { DidChangeWatchedFilesNotification, type Connection, type Disposable, type FileSystemWatcher } from 'vscode-languageserver';
import { uriOf } from '../workspace/fileUris';
import type { WatchPattern } from './workspaceState';

/**
 * Asks the editor to watch the files the server reads (dynamic registration of
 * `workspace/didChangeWatchedFiles`), so no client needs its own copy of the globs. Registered
 * again whenever the patterns change (a config's `files`, the editor's extra globs).
 */
export class FileWatching {
  private registration: Promise<Disposable> | undefined;
  private registered = '';

  constructor(
    private readonly connection: Connection,
    private readonly relativePatterns: boolean,
  ) {}

  update(patterns: WatchPattern[]): void {
    const watchers = patterns.map((pattern) => this.watcher(pattern));
    const key = JSON.stringify(watchers);
    if (key === this.registered) return;
    this.registered = key;
    const previous = this.registration;
    this.registration = this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    void previous?.then((registration) => registration.dispose()).catch(() => undefined);
    this.registration.catch((error) => this.connection.console.warn(`The editor did not watch the charter files: ${(error as Error).message}`));
  }

  private watcher({ base, glob, kind }: WatchPattern): FileSystemWatcher {
    const watcher = this.globPattern(base, glob);
    return kind === undefined ? watcher : { ...watcher, kind };
  }

  private globPattern(base: string | undefined, glob: string): FileSystemWatcher {
    if (base === undefined) return { globPattern: glob };
    if (this.relativePatterns) return { globPattern: { baseUri: uriOf(base), pattern: glob } };
    // a client without relative patterns matches string globs against absolute paths
    return { globPattern: `${base.split('\\').join('/').replace(/\/$/, '')}/${glob}` };
  }
}

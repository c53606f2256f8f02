import type { FileEvent } from 'vscode-languageserver';
import type { SiteResult } from '../protocol';
import type { LanguageService } from '../service';
import type { FileSource } from '../workspace/source';

/**
 * What the server needs of the machine it runs on: Node reads the disk (`nodeHost.ts`); a
 * browser has no disk, and its server reads the editor's files through the editor
 * (`server/src/browser/editorFiles.ts`). Everything else in the server is the same on both.
 */
export interface ServerHost {
  /** Where workspaces, configs and documents are read from. */
  readonly source: FileSource;
  /** Called first on `initialize` with the URIs of the editor's folders. */
  initialize?(folderUris: string[]): void;
  /** Whether a path names a folder (false when it is gone). */
  isFolder(file: string): boolean;
  /**
   * Called before the editor's folders are first indexed (`uris`: the folders), when the source
   * must learn what the folders hold before a workspace can be located in them.
   */
  prepare?(folders: string[]): Promise<void>;
  /** Called with the editor's file events before the server handles them, when the source must read the changes. */
  refresh?(changes: FileEvent[], wanted: (uri: string) => 'read' | 'stat' | 'skip'): Promise<void>;
  /** Builds the organisation site into a temporary folder; absent where there is no disk to write to. */
  buildSite?(service: LanguageService, uri: unknown, openText: (uri: string) => string | undefined, log: (message: string) => void): SiteResult;
}

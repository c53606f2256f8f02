// fileUris.ts for the browser builds: the server there has no disk, and a workspace's files are
// those of the editor's file system (`vscode-remote://host/…`, github.dev's `vscode-vfs://github/…`),
// read through the editor. A path is the URI's path; the scheme and authority are those of the
// editor's first folder, set once when the server starts (`serveFileSystem`). A URI of another
// file system has no path: like an untitled document, it is checked on its own.
import { URI } from 'vscode-uri';
import type * as nodeFileUris from './fileUris';

let served: { scheme: string; authority: string } = { scheme: 'file', authority: '' };

/** The file system whose files have paths: the one of `folderUri`, the editor's first folder. */
export function serveFileSystem(folderUri: string): void {
  const { scheme, authority } = URI.parse(folderUri);
  served = { scheme, authority };
}

// typed as the Node module's functions, which this module stands in for
export const uriOf: typeof nodeFileUris.uriOf = (file) => {
  return URI.from({ scheme: served.scheme, authority: served.authority, path: file }).toString();
};

export const toPath: typeof nodeFileUris.toPath = (uri) => {
  let parsed: URI;
  try {
    parsed = URI.parse(uri, true);
  } catch {
    return undefined;
  }
  return parsed.scheme === served.scheme && parsed.authority === served.authority && parsed.path.startsWith('/') ? parsed.path : undefined;
};

// A file's URI and back, on the disk: `file:` URIs. The browser builds put fileUris.browser.ts in
// this module's place (scripts/build.mjs), where the files are those of the editor's file system.
import { fileURLToPath, pathToFileURL } from 'node:url';

export function uriOf(file: string): string {
  // an absolute POSIX path of segments that need no escaping and no resolving (none empty, none
  // starting with a dot) is its own URI path: the common case, done without building a URL
  if (process.platform !== 'win32' && PLAIN_PATH.test(file)) return `file://${file}`;
  return pathToFileURL(file).toString();
}

const PLAIN_PATH = /^(?:\/[A-Za-z0-9_-][A-Za-z0-9._-]*)+$/;

/** The path of a `file:` URI; undefined for any other URI. */
export function toPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

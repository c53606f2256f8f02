// A file's URI and back, on the disk: `file:` URIs. The browser builds put fileUris.browser.ts in
// this module's place (scripts/build.mjs), where the files are those of the editor's file system.
import { fileURLToPath, pathToFileURL } from 'node:url';

export function uriOf(file: string): string {
  return pathToFileURL(file).toString();
}

/** The path of a `file:` URI; undefined for any other URI. */
export function toPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

// Imported by the client bundle (for the export's default name): it may import only the kinds.
import { fileName, withoutDocumentExtension } from '../kinds';

/**
 * Links between exported pages. A document exported as standalone HTML links another document
 * only to that document's own export in the same folder (`pm.role.yaml` -> `pm.role.html`), by a
 * relative address; a document with no export there stays plain text. So an export names no
 * path of the machine, and its links keep working wherever the folder is copied.
 */

/** The name of a document's export: `pm.role.yaml` -> `pm.role.html`. */
export function exportFileName(uri: string): string {
  return `${withoutDocumentExtension(fileName(uri))}.html`;
}

/** The link target for rendering, given the names of the files beside the export. */
export function siblingExportLinks(siblings: Iterable<string>): (uri: string) => string | undefined {
  const present = new Set(siblings);
  return (uri) => {
    const name = exportFileName(uri);
    return present.has(name) ? encodeURIComponent(name) : undefined;
  };
}

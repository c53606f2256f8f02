import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService, SiteDocument } from '../service';
import { uriOf, type Workspace, type Workspaces } from './workspaces';

/** What a site build reports as it goes: reading documents, then drawing pages, then writing files. */
export type SiteProgress = (stage: 'read' | 'build' | 'write', done: number, total: number) => void;

/**
 * Read every document of `workspace` (parsed once, indexed afresh; `read` may give a file's text,
 * such as an editor's unsaved version), build its site with the
 * language service and write the files under `outDir`, creating folders as needed. The same for
 * `charters site` and the editor's "Open the organisation site". Returns the files written,
 * relative to `outDir`.
 */
export function writeSite(
  service: LanguageService,
  workspaces: Workspaces,
  workspace: Workspace,
  outDir: string,
  options: { title?: string; progress?: SiteProgress; read?: (file: string) => string | undefined } = {},
): string[] {
  const files = workspaces.listDocuments(workspace);
  const documents: SiteDocument[] = [];
  files.forEach((file, position) => {
    const text = options.read?.(file) ?? workspaces.read(file);
    const uri = uriOf(file);
    if (text === undefined) {
      workspace.index.delete(uri);
    } else {
      const parsed = service.parse(TextDocument.create(uri, 'yaml', 0, text));
      workspaces.indexParsed(workspace, uri, parsed);
      documents.push({ uri, parsed });
    }
    options.progress?.('read', position + 1, files.length);
  });
  const pages = service.site(documents, workspace.index, workspace.settings, {
    title: options.title ?? siteTitle(workspace.root),
    progress: (done, total) => options.progress?.('build', done, total),
  });
  let written = 0;
  for (const [relative, content] of pages) {
    const target = path.join(outDir, ...relative.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
    options.progress?.('write', ++written, pages.size);
  }
  return [...pages.keys()];
}

/** The site's default name: the workspace folder's name, as people call the repository. */
export function siteTitle(root: string): string {
  const name = path.basename(root);
  return name ? `${name}: the organisation` : 'The organisation';
}

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ResponseError } from 'vscode-languageserver';
import type { SiteResult } from '../protocol';
import type { LanguageService } from '../service';
import { writeSite } from '../workspace/site';
import { DISK_SOURCE } from '../workspace/disk';
import { toPath, uriOf, Workspaces } from '../workspace/workspaces';

/**
 * The editor's "Open the organisation site": the workspace of `uri` (a document or a folder)
 * built into a folder of the system's temporary directory, one per workspace, emptied first so no
 * page of an earlier build is left. A fresh `Workspaces` reads the files, so the server's own
 * index is not touched; open documents count with their unsaved text.
 */
export function buildSiteInTemp(
  service: LanguageService,
  uri: unknown,
  openText: (uri: string) => string | undefined,
  log: (message: string) => void,
): SiteResult {
  const target = typeof uri === 'string' ? toPath(uri) : undefined;
  const stat = target === undefined ? undefined : fs.statSync(target, { throwIfNoEntry: false });
  if (target === undefined || !stat) throw new ResponseError(1, 'The organisation site needs a document or folder on disk to find its workspace.');
  const workspaces = new Workspaces(service, DISK_SOURCE);
  const workspace = stat.isDirectory() ? workspaces.ofFolder(target, target) : workspaces.of(target, path.dirname(target));
  if (workspace.problems.length) throw new ResponseError(1, `${workspace.configPath} is not valid: ${workspace.problems[0].message}`);
  const folder = path.join(os.tmpdir(), `charters-site-${createHash('sha256').update(workspace.root).digest('hex').slice(0, 12)}`);
  fs.rmSync(folder, { recursive: true, force: true });
  const started = Date.now();
  const files = writeSite(service, workspaces, workspace, folder, { read: (file) => openText(uriOf(file)) });
  const pages = files.filter((file) => file.endsWith('.html')).length;
  log(`Built the organisation site of ${workspace.root}: ${pages} pages in ${folder} in ${Date.now() - started} ms`);
  return {
    folder: uriOf(folder),
    index: uriOf(path.join(folder, 'index.html')),
    orgChart: uriOf(path.join(folder, 'org-chart.html')),
    pages,
  };
}

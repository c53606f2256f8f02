// The live preview: one webview panel showing the charter document of the active editor.
// The server renders the HTML fragment (`charters/preview`); the page shell comes from
// page.ts, with a fresh nonce on every render so only our own script runs.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { renderPage } from '../../server/src/service/preview/page';
import { escapeHtml } from '../../server/src/service/preview/escape';
import { withLastGood } from '../../server/src/service/preview/lastGood';
import { OPEN_SITE_COMMAND, PREVIEW_REQUEST, type PreviewParams, type PreviewResult } from '../../server/src/protocol';
import { isServedDocument, SETTINGS_SECTION } from './client';

const VIEW_TYPE = 'charters.preview';
const DEBOUNCE_MS = 150;

/**
 * Ask the server for a document's preview fragment; undefined when it has none. With
 * `siblingExports` (the files beside an export), the fragment is for a standalone page.
 */
export async function requestPreview(client: BaseLanguageClient | undefined, uri: vscode.Uri, siblingExports?: string[]): Promise<PreviewResult | undefined> {
  if (!client?.isRunning()) return undefined;
  const params: PreviewParams = { uri: uri.toString(), ...(siblingExports ? { siblingExports } : {}) };
  const result = await client.sendRequest<PreviewResult | null>(PREVIEW_REQUEST, params);
  return result ?? undefined;
}

/** 16 random bytes in base64, from the Web Crypto API that Node and browsers both have. */
export function newNonce(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export function isCharterDocument(document: vscode.TextDocument | undefined): document is vscode.TextDocument {
  return isServedDocument(document);
}

/**
 * A message from the webview is only trusted to name a file: it must be `{ type: 'open', uri }`
 * with a URI inside one of the workspace folders: a `file:` URI, or in a browser one of the
 * folder's own file system (github.dev's). Returns that file, or undefined.
 */
export function fileToOpen(message: unknown): vscode.Uri | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { type, uri } = message as { type?: unknown; uri?: unknown };
  if (type !== 'open' || typeof uri !== 'string' || uri.length > 4096) return undefined;
  let parsed: vscode.Uri;
  try {
    parsed = vscode.Uri.parse(uri, true);
  } catch {
    return undefined;
  }
  if (parsed.scheme !== 'file') return insideVirtualFolder(parsed);
  const file = path.resolve(parsed.fsPath);
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme !== 'file') continue;
    const relative = path.relative(path.resolve(folder.uri.fsPath), file);
    if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) return vscode.Uri.file(file);
  }
  return undefined;
}

/** A URI of a folder's file system other than the disk, inside that folder, with its path normalised. */
function insideVirtualFolder(uri: vscode.Uri): vscode.Uri | undefined {
  if (uri.query || uri.fragment) return undefined;
  const file = path.posix.normalize(uri.path);
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const root = folder.uri;
    if (root.scheme === 'file' || root.scheme !== uri.scheme || root.authority !== uri.authority) continue;
    const relative = path.posix.relative(path.posix.normalize(root.path), file);
    if (relative && !relative.startsWith('..') && !path.posix.isAbsolute(relative)) return root.with({ path: file });
  }
  return undefined;
}

/**
 * The preview's "Open the org chart" link: `{ type: 'openSite', role? }`. Returns the role id to
 * show ('' for none), or undefined when the message is something else; the command checks the id.
 */
export function siteToOpen(message: unknown): string | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { type, role } = message as { type?: unknown; role?: unknown };
  if (type !== 'openSite') return undefined;
  return typeof role === 'string' && role.length <= 200 ? role : '';
}

export class PreviewPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private document: vscode.Uri | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Renders finish out of order; only the latest one may set the HTML. */
  private generation = 0;
  private lastBody: string | undefined;
  /** The document's last rendering without a syntax error: shown under a banner while the YAML is broken. */
  private lastGood: PreviewResult | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly getClient: () => BaseLanguageClient | undefined) {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (!this.panel || !editor || !isCharterDocument(editor.document)) return;
        if (!vscode.workspace.getConfiguration(SETTINGS_SECTION).get<boolean>('preview.followActiveEditor', true)) return;
        if (editor.document.uri.toString() !== this.document?.toString()) this.showDocument(editor.document.uri);
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (this.panel && event.document.uri.toString() === this.document?.toString()) this.schedule();
      }),
    );
  }

  /** The document shown, if the panel is open. */
  get shown(): vscode.Uri | undefined {
    return this.panel ? this.document : undefined;
  }

  open(uri: vscode.Uri, toSide: boolean): void {
    const column = toSide ? vscode.ViewColumn.Beside : (vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.Active);
    if (this.panel) {
      this.panel.reveal(column, toSide);
    } else {
      this.panel = vscode.window.createWebviewPanel(
        VIEW_TYPE,
        'Preview',
        { viewColumn: column, preserveFocus: toSide },
        { enableScripts: true, localResourceRoots: [], enableFindWidget: true },
      );
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.document = undefined;
        this.lastBody = undefined;
        this.lastGood = undefined;
        clearTimeout(this.timer);
      });
      this.panel.webview.onDidReceiveMessage((message: unknown) => {
        const role = siteToOpen(message);
        if (role !== undefined) {
          void vscode.commands.executeCommand(OPEN_SITE_COMMAND, this.document, 'org-chart', role || undefined).then(undefined, () => undefined);
          return;
        }
        const file = fileToOpen(message);
        if (!file) return; // anything else the page might send is ignored
        void vscode.window.showTextDocument(file, { viewColumn: vscode.ViewColumn.One }).then(undefined, () => undefined);
      });
    }
    this.showDocument(uri);
  }

  /** Re-render now, e.g. after the server restarted. */
  refresh(): void {
    if (this.panel) void this.render();
  }

  private showDocument(uri: vscode.Uri): void {
    this.document = uri;
    this.lastBody = undefined;
    this.lastGood = undefined;
    if (this.panel) this.panel.title = `Preview ${path.basename(uri.path)}`;
    void this.render();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.render(), DEBOUNCE_MS);
  }

  private async render(): Promise<void> {
    const panel = this.panel;
    const uri = this.document;
    if (!panel || !uri) return;
    const generation = ++this.generation;
    let result: PreviewResult | undefined;
    let shown: PreviewResult;
    try {
      result = await requestPreview(this.getClient(), uri);
      shown = result ?? {
        title: path.basename(uri.path),
        body: message(
          'No preview yet',
          'The Product Charters server is not running or does not know this document yet. It appears here as soon as the server has read it.',
        ),
      };
    } catch (error) {
      shown = { title: path.basename(uri.path), body: message('The preview failed', error instanceof Error ? error.message : String(error)) };
    }
    if (generation !== this.generation || panel !== this.panel) return;
    if (result) {
      // showDocument clears lastGood: it is always this document's
      shown = withLastGood(result, this.lastGood);
      if (!result.syntaxError) this.lastGood = result;
    }
    const { title, body } = shown;
    if (body === this.lastBody) return;
    this.lastBody = body;
    panel.webview.html = renderPage(body, { nonce: newNonce(), cspSource: panel.webview.cspSource, standalone: false, title });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}

function message(heading: string, text: string): string {
  return `<section class="problem" role="status"><h1>${escapeHtml(heading)}</h1><p>${escapeHtml(text)}</p></section>`;
}

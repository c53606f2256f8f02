// The commands of the extension. Each takes its input as arguments when given (so tests and
// other extensions can call it without UI) and asks the user only for what is missing.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { KINDS, kindNames, newDocumentCommand, newDocumentFileName, starterDocument, starterMarkdownDocument, type Kind } from '../../server/src/service/kinds';
import { exportFileName } from '../../server/src/service/preview/exportLinks';
import { renderPage } from '../../server/src/service/preview/page';
import { toKebabCase } from '../../server/src/service/suggest';
import { isId } from '../../server/src/service/types';
import { OPEN_SITE_COMMAND, SHOW_RULE_DOCS_COMMAND, SITE_REQUEST, type SiteParams, type SiteResult } from '../../server/src/protocol';
import { LANGUAGE_ID } from './client';
import { isCharterDocument, newNonce, requestPreview, type PreviewPanel } from './preview';

export interface CommandContext {
  readonly extension: vscode.ExtensionContext;
  readonly output: vscode.LogOutputChannel;
  readonly preview: PreviewPanel;
  client(): BaseLanguageClient | undefined;
  restartServer(): Promise<void>;
  /** Running in a browser: no process to start, no disk of the machine to write to. */
  readonly browser: boolean;
}

/** What a command that needs the machine says in a browser, instead of failing or doing nothing. */
export function notInBrowser(what: string, instead: string): void {
  void vscode.window.showInformationMessage(`Product Charters: ${what} is not available in the browser. ${instead}`);
}

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  const register = (id: string, run: (...args: unknown[]) => unknown) => vscode.commands.registerCommand(id, run);
  return [
    register('charters.restartServer', () => ctx.restartServer()),
    register('charters.showOutput', () => ctx.output.show(true)),
    ...KINDS.map((kind) => register(newDocumentCommand(kind), (id, format) => newDocument(kind, id, format))),
    register('charters.openPreview', (resource) => openPreview(ctx, resource, false)),
    register('charters.openPreviewToSide', (resource) => openPreview(ctx, resource, true)),
    register('charters.exportHtml', (first, second) => exportHtml(ctx, first, second)),
    register(SHOW_RULE_DOCS_COMMAND, (ruleId) => showRuleDocs(ctx, ruleId)),
    register(OPEN_SITE_COMMAND, (resource, page, role) => openSite(ctx, resource, page, role)),
  ];
}

function toUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string' && value !== '') {
    return /^[a-z][a-z0-9+.-]+:/i.test(value) && !path.isAbsolute(value) ? vscode.Uri.parse(value) : vscode.Uri.file(path.resolve(value));
  }
  return undefined;
}

// ------------------------------------------------------------------ new documents

/**
 * Creates `<id>.<kind>.yaml` (the kind's file name), or `<id>.<kind>.md` in the Markdown form, in
 * the first workspace folder (untitled without one) and opens it. Run without arguments in a
 * folder, it asks for the form, then for the id.
 */
async function newDocument(kind: Kind, idArgument: unknown, formatArgument: unknown): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  let format: 'yaml' | 'markdown' = formatArgument === 'markdown' ? 'markdown' : 'yaml';
  // a folder the document can be written to: on the disk, or a writable file system of the editor (github.dev's)
  const writable = folder !== undefined && vscode.workspace.fs.isWritableFileSystem(folder.uri.scheme) !== false;
  const validate = async (value: string): Promise<string | undefined> => {
    if (!isId(value)) return `Use lower-case words joined by hyphens, like "${toKebabCase(value) || 'senior-pm-payments'}".`;
    if (writable && (await exists(vscode.Uri.joinPath(folder.uri, newDocumentFileName(kind, value, format)))))
      return `${newDocumentFileName(kind, value, format)} already exists.`;
    return undefined;
  };
  let id = typeof idArgument === 'string' ? idArgument.trim() : undefined;
  if (id === undefined && writable) {
    const picked = await vscode.window.showQuickPick(
      [
        { label: 'YAML', description: newDocumentFileName(kind, 'name'), format: 'yaml' as const },
        {
          label: 'Markdown',
          description: `${newDocumentFileName(kind, 'name', 'markdown')}: fields in front matter, prose as sections`,
          format: 'markdown' as const,
        },
      ],
      { title: `New ${kind}`, placeHolder: 'Write it as YAML or as Markdown?' },
    );
    if (!picked) return undefined;
    format = picked.format;
  }
  if (id === undefined) {
    id = await vscode.window.showInputBox({
      title: `New ${kind}`,
      prompt: `The id of the new ${kind}: unique among ${kind} documents, referred to by other documents.`,
      placeHolder: kind === 'role' ? 'senior-pm-payments' : `my-${kind}`,
      validateInput: validate,
    });
    if (id === undefined) return undefined;
  }
  const problem = await validate(id);
  if (problem) {
    void vscode.window.showErrorMessage(`Cannot create the ${kind}: ${problem}`);
    return undefined;
  }
  const today = new Date().toISOString().slice(0, 10);
  const text = format === 'markdown' ? starterMarkdownDocument(kind, id, today) : starterDocument(kind, id, today);
  let document: vscode.TextDocument;
  if (writable) {
    const uri = vscode.Uri.joinPath(folder.uri, newDocumentFileName(kind, id, format));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    document = await vscode.workspace.openTextDocument(uri);
  } else {
    document = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: text });
  }
  await vscode.window.showTextDocument(document);
  return document.uri;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

// ------------------------------------------------------------------ preview and export

/** The charter document a command is about: its argument, else the active editor's. */
function targetDocument(resource: unknown): vscode.Uri | undefined {
  const uri = toUri(resource);
  if (uri) return uri;
  const active = vscode.window.activeTextEditor?.document;
  if (isCharterDocument(active)) return active.uri;
  return undefined;
}

function openPreview(ctx: CommandContext, resource: unknown, toSide: boolean): void {
  const uri = targetDocument(resource) ?? ctx.preview.shown;
  if (!uri) {
    void vscode.window.showInformationMessage(`Open a ${kindNames('or')} document to preview it.`);
    return;
  }
  ctx.preview.open(uri, toSide);
}

/**
 * Writes the document's preview as a standalone HTML page. Arguments: (document?, target?), or a
 * single target path ending in .html; without a target, a save dialog asks.
 */
async function exportHtml(ctx: CommandContext, first: unknown, second: unknown): Promise<vscode.Uri | undefined> {
  let documentArgument = first;
  let targetArgument = second;
  if (second === undefined && typeof first === 'string' && /\.html?$/i.test(first)) {
    documentArgument = undefined;
    targetArgument = first;
  }
  const uri = targetDocument(documentArgument) ?? ctx.preview.shown;
  if (!uri) {
    void vscode.window.showInformationMessage(`Open a ${kindNames('or')} document to export it.`);
    return undefined;
  }
  let target = toUri(targetArgument);
  if (!target) {
    const folder = uri.scheme === 'untitled' ? vscode.workspace.workspaceFolders?.[0]?.uri : vscode.Uri.joinPath(uri, '..');
    target = await vscode.window.showSaveDialog({
      title: 'Export preview as HTML',
      defaultUri: folder ? vscode.Uri.joinPath(folder, exportFileName(uri.toString())) : undefined,
      filters: { HTML: ['html'] },
      saveLabel: 'Export',
    });
    if (!target) return undefined;
  }
  // The server knows only open documents.
  await vscode.workspace.openTextDocument(uri);
  // Links in the page go to the other documents' exports beside it, if any: never to a path of this machine.
  const result = await requestPreview(ctx.client(), uri, await siblingFiles(target));
  if (!result) {
    void vscode.window.showErrorMessage('Product Charters: the server is not running or cannot render this document, so there is nothing to export.');
    return undefined;
  }
  const html = renderPage(result.body, { nonce: newNonce(), standalone: true, title: result.title });
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(html));
  if (targetArgument === undefined) {
    void vscode.window.showInformationMessage(`Exported ${path.basename(target.path)}.`);
  }
  return target;
}

/** The names of the files in the folder `target` is written to. */
async function siblingFiles(target: vscode.Uri): Promise<string[]> {
  try {
    const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(target, '..'));
    return entries.filter(([, type]) => (type & vscode.FileType.File) !== 0).map(([name]) => name);
  } catch {
    return []; // a folder that cannot be listed: the page names other documents as text
  }
}

// ------------------------------------------------------------------ the organisation site

/**
 * Builds the site of the workspace (the server writes it to a temporary folder) and opens a page
 * of it in the browser: the overview, or with `page` 'org-chart' the org chart, at `role`'s box
 * when given. Returns the address opened.
 */
async function openSite(ctx: CommandContext, resource: unknown, page: unknown, role: unknown): Promise<vscode.Uri | undefined> {
  if (ctx.browser) {
    notInBrowser(
      'the organisation site',
      'It is written to a folder on disk and opened in a web browser: run `npx charters site DIR -o site` in a terminal, or open the folder in VS Code on the desktop. The preview of each document works here.',
    );
    return undefined;
  }
  const uri = targetDocument(resource) ?? ctx.preview.shown ?? vscode.workspace.workspaceFolders?.find((folder) => folder.uri.scheme === 'file')?.uri;
  if (uri?.scheme !== 'file') {
    void vscode.window.showInformationMessage('Open a folder or a charter document to build its organisation site.');
    return undefined;
  }
  const client = ctx.client();
  if (!client?.isRunning()) {
    void vscode.window.showErrorMessage('Product Charters: the server is not running, so the site cannot be built.');
    return undefined;
  }
  let result: SiteResult;
  try {
    const params: SiteParams = { uri: uri.toString() };
    result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Building the organisation site' }, () =>
      client.sendRequest<SiteResult>(SITE_REQUEST, params),
    );
  } catch (error) {
    void vscode.window.showErrorMessage(`Product Charters: the site could not be built. ${(error as Error).message}`);
    return undefined;
  }
  let target = vscode.Uri.parse(page === 'org-chart' ? result.orgChart : result.index);
  // a role id is kebab-case (isId): it can only name a box, never change the address
  if (page === 'org-chart' && isId(role)) target = target.with({ fragment: `role-${role}` });
  ctx.output.info(`Opening the organisation site (${result.pages} pages): ${target.toString(true)}`);
  await vscode.env.openExternal(target);
  return target;
}

// ------------------------------------------------------------------ rule pages

/** Opens the rule's page from the extension's own docs/rules folder in the Markdown preview (read through the editor, so also in a browser). */
async function showRuleDocs(ctx: CommandContext, ruleArgument: unknown): Promise<void> {
  const rulesFolder = vscode.Uri.joinPath(ctx.extension.extensionUri, 'docs', 'rules');
  let ruleId = typeof ruleArgument === 'string' ? ruleArgument : undefined;
  if (ruleId === undefined) {
    let entries: [string, vscode.FileType][] = [];
    try {
      entries = await vscode.workspace.fs.readDirectory(rulesFolder);
    } catch {
      // no pages shipped: an empty list
    }
    const ids = entries
      .map(([name]) => name)
      .filter((name) => name.endsWith('.md') && name !== 'README.md')
      .map((name) => name.slice(0, -3))
      .sort();
    ruleId = await vscode.window.showQuickPick(ids, { title: 'Show the documentation of a rule', placeHolder: 'rule id' });
    if (ruleId === undefined) return;
  }
  // Only a plain rule id names a page: nothing can reach outside docs/rules.
  const page = isId(ruleId) ? vscode.Uri.joinPath(rulesFolder, `${ruleId}.md`) : undefined;
  if (!page || !(await exists(page))) {
    void vscode.window.showErrorMessage(`Product Charters has no rule "${ruleId}".`);
    return;
  }
  await vscode.commands.executeCommand('markdown.showPreview', page);
}

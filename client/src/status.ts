// The language status item of charter documents (the `{}` next to the language name in the status
// bar): which config governs the active document, how many documents its workspace holds, and
// which rules the `charters.rules` setting changes. The server knows all of it
// (`charters/status`); this module only asks when the active editor changes or the server says
// the answer changed, and draws the answer.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { State, type BaseLanguageClient } from 'vscode-languageclient';
import { STARTER_CONFIG_REQUEST, STATUS_CHANGED_NOTIFICATION, STATUS_REQUEST, type StatusParams, type StatusResult } from '../../server/src/protocol';
import { LANGUAGE_ID } from './client';

export const OPEN_CONFIG_COMMAND = 'charters.openConfig';
const CONFIG_FILE = 'charters.config.yaml';

/** What the item shows, as plain text: what the extension-host tests read. */
export interface StatusView {
  text: string;
  detail: string;
  /** The command's title ("Open config" or "Create config…"). */
  command?: string;
}

export class LanguageStatus implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('charters.status', { language: LANGUAGE_ID });
  private readonly disposables: vscode.Disposable[] = [];
  private last: StatusResult | null | undefined;
  private generation = 0;
  /** Settles when the item shows the answer for the active editor. */
  private pending: Promise<void> = Promise.resolve();

  constructor(private readonly client: () => BaseLanguageClient | undefined) {
    this.item.name = 'Product Charters';
    this.item.text = 'Product Charters';
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration('charters.rules') && this.refresh()),
    );
  }

  /** Call for each new language client: it tells when the status may have changed. */
  attach(client: BaseLanguageClient): void {
    this.disposables.push(
      client.onNotification(STATUS_CHANGED_NOTIFICATION, () => this.refresh()),
      client.onDidChangeState(({ newState }) => newState === State.Running && this.refresh()),
    );
    this.refresh();
  }

  /** Asks the server again for the active document; resolves once the item shows the answer. */
  refresh(): Promise<void> {
    const generation = ++this.generation;
    this.pending = this.update(generation);
    return this.pending;
  }

  /** What the item shows once it is up to date with the active editor. */
  async view(): Promise<StatusView> {
    await this.pending;
    return { text: this.item.text, detail: this.item.detail ?? '', command: this.item.command?.title };
  }

  /** The item's command: open the config that governs the active document, or explain and offer to create one. */
  async openConfig(): Promise<void> {
    const status = this.last;
    const document = vscode.window.activeTextEditor?.document;
    if (status?.configUri) {
      await vscode.window.showTextDocument(vscode.Uri.parse(status.configUri));
      return;
    }
    // the server's URIs: in a browser a path names no file of the machine
    const root = status?.rootUri
      ? vscode.Uri.parse(status.rootUri)
      : document && document.uri.scheme !== 'untitled'
        ? vscode.Uri.joinPath(document.uri, '..')
        : undefined;
    if (!root) {
      void vscode.window.showInformationMessage(
        `No ${CONFIG_FILE} governs this document: every rule runs at its default severity, with the charters.rules setting. Save it in a folder to give it one.`,
      );
      return;
    }
    const target = vscode.Uri.joinPath(root, CONFIG_FILE);
    const create = `Create ${CONFIG_FILE}`;
    const choice = await vscode.window.showInformationMessage(
      `No ${CONFIG_FILE} governs this document: every rule runs at its default severity, with the charters.rules setting. ` +
        `A config at ${vscode.workspace.asRelativePath(target)} would set the rules, taxonomy and files for the editor and the command line alike.`,
      create,
    );
    if (choice !== create) return;
    const text = await this.client()?.sendRequest<string>(STARTER_CONFIG_REQUEST);
    if (typeof text !== 'string') {
      void vscode.window.showErrorMessage('Product Charters: the language server is not running; the config was not created.');
      return;
    }
    try {
      await vscode.workspace.fs.stat(target);
    } catch {
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    }
    await vscode.window.showTextDocument(target);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  private async update(generation: number): Promise<void> {
    const document = vscode.window.activeTextEditor?.document;
    const client = this.client();
    if (!document || document.languageId !== LANGUAGE_ID) return;
    if (!client || client.state !== State.Running) {
      this.show(generation, undefined, document);
      return;
    }
    this.item.busy = true;
    let status: StatusResult | null | undefined;
    try {
      status = await client.sendRequest<StatusResult | null>(STATUS_REQUEST, { uri: document.uri.toString() } satisfies StatusParams);
    } catch {
      status = undefined;
    }
    this.show(generation, status, document);
  }

  private show(generation: number, status: StatusResult | null | undefined, document: vscode.TextDocument): void {
    if (generation !== this.generation) return; // a newer question is on its way
    this.item.busy = false;
    this.last = status;
    this.item.severity = vscode.LanguageStatusSeverity.Information;
    if (!status) {
      this.item.text = 'Product Charters';
      this.item.detail = status === null ? `${path.basename(document.uri.path)} is not checked as a product document` : 'the language server is not running';
      this.item.command = undefined;
      return;
    }
    const documents = `${status.documents} document${status.documents === 1 ? '' : 's'}${status.indexed ? '' : ' so far'}`;
    // what the settings change, only when they change something (the hover stays short)
    const settings = status.overriddenRules.length
      ? ` · charters.rules: ${status.overriddenRules.map(({ rule, severity }) => `${rule} ${severity}`).join(', ')}`
      : status.ignoredSettings.length
        ? ` · charters.rules not applied (the config wins): ${status.ignoredSettings.join(', ')}`
        : '';
    if (status.configPath) {
      const shown = vscode.workspace.asRelativePath(status.configUri ? vscode.Uri.parse(status.configUri) : status.configPath);
      const valid = !status.configProblems.length;
      this.item.text = valid ? `$(settings-gear) ${shown}` : `$(warning) ${shown} not valid: defaults`;
      this.item.severity = valid ? vscode.LanguageStatusSeverity.Information : vscode.LanguageStatusSeverity.Warning;
      this.item.detail = valid ? `${documents}${settings}` : status.configProblems[0];
      this.item.command = { title: 'Open config', command: OPEN_CONFIG_COMMAND, tooltip: `Open ${shown}` };
    } else {
      this.item.text = '$(settings-gear) no config: defaults';
      this.item.detail = `${documents}${settings}`;
      this.item.command = { title: 'Create config…', command: OPEN_CONFIG_COMMAND, tooltip: `What applies without ${CONFIG_FILE}, and create one` };
    }
  }
}

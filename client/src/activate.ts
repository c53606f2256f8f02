// The extension is a launcher: it starts the language server, which does all the checking,
// and adds what only the editor can do (commands, the preview, recognising extra globs). The
// same on Node and in a browser; the entries (extension.ts, browser/extension.ts) pass the platform.
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient';
import { createSession, extraGlobs, LANGUAGE_ID, SETTINGS_SECTION, type Platform, type ServerSession } from './client';
import { registerCommands } from './commands';
import { PreviewPanel } from './preview';
import { LanguageStatus, OPEN_CONFIG_COMMAND, type StatusView } from './status';

let session: ServerSession | undefined;

/** What `activate` returns to other extensions and the extension-host tests. */
export interface ChartersApi {
  /** What the language status item shows for the active editor, once it is up to date. */
  languageStatus(): Promise<StatusView>;
}

export async function activateWith(context: vscode.ExtensionContext, platform: Platform): Promise<ChartersApi> {
  // a log channel: VS Code puts the time and level before each line, the server's lines included
  const output = vscode.window.createOutputChannel('Product Charters', { log: true });
  const preview = new PreviewPanel(() => session?.client);
  const status = new LanguageStatus(() => session?.client);
  context.subscriptions.push(output, preview, status);

  let starts = 0;
  const start = async (): Promise<void> => {
    starts++;
    output.info(starts === 1 ? 'Starting the language server.' : `Starting the language server again (start ${starts} of this window).`);
    session = createSession(context, output, platform);
    const started = Date.now();
    // Also after the error handler restarted a crashed server: the preview and the status item ask again.
    session.client.onDidChangeState(({ oldState, newState }) => {
      if (newState === State.Running) {
        output.info(`The language server is running (${Date.now() - started} ms after the start).`);
        preview.refresh();
      } else if (newState === State.Stopped && oldState === State.Running) output.info('The language server stopped.');
    });
    status.attach(session.client);
    await session.start();
  };
  const restartServer = async (): Promise<void> => {
    output.info('Restarting the language server (Restart Language Server).');
    await stopSession();
    await start();
  };

  context.subscriptions.push(
    ...registerCommands({ extension: context, output, preview, client: () => session?.client, restartServer, browser: platform.browser }),
    vscode.commands.registerCommand(OPEN_CONFIG_COMMAND, () => status.openConfig()),
    // Extra globs change which files are charter documents; the server re-indexes and re-watches on its own.
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SETTINGS_SECTION}.files`)) {
        for (const document of vscode.workspace.textDocuments) void adoptExtraGlob(document);
      }
    }),
    vscode.workspace.onDidOpenTextDocument((document) => void adoptExtraGlob(document)),
  );
  for (const document of vscode.workspace.textDocuments) void adoptExtraGlob(document);

  await start();
  return { languageStatus: () => status.view() };
}

export function deactivate(): Promise<void> {
  return stopSession();
}

async function stopSession(): Promise<void> {
  const current = session;
  session = undefined;
  await current?.stop();
}

/** A YAML file matching a glob of `charters.files` is a charter document: switch its language. */
async function adoptExtraGlob(document: vscode.TextDocument): Promise<void> {
  if (document.languageId !== 'yaml') return;
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  if (!folder) return;
  const matches = extraGlobs().some((glob) => vscode.languages.match({ pattern: new vscode.RelativePattern(folder, glob) }, document) > 0);
  if (matches) await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
}

// The extension is a launcher: it starts the language server, which does all the checking,
// and adds what only the editor can do (commands, the preview, recognising extra globs).
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import { createSession, extraGlobs, LANGUAGE_ID, SETTINGS_SECTION, type ServerSession } from './client';
import { registerCommands } from './commands';
import { PreviewPanel } from './preview';

let session: ServerSession | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Product Charters', { log: true });
  const preview = new PreviewPanel(() => session?.client);
  context.subscriptions.push(output, preview);

  const start = async (): Promise<void> => {
    session = createSession(context, output);
    // Also after the error handler restarted a crashed server: the preview asks again.
    session.client.onDidChangeState(({ newState }) => newState === State.Running && preview.refresh());
    await session.start();
  };
  const restartServer = async (): Promise<void> => {
    await stopSession();
    await start();
  };

  context.subscriptions.push(
    ...registerCommands({ extension: context, output, preview, client: () => session?.client, restartServer }),
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
  if (document.languageId !== 'yaml' || document.uri.scheme !== 'file') return;
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  if (!folder) return;
  const matches = extraGlobs().some((glob) => vscode.languages.match({ pattern: new vscode.RelativePattern(folder, glob) }, document) > 0);
  if (matches) await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
}

// The language server in a browser: the same server as on Node (startServer), over a message
// port instead of a process's pipes, reading the editor's files instead of a disk. It runs in a
// Web Worker of its own (worker.ts) or, where the editor lets no extension start a worker,
// inside the extension's own worker, at the other end of a MessageChannel (client/src/browser).
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { startServer } from '../lsp/startServer';
import { browserHost } from './editorFiles';

/** What a browser server talks through: a worker's own scope, or one end of a MessageChannel. */
export type MessageEnd = ConstructorParameters<typeof BrowserMessageReader>[0];

export function serveOver(end: MessageEnd): void {
  const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(end), new BrowserMessageWriter(end));
  startServer(connection, browserHost(connection));
  // the client said exit, after shutdown was answered: a worker ends itself, a channel's port closes
  connection.onExit(() => {
    connection.dispose();
    (end as { close?: () => void }).close?.();
  });
}

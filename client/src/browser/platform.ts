// The extension in a browser (vscode.dev, github.dev, a web worker extension host): the server is
// the browser build of the same server, in a Web Worker of its own (dist/server.browser.js). Hosts
// that serve the extension from a remote (code-server, Codespaces) refuse to start a worker for it
// ("Creating workers from remote extensions is currently not supported", microsoft/vscode#168942):
// there the server runs inside the extension's own worker, at the other end of a MessageChannel.
// Either way it reads the workspace's files through the editor (files.ts).
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient, type MessageTransports } from 'vscode-languageclient/browser';
import { serveOver, type MessageEnd } from '../../../server/src/browser/server';
import { LANGUAGE_ID, type Platform } from '../client';
import { answerFileRequests } from './files';

/** The Web Worker of a browser, as far as this module uses it (the extension compiles without the DOM's types). */
interface WebWorker {
  terminate(): void;
}
declare const Worker: (new (url: string, options?: { name?: string }) => WebWorker) | undefined;
declare const MessageChannel: new () => { port1: MessageEnd & { close(): void }; port2: MessageEnd & { close(): void } };

/** The client's own messages go to the output only (see `Platform.launch`). */
class QuietLanguageClient extends LanguageClient {
  override error(message: string, data?: unknown, _showNotification?: boolean | 'force'): void {
    super.error(message, data, false);
  }
}

export const BROWSER_PLATFORM: Platform = {
  browser: true,
  launch(context, options, output) {
    // The server ends itself on exit (server/src/browser/server.ts); one that crashed or hung is ended here before the next start.
    let stopServer: (() => void) | undefined;
    // a function, so that every start (and restart) of the client gets a fresh server
    const transports = async (): Promise<MessageTransports> => {
      stopServer?.();
      const script = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.browser.js').toString(true);
      let end: MessageEnd;
      try {
        if (!Worker) throw new Error('this host has no Web Workers');
        const worker = new Worker(script, { name: 'Product Charters language server' });
        end = worker as unknown as MessageEnd;
        stopServer = () => worker.terminate();
        output.info('The language server runs in a Web Worker of its own.');
      } catch (error) {
        const channel = new MessageChannel();
        serveOver(channel.port2);
        end = channel.port1;
        stopServer = () => {
          channel.port1.close();
          channel.port2.close();
        };
        output.info(`The language server runs in the extension's own worker (no worker of its own: ${(error as Error).message}).`);
      }
      return { reader: new BrowserMessageReader(end), writer: new BrowserMessageWriter(end) };
    };
    // The id `charters` makes the client honour the `charters.trace.server` setting.
    const client = new QuietLanguageClient(LANGUAGE_ID, 'Product Charters', transports, options);
    answerFileRequests(client);
    return client;
  },
};

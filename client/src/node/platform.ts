// The extension on Node: the server is dist/server.js in a process of its own, over Node's IPC.
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { LANGUAGE_ID, type Platform } from '../client';

/** The client's own messages go to the output only (see `Platform.launch`). */
class QuietLanguageClient extends LanguageClient {
  override error(message: string, data?: unknown, _showNotification?: boolean | 'force'): void {
    super.error(message, data, false);
  }
}

export const NODE_PLATFORM: Platform = {
  browser: false,
  launch(context: vscode.ExtensionContext, options) {
    const module = context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    // The id `charters` makes the client honour the `charters.trace.server` setting.
    return new QuietLanguageClient(LANGUAGE_ID, 'Product Charters', serverOptions, options);
  },
};

// Starts the language server and keeps it alive: a crashed server is restarted a few times, and
// if it keeps dying the user gets one message, not a stream. Where the server runs (a Node process,
// dist/server.js; a Web Worker or the extension's own worker in a browser) is the platform's
// `launch` (node/platform.ts, browser/platform.ts); everything here is the same on both.
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  RevealOutputChannelOn,
  State,
  type BaseLanguageClient,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
} from 'vscode-languageclient';

import { isMarkdownDocument, markdownDocumentGlobs } from '../../server/src/service/kinds';

export const LANGUAGE_ID = 'charters';

/** Whether our server checks the document: our language, or a Markdown document named `*.KIND.md`. */
export function isServedDocument(document: { languageId: string; uri: { path: string } } | undefined): boolean {
  return document?.languageId === LANGUAGE_ID || (document?.languageId === 'markdown' && isMarkdownDocument(document.uri.path));
}
export const SETTINGS_SECTION = 'charters';

const MAX_RESTARTS = 3;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

/** Extra document globs from the `charters.files` setting, ignoring anything that is not text. */
export function extraGlobs(): string[] {
  const value = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>('files');
  return Array.isArray(value) ? value.filter((glob): glob is string => typeof glob === 'string' && glob.trim() !== '') : [];
}

/** The `charters` settings as plain JSON, the shape the server also gets on configuration changes. */
function settingsSnapshot(): unknown {
  return JSON.parse(JSON.stringify(vscode.workspace.getConfiguration(SETTINGS_SECTION)));
}

/**
 * Where the extension runs: Node (a desktop or remote extension host) or a browser (vscode.dev,
 * github.dev, a web worker extension host). Only what differs between the two is here.
 */
export interface Platform {
  readonly browser: boolean;
  /**
   * The language client, not started, with the server where this platform runs it. Its own error
   * messages must go to the output only (`Notifier` says once what the user needs to know): a
   * client that also showed a notification for every failed restart would flood the window.
   */
  launch(context: vscode.ExtensionContext, options: LanguageClientOptions, output: vscode.LogOutputChannel): BaseLanguageClient;
}

/** Shows at most one error message per server session. */
class Notifier {
  private shown = false;

  constructor(private readonly output: vscode.LogOutputChannel) {}

  /** `reason` completes "Product Charters: …" as one sentence. */
  serverDown(reason: string): void {
    this.output.error(reason);
    if (this.shown) return;
    this.shown = true;
    const restart = 'Restart Server';
    const showOutput = 'Show Output';
    void vscode.window
      .showErrorMessage(`Product Charters: ${reason} Checks, completions and the preview are off until it runs again.`, restart, showOutput)
      .then((choice) => {
        if (choice === restart) void vscode.commands.executeCommand('charters.restartServer');
        else if (choice === showOutput) this.output.show(true);
      });
  }
}

class RestartingErrorHandler implements ErrorHandler {
  private readonly restarts: number[] = [];

  constructor(
    private readonly output: vscode.LogOutputChannel,
    private readonly onGaveUp: () => void,
  ) {}

  error(error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    // Errors on the connection are logged; the close handler decides about restarts.
    this.output.error(`Connection to the Product Charters server failed: ${error.message}`);
    return { action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    while (this.restarts.length && now - this.restarts[0] > RESTART_WINDOW_MS) this.restarts.shift();
    if (this.restarts.length < MAX_RESTARTS) {
      this.restarts.push(now);
      return {
        action: CloseAction.Restart,
        message: `The Product Charters server stopped; restarting it (${this.restarts.length} of ${MAX_RESTARTS}).`,
        handled: true,
      };
    }
    this.onGaveUp();
    return {
      action: CloseAction.DoNotRestart,
      message: `The Product Charters server stopped ${MAX_RESTARTS + 1} times within 3 minutes and will not be restarted.`,
      handled: true,
    };
  }
}

export interface ServerSession {
  readonly client: BaseLanguageClient;
  /** Starts the server; never rejects: a server that cannot start is reported once. */
  start(): Promise<boolean>;
  /** Stops the server (not restarted). */
  stop(): Promise<void>;
}

/** The schemes of the documents the server checks: files, untitled documents, and the file systems of the editor's folders (github.dev's). */
function documentSchemes(): string[] {
  return [...new Set(['file', 'untitled', ...(vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.scheme)])];
}

export function createSession(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, platform: Platform): ServerSession {
  const notifier = new Notifier(output);
  const schemes = documentSchemes();
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...schemes.map((scheme) => ({ language: LANGUAGE_ID, scheme })),
      // Markdown documents stay in VS Code's Markdown language (its highlighting and preview)
      ...schemes
        .filter((scheme) => scheme !== 'untitled')
        .flatMap((scheme) => markdownDocumentGlobs().map((pattern) => ({ language: 'markdown', scheme, pattern }))),
    ],
    // the server registers the file watching it needs (its globs and each config's `files`)
    synchronize: { configurationSection: SETTINGS_SECTION },
    initializationOptions: settingsSnapshot,
    outputChannel: output,
    traceOutputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    errorHandler: new RestartingErrorHandler(output, () =>
      notifier.serverDown(`the language server stopped ${MAX_RESTARTS + 1} times within 3 minutes and is not restarted again; the output shows why.`),
    ),
    // A server that fails while starting would fail again: no restart, one message.
    initializationFailedHandler: (error) => {
      output.error(`The language server failed to start: ${error instanceof Error ? error.message : String(error)}`);
      notifier.serverDown('the language server stopped while starting; the output shows why.');
      return false;
    },
  };

  const client = platform.launch(context, clientOptions, output);
  const start = async (): Promise<boolean> => {
    try {
      await client.start();
      return true;
    } catch (error) {
      output.error(`The language server did not start: ${error instanceof Error ? error.message : String(error)}`);
      // A server that died while starting is restarted by the error handler, which reports if
      // it gives up; only a client left stopped with no restart coming needs a message here.
      setTimeout(() => {
        if (client.state === State.Stopped && !stopping) notifier.serverDown('the language server did not start; the output shows why.');
      }, 2000);
      return false;
    }
  };
  let stopping = false;
  return {
    client,
    start,
    async stop() {
      stopping = true;
      try {
        if (client.needsStop()) await client.stop();
      } catch {
        // a server that is already gone needs no stopping
      }
    },
  };
}

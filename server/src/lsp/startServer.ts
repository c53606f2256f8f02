import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  FileChangeType,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type FileEvent,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as path from 'node:path';
import {
  FIX_ALL_KIND,
  PREVIEW_REQUEST,
  SHOW_DOCUMENT_COMMAND,
  SITE_REQUEST,
  STARTER_CONFIG_REQUEST,
  STATUS_CHANGED_NOTIFICATION,
  STATUS_REQUEST,
  type PreviewParams,
  type SiteParams,
  type StatusParams,
  type StatusResult,
} from '../protocol';
import {
  createLanguageService,
  localDate,
  type ChartersDiagnostic,
  type CreateDocumentContext,
  type DocumentSummary,
  type LanguageService,
  type ParsedDocument,
  starterConfig,
} from '../service';
import { FileWatching } from './fileWatching';
import type { ServerHost } from './host';
import { ParseCache, Validator } from './validation';
import { WorkspaceState, toPath, type ClientSettings } from './workspaceState';
import { uriOf } from '../workspace/workspaces';
import { version as packageVersion } from '../../../package.json';

/**
 * Wire the pure language service to an LSP connection. Every handler has the same shape. `host`
 * is the machine: the disk on Node, the editor's files in a browser.
 */
export function startServer(connection: Connection, host: ServerHost): void {
  const service = lazyService();
  const documents = new TextDocuments(TextDocument);
  const cache = new ParseCache(service);
  const workspace = new WorkspaceState(
    service,
    {
      info: (message) => connection.console.info(message),
      warn: (message) => connection.console.warn(message),
    },
    host.source,
  );
  /** What the status item shows may have changed: the client asks again. */
  const statusChanged = (): void => void connection.sendNotification(STATUS_CHANGED_NOTIFICATION).catch(() => undefined);
  const validator = new Validator(connection, documents, cache, workspace, service);
  validator.readClosed = (uri) => {
    const file = toPath(uri);
    return file ? host.source.read(file) : undefined;
  };
  let canPullConfiguration = false;
  let canWatchFolders = false;
  let watching: FileWatching | undefined;
  let canCreateFiles = false;
  let canShowDocuments = false;

  /** Look the document up, get its parse, call the service; a failure never takes the server down. */
  function withDocument<T>(uri: string, fallback: T, run: (parsed: ParsedDocument) => T): T {
    const textDocument = documents.get(uri);
    if (!textDocument || !workspace.isCharterFile(uri)) return fallback;
    try {
      return run(cache.get(textDocument));
    } catch (error) {
      connection.console.error(`Request on ${uri} failed: ${(error as Error).stack ?? error}`);
      return fallback;
    }
  }

  const diagnosticsOf = (uri: string, parsed: ParsedDocument): ChartersDiagnostic[] => {
    const published = validator.published.get(uri);
    if (published && published.version === parsed.textDocument.version) return published.diagnostics;
    return service.validate(uri, parsed, workspace.indexOf(uri), workspace.settingsFor(uri), { workspaceReady: workspace.isIndexed(uri) });
  };

  // initialize is answered before anything is loaded or compiled; the folders are read on initialized
  let initialFolders: string[] = [];
  connection.onInitialize((params): InitializeResult => {
    host.initialize?.(params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []));
    const folders = params.workspaceFolders?.map((folder) => toPath(folder.uri)) ?? [params.rootUri ? toPath(params.rootUri) : undefined];
    initialFolders = folders.filter((folder): folder is string => folder !== undefined);
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    canWatchFolders = params.capabilities.workspace?.workspaceFolders === true;
    const watchedFiles = params.capabilities.workspace?.didChangeWatchedFiles;
    if (watchedFiles?.dynamicRegistration) watching = new FileWatching(connection, watchedFiles.relativePatternSupport === true);
    const workspaceEdit = params.capabilities.workspace?.workspaceEdit;
    canCreateFiles = workspaceEdit?.documentChanges === true && (workspaceEdit.resourceOperations ?? []).includes('create');
    canShowDocuments = params.capabilities.window?.showDocument?.support === true;
    return {
      serverInfo: { name: 'Product Charters', version: packageVersion },
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        completionProvider: { triggerCharacters: [':', ' ', '-'], resolveProvider: false },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        executeCommandProvider: { commands: [SHOW_DOCUMENT_COMMAND] },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        documentLinkProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
    };
  });

  connection.onInitialized(async () => {
    workspace.setFolders(initialFolders);
    // a source that must first learn what the folders hold (the browser's): nothing is located before
    const prepared = host.prepare?.(initialFolders);
    if (prepared) workspace.holdUntilRebuilt();
    if (canWatchFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async () => {
        const folders = await connection.workspace.getWorkspaceFolders();
        workspace.setFolders((folders ?? []).map((folder) => toPath(folder.uri)).filter((folder): folder is string => folder !== undefined));
        const started = Date.now();
        const count = await workspace.indexAll();
        connection.console.info(`Workspace folders changed: ${count} charter documents indexed in ${Date.now() - started} ms.`);
        reindexOpen();
        watching?.update(workspace.watchPatterns());
        validator.revalidateAllOpen();
        statusChanged();
      });
    }
    if (canPullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'charters' });
      await pullSettings();
    }
    const started = Date.now();
    // (an editor that could not list the folders leaves them empty, but located: the documents are still checked)
    const whenPrepared = prepared?.catch((error) => connection.console.error(`Listing the workspace's files failed: ${(error as Error).message}`));
    const count = whenPrepared ? await whenPrepared.then(() => workspace.rebuild()) : await workspace.indexAll();
    reindexOpen();
    watching?.update(workspace.watchPatterns());
    connection.console.info(`Indexed ${count} charter documents in ${Date.now() - started} ms.`);
    warnAboutConfigs();
    validator.revalidateAllOpen();
    statusChanged();
  });

  // a workspace first met through a document opened outside the editor's folders
  workspace.onIndexed = (found, count, ms) => {
    connection.console.info(`Workspace ${found.root || '(no folder)'} indexed: ${count} charter documents in ${ms} ms.`);
    reindexOpen();
    watching?.update(workspace.watchPatterns());
    validator.revalidateAllOpen();
    statusChanged();
  };

  function warnAboutConfigs(): void {
    for (const { problems } of workspace.configProblems()) {
      // a notification, not window.showWarningMessage: that sends a request, and the error of a client
      // that does not support it went unhandled and took the server down
      void connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Warning,
        message: `Product Charters: charters.config.yaml is not valid and is ignored. ${problems[0]}`,
      });
    }
  }

  /** Config files were added, changed or removed: every workspace is found and indexed again. */
  async function reloadWorkspaces(why: string): Promise<void> {
    connection.console.info(`${why}: reloading the configs and indexing again.`);
    const started = Date.now();
    const count = await workspace.rebuild();
    connection.console.info(`Re-indexed ${count} charter documents in ${Date.now() - started} ms.`);
    reindexOpen();
    watching?.update(workspace.watchPatterns());
    warnAboutConfigs();
    validator.revalidateAllOpen();
    statusChanged();
  }

  /** The editor's text wins over the disk: open documents go back into the index from their parse. */
  function reindexOpen(): void {
    for (const textDocument of documents.all()) {
      if (workspace.isCharterFile(textDocument.uri) && !deletedWhileOpen.has(textDocument.uri))
        workspace.indexParsed(textDocument.uri, cache.get(textDocument));
    }
  }

  /** Returns whether the extra globs changed. */
  async function pullSettings(): Promise<boolean> {
    try {
      const raw = (await connection.workspace.getConfiguration('charters')) as Partial<ClientSettings> | null;
      return workspace.setClientSettings({ rules: raw?.rules ?? {}, files: raw?.files ?? [] });
    } catch {
      // a client without settings: the workspace config alone applies
      return false;
    }
  }

  connection.onDidChangeConfiguration(async () => {
    if (await pullSettings()) await reloadWorkspaces('The charters.files setting changed');
    else validator.revalidateAllOpen();
    statusChanged();
  });

  /**
   * Open documents whose file was deleted: out of the index, as on disk, until they are edited
   * (the editor's text is unsaved work again), their file comes back, or they are closed. VS Code
   * keeps a document an extension opened for minutes after its editor closed, so didClose is late.
   */
  const deletedWhileOpen = new Set<string>();

  documents.onDidChangeContent(({ document }) => {
    deletedWhileOpen.delete(document.uri);
    if (workspace.isCharterFile(document.uri)) validator.changed(document);
  });

  documents.onDidClose(({ document }) => {
    deletedWhileOpen.delete(document.uri);
    cache.delete(document.uri);
    validator.clear(document.uri);
    // the editor's unsaved text is gone: the index goes back to what is on disk
    const file = toPath(document.uri);
    const before = workspace.summaryOf(document.uri);
    let after: DocumentSummary | undefined;
    if (file && host.source.exists(file)) after = workspace.indexFile(file);
    else workspace.forget(document.uri);
    validator.revalidateDependents([before, after], document.uri);
  });

  // a source that reads changes through the editor reads them first, one batch after the other
  let refreshed = Promise.resolve();
  connection.onDidChangeWatchedFiles(({ changes }) => {
    if (!host.refresh) return filesChanged(changes);
    const refresh = host.refresh.bind(host);
    // what the handler will read: charter documents and configs; of anything else created, only whether it is a folder
    const wanted = (uri: string): 'read' | 'stat' | 'skip' =>
      workspace.isCharterFile(uri) || workspace.isConfigFile(uri)
        ? 'read'
        : changes.some((change) => change.uri === uri && change.type === FileChangeType.Created)
          ? 'stat'
          : 'skip';
    refreshed = refreshed
      .then(() => refresh(changes, wanted))
      .then(() => filesChanged(changes))
      .catch((error) => connection.console.error(`Reading changed files failed: ${(error as Error).stack ?? error}`));
  });

  function filesChanged(changes: FileEvent[]): void {
    const configsChanged: string[] = [];
    let documentsChanged = false;
    const documentChanges = changes.filter((change) => {
      if (!workspace.isConfigFile(change.uri)) return true;
      configsChanged.push(`${toPath(change.uri) ?? change.uri} ${CHANGE_NAMES[change.type] ?? 'changed'}`);
      return false;
    });
    // deleted documents and folders of them (an editor reports a deleted folder alone) leave the
    // index, even while the editor still holds them open; one pass over the index for all of them
    const deleted = documentChanges.filter((change) => change.type === FileChangeType.Deleted).map((change) => change.uri);
    if (deleted.length) {
      const files = deleted.map(toPath).filter((file): file is string => file !== undefined);
      const gone = workspace.forgetDeleted(files);
      for (const uri of deleted) if (!toPath(uri)) workspace.forget(uri);
      for (const textDocument of documents.all()) {
        const open = toPath(textDocument.uri);
        if (open && files.some((file) => open === file || open.startsWith(file + path.sep))) deletedWhileOpen.add(textDocument.uri);
      }
      const cleared = new Set([...gone.map((summary) => summary.uri), ...deleted.filter((uri) => workspace.isCharterFile(uri))]);
      for (const uri of cleared) if (!documents.get(uri)) validator.clear(uri);
      if (gone.length) documentsChanged = true;
      validator.revalidateDependents(gone);
    }
    // then what was created or changed: the disk is read now, so a file deleted since is left out
    for (const change of documentChanges) {
      if (change.type === FileChangeType.Deleted) continue;
      const textDocument = documents.get(change.uri);
      if (textDocument) {
        // the editor's text wins over the disk; a document deleted while open is back with its file
        if (!deletedWhileOpen.delete(change.uri) || !workspace.isCharterFile(change.uri)) continue;
        const after = workspace.indexParsed(change.uri, cache.get(textDocument));
        documentsChanged = true;
        validator.revalidateDependents([after], change.uri);
        continue;
      }
      const file = toPath(change.uri);
      if (!file) continue;
      if (workspace.isCharterFile(change.uri)) {
        if (change.type === FileChangeType.Created) documentsChanged = true;
        const before = workspace.summaryOf(change.uri);
        const after = workspace.indexFile(file);
        validator.revalidateDependents([before, after], change.uri);
      } else if (change.type === FileChangeType.Created && host.isFolder(file)) {
        void indexFolder(file);
      }
    }
    if (configsChanged.length) void reloadWorkspaces(configsChanged.join(', '));
    else if (documentsChanged) statusChanged();
  }

  /** A folder appeared (created, or a folder renamed to it): the editor reports the folder alone. */
  async function indexFolder(folder: string): Promise<void> {
    try {
      const found = await workspace.documentsIn(folder);
      const after = found.filter((file) => !documents.get(uriOf(file))).map((file) => workspace.indexFile(file));
      if (!found.length) return;
      validator.revalidateDependents(after);
      statusChanged();
    } catch (error) {
      connection.console.error(`Indexing ${folder} failed: ${(error as Error).stack ?? error}`);
    }
  }

  connection.onCompletion((params) =>
    withDocument(params.textDocument.uri, null, (parsed) =>
      service.complete(parsed, params.position, workspace.indexOf(params.textDocument.uri), workspace.settingsFor(params.textDocument.uri)),
    ),
  );

  connection.onHover((params) =>
    withDocument(params.textDocument.uri, null, (parsed) =>
      service.hover(parsed, params.position, workspace.indexOf(params.textDocument.uri), workspace.settingsFor(params.textDocument.uri)),
    ),
  );

  /** What "Create …" quick fixes need: the index, today's date, the disk and what the client can do. */
  const creating = (uri: string): CreateDocumentContext => ({
    index: workspace.indexOf(uri),
    today: localDate(new Date()),
    exists: (uri) => {
      const file = toPath(uri);
      return file !== undefined && host.source.exists(file);
    },
    // until the workspace is indexed, every reference looks unresolved: nothing is offered to create
    canCreateFiles: canCreateFiles && workspace.isIndexed(uri),
    canShowDocuments,
  });

  connection.onCodeAction((params) =>
    withDocument(params.textDocument.uri, [], (parsed) =>
      service.codeActions(parsed, diagnosticsOf(params.textDocument.uri, parsed), params.range, params.context.only, creating(params.textDocument.uri)),
    ),
  );

  // run by a "Create …" quick fix once the client has made the file
  connection.onExecuteCommand(async (params) => {
    const [uri] = params.arguments ?? [];
    if (params.command !== SHOW_DOCUMENT_COMMAND || typeof uri !== 'string' || !canShowDocuments) return;
    try {
      await connection.window.showDocument({ uri, takeFocus: true });
    } catch (error) {
      connection.console.warn(`Could not show ${uri}: ${(error as Error).message}`);
    }
  });

  connection.onDefinition((params) =>
    withDocument(params.textDocument.uri, [], (parsed) => service.definition(parsed, params.position, workspace.indexOf(params.textDocument.uri))),
  );

  connection.onReferences((params) =>
    withDocument(params.textDocument.uri, [], (parsed) =>
      service.references(parsed, params.position, workspace.indexOf(params.textDocument.uri), params.context.includeDeclaration),
    ),
  );

  connection.onPrepareRename((params) =>
    withDocument(params.textDocument.uri, null, (parsed) => service.prepareRename(parsed, params.position, workspace.indexOf(params.textDocument.uri)) ?? null),
  );

  connection.onRenameRequest((params) => {
    const result = withDocument(params.textDocument.uri, null, (parsed) =>
      service.rename(parsed, params.position, params.newName, workspace.indexOf(params.textDocument.uri)),
    );
    if (result && 'error' in result) return new ResponseError(1, result.error);
    return result;
  });

  connection.onDocumentSymbol((params) => withDocument(params.textDocument.uri, [], (parsed) => service.documentSymbols(parsed)));

  connection.onWorkspaceSymbol((params) => service.workspaceSymbols(params.query, workspace.allDocuments));

  connection.onDocumentLinks((params) =>
    withDocument(params.textDocument.uri, [], (parsed) => service.documentLinks(parsed, workspace.indexOf(params.textDocument.uri))),
  );

  connection.onRequest(STATUS_REQUEST, (params: StatusParams): StatusResult | null => {
    const uri = params?.uri;
    if (typeof uri !== 'string' || !workspace.isCharterFile(uri)) return null;
    try {
      return workspace.status(uri);
    } catch (error) {
      connection.console.error(`Status of ${uri} failed: ${(error as Error).stack ?? error}`);
      return null;
    }
  });

  connection.onRequest(STARTER_CONFIG_REQUEST, () => starterConfig());

  connection.onRequest(PREVIEW_REQUEST, (params: PreviewParams) =>
    withDocument(params?.uri, null, (parsed) =>
      service.preview(params.uri, parsed, workspace.indexOf(params.uri), workspace.settingsFor(params.uri), {
        siblingExports: fileNames(params.siblingExports),
      }),
    ),
  );

  // the site of a workspace, read afresh from disk and the editor's open documents, into a temporary folder
  connection.onRequest(SITE_REQUEST, (params: SiteParams) => {
    if (!host.buildSite)
      return new ResponseError(1, 'The organisation site is written to a folder on disk, and this server has none (it runs in the browser).');
    return host.buildSite(
      service,
      params?.uri,
      (uri) => documents.get(uri)?.getText(),
      (message) => connection.console.info(message),
    );
  });

  documents.listen(connection);
  connection.listen();
}

const CHANGE_NAMES: Record<number, string> = {
  [FileChangeType.Created]: 'created',
  [FileChangeType.Changed]: 'changed',
  [FileChangeType.Deleted]: 'deleted',
};

/**
 * The language service, created on first use: building it (ajv, the schemas, the taxonomy) is the
 * bulk of start-up, and the editor should not wait for it to get its answer to `initialize`.
 */
function lazyService(): LanguageService {
  let instance: LanguageService | undefined;
  return new Proxy({} as LanguageService, {
    get: (_target, key) => Reflect.get((instance ??= createLanguageService()), key),
  });
}

/** The file names an export request lists, if it lists any: plain names only, at most a few thousand. */
function fileNames(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.slice(0, 5000).filter((name): name is string => typeof name === 'string' && name.length < 256 && !/[\\/]/.test(name));
}

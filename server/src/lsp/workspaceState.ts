import * as path from 'node:path';
import picomatch from 'picomatch';
import { WatchKind } from 'vscode-languageserver';
import {
  ALWAYS_IGNORED,
  CONFIG_FILE,
  DEFAULT_CONFIG,
  DOCUMENT_GLOBS,
  isDocumentFileName,
  localDate,
  type DocumentSummary,
  type LanguageService,
  type LintSettings,
  type MemoryIndex,
  type ParsedDocument,
  type RuleSetting,
  type WorkspaceIndex,
} from '../service';
import type { FileSource } from '../workspace/source';
import { CombinedIndex, Workspace, Workspaces, isInside, toPath, uriOf } from '../workspace/workspaces';
import type { StatusResult } from '../protocol';

export { toPath };

/** Settings the editor sends (`charters.*`). */
export interface ClientSettings {
  /** Severities for documents that have no config file; a config file wins. */
  rules: Record<string, RuleSetting>;
  /** Extra document globs, relative to the editor's workspace folder. */
  files: string[];
}

/** Where the server's messages go (the editor's output). */
export interface ServerLog {
  info(message: string): void;
  warn(message: string): void;
}

/** A glob to watch: relative to `base` when given, else matched anywhere; `kind`: which changes (all when not given). */
export interface WatchPattern {
  base?: string;
  glob: string;
  kind?: WatchKind;
}

/**
 * The server's view of the disk: the workspaces of the editor's folders (and of any document
 * opened outside them), each with its config and the index of its documents, open or not.
 * Which workspace a document belongs to is the workspace module's answer, the same as the CLI's.
 */
export class WorkspaceState {
  private workspaces: Workspaces;
  private editorFolders: string[] = [];
  private clientSettings: ClientSettings = { rules: {}, files: [] };
  private isExtra: (relative: string) => boolean = () => false;
  /** For each indexing whose files are read ahead, what changed since (see `read`). */
  private changedMeanwhile = new Set<ChangedMeanwhile>();
  /** Each workspace's indexing from disk, started at most once. */
  private indexing = new Map<Workspace, Promise<number>>();
  /** Workspaces whose indexing from disk has finished: only their documents get cross-document findings. */
  private indexed = new WeakSet<Workspace>();
  /** Workspaces whose config has been logged (a workspace met by opening a document is met again by indexing). */
  private reported = new WeakSet<Workspace>();
  /** For documents that are not files (untitled) when no folder is open: no config, no other documents. */
  private loose: Workspace | undefined;
  /**
   * Until the source knows what the folders hold (`holdUntilRebuilt`), every document's workspace:
   * no config, never indexed, so no cross-document finding and nothing logged or cached.
   */
  private provisional: Workspace | undefined;
  /** A workspace found only when a document of it was opened has been indexed (`count` documents in `ms`). */
  onIndexed?: (workspace: Workspace, count: number, ms: number) => void;
  readonly allDocuments: WorkspaceIndex = new CombinedIndex(() => this.workspaces.all().map((workspace) => workspace.index));

  constructor(
    private readonly service: LanguageService,
    private readonly log: ServerLog,
    /** The disk, or in the browser the editor's files. */
    readonly source: FileSource,
  ) {
    this.workspaces = new Workspaces(service, source);
  }

  setFolders(folders: string[]): void {
    this.editorFolders = folders.map((folder) => path.resolve(folder));
  }

  /** Returns whether the extra globs changed (then the workspaces must be indexed again). */
  setClientSettings(settings: ClientSettings): boolean {
    const globsChanged = JSON.stringify(settings.files) !== JSON.stringify(this.clientSettings.files);
    this.clientSettings = settings;
    this.isExtra = settings.files.length ? picomatch(settings.files, { dot: true }) : () => false;
    return globsChanged;
  }

  /**
   * Forget every workspace and index the editor's folders again: config files were added,
   * removed or changed, or the extra globs did. Returns how many documents were indexed.
   */
  async rebuild(): Promise<number> {
    this.provisional = undefined;
    this.workspaces = new Workspaces(this.service, this.source);
    this.indexing = new Map();
    return this.indexAll();
  }

  /** Index every document of every workspace in the editor's folders. Returns how many were indexed. */
  async indexAll(): Promise<number> {
    let count = 0;
    const counted = new Set<Workspace>(); // editor folders can nest
    for (const folder of this.editorFolders) {
      for (const workspace of await this.workspaces.discoverAsync(folder, folder)) {
        if (counted.has(workspace)) continue;
        counted.add(workspace);
        this.reportProblems(workspace);
        count += await this.startIndexing(workspace);
      }
      for (const file of await this.extraFiles(folder)) if (this.indexFile(file)) count++;
    }
    return count;
  }

  /**
   * For a source that must first learn what the folders hold (the browser's): no workspace is
   * located until `rebuild`, which the server calls once the source has learnt it.
   */
  holdUntilRebuilt(): void {
    this.provisional = new Workspace('', DEFAULT_CONFIG, this.service.settings());
  }

  /** The workspace of a document; one first met here is indexed in the background. */
  workspaceOf(uri: string): Workspace {
    if (this.provisional) return this.provisional;
    const file = toPath(uri);
    if (!file) {
      if (this.editorFolders.length) return this.workspaces.ofFolder(this.editorFolders[0], this.editorFolders[0]);
      return (this.loose ??= new Workspace('', DEFAULT_CONFIG, this.service.settings()));
    }
    const fallback = this.editorFolderOf(file) ?? path.dirname(file);
    const known = this.workspaces.isLoaded(file, fallback);
    const workspace = this.workspaces.of(file, fallback);
    if (!known) {
      this.reportProblems(workspace);
      const started = performance.now();
      void this.startIndexing(workspace).then((count) => this.onIndexed?.(workspace, count, Math.round(performance.now() - started)));
    }
    return workspace;
  }

  /** Whether the workspace of this document has been read from disk (cross-document rules wait for it). */
  isIndexed(uri: string): boolean {
    const workspace = this.workspaceOf(uri);
    return workspace === this.loose || this.indexed.has(workspace);
  }

  /** The index cross-document rules and navigation read for this document. */
  indexOf(uri: string): MemoryIndex {
    return this.workspaceOf(uri).index;
  }

  summaryOf(uri: string): DocumentSummary | undefined {
    return this.indexOf(uri).get(uri);
  }

  forget(uri: string): void {
    this.changed(uri);
    this.indexOf(uri).delete(uri);
  }

  /**
   * Files or folders were deleted: every indexed document at or under one of them leaves its
   * index (an editor reports a deleted folder alone, not the files in it). Returns what left.
   */
  forgetDeleted(files: string[]): DocumentSummary[] {
    // nothing is indexed under node_modules, .git or a config's ignores (git's lock files come and go there)
    const deleted = new Set(files.map((file) => path.resolve(file)).filter((file) => !this.workspaceOf(uriOf(file)).ignores(file)));
    const gone: DocumentSummary[] = [];
    if (!deleted.size) return gone;
    for (const changed of this.changedMeanwhile) for (const file of deleted) changed.deleted.add(file);
    for (const workspace of this.workspaces.all()) {
      for (const summary of [...workspace.index.documents()]) {
        const file = pathOf(summary);
        if (file && isAtOrUnder(file, deleted)) gone.push(workspace.index.delete(summary.uri)!);
      }
    }
    return gone;
  }

  /** The documents in a folder that appeared (created, or renamed from another name), unless its workspace ignores it. */
  async documentsIn(folder: string): Promise<string[]> {
    if (this.workspaceOf(uriOf(path.join(folder, '_'))).ignores(folder)) return [];
    const files = await this.workspaces.globAsync(['**/*'], { cwd: folder, ignore: ALWAYS_IGNORED });
    return files.map((file) => path.normalize(file)).filter((file) => this.isCharterFile(uriOf(file)));
  }

  /** Re-read one file from disk into its workspace's index; its summary (undefined when it is not a charter document). */
  indexFile(file: string): DocumentSummary | undefined {
    const uri = uriOf(file);
    this.changed(uri);
    return this.workspaces.indexFile(this.workspaceOf(uri), file);
  }

  indexParsed(uri: string, parsed: ParsedDocument): DocumentSummary | undefined {
    this.changed(uri);
    return this.workspaces.indexParsed(this.workspaceOf(uri), uri, parsed);
  }

  /** A document's config, or for a document without one the defaults and the editor's `charters.rules`. */
  settingsFor(uri: string): LintSettings {
    const workspace = this.workspaceOf(uri);
    // the machine's date, read on every call: a server may run past midnight
    const today = localDate(new Date());
    if (workspace.configPath) return { ...workspace.settings, today };
    return { ...workspace.settings, rules: { ...workspace.settings.rules, ...this.clientSettings.rules }, today };
  }

  /** What governs a document, for the editor's status item: its config, its workspace's size, the settings that apply. */
  status(uri: string): StatusResult {
    const workspace = this.workspaceOf(uri);
    const rules = Object.entries(this.clientSettings.rules ?? {})
      .filter(([, severity]) => typeof severity === 'string')
      .sort(([a], [b]) => a.localeCompare(b));
    const governed = workspace.configPath !== undefined;
    return {
      root: workspace.root,
      rootUri: workspace.root ? uriOf(workspace.root) : '',
      configPath: workspace.configPath,
      configUri: workspace.configPath ? uriOf(workspace.configPath) : undefined,
      configProblems: workspace.problems.length ? problemLines(workspace) : [],
      documents: workspace.index.size,
      indexed: this.isIndexed(uri),
      overriddenRules: governed ? [] : rules.map(([rule, severity]) => ({ rule, severity })),
      ignoredSettings: governed ? rules.map(([rule]) => rule) : [],
    };
  }

  /** Every config that has problems, each problem located. */
  configProblems(): { configPath: string; problems: string[] }[] {
    return this.workspaces
      .all()
      .filter((workspace) => workspace.problems.length)
      .map((workspace) => ({ configPath: workspace.configPath!, problems: problemLines(workspace) }));
  }

  isConfigFile(uri: string): boolean {
    const file = toPath(uri);
    return file !== undefined && path.basename(file) === CONFIG_FILE;
  }

  /** Whether a document is one of ours: its workspace's globs (or the editor's) match it, and it is not ignored. */
  isCharterFile(uri: string): boolean {
    const file = toPath(uri);
    if (!file) return isDocumentFileName(uri);
    const workspace = this.workspaceOf(uri);
    if (workspace.includes(file)) return true;
    const folder = this.editorFolderOf(file);
    return folder !== undefined && this.isExtra(relativeTo(folder, file)) && !workspace.ignores(file);
  }

  /** What the server asks the editor to watch: every document glob of every workspace, and the config files. */
  watchPatterns(): WatchPattern[] {
    const patterns: WatchPattern[] = [...DOCUMENT_GLOBS, `**/${CONFIG_FILE}`].map((glob) => ({ glob }));
    // folders deleted or created as a whole: an editor reports the folder alone, not the documents in it
    patterns.push({ glob: '**/*', kind: WatchKind.Create | WatchKind.Delete });
    for (const workspace of this.workspaces.all()) {
      for (const glob of workspace.config.files) patterns.push({ base: workspace.root, glob });
    }
    for (const base of this.editorFolders) for (const glob of this.clientSettings.files) patterns.push({ base, glob });
    return patterns;
  }

  private startIndexing(workspace: Workspace): Promise<number> {
    let pending = this.indexing.get(workspace);
    if (!pending) {
      pending = this.read(workspace).finally(() => this.indexed.add(workspace));
      this.indexing.set(workspace, pending);
    }
    return pending;
  }

  /**
   * In slices, so requests and edits are answered while a large workspace is indexed. The source
   * may read the files ahead (the disk, in a worker thread); a file whose document was indexed or
   * forgotten meanwhile, or that is at or under a deleted path, is read again when its turn comes,
   * as it would have been read then, so no text read before the change goes into the index.
   */
  private async read(workspace: Workspace): Promise<number> {
    const files = await this.workspaces.listDocumentsAsync(workspace);
    let count = 0;
    let slice = performance.now();
    /** Whether this slice has run 20 ms: then `pause` lets pending messages be answered. */
    const due = () => performance.now() - slice > 20;
    const pause = async () => {
      await nextTurn();
      slice = performance.now();
    };
    const texts = this.workspaces.readAhead(files);
    if (!texts) {
      for (const file of files) {
        if (this.workspaces.indexFile(workspace, file)) count++;
        if (due()) await pause();
      }
      return count;
    }
    const changed: ChangedMeanwhile = { uris: new Set(), deleted: new Set() };
    this.changedMeanwhile.add(changed);
    try {
      let at = 0;
      for await (const batch of texts) {
        for (const text of batch) {
          const file = files[at++];
          const stale = (changed.uris.size > 0 && changed.uris.has(uriOf(file))) || (changed.deleted.size > 0 && isAtOrUnder(file, changed.deleted));
          if (stale ? this.workspaces.indexFile(workspace, file) : this.workspaces.indexRead(workspace, file, text)) count++;
          if (due()) await pause();
        }
      }
    } finally {
      this.changedMeanwhile.delete(changed);
    }
    return count;
  }

  /** A document indexed or forgotten while files are read ahead: their reads of it may be older. */
  private changed(uri: string): void {
    for (const changed of this.changedMeanwhile) changed.uris.add(uri);
  }

  /** Files the editor's `charters.files` globs add in one of its folders. */
  private async extraFiles(folder: string): Promise<string[]> {
    if (!this.clientSettings.files.length) return [];
    const files = await this.workspaces.globAsync(this.clientSettings.files, { cwd: folder, ignore: ['**/node_modules/**', '**/.git/**'] });
    return files.map((file) => path.normalize(file)).filter((file) => this.isCharterFile(uriOf(file)) && !this.workspaceOf(uriOf(file)).includes(file));
  }

  private editorFolderOf(file: string): string | undefined {
    return this.editorFolders.filter((folder) => isInside(folder, file)).sort((a, b) => b.length - a.length)[0];
  }

  /** Logs, once per workspace found, which config governs it: loaded, not valid (each problem), or none. */
  private reportProblems(workspace: Workspace): void {
    if (workspace === this.loose || this.reported.has(workspace)) return;
    this.reported.add(workspace);
    if (!workspace.configPath) this.log.info(`Workspace ${workspace.root}: no ${CONFIG_FILE}, the defaults apply.`);
    else if (!workspace.problems.length) this.log.info(`Workspace ${workspace.root}: loaded ${workspace.configPath}.`);
    else {
      this.log.warn(`Workspace ${workspace.root}: ${workspace.configPath} is not valid and is ignored; the defaults apply:`);
      for (const line of problemLines(workspace)) this.log.warn(line);
    }
  }
}

/** What changed while an indexing's files were read ahead: documents indexed or forgotten, paths deleted. */
interface ChangedMeanwhile {
  uris: Set<string>;
  deleted: Set<string>;
}

function problemLines(workspace: Workspace): string[] {
  return workspace.problems.map((problem) => `${workspace.configPath}:${problem.range.start.line + 1}: ${problem.message}`);
}

/** Each indexed document's path, worked out once (a summary is replaced, never changed). */
const paths = new WeakMap<DocumentSummary, string | undefined>();
function pathOf(summary: DocumentSummary): string | undefined {
  if (!paths.has(summary)) paths.set(summary, toPath(summary.uri));
  return paths.get(summary);
}

/** Whether `file` is one of `paths` or inside one of them. */
function isAtOrUnder(file: string, paths: Set<string>): boolean {
  for (let at = file, up = path.dirname(at); ; at = up, up = path.dirname(at)) {
    if (paths.has(at)) return true;
    if (up === at) return false;
  }
}

/** Lets pending messages be answered: `setImmediate` on Node, a timer where there is none (a browser). */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}

function relativeTo(folder: string, file: string): string {
  return path.relative(folder, file).split(path.sep).join('/');
}

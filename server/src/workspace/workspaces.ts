import * as path from 'node:path';
import picomatch from 'picomatch';
import {
  ALWAYS_IGNORED,
  CONFIG_FILE,
  DEFAULT_CONFIG,
  DOCUMENT_GLOBS,
  MemoryIndex,
  type ChartersConfig,
  type ConfigProblem,
  type DocumentSummary,
  type LanguageService,
  type LintSettings,
  type ParsedDocument,
  type WorkspaceIndex,
} from '../service';
import { uriOf } from './fileUris';
import { Locator, type WorkspaceLocation } from './locate';
import type { FileSource, GlobOptions } from './source';

export { toPath, uriOf } from './fileUris';

/**
 * One workspace: a root folder, its config (if it has one) and the index of its documents, which
 * is all that cross-document rules and navigation see of the other documents.
 */
export class Workspace {
  readonly index = new MemoryIndex();
  /** Default document globs plus the config's `files`, relative to the root. */
  readonly globs: string[];
  /** Never checked: node_modules, .git and the config's `ignore`, relative to the root. */
  readonly ignored: string[];
  private readonly included: (relative: string) => boolean;
  private readonly excluded: (relative: string) => boolean;

  constructor(
    readonly root: string,
    readonly config: ChartersConfig,
    readonly settings: LintSettings,
    /** The config file, when the workspace has one (valid or not). */
    readonly configPath?: string,
    /** Why the config file is not used; empty when it is (or there is none). */
    readonly problems: readonly ConfigProblem[] = [],
  ) {
    this.globs = [...DOCUMENT_GLOBS, ...config.files];
    this.ignored = [...ALWAYS_IGNORED, ...config.ignore];
    this.included = picomatch(this.globs, { dot: true });
    this.excluded = picomatch(this.ignored, { dot: true });
  }

  /** The path of `file` relative to the root with `/` separators; undefined outside the root. */
  relative(file: string): string | undefined {
    const relative = path.relative(this.root, file);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    return relative.split(path.sep).join('/');
  }

  /** A file (or folder) the config's `ignore` (or the built-in ignores) leaves out. */
  ignores(file: string): boolean {
    const relative = this.relative(file);
    return relative !== undefined && this.excluded(relative);
  }

  /** A document of this workspace by its globs, not ignored. */
  includes(file: string): boolean {
    const relative = this.relative(file);
    return relative !== undefined && this.included(relative) && !this.excluded(relative);
  }
}

/** Read a workspace's config; a config with problems is reported and the defaults apply. */
export function loadWorkspace(service: LanguageService, location: WorkspaceLocation, source: FileSource): Workspace {
  const { root, configPath } = location;
  if (!configPath) return new Workspace(root, DEFAULT_CONFIG, service.settings());
  let result: ReturnType<LanguageService['parseConfig']>;
  try {
    const text = source.read(configPath);
    if (text === undefined) throw new Error(source.readError?.(configPath) ?? 'the file cannot be read');
    result = service.parseConfig(text);
  } catch (error) {
    const start = { line: 0, character: 0 };
    result = { problems: [{ message: `Cannot read it: ${(error as Error).message}`, range: { start, end: start } }] };
  }
  const config = result.config ?? DEFAULT_CONFIG;
  return new Workspace(root, config, service.settings(config), configPath, result.config ? [] : result.problems);
}

/**
 * The workspaces of a language server or of one `charters` run: each document's workspace found
 * as the document model says, each workspace loaded once, its documents listed and indexed.
 */
export class Workspaces {
  private readonly locator: Locator;
  private readonly byRoot = new Map<string, Workspace>();

  constructor(
    private readonly service: LanguageService,
    /** The disk, a git revision's files (`charters diff`), or in the browser the editor's files. */
    private readonly source: FileSource,
  ) {
    this.locator = new Locator(source);
  }

  /** The workspace of the document `file`; `fallback` when neither a config nor a git root is found. */
  of(file: string, fallback: string): Workspace {
    return this.at(this.locator.locate(path.dirname(file), fallback));
  }

  /** The workspace a folder belongs to. */
  ofFolder(folder: string, fallback: string): Workspace {
    return this.at(this.locator.locate(folder, fallback));
  }

  /** Whether `file`'s workspace is already loaded. */
  isLoaded(file: string, fallback: string): boolean {
    return this.byRoot.has(this.locator.locate(path.dirname(file), fallback).root);
  }

  all(): Workspace[] {
    return [...this.byRoot.values()];
  }

  /**
   * The workspace of `folder` and every workspace below it (a folder holding a config or `.git`),
   * shallowest first. A workspace inside a folder that its enclosing workspace ignores is left out.
   */
  discover(folder: string, fallback: string): Workspace[] {
    return this.nested(folder, fallback, this.source.glob(MARKERS, markerOptions(folder)));
  }

  async discoverAsync(folder: string, fallback: string): Promise<Workspace[]> {
    return this.nested(folder, fallback, await this.source.globAsync(MARKERS, markerOptions(folder)));
  }

  /** The documents of a workspace on disk, sorted: its globs, minus ignored files and nested workspaces. */
  listDocuments(workspace: Workspace): string[] {
    return this.own(workspace, this.source.glob(workspace.globs, this.globOptions(workspace)));
  }

  async listDocumentsAsync(workspace: Workspace): Promise<string[]> {
    return this.own(workspace, await this.source.globAsync(workspace.globs, this.globOptions(workspace)));
  }

  /** A file's text from this run's source (the disk, or a revision); undefined when it cannot be read. */
  read(file: string): string | undefined {
    return this.source.read(file);
  }

  /** Files under `options.cwd` matching `patterns`, from this run's source (a folder that appeared, the editor's extra globs). */
  globAsync(patterns: string[], options: GlobOptions): Promise<string[]> {
    return this.source.globAsync(patterns, options);
  }

  /** Many files' texts, read ahead of the caller, in order (`FileSource.readAhead`); undefined: read them one by one. */
  readAhead(files: string[]): AsyncIterable<(string | undefined)[]> | undefined {
    return this.source.readAhead?.(files);
  }

  /** Re-read one file into its workspace's index; its summary, or undefined when it is unreadable or not a document. */
  indexFile(workspace: Workspace, file: string): DocumentSummary | undefined {
    return this.indexRead(workspace, file, this.source.read(file));
  }

  /** Index a file from the text read from it (undefined: it could not be read, and leaves the index). */
  indexRead(workspace: Workspace, file: string, text: string | undefined): DocumentSummary | undefined {
    const uri = uriOf(file);
    if (text === undefined) {
      workspace.index.delete(uri);
      return undefined;
    }
    return this.indexText(workspace, uri, text);
  }

  /** Index a document from its text: the light scan, a full parse only where the scan cannot read it. */
  indexText(workspace: Workspace, uri: string, text: string): DocumentSummary | undefined {
    return this.indexSummary(workspace, uri, this.service.summarizeText(uri, text));
  }

  indexParsed(workspace: Workspace, uri: string, parsed: ParsedDocument): DocumentSummary | undefined {
    return this.indexSummary(workspace, uri, this.service.summarize(uri, parsed));
  }

  private indexSummary(workspace: Workspace, uri: string, summary: DocumentSummary | undefined): DocumentSummary | undefined {
    if (summary) workspace.index.set(summary);
    else workspace.index.delete(uri);
    return summary;
  }

  /** List and index every document of a workspace; returns the documents. */
  indexAll(workspace: Workspace): string[] {
    const files = this.listDocuments(workspace);
    for (const file of files) this.indexFile(workspace, file);
    return files;
  }

  private nested(folder: string, fallback: string, markers: string[]): Workspace[] {
    const found = [this.ofFolder(folder, fallback)];
    const roots = [...new Set(markers.map((marker) => path.dirname(path.normalize(marker))))].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
    for (const root of roots) {
      const location = this.locator.locate(root, fallback);
      if (location.root !== root || found.some((workspace) => workspace.root === root)) continue;
      const enclosing = found.find((workspace) => workspace.root === this.locator.locate(path.dirname(root), fallback).root);
      if (!enclosing || enclosing.ignores(root)) continue;
      found.push(this.at(location));
    }
    return found;
  }

  private at(location: WorkspaceLocation): Workspace {
    let workspace = this.byRoot.get(location.root);
    if (!workspace) {
      workspace = loadWorkspace(this.service, location, this.source);
      this.byRoot.set(location.root, workspace);
    }
    return workspace;
  }

  private globOptions(workspace: Workspace): GlobOptions {
    return { cwd: workspace.root, ignore: workspace.ignored };
  }

  /** Only the files whose own workspace is this one: a nested config or git root takes its folder. */
  private own(workspace: Workspace, files: string[]): string[] {
    // a folder's files come one after another: its workspace is looked up once for them
    let folder: string | undefined;
    let owned = false;
    return files
      .map((file) => path.normalize(file))
      .filter((file) => {
        const at = path.dirname(file);
        if (at !== folder) {
          folder = at;
          owned = this.locator.locate(at, workspace.root).root === workspace.root;
        }
        return owned;
      })
      .sort();
  }
}

/** What makes a folder a workspace root; `.git` is found without searching hidden folders. */
export const MARKERS = [`**/${CONFIG_FILE}`, '**/.git'];

export function markerOptions(folder: string): GlobOptions {
  return { cwd: folder, folders: true, ignore: ['**/node_modules/**', '**/.git/*'] };
}

/** Every document of several workspaces, for requests that name no document (workspace symbols). */
export class CombinedIndex implements WorkspaceIndex {
  constructor(private readonly indexes: () => Iterable<WorkspaceIndex>) {}

  *documents(kind?: DocumentSummary['kind']): Iterable<DocumentSummary> {
    for (const index of this.indexes()) yield* index.documents(kind);
  }

  find(kind: DocumentSummary['kind'], id: string): readonly DocumentSummary[] {
    return [...this.indexes()].flatMap((index) => index.find(kind, id));
  }

  get(uri: string): DocumentSummary | undefined {
    for (const index of this.indexes()) {
      const summary = index.get(uri);
      if (summary) return summary;
    }
    return undefined;
  }
}

/**
 * How each of `files` (absolute and normalized, as `listDocuments` gives them) is shown when the
 * folder `input` was given (`absolute`, resolved): `path.join(input, path.relative(absolute, file))`,
 * or null when the file is outside it. The files below `absolute` are shown by cutting their
 * paths, not by calling path.relative and path.join for each: 10,000 of those cost some 50 ms
 * before a large lint can start.
 */
export function shownPaths(absolute: string, input: string, files: readonly string[]): (string | null)[] {
  const prefix = absolute.endsWith(path.sep) ? absolute : absolute + path.sep;
  // what path.join puts before a plain relative path: '' for '.', 'docs/' for './docs/', …
  const lead = path.join(input, 'x').slice(0, -1);
  return files.map((file) => {
    if (file.startsWith(prefix) && file.length > prefix.length) return lead + file.slice(prefix.length);
    return isInside(absolute, file) ? path.join(input, path.relative(absolute, file)) : null;
  });
}

/** Whether `file` is `folder` or below it (a folder named `..x` below it is below it). */
export function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

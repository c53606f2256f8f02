import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fg from 'fast-glob';
import picomatch from 'picomatch';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ALWAYS_IGNORED, CONFIG_FILE, DEFAULT_CONFIG, DOCUMENT_GLOBS, MemoryIndex, localDate, type ChartersConfig, type DocumentSummary, type LanguageService, type LintSettings, type RuleSetting } from '../service';


/** Settings the editor sends (`charters.*`): personal overrides on top of the workspace config. */
export interface ClientSettings {
  rules: Record<string, RuleSetting>;
  files: string[];
}

interface Root {
  folder: string;
  config: ChartersConfig;
  configProblems: string[];
  settings: LintSettings;
}

/**
 * The server's view of the workspace: one index of every charter document in the workspace
 * folders (open or not), and the settings of each folder. Reads the disk; the service never does.
 */
export class WorkspaceState {
  readonly index = new MemoryIndex();
  private roots: Root[] = [];
  private clientSettings: ClientSettings = { rules: {}, files: [] };

  constructor(
    private readonly service: LanguageService,
    private readonly log: (message: string) => void,
  ) {}

  setFolders(folders: string[]): void {
    this.roots = folders.map((folder) => this.loadRoot(folder));
  }

  setClientSettings(settings: ClientSettings): void {
    this.clientSettings = settings;
    this.roots = this.roots.map((root) => this.loadRoot(root.folder));
  }

  get folders(): string[] {
    return this.roots.map((root) => root.folder);
  }

  /** Index every charter document of every folder from disk. Returns how many were indexed. */
  async indexAll(): Promise<number> {
    let count = 0;
    for (const root of this.roots) {
      const files = await fg(this.globs(root), {
        cwd: root.folder,
        ignore: [...ALWAYS_IGNORED, ...root.config.ignore],
        absolute: true,
        followSymbolicLinks: false,
        suppressErrors: true,
      });
      // in slices, so requests and edits are answered while a large workspace is indexed
      let slice = performance.now();
      for (const file of files) {
        if (this.indexFile(file)) count++;
        if (performance.now() - slice > 20) {
          await new Promise((resolve) => setImmediate(resolve));
          slice = performance.now();
        }
      }
    }
    return count;
  }

  /** Re-read one file from disk into the index; returns its summary (undefined when it is not a charter document). */
  indexFile(file: string): DocumentSummary | undefined {
    const uri = pathToFileURL(file).toString();
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      this.log(`Cannot read ${file}: ${(error as Error).message}`);
      this.index.delete(uri);
      return undefined;
    }
    return this.indexText(uri, text);
  }

  indexText(uri: string, text: string): DocumentSummary | undefined {
    const parsed = this.service.parse(TextDocument.create(uri, 'yaml', 0, text));
    return this.indexParsed(uri, parsed);
  }

  indexParsed(uri: string, parsed: ReturnType<LanguageService['parse']>): DocumentSummary | undefined {
    const summary = this.service.summarize(uri, parsed);
    if (summary) this.index.set(summary);
    else this.index.delete(uri);
    return summary;
  }

  /**
   * The lint settings for a document: its folder's config, then the editor's rule overrides, and
   * the machine's date as today (read on every call: a server may run past midnight).
   */
  settingsFor(uri: string): LintSettings {
    const root = this.rootOf(uri);
    const base = root?.settings ?? this.service.settings();
    return { taxonomy: base.taxonomy, rules: { ...base.rules, ...this.clientSettings.rules }, today: localDate(new Date()) };
  }

  configProblems(): { folder: string; problems: string[] }[] {
    return this.roots.filter((root) => root.configProblems.length).map((root) => ({ folder: root.folder, problems: root.configProblems }));
  }

  isConfigFile(uri: string): boolean {
    const file = toPath(uri);
    return file !== undefined && path.basename(file) === CONFIG_FILE && this.roots.some((root) => path.dirname(file) === root.folder);
  }

  reloadConfig(uri: string): void {
    const file = toPath(uri);
    this.roots = this.roots.map((root) => (file && path.dirname(file) === root.folder ? this.loadRoot(root.folder) : root));
  }

  /** Whether a file is one of ours: inside a folder, matching the globs, not ignored. */
  isCharterFile(uri: string): boolean {
    const file = toPath(uri);
    const root = this.rootOf(uri);
    if (!file || !root) return /\.(role|ladder|vision|strategy|charter)\.ya?ml$/.test(uri);
    const relative = path.relative(root.folder, file).split(path.sep).join('/');
    const { include, ignore } = this.matchersOf(root);
    return include(relative) && !ignore(relative);
  }

  /** Compiled once per root (a root is replaced whenever its config or the client's globs change). */
  private readonly matchers = new WeakMap<Root, { include: (file: string) => boolean; ignore: (file: string) => boolean }>();

  private matchersOf(root: Root): { include: (file: string) => boolean; ignore: (file: string) => boolean } {
    let matchers = this.matchers.get(root);
    if (!matchers) {
      matchers = {
        include: picomatch(this.globs(root), { dot: true }),
        ignore: picomatch([...ALWAYS_IGNORED, ...root.config.ignore], { dot: true }),
      };
      this.matchers.set(root, matchers);
    }
    return matchers;
  }

  private globs(root: Root): string[] {
    return [...DOCUMENT_GLOBS, ...root.config.files, ...this.clientSettings.files];
  }

  private rootOf(uri: string): Root | undefined {
    const file = toPath(uri);
    if (!file) return this.roots[0];
    return this.roots
      .filter((root) => file === root.folder || file.startsWith(root.folder + path.sep))
      .sort((a, b) => b.folder.length - a.folder.length)[0];
  }

  private loadRoot(folder: string): Root {
    const configPath = path.join(folder, CONFIG_FILE);
    let config = DEFAULT_CONFIG;
    let configProblems: string[] = [];
    if (fs.existsSync(configPath)) {
      try {
        const result = this.service.parseConfig(fs.readFileSync(configPath, 'utf8'));
        configProblems = result.problems.map((problem) => `${configPath}:${problem.range.start.line + 1}: ${problem.message}`);
        if (result.config) config = result.config;
      } catch (error) {
        configProblems = [`${configPath}: ${(error as Error).message}`];
      }
    }
    configProblems.forEach((problem) => this.log(problem));
    return { folder, config, configProblems, settings: this.service.settings(config) };
  }
}

export function toPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

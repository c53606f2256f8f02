import * as fs from 'node:fs';
import * as path from 'node:path';
import fg from 'fast-glob';
import picomatch from 'picomatch';
import { CONFIG_FILE, DEFAULT_CONFIG, type ChartersConfig } from '../service/config';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToFileURL } from 'node:url';
import type { LanguageService } from '../service/languageService';
import { ALWAYS_IGNORED, DOCUMENT_GLOBS, MemoryIndex } from '../service/workspace';

/** The document model's default globs for charter documents. */

export class UsageError extends Error {}

export interface LoadedWorkspace {
  root: string;
  config: ChartersConfig;
  /** Where the config came from, if the workspace has one. */
  configPath?: string;
}

/** The nearest folder at or above `start` holding charters.config.yaml; else `start` itself. */
export function findWorkspaceRoot(start: string): string {
  let current = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(current, CONFIG_FILE))) return current;
    const parent = path.dirname(current);
    if (parent === current) return path.resolve(start);
    current = parent;
  }
}

export function loadWorkspace(root: string, service: LanguageService): LoadedWorkspace {
  const configPath = path.join(root, CONFIG_FILE);
  if (!fs.existsSync(configPath)) return { root, config: DEFAULT_CONFIG };
  const text = fs.readFileSync(configPath, 'utf8');
  const { config, problems } = service.parseConfig(text);
  if (!config) {
    const lines = problems.map((problem) => `  ${configPath}:${problem.range.start.line + 1}:${problem.range.start.character + 1}  ${problem.message}`);
    throw new UsageError(`The workspace config is not valid, so nothing was checked:\n${lines.join('\n')}`);
  }
  return { root, config, configPath };
}

/** Every charter document under the workspace root, by the default globs and the config's own. */
export function workspaceDocuments(workspace: LoadedWorkspace): string[] {
  return fg
    .sync([...DOCUMENT_GLOBS, ...workspace.config.files], {
      cwd: workspace.root,
      ignore: [...ALWAYS_IGNORED, ...workspace.config.ignore],
      absolute: true,
      dot: false,
      followSymbolicLinks: false,
      suppressErrors: true,
    })
    .sort();
}

export function isIgnored(workspace: LoadedWorkspace, file: string): boolean {
  const relative = path.relative(workspace.root, file).split(path.sep).join('/');
  if (relative.startsWith('..')) return false;
  return picomatch([...ALWAYS_IGNORED, ...workspace.config.ignore], { dot: true })(relative);
}

export function isYamlFile(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}

/**
 * Write through a temporary file and a rename, so a crash never leaves half a document; an
 * existing file keeps its mode.
 */
export function writeAtomically(file: string, text: string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    const mode = fs.statSync(file, { throwIfNoEntry: false })?.mode;
    fs.writeFileSync(temporary, text, mode === undefined ? undefined : { mode });
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw new UsageError(`Cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

export function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw new UsageError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

export function uriOf(file: string): string {
  return pathToFileURL(file).toString();
}

export function indexWorkspace(workspace: LoadedWorkspace, service: LanguageService): MemoryIndex {
  const index = new MemoryIndex();
  for (const file of workspaceDocuments(workspace)) {
    let text: string;
    try {
      text = readText(file);
    } catch {
      continue; // unreadable files are reported when they are linted
    }
    const uri = uriOf(file);
    const summary = service.summarize(uri, service.parse(TextDocument.create(uri, 'yaml', 0, text)));
    if (summary) index.set(summary);
  }
  return index;
}

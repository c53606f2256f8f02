import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, type LanguageService } from '../../server/src/service/languageService';
import { MemoryIndex } from '../../server/src/service/workspace';
import { CONFIG_FILE, type LintSettings } from '../../server/src/service/config';
import { isDocumentFileName } from '../../server/src/service/kinds';
import type { ChartersDiagnostic } from '../../server/src/service/types';
import { REPO_ROOT } from './repoRoot';

export { REPO_ROOT };
export const service: LanguageService = createLanguageService();

/**
 * The date every test workspace lints on, so that past-due findings do not depend on the day the
 * tests run. The examples' due dates lie after it; the past-due fixtures' before it.
 */
export const TODAY = '2027-02-15';

/** A folder of YAML documents linted together, as one workspace. */
export interface Workspace {
  index: MemoryIndex;
  settings: LintSettings;
  files: string[];
}

export function listDocuments(dir: string, ignore: (relative: string) => boolean = () => false): string[] {
  const found: string[] = [];
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      const relative = path.relative(dir, full).split(path.sep).join('/');
      if (ignore(relative)) continue;
      if (entry.isDirectory()) walk(full);
      else if (isDocumentFileName(entry.name)) found.push(full);
    }
  };
  walk(dir);
  return found.sort();
}

export function uriOf(file: string): string {
  return pathToFileURL(file).toString();
}

export function parseFile(file: string, text = fs.readFileSync(file, 'utf8')) {
  return service.parse(TextDocument.create(uriOf(file), 'yaml', 1, text));
}

/** Index every document of `dir` (minus the config's ignores) with the folder's config. */
export function loadWorkspace(dir: string): Workspace {
  const configPath = path.join(dir, CONFIG_FILE);
  let settings = service.settings(undefined, TODAY);
  let ignores: string[] = [];
  if (fs.existsSync(configPath)) {
    const { config, problems } = service.parseConfig(fs.readFileSync(configPath, 'utf8'));
    if (!config) throw new Error(`${configPath}: ${problems.map((problem) => problem.message).join('; ')}`);
    settings = service.settings(config, TODAY);
    ignores = config.ignore.map((glob) => glob.replace(/\/\*\*$/, ''));
  }
  const files = listDocuments(dir, (relative) => ignores.some((prefix) => relative === prefix || relative.startsWith(`${prefix}/`)));
  const index = new MemoryIndex();
  for (const file of files) {
    const summary = service.summarize(uriOf(file), parseFile(file));
    if (summary) index.set(summary);
  }
  return { index, settings, files };
}

export function lintText(workspace: Workspace, file: string, text: string): ChartersDiagnostic[] {
  return service.validate(uriOf(file), parseFile(file, text), workspace.index, workspace.settings);
}

export function lintFile(workspace: Workspace, file: string): ChartersDiagnostic[] {
  return lintText(workspace, file, fs.readFileSync(file, 'utf8'));
}

/**
 * `# expect: rule-a, rule-b` at the end of a line (in the body of a Markdown document,
 * `<!-- expect: rule-a -->`): those rules report a finding starting on it.
 */
export function expectedMarkers(text: string): string[] {
  const expected: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const match = /#\s*expect:\s*([a-z, -]+)\s*$/.exec(line) ?? /<!--\s*expect:\s*([a-z, -]+?)\s*-->\s*$/.exec(line);
    if (!match) return;
    for (const rule of match[1]
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean))
      expected.push(`${index + 1}: ${rule}`);
  });
  return expected.sort();
}

export function actualMarkers(diagnostics: ChartersDiagnostic[]): string[] {
  return diagnostics.map((diagnostic) => `${diagnostic.range.start.line + 1}: ${diagnostic.code}`).sort();
}

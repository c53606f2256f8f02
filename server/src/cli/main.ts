import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, DOCUMENT_GLOBS, isCalendarDate, kindNames, localDate, MemoryIndex, type LanguageService, type LintSettings } from '../service';
import picomatch from 'picomatch';
import { formatJson, formatSarif, formatStylish, summary, type FileResult } from './formatters';
import { taxonomyMarkdown } from './taxonomyMarkdown';
import { renderCommand } from './render';
import { lintInParallel, workerCount } from './parallelLint';
import {
  UsageError,
  findWorkspaceRoot,
  isIgnored,
  isYamlFile,
  indexWorkspace,
  loadWorkspace,
  readText,
  uriOf,
  workspaceDocuments,
  writeAtomically,
  type LoadedWorkspace,
} from './workspaceFiles';
import pkg from '../../../package.json';

const HELP = `charters ${pkg.version}: checks product ${kindNames('and')} documents.

Usage:
  charters lint [PATH...] [--format stylish|json|sarif] [--fix] [--today YYYY-MM-DD]
      Check the documents in the given files or folders (default: the current folder).
      --today sets the date that due dates are compared with (default: the machine's date).
      Exit code 0: no errors; 1: at least one error; 2: usage or config error.
  charters taxonomy [--format json|markdown]
      Print the responsibility taxonomy, with the workspace's additions.
  charters render FILE [-o OUT.html]
      Write the document's preview as a self-contained HTML page (default: to stdout).
  charters --version | --help
`;

/** What node's parseArgs throws for a command line it cannot read: usage errors, exit code 2. */
const PARSE_ARGS_ERRORS = new Set(['ERR_PARSE_ARGS_UNKNOWN_OPTION', 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE', 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL']);

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  color: boolean;
}

export function main(argv: string[], io: Io): number {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(HELP);
      return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-v') {
      io.stdout(`${pkg.version}\n`);
      return 0;
    }
    const service = createLanguageService();
    if (command === 'lint') return lintCommand(rest, io, service);
    if (command === 'taxonomy') return taxonomyCommand(rest, io, service);
    if (command === 'render') return renderCommand(rest, io, service);
    throw new UsageError(`Unknown command "${command}".\n\n${HELP}`);
  } catch (error) {
    if (error instanceof UsageError || PARSE_ARGS_ERRORS.has((error as { code?: string }).code ?? '')) {
      io.stderr(`charters: ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
}

function lintCommand(args: string[], io: Io, service: LanguageService): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'stylish' }, fix: { type: 'boolean', default: false }, today: { type: 'string' } },
  });
  const format = values.format as string;
  if (!['stylish', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be stylish, json or sarif, not "${format}".`);
  const today = values.today ?? localDate(new Date());
  if (!isCalendarDate(today)) throw new UsageError(`--today must be a date written YYYY-MM-DD, such as 2027-03-31, not "${today}".`);
  const inputs = positionals.length ? positionals : ['.'];
  const parallel = inputs.length === 1 && !values.fix ? lintFolderInParallel(path.resolve(io.cwd, inputs[0]), inputs[0], service, today) : undefined;
  if (parallel) return report(parallel, format, io);
  const results: FileResult[] = [];
  const workspaces = new Map<string, { workspace: LoadedWorkspace; settings: LintSettings; index: MemoryIndex }>();
  for (const input of inputs) {
    const absolute = path.resolve(io.cwd, input);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      throw new UsageError(`No such file or folder: ${input}`);
    }
    const root = findWorkspaceRoot(stat.isDirectory() ? absolute : path.dirname(absolute));
    let entry = workspaces.get(root);
    if (!entry) {
      const workspace = loadWorkspace(root, service);
      entry = { workspace, settings: service.settings(workspace.config, today), index: indexWorkspace(workspace, service) };
      workspaces.set(root, entry);
    }
    const files = stat.isDirectory()
      ? workspaceDocuments(entry.workspace).filter((file) => isInside(absolute, file))
      : [absolute];
    for (const file of files) {
      if (!stat.isDirectory() && !isCharterFile(file, entry, service)) continue;
      const shown = stat.isDirectory() ? path.join(input, path.relative(absolute, file)) : input;
      results.push(lintFile(file, shown, entry, service, values.fix as boolean));
    }
  }
  return report(results, format, io);
}

function report(results: FileResult[], format: string, io: Io): number {
  const output = format === 'json' ? formatJson(results) : format === 'sarif' ? formatSarif(results) : formatStylish(results, io.color);
  io.stdout(`${output}\n`);
  return summary(results).errors > 0 ? 1 : 0;
}

/** A large folder is linted on worker threads (see parallelLint.ts); undefined when one thread will do. */
function lintFolderInParallel(absolute: string, input: string, service: LanguageService, today: string): FileResult[] | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolute);
  } catch {
    return undefined; // the usual path reports it
  }
  if (!stat.isDirectory()) return undefined;
  const workspace = loadWorkspace(findWorkspaceRoot(absolute), service);
  const documents = workspaceDocuments(workspace);
  const count = workerCount(documents.length);
  if (count < 2) return undefined;
  const shown = documents.map((file) => (isInside(absolute, file) ? path.join(input, path.relative(absolute, file)) : null));
  return lintInParallel(workspace.root, documents, shown, count, today);
}

/** A file named on the command line is checked if the globs match it or it is YAML with a known kind. */
function isCharterFile(file: string, entry: { workspace: LoadedWorkspace; index: MemoryIndex }, service: LanguageService): boolean {
  if (!fs.existsSync(file)) throw new UsageError(`No such file: ${file}`);
  if (isIgnored(entry.workspace, file)) return false;
  if (entry.index.get(uriOf(file))) return true;
  if (!isYamlFile(file)) throw new UsageError(`${file} is not a YAML file (charter documents end in .yaml or .yml).`);
  const parsed = service.parse(TextDocument.create(uriOf(file), 'yaml', 0, readText(file)));
  return parsed.kind !== undefined || picomatch(DOCUMENT_GLOBS)(path.basename(file));
}

function lintFile(
  file: string,
  shown: string,
  entry: { settings: LintSettings; index: MemoryIndex },
  service: LanguageService,
  fix: boolean,
): FileResult {
  const uri = uriOf(file);
  let text = readText(file);
  if (fix) {
    const fixed = service.fixAll(uri, text, entry.index, entry.settings);
    if (fixed.applied > 0 && fixed.text !== text) {
      const check = service.parse(TextDocument.create(uri, 'yaml', 0, fixed.text));
      if (check.yaml.errors.length === 0) {
        writeAtomically(file, fixed.text);
        text = fixed.text;
        const summary = service.summarize(uri, check);
        if (summary) entry.index.set(summary);
      }
    }
  }
  const parsed = service.parse(TextDocument.create(uri, 'yaml', 1, text));
  return { path: shown, diagnostics: service.validate(uri, parsed, entry.index, entry.settings) };
}

function taxonomyCommand(args: string[], io: Io, service: LanguageService): number {
  const { values } = parseArgs({ args, options: { format: { type: 'string', default: 'markdown' } } });
  const root = findWorkspaceRoot(io.cwd);
  const workspace = loadWorkspace(root, service);
  const taxonomy = service.settings(workspace.config).taxonomy;
  if (values.format === 'json') io.stdout(`${JSON.stringify(taxonomy.toJSON(), null, 2)}\n`);
  else if (values.format === 'markdown') io.stdout(taxonomyMarkdown(taxonomy));
  else throw new UsageError(`--format must be json or markdown, not "${values.format}".`);
  return 0;
}

function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}

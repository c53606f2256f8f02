import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, DOCUMENT_GLOBS, kindNames, type LanguageService } from '../service';
import picomatch from 'picomatch';
import { formatJson, formatSarif, formatStylish, summary, type FileResult } from './formatters';
import { taxonomyMarkdown } from './taxonomyMarkdown';
import { renderCommand } from './render';
import { lintInParallel, workerCount } from './parallelLint';
import { UsageError, assertUsable, isYamlFile, readText, writeAtomically } from './files';
import { Workspaces, isInside, uriOf, type Workspace } from '../workspace/workspaces';
import pkg from '../../../package.json';

const HELP = `charters ${pkg.version}: checks product ${kindNames('and')} documents.

Usage:
  charters lint [PATH...] [--format stylish|json|sarif] [--fix]
      Check the documents in the given files or folders (default: the current folder).
      Exit code 0: no errors; 1: at least one error; 2: usage or config error.
  charters taxonomy [--format json|markdown]
      Print the responsibility taxonomy, with the workspace's additions.
  charters render FILE [-o OUT.html]
      Write the document's preview as a self-contained HTML page (default: to stdout).
  charters --version | --help
`;

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
    if (error instanceof UsageError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
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
    options: { format: { type: 'string', default: 'stylish' }, fix: { type: 'boolean', default: false } },
  });
  const format = values.format as string;
  if (!['stylish', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be stylish, json or sarif, not "${format}".`);
  const inputs = positionals.length ? positionals : ['.'];
  const workspaces = new Workspaces(service);
  const parallel = inputs.length === 1 && !values.fix ? lintFolderInParallel(path.resolve(io.cwd, inputs[0]), inputs[0], workspaces) : undefined;
  if (parallel) return report(parallel, format, io);
  const results: FileResult[] = [];
  // each workspace is indexed whole, once, however many of the paths given lie in it
  const indexed = new Map<Workspace, string[]>();
  const documentsOf = (workspace: Workspace) => {
    let files = indexed.get(workspace);
    if (!files) indexed.set(workspace, (files = workspaces.indexAll(assertUsable(workspace))));
    return files;
  };
  for (const input of inputs) {
    const absolute = path.resolve(io.cwd, input);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      throw new UsageError(`No such file or folder: ${input}`);
    }
    if (stat.isDirectory()) {
      // the folder's own workspace and those nested in it, reported in path order
      const found = workspaces
        .discover(absolute, absolute)
        .flatMap((workspace) => documentsOf(workspace).filter((file) => isInside(absolute, file)).map((file) => ({ file, workspace })))
        .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
      for (const { file, workspace } of found) results.push(lintFile(file, path.join(input, path.relative(absolute, file)), workspace, service, values.fix as boolean));
    } else {
      const workspace = workspaces.of(absolute, path.dirname(absolute));
      documentsOf(workspace);
      if (isCharterFile(absolute, workspace, service)) results.push(lintFile(absolute, input, workspace, service, values.fix as boolean));
    }
  }
  return report(results, format, io);
}

function report(results: FileResult[], format: string, io: Io): number {
  const output = format === 'json' ? formatJson(results) : format === 'sarif' ? formatSarif(results) : formatStylish(results, io.color);
  io.stdout(`${output}\n`);
  return summary(results).errors > 0 ? 1 : 0;
}

/** A large folder of one workspace is linted on worker threads (see parallelLint.ts); undefined when one thread will do. */
function lintFolderInParallel(absolute: string, input: string, workspaces: Workspaces): FileResult[] | undefined {
  if (!fs.statSync(absolute, { throwIfNoEntry: false })?.isDirectory()) return undefined; // the usual path reports it
  const found = workspaces.discover(absolute, absolute);
  if (found.length !== 1) return undefined;
  const workspace = assertUsable(found[0]);
  const documents = workspaces.listDocuments(workspace);
  const count = workerCount(documents.length);
  if (count < 2) return undefined;
  const shown = documents.map((file) => (isInside(absolute, file) ? path.join(input, path.relative(absolute, file)) : null));
  return lintInParallel(workspace, documents, shown, count);
}

/** A file named on the command line is checked if the globs match it or it is YAML with a known kind. */
function isCharterFile(file: string, workspace: Workspace, service: LanguageService): boolean {
  if (workspace.ignores(file)) return false;
  if (workspace.index.get(uriOf(file))) return true;
  if (!isYamlFile(file)) throw new UsageError(`${file} is not a YAML file (charter documents end in .yaml or .yml).`);
  const parsed = service.parse(TextDocument.create(uriOf(file), 'yaml', 0, readText(file)));
  return parsed.kind !== undefined || picomatch(DOCUMENT_GLOBS)(path.basename(file));
}

function lintFile(file: string, shown: string, workspace: Workspace, service: LanguageService, fix: boolean): FileResult {
  const uri = uriOf(file);
  let text = readText(file);
  if (fix) {
    const fixed = service.fixAll(uri, text, workspace.index, workspace.settings);
    if (fixed.applied > 0 && fixed.text !== text) {
      const check = service.parse(TextDocument.create(uri, 'yaml', 0, fixed.text));
      if (check.yaml.errors.length === 0) {
        writeAtomically(file, fixed.text);
        text = fixed.text;
        const summary = service.summarize(uri, check);
        if (summary) workspace.index.set(summary);
      }
    }
  }
  const parsed = service.parse(TextDocument.create(uri, 'yaml', 1, text));
  return { path: shown, diagnostics: service.validate(uri, parsed, workspace.index, workspace.settings) };
}

function taxonomyCommand(args: string[], io: Io, service: LanguageService): number {
  const { values } = parseArgs({ args, options: { format: { type: 'string', default: 'markdown' } } });
  const taxonomy = assertUsable(new Workspaces(service).ofFolder(io.cwd, io.cwd)).settings.taxonomy;
  if (values.format === 'json') io.stdout(`${JSON.stringify(taxonomy.toJSON(), null, 2)}\n`);
  else if (values.format === 'markdown') io.stdout(taxonomyMarkdown(taxonomy));
  else throw new UsageError(`--format must be json or markdown, not "${values.format}".`);
  return 0;
}

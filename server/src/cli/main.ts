import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, isCalendarDate, isDocumentFileName, kindNames, localDate, type FixChange, type LanguageService } from '../service';
import { formatJson, formatSarif, formatStylish, jsonReport, summary, type Counts, type FileResult } from './formatters';
import { formatGithub, formatJunit, formatMarkdown } from './ciFormatters';
import { taxonomyMarkdown } from './taxonomyMarkdown';
import { renderCommand } from './render';
import { siteCommand } from './site';
import { initCommand } from './init';
import { diffCommand } from './revisions';
import { unifiedDiff } from './diff';
import { lintInParallel, startLintWorkers, stopLintWorkers, threadCount, type LintWorker, type ParallelLint } from './parallelLint';
import { UsageError, assertUsable, isDocumentText, readText, writeAtomically } from './files';
import { DISK_SOURCE } from '../workspace/disk';
import { Workspaces, shownPaths, uriOf, type Workspace } from '../workspace/workspaces';
import { version as packageVersion } from '../../../package.json';

const HELP = `charters ${packageVersion}: checks product ${kindNames('and')} documents.

Usage:
  charters lint [PATH...] [--format FORMAT] [--fix | --fix-dry-run] [--today YYYY-MM-DD] [--max-warnings N]
      Check the documents in the given files or folders (default: the current folder).
      --format       stylish (default), json, sarif, github (workflow annotations), junit (XML),
                     markdown (a summary for a pull-request comment or a job summary).
      --today sets the date that due dates are compared with (default: the machine's date).
      --max-warnings N  exit 1 when more than N warnings are found.
      Exit code 0: no errors; 1: at least one error (or too many warnings); 2: usage or config error.
      --fix          apply the safe fixes (add a missing section with a TODO placeholder, remove
                     an exact duplicate, rename a misspelt field), write the files, list each
                     change on stderr, then report what is left. Suggestions (a nearest id, a
                     guessed value) are never applied: they are yours to choose.
      --fix-dry-run  print on stderr the diff --fix would write; write nothing.
  charters taxonomy [--format json|markdown]
      Print the responsibility taxonomy, with the workspace's additions.
  charters render FILE [-o OUT.html]
      Write the document's preview as a self-contained HTML page (default: to stdout).
  charters site [PATH] -o DIR [--title TEXT]
      Write the workspace as a static site into DIR: an overview, a page per document, the
      ladders side by side, an org chart and a responsibility index. Open DIR/index.html from
      disk or serve the folder from any static host; nothing is loaded from the network.
  charters diff BASE [HEAD] [PATH...] [--format markdown|json]
      What changed in the product documents between two git revisions, in product words:
      documents added, removed or moved; roles, ladders, visions, strategies and charters field
      by field; the findings HEAD adds and those it fixes. HEAD defaults to the working tree;
      PATHs limit the report (put -- before them when one is also a revision's name).
      --format markdown (default; fit for a pull-request comment or a job summary) or json.
      Exit code 0: compared (whatever changed); 2: usage error, not in a git repository, or an
      unknown revision.
  charters init [DIR]
      Write a starter workspace (a config, a role, a ladder) into DIR (default: the current
      folder), creating it if missing. Overwrites nothing: exit 2 if any of the files exists.
  charters --version | --help
`;

/** What node's parseArgs throws for a command line it cannot read: usage errors, exit code 2. */
const PARSE_ARGS_ERRORS = new Set(['ERR_PARSE_ARGS_UNKNOWN_OPTION', 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE', 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL']);

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  color: boolean;
  /** Show a progress line for long commands (a terminal, not CI). */
  progress?: boolean;
}

/** The message of an error that is the user's to fix (exit code 2), or undefined for a crash. */
export function usageMessage(error: unknown): string | undefined {
  return error instanceof UsageError || PARSE_ARGS_ERRORS.has((error as { code?: string }).code ?? '') ? (error as Error).message : undefined;
}

export function main(argv: string[], io: Io): number {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(HELP);
      return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-v') {
      io.stdout(`${packageVersion}\n`);
      return 0;
    }
    if (command === 'init') return initCommand(rest, io);
    // a lint of a large folder runs on several threads: they start loading now, beside this one
    const early = command === 'lint' && mayLintInParallel(rest, io.cwd) ? startLintWorkers() : [];
    try {
      const service = createLanguageService();
      if (command === 'lint') return lintCommand(rest, io, service, early);
      if (command === 'taxonomy') return taxonomyCommand(rest, io, service);
      if (command === 'render') return renderCommand(rest, io, service);
      if (command === 'site') return siteCommand(rest, io, service);
      if (command === 'diff') return diffCommand(rest, io, service);
      throw new UsageError(`Unknown command "${command}".\n\n${HELP}`);
    } finally {
      stopLintWorkers(early); // those the lint did not take
    }
  } catch (error) {
    const message = usageMessage(error);
    if (message === undefined) throw error;
    io.stderr(`charters: ${message}\n`);
    return 2;
  }
}

function lintCommand(args: string[], io: Io, service: LanguageService, workers: LintWorker[]): number {
  // the report is all the command prints: a large JSON lint need not keep every finding beside it
  return report(runLint(args, io, service, workers, false), io);
}

/** What `charters lint ARGS` found, before it is printed: the GitHub Action prints it twice (the log and the job summary). */
export type LintRun = {
  format: string;
  limits: ReportLimits;
  counts: Counts;
} & (
  | {
      results: FileResult[];
      /** The JSON report's files, rendered chunk by chunk during a parallel lint (`jsonFiles`), in order. */
      jsonPieces?: string[];
    }
  | {
      /** Not kept: a parallel lint asked for its JSON report alone (`runLint`'s `keepResults`). */
      results?: undefined;
      jsonPieces: string[];
    }
);

interface ReportLimits {
  cwd: string;
  maxWarnings?: number;
}

/** `charters lint ARGS` up to its report: reads, fixes (when asked) and checks; throws UsageError for the user's mistakes. */
const LINT_OPTIONS = {
  format: { type: 'string', default: 'stylish' },
  fix: { type: 'boolean', default: false },
  'fix-dry-run': { type: 'boolean', default: false },
  today: { type: 'string' },
  'max-warnings': { type: 'string' },
} as const;

/**
 * Whether `charters lint ARGS` may lint on several threads (one folder, nothing to fix), judged
 * before anything is read, to start the workers early; `runLint` decides, and may not need them.
 */
function mayLintInParallel(args: string[], cwd: string): boolean {
  try {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: LINT_OPTIONS });
    if (positionals.length > 1 || values.fix || values['fix-dry-run']) return false;
    return fs.statSync(path.resolve(cwd, positionals[0] ?? '.'), { throwIfNoEntry: false })?.isDirectory() === true;
  } catch {
    return false; // runLint reports what is wrong with the arguments
  }
}

/**
 * `workers`: lint workers started ahead (`startLintWorkers`); those this lint uses are taken from the array.
 * `keepResults`: false when only the report will be printed. A large folder linted on several
 * threads with `--format json` then keeps the report's text and the counts, not every finding as
 * objects beside them: on 10,000 documents, tens of megabytes less for the garbage collector to move.
 */
export function runLint(args: string[], io: Io, service: LanguageService, workers: LintWorker[] = [], keepResults = true): LintRun {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: LINT_OPTIONS });
  const format = values.format as string;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be ${FORMATS.slice(0, -1).join(', ')} or ${FORMATS.at(-1)}, not "${format}".`);
  const maxWarnings = values['max-warnings'];
  if (maxWarnings !== undefined && !/^\d+$/.test(maxWarnings)) throw new UsageError(`--max-warnings must be a whole number, 0 or more, not "${maxWarnings}".`);
  const limits = { cwd: io.cwd, maxWarnings: maxWarnings === undefined ? undefined : Number(maxWarnings) };
  if (values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run cannot be used together: --fix-dry-run shows what --fix would write.');
  const fix: FixMode = values.fix ? 'write' : values['fix-dry-run'] ? 'dry-run' : 'none';
  const today = values.today ?? localDate(new Date());
  if (!isCalendarDate(today)) throw new UsageError(`--today must be a date written YYYY-MM-DD, such as 2027-03-31, not "${today}".`);
  const inputs = positionals.length ? positionals : ['.'];
  const workspaces = new Workspaces(service, DISK_SOURCE);
  const parallel =
    inputs.length === 1 && fix === 'none'
      ? lintFolderInParallel(path.resolve(io.cwd, inputs[0]), inputs[0], workspaces, service, today, workers, format === 'json', keepResults)
      : undefined;
  if (parallel) return { ...parallel, format, limits };
  // what --fix changed, or the diff it would write, goes to stderr: stdout stays the report alone
  let changeCount = 0;
  let fileCount = 0;
  const results: FileResult[] = [];
  // each workspace is indexed whole, once, however many of the paths given lie in it
  const indexed = new Map<Workspace, string[]>();
  const documentsOf = (workspace: Workspace) => {
    let files = indexed.get(workspace);
    if (!files) indexed.set(workspace, (files = workspaces.indexAll(assertUsable(workspace))));
    return files;
  };
  const check = (file: string, shown: string, workspace: Workspace) => {
    const { result, changes, diff } = lintFile(file, shown, workspace, service, fix, today);
    if (fix === 'write') for (const change of changes) io.stderr(`${describeChange(shown, change)}\n`);
    if (diff) io.stderr(diff);
    changeCount += changes.length;
    if (changes.length) fileCount++;
    results.push(result);
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
        .flatMap((workspace) => {
          const files = documentsOf(workspace);
          const shown = shownPaths(absolute, input, files);
          return files.flatMap((file, at) => (shown[at] === null ? [] : [{ file, shown: shown[at], workspace }]));
        })
        .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
      for (const { file, shown, workspace } of found) check(file, shown, workspace);
    } else {
      const workspace = workspaces.of(absolute, path.dirname(absolute));
      documentsOf(workspace);
      if (isCharterFile(absolute, workspace, service)) check(absolute, input, workspace);
    }
  }
  if (fix !== 'none') {
    const counted = `${changeCount} problem${changeCount === 1 ? '' : 's'} in ${fileCount} file${fileCount === 1 ? '' : 's'}`;
    io.stderr(fix === 'write' ? `Fixed ${counted}.\n` : `--fix would fix ${counted}; nothing was written.\n`);
  }
  return { results, counts: summary(results), format, limits };
}

type FixMode = 'none' | 'write' | 'dry-run';

/** `roles/pm.role.yaml:6  missing-section  (nothing) → summary: "TODO: why this role exists"` */
function describeChange(shown: string, change: FixChange): string {
  const show = (lines: string) =>
    lines === ''
      ? '(nothing)'
      : lines
          .split(/\r?\n/)
          .map((line) => line.trim())
          .join(' ⏎ ');
  return `${shown}:${change.line + 1}  ${change.ruleId}  ${show(change.before)} → ${show(change.after)}`;
}

const FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit', 'markdown'];

/** Prints the report in `format` and returns the exit code: 1 for errors or more warnings than allowed. */
export function report(run: LintRun, io: Io): number {
  const { format, limits, counts, jsonPieces } = run;
  const { cwd, maxWarnings } = limits;
  const results = () => resultsOf(run);
  const formatters: Record<string, () => string> = {
    json: () => (jsonPieces ? jsonReport(jsonPieces, counts) : formatJson(results())),
    sarif: () => formatSarif(results()),
    github: () => formatGithub(results(), cwd),
    junit: () => formatJunit(results(), cwd),
    markdown: () => formatMarkdown(results(), cwd),
  };
  io.stdout(`${(formatters[format] ?? (() => formatStylish(results(), io.color)))()}\n`);
  const { errors, warnings } = counts;
  // stderr, so that stdout stays the report alone
  const tooMany = maxWarnings !== undefined && warnings > maxWarnings;
  if (tooMany) io.stderr(`charters: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${maxWarnings} allows.\n`);
  return errors > 0 || tooMany ? 1 : 0;
}

/** Every file's findings; only a JSON lint that was told to keep its report alone has none (`runLint`). */
export function resultsOf(run: LintRun): FileResult[] {
  if (!run.results) throw new Error('charters lint kept only its JSON report, not the findings (runLint: keepResults)');
  return run.results;
}

/** A large folder of one workspace is linted on several threads (see parallelLint.ts); undefined when one thread will do. */
function lintFolderInParallel(
  absolute: string,
  input: string,
  workspaces: Workspaces,
  service: LanguageService,
  today: string,
  workers: LintWorker[],
  json: boolean,
  keepResults: boolean,
): ParallelLint | undefined {
  if (!fs.statSync(absolute, { throwIfNoEntry: false })?.isDirectory()) return undefined; // the usual path reports it
  const found = workspaces.discover(absolute, absolute);
  if (found.length !== 1) return undefined;
  const workspace = assertUsable(found[0]);
  const documents = workspaces.listDocuments(workspace);
  const threads = threadCount(documents.length);
  if (threads < 2) return undefined;
  const shown = shownPaths(absolute, input, documents);
  return lintInParallel(service, workspace, documents, shown, threads, today, workers, json ? { keepResults } : undefined);
}

/** A file named on the command line is checked if the globs match it or it is YAML with a known kind. */
function isCharterFile(file: string, workspace: Workspace, service: LanguageService): boolean {
  if (workspace.ignores(file)) return false;
  if (workspace.index.get(uriOf(file))) return true;
  if (!isDocumentText(file)) throw new UsageError(`${file} is not a YAML or Markdown file (charter documents end in .yaml, .yml or .md).`);
  const parsed = service.parse(TextDocument.create(uriOf(file), 'yaml', 0, readText(file)));
  return parsed.kind !== undefined || isDocumentFileName(file);
}

function lintFile(
  file: string,
  shown: string,
  workspace: Workspace,
  service: LanguageService,
  fix: FixMode,
  today: string,
): { result: FileResult; changes: FixChange[]; diff?: string } {
  const settings = { ...workspace.settings, today };
  const uri = uriOf(file);
  let text = readText(file);
  let changes: FixChange[] = [];
  let diff: string | undefined;
  if (fix !== 'none') {
    const fixed = service.fixAll(uri, text, workspace.index, settings);
    if (fixed.applied > 0 && fixed.text !== text) {
      const check = service.parse(TextDocument.create(uri, 'yaml', 0, fixed.text));
      if (check.yaml.errors.length === 0) {
        if (fix === 'write') writeAtomically(file, fixed.text);
        else diff = unifiedDiff(shown.split(path.sep).join('/'), text, fixed.text);
        changes = fixed.changes;
        // the report (and the exit code) is of the text as fixed, written or not
        text = fixed.text;
        const summary = service.summarize(uri, check);
        if (summary) workspace.index.set(summary);
      }
    }
  }
  const parsed = service.parse(TextDocument.create(uri, 'yaml', 1, text));
  return { result: { path: shown, diagnostics: service.validate(uri, parsed, workspace.index, settings) }, changes, diff };
}

function taxonomyCommand(args: string[], io: Io, service: LanguageService): number {
  const { values } = parseArgs({ args, options: { format: { type: 'string', default: 'markdown' } } });
  const taxonomy = assertUsable(new Workspaces(service, DISK_SOURCE).ofFolder(io.cwd, io.cwd)).settings.taxonomy;
  if (values.format === 'json') io.stdout(`${JSON.stringify(taxonomy.toJSON(), null, 2)}\n`);
  else if (values.format === 'markdown') io.stdout(taxonomyMarkdown(taxonomy));
  else throw new UsageError(`--format must be json or markdown, not "${values.format}".`);
  return 0;
}

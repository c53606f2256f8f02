import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../service';
import type { Io } from './main';
import { UsageError, assertUsable, readText, writeAtomically } from './files';
import { DISK_SOURCE } from '../workspace/disk';
import { Workspaces, uriOf } from '../workspace/workspaces';

/**
 * `charters render <file> [-o out.html]`: the editor's preview as one self-contained HTML file
 * (no script, nothing remote), to stdout or written atomically to `-o`. Exit 1 when the document
 * cannot be previewed (the page then says why), 2 for a usage error.
 */
export function renderCommand(args: string[], io: Io, service: LanguageService): number {
  const { values, positionals } = parseRenderArgs(args);
  if (positionals.length !== 1) throw new UsageError('render takes one document: charters render <file> [-o out.html]');
  const input = positionals[0];
  const file = path.resolve(io.cwd, input);
  if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) throw new UsageError(`No such file: ${input}`);

  const workspaces = new Workspaces(service, DISK_SOURCE);
  const workspace = assertUsable(workspaces.of(file, path.dirname(file)));
  workspaces.indexAll(workspace);
  const { index, settings } = workspace;
  const uri = uriOf(file);
  const parsed = service.parse(TextDocument.create(uri, 'yaml', 0, readText(file)));
  const summary = service.summarize(uri, parsed);
  if (summary) index.set(summary); // a file outside the workspace's globs still sees itself

  const output = values.output === undefined ? undefined : path.resolve(io.cwd, values.output);
  if (output !== undefined && !fs.statSync(path.dirname(output), { throwIfNoEntry: false })?.isDirectory()) {
    throw new UsageError(`No such folder for the output: ${path.dirname(values.output!)}`);
  }
  // links go to the exports already beside the output file; printed to stdout, titles stay text
  const siblingExports = output === undefined ? [] : fs.readdirSync(path.dirname(output));
  const { html: page, problem } = service.previewPage(uri, parsed, index, settings, randomBytes(16).toString('base64'), { siblingExports });

  if (output === undefined) io.stdout(page);
  else {
    writeAtomically(output, page);
    io.stdout(`Wrote ${values.output}\n`);
  }
  if (problem !== undefined) {
    io.stderr(`charters: ${input}: ${problem}\n`);
    return 1;
  }
  return 0;
}

function parseRenderArgs(args: string[]) {
  try {
    return parseArgs({ args, allowPositionals: true, options: { output: { type: 'string', short: 'o' } } });
  } catch (error) {
    // "-o" without a file, or an option render does not have
    if (String((error as { code?: string }).code).startsWith('ERR_PARSE_ARGS')) throw new UsageError((error as Error).message);
    throw error;
  }
}

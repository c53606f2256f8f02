import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { LanguageService } from '../service';
import { writeSite } from '../workspace/site';
import { DISK_SOURCE } from '../workspace/disk';
import { Workspaces } from '../workspace/workspaces';
import { UsageError, assertUsable } from './files';
import type { Io } from './main';

/**
 * `charters site [PATH] -o DIR [--title TEXT]`: the workspace of PATH (default: the current
 * folder) as a static site in DIR, readable from disk. A progress line on a terminal; quiet
 * otherwise. Exit 0 when written, 2 for a usage or config error; findings do not fail the build.
 */
export function siteCommand(args: string[], io: Io, service: LanguageService): number {
  const { values, positionals } = parseSiteArgs(args);
  if (positionals.length > 1) throw new UsageError('site takes one folder: charters site [PATH] -o DIR');
  if (values.output === undefined || values.output === '') throw new UsageError('site needs a folder to write to: charters site [PATH] -o DIR');
  const input = positionals[0] ?? '.';
  const folder = path.resolve(io.cwd, input);
  if (!fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`No such folder: ${input}`);
  const output = path.resolve(io.cwd, values.output);
  if (fs.statSync(output, { throwIfNoEntry: false })?.isFile()) throw new UsageError(`${values.output} is a file; give a folder to write the site to.`);

  const workspaces = new Workspaces(service, DISK_SOURCE);
  const workspace = assertUsable(workspaces.ofFolder(folder, folder));
  const stages = { read: 'Reading documents', build: 'Drawing pages', write: 'Writing files' };
  const started = Date.now();
  let shown = '';
  const progress = io.progress
    ? (stage: keyof typeof stages, done: number, total: number) => {
        const line = `${stages[stage]} ${done}/${total}`;
        if (line === shown) return;
        shown = line;
        io.stderr(`\r\x1b[2K${line}`);
      }
    : undefined;
  let files: string[];
  try {
    files = writeSite(service, workspaces, workspace, output, { title: values.title, progress });
  } catch (error) {
    if (progress) io.stderr('\r\x1b[2K');
    const code = (error as NodeJS.ErrnoException).code;
    if (code) throw new UsageError(`Cannot write the site to ${values.output}: ${code}`);
    throw error;
  }
  if (progress) io.stderr('\r\x1b[2K');
  const pages = files.filter((file) => file.endsWith('.html')).length;
  io.stdout(
    `Wrote ${pages} page${pages === 1 ? '' : 's'} to ${values.output} in ${((Date.now() - started) / 1000).toFixed(1)} s: open ${path.join(values.output, 'index.html')}\n`,
  );
  return 0;
}

function parseSiteArgs(args: string[]) {
  try {
    return parseArgs({ args, allowPositionals: true, options: { output: { type: 'string', short: 'o' }, title: { type: 'string' } } });
  } catch (error) {
    if (String((error as { code?: string }).code).startsWith('ERR_PARSE_ARGS')) throw new UsageError((error as Error).message);
    throw error;
  }
}

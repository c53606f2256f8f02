// `charters site`: wall time of building the examples' site, and the site of a generated workspace
// (the generator the workspace benchmark uses), each written to a fresh folder.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { writeWorkspace } from './lib/generate.mjs';
import { summarize } from './lib/stats.mjs';
import { DIST } from './editor.mjs';

const ROOT = path.resolve(fileURLToPath(import.meta.url), '../..');
const CLI = path.join(DIST, 'cli.js');

/** Milliseconds of one `charters site FOLDER -o OUT`, from start to exit, and the pages it wrote. */
function timeSite(folder, out) {
  const started = performance.now();
  const result = spawnSync(process.execPath, [CLI, 'site', folder, '-o', out], { encoding: 'utf8', env: { ...process.env, CI: '1' } });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`charters site exited ${result.status}: ${result.stderr.slice(-500)}`);
  const pages = Number(/Wrote (\d+) page/.exec(result.stdout)?.[1]);
  return { ms, pages };
}

export async function runSite({ tmp, quick, log, siteSize = 2000 }) {
  const rows = [];
  const examples = [];
  let pages = 0;
  for (let i = 0; i < (quick ? 3 : 7); i++) {
    const run = timeSite(path.join(ROOT, 'examples'), fs.mkdtempSync(path.join(tmp, 'site-examples-')));
    examples.push(run.ms);
    pages = run.pages;
  }
  rows.push({ id: 'site.examples', group: 'site', name: `charters site examples (${pages} pages, whole process)`, unit: 'ms', ours: summarize(examples) });

  const dir = fs.mkdtempSync(path.join(tmp, `site-ws-${siteSize}-`));
  const ws = writeWorkspace(dir, siteSize);
  log(`  workspace of ${ws.files.length} documents written`);
  const large = [];
  for (let i = 0; i < (quick ? 1 : 3); i++) {
    const run = timeSite(dir, fs.mkdtempSync(path.join(tmp, 'site-large-')));
    large.push(run.ms);
    pages = run.pages;
  }
  rows.push({
    id: `site.${siteSize}`,
    group: 'site',
    name: `charters site, ${ws.files.length} docs (${pages} pages, whole process)`,
    unit: 'ms',
    ours: summarize(large),
  });
  return rows;
}

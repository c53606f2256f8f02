// `npm run bench`: the performance suite. Measures the current dist/ build and the
// service sources; prints a table and writes bench/results/latest.json.
//   node scripts/bench.mjs [--quick] [--only service,editor,workspace,startup,site] [--save NAME] [--workspace-sizes 1000,10000]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(fileURLToPath(import.meta.url), '../..');
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    save: { type: 'string' },
    'workspace-sizes': { type: 'string', default: '1000,10000' },
    dist: { type: 'string' },
  },
});

/** The issue's targets, judged on the median (a single run where there is one). */
const TARGETS = {
  'editor.edit.1000': 15,
  'editor.edit.markdown.1000': 15,
  'editor.edit.5000': 40,
  // issue 16: and at most a tenth of yaml-language-server's median (the Ratio column)
  'editor.edit.oneList.1000': 8,
  'editor.edit.oneList.5000': 20,
  'editor.completion.5000': 5,
  'editor.hover.5000': 2,
  // issue 16: the cold index, the server's peak RSS and the command line at 10,000 documents
  'workspace.index.10000': 1500,
  'workspace.rss.10000': 200,
  'workspace.rename.10000': 100,
  'workspace.lint.10000': 3000,
  'startup.initialize': 150,
  'site.examples': 2000,
  'site.2000': 30000,
};

if (values.dist) process.env.BENCH_DIST = path.resolve(values.dist);
const { runService } = await import('../bench/service.mjs');
const { runEditor } = await import('../bench/editor.mjs');
const { runWorkspace } = await import('../bench/workspace.mjs');
const { runStartup } = await import('../bench/startup.mjs');
const { runSite } = await import('../bench/site.mjs');
const { round } = await import('../bench/lib/stats.mjs');
const suites = { startup: runStartup, service: runService, editor: runEditor, workspace: runWorkspace, site: runSite };
const selected = values.only ? values.only.split(',') : Object.keys(suites);
const dist = values.dist ? path.resolve(values.dist) : path.join(ROOT, 'dist');
if (!fs.existsSync(path.join(dist, 'server.js'))) {
  console.error(`${dist}/server.js is missing: run \`npm run build\` first.`);
  process.exit(2);
}

const loadAtStart = os.loadavg().map(round);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'charters-bench-'));
const log = (message) => console.error(message);
const rows = [];
const started = performance.now();
let failed = false;
const cleanup = () => fs.rmSync(tmp, { recursive: true, force: true });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    cleanup();
    process.exit(130); // the 'exit' hook in bench/lib/lspClient.mjs kills the servers
  });
}
try {
  for (const name of selected) {
    if (!suites[name]) throw new Error(`unknown suite ${name}; one of ${Object.keys(suites).join(', ')}`);
    log(`${name}…`);
    const t0 = performance.now();
    rows.push(...(await suites[name]({ tmp, quick: values.quick, log, sizes: values['workspace-sizes'].split(',').map(Number) })));
    log(`  (${Math.round((performance.now() - t0) / 1000)} s)`);
  }
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  cleanup();
}

for (const row of rows) {
  const ours = row.ours?.median;
  const other = row.theirs ?? row.base;
  if (other?.median) row.ratio = round(ours / other.median);
  const target = TARGETS[row.id];
  if (target !== undefined) {
    row.target = target;
    row.met = ours !== undefined && ours <= target;
  }
}

const fmt = (value) => (value === undefined || value === null ? '' : String(value));
const header = ['Measure', 'Ours median', 'Ours p95', 'Other median', 'Ratio', 'Target', 'Met'];
const lines = rows.map((row) => [
  `${row.name} (${row.unit})`,
  fmt(row.ours?.median),
  row.ours?.n > 1 ? fmt(row.ours?.p95) : '',
  row.theirs ? `${fmt(row.theirs.median)} yaml-ls` : row.base ? `${fmt(row.base.median)} ${row.baseName}` : '',
  row.ratio !== undefined ? `${row.ratio}×` : '',
  row.target !== undefined ? `≤ ${row.target}` : '',
  row.met === undefined ? '' : row.met ? 'met' : 'NOT met',
]);
const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
const print = (cells) =>
  console.log(`| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ')} |`);
print(header);
console.log(`|${widths.map((width, column) => (column === 0 ? ':' : '-') + '-'.repeat(width) + (column === 0 ? '-' : ':')).join('|')}|`);
lines.forEach(print);
for (const row of rows) if (row.note) console.log(`  ${row.name}: ${row.note}`);

const result = {
  date: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memoryMb: Math.round(os.totalmem() / 2 ** 20),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  },
  options: { quick: values.quick, suites: selected, dist: path.relative(ROOT, dist) || dist },
  loadAverage: { start: loadAtStart, end: os.loadavg().map(round) },
  durationS: Math.round((performance.now() - started) / 1000),
  rows,
};
const outDir = path.join(ROOT, 'bench', 'results');
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
if (values.save) fs.writeFileSync(path.join(outDir, `${values.save}.json`), `${JSON.stringify(result, null, 2)}\n`);
console.error(`Wrote bench/results/latest.json${values.save ? ` and bench/results/${values.save}.json` : ''} (${result.durationS} s).`);
process.exitCode = failed ? 1 : 0;

// Markdown table of two benchmark results side by side (medians), with the issue's targets:
//   node scripts/bench-compare.mjs bench/results/before.json bench/results/after.json
import * as fs from 'node:fs';

const [beforeFile, afterFile] = process.argv.slice(2);
if (!beforeFile || !afterFile) {
  console.error('usage: node scripts/bench-compare.mjs BEFORE.json AFTER.json');
  process.exit(2);
}
const before = JSON.parse(fs.readFileSync(beforeFile, 'utf8'));
const after = JSON.parse(fs.readFileSync(afterFile, 'utf8'));
const byId = new Map(before.rows.map((row) => [row.id, row]));
const cell = (row) => (row?.ours?.median === undefined ? '' : `${row.ours.median}${row.ours.n > 1 ? ` (p95 ${row.ours.p95})` : ''}`);
const other = (row) => (row?.theirs ? `${row.theirs.median} (yaml-ls)` : row?.base ? `${row.base.median} (${row.baseName})` : '');
const lines = ['| Measure | Before | After | Other, after run | Ratio after | Target | Met after |', '|:--|--:|--:|--:|--:|--:|:--|'];
for (const row of after.rows) {
  const old = byId.get(row.id);
  lines.push(
    `| ${row.name.trim()} (${row.unit}) | ${cell(old)} | ${cell(row)} | ${other(row)} | ${row.ratio !== undefined ? `${row.ratio}×` : ''} | ${row.target !== undefined ? `≤ ${row.target}` : ''} | ${row.met === undefined ? '' : row.met ? 'met' : '**not met**'}${old?.met !== undefined && old.met !== row.met ? ` (before: ${old.met ? 'met' : 'not met'})` : ''} |`,
  );
}
console.log(lines.join('\n'));
console.log(
  `\nBefore: ${before.date}, load average ${before.loadAverage?.start?.join('/')} → ${before.loadAverage?.end?.join('/')}. After: ${after.date}, load average ${after.loadAverage?.start?.join('/')} → ${after.loadAverage?.end?.join('/')}. ${after.machine.cpus} × ${after.machine.cpu}, Node ${after.machine.node}.`,
);

// Summarise a V8 .cpuprofile (from `node --cpu-prof`) by self time per function and per package.
//   node scripts/bench-profile.mjs FILE.cpuprofile [--top 30]
// Source paths inside dist/*.js are mapped back to their origin with the bundle's source map
// when there is one (node_modules/<pkg> or server/src/...).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '30' } } });
if (!positionals[0]) {
  console.error('usage: node scripts/bench-profile.mjs FILE.cpuprofile [--top N]');
  process.exit(2);
}
const profile = JSON.parse(fs.readFileSync(positionals[0], 'utf8'));
const top = Number(values.top);

// --- a tiny source-map reader (VLQ mappings → line → source) ---
const maps = new Map();
function sourceMapFor(url) {
  if (maps.has(url)) return maps.get(url);
  let result = null;
  try {
    const file = url.startsWith('file://') ? new URL(url).pathname : url;
    if (file && fs.existsSync(`${file}.map`)) {
      const map = JSON.parse(fs.readFileSync(`${file}.map`, 'utf8'));
      const lines = decodeLines(map.mappings);
      result = { sources: map.sources, lines };
    }
  } catch {
    result = null;
  }
  maps.set(url, result);
  return result;
}
function decodeLines(mappings) {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const lines = [];
  let source = 0;
  let sourceLine = 0;
  for (const line of mappings.split(';')) {
    const segments = [];
    let column = 0;
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const fields = [];
      let value = 0;
      let shift = 0;
      for (const ch of segment) {
        const digit = chars.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0];
      if (fields.length > 1) {
        source += fields[1];
        sourceLine += fields[2];
        segments.push([column, source, sourceLine]);
      }
    }
    lines.push(segments);
  }
  return lines;
}
function origin(frame) {
  const { url, lineNumber, columnNumber } = frame;
  if (!url) return { file: '(native)', line: 0 };
  const map = sourceMapFor(url);
  if (map?.lines[lineNumber]) {
    const segments = map.lines[lineNumber];
    let best = segments[0];
    for (const segment of segments) if (segment[0] <= columnNumber) best = segment;
    if (best) return { file: map.sources[best[1]].replace(/^(\.\.\/)+/, ''), line: best[2] + 1 };
  }
  return { file: url.replace(/^file:\/\//, ''), line: lineNumber + 1 };
}
function packageOf(file) {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (match) return match[1];
  if (file.includes('server/src/service/')) return 'service (ours)';
  if (file.includes('server/src/lsp/') || file.includes('server/src/cli/')) return 'lsp/cli (ours)';
  if (file.startsWith('node:') || file === '(native)') return file;
  return path.basename(file);
}

// --- self time ---
const dt = new Map();
const { samples, timeDeltas } = profile;
for (let i = 0; i < samples.length; i++) dt.set(samples[i], (dt.get(samples[i]) ?? 0) + (timeDeltas[i] ?? 0));
const total = [...dt.values()].reduce((a, b) => a + b, 0);
const byFunction = new Map();
const byPackage = new Map();
for (const node of profile.nodes) {
  const self = dt.get(node.id) ?? 0;
  if (!self) continue;
  const frame = node.callFrame;
  const where = origin(frame);
  const name = frame.functionName || (frame.url ? '(anonymous)' : frame.functionName || '(program)');
  const special = !frame.url && ['(garbage collector)', '(idle)', '(program)', '(root)'].includes(name);
  const key = special ? name : `${name}  ${where.file}:${where.line}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + self);
  const pkg = special ? name : packageOf(where.file);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + self);
}
const busy = total - (byPackage.get('(idle)') ?? 0);
const ms = (us) => (us / 1000).toFixed(1).padStart(8);
const pct = (us) => `${((100 * us) / busy).toFixed(1)}%`.padStart(6);
console.log(`total ${ms(total)} ms sampled, ${ms(busy)} ms busy (not idle); shares below are of busy time\n`);
console.log('self time by package');
for (const [key, us] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${ms(us)} ms ${pct(us)}  ${key}`);
console.log(`\nself time by function (top ${top})`);
for (const [key, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(us)} ms ${pct(us)}  ${key}`);

// The service alone: parse + validate (schema + rules) of generated role documents, beside yaml's bare parseDocument.
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { oneListRoleDocument, roleDocument } from './lib/generate.mjs';
import { summarize } from './lib/stats.mjs';
import { precompiledSchemas } from '../scripts/lib/schemaValidators.mjs';
import { yamlEsmBuild } from '../scripts/lib/yamlPlugin.mjs';

export async function loadService(tmp) {
  const outfile = path.join(tmp, 'service-bundle.cjs');
  await build({
    entryPoints: [new URL('./serviceEntry.ts', import.meta.url).pathname],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    loader: { '.css': 'text' },
    logLevel: 'warning',
    plugins: [yamlEsmBuild, precompiledSchemas()],
  });
  return createRequire(import.meta.url)(outfile);
}

export async function runService({ tmp, quick, log }) {
  const lib = await loadService(tmp);
  const service = lib.createLanguageService();
  const settings = service.settings();
  const rows = [];
  const sizes = [
    [100, quick ? 100 : 400],
    [1000, quick ? 30 : 120],
    [5000, quick ? 10 : 40],
  ];
  for (const [lines, runs] of sizes) {
    const doc = roleDocument(lines);
    const uri = `file:///bench/bench-${lines}.role.yaml`;
    const index = new lib.MemoryIndex();
    const first = service.parse(lib.TextDocument.create(uri, 'charters', 0, doc.text));
    index.set(service.summarize(uri, first));
    const parseMs = [];
    const validateMs = [];
    const totalMs = [];
    const bareMs = [];
    let diagnostics = 0;
    const warmup = Math.max(3, Math.round(runs / 10));
    for (let i = 0; i < warmup + runs; i++) {
      const textDocument = lib.TextDocument.create(uri, 'charters', i + 1, doc.text);
      const t0 = performance.now();
      const parsed = service.parse(textDocument);
      const t1 = performance.now();
      diagnostics = service.validate(uri, parsed, index, settings).length;
      const t2 = performance.now();
      lib.parseDocument(doc.text, { keepSourceTokens: false });
      const t3 = performance.now();
      if (i < warmup) continue;
      parseMs.push(t1 - t0);
      validateMs.push(t2 - t1);
      totalMs.push(t2 - t0);
      bareMs.push(t3 - t2);
    }
    log(`  service ${lines} lines: ${runs} runs, ${diagnostics} diagnostics`);
    const bare = summarize(bareMs);
    rows.push(
      {
        id: `service.total.${lines}`,
        group: 'service',
        name: `parse+validate+rules, ${lines} lines`,
        unit: 'ms',
        ours: summarize(totalMs),
        base: bare,
        baseName: 'yaml parseDocument',
      },
      { id: `service.parse.${lines}`, group: 'service', name: `  of which parse (yaml + toJS + directives)`, unit: 'ms', ours: summarize(parseMs) },
      { id: `service.validate.${lines}`, group: 'service', name: `  of which validate (ajv + rules)`, unit: 'ms', ours: summarize(validateMs) },
    );
  }
  rows.push(...oneListEdits(lib, service, settings, quick, log));
  return rows;
}

/**
 * One-character edits in the middle of a one-list role, each version re-parsed from the previous
 * one as the server does, with the split into list items and without it (top-level blocks only),
 * alternating in the same process; then what the server does next with the version: the index
 * summary and validation (ajv + rules).
 */
function oneListEdits(lib, service, settings, quick, log) {
  const rows = [];
  for (const lines of [1000, 5000]) {
    const doc = oneListRoleDocument(lines);
    const uri = `file:///bench/one-list-${lines}.role.yaml`;
    const index = new lib.MemoryIndex();
    const at =
      doc.text
        .split('\n')
        .slice(0, doc.edit.line)
        .reduce((sum, line) => sum + line.length + 1, 0) + doc.edit.character;
    const runs = quick ? 20 : lines >= 5000 ? 60 : 120;
    const warmup = 5;
    const samples = { items: [], blocks: [], summarize: [], validate: [] };
    const previous = { items: undefined, blocks: undefined };
    let text = doc.text;
    let split = 0;
    for (let i = 0; i < warmup + runs; i++) {
      text = i % 2 === 0 ? `${text.slice(0, at)}s${text.slice(at)}` : `${text.slice(0, at)}${text.slice(at + 1)}`;
      const textDocument = lib.TextDocument.create(uri, 'charters', i + 1, text);
      textDocument.positionAt(0); // the line offsets, which the server's document has before the parse
      const order = i % 4 < 2 ? ['items', 'blocks'] : ['blocks', 'items'];
      for (const mode of order) {
        const t0 = performance.now();
        previous[mode] = lib.parseIncrementally(previous[mode], textDocument, { items: mode === 'items' });
        if (i >= warmup) samples[mode].push(performance.now() - t0);
      }
      const t1 = performance.now();
      index.set(service.summarize(uri, previous.items));
      const t2 = performance.now();
      service.validate(uri, previous.items, index, settings);
      const t3 = performance.now();
      if (i >= warmup) {
        samples.summarize.push(t2 - t1);
        samples.validate.push(t3 - t2);
      }
      split = lib.itemsParsedAlone(previous.items);
    }
    log(`  service ${lines}-line one-list role: ${runs} edits, ${split} list items parsed alone`);
    rows.push(
      {
        id: `service.oneList.reparse.${lines}`,
        group: 'service',
        name: `one-list role, ${lines} lines: re-parse after a one-character edit`,
        unit: 'ms',
        ours: summarize(samples.items),
        base: summarize(samples.blocks),
        baseName: 'top-level blocks only',
      },
      { id: `service.oneList.summarize.${lines}`, group: 'service', name: '  then the index summary', unit: 'ms', ours: summarize(samples.summarize) },
      { id: `service.oneList.validate.${lines}`, group: 'service', name: '  then validate (ajv + rules)', unit: 'ms', ours: summarize(samples.validate) },
    );
  }
  return rows;
}

// standalone profiling helper: node bench/service.mjs 5000 [runs]
if (import.meta.url === `file://${process.argv[1]}`) {
  const lines = Number(process.argv[2] ?? 5000);
  const runs = Number(process.argv[3] ?? 50);
  const lib = await loadService(os.tmpdir());
  const service = lib.createLanguageService();
  const doc = roleDocument(lines);
  const index = new lib.MemoryIndex();
  const uri = 'file:///bench/x.role.yaml';
  for (let i = 0; i < runs; i++) service.validate(uri, service.parse(lib.TextDocument.create(uri, 'charters', i, doc.text)), index, service.settings());
}

// The bundled server over stdio, driven as an editor drives it, beside yaml-language-server on the same documents.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchClient, uriOf } from './lib/lspClient.mjs';
import { markdownRoleDocument, oneListRoleDocument, roleDocument } from './lib/generate.mjs';
import { summarize, sleep } from './lib/stats.mjs';
import { writeBundledRoleSchema } from './bundleSchema.mjs';

const ROOT = path.resolve(fileURLToPath(import.meta.url), '../..');
/** `--dist DIR` (BENCH_DIST) measures another build, for before/after comparisons. */
export const DIST = process.env.BENCH_DIST ? path.resolve(process.env.BENCH_DIST) : path.join(ROOT, 'dist');
export const SERVER = path.join(DIST, 'server.js');
export const YAML_LS = path.join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');

export function startOurs(extraNodeArgs = []) {
  return new BenchClient([...extraNodeArgs, SERVER, '--stdio'], { configuration: () => null });
}

export function startYamlLs(schemaFile) {
  const yaml = {
    validate: true,
    hover: true,
    completion: true,
    format: { enable: false },
    schemaStore: { enable: false },
    schemas: { [uriOf(schemaFile)]: ['*.role.yaml'] },
  };
  return new BenchClient([YAML_LS, '--stdio'], {
    configuration: (item) => (item.section === 'yaml' ? yaml : item.section === 'http' ? { proxy: '', proxyStrictSSL: false } : {}),
  });
}

/** Time from each didChange to the publishDiagnostics of that version. */
async function timeEdits(client, uri, doc, count) {
  const samples = [];
  const { line, character } = doc.edit;
  for (let i = 0; i < count; i++) {
    const insert = i % 2 === 0;
    const range = insert ? { start: { line, character }, end: { line, character } } : { start: { line, character }, end: { line, character: character + 1 } };
    const version = (client.versions.get(uri) ?? 1) + 1;
    const published = client.nextDiagnostics(uri, (params) => params.version === undefined || params.version === null || params.version >= version);
    const { at } = await client.change(uri, range, insert ? 's' : '');
    const result = await published;
    samples.push(result.at - at);
    await sleep(5);
  }
  return samples;
}

async function timeRequests(client, method, params, count) {
  const samples = [];
  let last;
  for (let i = 0; i < count + 3; i++) {
    const { result, ms } = await client.timedRequest(method, params);
    last = result;
    if (i >= 3) samples.push(ms);
  }
  return { samples, last };
}

function describeResult(method, result) {
  if (method === 'textDocument/completion') return `${(Array.isArray(result) ? result : (result?.items ?? [])).length} items`;
  if (method === 'textDocument/hover') return result ? 'hover' : 'null';
  return '';
}

export async function runEditor({ tmp, quick, log }) {
  const dir = fs.mkdtempSync(path.join(tmp, 'editor-'));
  const schemaFile = writeBundledRoleSchema(tmp);
  const sizes = [1000, 5000];
  const docs = Object.fromEntries(
    sizes.map((lines) => {
      const doc = roleDocument(lines);
      const file = path.join(dir, `bench-${lines}.role.yaml`);
      fs.writeFileSync(file, doc.text);
      return [lines, { ...doc, file, uri: uriOf(file) }];
    }),
  );
  // the one-list shape: a role whose bulk is one `responsibilities` list of `{text, area}` items
  const oneList = Object.fromEntries(
    sizes.map((lines) => {
      const doc = oneListRoleDocument(lines);
      const file = path.join(dir, `bench-one-list-${lines}.role.yaml`);
      fs.writeFileSync(file, doc.text);
      return [lines, { ...doc, file, uri: uriOf(file) }];
    }),
  );
  // the same role as Markdown (front matter and sections), ours only: yaml-language-server does not read Markdown
  const markdownDoc = markdownRoleDocument(1000);
  const markdownFile = path.join(dir, 'bench-1000.role.md');
  fs.writeFileSync(markdownFile, markdownDoc.text);
  const markdown = { ...markdownDoc, file: markdownFile, uri: uriOf(markdownFile) };
  const results = {};
  for (const [name, start] of [
    ['ours', () => startOurs()],
    ['theirs', () => startYamlLs(schemaFile)],
  ]) {
    const client = start();
    try {
      await client.initialize(dir);
      if (name === 'theirs') {
        await client.notify('workspace/didChangeConfiguration', { settings: {} });
        await sleep(300);
      }
      for (const lines of sizes) {
        const doc = docs[lines];
        const first = client.nextDiagnostics(doc.uri);
        await client.open(doc.uri, doc.text, name === 'ours' ? 'charters' : 'yaml');
        const initial = await first;
        const edits = quick ? 10 : lines >= 5000 ? 24 : 40;
        const editSamples = await timeEdits(client, doc.uri, doc, edits);
        const position = { line: doc.responsibility.line, character: doc.responsibility.character + 4 };
        const requests = quick ? 10 : 40;
        const completion = await timeRequests(client, 'textDocument/completion', { textDocument: { uri: doc.uri }, position }, requests);
        const hover = await timeRequests(client, 'textDocument/hover', { textDocument: { uri: doc.uri }, position }, requests);
        log(
          `  ${name} ${lines} lines: ${initial.diagnostics.length} diagnostics on open; completion ${describeResult('textDocument/completion', completion.last)}, ${describeResult('textDocument/hover', hover.last)}`,
        );
        results[`${name}.${lines}`] = {
          edit: summarize(editSamples),
          completion: summarize(completion.samples),
          hover: summarize(hover.samples),
          sanity: {
            diagnosticsOnOpen: initial.diagnostics.length,
            completion: describeResult('textDocument/completion', completion.last),
            hover: describeResult('textDocument/hover', hover.last),
          },
        };
        await client.notify('textDocument/didClose', { textDocument: { uri: doc.uri } });
      }
      for (const lines of sizes) {
        const doc = oneList[lines];
        const first = client.nextDiagnostics(doc.uri);
        await client.open(doc.uri, doc.text, name === 'ours' ? 'charters' : 'yaml');
        const initial = await first;
        const editSamples = await timeEdits(client, doc.uri, doc, quick ? 10 : 40);
        log(`  ${name} ${lines}-line one-list role: ${initial.diagnostics.length} diagnostics on open`);
        results[`${name}.oneList.${lines}`] = { edit: summarize(editSamples), sanity: { diagnosticsOnOpen: initial.diagnostics.length } };
        await client.notify('textDocument/didClose', { textDocument: { uri: doc.uri } });
      }
      if (name === 'ours') {
        const first = client.nextDiagnostics(markdown.uri);
        await client.open(markdown.uri, markdown.text, 'markdown');
        const initial = await first;
        const editSamples = await timeEdits(client, markdown.uri, markdown, quick ? 10 : 40);
        log(`  ours ${markdown.lines}-line Markdown role: ${initial.diagnostics.length} diagnostics on open`);
        results['ours.markdown.1000'] = { edit: summarize(editSamples), sanity: { diagnosticsOnOpen: initial.diagnostics.length } };
        await client.notify('textDocument/didClose', { textDocument: { uri: markdown.uri } });
      }
    } finally {
      await client.stop();
    }
  }
  const rows = [];
  for (const lines of sizes) {
    for (const [key, label] of [
      ['edit', 'edit → diagnostics (debounce incl.)'],
      ['completion', 'completion at a responsibility'],
      ['hover', 'hover at a responsibility'],
    ]) {
      rows.push({
        id: `editor.${key}.${lines}`,
        group: 'editor',
        name: `${label}, ${lines} lines`,
        unit: 'ms',
        ours: results[`ours.${lines}`][key],
        theirs: results[`theirs.${lines}`][key],
        sanity: { ours: results[`ours.${lines}`].sanity, theirs: results[`theirs.${lines}`].sanity },
      });
    }
  }
  for (const lines of sizes) {
    rows.push({
      id: `editor.edit.oneList.${lines}`,
      group: 'editor',
      name: `edit → diagnostics (debounce incl.), ${lines}-line one-list role`,
      unit: 'ms',
      ours: results[`ours.oneList.${lines}`].edit,
      theirs: results[`theirs.oneList.${lines}`].edit,
      sanity: { ours: results[`ours.oneList.${lines}`].sanity, theirs: results[`theirs.oneList.${lines}`].sanity },
    });
  }
  rows.push({
    id: 'editor.edit.markdown.1000',
    group: 'editor',
    name: 'edit → diagnostics (debounce incl.), 1000-line Markdown role',
    unit: 'ms',
    ours: results['ours.markdown.1000'].edit,
    sanity: { ours: results['ours.markdown.1000'].sanity },
  });
  fs.rmSync(dir, { recursive: true, force: true });
  return rows;
}

#!/usr/bin/env node
// Fuzzes the bundled language server the way a hurried editor would: random incremental edits on
// the example documents (a third of them grown to hundreds or thousands of lines, most edits then
// aimed inside list items), requests at random (also out-of-range) positions, and a check of every
// published diagnostic against the text of the version it was computed for.
//
//   node scripts/fuzz.mjs [--minutes N | --seconds N] [--seed S]
//
// Fails (exit 1) on a crash (the server exits), a hang (a request or the diagnostics of the latest
// version not answered within 5 s), a diagnostic outside its document, an error the server logs, or
// an edited document whose last diagnostics differ from those of its text opened afresh (the
// incremental re-parse against the whole parse; the round is saved to test-results/ to replay).
// `fuzz()` is exported for the short fixed-seed slice in test/unit/fuzz.test.ts.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import rpc from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadSource } from './lib/loadSource.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLES = path.join(ROOT, 'examples');
const TIMEOUT_MS = 5000;
const { isDocumentFileName, STATUS_REQUEST } = await loadSource(
  "export { isDocumentFileName } from './server/src/service/kinds'; export { STATUS_REQUEST } from './server/src/protocol';",
);

/** mulberry32: small, seedable, good enough to pick edits. */
function random(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (items) => items[int(items.length)], chance: (p) => next() < p };
}

function listDocuments(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...listDocuments(full));
    else if (isDocumentFileName(entry.name)) found.push(full);
  }
  return found.sort();
}

const SNIPPETS = [
  '',
  '\n',
  '\n\n',
  ' ',
  '  ',
  '    ',
  '\t',
  '- ',
  ': ',
  ':',
  '#',
  '# charters-disable-next-line',
  '"',
  "'",
  '[',
  ']',
  '{',
  '}',
  ',',
  '&a ',
  '*a',
  '&a [*a, *a]',
  '!!str ',
  '---\n',
  '...\n',
  '|\n  text\n',
  '>-\n',
  '\r\n',
  '\u0000',
  '\ufffd',
  '\ufeff',
  'é',
  '😀',
  'kind: role\n',
  'kind: ladder',
  'id: senior-pm',
  'reportsTo: senior-pm',
  'inherits: pm',
  'level: cpo',
  'track: ic',
  'responsibilities:\n  - ',
  '  - discovery',
  'skills:\n  - {skill: x, level: 9}',
  'tracks:\n  - id: t\n    roles: [pm]',
  'target: ',
  'keyResults:\n',
  '__proto__: {polluted: 1}',
  'constructor:\n  prototype: x',
  'tittle: x',
  'null',
  '~',
  '123',
  '2027-13-45',
  'summary: TODO: x',
  '<role title>',
  'TBD',
  'lorem ipsum',
  '…',
  'target: zero',
  'mission: "   "',
  'scope: {}',
  // disable comments of each form, tokens that are not rule ids, and look-alikes in text
  '# charters-disable-next-line unknown-skill\n',
  '  # charters-disable-next-line unknown-skill. -- why\n',
  '# charters-disable-file\n',
  '# charters-disable-file invalid-value, nope\n',
  '# charters-disable unknown-field\n',
  '# charters-enable\n',
  '  # charters-enable unknown-field',
  ' # charters-disable-next-line',
  '"# charters-disable-file"',
  '|\n  # charters-disable-file\n',
];
const METHODS = [
  'textDocument/completion',
  'textDocument/hover',
  'textDocument/codeAction',
  'textDocument/documentSymbol',
  'textDocument/definition',
  'textDocument/references',
  'textDocument/documentLink',
  'charters/preview',
];

/**
 * Run the fuzzer for `seconds`, and on until at least `minEdits` edits were made (so a short run
 * does the same work on a loaded machine); resolves with the figures. Never throws for a finding:
 * every finding is in `failures` (with the seed, round and last edit to replay it).
 */
export async function fuzz({ seconds = 60, minEdits = 0, seed = 1, large = true, log = () => {} } = {}) {
  const rnd = random(seed);
  const files = [...listDocuments(EXAMPLES), ...listDocuments(path.join(ROOT, 'test', 'fixtures', 'rules'))];
  const stats = {
    seed,
    seconds,
    rounds: 0,
    markdownRounds: 0,
    edits: 0,
    requests: 0,
    diagnosticsChecked: 0,
    publishes: 0,
    restarts: 0,
    grownRounds: 0,
    editsInItems: 0,
    incrementalChecks: 0,
    slowestRequestMs: 0,
    failures: [],
  };
  // Markdown documents (`*.role.md`) every other round, so a short run fuzzes both forms
  const markdownFiles = files.filter((file) => file.endsWith('.md'));
  const until = Date.now() + seconds * 1000;
  const going = () => Date.now() < until || stats.edits < minEdits;
  const fail = (kind, detail) => {
    if (stats.failures.length < 50) stats.failures.push({ kind, ...detail });
    log(`FAIL ${kind}: ${JSON.stringify(detail).slice(0, 500)}`);
  };

  const start = async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const state = { child, exited: false, versions: new Map(), published: new Map(), waiters: [], open: new Map(), round: 0, lastEdit: undefined };
    child.stderr.on('data', () => {});
    child.on('exit', (code, signal) => {
      state.exited = true;
      if (!state.stopping) fail('crash', { code, signal, round: state.round, lastEdit: state.lastEdit, replay: state.replay?.() });
      for (const waiter of state.waiters.splice(0)) waiter.reject(new Error('server exited'));
    });
    const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
    connection.onError(() => {});
    connection.onClose(() => {});
    connection.onRequest('workspace/configuration', (params) => params.items.map(() => null));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onNotification('window/logMessage', (params) => {
      if (params.type === 1) fail('logged-error', { message: String(params.message).slice(0, 800), round: state.round, lastEdit: state.lastEdit });
    });
    connection.onNotification('textDocument/publishDiagnostics', (params) => {
      stats.publishes++;
      checkDiagnostics(state, params);
      state.published.set(params.uri, params);
      for (const waiter of [...state.waiters]) {
        if (waiter.uri === params.uri && params.version === waiter.version) {
          state.waiters.splice(state.waiters.indexOf(waiter), 1);
          waiter.resolve(params.diagnostics);
        }
      }
    });
    connection.listen();
    state.connection = connection;
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(EXAMPLES).toString(),
      // examples/ ignores broken/, its second workspace: open both, as an editor with both folders would
      workspaceFolders: [EXAMPLES, path.join(EXAMPLES, 'broken')].map((folder) => ({ uri: pathToFileURL(folder).toString(), name: path.basename(folder) })),
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    });
    await connection.sendNotification('initialized', {});
    return state;
  };

  const checkDiagnostics = (state, params) => {
    let text;
    const open = state.open.get(params.uri);
    if (open && params.version !== undefined && params.version !== null) text = open.texts.get(params.version);
    else if (!open) {
      try {
        text = fs.readFileSync(fileURLToPath(params.uri), 'utf8');
      } catch {
        return;
      }
    }
    if (text === undefined) return; // a version we no longer keep
    const document = TextDocument.create(params.uri, 'charters', 0, text);
    const lines = text.split(/\r\n|\r|\n/);
    for (const diagnostic of params.diagnostics) {
      stats.diagnosticsChecked++;
      const { start, end } = diagnostic.range;
      const inside = (p) =>
        Number.isInteger(p.line) &&
        Number.isInteger(p.character) &&
        p.line >= 0 &&
        p.line < document.lineCount &&
        p.character >= 0 &&
        p.character <= lines[p.line].length;
      const ordered = start.line < end.line || (start.line === end.line && start.character <= end.character);
      if (!inside(start) || !inside(end) || !ordered) {
        fail('out-of-range-diagnostic', {
          uri: params.uri,
          version: params.version,
          range: diagnostic.range,
          code: diagnostic.code,
          lineCount: document.lineCount,
          round: state.round,
          lastEdit: state.lastEdit,
        });
      }
    }
  };

  const request = async (state, method, params) => {
    stats.requests++;
    const started = Date.now();
    let timer;
    try {
      await Promise.race([
        state.connection.sendRequest(method, params),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS))),
      ]);
    } catch (error) {
      if (state.exited) return;
      fail(error.message === 'timeout' ? 'hang' : 'request-error', {
        method,
        params: JSON.stringify(params).slice(0, 300),
        message: error.message,
        round: state.round,
        lastEdit: state.lastEdit,
        replay: state.replay?.(),
      });
    } finally {
      clearTimeout(timer);
      stats.slowestRequestMs = Math.max(stats.slowestRequestMs, Date.now() - started);
    }
  };

  const waitIndexed = async (state, uri) => {
    const until = Date.now() + 30000;
    while (!state.exited && Date.now() < until) {
      const status = await state.connection.sendRequest(STATUS_REQUEST, { uri }).catch(() => undefined);
      if (status === null || status?.indexed) return; // null: not a document the server checks
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (!state.exited) fail('hang', { method: STATUS_REQUEST, uri, message: 'the workspace was not indexed within 30 s', round: state.round });
  };

  const waitForDiagnostics = (state, uri, version) => {
    const published = state.published.get(uri);
    if (published && published.version === version) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter = {
        uri,
        version,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        state.waiters.splice(state.waiters.indexOf(waiter), 1);
        if (!state.exited) fail('hang', { method: 'publishDiagnostics', uri, version, round: state.round, lastEdit: state.lastEdit, replay: state.replay?.() });
        resolve();
      }, TIMEOUT_MS);
      state.waiters.push(waiter);
    });
  };

  const positionInListItem = (document) => {
    const lines = document.getText().split('\n');
    const inside = [];
    for (let line = 0; line < lines.length; line++) if (/^ +(- |\S)/.test(lines[line])) inside.push(line);
    if (!inside.length) return undefined;
    const line = rnd.pick(inside);
    stats.editsInItems++;
    return { line, character: rnd.int(lines[line].replace(/\r$/, '').length + 1) };
  };

  const randomPosition = (document) => {
    if (rnd.chance(0.1)) return { line: rnd.int(document.lineCount + 50), character: rnd.int(400) }; // out of range
    const line = rnd.int(document.lineCount);
    const length = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '').length;
    return { line, character: rnd.int(length + 1) };
  };

  const randomEdit = (document) => {
    const text = document.getText();
    const kind = rnd.int(6);
    if (kind === 0 && document.lineCount > 1) {
      // delete whole lines
      const from = rnd.int(document.lineCount);
      const to = Math.min(document.lineCount, from + 1 + rnd.int(3));
      return { range: { start: { line: from, character: 0 }, end: { line: to, character: 0 } }, text: '' };
    }
    if (kind === 1) {
      // copy a line somewhere else
      const lines = text.split('\n');
      const line = `${rnd.pick(lines)}\n`;
      const at = rnd.int(document.lineCount);
      return { range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, text: line };
    }
    // in a grown document, most edits land inside a list item (a line of an item, at any depth)
    const start = document.lineCount > 150 && rnd.chance(0.6) ? (positionInListItem(document) ?? randomPosition(document)) : randomPosition(document);
    let end = start;
    if (rnd.chance(0.4)) {
      const offset = document.offsetAt(start) + rnd.int(40);
      end = document.positionAt(offset);
    }
    let insert = rnd.pick(SNIPPETS);
    if (kind === 2) insert = String.fromCharCode(32 + rnd.int(95)); // one keystroke
    if (kind === 3) insert = ''; // deletion
    return { range: { start, end }, text: insert };
  };

  let state = await start();
  try {
    while (going()) {
      if (state.exited) {
        stats.restarts++;
        state = await start();
      }
      stats.rounds++;
      state.round = stats.rounds;
      const file = stats.rounds % 2 === 0 && markdownFiles.length ? rnd.pick(markdownFiles) : rnd.pick(files);
      const languageId = file.endsWith('.md') ? 'markdown' : 'charters';
      if (languageId === 'markdown') stats.markdownRounds++;
      const uri = pathToFileURL(file).toString();
      // A third of the documents are grown, so the server's incremental re-parse is exercised too:
      // most by repeating the items of one of their own lists (a role with hundreds of duties),
      // some past 1,000 lines (unless `large` is false); the rest by a long list of plain notes appended.
      const original = fs.readFileSync(file, 'utf8');
      const growth = rnd.next();
      const text =
        growth < 0.1 && large
          ? (growList(original, 1000 + rnd.int(2000), rnd) ?? grow(original, 1000))
          : growth < 0.25
            ? (growList(original, 200 + rnd.int(300), rnd) ?? grow(original, 200 + rnd.int(300)))
            : growth < 0.33
              ? grow(original, 200 + rnd.int(300))
              : original;
      if (text !== original) stats.grownRounds++;
      let document = TextDocument.create(uri, languageId, 1, text);
      const open = { texts: new Map([[1, document.getText()]]), changes: [] };
      state.open.set(uri, open);
      // a hang or a crash saves what replays the round, once (the changes up to the failure)
      let saved;
      state.replay = () => (saved ??= saveCase({ seed, round: state.round, uri, languageId, text, changes: open.changes }));
      void state.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text: document.getText() } });
      // Cross-document rules wait for the document's workspace to be read (a document outside the
      // folders brings its own): edit once it is, so every version sees the same index.
      await waitIndexed(state, uri);
      const steps = 20 + rnd.int(60);
      for (let step = 0; step < steps && !state.exited && going(); step++) {
        if (rnd.chance(0.7)) {
          const change = randomEdit(document);
          const version = document.version + 1;
          document = TextDocument.update(document, [change], version);
          open.texts.set(version, document.getText());
          open.texts.delete(version - 200);
          open.changes.push(change);
          state.lastEdit = { file: path.relative(ROOT, file), version, change };
          stats.edits++;
          void state.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
        } else {
          const method = rnd.pick(METHODS);
          const position = randomPosition(document);
          const range = { start: position, end: rnd.chance(0.5) ? position : randomPosition(document) };
          const diagnostics = state.published.get(uri)?.diagnostics ?? [];
          const params =
            method === 'charters/preview'
              ? { uri }
              : method === 'textDocument/documentSymbol' || method === 'textDocument/documentLink'
                ? { textDocument: { uri } }
                : method === 'textDocument/codeAction'
                  ? { textDocument: { uri }, range, context: { diagnostics, only: rnd.chance(0.2) ? ['source.fixAll'] : undefined } }
                  : method === 'textDocument/references'
                    ? { textDocument: { uri }, position, context: { includeDeclaration: true } }
                    : { textDocument: { uri }, position };
          await request(state, method, params);
        }
        if (rnd.chance(0.05)) await waitForDiagnostics(state, uri, document.version);
      }
      if (!state.exited) await waitForDiagnostics(state, uri, document.version);
      void state.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      // The edited text opened afresh (a whole parse) must get the diagnostics its last
      // incremental version got: the re-parse of the edited items and the full parse agree.
      const last = state.published.get(uri);
      if (!state.exited && last && last.version === document.version) {
        const version = document.version + 1;
        open.texts.set(version, document.getText());
        void state.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text: document.getText() } });
        await waitForDiagnostics(state, uri, version);
        const fresh = state.published.get(uri);
        if (!state.exited && fresh && fresh.version === version) {
          stats.incrementalChecks++;
          const incremental = comparable(last.diagnostics);
          const whole = comparable(fresh.diagnostics);
          if (incremental !== whole)
            fail('incremental-differs', {
              file: path.relative(ROOT, file),
              replay: saveCase({ seed, round: state.round, uri, languageId, text, changes: open.changes }),
              version: document.version,
              incremental: incremental.slice(0, 600),
              whole: whole.slice(0, 600),
              round: state.round,
            });
        }
        void state.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      }
      state.open.delete(uri);
      if (stats.rounds % 25 === 0)
        log(
          `round ${stats.rounds}: ${stats.edits} edits, ${stats.requests} requests, ${stats.diagnosticsChecked} diagnostics checked, ${stats.failures.length} failures`,
        );
    }
  } finally {
    state.stopping = true;
    if (!state.exited) {
      await Promise.race([state.connection.sendRequest('shutdown').catch(() => {}), new Promise((resolve) => setTimeout(resolve, 1000))]);
      void state.connection.sendNotification('exit');
      await new Promise((resolve) => {
        const timer = setTimeout(() => {
          state.child.kill();
          resolve();
        }, 1000);
        state.child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    state.connection.dispose();
  }
  return stats;
}

function argument(name) {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : Number(process.argv[index + 1]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const seconds = argument('seconds') ?? (argument('minutes') ?? 1) * 60;
  const seed = argument('seed') ?? Date.now() % 100000;
  if (!fs.existsSync(path.join(ROOT, 'dist', 'server.js'))) {
    console.error('dist/server.js is missing: run `npm run build` first');
    process.exit(2);
  }
  const started = Date.now();
  const stats = await fuzz({ seconds, seed, log: (line) => console.error(line) });
  const summary = { ...stats, elapsedSeconds: Math.round((Date.now() - started) / 100) / 10 };
  console.log(JSON.stringify(summary, null, 2));
  console.log(
    `fuzz seed ${seed}: ${stats.rounds} rounds, ${stats.edits} edits, ${stats.requests} requests, ${stats.diagnosticsChecked} diagnostics checked, ${stats.failures.length} failures`,
  );
  process.exit(stats.failures.length ? 1 : 0);
}

/** Writes what replays a round (its first text and every change) to test-results/; returns the file. */
function saveCase(round) {
  const file = path.join(ROOT, 'test-results', `fuzz-seed${round.seed}-round${round.round}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(round));
  return path.relative(ROOT, file);
}

/** Diagnostics as text to compare: what a user sees of each, in a stable order. */
function comparable(diagnostics) {
  return diagnostics
    .map((d) => JSON.stringify([d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.code, d.severity, d.message]))
    .sort()
    .join('\n');
}

/**
 * The text with the items of one of its block lists repeated until it has about `lines` more
 * lines (prose values numbered, so the copies differ); undefined when it has no block list.
 */
function growList(text, lines, rnd) {
  const all = text.split('\n');
  const lists = [];
  for (let i = 0; i < all.length; i++) {
    const indent = /^( *)- /.exec(all[i])?.[1].length;
    if (indent === undefined || lists.some((list) => list.indent === indent && list.start <= i && i < list.end)) continue;
    // the list that starts here: the items at this indentation, each with its deeper lines
    let end = i;
    while (
      end < all.length &&
      (all[end].startsWith(`${' '.repeat(indent)}- `) || (all[end].trim() !== '' && all[end].length - all[end].trimStart().length > indent))
    )
      end++;
    lists.push({ indent, start: i, end });
  }
  if (!lists.length) return undefined;
  const list = rnd.pick(lists);
  const items = [];
  for (let i = list.start; i < list.end; i++) {
    if (all[i].startsWith(`${' '.repeat(list.indent)}- `)) items.push([]);
    items[items.length - 1].push(all[i]);
  }
  const added = [];
  for (let copy = 1; added.length < lines; copy++)
    for (const item of items) added.push(...item.map((line) => line.replace(/^(\s*(?:- )?[A-Za-z]+: )([A-Za-z][^#"'\n]* [^#"'\n]*)$/, `$1$2 ${copy}`)));
  return [...all.slice(0, list.end), ...added, ...all.slice(list.end)].join('\n');
}

/** The text with a long top-level list appended: a document large enough for the incremental re-parse. */
function grow(text, lines) {
  const items = Array.from({ length: lines }, (_, index) => `  - note ${index} about the role`);
  return `${text.endsWith('\n') ? text : `${text}\n`}fuzzNotes:\n${items.join('\n')}\n`;
}

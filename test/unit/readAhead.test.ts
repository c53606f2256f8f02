// The cold index reads a large workspace's files ahead, in a worker thread, while it scans the
// texts it has (server/src/workspace/disk.ts, WorkspaceState.read): the index it builds is the one
// built by reading each file when its turn comes, and a file changed, deleted or edited while it
// was read ahead goes into the index as it is when its turn comes, not as it was read.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DISK_SOURCE, READ_AHEAD } from '../../server/src/workspace/disk';
import type { FileSource } from '../../server/src/workspace/source';
import { WorkspaceState } from '../../server/src/lsp/workspaceState';
import { REPO_ROOT, service, uriOf } from './harness';

const SILENT = { info() {}, warn() {} };
const ROLE = (id: string) => `kind: role\nid: ${id}\ntitle: ${id}\nlevel: pm\nsummary: s\nresponsibilities:\n  - prioritize-backlog\n`;

let dir: string;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'charters-readahead-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Every summary of the state's index, in the index's order. */
function summaries(state: WorkspaceState) {
  return [...state.allDocuments.documents()];
}

test("the disk's read-ahead gives read's texts, in order, a batch at a time: a byte order mark dropped, a missing file or a folder undefined", async () => {
  const folder = path.join(dir, 'texts');
  fs.mkdirSync(folder);
  const files: string[] = [];
  for (let n = 0; n < READ_AHEAD.minFiles + 150; n++) {
    const file = path.join(folder, `f-${String(n).padStart(4, '0')}.role.yaml`);
    files.push(file);
    if (n === 3) continue; // never written: missing
    if (n === 7)
      fs.mkdirSync(file); // a folder by a document's name
    else fs.writeFileSync(file, n === 5 ? `\uFEFF${ROLE(`r${n}`)}` : `${ROLE(`r${n}`)}${'#'.repeat(n)}\n`);
  }
  assert.equal(DISK_SOURCE.readAhead?.(files.slice(0, READ_AHEAD.minFiles - 1)), undefined, 'few files are read one by one');
  const batches = DISK_SOURCE.readAhead?.(files);
  assert.ok(batches, 'many files are read ahead');
  const texts: (string | undefined)[] = [];
  let count = 0;
  for await (const batch of batches) {
    assert.ok(batch.length > 0 && batch.length <= READ_AHEAD.batch);
    texts.push(...batch);
    count++;
  }
  assert.ok(count > 1);
  assert.deepEqual(
    texts,
    files.map((file) => DISK_SOURCE.read(file)),
  );
  assert.equal(texts[3], undefined);
  assert.equal(texts[7], undefined);
  assert.equal(texts[5], ROLE('r5'));
});

test("an index built with the disk's read-ahead equals the one built reading each file in turn, on the bench's generated workspace", async () => {
  const folder = path.join(dir, 'generated');
  fs.mkdirSync(folder);
  const generator = path.join(REPO_ROOT, 'bench', 'lib', 'generate.mjs');
  execFileSync(process.execPath, ['-e', `import(${JSON.stringify(`file://${generator}`)}).then((m) => m.writeWorkspace(${JSON.stringify(folder)}, 1500))`]);
  // and a few documents the scan leaves to the full parse, and one that is not a charter document
  fs.writeFileSync(path.join(folder, 'flow.role.yaml'), 'kind: role\nid: flow\ntitle: Flow\nresponsibilities: [prioritize-backlog]\n');
  fs.writeFileSync(path.join(folder, 'broken.role.yaml'), 'kind: role\nid: [unclosed\n');
  fs.writeFileSync(path.join(folder, 'other.role.yaml'), 'kind: recipe\n');
  let readAheadCalls = 0;
  const counting: FileSource = {
    ...DISK_SOURCE,
    readAhead: (files) => {
      readAheadCalls++;
      return DISK_SOURCE.readAhead?.(files);
    },
  };
  const ahead = new WorkspaceState(service, SILENT, counting);
  ahead.setFolders([folder]);
  const oneByOne = new WorkspaceState(service, SILENT, { ...DISK_SOURCE, readAhead: undefined });
  oneByOne.setFolders([folder]);
  const counts = [await ahead.indexAll(), await oneByOne.indexAll()];
  assert.equal(readAheadCalls, 1);
  assert.equal(counts[0], counts[1]);
  assert.ok(counts[0] >= 1500, String(counts[0]));
  assert.deepEqual(summaries(ahead), summaries(oneByOne));
});

test('a file changed, deleted or edited in the editor while it was read ahead is indexed as it is when its turn comes', async () => {
  const folder = path.join(dir, 'changing');
  fs.mkdirSync(path.join(folder, 'team'), { recursive: true });
  fs.mkdirSync(path.join(folder, '.git'));
  const file = (name: string) => path.join(folder, name);
  for (const name of ['a', 'b', 'c', 'd', 'e']) fs.writeFileSync(file(`${name}.role.yaml`), ROLE(name));
  fs.writeFileSync(file('team/f.role.yaml'), ROLE('f'));
  // a source that reads every file at once, hands over the first, then waits while the test changes the disk
  let reachedGate!: () => void;
  const atGate = new Promise<void>((resolve) => (reachedGate = resolve));
  let openGate!: () => void;
  const gate = new Promise<void>((resolve) => (openGate = resolve));
  const source: FileSource = {
    ...DISK_SOURCE,
    readAhead: (files) =>
      (async function* () {
        const texts = files.map((name) => DISK_SOURCE.read(name));
        yield texts.slice(0, 1);
        reachedGate();
        await gate;
        yield texts.slice(1);
      })(),
  };
  const state = new WorkspaceState(service, SILENT, source);
  state.setFolders([folder]);
  const indexing = state.indexAll();
  await atGate;
  // b saved with a new id (the watcher's Changed event), c deleted, the folder team deleted, d edited in the editor
  fs.writeFileSync(file('b.role.yaml'), ROLE('b-renamed'));
  state.indexFile(file('b.role.yaml'));
  fs.rmSync(file('c.role.yaml'));
  fs.rmSync(file('team'), { recursive: true });
  state.forgetDeleted([file('c.role.yaml'), file('team')]);
  const edited = TextDocument.create(uriOf(file('d.role.yaml')), 'yaml', 2, ROLE('d-unsaved'));
  state.indexParsed(edited.uri, service.parse(edited));
  openGate();
  assert.equal(await indexing, 4);
  const ids = summaries(state)
    .map((summary) => summary.id)
    .sort();
  // d is read from the disk in its turn, as before read-ahead; the server then puts the open documents back (reindexOpen)
  assert.deepEqual(ids, ['a', 'b-renamed', 'd', 'e']);
});

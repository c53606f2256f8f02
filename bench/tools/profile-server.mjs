// Drive the server through one scenario under `node --cpu-prof` and leave the .cpuprofile in DIR:
//   node bench/tools/profile-server.mjs startup|edit5000|edit1000|onelist1000|onelist5000|rename10000|index10000 DIR [SERVER.js]
// then: node scripts/bench-profile.mjs DIR/<file>.cpuprofile
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchClient, uriOf } from '../lib/lspClient.mjs';
import { oneListRoleDocument, roleDocument, writeWorkspace } from '../lib/generate.mjs';
import { sleep } from '../lib/stats.mjs';

const [scenario, dir, server = path.resolve(fileURLToPath(import.meta.url), '../../../dist/server.js')] = process.argv.slice(2);
if (!scenario || !dir) {
  console.error('usage: node bench/tools/profile-server.mjs startup|edit5000|edit1000|onelist1000|onelist5000|rename10000|index10000 DIR [SERVER.js]');
  process.exit(2);
}
fs.mkdirSync(dir, { recursive: true });
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'charters-prof-'));
const client = new BenchClient(['--cpu-prof', `--cpu-prof-dir=${path.resolve(dir)}`, '--cpu-prof-interval=200', server, '--stdio']);
try {
  if (scenario === 'startup') {
    const { sinceSpawn } = await client.initialize(work);
    console.log(`initialize answered ${Math.round(sinceSpawn)} ms after spawn`);
  } else if (scenario.startsWith('edit') || scenario.startsWith('onelist')) {
    // a role of many top-level blocks, or one whose bulk is a single list (issue 16's two shapes)
    const lines = Number(scenario.replace(/^\D+/, ''));
    const doc = scenario.startsWith('edit') ? roleDocument(lines) : oneListRoleDocument(lines);
    const file = path.join(work, `bench-${lines}.role.yaml`);
    fs.writeFileSync(file, doc.text);
    await client.initialize(work);
    const uri = uriOf(file);
    const first = client.nextDiagnostics(uri);
    await client.open(uri, doc.text, 'charters');
    await first;
    const { line, character } = doc.edit;
    for (let i = 0; i < 200; i++) {
      const insert = i % 2 === 0;
      const version = client.versions.get(uri) + 1;
      const published = client.nextDiagnostics(uri, (p) => p.version >= version);
      await client.change(
        uri,
        insert ? { start: { line, character }, end: { line, character } } : { start: { line, character }, end: { line, character: character + 1 } },
        insert ? 's' : '',
      );
      await published;
    }
  } else if (scenario === 'rename10000' || scenario === 'index10000') {
    const ws = writeWorkspace(work, 10000);
    const indexed = client.waitForLog(/Indexed (\d+) charter documents in (\d+) ms/, 600000);
    await client.initialize(work);
    const managerUri = uriOf(ws.rolePath(1));
    const dependentUri = uriOf(ws.rolePath(9));
    const text = fs.readFileSync(ws.rolePath(1), 'utf8');
    await client.open(managerUri, text, 'charters');
    await client.open(dependentUri, fs.readFileSync(ws.rolePath(9), 'utf8'), 'charters');
    console.log((await indexed).match[0]);
    if (scenario === 'rename10000') {
      await sleep(500);
      const id = ws.roleId(1);
      const line = text.split('\n').findIndex((l) => l.startsWith('id: '));
      const p = client.nextDiagnostics(dependentUri, (d) => d.diagnostics.some((x) => x.code === 'unresolved-reference'), 600000);
      const { at } = await client.change(managerUri, { start: { line, character: 4 }, end: { line, character: 4 + id.length } }, `${id}-renamed`);
      console.log(`rename → dependent ${Math.round((await p).at - at)} ms`);
      await sleep(2000);
    }
    console.log(`peak RSS ${client.peakRssMb()} MB`);
  }
} finally {
  await client.stop();
  fs.rmSync(work, { recursive: true, force: true });
}

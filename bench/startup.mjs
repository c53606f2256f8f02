// Start-up: spawn → answer to initialize; bundle sizes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { summarize } from './lib/stats.mjs';
import { DIST, startOurs, startYamlLs } from './editor.mjs';
import { writeBundledRoleSchema } from './bundleSchema.mjs';

export async function runStartup({ tmp, quick, log }) {
  const dir = fs.mkdtempSync(path.join(tmp, 'startup-'));
  const schemaFile = writeBundledRoleSchema(tmp);
  const runs = quick ? 3 : 8;
  const samples = { ours: [], theirs: [] };
  for (let i = 0; i < runs; i++) {
    for (const [name, start] of [
      ['ours', () => startOurs()],
      ['theirs', () => startYamlLs(schemaFile)],
    ]) {
      const client = start();
      try {
        const { sinceSpawn } = await client.initialize(dir);
        samples[name].push(sinceSpawn);
      } finally {
        await client.stop();
      }
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  log(`  start-up: ${runs} runs each`);
  const rows = [
    {
      id: 'startup.initialize',
      group: 'startup',
      name: 'spawn → initialize answered',
      unit: 'ms',
      ours: summarize(samples.ours),
      theirs: summarize(samples.theirs),
    },
  ];
  for (const file of fs
    .readdirSync(DIST)
    .filter((name) => name.endsWith('.js'))
    .sort()) {
    const kb = fs.statSync(path.join(DIST, file)).size / 1024;
    rows.push({ id: `bundle.${file}`, group: 'startup', name: `bundle size dist/${file}`, unit: 'KB', ours: summarize([kb]) });
  }
  return rows;
}

/**
 * Lets a test ask the code-server runner (scripts/vscode-host/run-extension-tests.mjs) for a
 * screenshot of the workbench *now*, e.g. with squiggles, a hover or a preview showing:
 *
 *   import { screenshot } from './screenshot';
 *   const png = await screenshot('diagnostics');  // -> test-results/vscode-host-diagnostics.png
 *
 * The runner takes it from the browser side. Under @vscode/test-electron (no runner listening)
 * this resolves to undefined at once.
 */
/// <reference types="node" />
import * as fs from 'node:fs';
import * as path from 'node:path';

export async function screenshot(name: string, timeoutMs = 20_000): Promise<string | undefined> {
  const dir = process.env.CHARTERS_SCREENSHOT_REQUESTS;
  if (!dir) return undefined;
  const safe = name.replace(/[^A-Za-z0-9._-]/g, '_');
  const done = path.join(dir, `${safe}.done`);
  fs.rmSync(done, { force: true });
  fs.writeFileSync(path.join(dir, `${safe}.request`), '');
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (fs.existsSync(done)) {
      const answer = JSON.parse(fs.readFileSync(done, 'utf8')) as { path?: string; error?: string };
      fs.rmSync(done, { force: true });
      if (answer.error) throw new Error(`screenshot ${safe} failed: ${answer.error}`);
      return answer.path;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`screenshot ${safe}: no answer from the runner within ${timeoutMs} ms`);
}

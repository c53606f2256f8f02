/**
 * Lets a test ask the code-server runner (scripts/vscode-host/run-extension-tests.mjs) for a
 * screenshot of the workbench *now*, e.g. with squiggles, a hover or a preview showing:
 *
 *   import { screenshot } from './screenshot';
 *   const shot = await screenshot('diagnostics');  // -> test-results/vscode-host-diagnostics.png
 *
 * The runner takes it from the browser side, and answers with the picture's path and the text
 * of the notifications the window shows. The request and the answer are files in the folder the
 * run's settings name (testRun.ts), reached through `vscode.workspace.fs`, so this works in Node's
 * extension host and in a web worker alike. Without a runner listening (@vscode/test-electron)
 * this resolves to undefined at once.
 */
import * as vscode from 'vscode';
import { exists, runSettings } from './testRun';

export interface Screenshot {
  path: string;
  /** The text of each notification toast on screen (messages shown with `showInformationMessage` …). */
  notifications: string[];
}

export async function screenshot(name: string, timeoutMs = 20_000): Promise<Screenshot | undefined> {
  const dir = (await runSettings()).screenshots;
  if (!dir) return undefined;
  const safe = name.replace(/[^A-Za-z0-9._-]/g, '_');
  const done = vscode.Uri.joinPath(dir, `${safe}.done`);
  if (await exists(done)) await vscode.workspace.fs.delete(done);
  await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, `${safe}.request`), new Uint8Array());
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await exists(done)) {
      const answer = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(done))) as Partial<Screenshot> & { error?: string };
      await vscode.workspace.fs.delete(done);
      if (answer.error || !answer.path) throw new Error(`screenshot ${safe} failed: ${answer.error ?? 'no picture'}`);
      return { path: answer.path, notifications: answer.notifications ?? [] };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`screenshot ${safe}: no answer from the runner within ${timeoutMs} ms`);
}

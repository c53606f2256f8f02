/**
 * Runs the extension-host suite (test/vscode/index.ts) in desktop VS Code downloaded by
 * @vscode/test-electron. For machines that can download VS Code; CI and the build
 * machines use scripts/vscode-host/run-extension-tests.mjs (code-server) instead.
 *
 *   npx tsc -p tsconfig.vscode.json && node scripts/emit-css.mjs && node out/test/vscode/runElectron.js
 */
/// <reference types="node" />
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<number> {
  // out/test/vscode/runElectron.js -> repo root
  const repoRoot = path.resolve(__dirname, '../../..');
  const extensionTestsPath = path.resolve(__dirname, 'index.js');
  const source = path.join(repoRoot, 'examples', 'workspace');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'charters-electron-'));
  const workspace = path.join(tmp, 'workspace');
  if (fs.existsSync(source)) fs.cpSync(source, workspace, { recursive: true });
  else fs.mkdirSync(workspace, { recursive: true });
  const resultsFile = path.join(repoRoot, 'test-results', 'vscode-electron-results.json');
  fs.rmSync(resultsFile, { force: true });
  // the suite reads its settings beside the workspace folder (testRun.ts); no screenshots without a runner to take them
  fs.writeFileSync(path.join(tmp, 'charters-test-run.json'), JSON.stringify({ results: resultsFile }));

  try {
    const code = await runTests({
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    });
    return code;
  } catch (err) {
    console.error('Extension tests failed:', err);
    return 1;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));

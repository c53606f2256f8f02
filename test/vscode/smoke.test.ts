/**
 * TEMPORARY smoke test proving the extension-host route (real `vscode` API inside
 * code-server or desktop VS Code). The real suite replaces this file.
 */
/// <reference types="node" />
/// <reference types="mocha" />
/// <reference types="vscode" />
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { screenshot } from './screenshot';

suite('smoke: extension host', () => {
  test('workspace folder is the temp copy of examples/workspace', () => {
    const folders = vscode.workspace.workspaceFolders;
    assert.ok(folders && folders.length === 1, `expected one workspace folder, got ${folders?.length}`);
    const expected = process.env.CHARTERS_TEST_WORKSPACE;
    if (expected) {
      assert.strictEqual(path.resolve(folders[0].uri.fsPath), path.resolve(expected));
    }
  });

  test('extensions are loaded, including the one under development', () => {
    assert.ok(vscode.extensions.all.length > 0, 'vscode.extensions.all is empty');
    const ours = vscode.extensions.getExtension('product-charters.product-charters');
    assert.ok(ours, 'product-charters.product-charters is not among the loaded extensions');
  });

  test('a file in the workspace opens and shows in an editor', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const file = path.join(folder.fsPath, 'smoke-test.txt');
    fs.writeFileSync(file, 'hello from the extension host\n');
    try {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      const editor = await vscode.window.showTextDocument(doc);
      assert.strictEqual(editor.document.getText(), 'hello from the extension host\n');
      assert.strictEqual(vscode.window.activeTextEditor?.document.uri.fsPath, doc.uri.fsPath);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  test('an untitled YAML document can be edited', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'kind: role\n' });
    const editor = await vscode.window.showTextDocument(doc);
    const ok = await editor.edit((e) => e.insert(new vscode.Position(1, 0), 'title: Product Manager\n'));
    assert.ok(ok, 'edit was not applied');
    assert.strictEqual(doc.getText(), 'kind: role\ntitle: Product Manager\n');
    assert.strictEqual(doc.languageId, 'yaml');
    await screenshot('smoke-untitled-yaml');
  });
});

/**
 * The extension in a real VS Code extension host, driven through the public `vscode` API the
 * way a user would drive it: open files, type (unsaved), ask for completions, hovers, quick
 * fixes, rename, the preview and the commands. Each test asserts what the user would notice.
 *
 * The workspace is a temp copy of examples/ (see scripts/vscode-host/run-extension-tests.mjs);
 * tests that change files change them back or work on files of their own, and delete those.
 *
 * The same tests run in Node's extension host and in a browser's web worker extension host (the
 * extension's browser build; web/index.ts): files are reached through `vscode.workspace.fs`,
 * never the disk, and what differs in a browser is said where it differs (`extensionHost()`).
 */
/// <reference types="node" />
/// <reference types="mocha" />
/// <reference types="vscode" />
import * as assert from 'node:assert';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { screenshot } from './screenshot';
import { EXTENSION_ID, exists, extensionHost } from './testRun';
import { fileToOpen, siteToOpen } from '../../client/src/preview';
import { KINDS } from '../../server/src/service/kinds';

/** The server's cold start (spawn, index the workspace) can take a few seconds on a slow machine. */
const SERVER_WAIT_MS = 30_000;
const DOCS_RULE_URL = /\/docs\/rules\/unknown-responsibility\.md$/;

// ------------------------------------------------------------------ helpers

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns something truthy; fails with `what` (and the last value seen) after `ms`. */
async function waitFor<T>(what: string, probe: () => T | undefined | false | null | Promise<T | undefined | false | null>, ms = SERVER_WAIT_MS): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what} (last: ${describe(last)})`);
    await sleep(100);
  }
}

function describe(value: unknown): string {
  if (value instanceof Error) return value.message;
  try {
    return JSON.stringify(value)?.slice(0, 500) ?? String(value);
  } catch {
    return String(value);
  }
}

function folder(): vscode.Uri {
  const first = vscode.workspace.workspaceFolders?.[0];
  assert.ok(first, 'no workspace folder is open');
  return first.uri;
}

const fileUri = (relative: string) => vscode.Uri.joinPath(folder(), ...relative.split('/'));

async function open(relative: string | vscode.Uri): Promise<vscode.TextEditor> {
  const uri = typeof relative === 'string' ? fileUri(relative) : relative;
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { preview: false });
}

/** The position of `needle` (its `at`-th character) in the document; fails if it is not there. */
function positionOf(document: vscode.TextDocument, needle: string, at = 0): vscode.Position {
  const offset = document.getText().indexOf(needle);
  assert.ok(offset >= 0, `"${needle}" is not in ${path.basename(document.uri.path)}:\n${document.getText().slice(0, 1500)}`);
  return document.positionAt(offset + at);
}

function rangeOf(document: vscode.TextDocument, needle: string): vscode.Range {
  const start = positionOf(document, needle);
  return new vscode.Range(start, start.translate(0, needle.length));
}

const ruleOf = (diagnostic: vscode.Diagnostic): string | number | undefined => (typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code);

const diagnosticsOf = (uri: vscode.Uri, rule: string) => vscode.languages.getDiagnostics(uri).filter((d) => ruleOf(d) === rule);

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

async function completionsAt(uri: vscode.Uri, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
  return list?.items ?? [];
}

/** Completions at `position` once the server answers with items that `ready` accepts (it may still be starting). */
function completionsWhen(uri: vscode.Uri, position: vscode.Position, what: string, ready: (items: vscode.CompletionItem[]) => boolean) {
  return waitFor(what, async () => {
    const items = await completionsAt(uri, position);
    return ready(items) ? items : false;
  });
}

async function codeActions(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const result = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range);
  return (result ?? []).filter((action): action is vscode.CodeAction => 'title' in action && !('command' in action && typeof action.command === 'string'));
}

async function applyAction(action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit, `"${action.title}" has no edit`);
  assert.ok(await vscode.workspace.applyEdit(action.edit), `"${action.title}" was not applied`);
}

async function type(editor: vscode.TextEditor, text: string): Promise<void> {
  const end = editor.document.positionAt(editor.document.getText().length);
  assert.ok(await editor.edit((edit) => edit.insert(end, text)), `could not type ${JSON.stringify(text)}`);
  const after = editor.document.positionAt(editor.document.getText().length);
  editor.selection = new vscode.Selection(after, after);
}

/** Closes every editor, first throwing away unsaved changes (a save prompt would hang the run). */
async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeSidebar');
  for (const tab of vscode.window.tabGroups.all.flatMap((group) => group.tabs)) {
    if (!(tab.input instanceof vscode.TabInputText) || !tab.isDirty) continue;
    const document = await vscode.workspace.openTextDocument(tab.input.uri);
    await vscode.window.showTextDocument(document, { viewColumn: tab.group.viewColumn, preview: false });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('workbench.action.closePanel');
}

/** Deletes a file or a folder with what it holds; nothing if it is not there. */
async function remove(uri: vscode.Uri): Promise<void> {
  try {
    await vscode.workspace.fs.delete(uri, { recursive: true });
  } catch {
    // already gone
  }
}

const utf8 = (text: string) => new TextEncoder().encode(text);

const readText = async (uri: vscode.Uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));

/** The documents of the examples' workspace as stored: files of the five kinds, broken/ aside (the config ignores it). */
async function documentsIn(dir: vscode.Uri): Promise<vscode.Uri[]> {
  const entries = await vscode.workspace.fs.readDirectory(dir);
  const found = await Promise.all(
    entries.map(([name, type]) =>
      type & vscode.FileType.Directory
        ? name === 'broken'
          ? []
          : documentsIn(vscode.Uri.joinPath(dir, name))
        : /\.(role|ladder|vision|strategy|charter)\.(ya?ml|md)$/.test(name)
          ? [vscode.Uri.joinPath(dir, name)]
          : [],
    ),
  );
  return found.flat();
}

// ------------------------------------------------------------------ the suite

suite('Product Charters in VS Code', () => {
  let autoSave: string | undefined;
  suiteSetup(async () => {
    // code-server saves after a delay by default: then "without saving" would prove nothing,
    // and a typo left in an editor would end up on disk for the next test.
    const files = vscode.workspace.getConfiguration('files');
    autoSave = files.inspect<string>('autoSave')?.globalValue;
    await files.update('autoSave', 'off', vscode.ConfigurationTarget.Global);
    await closeAllEditors();
  });
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('files').update('autoSave', autoSave, vscode.ConfigurationTarget.Global);
  });
  teardown(async () => {
    await closeAllEditors();
  });

  test('1. opening a role document gives the charters language and activates the extension', async () => {
    const editor = await open('roles/product-manager.role.yaml');
    assert.strictEqual(editor.document.languageId, 'charters');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed in the host`);
    await waitFor(`${EXTENSION_ID} to be active`, () => extension.isActive, 20_000);
    // the language server answers for the document (completion on `level:` offers the levels)
    const position = positionOf(editor.document, 'level: pm', 'level: '.length);
    // (its own items: words from open files would also offer "senior-pm", but without the title)
    await completionsWhen(editor.document.uri, position, 'the server to offer levels', (items) =>
      items.some((item) => labelOf(item) === 'senior-pm' && item.detail === 'Senior Product Manager'),
    );
  });

  test('1b. the language status item names the config that governs the document, or "no config: defaults", the documents and the rules settings change', async function () {
    this.timeout(120_000);
    const extension = vscode.extensions.getExtension<{ languageStatus(): Promise<{ text: string; detail: string; command?: string }> }>(EXTENSION_ID)!;
    await open('roles/product-manager.role.yaml');
    await waitFor(`${EXTENSION_ID} to be active`, () => extension.isActive, 20_000);
    const api = extension.exports;
    let last: unknown;
    const status = (what: string, ready: (view: { text: string; detail: string; command?: string }) => boolean | Promise<boolean>) =>
      waitFor(what, async () => {
        const view = await api.languageStatus();
        last = view;
        return (await ready(view)) ? view : false;
      }).catch((error: Error) => {
        throw new Error(`${error.message}; the item shows ${describe(last)}`);
      });
    // the workspace's documents: the files of the five kinds on disk (broken/ aside: the config
    // ignores it); a document VS Code still holds open after its editor closed counts only while its file is there
    const countDocuments = async (): Promise<number> => (await documentsIn(folder())).length;
    let documents = await countDocuments();
    assert.ok(documents >= 10, `the examples hold ${documents} documents`);

    const governed = await status('the config of the examples', async (view) => {
      documents = await countDocuments();
      return view.text.endsWith('charters.config.yaml') && view.detail === `${documents} documents`;
    });
    // a workspace-relative path, as the user reads it, not the machine's
    assert.strictEqual(governed.text, '$(settings-gear) charters.config.yaml');
    assert.strictEqual(governed.command, 'Open config');

    // a document added on disk is counted, and no longer once it is deleted
    const added = fileUri('roles/vscode-test-status.role.yaml');
    await vscode.workspace.fs.writeFile(added, utf8('kind: role\nid: vscode-test-status\ntitle: Status\nlevel: pm\nsummary: Counted.\n'));
    try {
      await status('one document more', (view) => view.detail === `${documents + 1} documents`);
    } finally {
      await remove(added);
    }
    await status('one document less again', (view) => view.detail === `${documents} documents`);

    // a folder beside the workspace's, outside any workspace (the runner's temporary folder)
    const loose = vscode.Uri.joinPath(folder(), '..', `charters-status-${Date.now()}`);
    const rules = vscode.workspace.getConfiguration('charters');
    try {
      await vscode.workspace.fs.writeFile(
        vscode.Uri.joinPath(loose, 'loose.role.yaml'),
        utf8('kind: role\nid: loose\ntitle: Loose\nlevel: pm\nsummary: A role no config governs.\n'),
      );
      await rules.update('rules', { 'placeholder-text': 'off', 'missing-authority': 'error' }, vscode.ConfigurationTarget.Global);
      await open(vscode.Uri.joinPath(loose, 'loose.role.yaml'));
      const defaults = await status(
        '"no config: defaults" for a role outside any workspace',
        // (once it is read: until then, in a browser where the editor lists the files, "1 document so far")
        (view) => view.text.endsWith('no config: defaults') && view.detail.startsWith('1 document ·'),
      );
      assert.strictEqual(defaults.detail, '1 document · charters.rules: missing-authority error, placeholder-text off');
      assert.strictEqual(defaults.command, 'Create config…');

      // back to the examples: the config wins over the setting, and the item says so
      await open('roles/product-manager.role.yaml');
      const back = await status('the config again, with the settings it overrules', async (view) => {
        documents = await countDocuments();
        return view.text.endsWith('charters.config.yaml') && view.detail.startsWith(`${documents} documents · `) && view.detail.includes('not applied');
      });
      assert.strictEqual(back.detail, `${documents} documents · charters.rules not applied (the config wins): missing-authority, placeholder-text`);
      await screenshot('language-status');

      // its command opens the config
      await vscode.commands.executeCommand('charters.openConfig');
      await waitFor(
        'charters.config.yaml in the active editor',
        () => vscode.window.activeTextEditor?.document.uri.fsPath === fileUri('charters.config.yaml').fsPath,
      );
    } finally {
      await rules.update('rules', undefined, vscode.ConfigurationTarget.Global);
      await closeAllEditors();
      await remove(loose);
    }
  });

  test('2. a misspelt responsibility is flagged while typing (no save) and its quick fix clears it', async () => {
    const editor = await open('roles/product-manager.role.yaml');
    const document = editor.document;
    const uri = document.uri;
    const original = document.getText();
    const good = 'define-product-strategy';
    const typo = 'define-product-stratgy';
    const target = rangeOf(document, `  - ${good}`);
    const idRange = new vscode.Range(target.start.translate(0, 4), target.end);
    assert.ok(await editor.edit((edit) => edit.replace(idRange, typo)));
    assert.ok(document.isDirty, 'the edit is unsaved');

    const [diagnostic] = await waitFor('an unknown-responsibility diagnostic', () => {
      const found = diagnosticsOf(uri, 'unknown-responsibility');
      return found.length ? found : undefined;
    });
    assert.strictEqual(diagnosticsOf(uri, 'unknown-responsibility').length, 1, 'exactly one finding');
    assert.strictEqual(diagnostic.source, 'charters');
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.ok(typeof diagnostic.code === 'object', `code should carry the docs link: ${describe(diagnostic.code)}`);
    const code = diagnostic.code as { value: string | number; target: vscode.Uri };
    assert.strictEqual(code.value, 'unknown-responsibility');
    assert.match(code.target.toString(), DOCS_RULE_URL);
    assert.ok(
      diagnostic.range.isEqual(new vscode.Range(idRange.start, idRange.start.translate(0, typo.length))),
      `range ${describe(diagnostic.range)} should cover "${typo}" at ${describe(idRange)}`,
    );
    assert.match(diagnostic.message, new RegExp(`"${typo}".*Did you mean "${good}"`));

    // what the user sees: the squiggle in the editor and the finding in the Problems panel
    await vscode.window.showTextDocument(document, { preview: false });
    editor.revealRange(diagnostic.range, vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await sleep(1500);
    await screenshot('squiggle');
    // and it is the unsaved text that was checked: the stored file still has the right id
    assert.ok(document.isDirty, 'still unsaved');
    assert.strictEqual(await readText(uri), original);

    const actions = await codeActions(uri, diagnostic.range);
    const fix = actions.find((action) => action.title === `Change to "${good}"`);
    assert.ok(fix, `no "Change to" quick fix among: ${actions.map((a) => a.title).join(' | ')}`);
    // the nearest id is a suggestion: offered in the menu, never preferred, so Fix All leaves it
    assert.notStrictEqual(fix.isPreferred, true, 'a suggestion is never the preferred fix');
    assert.strictEqual(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
    await applyAction(fix);
    assert.strictEqual(document.getText(), original, 'the fix restores the original text');
    await waitFor('the diagnostic to disappear', () => diagnosticsOf(uri, 'unknown-responsibility').length === 0);
  });

  test('3. typing a role from scratch: completions, a squiggle and its fix, "Add all missing sections"', async function () {
    this.timeout(120_000);
    const uri = fileUri('roles/typed-role.role.yaml');
    await vscode.workspace.fs.writeFile(uri, new Uint8Array());
    try {
      const editor = await open(uri);
      const document = editor.document;
      assert.strictEqual(document.languageId, 'charters');

      // an empty file: what kind of document?
      // (the server's entries, with "… document" as detail: the snippets also start with "kind: …")
      const fromServer = (item: vscode.CompletionItem) => item.kind === vscode.CompletionItemKind.Property && /document$/.test(item.detail ?? '');
      const top = await completionsWhen(uri, new vscode.Position(0, 0), 'kind entries at the top', (items) =>
        items.some((item) => labelOf(item) === 'kind: role' && fromServer(item)),
      );
      const kinds = top
        .filter(fromServer)
        .map(labelOf)
        .filter((label) => label.startsWith('kind: '));
      for (const kind of KINDS) assert.ok(kinds.includes(`kind: ${kind}`), `kind: ${kind} missing from ${kinds.join(', ')}`);

      // level: the six levels of the taxonomy, with their titles
      await type(editor, 'kind: role\nid: typed-role\nlevel: ');
      const levels = (await completionsAt(uri, editor.selection.active)).filter((item) => item.kind === vscode.CompletionItemKind.EnumMember && item.detail);
      const levelLabels = levels.map(labelOf);
      for (const level of ['associate-pm', 'pm', 'senior-pm', 'group-pm', 'head-of-product', 'cpo']) {
        assert.ok(levelLabels.includes(level), `level ${level} missing from ${levelLabels.join(', ')}`);
      }
      assert.strictEqual(levels.find((item) => labelOf(item) === 'pm')?.detail, 'Product Manager');

      // a responsibility entry: the taxonomy, with titles as detail
      await type(editor, 'pm\nresponsibilities:\n  - ');
      const entryPosition = editor.selection.active;
      assert.deepStrictEqual([entryPosition.line, entryPosition.character], [4, 4]);
      const responsibilities = await completionsAt(uri, entryPosition);
      const backlog = responsibilities.find((item) => labelOf(item) === 'prioritize-backlog');
      assert.ok(backlog, `prioritize-backlog missing from ${responsibilities.map(labelOf).slice(0, 20).join(', ')}…`);
      assert.strictEqual(backlog.detail, 'Prioritise the backlog');
      const taxonomyItems = responsibilities.filter((item) => item.detail && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(labelOf(item)));
      assert.ok(taxonomyItems.length >= 50, `only ${taxonomyItems.length} taxonomy responsibilities offered`);
      assert.ok(
        responsibilities.some((item) => labelOf(item) === 'keep-checkout-compliant'),
        'the workspace taxonomy addition from charters.config.yaml is offered',
      );
      // inside a list, no whole document: neither the server's nor VS Code's contributed snippets
      const insertOf = (item: vscode.CompletionItem) => (typeof item.insertText === 'string' ? item.insertText : (item.insertText?.value ?? ''));
      const wholeDocuments = responsibilities.filter((item) => /^kind:/.test(insertOf(item)) || /^kind:/.test(labelOf(item)));
      assert.deepStrictEqual(wholeDocuments.map(labelOf), [], 'whole-document completions inside a list');
      assert.ok(
        responsibilities.some((item) => item.kind === vscode.CompletionItemKind.Snippet && labelOf(item) === 'responsibility'),
        'the item snippets are still offered there',
      );

      // the suggest widget as the user sees it
      editor.selection = new vscode.Selection(entryPosition, entryPosition);
      await vscode.commands.executeCommand('editor.action.triggerSuggest');
      await sleep(2000);
      await screenshot('completion');
      await vscode.commands.executeCommand('hideSuggestWidget');

      // accept prioritize-backlog: insert what the item inserts
      const insert = typeof backlog.insertText === 'string' ? backlog.insertText : (backlog.insertText?.value ?? labelOf(backlog));
      const replace = backlog.range instanceof vscode.Range ? backlog.range : (backlog.range?.replacing ?? new vscode.Range(entryPosition, entryPosition));
      assert.ok(await editor.edit((edit) => edit.replace(replace, insert)));
      assert.strictEqual(document.lineAt(4).text, '  - prioritize-backlog');

      // a misspelt one: squiggle, then its quick fix
      await type(editor, '\n  - define-product-stratgy\n');
      const [typo] = await waitFor('unknown-responsibility on the typed role', () => {
        const found = diagnosticsOf(uri, 'unknown-responsibility');
        return found.length ? found : undefined;
      });
      assert.ok(typo.range.isEqual(new vscode.Range(5, 4, 5, 4 + 'define-product-stratgy'.length)), `range ${describe(typo.range)}`);
      const fix = (await codeActions(uri, typo.range)).find((action) => action.title === 'Change to "define-product-strategy"');
      assert.ok(fix, 'a quick fix for the typo');
      await applyAction(fix);
      assert.strictEqual(document.lineAt(5).text, '  - define-product-strategy');
      await waitFor('the typo squiggle to go', () => diagnosticsOf(uri, 'unknown-responsibility').length === 0);

      // on the empty last line: the missing fields, required ones (title, summary) first
      const blank = new vscode.Position(6, 0);
      assert.strictEqual(document.lineAt(6).text, '');
      const fields = (await completionsAt(uri, blank))
        .filter((item) => item.kind === vscode.CompletionItemKind.Property)
        .sort((a, b) => (a.sortText ?? labelOf(a)).localeCompare(b.sortText ?? labelOf(b)));
      const fieldLabels = fields.map(labelOf);
      assert.deepStrictEqual(fieldLabels.slice(0, 2).sort(), ['summary', 'title'], `first fields: ${fieldLabels.join(', ')}`);
      for (const present of ['kind', 'id', 'level', 'responsibilities']) assert.ok(!fieldLabels.includes(present), `${present} is already there but offered`);
      assert.ok(fieldLabels.includes('skills'), 'optional fields follow');

      // "Add all N missing sections"
      const missing = await waitFor('missing-section diagnostics for title and summary', () => {
        const found = diagnosticsOf(uri, 'missing-section');
        return found.length === 2 ? found : undefined;
      });
      const actions = await codeActions(uri, missing[0].range);
      const addAll = actions.find((action) => /^Add all \d+ missing sections$/.test(action.title));
      assert.ok(addAll, `no "Add all" among: ${actions.map((a) => a.title).join(' | ')}`);
      // title and summary, and authority: a PM (rank 2) states the decisions it makes (missing-authority)
      assert.strictEqual(addAll.title, 'Add all 3 missing sections');
      await applyAction(addAll);
      const text = document.getText();
      assert.match(text, /^title: \S/m, text);
      assert.match(text, /^summary: \S/m, text);
      assert.match(text, /^authority:\n {2}- \S/m, text);
      await waitFor(
        'no missing-section diagnostics',
        () => diagnosticsOf(uri, 'missing-section').length === 0 && diagnosticsOf(uri, 'missing-authority').length === 0,
      );
      const syntax = diagnosticsOf(uri, 'yaml-syntax');
      assert.deepStrictEqual(
        syntax.map((d) => d.message),
        [],
        'the inserted sections are valid YAML',
      );
      assert.ok(document.isDirty, 'all of it happened without saving');
    } finally {
      await closeAllEditors();
      await remove(uri);
    }
  });

  test('4. hovering a responsibility id shows its title and description', async () => {
    const editor = await open('roles/product-manager.role.yaml');
    const position = positionOf(editor.document, '  - define-product-strategy', 8);
    const hovers = await waitFor('a hover', async () => {
      const found = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position);
      return found?.length ? found : undefined;
    });
    const text = hovers
      .flatMap((hover) => hover.contents)
      .map((content) => (typeof content === 'string' ? content : content.value))
      .join('\n');
    assert.match(text, /Define the product strategy/);
    assert.match(text, /where it should go, what it bets on/);

    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('editor.action.showHover');
    await sleep(1500);
    await screenshot('hover');
  });

  test('5a. renaming a role id updates the ladder and the roles that refer to it', async () => {
    const roleEditor = await open('roles/senior-pm.role.yaml');
    const position = positionOf(roleEditor.document, 'id: senior-pm', 'id: '.length + 2);
    const rename = async (at: vscode.Position, newName: string) => {
      const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', roleEditor.document.uri, at, newName);
      assert.ok(edit, 'a rename edit');
      return edit;
    };
    const edit = await rename(position, 'senior-product-manager');
    const byFile = new Map(edit.entries().map(([uri, edits]) => [path.relative(folder().fsPath, uri.fsPath).split(path.sep).join('/'), edits]));
    for (const file of ['roles/senior-pm.role.yaml', 'product-ladder.ladder.yaml', 'roles/product-manager.role.yaml', 'roles/staff-pm.role.yaml']) {
      assert.ok(byFile.has(file), `${file} not in the rename: ${[...byFile.keys()].join(', ')}`);
    }
    for (const [file, edits] of byFile) {
      for (const one of edits) assert.strictEqual(one.newText, 'senior-product-manager', `${file}: ${describe(one)}`);
    }
    assert.strictEqual(byFile.get('product-ladder.ladder.yaml')!.length, 1);
    assert.ok(!byFile.has('charters.config.yaml'), 'taxonomy levels named senior-pm are not role references');

    const ladderUri = fileUri('product-ladder.ladder.yaml');
    const touched = edit.entries().map(([uri]) => uri);
    try {
      assert.ok(await vscode.workspace.applyEdit(edit), 'the rename was not applied');
      const ladder = await vscode.workspace.openTextDocument(ladderUri);
      assert.match(ladder.getText(), /roles:\n {6}- associate-pm\n {6}- product-manager\n {6}- senior-product-manager\n/);
      const renamed = await vscode.workspace.openTextDocument(roleEditor.document.uri);
      assert.match(renamed.getText(), /^id: senior-product-manager$/m);
      assert.match(renamed.getText(), /^level: senior-pm$/m, 'the level is a taxonomy id, not the role id');
      const pm = await vscode.workspace.openTextDocument(fileUri('roles/product-manager.role.yaml'));
      assert.match(pm.getText(), /^next:\n {2}- senior-product-manager\n/m);
      // nothing refers to the old id any more: the ladder does not report an unresolved role (once
      // the server has seen every renamed document: on a loaded machine that can take a while)
      await waitFor('the ladder to report no unresolved role', () => diagnosticsOf(ladderUri, 'unresolved-reference').length === 0).catch(() => {
        assert.deepStrictEqual(
          diagnosticsOf(ladderUri, 'unresolved-reference').map((d) => d.message),
          [],
        );
      });
    } finally {
      // rename back, so the later tests (and the files on disk) see the examples as they were
      const renamed = await vscode.workspace.openTextDocument(roleEditor.document.uri);
      if (/^id: senior-product-manager$/m.test(renamed.getText())) {
        const back = await rename(positionOf(renamed, 'id: senior-product-manager', 'id: '.length + 2), 'senior-pm');
        assert.ok(await vscode.workspace.applyEdit(back));
      }
      for (const uri of touched) {
        const document = await vscode.workspace.openTextDocument(uri);
        assert.ok(!document.getText().includes('senior-product-manager'), `${uri.fsPath} still has the new name`);
        if (document.isDirty) await document.save();
      }
    }
  });

  test('5b. go to definition from reportsTo opens the role it names', async () => {
    const editor = await open('roles/product-manager.role.yaml');
    const position = positionOf(editor.document, 'reportsTo: group-pm', 'reportsTo: '.length + 3);
    const result = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider',
      editor.document.uri,
      position,
    );
    assert.strictEqual(result?.length, 1, describe(result));
    const [target] = result;
    const uri = 'targetUri' in target ? target.targetUri : target.uri;
    const range = 'targetUri' in target ? (target.targetSelectionRange ?? target.targetRange) : target.range;
    assert.strictEqual(uri.fsPath, fileUri('roles/group-pm.role.yaml').fsPath);
    const document = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(document.getText(range), 'group-pm');
    assert.match(document.lineAt(range.start.line).text, /^id: group-pm/);
  });

  test('6. "Open Preview to the Side" on the ladder opens a preview webview', async () => {
    const editor = await open('product-ladder.ladder.yaml');
    await vscode.commands.executeCommand('charters.openPreviewToSide');
    let labels: string[] = [];
    const tab = await waitFor(
      'a preview webview tab named after the document',
      () => {
        const previews = vscode.window.tabGroups.all
          .flatMap((group) => group.tabs)
          .filter((candidate) => candidate.input instanceof vscode.TabInputWebview && candidate.label.startsWith('Preview'));
        labels = previews.map((candidate) => candidate.label);
        // the panel is named as it opens; the editor may report the tab before its name (a web worker's messages take turns)
        return previews.find((candidate) => candidate.label === 'Preview product-ladder.ladder.yaml');
      },
      10_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; the preview tabs: ${describe(labels)}`);
    });
    assert.match((tab.input as vscode.TabInputWebview).viewType, /charters\.preview$/);
    assert.notStrictEqual(
      tab.group.viewColumn,
      vscode.window.tabGroups.all.find((group) =>
        group.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === editor.document.uri.toString()),
      )?.viewColumn,
      'beside the editor',
    );
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), editor.document.uri.toString(), 'the editor keeps the focus');
    await sleep(2500);
    await screenshot('preview');
    await vscode.window.tabGroups.close(tab);
  });

  test('7a. "New Vision" with an id creates <id>.vision.yaml and opens it', async () => {
    const id = 'vscode-test-vision';
    const uri = fileUri(`${id}.vision.yaml`);
    await remove(uri);
    try {
      const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('charters.newVision', id);
      assert.ok(created, 'the command returned no file');
      assert.strictEqual(created.fsPath, uri.fsPath);
      assert.ok(await exists(uri), `${uri.fsPath} was not written`);
      const active = vscode.window.activeTextEditor?.document;
      assert.strictEqual(active?.uri.fsPath, uri.fsPath, 'the new file is in the active editor');
      assert.strictEqual(active.languageId, 'charters');
      assert.match(active.getText(), /^kind: vision$/m);
      assert.match(active.getText(), new RegExp(`^id: ${id}$`, 'm'));
    } finally {
      await closeAllEditors();
      await remove(uri);
    }
  });

  test('7c. "New Role" in the Markdown form creates <id>.role.md, which stays Markdown and gets our findings', async () => {
    const id = 'vscode-test-markdown-role';
    const uri = fileUri(`${id}.role.md`);
    await remove(uri);
    try {
      const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('charters.newRole', id, 'markdown');
      assert.ok(created, 'the command returned no file');
      assert.strictEqual(created.fsPath, uri.fsPath);
      const active = vscode.window.activeTextEditor?.document;
      assert.strictEqual(active?.uri.fsPath, uri.fsPath, 'the new file is in the active editor');
      assert.strictEqual(active.languageId, 'markdown');
      assert.match(active.getText(), new RegExp(`^---\\nkind: role\\nid: ${id}\\n`));
      // the starter's TODO placeholders are flagged, as in a new YAML role
      await waitFor('the placeholders to be reported', () => diagnosticsOf(uri, 'placeholder-text').length > 0);
    } finally {
      await closeAllEditors();
      await remove(uri);
    }
  });

  test('7b. "Export Preview as HTML" writes a standalone page with the title, no script, no path of the machine', async () => {
    const editor = await open('product-ladder.ladder.yaml');
    const target = fileUri('vscode-test-export.html');
    const sibling = fileUri('senior-pm.role.html'); // the senior PM's own export, beside this one
    await remove(target);
    await vscode.workspace.fs.writeFile(sibling, utf8('<!DOCTYPE html><title>Senior PM</title>'));
    try {
      // the target as a path of the disk, as another extension would give it; a browser has no disk, so there its address
      const written = await vscode.commands.executeCommand<vscode.Uri | undefined>(
        'charters.exportHtml',
        editor.document.uri,
        extensionHost() === 'web' ? target : target.fsPath,
      );
      assert.ok(written, 'the command returned no file');
      assert.strictEqual(written.toString(), target.toString());
      const html = await readText(target);
      assert.match(html, /^<!doctype html>/i);
      assert.match(html, /Product Management Career Ladder/);
      assert.match(html, /Individual contributor/);
      assert.doesNotMatch(html, /<script/i);
      assert.match(html, /<a class="open" href="senior-pm\.role\.html">/, 'a relative link to the sibling export');
      const leaks = html.match(/.{0,60}(<button|data-uri="|file:|vscode-remote:).{0,60}/g);
      assert.strictEqual(leaks, null, `no dead buttons, no file URIs: ${leaks?.join('\n')}`);
      // the folder's path, and the name of the run's temporary folder it is in (which a resolved symbolic link keeps)
      const runFolder = path.basename(path.dirname(folder().path));
      for (const machinePath of [folder().fsPath, folder().path, runFolder]) assert.ok(!html.includes(machinePath), `the page contains ${machinePath}`);
    } finally {
      await remove(target);
      await remove(sibling);
    }
  });
  test('8. every contributed command is registered, and the preview opens only workspace files it is asked to', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string }[] } };
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const { command } of manifest.contributes.commands) assert.ok(registered.has(command), `${command} is not registered`);
    const inside = vscode.Uri.joinPath(folder(), 'roles', 'cpo.role.yaml').toString();
    assert.strictEqual(fileToOpen({ type: 'open', uri: inside })?.fsPath, vscode.Uri.parse(inside).fsPath);
    for (const message of [
      { type: 'open', uri: 'file:///etc/passwd' },
      { type: 'open', uri: vscode.Uri.joinPath(folder(), '..', 'outside.role.yaml').toString() },
      { type: 'open', uri: 'javascript:alert(1)' },
      { type: 'open', uri: 'command:workbench.action.terminal.new' },
      { type: 'run', uri: inside },
      { type: 'open', uri: 42 },
      null,
      'open',
    ]) {
      assert.strictEqual(fileToOpen(message), undefined, JSON.stringify(message));
    }
  });

  test('9. Fix All applies the safe fix and leaves misspelt ids and unresolved references to the user', async () => {
    const uri = fileUri('roles/vscode-fix-all.role.yaml');
    const text = [
      'kind: role',
      'id: vscode-fix-all',
      'title: Product Manager, Payments',
      'level: pm',
      'reportsTo: senior-pn',
      'authority:',
      '  - What the payments team builds next',
      'responsibilities:',
      '  - define-product-stratgy',
      '',
    ].join('\n');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    try {
      const editor = await open(uri);
      const document = editor.document;
      await waitFor(
        'the misspelt id, the unresolved reference and the missing summary to be reported',
        () =>
          diagnosticsOf(uri, 'unknown-responsibility').length === 1 &&
          diagnosticsOf(uri, 'unresolved-reference').length === 1 &&
          diagnosticsOf(uri, 'missing-section').length === 1,
      );
      // each still has its suggestion in the quick-fix menu
      const [reference] = diagnosticsOf(uri, 'unresolved-reference');
      const offered = (await codeActions(uri, reference.range)).find((action) => action.title === 'Change to "senior-pm"');
      assert.ok(offered, 'the nearest role is offered as a quick fix');
      assert.notStrictEqual(offered.isPreferred, true);

      // the editor's Fix All, as from the command palette
      await vscode.commands.executeCommand('editor.action.fixAll');
      await waitFor('Fix All to add the summary', () => /^summary: /m.test(document.getText()), 10_000);
      const fixed = document.getText();
      assert.strictEqual(fixed, text.replace('reportsTo: senior-pn\n', 'summary: "TODO: why this role exists"\nreportsTo: senior-pn\n'));
      assert.match(fixed, /^reportsTo: senior-pn$/m, 'the unresolved reference is unchanged');
      assert.match(fixed, /^ {2}- define-product-stratgy$/m, 'the misspelt taxonomy id is unchanged');
      await waitFor('the missing summary to be resolved', () => diagnosticsOf(uri, 'missing-section').length === 0);
      assert.strictEqual(diagnosticsOf(uri, 'unresolved-reference').length, 1, 'still reported, for the user to choose');
      assert.strictEqual(diagnosticsOf(uri, 'unknown-responsibility').length, 1, 'still reported, for the user to choose');
    } finally {
      await closeAllEditors();
      await remove(uri);
    }
  });

  test('10. "Create role" on an unresolved reference creates the role where the roles are, opens it, and the finding goes', async function () {
    this.timeout(120_000);
    const referrer = fileUri('roles/vscode-test-payments-pm.role.yaml');
    const created = fileUri('roles/vscode-test-payments-lead.role.yaml');
    await remove(created);
    const text = [
      'kind: role',
      'id: vscode-test-payments-pm',
      'title: Product Manager, Payments',
      'level: pm',
      'summary: Owns payments.',
      'reportsTo: vscode-test-payments-lead',
      'authority:',
      '  - Decides the order of the backlog',
      'responsibilities:',
      '  - prioritize-backlog',
      '',
    ].join('\n');
    await vscode.workspace.fs.writeFile(referrer, utf8(text));
    try {
      const editor = await open(referrer);
      const [finding] = await waitFor('unresolved-reference on reportsTo', () => {
        const found = diagnosticsOf(referrer, 'unresolved-reference');
        return found.length ? found : undefined;
      });
      assert.ok(finding.range.isEqual(rangeOf(editor.document, 'vscode-test-payments-lead')), `range ${describe(finding.range)}`);
      const actions = await codeActions(referrer, finding.range);
      const create = actions.find((action) => action.title.startsWith('Create role "vscode-test-payments-lead"'));
      assert.ok(create, `no "Create role" among: ${actions.map((a) => a.title).join(' | ')}`);
      // roles/ holds the workspace's roles: the new one goes there, beside the referring role
      assert.strictEqual(create.title, 'Create role "vscode-test-payments-lead" (vscode-test-payments-lead.role.yaml)');
      assert.ok(!create.isPreferred, 'a suggestion, never applied by "Fix all"');

      // what VS Code does with the chosen action: apply its edit, then run its command
      await applyAction(create);
      assert.ok(create.command, 'the action opens what it created');
      await vscode.commands.executeCommand(create.command.command, ...(create.command.arguments ?? []));
      const shown = await waitFor('the new role in the active editor', () => {
        const active = vscode.window.activeTextEditor?.document;
        return active?.uri.fsPath === created.fsPath ? active : undefined;
      });
      assert.ok(await exists(created), 'the file was created');
      assert.strictEqual(shown.languageId, 'charters');
      assert.match(shown.getText(), /^kind: role\nid: vscode-test-payments-lead\ntitle: Vscode Test Payments Lead\nstatus: draft\n/);
      await waitFor('the unresolved reference to go', () => diagnosticsOf(referrer, 'unresolved-reference').length === 0);
      // nothing left to create: the file is there
      const again = await codeActions(referrer, finding.range);
      assert.ok(!again.some((action) => action.title.startsWith('Create ')), again.map((a) => a.title).join(' | '));
    } finally {
      await closeAllEditors();
      await remove(referrer);
      await remove(created);
    }
  });
  test('11. "Open the Organisation Site" builds the site of the workspace, unsaved edits included, and opens its index; in a browser it says what to run instead', async () => {
    assert.strictEqual(siteToOpen({ type: 'openSite', role: 'senior-pm' }), 'senior-pm');
    assert.strictEqual(siteToOpen({ type: 'openSite' }), '');
    assert.strictEqual(siteToOpen({ type: 'open', uri: 'x' }), undefined);
    const editor = await open('roles/senior-pm.role.yaml');
    if (extensionHost() === 'web') {
      // no disk to write the site to, no web browser to open it in: the user is told what to run
      const opened = await vscode.commands.executeCommand<vscode.Uri | undefined>('charters.openSite');
      assert.strictEqual(opened, undefined, 'nothing is opened in a browser');
      const said = await waitFor(
        'the notification that the site is not available in the browser',
        async () => {
          const shot = await screenshot('11-open-site-browser');
          assert.ok(shot, 'no runner answers for the notifications on screen');
          return shot.notifications.find((text) => text.includes('the organisation site is not available in the browser'));
        },
        15_000,
      );
      assert.match(said, /npx charters site DIR -o site/);
      return;
    }
    // an unsaved edit: the site shows what the editor shows
    const title = rangeOf(editor.document, 'title: Senior Product Manager');
    assert.ok(await editor.edit((edit) => edit.replace(title, 'title: Senior Product Manager, Payments')), 'could not edit the title');
    const opened = await vscode.commands.executeCommand<vscode.Uri | undefined>('charters.openSite');
    assert.ok(opened, 'the command opened nothing');
    assert.strictEqual(opened.scheme, 'file');
    assert.strictEqual(path.basename(opened.path), 'index.html');
    const site = vscode.Uri.joinPath(opened.with({ fragment: '' }), '..');
    assert.ok(!site.fsPath.startsWith(folder().fsPath), 'the site is built outside the workspace');
    const index = await readText(opened);
    assert.match(index, /<h1>[^<]+<\/h1>/);
    assert.match(index, /Product Management Career Ladder/);
    for (const page of ['org-chart.html', 'responsibilities.html', 'style.css', 'ladders/product-ladder.html', 'roles/cpo.html']) {
      assert.ok(await exists(vscode.Uri.joinPath(site, page)), `${page} was not written`);
    }
    assert.match(
      await readText(vscode.Uri.joinPath(site, 'roles', 'senior-pm.html')),
      /<h1>Senior Product Manager, Payments<\/h1>/,
      'the unsaved title is on the role page',
    );
    await screenshot('11-open-site');

    // the preview's link: the org chart, at the role's box
    const chart = await vscode.commands.executeCommand<vscode.Uri | undefined>('charters.openSite', editor.document.uri, 'org-chart', 'senior-pm');
    assert.ok(chart, 'the org chart was not opened');
    assert.strictEqual(chart.fsPath, vscode.Uri.joinPath(site, 'org-chart.html').fsPath);
    assert.strictEqual(chart.fragment, 'role-senior-pm');
    assert.match(await readText(chart.with({ fragment: '' })), /id="role-senior-pm"/);
  });
  test('12. a Markdown charter stays Markdown, gets our findings and hover, and its missing-section fix adds the heading', async function () {
    this.timeout(120_000);
    const uri = fileUri('vscode-test-refunds.charter.md');
    const text = [
      '---',
      'kind: charter',
      'id: vscode-test-refunds',
      'title: Refunds Team Charter',
      'team:',
      '  - role: product-manager',
      'decisionRights:',
      '  - decision: Which refund methods to offer',
      '    owner: product-manager',
      'successMetrics:',
      '  - metric: Refunds paid within a day',
      '    target: "95%"',
      '---',
      '',
      '## Mission',
      '',
      'Shoppers get their money back without asking twice.',
      '',
      '## In scope',
      '',
      '- Refund requests',
      '',
      '## How we work',
      '',
      'We pair on every change to the ledger.',
      '',
    ].join('\n');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    try {
      const editor = await open(uri);
      const document = editor.document;
      // VS Code's own Markdown language: its highlighting and its preview stay the user's
      assert.strictEqual(document.languageId, 'markdown');
      const [missing] = await waitFor('the missing "Out of scope" section to be reported', () => {
        const found = diagnosticsOf(uri, 'missing-section');
        return found.length === 1 && found;
      });
      assert.strictEqual(missing.range.start.line, 1, 'on the kind: line');
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        uri,
        positionOf(document, 'role: product-manager', 'role: '.length + 2),
      );
      const said = hovers.flatMap((hover) => hover.contents.map((part) => (typeof part === 'string' ? part : part.value))).join('\n');
      assert.match(said, /Product Manager/, said);
      const fix = (await codeActions(uri, missing.range)).find((action) => action.title.startsWith('Add'));
      assert.ok(fix, 'the missing section has a quick fix');
      await applyAction(fix);
      await waitFor('the heading to appear after "In scope"', () =>
        document.getText().includes('- Refund requests\n\n## Out of scope\n\n- TODO: what the team does not own\n\n## How we work'),
      );
      editor.revealRange(new vscode.Range(18, 0, 30, 0));
      await waitFor('the finding to go', () => diagnosticsOf(uri, 'missing-section').length === 0);
      await screenshot('markdown-section-fix');
      const commands = await vscode.commands.getCommands(true);
      assert.ok(commands.includes('markdown.showPreview'), "VS Code's Markdown preview is still there for the file");
    } finally {
      await closeAllEditors();
      await remove(uri);
    }
  });

  test('13. deleted documents leave the count and the references, also while VS Code still holds them open; folders deleted or renamed as a whole too', async function () {
    this.timeout(120_000);
    const extension = vscode.extensions.getExtension<{ languageStatus(): Promise<{ text: string; detail: string }> }>(EXTENSION_ID)!;
    let last: unknown;
    const counted = (what: string, expected: () => Promise<number>) =>
      waitFor(what, async () => {
        const view = await extension.exports.languageStatus();
        last = view;
        return view.detail === `${await expected()} documents` ? view : false;
      }).catch(async (error: Error) => {
        // what VS Code still holds open of files deleted since (it closes such a document minutes after its editor)
        const held: string[] = [];
        for (const document of vscode.workspace.textDocuments) {
          if (document.uri.scheme === folder().scheme && !(await exists(document.uri))) held.push(path.basename(document.uri.path));
        }
        throw new Error(`${error.message}; the item shows ${describe(last)}; held open, deleted: ${held.join(', ')}`);
      });
    const root = folder();
    const onDisk = async () => (await documentsIn(root)).length;

    // the tests before created, opened, closed and deleted their own documents: the count is the disk's
    await open('roles/product-manager.role.yaml');
    await counted('the count of the documents on disk after the tests that deleted theirs', onDisk);

    // a folder of roles, its lead opened and closed (VS Code keeps the document), and a role that reports to it
    const team = fileUri('vscode-test-team');
    const renamed = fileUri('vscode-test-crew');
    const referrer = fileUri('roles/vscode-test-member.role.yaml');
    const role = (id: string, more = '') =>
      `kind: role\nid: ${id}\ntitle: ${id}\nlevel: senior-pm\nsummary: Owns an area.\nauthority:\n  - Decides the roadmap\nresponsibilities:\n  - prioritize-backlog\n${more}`;
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(team, 'vscode-test-lead.role.yaml'), utf8(role('vscode-test-lead')));
    await vscode.workspace.fs.writeFile(referrer, utf8(role('vscode-test-member', 'reportsTo: vscode-test-lead\n')));
    try {
      await open(vscode.Uri.joinPath(team, 'vscode-test-lead.role.yaml'));
      await closeAllEditors();
      await open(referrer);
      await counted('the new folder and role counted', onDisk);
      assert.deepStrictEqual(diagnosticsOf(referrer, 'unresolved-reference'), [], 'the lead is found');

      // renamed as a whole: the role is found under its new name, and the old name is no longer counted
      await vscode.workspace.fs.rename(team, renamed);
      await counted('the renamed folder counted once', onDisk);
      await sleep(500);
      assert.deepStrictEqual(
        diagnosticsOf(referrer, 'unresolved-reference').map((d) => d.message),
        [],
        'the lead is still found',
      );

      // deleted as a whole: the lead is gone, and the role that reports to it says so
      await vscode.workspace.fs.delete(renamed, { recursive: true });
      await waitFor('unresolved-reference on reportsTo once the folder is deleted', () => diagnosticsOf(referrer, 'unresolved-reference').length === 1);
      await counted('the deleted folder no longer counted', onDisk);
    } finally {
      await closeAllEditors();
      await remove(referrer);
      await remove(team);
      await remove(renamed);
    }
  });
});

// Data-driven rule tests: every fixture document carries `# expect: <rule>` markers on the lines
// where findings start; the findings must match the markers exactly, in both directions.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { matchDocumentFileName } from '../../server/src/service/kinds';
import { RULES } from '../../server/src/service/rules';
import { applyEdits } from '../../server/src/service/edits';
import type { DiagnosticData } from '../../server/src/service/types';
import { REPO_ROOT, actualMarkers, expectedMarkers, lintFile, lintText, loadWorkspace, parseFile, service, uriOf } from './harness';

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'rules');
const ruleFolders = fs.existsSync(FIXTURES) ? fs.readdirSync(FIXTURES).sort() : [];

test('every rule of the model has a fixture folder', () => {
  assert.deepEqual(ruleFolders, RULES.map((rule) => rule.id).sort());
});

for (const ruleId of ruleFolders) {
  describe(`rule ${ruleId}`, () => {
    const dir = path.join(FIXTURES, ruleId);
    const workspace = loadWorkspace(dir);
    let fired = 0;
    for (const file of workspace.files) {
      test(`${path.basename(file)}: findings match the markers`, () => {
        const text = fs.readFileSync(file, 'utf8');
        const diagnostics = lintFile(workspace, file);
        fired += diagnostics.filter((diagnostic) => diagnostic.code === ruleId).length;
        assert.deepEqual(actualMarkers(diagnostics), expectedMarkers(text), diagnostics.map((d) => `${d.range.start.line + 1}: ${d.message}`).join('\n'));
      });
    }
    test(`${ruleId} fires somewhere in its fixtures`, () => assert.ok(fired > 0, `no fixture makes ${ruleId} fire`));

    for (const fixed of fs.readdirSync(dir).filter((name) => /\.fixed\.(?:yaml|md)$/.test(name))) {
      // `fix.fixed.yaml` is what `fix.role.yaml` (or whichever kind) becomes; `fix.fixed.md`, what `fix.role.md` becomes
      const stem = fixed.replace(/\.fixed\.(?:yaml|md)$/, '');
      const format = fixed.endsWith('.md') ? 'markdown' : 'yaml';
      const original = workspace.files.find((file) => matchDocumentFileName(file)?.stem === stem && matchDocumentFileName(file)?.form.format === format)!;
      test(`${fixed}: --fix turns ${path.basename(original)} into it`, () => {
        const result = service.fixAll(uriOf(original), fs.readFileSync(original, 'utf8'), workspace.index, workspace.settings);
        const expected = fs.readFileSync(path.join(dir, fixed), 'utf8');
        // markers say what is reported, so they differ before and after the fix: compare the rest
        assert.equal(withoutMarkers(result.text), withoutMarkers(expected));
        assert.deepEqual(actualMarkers(lintText(workspace, original, result.text)), expectedMarkers(expected));
        const again = service.fixAll(uriOf(original), result.text, workspace.index, workspace.settings);
        assert.equal(again.text, result.text, 'a second --fix changes nothing');
      });
    }

    for (const suggested of fs.readdirSync(dir).filter((name) => name.endsWith('.suggested.yaml'))) {
      // `fix.suggested.yaml` is what `fix.role.yaml` becomes when each finding's first quick fix,
      // safe or a suggestion, is accepted: what a person choosing from the menu gets
      const stem = suggested.replace(/\.suggested\.yaml$/, '');
      const original = workspace.files.find((file) => path.basename(file).replace(/\.[a-z]+\.ya?ml$/, '') === stem)!;
      test(`${suggested}: accepting the quick fixes turns ${path.basename(original)} into it`, () => {
        const text = fs.readFileSync(original, 'utf8');
        const diagnostics = lintText(workspace, original, text);
        const edits = diagnostics.flatMap((diagnostic) => (diagnostic.data as DiagnosticData).fixes[0]?.edits ?? []);
        const result = applyEdits(TextDocument.create(uriOf(original), 'yaml', 1, text), edits);
        const expected = fs.readFileSync(path.join(dir, suggested), 'utf8');
        assert.equal(withoutMarkers(result), withoutMarkers(expected));
        assert.deepEqual(actualMarkers(lintText(workspace, original, result)), expectedMarkers(expected));
      });
    }
  });
}

/** Each offered fix, applied alone: the text parses, the finding is gone, nothing else moved. */
describe('every quick fix in the fixtures', () => {
  for (const ruleId of ruleFolders) {
    const dir = path.join(FIXTURES, ruleId);
    const workspace = loadWorkspace(dir);
    for (const file of workspace.files) {
      const text = fs.readFileSync(file, 'utf8');
      const diagnostics = lintFile(workspace, file);
      diagnostics.forEach((diagnostic) => {
        for (const fix of (diagnostic.data as DiagnosticData).fixes) {
          test(`${ruleId}/${path.basename(file)}:${diagnostic.range.start.line + 1} "${fix.title}"`, () => {
            const textDocument = TextDocument.create(uriOf(file), 'yaml', 1, text);
            const fixedText = applyEdits(textDocument, fix.edits);
            const before = parseFile(file, text).yaml.errors.length;
            assert.ok(parseFile(file, fixedText).yaml.errors.length <= before, `the fix leaves broken YAML:\n${fixedText}`);
            const after = lintText(workspace, file, fixedText).filter((other) => other.code === diagnostic.code).length;
            const was = diagnostics.filter((other) => other.code === diagnostic.code).length;
            assert.ok(after < was, `${diagnostic.code} still reported ${after} times (was ${was})`);
            assertKeepsUntouchedLines(
              text,
              fixedText,
              fix.edits.map((edit) => [edit.range.start.line, edit.range.end.line]),
            );
          });
        }
      });
    }
  }
});

/** Every line outside the edited spans is still there, in order: comments and formatting survive. */
function assertKeepsUntouchedLines(before: string, after: string, spans: [number, number][]): void {
  const kept = before.split('\n').filter((_line, index) => !spans.some(([start, end]) => index >= start && index <= end));
  const lines = after.split('\n');
  let cursor = 0;
  for (const line of kept) {
    const found = lines.indexOf(line, cursor);
    assert.ok(found !== -1, `line lost or changed by the fix: ${JSON.stringify(line)}\n--- after ---\n${after}`);
    cursor = found + 1;
  }
}

describe('examples', () => {
  test('the example workspace lints clean', () => {
    const dir = path.join(REPO_ROOT, 'examples');
    const workspace = loadWorkspace(dir);
    assert.ok(workspace.files.length >= 10, `only ${workspace.files.length} example documents`);
    const findings = workspace.files.flatMap((file) =>
      lintFile(workspace, file).map((d) => `${path.relative(dir, file)}:${d.range.start.line + 1} ${d.code} ${d.message}`),
    );
    assert.deepEqual(findings, []);
  });

  test('examples/broken: every rule fires, each where its marker says', () => {
    const workspace = loadWorkspace(path.join(REPO_ROOT, 'examples', 'broken'));
    const seen = new Set<string>();
    for (const file of workspace.files) {
      const diagnostics = lintFile(workspace, file);
      diagnostics.forEach((diagnostic) => seen.add(diagnostic.code));
      assert.deepEqual(actualMarkers(diagnostics), expectedMarkers(fs.readFileSync(file, 'utf8')), path.basename(file));
    }
    assert.deepEqual([...seen].sort(), RULES.map((rule) => rule.id).sort());
  });
});

function withoutMarkers(text: string): string {
  return text.replace(/[ \t]+# expect:[a-z, -]*$/gm, '').replace(/[ \t]*<!-- expect:[a-z, -]*-->$/gm, '');
}

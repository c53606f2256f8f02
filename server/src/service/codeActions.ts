import { CodeActionKind, type CodeAction, type Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { FIX_ALL_KIND, SHOW_RULE_DOCS_COMMAND } from '../protocol';
import { addAllMissingSections, safeFixes } from './fixes';
import type { ParsedDocument } from './parse';
import type { Schemas } from './schemas';
import type { ChartersDiagnostic, DiagnosticData, TextEdit } from './types';

/**
 * Code actions for a range: each finding's own fixes, "add all missing sections", silencing
 * comments and a link to the rule's page; or, when asked for `source.fixAll`, every safe fix at once.
 */
export function getCodeActions(
  parsed: ParsedDocument,
  diagnostics: ChartersDiagnostic[],
  range: Range,
  only: string[] | undefined,
  schemas: Schemas,
): CodeAction[] {
  const uri = parsed.textDocument.uri;
  const wants = (kind: string) => !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
  const actions: CodeAction[] = [];
  if (wants(FIX_ALL_KIND)) {
    const edits = safeFixes(parsed, diagnostics).flat();
    if (edits.length) actions.push({ title: 'Fix all auto-fixable Product Charters problems', kind: FIX_ALL_KIND, edit: { changes: { [uri]: edits } } });
  }
  if (!wants(CodeActionKind.QuickFix)) return actions;
  const touched = diagnostics.filter((diagnostic) => intersects(diagnostic.range, range));
  for (const diagnostic of touched) {
    for (const fix of (diagnostic.data as DiagnosticData).fixes) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.isPreferred,
        edit: { changes: { [uri]: fix.edits } },
      });
    }
  }
  if (touched.some((diagnostic) => (diagnostic.data as DiagnosticData).section)) {
    const all = addAllMissingSections(parsed, diagnostics, schemas);
    if (all) {
      const sections = diagnostics.filter((diagnostic) => (diagnostic.data as DiagnosticData).section);
      actions.push({ title: all.title, kind: CodeActionKind.QuickFix, diagnostics: sections, edit: { changes: { [uri]: all.edits } } });
    }
  }
  const rules = [...new Set(touched.map((diagnostic) => diagnostic.code))];
  for (const rule of rules) {
    const first = touched.find((diagnostic) => diagnostic.code === rule)!;
    actions.push({
      title: `Silence ${rule} on this line`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [first],
      edit: { changes: { [uri]: [disableNextLine(parsed.textDocument, first.range.start.line, rule)] } },
    });
    actions.push({
      title: `Silence ${rule} in this file`,
      kind: CodeActionKind.QuickFix,
      diagnostics: touched.filter((diagnostic) => diagnostic.code === rule),
      edit: { changes: { [uri]: [disableFile(parsed.textDocument, rule)] } },
    });
    actions.push({
      title: `Learn more about ${rule}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [first],
      command: { title: `Learn more about ${rule}`, command: SHOW_RULE_DOCS_COMMAND, arguments: [rule] },
    });
  }
  return actions;
}

function disableNextLine(textDocument: TextDocument, line: number, rule: string): TextEdit {
  const text = textDocument.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const indent = /^[ \t]*/.exec(text)?.[0] ?? '';
  const eol = textDocument.getText().includes('\r\n') ? '\r\n' : '\n';
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}# charters-disable-next-line ${rule}${eol}` };
}

function disableFile(textDocument: TextDocument, rule: string): TextEdit {
  const eol = textDocument.getText().includes('\r\n') ? '\r\n' : '\n';
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `# charters-disable-file ${rule}${eol}` };
}

function intersects(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character <= q.character);
  return before(a.start, b.end) && before(b.start, a.end);
}

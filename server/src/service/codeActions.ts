import { CodeActionKind, type CodeAction, type Range } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FIX_ALL_KIND, SHOW_RULE_DOCS_COMMAND } from '../protocol';
import { createDocumentAction, type CreateDocumentContext } from './createDocument';
import { applyEdits } from './edits';
import { addAllMissingSections, safeFixes } from './fixes';
import { readDirectives, type DirectiveForm, type ParsedDocument } from './parse';
import type { Schemas } from './schemas';
import type { ChartersDiagnostic, DiagnosticData, TextEdit } from './types';

/**
 * Code actions for a range: each finding's own fixes, "create the missing document" (given the
 * workspace), "add all missing sections", silencing comments and a link to the rule's page; or,
 * when asked for `source.fixAll`, every safe fix at once.
 */
export function getCodeActions(
  parsed: ParsedDocument,
  diagnostics: ChartersDiagnostic[],
  range: Range,
  only: string[] | undefined,
  schemas: Schemas,
  workspace?: CreateDocumentContext,
): CodeAction[] {
  const uri = parsed.textDocument.uri;
  const wants = (kind: string) => !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
  const actions: CodeAction[] = [];
  if (wants(FIX_ALL_KIND)) {
    const edits = safeFixes(parsed, diagnostics).flatMap((choice) => choice.fix.edits);
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
    const create = workspace && createDocumentAction(uri, diagnostic, workspace);
    if (create) actions.push(create);
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
    const nextLine = disableNextLine(parsed, first.range.start.line, rule);
    if (nextLine) {
      actions.push({
        title: `Silence ${rule} on this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [first],
        edit: { changes: { [uri]: [nextLine] } },
      });
    }
    const file = disableFile(parsed.textDocument, rule);
    if (file) {
      actions.push({
        title: `Silence ${rule} in this file`,
        kind: CodeActionKind.QuickFix,
        diagnostics: touched.filter((diagnostic) => diagnostic.code === rule),
        edit: { changes: { [uri]: [file] } },
      });
    }
    actions.push({
      title: `Learn more about ${rule}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [first],
      command: { title: `Learn more about ${rule}`, command: SHOW_RULE_DOCS_COMMAND, arguments: [rule] },
    });
  }
  return actions;
}

/**
 * The rule added to the disable comment for `line` that is already there (a second comment line
 * would leave the first one pointing at it), or a comment line above `line`; none where that line
 * starts inside a multi-line scalar.
 */
function disableNextLine(parsed: ParsedDocument, line: number, rule: string): TextEdit | undefined {
  const textDocument = parsed.textDocument;
  const above = parsed.directives.comments.find((comment) => comment.form === 'disable-next-line' && comment.line === line - 1 && comment.tokens.length > 0);
  if (above) {
    const [first, second] = above.tokens;
    const spaced =
      second && !textDocument.getText({ start: { line: above.line, character: first.end }, end: { line: above.line, character: second.start } }).includes(',');
    const at = { line: above.line, character: above.tokens[above.tokens.length - 1].end };
    return { range: { start: at, end: at }, newText: `${spaced ? ' ' : ', '}${rule}` };
  }
  const text = textDocument.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const indent = /^\ufeff?([ \t]*)/.exec(text)?.[1] ?? '';
  const at = { line, character: afterByteOrderMark(textDocument, line) };
  const edit = { range: { start: at, end: at }, newText: `${indent}# charters-disable-next-line ${rule}${eolOf(textDocument)}` };
  return readsAsDirective(textDocument, edit, 'disable-next-line', rule) ? edit : undefined;
}

function disableFile(textDocument: TextDocument, rule: string): TextEdit | undefined {
  const at = { line: 0, character: afterByteOrderMark(textDocument, 0) };
  const edit = { range: { start: at, end: at }, newText: `# charters-disable-file ${rule}${eolOf(textDocument)}` };
  return readsAsDirective(textDocument, edit, 'disable-file', rule) ? edit : undefined;
}

function eolOf(textDocument: TextDocument): string {
  return textDocument.getText().includes('\r\n') ? '\r\n' : '\n';
}

/** A byte-order mark stays the first character of the text. */
function afterByteOrderMark(textDocument: TextDocument, line: number): number {
  return line === 0 && textDocument.getText().charCodeAt(0) === 0xfeff ? 1 : 0;
}

/** Whether the inserted line is read back as that disable comment: a real YAML comment, not text of a scalar. */
function readsAsDirective(textDocument: TextDocument, edit: TextEdit, form: DirectiveForm, rule: string): boolean {
  const after = TextDocument.create(textDocument.uri, textDocument.languageId, textDocument.version, applyEdits(textDocument, [edit]));
  return readDirectives(after).comments.some(
    (comment) => comment.line === edit.range.start.line && comment.form === form && comment.tokens.length === 1 && comment.tokens[0].text === rule,
  );
}

function intersects(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character <= q.character);
  return before(a.start, b.end) && before(b.start, a.end);
}

import type { TextDocument } from 'vscode-languageserver-textdocument';
import { insertFields, applyEdits } from './edits';
import type { ParsedDocument } from './parse';
import type { Schemas } from './schemas';
import type { ChartersDiagnostic, DiagnosticData, Fix, TextEdit } from './types';

/**
 * "Add all missing sections": one fix that inserts every missing field of the document, grouped
 * by the mapping they belong to, so the placeholders land in schema order in one edit per spot.
 */
export function addAllMissingSections(parsed: ParsedDocument, diagnostics: ChartersDiagnostic[], schemas: Schemas): Fix | undefined {
  const kind = parsed.kind;
  if (!kind) return undefined;
  const byParent = new Map<string, { parentPath: (string | number)[]; keys: string[] }>();
  const sections = diagnostics.map((diagnostic) => (diagnostic.data as DiagnosticData | undefined)?.section);
  for (const section of sections) {
    if (!section) continue;
    const id = JSON.stringify(section.parentPath);
    const entry = byParent.get(id) ?? { parentPath: section.parentPath, keys: [] as string[] };
    if (!entry.keys.includes(section.key)) entry.keys.push(section.key);
    byParent.set(id, entry);
  }
  const edits: TextEdit[] = [];
  let count = 0;
  for (const { parentPath, keys } of byParent.values()) {
    const parentSchema = schemas.at(kind, parentPath, parsed.value);
    const order = Object.keys(parentSchema?.properties ?? {});
    const fields = keys
      .map((key) => ({ key, value: schemas.resolve(parentSchema?.properties?.[key])?.['x-placeholder'] }))
      .filter((field) => field.value !== undefined)
      .sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
    const inserts = insertFields(parsed, parentPath, fields, order);
    if (inserts.length === 0) continue; // nowhere to put them (a flow mapping, broken YAML): no empty promise
    count += fields.length;
    edits.push(...inserts);
  }
  if (count < 2) return undefined;
  return { title: `Add all ${count} missing sections`, edits };
}

/**
 * Every preferred fix that does not overlap an earlier one, each as its group of edits: what
 * `--fix` and `source.fixAll` apply in one pass.
 */
export function fixAllEdits(textDocument: TextDocument, diagnostics: ChartersDiagnostic[]): TextEdit[][] {
  const chosen: { start: number; end: number; edits: TextEdit[] }[] = [];
  for (const diagnostic of diagnostics) {
    const fix = (diagnostic.data as DiagnosticData | undefined)?.fixes?.find((candidate) => candidate.isPreferred);
    if (!fix || fix.edits.length === 0) continue;
    const offsets = fix.edits.map((edit) => [textDocument.offsetAt(edit.range.start), textDocument.offsetAt(edit.range.end)]);
    const start = Math.min(...offsets.map(([from]) => from));
    const end = Math.max(...offsets.map(([, to]) => to));
    const clashes = chosen.some((other) => start < other.end && other.start < end || (start === end && start === other.start));
    if (clashes) continue;
    chosen.push({ start, end, edits: fix.edits });
  }
  return chosen.map((item) => item.edits);
}

export { applyEdits };

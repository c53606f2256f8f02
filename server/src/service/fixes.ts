import { TextDocument } from 'vscode-languageserver-textdocument';
import { insertFields, applyEdits } from './edits';
import { parse, type ParsedDocument } from './parse';
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
 * Every preferred fix that does not overlap an earlier one, each as its group of edits: the
 * candidates of one fix-all pass.
 */
function preferredFixes(textDocument: TextDocument, diagnostics: ChartersDiagnostic[]): TextEdit[][] {
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

/**
 * One fix-all pass, what `source.fixAll` offers: the preferred fixes that, applied together, still
 * leave valid YAML, each as its group of edits over `parsed`. Clashing ones wait for the next pass.
 */
export function safeFixes(parsed: ParsedDocument, diagnostics: ChartersDiagnostic[]): TextEdit[][] {
  const textDocument = parsed.textDocument;
  const errorsBefore = parsed.yaml.errors.length;
  const keepsYaml = (edits: TextEdit[]) =>
    parse(TextDocument.create(textDocument.uri, 'yaml', textDocument.version, applyEdits(textDocument, edits))).yaml.errors.length <= errorsBefore;
  const groups = preferredFixes(textDocument, diagnostics);
  // usually they all fit together: one parse, not one per fix (thousands of fixes made this hang)
  if (groups.length === 0 || keepsYaml(groups.flat())) return groups;
  // fixes that are right alone can clash together (a rename and an insert of the same key): each
  // is tried with those chosen before it, a bounded number per pass (each try parses the whole text)
  const chosen: TextEdit[][] = [];
  for (const group of groups.slice(0, MAX_TRIALS)) {
    if (keepsYaml([...chosen.flat(), ...group])) chosen.push(group);
  }
  return chosen;
}

/** Fixes tried one by one per pass when they clash together; the rest wait for the next pass. */
const MAX_TRIALS = 50;

/**
 * `--fix`: safe passes over the text, each re-checked with `check`, until none is left (at most
 * `passes` rounds). Returns the new text and how many fixes went in.
 */
export function fixAll(uri: string, text: string, check: (parsed: ParsedDocument) => ChartersDiagnostic[], passes: number): { text: string; applied: number } {
  let current = text;
  let applied = 0;
  for (let pass = 0; pass < passes; pass++) {
    const parsed = parse(TextDocument.create(uri, 'yaml', pass, current));
    const groups = safeFixes(parsed, check(parsed));
    if (groups.length === 0) break;
    const next = applyEdits(parsed.textDocument, groups.flat());
    if (next === current) break;
    current = next;
    applied += groups.length;
  }
  return { text: current, applied };
}

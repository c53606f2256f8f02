import { TextDocument } from 'vscode-languageserver-textdocument';
import { insertFields, applyEdits } from './edits';
import { parse, type ParsedDocument } from './parse';
import { findPlaceholder } from './rules/placeholderText';
import { isRecord, type Schemas } from './schemas';
import type { ChartersDiagnostic, DiagnosticData, Fix, FixSafety, TextEdit } from './types';

/** An id placeholder (`todo-role`): it points at nothing, so it is reported until replaced. */
const PLACEHOLDER_ID = /^todo(-[a-z0-9]+)+$/;

/**
 * Whether an inserted value visibly is a placeholder (one of its texts is one that placeholder-text
 * reports, or an id that resolves to nothing), so it cannot pass review unnoticed.
 */
export function holdsPlaceholder(value: unknown): boolean {
  if (typeof value === 'string') return findPlaceholder(value) !== undefined || PLACEHOLDER_ID.test(value);
  if (Array.isArray(value)) return value.some(holdsPlaceholder);
  if (isRecord(value)) return Object.values(value).some(holdsPlaceholder);
  return false;
}

/** Adding fields is safe when each brings a visible placeholder; a plausible value (`level: pm`) is a guess. */
export function insertionSafety(values: unknown[]): FixSafety {
  return values.length > 0 && values.every(holdsPlaceholder) ? 'safe' : 'suggestion';
}

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
  const values: unknown[] = [];
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
    values.push(...fields.map((field) => field.value));
    edits.push(...inserts);
  }
  if (count < 2) return undefined;
  return { title: `Add all ${count} missing sections`, edits, safety: insertionSafety(values) };
}

/** A fix that fix-all applies, with the finding it repairs. */
export interface FixAllChoice {
  diagnostic: ChartersDiagnostic;
  fix: Fix;
}

/**
 * Every preferred safe fix that does not overlap an earlier one: what `--fix` and
 * `source.fixAll` apply in one pass. Suggestions wait for a person, in the quick-fix menu.
 */
export function fixAllChoices(textDocument: TextDocument, diagnostics: ChartersDiagnostic[]): FixAllChoice[] {
  const chosen: { start: number; end: number; choice: FixAllChoice }[] = [];
  for (const diagnostic of diagnostics) {
    const fix = (diagnostic.data as DiagnosticData | undefined)?.fixes?.find((candidate) => candidate.safety === 'safe' && candidate.isPreferred);
    if (!fix || fix.edits.length === 0) continue;
    const offsets = fix.edits.map((edit) => [textDocument.offsetAt(edit.range.start), textDocument.offsetAt(edit.range.end)]);
    const start = Math.min(...offsets.map(([from]) => from));
    const end = Math.max(...offsets.map(([, to]) => to));
    const clashes = chosen.some((other) => (start < other.end && other.start < end) || (start === end && start === other.start));
    if (clashes) continue;
    chosen.push({ start, end, choice: { diagnostic, fix } });
  }
  return chosen.map((item) => item.choice);
}

/** One change fix-all made: the rule whose fix it was, and the whole lines it touched, before and after. */
export interface FixChange {
  ruleId: string;
  title: string;
  /** 0-based, in the text the fix was applied to. */
  line: number;
  /** The touched lines as they were (empty for lines inserted between others), without the last line break. */
  before: string;
  after: string;
}

/** The changes of fixes applied together to one text, top to bottom. */
export function describeChanges(textDocument: TextDocument, choices: FixAllChoice[]): FixChange[] {
  return choices.map((choice) => describeChange(textDocument, choice)).sort((a, b) => a.line - b.line);
}

function describeChange(textDocument: TextDocument, { diagnostic, fix }: FixAllChoice): FixChange {
  const text = textDocument.getText();
  const spans = fix.edits.map((edit) => ({
    start: textDocument.offsetAt(edit.range.start),
    end: textDocument.offsetAt(edit.range.end),
    newText: edit.newText,
  }));
  const start = Math.min(...spans.map((span) => span.start));
  const end = Math.max(...spans.map((span) => span.end));
  const from = text.lastIndexOf('\n', start - 1) + 1;
  const insertsLines = start === end && start === from && spans.every((span) => span.start === span.end && /\n$/.test(span.newText));
  // a span that ends at a line start (a removed line, with its break) touches no line after it
  const to = insertsLines ? start : end > start && text[end - 1] === '\n' ? end : lineEndAt(text, end);
  let after = text.slice(from, to);
  for (const span of [...spans].sort((a, b) => b.start - a.start)) after = after.slice(0, span.start - from) + span.newText + after.slice(span.end - from);
  const trim = (lines: string) => lines.replace(/\r?\n$/, '');
  return { ruleId: diagnostic.code, title: fix.title, line: textDocument.positionAt(from).line, before: trim(text.slice(from, to)), after: trim(after) };
}

/** The offset just past the line break ending the line that holds `offset` (or the text's end). */
function lineEndAt(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

/**
 * One fix-all pass, what `source.fixAll` offers: the preferred safe fixes that, applied together,
 * still leave valid YAML, over `parsed`. Clashing ones wait for the next pass.
 */
export function safeFixes(parsed: ParsedDocument, diagnostics: ChartersDiagnostic[]): FixAllChoice[] {
  const textDocument = parsed.textDocument;
  const errorsBefore = parsed.yaml.errors.length;
  const keepsYaml = (edits: TextEdit[]) =>
    parse(TextDocument.create(textDocument.uri, 'yaml', textDocument.version, applyEdits(textDocument, edits))).yaml.errors.length <= errorsBefore;
  const choices = fixAllChoices(textDocument, diagnostics);
  const editsOf = (list: FixAllChoice[]) => list.flatMap((choice) => choice.fix.edits);
  // usually they all fit together: one parse, not one per fix (thousands of fixes made this hang)
  if (choices.length === 0 || keepsYaml(editsOf(choices))) return choices;
  // fixes that are right alone can clash together (a rename and an insert of the same key): each
  // is tried with those chosen before it, a bounded number per pass (each try parses the whole text)
  const chosen: FixAllChoice[] = [];
  for (const choice of choices.slice(0, MAX_TRIALS)) {
    if (keepsYaml([...editsOf(chosen), ...choice.fix.edits])) chosen.push(choice);
  }
  return chosen;
}

/** Fixes tried one by one per pass when they clash together; the rest wait for the next pass. */
const MAX_TRIALS = 50;

/**
 * `--fix`: safe passes over the text, each re-checked with `check`, until none is left (at most
 * `passes` rounds). Returns the new text, how many fixes went in, and each change in the order made.
 */
export function fixAll(
  uri: string,
  text: string,
  check: (parsed: ParsedDocument) => ChartersDiagnostic[],
  passes: number,
): { text: string; applied: number; changes: FixChange[] } {
  let current = text;
  let applied = 0;
  const changes: FixChange[] = [];
  for (let pass = 0; pass < passes; pass++) {
    const parsed = parse(TextDocument.create(uri, 'yaml', pass, current));
    const choices = safeFixes(parsed, check(parsed));
    if (choices.length === 0) break;
    const next = applyEdits(
      parsed.textDocument,
      choices.flatMap((choice) => choice.fix.edits),
    );
    if (next === current) break;
    changes.push(...describeChanges(parsed.textDocument, choices));
    current = next;
    applied += choices.length;
  }
  return { text: current, applied, changes };
}

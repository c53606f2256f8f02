import { Document, isMap, isScalar, type Node, type Pair, type Scalar, type YAMLSeq } from 'yaml';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { nodeAt, toRange, type Path } from './ast';
import { inFrontMatter, proseSectionsUnder, sectionInsertions, valueAt } from './markdownDocument';
import type { ParsedDocument } from './parse';
import type { Style } from './style';
import type { Fix, TextEdit } from './types';

/**
 * Minimal text edits computed from the parsed document's ranges. Nothing here re-serialises a
 * document: comments, key order and formatting outside the edited span stay as they are.
 */

/** Replace a scalar's text, keeping the quotes it was written with. */
function replaceScalar(parsed: ParsedDocument, node: Scalar, value: string): TextEdit | undefined {
  if (!node.range) return undefined;
  const [start] = node.range;
  const text = parsed.textDocument.getText();
  // a block scalar (`|`, `>`) ends after its line break: keep that, or the next line joins this one
  let end = node.range[1];
  const block = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
  while (block && end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  const source = text.slice(start, end);
  const quote = source.startsWith('"') ? '"' : source.startsWith("'") ? "'" : '';
  return { range: toRange(parsed.textDocument, start, end), newText: `${quote}${value}${quote}` };
}

/**
 * The fix that replaces a scalar with what the user most likely meant; none when there is no
 * scalar or no suggestion. Always a suggestion: it chooses a different value, which a person must confirm.
 */
export function replacementFix(parsed: ParsedDocument, node: unknown, suggestion: string | undefined): Fix[] {
  if (suggestion === undefined || !isScalar(node)) return [];
  const edit = replaceScalar(parsed, node, suggestion);
  return edit ? [{ title: `Change to "${suggestion}"`, edits: [edit], safety: 'suggestion' }] : [];
}

/** Rename a mapping key in place. */
export function renameKey(parsed: ParsedDocument, pair: Pair, key: string): TextEdit | undefined {
  return isScalar(pair.key) ? replaceScalar(parsed, pair.key, key) : undefined;
}

/** Remove one entry of a list: its whole line(s) in a block list, the entry and a comma in a flow list. */
export function removeListItem(parsed: ParsedDocument, seq: YAMLSeq, index: number): TextEdit | undefined {
  const item = seq.items[index] as Node | undefined;
  if (!item?.range || !seq.range) return undefined;
  const text = parsed.textDocument.getText();
  const textDocument = parsed.textDocument;
  if (seq.flow) {
    const previous = seq.items[index - 1] as Node | undefined;
    const next = seq.items[index + 1] as Node | undefined;
    if (previous?.range) return { range: toRange(textDocument, previous.range[1], item.range[1]), newText: '' };
    if (next?.range) return { range: toRange(textDocument, item.range[0], next.range[0]), newText: '' };
    return { range: toRange(textDocument, item.range[0], item.range[1]), newText: '' };
  }
  // the entry's own lines only: a comment below it belongs to what follows
  const start = lineStart(text, item.range[0]);
  const end = lineEnd(text, Math.max(item.range[1] - 1, item.range[0]));
  return { range: toRange(textDocument, start, end), newText: '' };
}

export interface FieldToInsert {
  key: string;
  value: unknown;
}

/**
 * Insert fields into the mapping at `parentPath`, each after the nearest field that precedes it in
 * `order` (the schema's property order), in the mapping's own indentation.
 */
export function insertFields(parsed: ParsedDocument, parentPath: Path, fields: FieldToInsert[], order: string[]): TextEdit[] {
  // with YAML errors the tree can miss fields that are in the text (everything after a broken
  // line): an insert would add a second copy of one, so fixes wait until the YAML is repaired
  if (parsed.yaml.errors.length > 0) return [];
  if (parsed.markdown && parsed.kind) {
    // a Markdown document's prose fields are added as sections of its body, the others to its front matter
    const kind = parsed.kind;
    const prose = fields.flatMap((field) =>
      proseSectionsUnder(kind, [...parentPath, field.key])
        .filter((section) => !nodeAt(parsed.yaml, [...section.path]))
        .map((section) => ({ path: section.path, value: valueAt(field.value, section.path.slice(parentPath.length + 1)) })),
    );
    const structured = fields.filter((field) => proseSectionsUnder(kind, [...parentPath, field.key]).length === 0);
    return [...sectionInsertions(parsed, prose), ...insertYamlFields(parsed, parentPath, structured, order)];
  }
  return insertYamlFields(parsed, parentPath, fields, order);
}

function insertYamlFields(parsed: ParsedDocument, parentPath: Path, fields: FieldToInsert[], order: string[]): TextEdit[] {
  if (fields.length === 0) return [];
  const parent = nodeAt(parsed.yaml, parentPath);
  if (!isMap(parent) || parent.flow) return [];
  // in a Markdown document, only among the front matter's fields (not the sections of the body)
  const items = parent.items.filter((pair) => inFrontMatter(parsed, pair.key as Node));
  if (items.length === 0) return [];
  const textDocument = parsed.textDocument;
  const text = textDocument.getText();
  const style = parsed.style();
  const firstKey = items[0].key as Node;
  if (!firstKey.range) return [];
  const column = textDocument.positionAt(firstKey.range[0]).character;
  const present = parent.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : ''));
  const byOffset = new Map<number, string[]>();
  for (const field of fields) {
    if (present.includes(field.key)) continue; // present but empty (`authority:`): a second copy would be a duplicate key
    // after the present field that comes closest before it in schema order
    const rank = order.indexOf(field.key);
    let after: Pair | undefined;
    let afterRank = -1;
    items.forEach((pair) => {
      const pairRank = order.indexOf(isScalar(pair.key) ? String(pair.key.value) : '');
      if (pairRank !== -1 && rank !== -1 && pairRank < rank && pairRank > afterRank) {
        after = pair;
        afterRank = pairRank;
      }
    });
    // with nothing before it in schema order the field goes first, unless the mapping starts
    // on a list dash (`- target: …`): then right after that first line, to stay in the entry
    const startsOnDash = text.slice(lineStart(text, firstKey.range[0]), firstKey.range[0]).trim() !== '';
    const offset = after ? afterPair(text, after) : startsOnDash ? afterPair(text, items[0]) : lineStart(text, firstKey.range[0]);
    const block = renderField(field, style, column, style.eol);
    byOffset.set(offset, [...(byOffset.get(offset) ?? []), block]);
  }
  return [...byOffset].map(([offset, blocks]) => {
    const atEndWithoutNewline = offset === text.length && text.length > 0 && !text.endsWith('\n');
    const newText = (atEndWithoutNewline ? style.eol : '') + blocks.join('');
    return { range: toRange(textDocument, offset, offset), newText };
  });
}

function renderField(field: FieldToInsert, style: Style, column: number, eol: string): string {
  const doc = new Document({ [field.key]: field.value });
  const yaml = doc.toString({ indent: style.indent, indentSeq: style.indentSeq, lineWidth: 0 });
  const pad = ' '.repeat(column);
  return yaml
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => pad + line + eol)
    .join('');
}

/** The offset just past a pair's value line(s), before any comment lines that follow it. */
function afterPair(text: string, pair: Pair): number {
  const value = pair.value as Node | null;
  const key = pair.key as Node;
  const end = Math.max(value?.range?.[1] ?? 0, key.range?.[1] ?? 0);
  return lineEnd(text, end - 1);
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset after the newline that ends the line holding `offset` (or the text's end). */
function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', Math.max(offset, 0));
  return newline === -1 ? text.length : newline + 1;
}

export function applyEdits(textDocument: TextDocument, edits: TextEdit[]): string {
  const text = textDocument.getText();
  const sorted = edits
    .map((edit) => ({ start: textDocument.offsetAt(edit.range.start), end: textDocument.offsetAt(edit.range.end), newText: edit.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  // pieces joined once: slicing the whole text per edit is quadratic on a long list of fixes
  const pieces: string[] = [];
  let lastStart = text.length;
  for (const edit of sorted) {
    if (edit.end > lastStart) continue; // overlapping edits: the later one waits for the next pass
    pieces.push(text.slice(edit.end, lastStart), edit.newText);
    lastStart = edit.start;
  }
  pieces.push(text.slice(0, lastStart));
  return pieces.reverse().join('');
}

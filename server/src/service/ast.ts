import { isMap, isNode, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from './types';

/**
 * A copy of a node or document sharing its children, with every own property (yaml marks its
 * node types with non-enumerable ones): parsed nodes are never changed, so a new version is built
 * of copies.
 */
export function copyOf<T extends object>(object: T): T {
  return Object.create(Object.getPrototypeOf(object), Object.getOwnPropertyDescriptors(object)) as T;
}

/** A path into the document, as keys and list indexes (`['tracks', 0, 'roles', 1]`). */
export type Path = (string | number)[];

export function toRange(textDocument: TextDocument, start: number, end: number): Range {
  return { start: textDocument.positionAt(start), end: textDocument.positionAt(end) };
}

/** The source range of a node without its trailing comments and blank lines. */
export function nodeRange(textDocument: TextDocument, node: Node): Range | undefined {
  if (!node.range) return undefined;
  const [start] = node.range;
  let end = node.range[1];
  if (end > start && node.range[1] - start > 0) {
    // block scalars end after their final line break: stop at the last character of content
    const text = textDocument.getText();
    while (end > start && /\s/.test(text[end - 1])) end--;
  }
  return toRange(textDocument, start, end);
}

export function nodeAt(yaml: Document.Parsed, path: Path): Node | undefined {
  let node: unknown = yaml.contents;
  for (const segment of path) {
    if (isMap(node)) node = lastPair(node.items, segment)?.value;
    else if (isSeq(node) && typeof segment === 'number') node = node.items[segment];
    else return undefined;
  }
  return isNode(node) ? node : undefined;
}

export function pairAt(yaml: Document.Parsed, path: Path): Pair | undefined {
  if (path.length === 0) return undefined;
  const parent = nodeAt(yaml, path.slice(0, -1));
  return isMap(parent) ? lastPair(parent.items, path[path.length - 1]) : undefined;
}

/**
 * The pair a key names: the last one when a key is duplicated, as in the plain value the schema
 * checks (yaml-syntax reports the duplicate), so a finding and its fix land on the value it is about.
 */
function lastPair(items: Pair[], key: string | number): Pair | undefined {
  for (let index = items.length - 1; index >= 0; index--) {
    const pair = items[index];
    if (isScalar(pair.key) && pair.key.value === key) return pair;
  }
  return undefined;
}

/** Turn an ajv instancePath (`/tracks/0/roles`) into a path, with list indexes as numbers. */
export function pathFromPointer(yaml: Document.Parsed, pointer: string): Path {
  const path: Path = [];
  if (pointer === '') return path;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const parent = nodeAt(yaml, path);
    path.push(isSeq(parent) && /^\d+$/.test(segment) ? Number(segment) : segment);
  }
  return path;
}

/**
 * Where a finding about the field at `path` goes: the key, for a field whose value is a
 * collection or is empty (the key is what the reader looks at); the value otherwise.
 */
export function fieldRange(parsed: { yaml: Document.Parsed; textDocument: TextDocument }, path: Path): Range | undefined {
  const { yaml, textDocument } = parsed;
  const last = path[path.length - 1];
  if (typeof last === 'string') {
    const pair = pairAt(yaml, path);
    if (pair && isNode(pair.key)) {
      const value = pair.value;
      const valueIsScalar = isScalar(value) && value.value !== null && value.range && value.range[0] < value.range[1];
      return valueIsScalar ? nodeRange(textDocument, value) : nodeRange(textDocument, pair.key);
    }
  }
  const node = nodeAt(yaml, path);
  if (node && !(isMap(node) || isSeq(node))) {
    const range = nodeRange(textDocument, node);
    if (range && node.range && node.range[0] < node.range[1]) return range;
  }
  return keyRange(parsed, path);
}

/**
 * The range of the key that names `path`: the pair key for a mapping field, the first line of the
 * item for a list entry, the `kind` line for the document itself.
 */
export function keyRange(parsed: { yaml: Document.Parsed; textDocument: TextDocument }, path: Path): Range | undefined {
  const { yaml, textDocument } = parsed;
  if (path.length === 0) return topRange(parsed);
  const last = path[path.length - 1];
  if (typeof last === 'string') {
    const pair = pairAt(yaml, path);
    if (pair && isNode(pair.key)) return nodeRange(textDocument, pair.key);
  } else {
    const node = nodeAt(yaml, path);
    if (node) return firstLineRange(textDocument, node);
  }
  return keyRange(parsed, path.slice(0, -1));
}

/** The `kind` line, or the document's first line with content when `kind` is absent. */
export function topRange(parsed: { yaml: Document.Parsed; textDocument: TextDocument }): Range {
  const { yaml, textDocument } = parsed;
  const contents = yaml.contents;
  if (isMap(contents)) {
    const kindPair = contents.items.find((pair) => isScalar(pair.key) && pair.key.value === 'kind');
    const pair = kindPair ?? contents.items[0];
    if (pair) return pairRange(textDocument, pair);
  }
  if (isNode(contents)) {
    const range = firstLineRange(textDocument, contents);
    if (range) return range;
  }
  return firstContentLine(textDocument);
}

function pairRange(textDocument: TextDocument, pair: Pair): Range {
  const key = isNode(pair.key) ? pair.key : undefined;
  const value = isNode(pair.value) ? pair.value : undefined;
  const start = key?.range?.[0] ?? value?.range?.[0] ?? 0;
  const valueIsScalar = value && !isMap(value) && !isSeq(value);
  const end = (valueIsScalar ? value.range?.[1] : key?.range?.[1]) ?? start;
  return toRange(textDocument, start, Math.max(start, end));
}

function firstLineRange(textDocument: TextDocument, node: Node): Range | undefined {
  if (!node.range) return undefined;
  const text = textDocument.getText();
  const start = node.range[0];
  let end = node.range[1];
  const newline = text.indexOf('\n', start);
  if (newline !== -1 && newline < end) end = newline;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return toRange(textDocument, start, Math.max(start, end));
}

function firstContentLine(textDocument: TextDocument): Range {
  const lines = textDocument.getText().split('\n');
  const index = lines.findIndex((line) => line.trim() !== '' && !line.trim().startsWith('#'));
  const line = index === -1 ? 0 : index;
  const content = (lines[line] ?? '').replace(/\r$/, '');
  return { start: { line, character: 0 }, end: { line, character: content.length } };
}

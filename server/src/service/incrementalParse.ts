import { type Document, isCollection, isMap, isPair, isScalar, isSeq, Pair, parseDocument, type YAMLMap, type Node } from 'yaml';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { copyOf } from './ast';
import { isMarkdownDocument } from './kinds';
import { lazyStyle } from './style';
import { makePair, makeScalar, MAP, NODE_TYPE, nodePrototypes, SCALAR, SEQ } from './yamlNodes';
import { parseMarkdown } from './markdownDocument';
import { parseYaml, readDirectives, readKind, refusal, YAML_OPTIONS, MAX_ALIAS_COUNT, type ParsedDocument } from './parse';

/**
 * Re-parse only the top-level blocks an edit touched. The text is split before every
 * column-0 `key:` line into blocks of one top-level pair each; every block is parsed alone (or
 * taken from the previous version when its text is identical; a long block that is one block
 * sequence, item by item: see `parseListBlock`), and the pairs are assembled into
 * one Document that every consumer reads as it reads `parse(textDocument)`: the same node ranges
 * (absolute offsets), no errors or warnings, the same `value`, `kind` and directives.
 *
 * Whenever a document could behave differently when split, or anything is uncertain, this is
 * `parse(textDocument)` itself: see `splittable` (the text), `parseBlock` (a block must be one
 * clean `key: value` pair, with no errors or warnings) and `endsEmptyBeforeComments`. Comments are the
 * one thing placed differently (a comment between two top-level pairs ends the earlier block
 * here rather than starting the later key): nothing downstream reads yaml comments.
 *
 * Parsed documents are immutable: a cached block's nodes are shared with a later version only
 * where its offset is unchanged; a block that moved is cloned, and the clone shifted. What the
 * next version may reuse travels with each parsed version (`ParsedDocument.incremental`): there is
 * no cache here, and whoever keeps the previous version keeps its blocks.
 */
/**
 * `minLines`: documents shorter than this are parsed whole (blocks shorter than a quarter of it are
 * not split into list items); `items: false` turns the split into list items off (measurements).
 */
export interface IncrementalOptions {
  readonly minLines?: number;
  readonly items?: boolean;
}

export function parseIncrementally(previous: ParsedDocument | undefined, textDocument: TextDocument, options: IncrementalOptions = {}): ParsedDocument {
  // a Markdown document: its front matter, as YAML in the file's coordinates, goes through the same blocks
  if (isMarkdownDocument(textDocument.uri)) {
    return parseMarkdown(textDocument, (frontMatter) => parseYamlIncrementally(previous?.markdown?.frontMatterParse, frontMatter, options));
  }
  return parseYamlIncrementally(previous, textDocument, options);
}

function parseYamlIncrementally(previous: ParsedDocument | undefined, textDocument: TextDocument, options: IncrementalOptions): ParsedDocument {
  const text = textDocument.getText();
  const blocks = splittable(text, options.minLines ?? MIN_LINES);
  if (!blocks || refusal(text)) return parseYaml(textDocument);
  const cache = previous?.incremental?.blocks;
  const lists = options.items === false ? undefined : new Lists(previous?.incremental, text);
  const minItemLines = Math.floor((options.minLines ?? MIN_LINES) / 4);
  const entries: Block[] = [];
  const parts: Block[] = [];
  for (const { start, end, key } of blocks) {
    const source = text.slice(start, end);
    let entry = cache?.get(source);
    if (entry) {
      if (entry.offset !== start) entry = shifted(entry, start);
      // a list the edit did not touch keeps its items (and its head) for the next version
      if (lists && entry.items) {
        for (const item of entry.items) lists.items.push(item);
        if (entry.head) parts.push(entry.head);
      }
    } else if (lists) entry = parseListBlock(source, start, key, minItemLines, cache, lists, parts);
    if (!entry) entry = parseBlock(source, start, key);
    if (!entry) {
      // a block that does not parse cleanly alone: the full parse gives the authoritative errors;
      // the blocks that did parse are kept for the next version
      const full = parseYaml(textDocument);
      return entries.length ? { ...full, incremental: { assembled: false, blocks: bySource([...entries, ...parts]), ...lists?.state() } } : full;
    }
    entries.push(entry);
  }
  const assembled = assemble(textDocument, entries, parts, lists);
  return assembled ?? parseYaml(textDocument);
}

/** For tests and measurements: whether `parsed` was assembled from blocks (not a full parse). */
export function isAssembled(parsed: ParsedDocument): boolean {
  return parsed.incremental?.assembled === true;
}

/** For tests and measurements: how many list items (after the first of their list) the version kept, each parsed alone. */
export function itemsParsedAlone(parsed: ParsedDocument): number {
  return parsed.incremental?.items?.length ?? 0;
}

/** For tests and measurements: how many of those items the version parsed, rather than took from the previous version. */
export function itemsParsed(parsed: ParsedDocument): number {
  return parsed.incremental?.itemsParsed ?? 0;
}

/** Under this many lines the full parse is cheap enough, and splitting is not worth it. */
const MIN_LINES = 200;

/** What a parsed version leaves for the next one: the blocks it was parsed from, by their text. */
export interface IncrementalState {
  /** Whether the version was assembled from these blocks; false when it fell back to the full parse. */
  readonly assembled: boolean;
  readonly blocks: ReadonlyMap<string, Block>;
  /** The list items (after the first of their list) of the blocks that were split into items, in the order of the text. */
  readonly items?: readonly Item[];
  /** The text the items were parsed from (their offsets are in it). */
  readonly text?: string;
  /** How many of the items this version parsed (the others it took from the previous version). */
  readonly itemsParsed?: number;
}

function bySource(entries: Block[]): ReadonlyMap<string, Block> {
  return new Map(entries.map((entry) => [entry.source, entry]));
}

interface Block {
  readonly source: string;
  /** The offset of the block in the text its nodes' ranges were made for. */
  readonly offset: number;
  readonly key: string;
  readonly pair: Pair<Node, Node | null>;
  /** The block alone: its map's and document's range and comments. */
  readonly doc: Document.Parsed;
  readonly map: YAMLMap;
  /** toJS of the pair's value. */
  readonly value: unknown;
  /** A list assembled from its items: the items after the first (the nodes of the list), and its head, the block of the first. */
  readonly items?: readonly Item[];
  readonly head?: Block;
}

/** A top-level key this module splits at: a plain, identifier-like key at column 0. */
const KEY_LINE = /^[A-Za-z_][A-Za-z0-9_-]*:(?:[ \t]|\r?$)/;
/** What may come before an anchor's `&`, an alias's `*` or a tag's `!`. */
const BEFORE_NODE_PROPERTY = /[\s,[\]{}]/;

/**
 * Whether something could start an anchor, an alias or a tag (conservatively: also in quotes and
 * prose): a `&`, `*` or `!` at the start or after a space, a comma or a bracket. Each of the three
 * characters is looked for with `indexOf`, faster on a long text than one pattern over it.
 */
function mayHoldNodeProperty(text: string): boolean {
  for (const char of '&*!') {
    for (let at = text.indexOf(char); at !== -1; at = text.indexOf(char, at + 1)) {
      if (at === 0 || BEFORE_NODE_PROPERTY.test(text[at - 1])) return true;
    }
  }
  return false;
}

/**
 * The blocks of `text`, or undefined when it must be parsed whole. Fallbacks: fewer than
 * MIN_LINES lines; a byte-order mark; any line at column 0 that is not blank, a comment or a plain
 * `key:` line (directives `%`, `---`, `...`, top-level flow collections and sequences, `?`
 * explicit keys, quoted or complex keys, tabs, a scalar continued at column 0); anything that could
 * be an anchor, alias or tag; a top-level key twice.
 */
function splittable(text: string, minLines: number): { start: number; end: number; key: string }[] | undefined {
  if (text.charCodeAt(0) === 0xfeff) return undefined;
  const starts: number[] = [];
  const keys = new Set<string>();
  const order: string[] = [];
  let lines = 0;
  for (let at = 0; at <= text.length; ) {
    let next = text.indexOf('\n', at);
    if (next === -1) next = text.length;
    lines++;
    const first = text[at];
    if (first !== undefined && first !== ' ' && first !== '#' && first !== '\n' && first !== '\r') {
      const line = text.slice(at, next);
      const match = KEY_LINE.exec(line);
      if (!match) return undefined;
      const key = line.slice(0, line.indexOf(':'));
      if (keys.has(key)) return undefined;
      keys.add(key);
      order.push(key);
      starts.push(at);
    } else if (first === '\r' && text[at + 1] !== '\n' && at + 1 < text.length) {
      return undefined; // a lone CR: yaml's line breaks and ours would differ
    }
    at = next + 1;
  }
  if (lines < minLines || starts.length < 2) return undefined;
  if (mayHoldNodeProperty(text)) return undefined;
  starts[0] = 0; // leading comments and blank lines belong to the first block
  return starts.map((start, index) => ({ start, end: index + 1 < starts.length ? starts[index + 1] : text.length, key: order[index] }));
}

/** Parse one block at `offset`; undefined unless it is exactly one clean `key: value` pair. */
function parseBlock(source: string, offset: number, keyText: string): Block | undefined {
  const doc = parseDocument(source, YAML_OPTIONS);
  if (doc.errors.length || doc.warnings.length) return undefined;
  const map = doc.contents;
  if (!isMap(map) || map.items.length !== 1 || map.flow) return undefined;
  const pair = map.items[0] as Pair<Node, Node | null>;
  const key = pair.key;
  if (!isScalar(key) || key.type !== 'PLAIN' || key.value !== keyText) return undefined;
  let js: unknown;
  try {
    js = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    return undefined;
  }
  if (typeof js !== 'object' || js === null || !Object.hasOwn(js, key.value)) return undefined;
  if (Object.keys(js).length !== 1) return undefined;
  const value = (js as Record<string, unknown>)[key.value];
  if (endsEmptyBeforeComments(pair, source) || !copiesWhole(pair.key) || !copiesWhole(pair.value)) return undefined;
  if (offset !== 0) {
    shiftNode(pair.key, offset);
    if (pair.value) shiftNode(pair.value, offset);
    shiftRange(map.range, offset);
    shiftRange(doc.range, offset);
  }
  return { source, offset, key: key.value, pair, doc, map, value };
}

/**
 * Whether the block ends in an empty node (`key:` with nothing after it, at any depth) followed by
 * comments or blank lines: such a node's extent takes in what follows it, which yaml reads
 * differently at the end of the text than before the next top-level key.
 */
function endsEmptyBeforeComments(pair: Pair<Node, Node | null>, source: string): boolean {
  return nodeEndsEmptyBeforeComments(pair.value ?? pair.key, source);
}

function nodeEndsEmptyBeforeComments(start: unknown, source: string): boolean {
  let node = start;
  for (;;) {
    if (isPair(node)) node = node.value ?? node.key;
    else if (isCollection(node) && node.items.length) node = node.items[node.items.length - 1];
    else break;
  }
  if (node === null || node === undefined) return true;
  if (!isScalar(node) || !node.range || node.range[0] !== node.range[1]) return false;
  return /#|\n[ \t]*\r?\n/.test(source.slice(node.range[0]));
}

/** A cached block moved to `offset`: a shifted copy; the cached nodes are never touched. */
function shifted(entry: Block, offset: number): Block {
  const delta = offset - entry.offset;
  const pair = new Pair(cloneShifted(entry.pair.key, delta) as Node, cloneShifted(entry.pair.value, delta) as Node | null);
  const map = copyOf(entry.map);
  map.range = entry.map.range && (entry.map.range.map((at) => at + delta) as [number, number, number]);
  map.items = [pair];
  const doc = copyOf(entry.doc);
  doc.contents = map as YAMLMap.Parsed;
  doc.range = entry.doc.range.map((at) => at + delta) as [number, number, number];
  // a list's items are the copied list's nodes, moved (its head stays behind: the next version parses it again if it needs it)
  const list = pair.value;
  const items =
    entry.items &&
    isSeq(list) &&
    entry.items.map((item, index) => ({
      source: item.source,
      offset: item.offset + delta,
      node: list.items[index + 1] as Node,
      value: item.value,
      end: [item.end[0] + delta, item.end[1] + delta] as const,
      documentEnd: [item.documentEnd[0] + delta, item.documentEnd[1] + delta] as const,
    }));
  return { source: entry.source, offset, key: entry.key, pair, doc, map, value: entry.value, items: items || undefined };
}

/**
 * A copy of `node` and everything under it, its ranges shifted by `delta`. Hand-written rather than
 * yaml's `clone()` (Object.create from property descriptors), which costs about as much as parsing;
 * and not through yaml's constructors, whose `Object.defineProperty` of the node type (and of a
 * collection's schema) was most of a copy's cost (yamlNodes.ts). A copy's own properties are the
 * fields a parsed node has (`SCALAR_FIELDS`, `COLLECTION_FIELDS`: `parseItem` keeps no item with
 * any other).
 */
function cloneShifted(node: unknown, delta: number): unknown {
  if (node === null) return null;
  const source = node as Record<string | symbol, unknown>;
  const type = source[NODE_TYPE];
  if (type === SCALAR) {
    const copy = makeScalar(COPY, source.value) as unknown as Record<string, unknown>;
    copy.range = shiftedRange(source.range, delta);
    copy.source = source.source;
    if (source.type !== undefined) copy.type = source.type;
    copyOptional(copy, source);
    return copy;
  }
  if (type !== MAP && type !== SEQ) throw new Error('incrementalParse: unexpected node'); // aliases are refused before parsing
  const copy = Object.create(type === MAP ? COPY.map : COPY.seq) as Record<string, unknown>;
  const items = source.items as unknown[];
  const copies: unknown[] = [];
  if (type === MAP) {
    for (let index = 0; index < items.length; index++) {
      const pair = items[index] as Pair;
      copies.push(makePair(COPY, cloneShifted(pair.key, delta), cloneShifted(pair.value, delta)));
    }
  } else {
    for (let index = 0; index < items.length; index++) copies.push(cloneShifted(items[index], delta));
  }
  copy.items = copies;
  copy.range = shiftedRange(source.range, delta);
  if (source.flow !== undefined) copy.flow = source.flow;
  copyOptional(copy, source);
  return copy;
}

/** The prototypes of copies (see `cloneShifted`); a collection's schema is the one every parse with YAML_OPTIONS makes alike. */
const COPY = nodePrototypes(parseDocument('', YAML_OPTIONS).schema);

/** The own properties a parsed scalar may have (anchors and tags are refused before parsing, and copied all the same). */
const SCALAR_FIELDS = new Set(['value', 'range', 'source', 'type', 'format', 'minFractionDigits', 'comment', 'commentBefore', 'spaceBefore', 'tag', 'anchor']);
/** The own enumerable properties a parsed map or sequence may have. */
const COLLECTION_FIELDS = new Set(['items', 'range', 'flow', 'comment', 'commentBefore', 'spaceBefore', 'tag', 'anchor']);

/** The fields few nodes have, copied only where the node has them. */
function copyOptional(copy: Record<string, unknown>, source: Record<string | symbol, unknown>): void {
  if (source.comment !== undefined) copy.comment = source.comment;
  if (source.commentBefore !== undefined) copy.commentBefore = source.commentBefore;
  if (source.spaceBefore !== undefined) copy.spaceBefore = source.spaceBefore;
  if (source.format !== undefined) copy.format = source.format;
  if (source.minFractionDigits !== undefined) copy.minFractionDigits = source.minFractionDigits;
  if (source.tag !== undefined) copy.tag = source.tag;
  if (source.anchor !== undefined) copy.anchor = source.anchor;
}

function shiftedRange(range: unknown, delta: number): [number, number, number] | undefined {
  if (!range) return range as undefined;
  const [start, valueEnd, nodeEnd] = range as [number, number, number];
  return [start + delta, valueEnd + delta, nodeEnd + delta];
}

/** Whether `cloneShifted` copies every own property of `node` and of everything under it. */
function copiesWhole(node: unknown): boolean {
  if (isScalar(node)) return Object.keys(node).every((key) => SCALAR_FIELDS.has(key));
  if (isCollection(node)) {
    if (!Object.keys(node).every((key) => COLLECTION_FIELDS.has(key))) return false;
    if (isMap(node)) return node.items.every((pair) => Object.keys(pair).length === 2 && copiesWhole(pair.key) && copiesWhole(pair.value));
    return node.items.every(copiesWhole);
  }
  return node === null;
}

/** Shift in place: only ever a fresh parse or a fresh clone. */
function shiftNode(node: unknown, delta: number): void {
  if (isPair(node)) {
    shiftNode(node.key, delta);
    shiftNode(node.value, delta);
    return;
  }
  if (isScalar(node)) {
    shiftRange(node.range, delta);
  } else if (isCollection(node)) {
    shiftRange(node.range, delta);
    for (const item of node.items) shiftNode(item, delta);
  } else if (node !== null && node !== undefined) {
    throw new Error('incrementalParse: unexpected node'); // aliases are refused before parsing
  }
}

function shiftRange(range: number[] | null | undefined, delta: number): void {
  if (!range) return;
  for (let index = 0; index < range.length; index++) range[index] += delta;
}

/** One document of all the blocks' pairs, built like the full parse builds it. */
function assemble(textDocument: TextDocument, entries: Block[], parts: Block[], lists: Lists | undefined): ParsedDocument | undefined {
  const first = entries[0];
  const last = entries[entries.length - 1];
  if (!first.map.range || !last.map.range) return undefined;
  const map = copyOf(first.map);
  map.items = entries.map((entry) => entry.pair);
  map.range = [first.map.range[0], last.map.range[1], last.map.range[2]];
  map.comment = last.map.comment;
  const yaml = copyOf(first.doc);
  yaml.contents = map as YAMLMap.Parsed;
  yaml.errors = [];
  yaml.warnings = [];
  yaml.range = [first.doc.range[0], last.doc.range[1], last.doc.range[2]];
  yaml.comment = last.doc.comment;
  const value: Record<string, unknown> = {};
  for (const entry of entries) {
    Object.defineProperty(value, entry.key, { value: entry.value, writable: true, enumerable: true, configurable: true });
  }
  const directives = readDirectives(textDocument);
  return {
    textDocument,
    yaml,
    value,
    kind: readKind(yaml),
    tooManyAliases: false,
    directives,
    style: lazyStyle(textDocument.getText()),
    incremental: { assembled: true, blocks: bySource([...entries, ...parts]), ...lists?.state() },
  };
}

/**
 * One item of a block sequence (not the first of its list), parsed alone: its text is the item's
 * lines, from its `-` line's start to the next item's (the last item: to the block's end).
 */
interface Item {
  readonly source: string;
  /** The offset of the item's text in the text its nodes' ranges were made for. */
  readonly offset: number;
  readonly node: Node;
  /** toJS of the node. */
  readonly value: unknown;
  /** The end of the list's range (its `range[1]` and `range[2]`) if this is the list's last item. */
  readonly end: readonly [number, number];
  /** The same of the document's range. */
  readonly documentEnd: readonly [number, number];
}

/**
 * The list items of a version, and where the next version finds the previous one's. The texts of
 * the two versions are compared once, from each end: an item wholly inside the common prefix is
 * the previous item at its offset, as it is; one wholly inside the common suffix is the previous
 * item that far from the end, moved by the difference in length (when the previous version had an
 * item of that length there: the text around an item decides where it ends). Only the items
 * between, which the edit touched (a few, or as many as a change spanning several edits covers),
 * are looked up by their text among the previous items there, and otherwise parsed.
 */
class Lists {
  readonly items: Item[] = [];
  parsed = 0;
  private readonly previous: readonly Item[];
  private readonly prefix: number;
  private readonly suffixStart: number;
  private readonly delta: number;
  private middle: Map<string, Item> | undefined;

  constructor(
    previous: IncrementalState | undefined,
    private readonly text: string,
  ) {
    const previousText = previous?.text ?? '';
    this.previous = previous?.items ?? [];
    this.prefix = commonPrefix(previousText, text);
    const suffix = commonSuffix(previousText, text, Math.min(previousText.length, text.length) - this.prefix);
    this.suffixStart = text.length - suffix;
    this.delta = text.length - previousText.length;
  }

  /** The previous version's item whose text is `text.slice(start, end)`, at `start`; undefined if there is none. */
  find(start: number, end: number): Item | undefined {
    if (end <= this.prefix) return this.at(start, end - start);
    if (start >= this.suffixStart) {
      const item = this.at(start - this.delta, end - start);
      return item && this.delta !== 0 ? shiftedItem(item, start) : item;
    }
    this.middle ??= this.previousBetween(this.prefix, this.suffixStart - this.delta);
    const item = this.middle.get(this.text.slice(start, end));
    return item && item.offset !== start ? shiftedItem(item, start) : item;
  }

  /** The previous item at `offset` (binary search: the items are in the order of the text) if its text is `length` long. */
  private at(offset: number, length: number): Item | undefined {
    let low = 0;
    let high = this.previous.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const item = this.previous[middle];
      if (item.offset < offset) low = middle + 1;
      else if (item.offset > offset) high = middle - 1;
      else return item.source.length === length ? item : undefined;
    }
    return undefined;
  }

  /** The previous items overlapping `[start, end)` of the previous text, by their text. */
  private previousBetween(start: number, end: number): Map<string, Item> {
    const map = new Map<string, Item>();
    for (const item of this.previous) {
      if (item.offset < end && item.offset + item.source.length > start) map.set(item.source, item);
    }
    return map;
  }

  state(): Pick<IncrementalState, 'items' | 'text' | 'itemsParsed'> {
    return { items: this.items, text: this.text, itemsParsed: this.parsed };
  }
}

/** The length of the common prefix of `a` and `b`: compared a chunk at a time (a native comparison), then by character. */
function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let at = 0;
  for (let chunk = 4096; chunk >= 1; chunk >>= 4) {
    while (at + chunk <= max && a.slice(at, at + chunk) === b.slice(at, at + chunk)) at += chunk;
  }
  return at;
}

/** The length of the common suffix of `a` and `b`, at most `max`. */
function commonSuffix(a: string, b: string, max: number): number {
  let length = 0;
  for (let chunk = 4096; chunk >= 1; chunk >>= 4) {
    while (length + chunk <= max && a.slice(a.length - length - chunk, a.length - length) === b.slice(b.length - length - chunk, b.length - length))
      length += chunk;
  }
  return length;
}

const HEAD_LINE_END = /^[ \t]*\r?$/;
/** A block scalar header with an indentation indicator (conservatively: also in prose). */
const INDENTATION_INDICATOR = /[|>][-+]?[0-9]/;

/**
 * Where the items of the block's list start (offsets in `source`) and their indentation, or
 * undefined unless the block is `key:` alone on its line followed by one block sequence whose
 * items all start at one indentation (at least 1) with `- ` (or a lone `-`), every other line
 * indented deeper or blank. Fallbacks: a tab in any line's indentation; a line indented less than
 * the items (other than a blank line); a comment line before the list's last content line
 * (comment lines after it, at any indentation, end the block as they end it in the full parse); a
 * block scalar with an indentation indicator; fewer than two items.
 */
function listItems(source: string, key: string, minLines: number): { starts: number[]; indent: number } | undefined {
  let at = source.indexOf('\n');
  if (at === -1 || !HEAD_LINE_END.test(source.slice(key.length + 1, at))) return undefined;
  at++;
  const starts: number[] = [];
  let indent = -1;
  let comments = false;
  let lines = 1;
  while (at < source.length) {
    let next = source.indexOf('\n', at);
    if (next === -1) next = source.length;
    lines++;
    let column = at;
    while (source[column] === ' ') column++;
    const first = source[column];
    if (first === '\t') return undefined;
    if (first === '#') {
      comments = true;
    } else if (first !== undefined && first !== '\n' && first !== '\r') {
      if (comments) return undefined;
      const depth = column - at;
      if (indent === -1) {
        if (depth === 0) return undefined;
        indent = depth;
      }
      if (depth < indent) return undefined;
      if (depth === indent) {
        const after = source[column + 1];
        if (first !== '-' || (after !== ' ' && after !== '\n' && after !== '\r' && after !== undefined)) return undefined;
        starts.push(at);
      }
      if (INDENTATION_INDICATOR.test(source.slice(column, next))) return undefined;
    }
    at = next + 1;
  }
  if (lines < minLines || starts.length < 2) return undefined;
  return { starts, indent };
}

/**
 * A block `key:` whose value is a block sequence, from its items: the first item parsed with the
 * key (the block's head, a block of its own), every other item alone (or taken from the previous
 * version when its text is identical), and the list assembled as the full parse builds it.
 * Undefined when the block is not such a list or any piece does not parse cleanly alone: the
 * caller then parses the whole block. The pieces are added to `parts` and `items` for the next version.
 */
function parseListBlock(
  source: string,
  offset: number,
  key: string,
  minLines: number,
  blockCache: ReadonlyMap<string, Block> | undefined,
  lists: Lists,
  parts: Block[],
): Block | undefined {
  const list = listItems(source, key, minLines);
  if (!list) return undefined;
  const { starts, indent } = list;
  const headSource = source.slice(0, starts[1]);
  let head = blockCache?.get(headSource);
  if (head && head.offset !== offset) head = shifted(head, offset);
  else if (!head) head = parseBlock(headSource, offset, key);
  const headList = head?.pair.value;
  if (!head || !isSeq(headList) || headList.flow || headList.items.length !== 1 || !headList.range) return undefined;
  if (!Array.isArray(head.value) || head.value.length !== 1 || !head.map.range) return undefined;
  const pieces: Item[] = [];
  for (let index = 1; index < starts.length; index++) {
    const itemOffset = offset + starts[index];
    const itemEnd = index + 1 < starts.length ? offset + starts[index + 1] : offset + source.length;
    let item = lists.find(itemOffset, itemEnd);
    if (!item) {
      item = parseItem(source.slice(starts[index], itemEnd - offset), itemOffset, indent);
      lists.parsed++;
    }
    if (!item) return undefined;
    pieces.push(item);
  }
  parts.push(head);
  for (const piece of pieces) lists.items.push(piece);
  const last = pieces[pieces.length - 1];
  const seq = copyOf(headList);
  seq.items = [headList.items[0], ...pieces.map((item) => item.node)];
  seq.range = [headList.range[0], last.end[0], last.end[1]];
  const pair = new Pair(head.pair.key, seq as Node);
  const map = copyOf(head.map);
  map.items = [pair];
  map.range = [head.map.range[0], last.end[0], last.end[1]];
  const doc = copyOf(head.doc);
  doc.contents = map as YAMLMap.Parsed;
  doc.range = [head.doc.range[0], last.documentEnd[0], last.documentEnd[1]];
  const value = [head.value[0], ...pieces.map((item) => item.value)];
  return { source, offset, key, pair, doc, map, value, items: pieces, head };
}

/** One list item at `offset`, parsed alone; undefined unless it is exactly one clean item at `indent`. */
function parseItem(source: string, offset: number, indent: number): Item | undefined {
  const doc = parseDocument(source, YAML_OPTIONS);
  if (doc.errors.length || doc.warnings.length) return undefined;
  const seq = doc.contents;
  if (!isSeq(seq) || seq.flow || seq.items.length !== 1 || !seq.range || seq.range[0] !== indent) return undefined;
  let js: unknown;
  try {
    js = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    return undefined;
  }
  if (!Array.isArray(js) || js.length !== 1) return undefined;
  const node = seq.items[0] as Node;
  if (nodeEndsEmptyBeforeComments(node, source) || !copiesWhole(node)) return undefined;
  if (offset !== 0) shiftNode(node, offset);
  return {
    source,
    offset,
    node,
    value: js[0],
    end: [seq.range[1] + offset, seq.range[2] + offset],
    documentEnd: [doc.range[1] + offset, doc.range[2] + offset],
  };
}

/** A cached item moved to `offset`: a shifted copy; the cached nodes are never touched. */
function shiftedItem(item: Item, offset: number): Item {
  const delta = offset - item.offset;
  // every field named (not spread), so that every item has one shape
  return {
    source: item.source,
    offset,
    node: cloneShifted(item.node, delta) as Node,
    value: item.value,
    end: [item.end[0] + delta, item.end[1] + delta],
    documentEnd: [item.documentEnd[0] + delta, item.documentEnd[1] + delta],
  };
}

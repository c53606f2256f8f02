import { parseDocument } from 'yaml';
import { INDICATORS } from './fastYaml';
import { isMarkdownDocument, kindDefinition } from './kinds';
import { splitFrontMatter } from './markdownDocument';
import { LIMITS, refusal, YAML_OPTIONS } from './parse';
import { isRecord, type Schemas } from './schemas';
import { summaryOf, type DocumentSummary, type Reference } from './workspace';
import { isKind, type Range } from './types';
import type { Path } from './ast';

/**
 * The light scan of the index: a document's `DocumentSummary` read line by line from its text,
 * without building the `yaml` tree, for the documents that are indexed but not open (the server's
 * cold index and file-watch re-index, the command line's index, the lint workers' summaries).
 *
 * It reads only a plain subset of block YAML, the one documents are written in: block mappings
 * with plain keys, block sequences (also of `- key: value` items), scalars on one line (plain, or
 * quoted without escapes) and block scalars (`|`, `>-`: their text is read by `yaml` itself), and
 * of a Markdown document its front matter. On
 * anything else (flow collections, anchors, aliases, tags, multi-line plain or quoted scalars,
 * tabs, document markers, duplicate keys, odd indentation; a Markdown body that may give a field the
 * summary holds) it answers
 * `UNSURE` and the caller parses the document fully: the result is the summary the full parse
 * gives, or no answer at all (test/unit/lightScan.test.ts holds it to that).
 */
export const UNSURE = Symbol('unsure');

/** The summary of `text` (undefined: not a charter document), or UNSURE when the scan cannot tell. */
export function lightSummary(uri: string, text: string, schemas: Schemas, withReferences = true): DocumentSummary | undefined | typeof UNSURE {
  const markdown = isMarkdownDocument(uri);
  let yaml = text;
  if (markdown) {
    // the front matter, as markdownDocument.ts gives it to the YAML parser (the same coordinates)
    if (text.length > LIMITS.characters / 2 || refusal(text)) return UNSURE;
    const { frontMatter } = splitFrontMatter(text);
    if (typeof frontMatter !== 'object') return UNSURE;
    yaml = `#--${text.slice(3, frontMatter.end)}`;
  }
  const root = scan(yaml);
  if (root === UNSURE) return UNSURE;
  const kindNode = root.entries.get('kind');
  const kind = kindNode?.t === 'scalar' ? kindNode.value : undefined;
  if (!isKind(kind)) return undefined;
  if (markdown) {
    // a prose section of the body gives its field only where the front matter does not: the scan
    // reads no body, so a section that could give a field the summary holds is left to the parser
    const prefixes = schemas.referencePrefixes(kind);
    for (const section of kindDefinition(kind).proseSections) {
      const key = section.path[0];
      if ((SUMMARY_TEXT.includes(key) || prefixes.has(key)) && !root.entries.has(key)) return UNSURE;
    }
  }
  // only the fields a summary reads are converted to data; the scan has checked the others
  const values = new Map<string, unknown>();
  const field = (key: string): unknown => {
    if (!values.has(key)) {
      const node = root.entries.get(key);
      values.set(key, node && toValue(node));
    }
    return values.get(key);
  };
  const idNode = root.entries.get('id');
  let idRange: Range | undefined;
  if (idNode?.t === 'scalar') {
    idRange = rangeOf(idNode);
    if (!idRange) return UNSURE;
  }
  const references = withReferences ? referencesOf(root, kind, schemas) : [];
  if (references === UNSURE) return UNSURE;
  return summaryOf(uri, kind, field, idRange, references);
}

interface ScanMap {
  t: 'map';
  indent: number;
  entries: Map<string, ScanNode>;
}
interface ScanSeq {
  t: 'seq';
  indent: number;
  items: ScanNode[];
}
interface ScanScalar {
  t: 'scalar';
  value: string | number | boolean | null;
  /** The line the scalar is on, and its start and end on it; line -1 for block scalars and empty values, whose ranges the scan does not compute. */
  line: number;
  start: number;
  end: number;
}
type ScanNode = ScanMap | ScanSeq | ScanScalar;

/** What a line left open: a `key:` or `-` with nothing after it, whose value may be the block below. */
interface Pending {
  parent: ScanMap | ScanSeq;
  key: string | number;
  /** The column of the key (its mapping's indentation) or of the dash (its sequence's). */
  column: number;
}

interface BlockScalar {
  node: ScanScalar;
  /** The indentation of the collection that holds it: its lines are those indented further (and blank lines). */
  parentIndent: number;
  /** Where its header (`|`, `>-`…) starts in the text. */
  start: number;
}

/** The fields a summary's `summary` is read from (summaryOf); a Markdown body may give them. */
const SUMMARY_TEXT = ['summary', 'statement', 'mission'];

/** YAML 1.2 core schema (as `yaml` resolves it): the null, boolean and numeric plain scalars. */
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOLEAN = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const NUMBERS: [RegExp, (source: string) => number][] = [
  [/^0o[0-7]+$/, (source) => Number.parseInt(source.slice(2), 8)],
  [/^[-+]?[0-9]+$/, (source) => Number.parseInt(source, 10)],
  [/^0x[0-9a-fA-F]+$/, (source) => Number.parseInt(source.slice(2), 16)],
  [
    /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    (source) => (source.slice(-3).toLowerCase() === 'nan' ? Number.NaN : source[0] === '-' ? -Infinity : Infinity),
  ],
  [/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, Number.parseFloat],
  [/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, Number.parseFloat],
];

/**
 * A plain scalar's value: a string unless the core schema reads it as something else. Only the
 * patterns that can match its first character are tried (null: `~nN` or empty; booleans: `tTfF`;
 * numbers: `0-9+-.`), in the core schema's order.
 */
function resolve(source: string): string | number | boolean | null {
  if (source === '') return null;
  const first = source.charCodeAt(0);
  if (first === 0x7e /* ~ */ || first === 0x6e /* n */ || first === 0x4e /* N */) return NULL.test(source) ? null : source;
  if (first === 0x74 /* t */ || first === 0x54 /* T */ || first === 0x66 /* f */ || first === 0x46 /* F */) {
    return BOOLEAN.test(source) ? first === 0x74 || first === 0x54 : source;
  }
  if ((first >= 0x30 && first <= 0x39) || first === 0x2b /* + */ || first === 0x2d /* - */ || first === 0x2e /* . */) {
    for (const [pattern, read] of NUMBERS) if (pattern.test(source)) return read(source);
  }
  return source;
}

/** Characters YAML forbids or reads specially (a carriage return is checked apart: only `\r\n` is read). */
const UNREADABLE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\t\ufeff\ufffe\uffff]/;
/** A carriage return that is not part of a `\r\n` line break. */
const LONE_CR = /\r(?!\n)/;
const MAX_DEPTH = 50;
/** What a comment may not hold (the regular expressions' `.` stops there, and the scan read a comment as `#.*`). */
const LINE_SEPARATOR = /[\u2028\u2029]/;

/** The end of `key:` at `at` (a plain key as `[A-Za-z_][A-Za-z0-9_-]*`, then `:` before a space or the line's end), or -1. */
function keyEnd(text: string, at: number, end: number): number {
  let code = text.charCodeAt(at);
  if (at >= end || !((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f)) return -1;
  for (at++; at < end; at++) {
    code = text.charCodeAt(at);
    if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x5f || code === 0x2d) continue;
    break;
  }
  if (at >= end || code !== 0x3a /* : */) return -1;
  return at + 1 < end && text.charCodeAt(at + 1) !== 0x20 ? -1 : at;
}

/** Where the spaces from `at` end (at most `end`). */
function skipSpaces(text: string, at: number, end: number): number {
  while (at < end && text.charCodeAt(at) === 0x20) at++;
  return at;
}

/** Whether a `-` at `at` starts a sequence item (it is followed by a space or the line's end). */
function isDash(text: string, at: number, end: number): boolean {
  return at < end && text.charCodeAt(at) === 0x2d && (at + 1 === end || text.charCodeAt(at + 1) === 0x20);
}

function scan(text: string): ScanMap | typeof UNSURE {
  if (text.length > LIMITS.characters / 2 || UNREADABLE.test(text) || (text.includes('\r') && LONE_CR.test(text))) return UNSURE;
  let root: ScanMap | undefined;
  const stack: (ScanMap | ScanSeq)[] = [];
  let pending: Pending | undefined;
  let block: BlockScalar | undefined;

  const set = (parent: ScanMap | ScanSeq, key: string | number, node: ScanNode): boolean => {
    if (parent.t === 'map') {
      if (typeof key !== 'string' || parent.entries.has(key)) return false; // a duplicate key is an error
      parent.entries.set(key, node);
    } else if (typeof key === 'number') parent.items[key] = node;
    return true;
  };
  /** The collection of type `type` a line at `column` goes in, opening it when the line above left a value open. */
  const place = (column: number, type: 'map' | 'seq'): ScanMap | ScanSeq | undefined => {
    if (pending) {
      const open = pending;
      pending = undefined;
      if (column > open.column || (column === open.column && type === 'seq' && open.parent.t === 'map')) {
        const node: ScanMap | ScanSeq = type === 'map' ? { t: 'map', indent: column, entries: new Map() } : { t: 'seq', indent: column, items: [] };
        if (open.parent.t === 'map') open.parent.entries.set(open.key as string, node);
        else open.parent.items[open.key as number] = node;
        stack.push(node);
        return stack.length > MAX_DEPTH ? undefined : node;
      }
    }
    while (stack.length && stack[stack.length - 1].indent > column) stack.pop();
    let top = stack[stack.length - 1];
    if (top && top.indent === column && top.t !== type && stack.length > 1 && stack[stack.length - 2].indent === column) {
      stack.pop();
      top = stack[stack.length - 1];
    }
    return top && top.indent === column && top.t === type ? top : undefined;
  };
  /** A value after `key: ` or `- `: the text from `from` to `end` (the line's end), at `column` of line `line`; false when the scan cannot read it. */
  const value = (parent: ScanMap | ScanSeq, key: string | number, from: number, end: number, line: number, column: number): boolean => {
    if (from === end || text.charCodeAt(from) === 0x23 /* # */) {
      pending = { parent, key, column: parent.indent };
      return set(parent, key, { t: 'scalar', value: null, line: -1, start: 0, end: 0 });
    }
    const node = scalar(text, from, end, line, column);
    if (node === UNSURE) return false;
    if (node === 'block') {
      const scalarNode: ScanScalar = { t: 'scalar', value: null, line: -1, start: 0, end: 0 };
      block = { node: scalarNode, parentIndent: parent.indent, start: from };
      return set(parent, key, scalarNode);
    }
    return set(parent, key, node);
  };
  /** Read the open block scalar, whose text ends at `end` (the start of the line after it, or the end of the text). */
  const endBlock = (end: number): boolean => {
    const open = block!;
    block = undefined;
    // the block scalar's text as `yaml` reads it: the same characters under a key at the same indentation
    const snippet = `${' '.repeat(open.parentIndent)}k: ${text.slice(open.start, end)}`;
    const document = parseDocument(snippet, YAML_OPTIONS);
    if (document.errors.length) return false;
    const parsed = document.toJS() as unknown;
    if (!isRecord(parsed) || typeof parsed.k !== 'string') return false;
    open.node.value = parsed.k;
    return true;
  };
  /** `key: value` from `at` (where keyEnd found the colon at `colon`), in `map`. */
  const entry = (map: ScanMap, at: number, colon: number, end: number, line: number, lineStart: number): boolean => {
    const key = text.slice(at, colon);
    if (key === '__proto__' || typeof resolve(key) !== 'string') return false;
    const from = skipSpaces(text, colon + 1, end);
    return value(map, key, from, end, line, from - lineStart);
  };

  for (let line = 0, lineStart = 0; lineStart <= text.length; line++) {
    if (line >= LIMITS.lines) return UNSURE;
    let next = text.indexOf('\n', lineStart);
    if (next === -1) next = text.length;
    // a `\r` is only ever before `\n` (LONE_CR)
    const end = next > lineStart && text.charCodeAt(next - 1) === 0x0d ? next - 1 : next;
    const at = skipSpaces(text, lineStart, end);
    const indent = at - lineStart;
    const blank = at === end;
    const here = lineStart;
    lineStart = next + 1;
    if (block) {
      if (blank || indent > block.parentIndent) continue;
      if (!endBlock(here)) return UNSURE;
    }
    if (blank || text.charCodeAt(at) === 0x23 /* # */) continue;
    if (isDash(text, at, end)) {
      const seq = place(indent, 'seq');
      if (seq?.t !== 'seq') return UNSURE;
      const index = seq.items.length;
      const from = skipSpaces(text, at + 1, end);
      const colon = keyEnd(text, from, end);
      if (colon !== -1) {
        // `- key: value`: a mapping at the key's column, the item's value
        const map: ScanMap = { t: 'map', indent: from - here, entries: new Map() };
        seq.items.push(map);
        stack.push(map);
        if (stack.length > MAX_DEPTH) return UNSURE;
        if (!entry(map, from, colon, end, line, here)) return UNSURE;
        continue;
      }
      if (isDash(text, from, end)) return UNSURE; // `- - x`
      seq.items.push(EMPTY);
      if (!value(seq, index, from, end, line, from - here)) return UNSURE;
      continue;
    }
    const colon = keyEnd(text, at, end);
    if (colon === -1) return UNSURE;
    if (!root) {
      if (indent !== 0) return UNSURE;
      root = { t: 'map', indent: 0, entries: new Map() };
      stack.push(root);
    }
    const map = place(indent, 'map');
    if (map?.t !== 'map' || !entry(map, at, colon, end, line, here)) return UNSURE;
  }
  if (block && !endBlock(text.length)) return UNSURE;
  return root ?? UNSURE;
}

/** A placeholder item, replaced at once by the item's value. */
const EMPTY: ScanScalar = { t: 'scalar', value: null, line: -1, start: 0, end: 0 };

/** A scalar on one line, from `from` to `end` (the line's end) at `column`; 'block' for a block scalar's header. */
function scalar(text: string, from: number, end: number, line: number, column: number): ScanScalar | 'block' | typeof UNSURE {
  const first = text[from];
  if (first === '"' || first === "'") {
    let close = -1;
    for (let at = from + 1; at < end; at++) {
      if (text[at] !== first) continue;
      if (first === "'" && at + 1 < end && text[at + 1] === "'") {
        at++;
        continue;
      }
      close = at;
      break;
    }
    if (close === -1) return UNSURE;
    // after the closing quote: spaces, or spaces and a comment
    const after = skipSpaces(text, close + 1, end);
    if (after < end && (after === close + 1 || text.charCodeAt(after) !== 0x23 || LINE_SEPARATOR.test(text.slice(after, end)))) return UNSURE;
    const body = text.slice(from + 1, close);
    if (first === '"' && body.includes('\\')) return UNSURE;
    const value = first === "'" ? body.replace(/''/g, "'") : body;
    return { t: 'scalar', value, line, start: column, end: column + close + 1 - from };
  }
  if (first === '|' || first === '>') return 'block';
  if (INDICATORS.includes(first)) return UNSURE;
  const rest = text.slice(from, end);
  const comment = rest.indexOf(' #');
  const source = (comment === -1 ? rest : rest.slice(0, comment)).trimEnd();
  if (source.includes(': ') || source.endsWith(':')) return UNSURE;
  return { t: 'scalar', value: resolve(source), line, start: column, end: column + source.length };
}

function rangeOf(node: ScanScalar): Range | undefined {
  return node.line === -1 ? undefined : { start: { line: node.line, character: node.start }, end: { line: node.line, character: node.end } };
}

function toValue(node: ScanNode): unknown {
  if (node.t === 'scalar') return node.value;
  if (node.t === 'seq') return node.items.map(toValue);
  const object: Record<string, unknown> = {};
  for (const [key, child] of node.entries) object[key] = toValue(child);
  return object;
}

/** The scan's references: what `collectReferences` finds in the parsed tree, walked the same way. */
function referencesOf(root: ScanMap, kind: NonNullable<DocumentSummary['kind']>, schemas: Schemas): Reference[] | typeof UNSURE {
  const references: Reference[] = [];
  const prefixes = schemas.referencePrefixes(kind);
  // a branch whose pattern is not a prefix of a reference's is not walked (nor its path built)
  const visit = (node: ScanNode, path: Path, pattern: string): boolean => {
    if (node.t === 'map') {
      for (const [key, child] of node.entries) {
        const below = pattern === '' ? key : `${pattern}/${key}`;
        if (prefixes.has(below) && !visit(child, [...path, key], below)) return false;
      }
    } else if (node.t === 'seq') {
      const below = pattern === '' ? '*' : `${pattern}/*`;
      if (!prefixes.has(below)) return true;
      for (let index = 0; index < node.items.length; index++) if (!visit(node.items[index], [...path, index], below)) return false;
    } else if (typeof node.value === 'string' && node.value !== '') {
      const target = schemas.referenceAt(kind, path);
      if (!target) return true;
      const range = rangeOf(node);
      if (!range) return false; // a block scalar naming a document: left to the full parse
      references.push({ kind: target, id: node.value, path, range });
    }
    return true;
  };
  return visit(root, [], '') ? references : UNSURE;
}

import { parseDocument } from 'yaml';
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
export function lightSummary(uri: string, text: string, schemas: Schemas): DocumentSummary | undefined | typeof UNSURE {
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
    if (!idNode.range) return UNSURE;
    idRange = idNode.range;
  }
  const references = referencesOf(root, kind, schemas);
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
  /** Where the scalar is; absent for block scalars and empty values, whose ranges the scan does not compute. */
  range?: Range;
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

/** YAML 1.2 core schema (as `yaml` resolves it): the plain scalars that are null, booleans and numbers. */
const CORE_TAGS: [RegExp, (source: string) => null | boolean | number][] = [
  [/^(?:~|[Nn]ull|NULL)?$/, () => null],
  [/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (source) => source[0] === 't' || source[0] === 'T'],
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

/** A plain scalar's value: a string unless the core schema reads it as something else. */
function resolve(source: string): string | number | boolean | null {
  // every pattern above starts with one of these (or matches the empty text)
  if (source !== '' && !MAY_NOT_BE_A_STRING.test(source)) return source;
  for (const [pattern, read] of CORE_TAGS) if (pattern.test(source)) return read(source);
  return source;
}

const MAY_NOT_BE_A_STRING = /^[~nNtTfF0-9+.-]/;

const KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +|$)/;
const DASH = /^-(?: +|$)/;
/** Characters YAML forbids or reads specially, and the carriage return of a line break that is not `\r\n`. */
const UNREADABLE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\t\ufeff\ufffe\uffff]|\r(?!\n)/;
/** A plain scalar may not start with these (some may, followed by a letter: the scan leaves those to the parser). */
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`]/;
const AFTER_QUOTE = /^(?: +#.*| *)$/;
const MAX_DEPTH = 50;

function scan(text: string): ScanMap | typeof UNSURE {
  if (text.length > LIMITS.characters / 2 || UNREADABLE.test(text)) return UNSURE;
  const lines = text.split('\n');
  if (lines.length > LIMITS.lines) return UNSURE;
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
  /** A value after `key: ` or `- `, at `column` of line `line`; false when the scan cannot read it. */
  const value = (parent: ScanMap | ScanSeq, key: string | number, rest: string, line: number, column: number): boolean => {
    if (rest === '' || rest[0] === '#') {
      pending = { parent, key, column: parent.indent };
      return set(parent, key, { t: 'scalar', value: null });
    }
    const node = scalar(rest, line, column);
    if (node === UNSURE) return false;
    if (node === 'block') {
      const scalarNode: ScanScalar = { t: 'scalar', value: null };
      block = { node: scalarNode, parentIndent: parent.indent, start: lineStart + column };
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

  let lineStart = 0;
  for (let line = 0, next = 0; line < lines.length; line++, lineStart = next) {
    let lineText = lines[line];
    next = lineStart + lineText.length + 1;
    if (lineText.endsWith('\r')) lineText = lineText.slice(0, -1);
    let indent = 0;
    while (lineText.charCodeAt(indent) === 32) indent++;
    const blank = indent === lineText.length;
    if (block) {
      if (blank || indent > block.parentIndent) continue;
      if (!endBlock(lineStart)) return UNSURE;
    }
    if (blank || lineText[indent] === '#') continue;
    let column = indent;
    let rest = lineText.slice(indent);
    const dash = DASH.exec(rest);
    if (dash) {
      const seq = place(column, 'seq');
      if (seq?.t !== 'seq') return UNSURE;
      const at = seq.items.length;
      column += dash[0].length;
      rest = rest.slice(dash[0].length);
      if (KEY.test(rest)) {
        // `- key: value`: a mapping at the key's column, the item's value
        const map: ScanMap = { t: 'map', indent: column, entries: new Map() };
        seq.items.push(map);
        stack.push(map);
        if (stack.length > MAX_DEPTH) return UNSURE;
        if (!entry(map, rest, line, column)) return UNSURE;
        continue;
      }
      if (DASH.test(rest)) return UNSURE; // `- - x`
      seq.items.push({ t: 'scalar', value: null });
      if (!value(seq, at, rest, line, column)) return UNSURE;
      continue;
    }
    if (!KEY.test(rest)) return UNSURE;
    if (!root) {
      if (column !== 0) return UNSURE;
      root = { t: 'map', indent: 0, entries: new Map() };
      stack.push(root);
    }
    const map = place(column, 'map');
    if (map?.t !== 'map' || !entry(map, rest, line, column)) return UNSURE;
  }
  if (block && !endBlock(text.length)) return UNSURE;
  return root ?? UNSURE;

  function entry(map: ScanMap, rest: string, line: number, column: number): boolean {
    const match = KEY.exec(rest)!;
    const key = match[1];
    if (key === '__proto__' || typeof resolve(key) !== 'string') return false;
    return value(map, key, rest.slice(match[0].length), line, column + match[0].length);
  }
}

/** A scalar on one line, starting at `column`; 'block' for a block scalar's header. */
function scalar(rest: string, line: number, column: number): ScanScalar | 'block' | typeof UNSURE {
  const first = rest[0];
  if (first === '"' || first === "'") {
    let end = -1;
    for (let at = 1; at < rest.length; at++) {
      if (rest[at] !== first) continue;
      if (first === "'" && rest[at + 1] === "'") {
        at++;
        continue;
      }
      end = at;
      break;
    }
    if (end === -1 || !AFTER_QUOTE.test(rest.slice(end + 1))) return UNSURE;
    const body = rest.slice(1, end);
    if (first === '"' && body.includes('\\')) return UNSURE;
    const value = first === "'" ? body.replace(/''/g, "'") : body;
    return { t: 'scalar', value, range: onLine(line, column, column + end + 1) };
  }
  if (first === '|' || first === '>') return 'block';
  if (INDICATOR.test(rest)) return UNSURE;
  const comment = rest.indexOf(' #');
  const source = (comment === -1 ? rest : rest.slice(0, comment)).trimEnd();
  if (source.includes(': ') || source.endsWith(':')) return UNSURE;
  return { t: 'scalar', value: resolve(source), range: onLine(line, column, column + source.length) };
}

function onLine(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
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
  const visit = (node: ScanNode, path: Path, pattern: string): boolean => {
    if (pattern !== '' && !prefixes.has(pattern)) return true;
    const below = (segment: string) => (pattern === '' ? segment : `${pattern}/${segment}`);
    if (node.t === 'map') {
      for (const [key, child] of node.entries) if (!visit(child, [...path, key], below(key))) return false;
    } else if (node.t === 'seq') {
      for (let index = 0; index < node.items.length; index++) if (!visit(node.items[index], [...path, index], below('*'))) return false;
    } else if (typeof node.value === 'string' && node.value !== '') {
      const target = schemas.referenceAt(kind, path);
      if (!target) return true;
      if (!node.range) return false; // a block scalar naming a document: left to the full parse
      references.push({ kind: target, id: node.value, path, range: node.range });
    }
    return true;
  };
  return visit(root, [], '') ? references : UNSURE;
}

import {
  Composer,
  Document,
  isScalar,
  type DocumentOptions,
  type ParseOptions,
  type Pair,
  type Scalar,
  type SchemaOptions,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { makeMap, makePair, makeScalar, makeSeq, nodePrototypes, type NodePrototypes } from './yamlNodes';

/**
 * A single-pass parser for the block subset of YAML that charter documents are written in, for
 * `parseYaml` (parse.ts): it builds the Document that `parseDocument(text, options)` builds, of
 * yaml's own classes (Document, YAMLMap, YAMLSeq, Pair, Scalar; the nodes made without their
 * constructors, yamlNodes.ts), and the value its `toJS` gives,
 * in one walk over the lines instead of yaml's lexer, CST parser and composer. Whenever the text
 * leaves the subset, or anything is uncertain, it returns undefined and the caller parses with yaml.
 *
 * The subset: block mappings with plain keys at one indentation per level; block sequences of
 * `- value` and `- key: value` items (a compact mapping); single-line plain, single-quoted and
 * double-quoted (without `\`) scalars; empty values (`key:`); full-line and trailing comments;
 * blank lines; LF or CRLF line ends. Refused: tabs, a BOM or control characters anywhere; flow
 * collections, anchors, aliases, tags, block scalars, directives and document markers, `?` keys,
 * quoted keys, multi-line scalars, empty sequence items, a sequence at its key's indentation, keys
 * that do not resolve to a string, `__proto__`, duplicate keys; anything yaml would warn about.
 *
 * Node ranges (all three numbers) follow where yaml's CST parser puts comment and blank lines: a
 * comment line indented deeper than its collection after a scalar extends the scalar's range; other
 * comment lines end with the innermost collection they are not less indented than, or with the
 * document; the blank and comment lines after an empty value belong to it (`Empty`, settled at the
 * next content line). test/unit/fastYaml.test.ts checks every node against yaml's on the examples,
 * the fixtures, the bench documents and generated texts.
 *
 * Comments are the one thing not reproduced: the nodes' `comment`, `commentBefore` and
 * `spaceBefore`, and the document's `comment` and `commentBefore`, are left unset. Nothing
 * downstream reads them (server/src reads yaml comments only through the lexer, in
 * `readDirectives`; incrementalParse.ts copies them only between the documents it parsed itself).
 */

export interface FastParse {
  readonly yaml: Document.Parsed;
  /** What `yaml.toJS()` gives. */
  readonly value: unknown;
}

type Options = ParseOptions & DocumentOptions & SchemaOptions;

interface Frame {
  readonly map: boolean;
  readonly indent: number;
  readonly node: YAMLMap | YAMLSeq;
  readonly js: Record<string, unknown> | unknown[];
  readonly start: number;
  /** The value of the last item: the collection's range ends where it ends. */
  last: Scalar | YAMLMap | YAMLSeq | undefined;
  /** Where a trailing comment line kept by this collection ends (yaml's `commentEnd`), or -1. */
  commentEnd: number;
}

/** The empty value of a `key:` line, until the next content line says where it ends. */
interface Empty {
  readonly scalar: Scalar;
  /** The collection holding the pair. */
  readonly frame: Frame;
  /** Offsets of the newline tokens after the last comment indented deeper than the mapping (yaml's `nl`). */
  newlines: number[];
  /** The first comment after the `:`, or Infinity. */
  comment: number;
}

const SCALAR_TAG = Symbol.for('yaml.scalar');
/** A plain key: conservative (no spaces, quotes or indicators), so that it never needs the lexer. */
const KEY = /^[A-Za-z0-9_$][A-Za-z0-9_$./-]*$/;
/**
 * YAML's indicators: a plain scalar may not start with one (some may, followed by a letter), in
 * block context. The light scan (lightScan.ts) leaves a value starting with one to the parser.
 */
export const INDICATORS = '-?:,[]{}#&*!|>\'"%@`';
const NOT_PLAIN_START = new Set([...INDICATORS]);

export function fastParseYaml(text: string, options: Options): FastParse | undefined {
  if (!text || text.charCodeAt(0) === 0xfeff || /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x85\u2028\u2029\ufeff\t]|\r(?!\n)/.test(text)) return undefined;
  // as parseDocument makes it: the document's options hold its composer's directives
  const directives = new Composer(options).streamInfo().directives;
  const doc = new Document(undefined, { _directives: directives, ...options } as Options) as Document.Parsed;
  const schema = doc.schema;
  const nodes = prototypesFor(options, schema);
  const context: Context = { schema, options: doc.options, core: options.schema === 'core' && !options.customTags, nodes };
  const stack: Frame[] = [];
  let root: Frame | undefined;
  // what the last content line ended with: a scalar value, an empty value, or a collection's key
  let tail: Scalar | undefined;
  let tailFrame: Frame | undefined;
  let empty: Empty | undefined;
  // the trivia (blank and comment lines) after a scalar: yaml's key-less item after it
  let absorbing = true;
  let triviaStart = -1;
  let triviaComment = -1;

  /** Close collections deeper than `indent`; the pending trivia item (ending at `end`) goes to the first one that keeps it. */
  const popTo = (indent: number, end: number): boolean => {
    while (stack.length && stack[stack.length - 1].indent > indent) {
      const frame = stack.pop()!;
      if (triviaStart >= 0 && frame.indent !== 0 && triviaComment >= frame.indent) {
        frame.commentEnd = end;
        triviaStart = -1;
      }
      if (!frame.last) return false;
      const valueEnd = frame.last.range![2];
      frame.node.range = [frame.start, valueEnd, frame.commentEnd >= 0 ? frame.commentEnd : valueEnd];
      if (stack.length) stack[stack.length - 1].last = frame.node;
    }
    return true;
  };

  /** A new collection starting at `offset` (column `indent`); the caller makes it the value of its item. */
  const open = (map: boolean, indent: number, offset: number): Frame => {
    const node = map ? makeMap(nodes) : makeSeq(nodes);
    const frame: Frame = { map, indent, node, js: map ? {} : [], start: offset, last: undefined, commentEnd: -1 };
    stack.push(frame);
    return frame;
  };

  for (let lineStart = 0; lineStart < text.length; ) {
    let newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline + 1;
    if (newline === -1) newline = text.length;
    else if (text.charCodeAt(newline - 1) === 13) newline--; // the newline token is `\r\n`
    let at = lineStart;
    while (text.charCodeAt(at) === 32) at++;
    const column = at - lineStart;

    if (at === newline || text.charCodeAt(at) === 35 /* # */) {
      // a blank or comment line
      const comment = at !== newline;
      if (!root) {
        lineStart = lineEnd;
        continue;
      }
      if (empty) {
        if (comment && column > empty.frame.indent) empty.newlines = [];
        if (comment && empty.comment === Infinity) empty.comment = at;
        if (lineEnd !== newline) empty.newlines.push(newline);
      } else if (comment && absorbing && column > tailFrame!.indent) {
        tail!.range![2] = lineEnd; // yaml's atIndentedComment: the comment joins the scalar's end
        triviaStart = -1;
      } else {
        if (triviaStart < 0) triviaStart = lineStart;
        if (comment) {
          absorbing = false;
          if (column > triviaComment) triviaComment = column;
        }
      }
      lineStart = lineEnd;
      continue;
    }

    // a content line: first settle where the previous one's trailing tokens end
    if (!root) {
      if (column !== 0) return undefined;
    } else if (empty) {
      const frame = empty.frame;
      if (column > frame.indent) {
        // the value is a collection starting on this line: the empty value is dropped below
      } else {
        let end = empty.comment === Infinity ? -1 : at;
        if (column === frame.indent && empty.newlines.length >= 2) end = empty.comment < empty.newlines[1] ? empty.newlines[1] : -1;
        if (end >= 0) empty.scalar.range![2] = end;
        empty = undefined;
      }
    } else {
      if (column > tailFrame!.indent) return undefined; // a scalar continued, or a bad indentation
      if (column > 0 && triviaStart < 0) triviaStart = lineStart;
    }

    let frame: Frame;
    const isItem = text.charCodeAt(at) === 45 /* - */ && (at + 1 === newline || text.charCodeAt(at + 1) === 32);
    if (empty) {
      // the first line of a collection that is the value of `key:`
      const parentFrame = empty.frame;
      const pair = (parentFrame.node as YAMLMap).items[(parentFrame.node as YAMLMap).items.length - 1] as Pair<Scalar, unknown>;
      empty = undefined;
      frame = open(!isItem, column, at);
      pair.value = frame.node;
      (parentFrame.js as Record<string, unknown>)[pair.key.value as string] = frame.js;
    } else if (!root) {
      frame = open(!isItem, 0, at);
      root = frame;
    } else {
      if (!popTo(column, at)) return undefined;
      triviaStart = -1;
      if (!stack.length) return undefined;
      frame = stack[stack.length - 1];
      if (frame.indent !== column || frame.map === isItem) return undefined;
    }
    absorbing = true;
    triviaComment = -1;

    // the line itself: `- ` items (a value or a compact mapping), then `key:` and a value
    let lineFrame = frame;
    if (isItem) {
      at++;
      while (text.charCodeAt(at) === 32) at++;
      if (at === newline || text.charCodeAt(at) === 35) return undefined; // an empty item, or one on the next lines
      const colon = keyColon(text, at, newline);
      if (colon === -1) {
        const scalar = scalarAt(text, at, newline, lineEnd, context);
        if (!scalar) return undefined;
        (frame.node as YAMLSeq).items.push(scalar);
        (frame.js as unknown[]).push(scalar.value);
        frame.last = scalar;
        tail = scalar;
        tailFrame = frame;
        lineStart = lineEnd;
        continue;
      }
      const map = open(true, at - lineStart, at);
      (frame.node as YAMLSeq).items.push(map.node);
      (frame.js as unknown[]).push(map.js);
      frame.last = map.node;
      lineFrame = map;
    }
    const colon = keyColon(text, at, newline);
    if (colon === -1) return undefined;
    const keyText = text.slice(at, colon);
    if (!KEY.test(keyText) || keyText === '__proto__' || keyText.length > 1000) return undefined;
    const key = composeScalar(keyText, 'PLAIN', [at, colon, colon], true, context);
    if (!key || typeof key.value !== 'string') return undefined;
    const js = lineFrame.js as Record<string, unknown>;
    if (Object.hasOwn(js, keyText)) return undefined; // yaml: DUPLICATE_KEY
    let value = colon + 1;
    while (text.charCodeAt(value) === 32) value++;
    if (value === newline || text.charCodeAt(value) === 35) {
      // `key:` (maybe with a comment): an empty value, or a collection on the next lines
      const scalar = composeScalar('', 'PLAIN', [value, value, value], false, context)!;
      const pair = makePair(nodes, key, scalar);
      (lineFrame.node as YAMLMap).items.push(pair);
      js[keyText] = scalar.value;
      lineFrame.last = scalar;
      empty = { scalar, frame: lineFrame, newlines: lineEnd !== newline ? [newline] : [], comment: value === newline ? Infinity : value };
      tail = undefined;
      tailFrame = lineFrame;
    } else {
      const scalar = scalarAt(text, value, newline, lineEnd, context);
      if (!scalar) return undefined;
      (lineFrame.node as YAMLMap).items.push(makePair(nodes, key, scalar));
      js[keyText] = scalar.value;
      lineFrame.last = scalar;
      tail = scalar;
      tailFrame = lineFrame;
    }
    lineStart = lineEnd;
  }
  if (!root) return undefined;

  // the end of the text: an empty value keeps everything after it; other trivia end a collection or the document
  if (empty) {
    if (empty.comment !== Infinity) empty.scalar.range![2] = text.length;
  }
  if (!popTo(-1, text.length)) return undefined;
  const docEnd = triviaStart >= 0 ? text.length : root.node.range![2];
  doc.contents = root.node as YAMLMap.Parsed;
  doc.range = [root.start, root.node.range![2], docEnd];
  return { yaml: doc, value: root.js };
}

/**
 * The prototypes of the nodes parsed with `options` (yamlNodes.ts): made once, with the schema of
 * the first document parsed with them (every parse with the same options makes an equal one), as
 * incrementalParse.ts's copies do. Prototypes made per document cost more than the constructors
 * they replace: each new prototype is new to the engine, and every node made from it too.
 */
const PROTOTYPES = new WeakMap<Options, NodePrototypes>();
function prototypesFor(options: Options, schema: Document['schema']): NodePrototypes {
  let nodes = PROTOTYPES.get(options);
  if (!nodes) PROTOTYPES.set(options, (nodes = nodePrototypes(schema)));
  return nodes;
}

/**
 * Where the `:` of a `key: value` line starting at `from` is, or -1 when the line is not one: the
 * first `:` followed by a space or the line end, before any ` #` (a quoted key is never one here).
 */
function keyColon(text: string, from: number, end: number): number {
  const first = text.charCodeAt(from);
  if (first === 34 || first === 39) return -1;
  for (let at = from; at < end; at++) {
    const char = text.charCodeAt(at);
    if (char === 58 /* : */ && (at + 1 === end || text.charCodeAt(at + 1) === 32)) return at;
    if (char === 35 /* # */ && at > from && text.charCodeAt(at - 1) === 32) return -1;
  }
  return -1;
}

/**
 * The scalar that starts at `from` and is all that is left of its line (but trailing spaces and a
 * comment), or undefined when it is not a single-line scalar of the subset.
 */
function scalarAt(text: string, from: number, end: number, lineEnd: number, context: Context): Scalar | undefined {
  const first = text[from];
  let close: number;
  let source: string;
  let type: Scalar.Type;
  if (first === '"' || first === "'") {
    close = from + 1;
    for (;;) {
      close = text.indexOf(first, close);
      if (close === -1 || close >= end) return undefined;
      if (first === "'" && text[close + 1] === "'") close += 2;
      else break;
    }
    close++;
    const inner = text.slice(from + 1, close - 1);
    if (first === '"' && inner.includes('\\')) return undefined;
    source = first === "'" ? inner.replaceAll("''", "'") : inner;
    type = first === '"' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE';
    let after = close;
    while (text.charCodeAt(after) === 32) after++;
    if (after !== end && (text.charCodeAt(after) !== 35 || after === close)) return undefined;
  } else {
    if (NOT_PLAIN_START.has(first) && !(first === '-' && from + 1 < end && !' :#'.includes(text[from + 1]) && !NOT_PLAIN_START.has(text[from + 1])))
      return undefined;
    // a ` #` starts a comment (searched for on this line only: indexOf would scan the whole text)
    let comment = from;
    while (comment < end && !(text.charCodeAt(comment) === 35 && text.charCodeAt(comment - 1) === 32)) comment++;
    close = comment;
    while (text.charCodeAt(close - 1) === 32) close--;
    source = text.slice(from, close);
    // a `: ` or a final `:` would make a mapping of it: yaml reports that
    if (source.includes(': ') || source.endsWith(':')) return undefined;
    type = 'PLAIN';
  }
  return composeScalar(source, type, [from, close, lineEnd], false, context);
}

/** yaml's composeScalar (compose-scalar.js) for an untagged scalar: the core schema's tag by test. */
function composeScalar(source: string, type: Scalar.Type, range: [number, number, number], atKey: boolean, context: Context): Scalar | undefined {
  const tag = type === 'PLAIN' ? tagByTest(source, atKey, context) : stringTag(context.schema);
  let failed = false;
  const resolved = tag.resolve(source, () => (failed = true), context.options);
  if (failed) return undefined;
  const scalar = isScalar(resolved) ? (resolved as Scalar) : makeScalar(context.nodes, resolved);
  scalar.range = range;
  scalar.source = source;
  scalar.type = type;
  if (tag.format) scalar.format = tag.format;
  return scalar;
}

/** yaml's findScalarTagByTest: the first default tag whose test matches, or the string tag. */
function tagByTest(source: string, atKey: boolean, { schema, core }: Context): ScalarTag {
  // In the core schema only these characters start a null, boolean, integer or float (the tests
  // of yaml/dist/schema/core/schema.js): the tests of a word are skipped.
  if (core && source && !CORE_NOT_STRING_START.has(source[0])) return stringTag(schema);
  for (const tag of schema.tags as unknown as ScalarTag[]) {
    if ((tag.default === true || (atKey && tag.default === 'key')) && tag.test?.test(source)) return tag;
  }
  return stringTag(schema);
}

const CORE_NOT_STRING_START = new Set([...'~nNtTfF0123456789+-.']);

function stringTag(schema: Document['schema']): ScalarTag {
  return (schema as unknown as Record<symbol, ScalarTag>)[SCALAR_TAG];
}

/** What composing a scalar reads: the document's schema and options; `core`: the core schema alone. */
interface Context {
  readonly schema: Document['schema'];
  readonly options: Document['options'];
  readonly core: boolean;
  /** Prototypes for the nodes (yamlNodes.ts): yaml's constructors cost a fifth of this parse. */
  readonly nodes: NodePrototypes;
}

interface ScalarTag {
  readonly default?: boolean | 'key';
  readonly test?: RegExp;
  readonly format?: string;
  resolve(value: string, onError: (message: string) => void, options: unknown): unknown;
}

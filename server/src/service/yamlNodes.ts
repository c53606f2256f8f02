import { Pair, Scalar, YAMLMap, YAMLSeq, type Document } from 'yaml';

/**
 * yaml's nodes made without yaml's constructors, for the two places that build many of them:
 * fastYaml.ts's parse and incrementalParse.ts's copies of moved items. Each constructor gives its
 * node the node type with `Object.defineProperty` (a collection its schema too), which was the
 * largest part of building a small node. Here a node's prototype is its class's prototype extended
 * with the node type (a collection's also with the schema), so `isScalar` and yaml's other tests,
 * `instanceof`, the class's methods and `constructor` read as on a node yaml made, and its own
 * properties are the ones yaml's would have: `value` on a scalar, `key` and `value` on a pair,
 * `items` on a collection, then whatever the caller sets.
 */
export const NODE_TYPE = Symbol.for('yaml.node.type');
export const SCALAR = Symbol.for('yaml.scalar');
export const MAP = Symbol.for('yaml.map');
export const SEQ = Symbol.for('yaml.seq');
export const PAIR = Symbol.for('yaml.pair');

export interface NodePrototypes {
  readonly scalar: object;
  readonly map: object;
  readonly seq: object;
  readonly pair: object;
}

/** The prototypes of nodes whose collections belong to `schema`: made once, not per document (a new prototype is new to the engine, and so is every node made from it). */
export function nodePrototypes(schema: Document['schema']): NodePrototypes {
  const marked = (prototype: object, type: symbol, withSchema: boolean) =>
    Object.create(prototype, {
      [NODE_TYPE]: { value: type },
      ...(withSchema ? { schema: { value: schema, configurable: true, writable: true } } : {}),
    }) as object;
  return {
    scalar: marked(Scalar.prototype, SCALAR, false),
    map: marked(YAMLMap.prototype, MAP, true),
    seq: marked(YAMLSeq.prototype, SEQ, true),
    pair: marked(Pair.prototype, PAIR, false),
  };
}

export function makeScalar(prototypes: NodePrototypes, value: unknown): Scalar {
  const scalar = Object.create(prototypes.scalar) as Scalar;
  scalar.value = value;
  return scalar;
}

export function makeMap(prototypes: NodePrototypes): YAMLMap {
  const map = Object.create(prototypes.map) as YAMLMap;
  map.items = [];
  return map;
}

export function makeSeq(prototypes: NodePrototypes): YAMLSeq {
  const seq = Object.create(prototypes.seq) as YAMLSeq;
  seq.items = [];
  return seq;
}

export function makePair<K, V>(prototypes: NodePrototypes, key: K, value: V): Pair<K, V> {
  const pair = Object.create(prototypes.pair) as Pair<K, V>;
  pair.key = key;
  pair.value = value;
  return pair;
}

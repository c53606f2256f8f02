import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats, { type FormatName } from 'ajv-formats';
import common from '../../../schemas/common.schema.json';
import config from '../../../schemas/charters.config.schema.json';
import { KIND_DEFINITIONS, kindDefinition } from './kinds';
import { PRECOMPILED } from './precompiledValidators';
import compiler from './schemaCompiler.json';
import type { Kind } from './types';

/** The JSON Schema subset we read for messages, completion and hover. */
export interface FieldSchema {
  title?: string;
  description?: string;
  examples?: unknown[];
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  properties?: Record<string, FieldSchema>;
  required?: string[];
  items?: FieldSchema;
  if?: FieldSchema;
  then?: FieldSchema;
  else?: FieldSchema;
  $ref?: string;
  minimum?: number;
  maximum?: number;
  'x-hint'?: string;
  'x-placeholder'?: unknown;
  'x-reference'?: Kind;
}

const CONFIG_ID = (config as { $id: string }).$id;

/**
 * The schemas and their validators. The bundles carry the validators compiled when they were built
 * (precompiledValidators.ts); without them (the unit tests run the sources) each is compiled with
 * ajv on first use, so a server that only ever sees roles never pays for the strategy schema.
 */
export class Schemas {
  private ajvInstance: Ajv | undefined;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly referenceKinds = new Map<string, Kind | null>();
  private readonly prefixes = new Map<Kind, Set<string>>();
  /** `common.schema.json#/definitions/text` → that definition, as ajv resolves it (test/unit/schemas.test.ts). */
  private readonly definitions = new Map<string, FieldSchema>();
  private readonly schemas = [common, ...KIND_DEFINITIONS.map((definition) => definition.schema), config] as {
    $id: string;
    definitions?: Record<string, FieldSchema>;
  }[];

  /** `precompiled`: validators by schema `$id`, as the bundles carry them; the tests pass none to compile at run time. */
  constructor(private readonly precompiled: Readonly<Record<string, ValidateFunction>> | undefined = PRECOMPILED) {
    // ajv.getSchema would compile a validator only to hand back the definition: look it up instead
    for (const schema of this.schemas) {
      for (const [name, definition] of Object.entries(schema.definitions ?? {})) {
        if (definition.$ref === undefined) this.definitions.set(`${schema.$id}#/definitions/${name}`, definition);
      }
    }
  }

  /** ajv with every schema registered, made when a validator must be compiled or a `$ref` resolved through it. */
  private get ajv(): Ajv {
    if (!this.ajvInstance) {
      // our own schemas are checked against the meta-schema by the tests, not at every start
      const ajv = new Ajv(compiler.options);
      addFormats(ajv, compiler.formats as FormatName[]);
      ajv.addVocabulary(compiler.vocabulary);
      ajv.addSchema(this.schemas);
      this.ajvInstance = ajv;
    }
    return this.ajvInstance;
  }

  root(kind: Kind): FieldSchema {
    return kindDefinition(kind).schema;
  }

  validate(kind: Kind | 'config', value: unknown): ErrorObject[] {
    const id = kind === 'config' ? CONFIG_ID : kindDefinition(kind).schema.$id;
    let validator = this.validators.get(id);
    if (!validator) {
      validator = this.precompiled?.[id] ?? this.ajv.getSchema(id);
      if (!validator) throw new Error(`schema ${id} is not registered`);
      this.validators.set(id, validator);
    }
    return validator(value) ? [] : [...(validator.errors ?? [])];
  }

  /** Follow `$ref`s so callers see the field's own description, hint and placeholder. */
  resolve(schema: FieldSchema | undefined): FieldSchema | undefined {
    let current = schema;
    for (let depth = 0; current?.$ref && depth < 10; depth++) {
      const target = this.definitions.get(current.$ref) ?? (this.ajv.getSchema(current.$ref)?.schema as FieldSchema | undefined);
      current = target ? { ...target, ...withoutRef(current) } : undefined;
    }
    return current;
  }

  /** The schema of the value at `path` inside a document of `kind`, as far as it can be told. */
  at(kind: Kind, path: (string | number)[], value?: unknown): FieldSchema | undefined {
    let schema = this.resolve(this.root(kind));
    let data: unknown = value;
    for (const segment of path) {
      if (!schema) return undefined;
      schema = this.branch(schema, data);
      if (typeof segment === 'number') {
        schema = this.resolve(schema?.items);
        data = Array.isArray(data) ? data[segment] : undefined;
      } else {
        schema = this.resolve(schema?.properties?.[segment]);
        data = isRecord(data) ? data[segment] : undefined;
      }
    }
    return schema && this.branch(schema, data);
  }

  /** The kind of document a string at `path` refers to, from the schema's `x-reference`. */
  referenceAt(kind: Kind, path: (string | number)[], pattern?: string): Kind | undefined {
    // `pattern`: the path with list indexes as `*`, when the caller has it already (a walk builds it as it goes)
    const key = `${kind}/${pattern ?? path.map((segment) => (typeof segment === 'number' ? '*' : segment)).join('/')}`;
    let target = this.referenceKinds.get(key);
    if (target === undefined) {
      const schema = this.at(
        kind,
        path.map((segment) => (typeof segment === 'number' ? 0 : segment)),
        stringAt(path),
      );
      target = schema?.['x-reference'] ?? null;
      this.referenceKinds.set(key, target);
    }
    return target ?? undefined;
  }

  /**
   * Every path pattern (`tracks/*\/roles`, list indexes as `*`) that leads to a field with
   * `x-reference`, so a walk for references can skip every other branch of a document.
   */
  referencePrefixes(kind: Kind): Set<string> {
    let found = this.prefixes.get(kind);
    if (found) return found;
    const result = new Set<string>();
    const walk = (schema: FieldSchema | undefined, pattern: string[], depth: number): void => {
      const resolved = this.resolve(schema);
      if (!resolved || depth > 12) return;
      if (resolved['x-reference']) pattern.forEach((_segment, index) => result.add(pattern.slice(0, index + 1).join('/')));
      for (const [key, child] of Object.entries(resolved.properties ?? {})) walk(child, [...pattern, key], depth + 1);
      if (resolved.items) walk(resolved.items, [...pattern, '*'], depth + 1);
      if (resolved.then) walk(resolved.then, pattern, depth + 1);
      if (resolved.else) walk(resolved.else, pattern, depth + 1);
    };
    walk(this.root(kind), [], 0);
    found = result;
    this.prefixes.set(kind, found);
    return found;
  }

  /** For `if: {type: string}` unions: the branch that matches the value (the object one by default). */
  branch(schema: FieldSchema, data: unknown): FieldSchema {
    if (schema.if?.type !== 'string') return schema;
    const takesThen = typeof data === 'string';
    const chosen = this.resolve(takesThen ? schema.then : schema.else);
    return chosen ? { ...chosen, description: chosen.description ?? schema.description } : schema;
  }
}

/** A value shaped like the path with a string at its end, so unions pick their string branch. */
function stringAt(path: (string | number)[]): unknown {
  let value: unknown = 'x';
  for (let index = path.length - 1; index >= 0; index--) {
    const segment = path[index];
    value = typeof segment === 'number' ? [value] : { [segment]: value };
  }
  return value;
}

function withoutRef(schema: FieldSchema): FieldSchema {
  const { $ref: _ref, ...rest } = schema;
  return rest;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

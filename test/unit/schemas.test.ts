// Checks the JSON Schemas in schemas/: they compile in ajv's strict mode, every property carries the
// annotations the engine relies on (description, examples, x-hint, x-placeholder, x-reference), every
// example and placeholder is itself valid, and typical mistakes fail with the expected ajv keyword.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findRepoRoot } from './repoRoot';
import { KIND_DEFINITIONS } from '../../server/src/service/kinds';
import { RULES } from '../../server/src/service/rules';
import { Schemas } from '../../server/src/service/schemas';
import { createRequire } from 'node:module';
import type AjvClass from 'ajv';
import type { ErrorObject } from 'ajv';
import type addFormatsFn from 'ajv-formats';

type Schema = { [key: string]: unknown };

const ROOT = findRepoRoot();
const SCHEMA_DIR = path.join(ROOT, 'schemas');
// Load ajv from the repo's node_modules, wherever the compiled test happens to be.
const requireFromRoot = createRequire(path.join(ROOT, 'package.json'));
const Ajv: typeof AjvClass = requireFromRoot('ajv').default;
const addFormats: typeof addFormatsFn = requireFromRoot('ajv-formats').default;

const KIND_FILES = KIND_DEFINITIONS.map((definition) => definition.schema.$id);
const ALL_FILES = ['common.schema.json', ...KIND_FILES, 'charters.config.schema.json'];
const REFERENCE_DEFS: Record<string, string> = {
  'common.schema.json#/definitions/roleId': 'role',
  'common.schema.json#/definitions/visionId': 'vision',
  'common.schema.json#/definitions/strategyId': 'strategy',
};

function loadSchemas(): Map<string, Schema> {
  const schemas = new Map<string, Schema>();
  for (const file of ALL_FILES) {
    schemas.set(file, JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, file), 'utf8')) as Schema);
  }
  return schemas;
}

function makeAjv(schemas: Map<string, Schema>): AjvClass {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  ajv.addVocabulary(['x-hint', 'x-placeholder', 'x-reference']);
  for (const schema of schemas.values()) ajv.addSchema(schema);
  return ajv;
}

const schemas = loadSchemas();
const ajv = makeAjv(schemas);

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates `value` against the subschema at `file#pointer`, refs resolved. */
function validateAt(file: string, pointer: string, value: unknown): ErrorObject[] {
  const validate = ajv.compile({ $ref: `${file}#${pointer}` });
  return validate(value) ? [] : [...(validate.errors ?? [])];
}

type Node = { file: string; pointer: string; schema: Schema; role: 'property' | 'item' | 'definition' | 'branch' | 'top'; required: boolean };

/** Every annotated node of a schema: properties, list items, definitions and union branches. */
function collectNodes(file: string, root: Schema): Node[] {
  const nodes: Node[] = [];
  const visit = (schema: Schema, pointer: string, role: Node['role'], required: boolean) => {
    nodes.push({ file, pointer, schema, role, required });
    const requiredKeys = Array.isArray(schema.required) ? (schema.required as string[]) : [];
    if (isObject(schema.properties)) {
      for (const [key, sub] of Object.entries(schema.properties)) {
        if (isObject(sub)) visit(sub, `${pointer}/properties/${escapePointer(key)}`, 'property', requiredKeys.includes(key));
      }
    }
    if (isObject(schema.items)) visit(schema.items, `${pointer}/items`, 'item', false);
    if (isObject(schema.definitions)) {
      for (const [key, sub] of Object.entries(schema.definitions)) {
        if (isObject(sub)) visit(sub, `${pointer}/definitions/${escapePointer(key)}`, 'definition', false);
      }
    }
    // Union branches (if: {type: string}); the role schema's conditional `level` requirement has no type and is skipped.
    for (const branch of ['then', 'else']) {
      const sub = schema[branch];
      if (isObject(sub) && ('type' in sub || '$ref' in sub)) visit(sub, `${pointer}/${branch}`, 'branch', false);
    }
  };
  visit(root, '', 'top', false);
  return nodes;
}

const allNodes = [...schemas.entries()].flatMap(([file, schema]) => collectNodes(file, schema));

test('all schemas compile in strict mode and have the expected $id', () => {
  for (const file of ALL_FILES) {
    assert.equal(schemas.get(file)!.$id, file);
    assert.equal(schemas.get(file)!.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.ok(ajv.getSchema(file), `${file} compiles`);
  }
});

test('every property, item, definition and branch is documented', () => {
  const problems: string[] = [];
  for (const { file, pointer, schema, role, required } of allNodes) {
    const where = `${file}#${pointer}`;
    if (role === 'top' && file === 'common.schema.json') continue;
    if (typeof schema.description !== 'string' || schema.description.length < 10) problems.push(`${where}: description`);
    if (!Array.isArray(schema.examples) || schema.examples.length === 0) problems.push(`${where}: examples`);
    if (role === 'top' && typeof schema.title !== 'string') problems.push(`${where}: title`);
    if (role === 'property' || role === 'item') {
      const hint = schema['x-hint'];
      if (typeof hint !== 'string' || hint.length === 0) problems.push(`${where}: x-hint`);
      else if (!/^[a-z]/.test(hint) || hint.endsWith('.')) problems.push(`${where}: x-hint should start lowercase and not end with a period`);
    }
    if (required && !('x-placeholder' in schema)) problems.push(`${where}: x-placeholder (required property)`);
    if (schema.type === 'object' && schema.additionalProperties !== false) problems.push(`${where}: additionalProperties must be false`);
    if ('x-reference' in schema && !['role', 'vision', 'strategy'].includes(schema['x-reference'] as string)) {
      problems.push(`${where}: x-reference must be role, vision or strategy`);
    }
    const referenced = typeof schema.$ref === 'string' ? REFERENCE_DEFS[schema.$ref] : undefined;
    if (referenced && schema['x-reference'] !== referenced) problems.push(`${where}: x-reference should be "${referenced}"`);
  }
  assert.deepEqual(problems, []);
});

test('every example and placeholder is valid against its own subschema', () => {
  const problems: string[] = [];
  for (const { file, pointer, schema } of allNodes) {
    const samples: [string, unknown][] = (Array.isArray(schema.examples) ? schema.examples : []).map((e, i) => [`examples[${i}]`, e]);
    if ('x-placeholder' in schema) samples.push(['x-placeholder', schema['x-placeholder']]);
    for (const [label, value] of samples) {
      const errors = validateAt(file, pointer, value);
      if (errors.length) problems.push(`${file}#${pointer} ${label}: ${errors.map((e) => `${e.instancePath} ${e.message}`).join('; ')}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('each kind requires kind, id and title and fixes kind as a const', () => {
  for (const file of KIND_FILES) {
    const schema = schemas.get(file)!;
    const kind = file.replace('.schema.json', '');
    assert.deepEqual((schema.required as string[]).slice(0, 3), ['kind', 'id', 'title']);
    const properties = schema.properties as Record<string, Schema>;
    assert.equal(properties.kind.const, kind);
    for (const field of ['status', 'owner', 'updated', 'tags']) assert.ok(field in properties, `${file} has ${field}`);
    assert.equal(properties.owner['x-reference'], 'role');
  }
});

test('a document made of the placeholders of its required fields is valid', () => {
  for (const file of KIND_FILES) {
    const schema = schemas.get(file)!;
    const properties = schema.properties as Record<string, Schema>;
    const doc: Record<string, unknown> = {};
    for (const key of schema.required as string[]) doc[key] = properties[key]['x-placeholder'];
    if (file === 'role.schema.json') doc.level = properties.level['x-placeholder'];
    assert.deepEqual(validateAt(file, '', doc), [], file);
  }
});

// ------------------------------------------------------------------ bad documents
const base: Record<string, Record<string, unknown>> = {};
for (const file of KIND_FILES) base[file.replace('.schema.json', '')] = (schemas.get(file)!.examples as Record<string, unknown>[])[0];

/** A copy of the kind's example document with `change` applied to it. */
// biome-ignore lint/suspicious/noExplicitAny: each case reaches into the document its own way
function mutate(kind: string, change: (doc: any) => void): unknown {
  const doc = structuredClone(base[kind]);
  change(doc);
  return doc;
}

type BadCase = { name: string; kind: string; doc: unknown; keyword: string; instancePath: string; params?: Record<string, unknown> };
const badCases: BadCase[] = [
  {
    name: 'role without summary',
    kind: 'role',
    doc: mutate('role', (d) => delete d.summary),
    keyword: 'required',
    instancePath: '',
    params: { missingProperty: 'summary' },
  },
  {
    name: 'role without kind',
    kind: 'role',
    doc: mutate('role', (d) => delete d.kind),
    keyword: 'required',
    instancePath: '',
    params: { missingProperty: 'kind' },
  },
  {
    name: 'role without level on the ic track',
    kind: 'role',
    doc: mutate('role', (d) => delete d.level),
    keyword: 'required',
    instancePath: '',
    params: { missingProperty: 'level' },
  },
  {
    name: 'role with an unknown field',
    kind: 'role',
    doc: mutate('role', (d) => (d.sumary = 'x')),
    keyword: 'additionalProperties',
    instancePath: '',
    params: { additionalProperty: 'sumary' },
  },
  { name: 'role with a wrong kind', kind: 'role', doc: mutate('role', (d) => (d.kind = 'vision')), keyword: 'const', instancePath: '/kind' },
  { name: 'role with an unknown status', kind: 'role', doc: mutate('role', (d) => (d.status = 'final')), keyword: 'enum', instancePath: '/status' },
  { name: 'role with an unknown level', kind: 'role', doc: mutate('role', (d) => (d.level = 'principal-pm')), keyword: 'enum', instancePath: '/level' },
  { name: 'role with an unknown track', kind: 'role', doc: mutate('role', (d) => (d.track = 'executive')), keyword: 'enum', instancePath: '/track' },
  { name: 'role id not kebab-case', kind: 'role', doc: mutate('role', (d) => (d.id = 'Senior_PM')), keyword: 'pattern', instancePath: '/id' },
  { name: 'role with a bad date', kind: 'role', doc: mutate('role', (d) => (d.updated = '2026-13-45')), keyword: 'format', instancePath: '/updated' },
  { name: 'role with a non-ISO date', kind: 'role', doc: mutate('role', (d) => (d.updated = '15/01/2026')), keyword: 'format', instancePath: '/updated' },
  { name: 'role with an empty summary', kind: 'role', doc: mutate('role', (d) => (d.summary = '')), keyword: 'minLength', instancePath: '/summary' },
  {
    name: 'role with no responsibilities',
    kind: 'role',
    doc: mutate('role', (d) => (d.responsibilities = [])),
    keyword: 'minItems',
    instancePath: '/responsibilities',
  },
  {
    name: 'responsibility id not kebab-case',
    kind: 'role',
    doc: mutate('role', (d) => (d.responsibilities[0] = 'Define Strategy')),
    keyword: 'pattern',
    instancePath: '/responsibilities/0',
  },
  {
    name: 'own responsibility without area',
    kind: 'role',
    doc: mutate('role', (d) => delete d.responsibilities[1].area),
    keyword: 'required',
    instancePath: '/responsibilities/1',
    params: { missingProperty: 'area' },
  },
  {
    name: 'own responsibility with an unknown field',
    kind: 'role',
    doc: mutate('role', (d) => (d.responsibilities[1].areas = 'x')),
    keyword: 'additionalProperties',
    instancePath: '/responsibilities/1',
  },
  {
    name: 'responsibility that is a number',
    kind: 'role',
    doc: mutate('role', (d) => (d.responsibilities[0] = 7)),
    keyword: 'type',
    instancePath: '/responsibilities/0',
  },
  { name: 'skill level 7', kind: 'role', doc: mutate('role', (d) => (d.skills[1].level = 7)), keyword: 'maximum', instancePath: '/skills/1/level' },
  { name: 'skill level 2.5', kind: 'role', doc: mutate('role', (d) => (d.skills[1].level = 2.5)), keyword: 'type', instancePath: '/skills/1/level' },
  { name: 'reportsTo not kebab-case', kind: 'role', doc: mutate('role', (d) => (d.reportsTo = 'Group PM')), keyword: 'pattern', instancePath: '/reportsTo' },
  { name: 'next role not kebab-case', kind: 'role', doc: mutate('role', (d) => (d.next = ['Group PM'])), keyword: 'pattern', instancePath: '/next/0' },
  {
    name: 'goal without measure',
    kind: 'role',
    doc: mutate('role', (d) => delete d.goals[0].measure),
    keyword: 'required',
    instancePath: '/goals/0',
    params: { missingProperty: 'measure' },
  },
  {
    name: 'goal with a boolean target',
    kind: 'role',
    doc: mutate('role', (d) => (d.goals[0].target = true)),
    keyword: 'type',
    instancePath: '/goals/0/target',
  },
  {
    name: 'authority as text instead of a list',
    kind: 'role',
    doc: mutate('role', (d) => (d.authority = 'Decides the roadmap')),
    keyword: 'type',
    instancePath: '/authority',
  },
  {
    name: 'ladder track without roles',
    kind: 'ladder',
    doc: mutate('ladder', (d) => (d.tracks[0].roles = [])),
    keyword: 'minItems',
    instancePath: '/tracks/0/roles',
  },
  {
    name: 'ladder track without title',
    kind: 'ladder',
    doc: mutate('ladder', (d) => delete d.tracks[1].title),
    keyword: 'required',
    instancePath: '/tracks/1',
    params: { missingProperty: 'title' },
  },
  {
    name: 'vision without needs',
    kind: 'vision',
    doc: mutate('vision', (d) => delete d.needs),
    keyword: 'required',
    instancePath: '',
    params: { missingProperty: 'needs' },
  },
  {
    name: 'vision with an empty target group',
    kind: 'vision',
    doc: mutate('vision', (d) => (d.targetGroup = [])),
    keyword: 'minItems',
    instancePath: '/targetGroup',
  },
  { name: 'vision horizon as a list', kind: 'vision', doc: mutate('vision', (d) => (d.horizon = [2028])), keyword: 'type', instancePath: '/horizon' },
  {
    name: 'strategy vision not kebab-case',
    kind: 'strategy',
    doc: mutate('strategy', (d) => (d.vision = 'Payments Vision')),
    keyword: 'pattern',
    instancePath: '/vision',
  },
  {
    name: 'strategy objective without key results',
    kind: 'strategy',
    doc: mutate('strategy', (d) => (d.objectives[0].keyResults = [])),
    keyword: 'minItems',
    instancePath: '/objectives/0/keyResults',
  },
  {
    name: 'key result without target',
    kind: 'strategy',
    doc: mutate('strategy', (d) => delete d.objectives[0].keyResults[0].target),
    keyword: 'required',
    instancePath: '/objectives/0/keyResults/0',
    params: { missingProperty: 'target' },
  },
  {
    name: 'key result with a bad due date',
    kind: 'strategy',
    doc: mutate('strategy', (d) => (d.objectives[0].keyResults[0].due = 'Q3')),
    keyword: 'format',
    instancePath: '/objectives/0/keyResults/0/due',
  },
  {
    name: 'market mapping without need',
    kind: 'strategy',
    doc: mutate('strategy', (d) => delete d.market[1].need),
    keyword: 'required',
    instancePath: '/market/1',
    params: { missingProperty: 'need' },
  },
  {
    name: 'initiative with an unknown field',
    kind: 'strategy',
    doc: mutate('strategy', (d) => (d.initiatives[0].lead = 'x')),
    keyword: 'additionalProperties',
    instancePath: '/initiatives/0',
  },
  {
    name: 'charter scope without out',
    kind: 'charter',
    doc: mutate('charter', (d) => delete d.scope.out),
    keyword: 'required',
    instancePath: '/scope',
    params: { missingProperty: 'out' },
  },
  { name: 'charter team count 0', kind: 'charter', doc: mutate('charter', (d) => (d.team[1].count = 0)), keyword: 'minimum', instancePath: '/team/1/count' },
  {
    name: 'charter team member without role',
    kind: 'charter',
    doc: mutate('charter', (d) => delete d.team[0].role),
    keyword: 'required',
    instancePath: '/team/0',
    params: { missingProperty: 'role' },
  },
  {
    name: 'decision consulted role not kebab-case',
    kind: 'charter',
    doc: mutate('charter', (d) => (d.decisionRights[0].consulted = ['Head of Product'])),
    keyword: 'pattern',
    instancePath: '/decisionRights/0/consulted/0',
  },
  {
    name: 'stakeholder mapping without interest',
    kind: 'charter',
    doc: mutate('charter', (d) => delete d.stakeholders[1].interest),
    keyword: 'required',
    instancePath: '/stakeholders/1',
    params: { missingProperty: 'interest' },
  },
  {
    name: 'charter without success metrics',
    kind: 'charter',
    doc: mutate('charter', (d) => delete d.successMetrics),
    keyword: 'required',
    instancePath: '',
    params: { missingProperty: 'successMetrics' },
  },
];

test('each top-level example document is valid', () => {
  for (const file of [...KIND_FILES, 'charters.config.schema.json']) {
    const examples = schemas.get(file)!.examples as unknown[];
    assert.ok(examples.length >= 1, file);
    assert.deepEqual(validateAt(file, '', examples[0]), [], file);
  }
});

test('a cross-functional role needs no level', () => {
  const doc = mutate('role', (d) => {
    delete d.level;
    d.track = 'cross-functional';
  });
  assert.deepEqual(validateAt('role.schema.json', '', doc), []);
});

test('an unquoted year is accepted as a horizon', () => {
  assert.deepEqual(
    validateAt(
      'vision.schema.json',
      '',
      mutate('vision', (d) => (d.horizon = 2028)),
    ),
    [],
  );
  assert.deepEqual(
    validateAt(
      'strategy.schema.json',
      '',
      mutate('strategy', (d) => (d.horizon = 2027)),
    ),
    [],
  );
});

for (const c of badCases) {
  test(`rejects: ${c.name}`, () => {
    const errors = validateAt(`${c.kind}.schema.json`, '', c.doc);
    const found = errors.find(
      (e) =>
        e.keyword === c.keyword &&
        e.instancePath === c.instancePath &&
        Object.entries(c.params ?? {}).every(([k, v]) => (e.params as Record<string, unknown>)[k] === v),
    );
    assert.ok(found, `expected ${c.keyword} at "${c.instancePath}", got ${JSON.stringify(errors.map((e) => [e.keyword, e.instancePath, e.params]))}`);
  });
}

// ------------------------------------------------------------------ workspace config
const CONFIG = 'charters.config.schema.json';
const realisticConfig = {
  taxonomy: {
    areas: [{ id: 'compliance', title: 'Compliance' }],
    responsibilities: [
      { id: 'run-pricing-review', title: 'Run the pricing review', area: 'product-direction', levels: ['senior-pm', 'group-pm'] },
      { id: 'own-audit-readiness', title: 'Own audit readiness', area: 'compliance', description: 'Keeps evidence ready for audits.' },
    ],
    skills: [{ id: 'regulatory-literacy', title: 'Regulatory literacy' }],
  },
  rules: { 'vision-too-long': 'off', 'missing-authority': 'error', 'area-coverage': 'warning', 'unknown-skill': 'info' },
  files: ['docs/product/**/*.yaml', 'teams/*/charter.yml'],
  ignore: ['**/archive/**'],
};

test('config: the rule ids are the only ones accepted', () => {
  const rules = (schemas.get(CONFIG)!.properties as Record<string, Schema>).rules;
  const ids = (rules.propertyNames as Schema).enum as string[];
  assert.deepEqual([...ids].sort(), RULES.map((rule) => rule.id).sort());
  assert.deepEqual(Object.keys(rules.properties as Schema).sort(), [...ids].sort());
  assert.equal(rules.additionalProperties, false);
});

test('config: accepts a realistic config and an empty one', () => {
  assert.deepEqual(validateAt(CONFIG, '', realisticConfig), []);
  assert.deepEqual(validateAt(CONFIG, '', {}), []);
});

test('config: rejects an unknown rule id', () => {
  const errors = validateAt(CONFIG, '', { rules: { 'no-such-rule': 'error' } });
  assert.ok(errors.some((e) => e.keyword === 'additionalProperties' && e.instancePath === '/rules' && e.params.additionalProperty === 'no-such-rule'));
  assert.ok(errors.some((e) => e.keyword === 'propertyNames' && e.instancePath === '/rules'));
});

test('config: rejects the severity "fatal"', () => {
  const errors = validateAt(CONFIG, '', { rules: { 'duplicate-id': 'fatal' } });
  assert.ok(
    errors.some((e) => e.keyword === 'enum' && e.instancePath === '/rules/duplicate-id'),
    JSON.stringify(errors),
  );
});

test('config: rejects a taxonomy responsibility without area and an unknown top-level key', () => {
  const errors = validateAt(CONFIG, '', { taxonomy: { responsibilities: [{ id: 'x', title: 'X' }] }, rule: {} });
  assert.ok(errors.some((e) => e.keyword === 'required' && e.instancePath === '/taxonomy/responsibilities/0' && e.params.missingProperty === 'area'));
  assert.ok(errors.some((e) => e.keyword === 'additionalProperties' && e.instancePath === '' && e.params.additionalProperty === 'rule'));
});

test('the service resolves every $ref of the schemas to what ajv resolves it to', () => {
  const refs = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string') refs.add(value);
        else walk(value);
      }
    }
  };
  for (const schema of schemas.values()) walk(schema);
  assert.ok(refs.size > 10);
  const service = new Schemas();
  for (const ref of refs) assert.deepEqual(service.resolve({ $ref: ref }), ajv.getSchema(ref)?.schema, ref);
});

// The validators the bundles carry (ajv's standalone code, scripts/lib/schemaValidators.mjs) find
// what the validators ajv compiles at run time find: the same errors, in the same order, with the
// same data and schema fragments, for every kind's schema and the config's, on the examples, the
// fixtures, mutations of them and generated values. And the built bundles carry them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import type { ValidateFunction } from 'ajv';
import { parse as parseYamlValue } from 'yaml';
import { KINDS } from '../../server/src/service';
import { KIND_DEFINITIONS } from '../../server/src/service/kinds';
import { PRECOMPILED } from '../../server/src/service/precompiledValidators';
import { Schemas } from '../../server/src/service/schemas';
import { listDocuments, parseFile, REPO_ROOT } from './harness';
import { applyTextMutation, EDIT_MUTATIONS, WHOLE_MUTATIONS } from './mutations';

type Precompiled = Record<string, ValidateFunction>;

/** The generated module, run as the bundles run it: its `require`s resolve from the repository. */
async function precompiled(): Promise<Precompiled> {
  const script = (await import(pathToFileURL(path.join(REPO_ROOT, 'scripts', 'lib', 'schemaValidators.mjs')).href)) as {
    validatorsModule(root?: string): string;
  };
  const code = script.validatorsModule(REPO_ROOT);
  const exports: { PRECOMPILED?: Precompiled } = {};
  new Function('require', 'exports', code)(createRequire(path.join(REPO_ROOT, 'package.json')), exports);
  assert.ok(exports.PRECOMPILED, 'the module exports PRECOMPILED');
  return exports.PRECOMPILED;
}

const SCHEMAS = [...KINDS, 'config'] as const;
const RUNTIME = new Schemas(undefined); // the sources carry no precompiled validators: ajv compiles

function sameErrors(built: Schemas, value: unknown, what: string): void {
  for (const kind of SCHEMAS) {
    assert.deepEqual(built.validate(kind, value), RUNTIME.validate(kind, value), `${what} against the ${kind} schema`);
  }
}

test('the sources carry no precompiled validators, so the tests compile with ajv', () => {
  assert.equal(PRECOMPILED, undefined);
});

test('a validator for every schema the service validates with, and only precompiled ones are used', async () => {
  const validators = await precompiled();
  const built = new Schemas(validators);
  const ids = Object.keys(validators).sort();
  const files = fs.readdirSync(path.join(REPO_ROOT, 'schemas')).filter((name) => name.endsWith('.schema.json'));
  assert.deepEqual(ids, files.sort());
  // a validator that says every value is wrong in its own way shows which one the service called
  const marked = Object.fromEntries(
    ids.map((id) => {
      const validate = Object.assign(() => false, { errors: [{ keyword: 'marked', instancePath: '', schemaPath: id, params: {} }] });
      return [id, validate as unknown as ValidateFunction];
    }),
  );
  const spy = new Schemas(marked);
  for (const kind of SCHEMAS) assert.equal(spy.validate(kind, {})[0].keyword, 'marked', kind);
  assert.ok(built.validate('role', {}).length > 0);
});

test('examples and fixtures, and their values against every other schema: the same errors', async () => {
  const built = new Schemas(await precompiled());
  const files = [...listDocuments(path.join(REPO_ROOT, 'examples')), ...listDocuments(path.join(REPO_ROOT, 'test', 'fixtures'))];
  assert.ok(files.length > 40, `${files.length} documents`);
  let withErrors = 0;
  for (const file of files) {
    const { value } = parseFile(file);
    sameErrors(built, value, path.relative(REPO_ROOT, file));
    if (SCHEMAS.some((kind) => RUNTIME.validate(kind, value).length > 0)) withErrors++;
  }
  assert.ok(withErrors > 40, `${withErrors} documents with errors compared`);
});

test('mutated examples: the same errors', async () => {
  const built = new Schemas(await precompiled());
  const texts = listDocuments(path.join(REPO_ROOT, 'examples'))
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => fs.readFileSync(file, 'utf8'));
  fc.assert(
    fc.property(fc.constantFrom(...texts), fc.array(fc.oneof(...EDIT_MUTATIONS, ...WHOLE_MUTATIONS), { minLength: 1, maxLength: 6 }), (text, mutations) => {
      let value: unknown;
      try {
        value = parseYamlValue(mutations.reduce(applyTextMutation, text));
      } catch {
        return; // YAML too broken for a value: the schemas are never asked
      }
      sameErrors(built, value, JSON.stringify(mutations));
    }),
    { numRuns: 300, seed: 16 },
  );
});

test('generated values: the same errors', async () => {
  const built = new Schemas(await precompiled());
  // every kind's own fields, as the schemas name them, and one that no schema knows
  const fields = new Set(KIND_DEFINITIONS.flatMap((definition) => Object.keys(definition.schema.properties ?? {})));
  const field = fc.constantFrom(...fields, 'text', 'area', 'x');
  const value = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      fc.jsonValue({ maxDepth: 1 }),
      fc.array(tie('node'), { maxLength: 4 }),
      fc.dictionary(field, tie('node'), { maxKeys: 5 }),
    ),
  })).node;
  fc.assert(
    fc.property(value, (generated) => sameErrors(built, generated, JSON.stringify(generated))),
    { numRuns: 500, seed: 16 },
  );
});

test('the built bundles that carry the service carry the validators', () => {
  const ids = fs.readdirSync(path.join(REPO_ROOT, 'schemas')).filter((name) => name.endsWith('.schema.json'));
  for (const bundle of ['cli.js', 'server.js', 'server.browser.js', 'client.browser.js']) {
    const file = path.join(REPO_ROOT, 'dist', bundle);
    assert.ok(fs.existsSync(file), `${bundle} is built (npm test builds first)`);
    const text = fs.readFileSync(file, 'utf8');
    const table = /PRECOMPILED\s*=\s*\{([^}]*)\}/.exec(text); // minified or not: npm test packs, which rebuilds dist/ minified
    assert.ok(table, `${bundle} has the validators' table`);
    for (const id of ids) assert.ok(table[1].includes(JSON.stringify(id)), `${bundle}: ${id}`);
  }
});

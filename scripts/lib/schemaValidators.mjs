// The schemas' validators compiled when the bundles are built, not each time a CLI, a lint worker or
// a server starts. ajv compiles schemas/*.schema.json into its standalone code: plain JavaScript
// functions, the same ones it would build at run time with `new Function`, with the schemas'
// fragments that verbose errors carry (`parentSchema`) written out beside them. The esbuild plugin
// below puts that code in place of server/src/service/precompiledValidators.ts, whose source
// exports nothing; `Schemas` (server/src/service/schemas.ts) uses these validators when it has them.
// ajv is set up from server/src/service/schemaCompiler.json, the file the service reads too.
// test/unit/precompiledValidators.test.ts holds the two to the same errors on every example,
// fixture and mutation of them.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(fileURLToPath(import.meta.url), '../../..');

/** The module text for `root`'s schemas: CommonJS exporting `PRECOMPILED`, each validator by its schema's `$id`. */
export function validatorsModule(root = REPO) {
  // ajv from the tree being built, so a build of another tree (bench/tools/build-to.mjs) uses its own
  const require = createRequire(path.join(root, 'package.json'));
  const Ajv = require('ajv').default;
  const addFormats = require('ajv-formats').default;
  const standaloneCode = require('ajv/dist/standalone').default;
  const setup = JSON.parse(fs.readFileSync(path.join(root, 'server/src/service/schemaCompiler.json'), 'utf8'));
  const ajv = new Ajv({ ...setup.options, code: { source: true } });
  addFormats(ajv, setup.formats);
  ajv.addVocabulary(setup.vocabulary);
  const folder = path.join(root, 'schemas');
  const schemas = fs
    .readdirSync(folder)
    .filter((name) => name.endsWith('.schema.json'))
    .sort()
    .map((name) => JSON.parse(fs.readFileSync(path.join(folder, name), 'utf8')));
  ajv.addSchema(schemas);
  const ids = schemas.map((schema) => schema.$id);
  const exports = Object.fromEntries(ids.map((id, at) => [`validate_${at}`, id]));
  const code = standaloneCode(ajv, exports);
  const table = ids.map((id, at) => `  ${JSON.stringify(id)}: exports.validate_${at},`).join('\n');
  return `// ajv's standalone code for schemas/*.schema.json, written by scripts/lib/schemaValidators.mjs when the bundle was built\n${code}\nexports.PRECOMPILED = {\n${table}\n};\n`;
}

/**
 * The esbuild plugin: server/src/service/precompiledValidators.ts becomes `validatorsModule(root)`.
 * The code is made once per plugin, for every build that shares it.
 * @returns {import('esbuild').Plugin}
 */
export function precompiledSchemas(root = REPO) {
  let contents;
  return {
    name: 'precompiled-schemas',
    setup(build) {
      build.onLoad({ filter: /[\\/]server[\\/]src[\\/]service[\\/]precompiledValidators\.ts$/ }, () => {
        contents ??= validatorsModule(root);
        return { contents, loader: 'js', resolveDir: root };
      });
    },
  };
}

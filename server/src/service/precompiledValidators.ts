// The schemas' validators, compiled when the bundles are built. In the source this module has none,
// and `Schemas` compiles each validator with ajv on first use (the unit tests run that way). Every
// bundle that carries the service has this module's contents replaced by ajv's standalone code for
// schemas/*.schema.json (scripts/lib/schemaValidators.mjs): a CLI or a server then starts with its
// validators ready instead of spending some 150-200 ms compiling them, in every thread that lints.
import type { ValidateFunction } from 'ajv';

/** Each schema's validator, by the schema's `$id`; undefined where nothing was precompiled. */
export const PRECOMPILED: Readonly<Record<string, ValidateFunction>> | undefined = undefined;

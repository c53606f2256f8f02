// An esbuild plugin for the bundles that carry the `yaml` parser (dist/server.js, dist/cli.js,
// action/index.js, the benchmark's service): `import … from 'yaml'` is bundled from yaml's ES
// module build (`yaml/browser/index.js`, the one its package exports for every platform but Node)
// instead of its CommonJS Node build. The two are the same code but for two things, both in the
// ES build's favour here:
// - the Node build reads `process.env.LOG_TOKENS` for every token its parser reads and
//   `process.env.LOG_STREAM` for every token its composer reads, to print them when debugging yaml
//   itself; each read asks the C++ side for the variable, a quarter of the time of parsing a short
//   document (docs/performance.md), and printing tokens on stdout would break the language server;
// - a CommonJS module in an esbuild bundle is reached through a getter per imported name
//   (`__toESM`), on every call of `isMap`, `isScalar`, … in the rules' tree walks; an ES module is
//   hoisted into the bundle, its functions called directly, and what is never imported left out.
// The ES build warns with `console.warn` where the Node build calls `process.emitWarning`; the
// service parses with `logLevel: 'error'` (parse.ts), so neither is ever called.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const require = createRequire(import.meta.url);

/** @type {import('esbuild').Plugin} */
export const yamlEsmBuild = {
  name: 'yaml-esm-build',
  setup(build) {
    const root = path.dirname(require.resolve('yaml/package.json'));
    const entry = path.join(root, 'browser', 'index.js');
    // a yaml release that moves its ES build: fail the build rather than fall back to the Node one
    if (!fs.existsSync(entry)) throw new Error(`yamlEsmBuild: ${entry} is gone; find yaml's ES module build`);
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: entry }));
  },
};

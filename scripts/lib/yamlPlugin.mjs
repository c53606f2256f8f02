// An esbuild plugin for the bundles that carry the `yaml` parser (dist/server.js, dist/cli.js,
// action/index.js, the benchmark's service). yaml's Node build reads `process.env.LOG_TOKENS` for
// every token its parser reads and `process.env.LOG_STREAM` for every token its composer reads,
// to print them when debugging yaml itself. Each read of process.env asks the C++ side for the
// variable: a quarter of the time of parsing a short document (docs/performance.md). The bundles
// read neither (printing tokens on stdout would also break the language server's protocol), the
// same as yaml's browser build; everything else is yaml's Node build as published.
import * as fs from 'node:fs';

const DEBUG_READ = /\bnode_process\.env\.LOG_(TOKENS|STREAM)\b/g;

/** @type {import('esbuild').Plugin} */
export const yamlWithoutDebugEnv = {
  name: 'yaml-without-debug-env',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]yaml[\\/]dist[\\/](parse[\\/]parser|compose[\\/]composer)\.js$/ }, (args) => {
      const source = fs.readFileSync(args.path, 'utf8');
      const contents = source.replace(DEBUG_READ, 'false');
      // a yaml release without these reads: this plugin has nothing left to do and should go
      if (contents === source) throw new Error(`yamlWithoutDebugEnv: ${args.path} no longer reads LOG_TOKENS or LOG_STREAM; remove the plugin`);
      return { contents, loader: 'js' };
    });
  },
};

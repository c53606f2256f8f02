#!/usr/bin/env node
// The command line. In this repository it is dist/cli.js, which `npm run build` writes from the
// sources. Elsewhere (the npm package, and a global install from git as pre-commit makes, where
// npm builds nothing) it is action/index.js: the same command line, bundled by `npm run generate`
// for the GitHub Action and kept in the repository.
const fs = require('node:fs');
const path = require('node:path');

if (fs.existsSync(path.join(__dirname, '..', 'dist', 'cli.js'))) require('../dist/cli.js');
else require('../action/index.js').runCli();

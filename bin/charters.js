#!/usr/bin/env node
// The command line is dist/cli.js, which npm's `prepare` builds. Where npm could not build it
// (pre-commit installs this repository as a global git dependency, and npm gives that build no
// devDependencies), the same command line runs from the bundle the repository keeps for the
// GitHub Action (action/index.js, written by `npm run generate`).
const fs = require('node:fs');
const path = require('node:path');

if (fs.existsSync(path.join(__dirname, '..', 'dist', 'cli.js'))) require('../dist/cli.js');
else require('../action/index.js').runCli();

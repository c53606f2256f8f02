#!/usr/bin/env node
// The language server is dist/server.js, which npm's `prepare` builds. An install where npm could
// not build it (a global install from git, as pre-commit makes) has only the command line.
const fs = require('node:fs');
const path = require('node:path');

if (fs.existsSync(path.join(__dirname, '..', 'dist', 'server.js'))) require('../dist/server.js');
else {
  process.stderr.write(
    'charters-language-server: this install has no built server (dist/server.js): install the package from its tarball or the npm registry.\n',
  );
  process.exitCode = 2;
}

// Run after tsc: gives the compiled sources in out/ the stylesheets they import.
// esbuild bundles `import text from './x.css'` as the file's text (loader: text). tsc compiles
// that import to require('./x.css') and emits no .css, so for each stylesheet under server/src
// and client/src this writes out/<same path>.js, a module whose default export is the text:
// Node's require finds x.css.js when x.css is absent. Plain Node runs the unit tests and the
// extension-host suite from out/ this way, with no loader hook.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(fileURLToPath(import.meta.url), '../..');
const outDir = path.join(root, 'out');

for (const source of ['server/src', 'client/src']) {
  for (const entry of fs.readdirSync(path.join(root, source), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.css')) continue;
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    const target = path.join(outDir, `${path.relative(root, file)}.js`);
    const text = fs.readFileSync(file, 'utf8');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, `"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.default = ${JSON.stringify(text)};\n`);
  }
}

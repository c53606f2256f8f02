// Who may import what. The language server and the command line reach the service through its
// entry point only (server/src/service/index.ts: the façade and its types), so the modules behind it
// can move without touching them; the protocol module, which the client bundles, imports nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from './repoRoot';

const SERVICE = path.join(REPO_ROOT, 'server', 'src', 'service');
/** The service's entry points, as an import resolves them (without the extension). */
const ENTRY_POINTS = [SERVICE, path.join(SERVICE, 'index')];

function sourceFiles(folder: string): string[] {
  return fs
    .readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => path.join(folder, name));
}

/** Every module a file names: static imports and re-exports, `import type`, `import()` and `require()`. */
function importsOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((reference) => reference.fileName);
}

/** Where a relative import of `file` leads, without the extension; undefined for a package. */
function target(file: string, specifier: string): string | undefined {
  return specifier.startsWith('.') ? path.resolve(path.dirname(file), specifier).replace(/\.(ts|js)$/, '') : undefined;
}

/** Imports in `text` (the source of `file`) that lead into the service folder but not to its entry point. */
function serviceInternals(file: string, text = fs.readFileSync(file, 'utf8')): string[] {
  return importsOf(text).filter((specifier) => {
    const to = target(file, specifier);
    if (to === undefined || ENTRY_POINTS.includes(to)) return false;
    return to === SERVICE || to.startsWith(SERVICE + path.sep);
  });
}

for (const front of ['lsp', 'cli', 'workspace']) {
  test(`server/src/${front} imports the service only through its entry point`, () => {
    const files = sourceFiles(path.join(REPO_ROOT, 'server', 'src', front));
    assert.ok(files.length > 0, `no sources under server/src/${front}`);
    const offending = files.flatMap((file) => serviceInternals(file).map((specifier) => `${path.relative(REPO_ROOT, file)} imports ${specifier}`));
    assert.deepEqual(offending, [], 'import these from the service entry point (server/src/service/index.ts) instead');
    // the check sees imports at all: each front end does use the service
    const usesEntryPoint = (file: string) => importsOf(fs.readFileSync(file, 'utf8')).some((specifier) => ENTRY_POINTS.includes(target(file, specifier) ?? ''));
    assert.ok(files.some(usesEntryPoint), `no file under server/src/${front} imports the service entry point`);
  });
}

test('the check catches a service module imported past the entry point', () => {
  const probe = path.join(REPO_ROOT, 'server', 'src', 'lsp', 'probe.ts');
  const internals = (text: string) => serviceInternals(probe, text);
  assert.deepEqual(internals("import * as navigation from '../service/navigation';"), ['../service/navigation']);
  assert.deepEqual(internals("import type { ParsedDocument } from '../service/parse';"), ['../service/parse']);
  assert.deepEqual(internals("const model = require('../service/preview/model');"), ['../service/preview/model']);
  assert.deepEqual(internals("export { RULES } from '../service/rules';"), ['../service/rules']);
  assert.deepEqual(
    internals("import { FIX_ALL_KIND } from '../protocol';\nimport { createLanguageService } from '../service';\nimport { x } from '../service/index';"),
    [],
  );
});

test('the protocol module, bundled into the client, imports nothing', () => {
  assert.deepEqual(importsOf(fs.readFileSync(path.join(REPO_ROOT, 'server', 'src', 'protocol.ts'), 'utf8')), []);
});

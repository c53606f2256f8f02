// The kinds registry: each entry agrees with its schema, its starter document is a document of its
// kind, and the globs, file-name patterns and file-name matching say the same thing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import picomatch from 'picomatch';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SymbolKind } from 'vscode-languageserver-types';
import {
  KIND_DEFINITIONS,
  KINDS,
  documentGlobsByKind,
  fileNamePatterns,
  kindNames,
  matchDocumentFileName,
  newDocumentCommand,
  newDocumentFileName,
  starterDocument,
  titleFromId,
  withoutDocumentExtension,
} from '../../server/src/service/kinds';
import { getWorkspaceSymbols } from '../../server/src/service/navigation';
import { DOCUMENT_GLOBS, MemoryIndex } from '../../server/src/service/workspace';
import { service } from './harness';

for (const definition of KIND_DEFINITIONS) {
  test(`${definition.id}: the schema's kind is the entry's id`, () => {
    const kindField = definition.schema.properties?.kind;
    assert.equal(kindField?.const, definition.id);
    assert.equal(definition.schema.$id, `${definition.id}.schema.json`);
  });

  test(`${definition.id}: the starter document is a ${definition.id} with every required section`, () => {
    const uri = `file:///w/${newDocumentFileName(definition.id, 'new-thing')}`;
    const text = starterDocument(definition.id, 'new-thing', '2026-01-31');
    assert.match(text, /^kind: .+\nid: new-thing\ntitle: New Thing\nstatus: draft\nupdated: 2026-01-31\n/);
    const parsed = service.parse(TextDocument.create(uri, 'yaml', 1, text));
    assert.equal(parsed.kind, definition.id);
    const findings = service
      .validate(uri, parsed, new MemoryIndex(), service.settings())
      .filter((d) => ['yaml-syntax', 'unknown-kind', 'missing-section', 'empty-section', 'unknown-field', 'invalid-value'].includes(d.code));
    assert.deepEqual(
      findings.map((d) => `${d.code}: ${d.message}`),
      [],
    );
  });

  test(`${definition.id}: workspace symbols show it as a ${definition.symbolKind}`, () => {
    const uri = `file:///w/${newDocumentFileName(definition.id, 'new-thing')}`;
    const index = new MemoryIndex();
    index.set(service.summarize(uri, service.parse(TextDocument.create(uri, 'yaml', 1, starterDocument(definition.id, 'new-thing', '2026-01-31'))))!);
    assert.deepEqual(
      getWorkspaceSymbols('new thing', index).map((symbol) => [symbol.name, symbol.kind]),
      [['New Thing', SymbolKind[definition.symbolKind]]],
    );
  });
}

test('a title made from an id: words capitalised, abbreviations of product titles in capitals, small words not', () => {
  assert.equal(titleFromId('senior-pm-payments'), 'Senior PM Payments');
  assert.equal(titleFromId('head-of-product'), 'Head of Product');
  assert.equal(titleFromId('vp-ux'), 'VP UX');
  assert.equal(titleFromId('of-mice-and-men'), 'Of Mice and Men');
  assert.equal(titleFromId('checkout-2027'), 'Checkout 2027');
});

test('every file-name pattern matches the globs and names its kind, and nothing else does', () => {
  const matchesGlobs = picomatch(DOCUMENT_GLOBS);
  const byKind = documentGlobsByKind().map((glob) => picomatch(glob));
  for (const kind of KINDS) {
    const names = fileNamePatterns()
      .filter((pattern) => pattern.startsWith(`*.${kind}.`))
      .map((pattern) => pattern.replace('*', 'senior-pm'));
    assert.ok(names.length > 0, kind);
    for (const name of names) {
      assert.ok(matchesGlobs(`roles/${name}`), name);
      assert.equal(byKind.filter((matches) => matches(`roles/${name}`)).length, 1, name);
      const match = matchDocumentFileName(`file:///w/roles/${name}`);
      assert.deepEqual([match?.kind, match?.stem], [kind, 'senior-pm'], name);
      assert.equal(withoutDocumentExtension(name), `senior-pm.${kind}`);
    }
    assert.equal(newDocumentFileName(kind, 'x'), `x.${kind}.yaml`);
  }
  for (const name of ['pm.yaml', 'pm.role.json', 'pm.roles.yaml', 'pm.role.yaml.bak', 'charters.config.yaml']) {
    assert.equal(matchDocumentFileName(name), undefined, name);
    assert.ok(!matchesGlobs(name), name);
  }
  assert.equal(withoutDocumentExtension('team.YML'), 'team');
  assert.equal(withoutDocumentExtension('notes.txt'), 'notes.txt');
});

test('each kind has its own symbol kind', () => {
  assert.equal(new Set(KIND_DEFINITIONS.map((definition) => SymbolKind[definition.symbolKind])).size, KIND_DEFINITIONS.length);
});

test('command ids and lists of kinds come from the entries', () => {
  assert.equal(newDocumentCommand('role'), 'charters.newRole');
  assert.equal(newDocumentCommand('charter'), 'charters.newCharter');
  assert.equal(new Set(KINDS.map(newDocumentCommand)).size, KINDS.length);
  assert.equal(kindNames('or'), `${KINDS.slice(0, -1).join(', ')} or ${KINDS[KINDS.length - 1]}`);
});

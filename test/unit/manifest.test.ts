// The extension manifest and snippets: what the user sees in VS Code before any code runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KINDS } from '../../server/src/service/kinds';
import { RULES } from '../../server/src/service/rules';
import { REPO_ROOT, service } from './harness';
import { MemoryIndex } from '../../server/src/service/workspace';
import { TextDocument } from 'vscode-languageserver-textdocument';

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
const snippets: Record<string, { prefix?: string[]; body: string[]; isFileTemplate?: boolean }> = JSON.parse(
  fs.readFileSync(path.join(REPO_ROOT, 'snippets', 'charters.json'), 'utf8'),
);

/** A snippet as inserted when the user tabs through its defaults. */
function expand(body: string[]): string {
  return body
    .join('\n')
    .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '');
}

test('every rule can be set from the editor settings, with its default', () => {
  const rules = manifest.contributes.configuration.properties['charters.rules'].properties;
  assert.deepEqual(Object.keys(rules).sort(), RULES.map((rule) => rule.id).sort());
  for (const rule of RULES) assert.deepEqual(rules[rule.id].enum, ['off', 'info', 'warning', 'error'], rule.id);
});

test('the charters language covers the five kinds, and activation is lazy', () => {
  const language = manifest.contributes.languages.find((entry: { id: string }) => entry.id === 'charters');
  for (const kind of KINDS) {
    assert.ok(
      language.filenamePatterns.some((pattern: string) => pattern.includes(`.${kind}.`)),
      kind,
    );
  }
  assert.ok(!manifest.activationEvents.includes('*'));
  assert.ok(manifest.activationEvents.includes('onLanguage:charters'));
});

test('whole-document snippets expand to documents that pass the schema', () => {
  const documents = Object.entries(snippets).filter(([, snippet]) => snippet.body[0].startsWith('kind:'));
  assert.equal(documents.length, KINDS.length);
  for (const [name, snippet] of documents) {
    const textDocument = TextDocument.create(`file:///w/${name}.yaml`, 'yaml', 1, `${expand(snippet.body)}\n`);
    const findings = service
      .validate(textDocument.uri, service.parse(textDocument), new MemoryIndex(), service.settings())
      .filter((d) => ['yaml-syntax', 'unknown-kind', 'missing-section', 'unknown-field', 'invalid-value', 'empty-section'].includes(d.code));
    assert.deepEqual(
      findings.map((d) => `${d.code}: ${d.message}`),
      [],
      name,
    );
  }
});

test('whole-document snippets are file templates without a prefix: offered for an empty file, never in completion', () => {
  // VS Code's snippet completion skips snippets without a prefix, and cannot tell a list or a
  // mapping value from the top of a file; the language server completes whole documents there
  for (const [name, snippet] of Object.entries(snippets)) {
    const whole = snippet.body[0].startsWith('kind:');
    assert.equal(snippet.isFileTemplate === true, whole, name);
    assert.equal(snippet.prefix === undefined, whole, name);
  }
});

test('item snippets expand to valid YAML list entries', () => {
  for (const [name, snippet] of Object.entries(snippets)) {
    if (snippet.body[0].startsWith('kind:')) continue;
    const textDocument = TextDocument.create('file:///w/x.yaml', 'yaml', 1, `items:\n${expand(snippet.body).replace(/^/gm, '  ')}\n`);
    assert.deepEqual(
      service.parse(textDocument).yaml.errors.map((e) => e.message),
      [],
      name,
    );
  }
});

// Placeholders: what placeholder-text recognises, and that nothing the templates, the snippets or
// the fixes insert can pass review unnoticed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { findPlaceholder } from '../../server/src/service/rules/placeholderText';
import { Schemas, type FieldSchema } from '../../server/src/service/schemas';
import { MemoryIndex } from '../../server/src/service/workspace';
import { KINDS, type Kind } from '../../server/src/service/types';
import { starterDocument } from '../../server/src/service/kinds';
import { REPO_ROOT, service } from './harness';

const CASES: [text: string, placeholder: string | undefined][] = [
  ['TODO', 'TODO'],
  ['todo', 'todo'],
  ['(TBD)', 'TBD'],
  ['FIXME!', 'FIXME'],
  ['TODO: why this role exists', 'TODO'],
  ["TODO a duty of this team's own", 'TODO'],
  ['[TODO] name the owner', 'TODO'],
  ['todo: ask finance', 'todo'],
  ['Owner: TODO: ask Sam', 'TODO'],
  ['Approves refunds over the limit (TODO)', 'TODO'],
  ['Launch date TBD', 'TBD'],
  ['Reach XXX merchants', 'XXX'],
  ['Fix the flow FIXME', 'FIXME'],
  ['Lorem ipsum dolor sit amet', 'Lorem ipsum'],
  ['<role title>', '<role title>'],
  ['Owns <area> end to end', '<area>'],
  ['<…>', '<…>'],
  ['…', '…'],
  ['...', '...'],
  // prose that only mentions the words
  ['Reduce TODO debt', undefined],
  ['We write TODO comments only with a ticket number', undefined],
  ['Teams who plan their day in a todo app', undefined],
  ['Shoppers of XXXL fashion stores', undefined],
  ['Close the TBDs from the last review', undefined],
  ['Todoist integration', undefined],
  ['p95 < 2 hours and > 99% automatic', undefined],
  ['Sam Lee <sam.lee@example.com>', undefined],
  ['See <https://example.com/refunds>', undefined],
  ['Refunds under 100 EUR… and the rules for larger ones', undefined],
  ['Owns the checkout experience end to end.', undefined],
];

describe('placeholder-text: what counts as a placeholder', () => {
  for (const [text, expected] of CASES) {
    test(`${JSON.stringify(text)} → ${expected === undefined ? 'none' : JSON.stringify(expected)}`, () => assert.equal(findPlaceholder(text), expected));
  }
});

/**
 * Every string scalar of `text` that holds a placeholder of any kind (`TODO…`, `todo-…-id`), but
 * an `id`: a track's own id (`todo-track`) is a name, and the track's title beside it is reported.
 */
function placeholderLines(text: string): { line: number; value: string }[] {
  const parsed = service.parse(TextDocument.create('file:///w/x.yaml', 'yaml', 1, text));
  const found: { line: number; value: string }[] = [];
  const visit = (node: unknown): void => {
    if (isMap(node)) node.items.forEach((pair) => !(isScalar(pair.key) && pair.key.value === 'id') && visit(pair.value));
    else if (isSeq(node)) node.items.forEach(visit);
    else if (isScalar(node) && typeof node.value === 'string' && /todo/i.test(node.value) && (node as Node).range) {
      found.push({ line: parsed.textDocument.positionAt((node as Node).range![0]).line, value: node.value });
    }
  };
  visit(parsed.yaml.contents);
  return found;
}

/** Lint `text` as a document of `kind` alone in its workspace; each placeholder must start a finding on its line. */
function assertEveryPlaceholderReported(kind: Kind, text: string, label: string): void {
  const uri = `file:///w/new.${kind}.yaml`;
  const diagnostics = service.validate(uri, service.parse(TextDocument.create(uri, 'yaml', 1, text)), new MemoryIndex(), service.settings());
  const placeholders = placeholderLines(text);
  assert.ok(placeholders.length > 0, `${label}: no placeholder to check`);
  for (const { line, value } of placeholders) {
    const codes = diagnostics.filter((d) => d.range.start.line === line).map((d) => d.code);
    assert.ok(
      codes.some((code) => ['placeholder-text', 'unmeasurable-goal', 'unresolved-reference'].includes(code)),
      `${label}, line ${line + 1}: ${JSON.stringify(value)} passes unnoticed (findings there: ${codes.join(', ') || 'none'})\n${text}`,
    );
  }
}

describe('nothing a template, snippet or fix inserts passes unnoticed', () => {
  for (const kind of KINDS) {
    test(`the "New ${kind}" template`, () => assertEveryPlaceholderReported(kind, starterDocument(kind, `new-${kind}`, '2026-01-01'), `template ${kind}`));

    test(`fix all on a bare ${kind}`, () => {
      const uri = `file:///w/bare.${kind}.yaml`;
      const fixed = service.fixAll(uri, `kind: ${kind}\nid: bare-${kind}\ntitle: Bare ${kind}\n`, new MemoryIndex(), service.settings()).text;
      assertEveryPlaceholderReported(kind, fixed, `fixed bare ${kind}`);
    });
  }

  test('the whole-document snippets, tabbed through', () => {
    const snippets: Record<string, { body: string[] }> = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'snippets', 'charters.json'), 'utf8'));
    for (const [name, snippet] of Object.entries(snippets)) {
      const kind = /^kind: (\w+)$/.exec(snippet.body[0])?.[1] as Kind | undefined;
      if (!kind) continue;
      const text = snippet.body
        .join('\n')
        .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
        .replace(/\$\{\d+:([^}]*)\}/g, '$1')
        .replace(/\$\d+/g, '');
      assertEveryPlaceholderReported(kind, `${text}\n`, name);
    }
  });

  test('every x-placeholder of a text field is recognised; of a reference, names no document (todo-…)', () => {
    const schemas = new Schemas();
    const problems: string[] = [];
    const checked = { text: 0, reference: 0 };
    /** Walk a placeholder value alongside the schema it fills. */
    const checkValue = (value: unknown, schema: FieldSchema | undefined, where: string): void => {
      const resolved = schema && schemas.branch(schemas.resolve(schema) ?? {}, value);
      if (!resolved) return;
      if (typeof value === 'string') {
        if (resolved['x-reference']) {
          checked.reference++;
          if (!/^todo-/.test(value)) problems.push(`${where}: reference placeholder ${JSON.stringify(value)} does not start with todo-`);
        } else if (resolved.type === 'string' && !resolved.pattern && !resolved.enum && resolved.const === undefined) {
          checked.text++;
          if (findPlaceholder(value) === undefined) problems.push(`${where}: text placeholder ${JSON.stringify(value)} is not recognised`);
        }
      } else if (Array.isArray(value)) {
        value.forEach((item, index) => checkValue(item, resolved.items, `${where}[${index}]`));
      } else if (value && typeof value === 'object') {
        for (const [key, item] of Object.entries(value)) checkValue(item, resolved.properties?.[key], `${where}.${key}`);
      }
    };
    const walk = (schema: FieldSchema | undefined, where: string, depth: number): void => {
      const resolved = schemas.resolve(schema);
      if (!resolved || depth > 12) return;
      if (resolved['x-placeholder'] !== undefined) checkValue(resolved['x-placeholder'], resolved, where);
      for (const [key, child] of Object.entries(resolved.properties ?? {})) walk(child, `${where}.${key}`, depth + 1);
      if (resolved.items) walk(resolved.items, `${where}[]`, depth + 1);
      if (resolved.then) walk(resolved.then, where, depth + 1);
      if (resolved.else) walk(resolved.else, where, depth + 1);
    };
    for (const kind of KINDS) walk(schemas.root(kind), kind, 0);
    assert.deepEqual(problems, []);
    assert.ok(checked.text > 10 && checked.reference > 2, JSON.stringify(checked));
  });
});

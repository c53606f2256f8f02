#!/usr/bin/env node
// Writes what VS Code and readers see before any code runs from the kinds registry
// (server/src/service/kinds/) and the rules (server/src/service/rules/), so the two stay the only
// place to edit:
//   package.json                      file-name patterns, workspaceContains activation, the New …
//                                     commands, the charters.rules setting
//   snippets/charters.json            the whole-document snippets (the other snippets are kept)
//   schemas/charters.config.schema.json  the rules block
//   docs/rules/README.md, README.md   the rule table and the rule list, between marker comments
//
//   node scripts/generate.mjs [--check] [--root DIR]
//
// --check writes nothing and exits 1, naming each file, when a file differs from what it would
// write; test/unit/generate.test.ts runs it. Running the script twice changes nothing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { ROOT, loadSource } from './lib/loadSource.mjs';

const LANGUAGE_ID = 'charters';
const SETTING_DESCRIPTIONS = {
  off: 'Not checked.',
  info: 'Shown as information.',
  warning: 'Shown as a warning.',
  error: 'Shown as an error (the command line exits with 1).',
};

/** The files written, each with a function from its current text to the text it should have. */
function outputs(source) {
  return {
    'package.json': (text) => json(manifest(JSON.parse(text), source)),
    'snippets/charters.json': (text) => json(snippets(JSON.parse(text), source)),
    'schemas/charters.config.schema.json': (text) => json(configSchema(JSON.parse(text), source)),
    'docs/rules/README.md': (text) => replaceBetweenMarkers(text, 'rule-table', ruleTable(source)),
    'README.md': (text) => replaceBetweenMarkers(text, 'rule-list', ruleList(source)),
  };
}

/**
 * Generates every output under `root` (the repository by default). With `write: false` nothing is
 * written. Resolves with `{ file, changed }` for each output, `file` relative to `root`.
 */
export async function generate({ root = ROOT, write = true } = {}) {
  const source = await loadSource(`
    export { KIND_DEFINITIONS, documentGlobsByKind, fileNamePatterns, kindNames, newDocumentCommand } from './server/src/service/kinds';
    export { RULES } from './server/src/service/rules';
    export { RULE_SETTINGS } from './server/src/service/types';
    export { CONFIG_FILE } from './server/src/service/config';
  `);
  const results = [];
  for (const [file, render] of Object.entries(outputs(source))) {
    const absolute = path.join(root, file);
    const current = fs.readFileSync(absolute, 'utf8');
    const next = render(current);
    const changed = next !== current;
    if (changed && write) fs.writeFileSync(absolute, next);
    results.push({ file, changed });
  }
  return results;
}

function json(value) {
  return `${JSON.stringify(value, null, 2)}\n`;
}

// ------------------------------------------------------------------ package.json

function manifest(pkg, source) {
  const { KIND_DEFINITIONS, documentGlobsByKind, fileNamePatterns, newDocumentCommand, CONFIG_FILE } = source;
  pkg.activationEvents = [
    ...pkg.activationEvents.filter((event) => !event.startsWith('workspaceContains:')),
    ...[...documentGlobsByKind(), `**/${CONFIG_FILE}`].map((glob) => `workspaceContains:${glob}`),
  ];
  const language = pkg.contributes.languages.find((entry) => entry.id === LANGUAGE_ID);
  // the Markdown forms keep VS Code's Markdown language (highlighting, preview); the client selects them by pattern
  language.filenamePatterns = fileNamePatterns('yaml');

  const newCommands = KIND_DEFINITIONS.map((definition) => ({
    command: newDocumentCommand(definition.id),
    title: definition.newDocumentTitle,
    category: 'Product Charters',
  }));
  const isNewCommand = (entry) => /^charters\.new[A-Z]/.test(entry.command);
  const commands = pkg.contributes.commands;
  const first = commands.findIndex(isNewCommand);
  const kept = commands.filter((entry) => !isNewCommand(entry));
  const at = first === -1 ? kept.length : commands.slice(0, first).filter((entry) => !isNewCommand(entry)).length;
  pkg.contributes.commands = [...kept.slice(0, at), ...newCommands, ...kept.slice(at)];

  const setting = pkg.contributes.configuration.properties[`${LANGUAGE_ID}.rules`];
  setting.properties = Object.fromEntries(
    source.RULES.map((rule) => [
      rule.id,
      {
        type: 'string',
        enum: [...source.RULE_SETTINGS],
        enumDescriptions: source.RULE_SETTINGS.map((value) => SETTING_DESCRIPTIONS[value]),
        markdownDescription: `${rule.description} Default: \`${rule.defaultSeverity}\`.`,
      },
    ]),
  );
  return pkg;
}

// ------------------------------------------------------------------ snippets

/**
 * The whole-document snippets (their body starts with `kind:`) first, in the registry's order.
 * They are file templates without a prefix: VS Code offers them for an empty file ("Start with
 * snippet", "Snippets: Fill File with Snippet") and never in completion, where it cannot tell a
 * list or a mapping value from the top of a file. The language server completes a whole document
 * at the top of an empty one.
 */
function snippets(current, source) {
  const whole = source.KIND_DEFINITIONS.map((definition) => [
    `${definition.title} document`,
    {
      isFileTemplate: true,
      description: definition.snippet.description,
      body: [`kind: ${definition.id}`, ...definition.snippet.body, '$0'],
    },
  ]);
  const others = Object.entries(current).filter(([, snippet]) => !snippet.body[0].startsWith('kind:'));
  return Object.fromEntries([...whole, ...others]);
}

// ------------------------------------------------------------------ config schema

function configSchema(schema, source) {
  const rules = schema.properties.rules;
  const settings = listed(source.RULE_SETTINGS, 'or');
  rules.propertyNames = { enum: source.RULES.map((rule) => rule.id) };
  rules.properties = Object.fromEntries(
    source.RULES.map((rule) => [
      rule.id,
      {
        $ref: '#/definitions/severity',
        description: `${rule.description} Default: ${rule.defaultSeverity}. Set to ${settings}.`,
        examples: ['warning', 'off'],
        'x-hint': `choose ${settings}`,
      },
    ]),
  );
  return schema;
}

// ------------------------------------------------------------------ Markdown

function ruleTable({ RULES, kindNames }) {
  const cell = (text) => text.replace(/\|/g, '\\|');
  return [
    `Product Charters checks ${kindNames('and')} documents with the ${RULES.length} rules below.`,
    "Every finding names its rule and links to the rule's page, which shows what triggers it, an example,",
    'how to fix it, and why it matters.',
    '',
    '| Rule | Default severity | Fixable | What it checks | Page |',
    '|---|---|---|---|---|',
    ...RULES.map(
      (rule) => `| \`${rule.id}\` | ${rule.defaultSeverity} | ${rule.fixable ? 'yes' : 'no'} | ${cell(rule.description)} | [${rule.id}.md](${rule.id}.md) |`,
    ),
  ].join('\n');
}

/** The rule pages as one paragraph of links, two to a line. */
function ruleList({ RULES }) {
  const links = RULES.map((rule, index) => `[${rule.id}](docs/rules/${rule.id}.md)${index === RULES.length - 1 ? '.' : ','}`);
  const lines = [];
  for (let index = 0; index < links.length; index += 2) lines.push(links.slice(index, index + 2).join(' '));
  return lines.join('\n');
}

/** Replaces what lies between `<!-- begin generated NAME … -->` and `<!-- end generated NAME -->`. */
function replaceBetweenMarkers(text, name, content) {
  const begin = new RegExp(`<!-- begin generated ${name}\\b[^>]*-->\\n`);
  const end = `<!-- end generated ${name} -->`;
  const start = begin.exec(text);
  const stop = text.indexOf(end);
  if (!start || stop < start.index) throw new Error(`no "<!-- begin generated ${name} … -->" … "${end}" markers`);
  return `${text.slice(0, start.index + start[0].length)}${content}\n${text.slice(stop)}`;
}

function listed(items, conjunction) {
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

// ------------------------------------------------------------------ command line

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false }, root: { type: 'string' } } });
  const root = values.root ? path.resolve(values.root) : ROOT;
  const results = await generate({ root, write: !values.check });
  const changed = results.filter((result) => result.changed).map((result) => result.file);
  if (values.check) {
    for (const file of changed) console.error(`${file} differs from what \`npm run generate\` writes: edit the kinds registry or the rules, then run it.`);
    process.exitCode = changed.length ? 1 : 0;
  } else {
    console.log(changed.length ? `wrote ${changed.join(', ')}` : 'nothing to change');
  }
}

#!/usr/bin/env node
// Writes what VS Code and readers see before any code runs from the kinds registry
// (server/src/service/kinds/) and the rules (server/src/service/rules/), so the two stay the only
// place to edit:
//   package.json                      file-name patterns, workspaceContains activation, the New …
//                                     commands, the charters.rules setting
//   snippets/charters.json            the whole-document snippets (the other snippets are kept)
//   schemas/charters.config.schema.json  the rules block
//   docs/rules/README.md, README.md   the rule table and the rule list, between marker comments
//   .pre-commit-hooks.yaml            the hook's file pattern (the document names)
//   action/index.js                   the GitHub Action, bundled from server/src/action/ (the
//                                     repository keeps it so that `uses:` needs no build)
//   README.extension.md               the rule table of the extension's page (the .vsix's README)
//
//   node scripts/generate.mjs [--check] [--root DIR]
//
// --check writes nothing and exits 1, naming each file, when a file differs from what it would
// write; test/unit/generate.test.ts runs it. Running the script twice changes nothing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { ROOT, loadSource } from './lib/loadSource.mjs';
import { precompiledSchemas } from './lib/schemaValidators.mjs';
import { yamlEsmBuild } from './lib/yamlPlugin.mjs';

const LANGUAGE_ID = 'charters';
const SETTING_DESCRIPTIONS = {
  off: 'Not checked.',
  info: 'Shown as information.',
  warning: 'Shown as a warning.',
  error: 'Shown as an error (the command line exits with 1).',
};

/** The files written, each with a function from its current text to the text it should have. */
function outputs(source, root) {
  return {
    'package.json': (text) => json(manifest(JSON.parse(text), source)),
    'snippets/charters.json': (text) => json(snippets(JSON.parse(text), source)),
    'schemas/charters.config.schema.json': (text) => json(configSchema(JSON.parse(text), source)),
    'docs/rules/README.md': (text) => replaceBetweenMarkers(text, 'rule-table', ruleTable(source)),
    'README.md': (text) => replaceBetweenMarkers(text, 'rule-list', ruleList(source)),
    '.pre-commit-hooks.yaml': (text) => preCommitHooks(text, source),
    'action/index.js': () => source.actionBundle,
    'README.extension.md': (text) => replaceBetweenMarkers(text, 'rule-table-extension', extensionRuleTable(source, repositoryUrl(root))),
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
  source.actionBundle = await actionBundle();
  const results = [];
  for (const [file, render] of Object.entries(outputs(source, root))) {
    const absolute = path.join(root, file);
    const current = fs.existsSync(absolute) ? fs.readFileSync(absolute, 'utf8') : '';
    const next = render(current);
    const changed = next !== current;
    if (changed && write) {
      fs.mkdirSync(path.dirname(absolute), { recursive: true });
      fs.writeFileSync(absolute, next);
    }
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

/**
 * The extension's page shows outside the repository (VS Code's details page, offline): each rule
 * links to its page on the repository's site, whose address package.json gives.
 */
function extensionRuleTable({ RULES }, repository) {
  const cell = (text) => text.replace(/\|/g, '\\|');
  return [
    '| Rule | Default | Fix | What it finds |',
    '|---|---|---|---|',
    ...RULES.map(
      (rule) =>
        `| [\`${rule.id}\`](${repository}/blob/HEAD/docs/rules/${rule.id}.md) | ${rule.defaultSeverity} | ${rule.fixable ? 'yes' : ''} | ${cell(rule.description)} |`,
    ),
  ].join('\n');
}

/** The repository's web address, from package.json's `repository` (a git URL or `owner/name`). */
function repositoryUrl(root) {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const url = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
  if (!url) throw new Error('package.json has no repository: the extension page links each rule to its page there');
  return url.replace(/^git\+/, '').replace(/\.git$/, '');
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

// ------------------------------------------------------------------ pre-commit

/**
 * The `files:` of every hook in .pre-commit-hooks.yaml: a Python regular expression matching the
 * document names of the registry (`*.role.yaml`, …), searched in each path relative to the
 * repository. The rest of the file is kept as written.
 */
function preCommitHooks(text, { fileNamePatterns }) {
  const suffixes = fileNamePatterns().map((pattern) => {
    if (!/^\*\.[A-Za-z0-9.]+$/.test(pattern)) throw new Error(`generate: cannot write a pre-commit pattern for the file name pattern "${pattern}"`);
    return pattern.slice(1).replace(/\./g, '\\.');
  });
  const files = `(${suffixes.join('|')})$`;
  const updated = text.replace(/^(\s*files: ).*$/gm, (_, key) => `${key}'${files}'`);
  if (!/^\s*files: /m.test(text)) throw new Error('generate: .pre-commit-hooks.yaml has no `files:` line to write');
  return updated;
}

// ------------------------------------------------------------------ the GitHub Action

/** action/index.js: the Action and the command line it runs, in one minified file for Node. */
async function actionBundle() {
  const result = await build({
    entryPoints: [path.join(ROOT, 'server', 'src', 'action', 'index.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    loader: { '.css': 'text' },
    minify: true,
    legalComments: 'eof',
    banner: { js: '// Generated by `npm run generate` from server/src/action/: do not edit. See action.yml.' },
    write: false,
    logLevel: 'silent',
    plugins: [yamlEsmBuild, precompiledSchemas(ROOT)],
  });
  return result.outputFiles[0].text;
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

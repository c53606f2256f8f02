import { isMap, isScalar, isSeq, stringify } from 'yaml';
import { MarkupKind, type Hover, type Position, type Range } from 'vscode-languageserver-types';
import { toRange, type Path } from './ast';
import { documentContext, kindFromText, requiredOf, schemaPath, stringAt, taxonomyFieldAt, valueAt, type FeatureDeps } from './documentContext';
import { fileName, namesExternalRoles } from './workspace';
import type { ParsedDocument } from './parse';
import type { Taxonomy } from './taxonomy';
import { KIND_TITLES, type Kind } from './types';

/** What the cursor is on: a field's key, or a scalar value at `path`. */
interface Target {
  type: 'key' | 'value';
  path: Path;
  text: string;
  range: Range;
}

export function getHover(parsed: ParsedDocument, position: Position, deps: FeatureDeps): Hover | null {
  const text = parsed.textDocument.getText();
  const kind = parsed.kind ?? kindFromText(text);
  if (!kind) return null;
  // a tree recovered from syntax errors can nest things where they are not: indentation is more faithful then
  const fromTree = () => targetInTree(parsed, parsed.textDocument.offsetAt(position));
  const target = parsed.yaml.errors.length ? (targetInText(text, position) ?? fromTree()) : (fromTree() ?? targetInText(text, position));
  if (!target) return null;
  const markdown = target.type === 'key' ? keyHover(target, kind, parsed, deps) : valueHover(target, kind, deps);
  return markdown ? { contents: { kind: MarkupKind.Markdown, value: markdown }, range: target.range } : null;
}

function keyHover(target: Target, kind: Kind, parsed: ParsedDocument, { schemas }: FeatureDeps): string | undefined {
  const key = target.path[target.path.length - 1];
  if (typeof key !== 'string') return undefined;
  const parentPath = target.path.slice(0, -1);
  const parent = schemas.at(kind, schemaPath(parentPath));
  if (!parent?.properties) return undefined;
  const field = schemas.resolve(parent.properties[key]);
  if (!field) return `\`${key}\` is not a field of a ${kind} here.`;
  const required = requiredOf(parent, valueAt(parsed.value, parentPath)).has(key);
  const parts = [`**${key}**${required ? ' (required)' : ' (optional)'}`];
  if (field.description) parts.push(field.description);
  if (field.examples?.length) parts.push(`Example:\n\n\`\`\`yaml\n${stringify({ [key]: field.examples[0] }).trimEnd()}\n\`\`\``);
  return parts.join('\n\n');
}

function valueHover(target: Target, kind: Kind, { schemas, taxonomy, index, externalRoles }: FeatureDeps): string | undefined {
  const id = target.text;
  switch (taxonomyFieldAt(kind, target.path)) {
    case 'responsibility':
      return responsibilityHover(id, taxonomy);
    case 'skill': {
      const skill = taxonomy.skill(id);
      if (!skill) return `\`${id}\` is not a skill in the taxonomy.`;
      return [
        `**${skill.title}** (skill \`${skill.id}\`)`,
        spelling(id, skill.id),
        skill.description,
        skill.levels?.length ? `Needed by: ${holderTitles(skill.levels, taxonomy)}` : '',
        sourceList(skill.sources ?? [], taxonomy),
      ]
        .filter(Boolean)
        .join('\n\n');
    }
    case 'area': {
      const area = taxonomy.area(id);
      return area
        ? [`**${area.title}** (area \`${area.id}\`)`, spelling(id, area.id), area.description].filter(Boolean).join('\n\n')
        : `\`${id}\` is not an area of the taxonomy.`;
    }
    case 'level':
      return levelHover(id, taxonomy);
    default:
      break;
  }
  const path = schemaPath(target.path);
  const schema = schemas.at(kind, path, stringAt(path));
  const reference = schema?.['x-reference'];
  if (reference) {
    const found = index.find(reference, id);
    const external = reference === 'role' && namesExternalRoles(kind) ? externalRoles?.get(id) : undefined;
    if (found.length === 0 && external)
      return `**${external.title}** (external role \`${id}\`)\n\nNamed in charters.config.yaml under \`externalRoles\`: a role outside the product ladder, with no role document.`;
    if (found.length === 0) return `No ${reference} document in the workspace has the id \`${id}\`.`;
    return found
      .map((doc) =>
        [`**${doc.title ?? id}** (${KIND_TITLES[doc.kind].toLowerCase()} \`${id}\`)`, doc.summary, `File: \`${fileName(doc.uri)}\``]
          .filter(Boolean)
          .join('\n\n'),
      )
      .join('\n\n---\n\n');
  }
  if (target.path.length === 1 && target.path[0] === 'kind') return `**${id}**\n\n${schemas.root(kind).properties?.kind?.description ?? ''}`.trim();
  if (schema?.enum?.includes(id) && schema.description) return `**${id}**\n\n${schema.description}`;
  return undefined;
}

function responsibilityHover(id: string, taxonomy: Taxonomy): string {
  const item = taxonomy.responsibility(id);
  if (!item) return `\`${id}\` is not a responsibility in the taxonomy.`;
  return [
    `**${item.title}** (responsibility \`${item.id}\`)`,
    spelling(id, item.id),
    `Area: ${taxonomy.area(item.area)?.title ?? item.area}`,
    item.description,
    `Held by: ${holderTitles(item.levels, taxonomy) || 'no level'}`,
    item.lineManagement ? 'Needs line management: held by people with direct reports.' : '',
    sourceList(item.sources, taxonomy),
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** Levels (lowest first) and cross-functional roles by title. */
function holderTitles(ids: readonly string[], taxonomy: Taxonomy): string {
  const rank = (holder: string) => taxonomy.level(holder)?.rank ?? 99;
  return [...ids]
    .sort((a, b) => rank(a) - rank(b))
    .map((holder) => taxonomy.level(holder)?.title ?? taxonomy.crossFunctionalRole(holder)?.title ?? holder)
    .join(', ');
}

/** Said when the document writes an alias: the entry shown is the one it stands for. */
function spelling(written: string, canonical: string): string {
  return written === canonical ? '' : `\`${written}\` is another spelling of \`${canonical}\`; both are accepted.`;
}

/** The works an entry comes from, each by title and author. */
function sourceList(files: readonly string[], taxonomy: Taxonomy): string {
  return files.length ? `Sources:\n${files.map((file) => `- ${taxonomy.citation(file)}`).join('\n')}` : '';
}

function levelHover(id: string, taxonomy: Taxonomy): string {
  const level = taxonomy.level(id);
  if (!level) return `\`${id}\` is not a level of the taxonomy or of this workspace's config.`;
  const top = Math.max(...taxonomy.levels.map((other) => other.rank));
  // the neighbour on the same track when there is one: a staff PM sits above a senior PM, not a group PM
  const at = (rank: number) => {
    const found = taxonomy.levels.filter((other) => other.rank === rank);
    return found.find((other) => other.track === level.track) ?? found[0];
  };
  const name = (other: typeof level | undefined) => (other ? `${other.title} (\`${other.id}\`)` : 'none');
  const like = level.like === undefined ? undefined : taxonomy.level(level.like);
  return [
    `**${level.title}** (level \`${level.id}\`)`,
    spelling(id, level.id),
    `Rung ${level.rank} of ${top}, ${level.track} track.`,
    level.description,
    level.added ? `Added in charters.config.yaml${like ? `; holds the typical responsibilities of ${like.title} (\`${like.id}\`)` : ''}.` : '',
    `Below: ${name(at(level.rank - 1))} · Above: ${name(at(level.rank + 1))}`,
    `The taxonomy gives it ${taxonomy.responsibilitiesOf(level.id).length} responsibilities.`,
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** The key or scalar under `offset` in the parsed tree. */
function targetInTree(parsed: ParsedDocument, offset: number): Target | undefined {
  const visit = (node: unknown, path: Path): Target | undefined => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key) || pair.key.value === null) continue;
        const name = String(pair.key.value);
        if (pair.key.range && offset >= pair.key.range[0] && offset <= pair.key.range[1]) {
          return { type: 'key', path: [...path, name], text: name, range: toRange(parsed.textDocument, pair.key.range[0], pair.key.range[1]) };
        }
        const found = visit(pair.value, [...path, name]);
        if (found) return found;
      }
    } else if (isSeq(node)) {
      for (let index = 0; index < node.items.length; index++) {
        const found = visit(node.items[index], [...path, index]);
        if (found) return found;
      }
    } else if (isScalar(node) && node.value !== null && node.range && offset >= node.range[0] && offset <= node.range[1]) {
      return { type: 'value', path, text: String(node.value), range: toRange(parsed.textDocument, node.range[0], node.range[1]) };
    }
    return undefined;
  };
  return visit(parsed.yaml.contents, []);
}

/** For a document the parser could not make sense of: the word under the cursor, placed by indentation. */
function targetInText(text: string, position: Position): Target | undefined {
  const line = text.split('\n')[position.line]?.replace(/\r$/, '') ?? '';
  const isWord = (char: string | undefined) => char !== undefined && /[A-Za-z0-9_.-]/.test(char);
  let start = position.character;
  let end = position.character;
  while (isWord(line[start - 1])) start--;
  while (isWord(line[end])) end++;
  if (start === end) return undefined;
  const word = line.slice(start, end);
  const range = { start: { line: position.line, character: start }, end: { line: position.line, character: end } };
  if (/^[ \t]*:(\s|$)/.test(line.slice(end))) {
    const context = documentContext(text, { line: position.line, character: start });
    if (context?.mode !== 'key' && context?.mode !== 'top') return undefined;
    return { type: 'key', path: [...context.path, word], text: word, range };
  }
  const context = documentContext(text, { line: position.line, character: end });
  if (context?.mode !== 'value' && context?.mode !== 'item') return undefined;
  return { type: 'value', path: context.path, text: word, range };
}

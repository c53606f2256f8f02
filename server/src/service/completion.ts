import {
  CompletionItemKind,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Position,
} from 'vscode-languageserver-types';
import {
  documentContext,
  kindFromText,
  requiredOf,
  schemaPath,
  stringAt,
  taxonomyFieldAt,
  valueAt,
  type DocumentContext,
  type FeatureDeps,
} from './documentContext';
import { fileName, namesExternalRoles } from './workspace';
import { sectionCompletions } from './markdownDocument';
import type { ParsedDocument } from './parse';
import { isRecord, type FieldSchema, type Schemas } from './schemas';
import type { Style } from './style';
import type { Taxonomy } from './taxonomy';
import { KINDS, KIND_TITLES, type Kind } from './types';

export type { FeatureDeps };

/** A value that can go where the cursor is, before it becomes a CompletionItem. */
interface Candidate {
  label: string;
  detail?: string;
  /** Shown beside the label, less prominent (LSP `labelDetails.description`). */
  description?: string;
  documentation?: string;
  /** Lower first. */
  group: number;
  kind: CompletionItemKind;
  /** Other ids the entry accepts: typing one finds the entry, whose canonical id is inserted. */
  aliases?: string[];
}

export function getCompletions(parsed: ParsedDocument, position: Position, deps: FeatureDeps): CompletionList {
  const markdown = parsed.markdown;
  // a Markdown document: the body offers its missing sections; the front matter completes as YAML
  if (markdown && (typeof markdown.frontMatter !== 'object' || position.line >= markdown.frontMatter.closingLine)) {
    return { isIncomplete: false, items: sectionCompletions(parsed, position) };
  }
  const yamlParse = markdown?.frontMatterParse ?? parsed;
  const text = yamlParse.textDocument.getText();
  const context = documentContext(text, position);
  if (!context) return { isIncomplete: false, items: [] };
  const style = yamlParse.style();
  const kind = parsed.kind ?? kindFromText(text);
  if (context.mode === 'top') return { isIncomplete: false, items: topItems(context, text, deps.schemas, style) };
  if (context.mode === 'value' && context.path.length === 1 && context.key === 'kind') {
    return {
      isIncomplete: false,
      items: KINDS.map((value, order) =>
        valueItem(context, { label: value, detail: `${KIND_TITLES[value]} document`, group: 0, kind: CompletionItemKind.EnumMember }, order),
      ),
    };
  }
  if (!kind) return { isIncomplete: false, items: [] };
  const items =
    context.mode === 'key'
      ? keyModeItems(context, kind, parsed, deps, style)
      : context.mode === 'item'
        ? itemModeItems(context, kind, parsed, deps, style)
        : valueCandidates(context, kind, parsed, deps).map((candidate, order) => valueItem(context, candidate, order));
  return { isIncomplete: false, items: items.sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '')) };
}

function keyModeItems(context: DocumentContext, kind: Kind, parsed: ParsedDocument, deps: FeatureDeps, style: Style): CompletionItem[] {
  const schema = deps.schemas.at(kind, schemaPath(context.path));
  if (schema?.type === 'array' && context.fresh) {
    // `responsibilities:` then a new, deeper line: the entries of that list, each with its dash
    return itemModeItems({ ...context, mode: 'item', path: [...context.path, 0], needsDash: true, indent: context.indent }, kind, parsed, deps, style);
  }
  return fieldItems(context, schema, context.path.length === 0 ? rootValues(parsed) : valueAt(parsed.value, context.path), deps.schemas, style, context.indent);
}

function itemModeItems(context: DocumentContext, kind: Kind, parsed: ParsedDocument, deps: FeatureDeps, style: Style): CompletionItem[] {
  const values = valueCandidates(context, kind, parsed, deps).map((candidate, order) => valueItem(context, candidate, order));
  if (context.flow) return values;
  // an entry can also start a mapping (`- objective: ...`): its fields, after the values
  const objectSchema = deps.schemas.at(kind, schemaPath(context.path));
  const column = context.indent + 2;
  const fields = fieldItems({ ...context, presentKeys: [] }, objectSchema, undefined, deps.schemas, style, column).map((item) => ({
    ...item,
    sortText: `9${item.sortText}`,
    textEdit: item.textEdit && { ...item.textEdit, newText: (context.needsDash ? '- ' : '') + item.textEdit.newText },
  }));
  const required = objectSchema?.properties ? Object.keys(objectSchema.properties).filter((key) => requiredOf(objectSchema, {}).has(key)) : [];
  if (required.length < 2 || !objectSchema) return [...values, ...fields];
  // the whole entry at once: `- objective: …` with its key results
  const entry: CompletionItem = {
    label: `New entry (${required.join(', ')})`,
    kind: CompletionItemKind.Snippet,
    detail: objectSchema.description,
    sortText: '8000',
    filterText: required[0],
    insertTextFormat: InsertTextFormat.Snippet,
    insertTextMode: InsertTextMode.asIs,
    textEdit: { range: context.replaceRange, newText: (context.needsDash ? '- ' : '') + objectBody(objectSchema, column, style, deps.schemas, { next: 1 }) },
  };
  return [...values, entry, ...fields];
}

/** The fields of a mapping that are not there yet, required ones first. */
function fieldItems(
  context: DocumentContext,
  schema: FieldSchema | undefined,
  value: unknown,
  schemas: Schemas,
  style: Style,
  column: number,
): CompletionItem[] {
  if (!schema?.properties) return [];
  const required = requiredOf(schema, value);
  const present = new Set(context.presentKeys);
  return Object.entries(schema.properties)
    .filter(([key]) => !present.has(key))
    .map(([key, raw], order) => {
      const field = schemas.resolve(raw) ?? {};
      const isRequired = required.has(key);
      const snippet = context.keyHasColon ? key : fieldSnippet(key, field, column, style, schemas, { next: 1 });
      return {
        label: key,
        kind: CompletionItemKind.Property,
        detail: isRequired ? 'required' : undefined,
        documentation: field.description ? { kind: MarkupKind.Markdown, value: field.description } : undefined,
        sortText: `${isRequired ? 0 : 1}${pad3(order)}`,
        filterText: key,
        insertTextFormat: InsertTextFormat.Snippet,
        insertTextMode: InsertTextMode.asIs,
        textEdit: { range: context.replaceRange, newText: snippet },
      };
    });
}

/** `key: $1`, `key: ${1|a,b|}`, or the key with a skeleton of its list or mapping, in absolute columns. */
function fieldSnippet(key: string, schema: FieldSchema, column: number, style: Style, schemas: Schemas, tab: { next: number }): string {
  const head = `${escapeSnippet(key)}:`;
  if (schema.enum) return `${head} \${${tab.next++}|${schema.enum.map((value) => String(value).replace(/[\\$}|,]/g, '\\$&')).join(',')}|}`;
  if (schema.const !== undefined) return `${head} ${escapeSnippet(String(schema.const))}`;
  const newline = style.eol;
  if (schema.type === 'array') {
    const dashColumn = column + (style.indentSeq ? style.indent : 0);
    const items = schemas.resolve(schema.items);
    const entry = items && !items.if && items.properties ? objectBody(items, dashColumn + 2, style, schemas, tab) : `$${tab.next++}`;
    return `${head}${newline}${spaces(dashColumn)}- ${entry}`;
  }
  if (schema.type === 'object' && schema.properties) {
    return `${head}${newline}${spaces(column + style.indent)}${objectBody(schema, column + style.indent, style, schemas, tab)}`;
  }
  return `${head} $${tab.next++}`;
}

/** The required fields of a mapping, the first one without its indentation (the caller placed it). */
function objectBody(schema: FieldSchema, column: number, style: Style, schemas: Schemas, tab: { next: number }): string {
  const keys = schema.required?.length ? schema.required : Object.keys(schema.properties ?? {}).slice(0, 1);
  return keys.map((key) => fieldSnippet(key, schemas.resolve(schema.properties?.[key]) ?? {}, column, style, schemas, tab)).join(style.eol + spaces(column));
}

function valueCandidates(context: DocumentContext, kind: Kind, parsed: ParsedDocument, deps: FeatureDeps): Candidate[] {
  const { schemas, taxonomy, index } = deps;
  const schema = schemas.at(kind, schemaPath(context.path), stringAt(schemaPath(context.path)));
  if (!schema || schema.type === 'object' || schema.type === 'array') return [];
  const own = rootValues(parsed);
  const vocabulary = taxonomyFieldAt(kind, context.path);
  // an entry already in the list by one of its aliases is taken too
  const canonical = (id: string) =>
    (vocabulary === 'responsibility' ? taxonomy.responsibilityId(id) : vocabulary === 'skill' ? taxonomy.skillId(id) : undefined) ?? id;
  const taken = new Set(context.siblingItems.map(canonical));
  let candidates: Candidate[] = [];
  if (vocabulary === 'responsibility') {
    const holder = holderOf(own, taxonomy);
    const rank = (id: string) => taxonomy.level(id)?.rank ?? 99;
    candidates = taxonomy.responsibilities
      .map((item) => ({ item, distance: levelDistance(item.levels, holder, taxonomy) }))
      // stable: the taxonomy's order within each distance
      .sort((a, b) => a.distance - b.distance)
      .map(({ item, distance }) => {
        const heldBy = [...item.levels].sort((a, b) => rank(a) - rank(b)).map((id) => titleOf(id, taxonomy));
        return {
          label: item.id,
          detail: item.title,
          // not the role's own: who holds it, so the author sees why it comes later
          description: distance > 0 ? heldBy.join(', ') || 'no level' : undefined,
          documentation: [
            item.description,
            `Area: ${taxonomy.area(item.area)?.title ?? item.area}`,
            `Held by: ${heldBy.join(', ') || 'no level'}`,
            sourcesText(item.sources, taxonomy),
          ]
            .filter(Boolean)
            .join('\n\n'),
          group: Math.min(distance, 2),
          kind: CompletionItemKind.Value,
          aliases: item.aliases,
        };
      });
  } else if (vocabulary === 'skill') {
    candidates = taxonomy.skills.map((item) => ({
      label: item.id,
      detail: item.title,
      documentation: [item.description, sourcesText(item.sources ?? [], taxonomy)].filter(Boolean).join('\n\n'),
      group: 0,
      kind: CompletionItemKind.Value,
      aliases: item.aliases,
    }));
  } else if (vocabulary === 'area') {
    candidates = taxonomy.areas.map((item) => ({
      label: item.id,
      detail: item.title,
      documentation: item.description,
      group: 0,
      kind: CompletionItemKind.Value,
      aliases: item.aliases,
    }));
  } else if (vocabulary === 'level') {
    // the built-in levels and those the workspace's config adds, lowest rank first
    candidates = [...taxonomy.levels]
      .sort((a, b) => a.rank - b.rank)
      .map((level) => ({
        label: level.id,
        detail: level.title,
        documentation: `${level.description}\n\nRank ${level.rank}, ${level.track} track${level.added ? ', added in charters.config.yaml' : ''}.`,
        group: 0,
        kind: CompletionItemKind.EnumMember,
      }));
  } else if (schema.enum) {
    candidates = schema.enum.map((value) => ({
      label: String(value),
      detail: vocabulary === 'level' ? taxonomy.level(String(value))?.title : undefined,
      documentation: vocabulary === 'level' ? taxonomy.level(String(value))?.description : schema.description,
      group: 0,
      kind: CompletionItemKind.EnumMember,
    }));
  } else if (schema['x-reference']) {
    const target = schema['x-reference'];
    const ownId = typeof own.id === 'string' && target === kind ? own.id : undefined;
    candidates = [...index.documents(target)]
      .filter((summary) => summary.id !== undefined && summary.id !== ownId)
      .map((summary) => ({
        label: summary.id as string,
        detail: summary.title,
        documentation: [summary.summary, `${KIND_TITLES[target]} in \`${fileName(summary.uri)}\``].filter(Boolean).join('\n\n'),
        group: 0,
        kind: CompletionItemKind.Reference,
      }));
    if (target === 'role' && namesExternalRoles(kind)) {
      for (const role of deps.externalRoles?.values() ?? []) {
        candidates.push({
          label: role.id,
          detail: role.title,
          documentation: 'External role, named in charters.config.yaml',
          group: 1,
          kind: CompletionItemKind.Reference,
        });
      }
    }
  } else if (schema.type === 'integer' && schema.minimum !== undefined && schema.maximum !== undefined && schema.maximum - schema.minimum <= 10) {
    for (let value = schema.minimum; value <= schema.maximum; value++) {
      candidates.push({ label: String(value), documentation: schema.description, group: 0, kind: CompletionItemKind.Value });
    }
  }
  const seen = new Set<string>();
  return candidates.filter((candidate) => !taken.has(candidate.label) && !seen.has(candidate.label) && seen.add(candidate.label));
}

function valueItem(context: DocumentContext, candidate: Candidate, order: number): CompletionItem {
  const lead = context.needsDash ? '- ' : context.needsSpace ? ' ' : '';
  return {
    label: candidate.label,
    kind: candidate.kind,
    detail: candidate.detail,
    ...(candidate.description ? { labelDetails: { description: candidate.description } } : {}),
    documentation: candidate.documentation ? { kind: MarkupKind.Markdown, value: candidate.documentation } : undefined,
    sortText: `${candidate.group}${pad3(order)}`,
    filterText: [candidate.label, ...(candidate.aliases ?? [])].join(' '),
    textEdit: { range: context.replaceRange, newText: lead + candidate.label },
  };
}

/** Root of a document without `kind`: `kind: role` and the like, and a whole skeleton when the file is empty. */
function topItems(context: DocumentContext, text: string, schemas: Schemas, style: Style): CompletionItem[] {
  const items: CompletionItem[] = KINDS.map((kind, order) => ({
    label: `kind: ${kind}`,
    kind: CompletionItemKind.Property,
    detail: `${KIND_TITLES[kind]} document`,
    sortText: `0${pad3(order)}`,
    filterText: `kind: ${kind}`,
    textEdit: { range: context.replaceRange, newText: `kind: ${kind}` },
  }));
  const empty = text.split(/\r?\n/).every((line, number) => number === context.replaceRange.start.line || line.trim() === '' || line.trim().startsWith('#'));
  if (!empty) return items;
  return [
    ...items,
    ...KINDS.map((kind, order) => ({
      label: `New ${kind} document`,
      kind: CompletionItemKind.Snippet,
      detail: `A ${KIND_TITLES[kind].toLowerCase()} with its required fields`,
      sortText: `1${pad3(order)}`,
      filterText: `kind: ${kind} new ${kind} document`,
      insertTextFormat: InsertTextFormat.Snippet,
      insertTextMode: InsertTextMode.asIs,
      textEdit: { range: context.replaceRange, newText: skeleton(kind, schemas, style, context.indent) },
    })),
  ];
}

/** A document of `kind` with its required fields filled with the schema's placeholders, each a tabstop. */
function skeleton(kind: Kind, schemas: Schemas, style: Style, column: number): string {
  const root = schemas.resolve(schemas.root(kind)) ?? {};
  const tab = { next: 1 };
  const lines: string[] = [];
  const required = requiredOf(root, {});
  for (const key of Object.keys(root.properties ?? {}).filter((name) => required.has(name))) {
    const field = schemas.resolve(root.properties?.[key]) ?? {};
    const placeholder = field['x-placeholder'] ?? field.examples?.[0] ?? '';
    lines.push(
      ...renderPlaceholder(key, placeholder, key === 'kind', style).map(
        (line) => spaces(column) + line.replace(/\u0000(.*?)\u0001/g, (_m, value: string) => `\${${tab.next++}:${value}}`),
      ),
    );
  }
  return lines.join(style.eol).replace(/^ */, '');
}

/** YAML lines for `key: value`, scalars wrapped in \u0000…\u0001 where a tabstop goes. */
function renderPlaceholder(key: string, value: unknown, fixed: boolean, style: Style): string[] {
  const mark = (scalar: unknown) => {
    const text = yamlScalar(scalar);
    if (fixed) return escapeSnippet(text);
    const quoted = /^"(.*)"$/.exec(text);
    return quoted ? `"\u0000${escapeSnippet(quoted[1])}\u0001"` : `\u0000${escapeSnippet(text)}\u0001`;
  };
  if (Array.isArray(value)) {
    const dash = spaces(style.indentSeq ? style.indent : 0);
    return [
      `${key}:`,
      ...value.flatMap((item) => {
        const body = isRecord(item) ? Object.entries(item).flatMap(([k, v]) => renderPlaceholder(k, v, false, style)) : [mark(item)];
        return body.map((line, index) => dash + (index === 0 ? '- ' : '  ') + line);
      }),
    ];
  }
  if (isRecord(value)) {
    return [
      `${key}:`,
      ...Object.entries(value)
        .flatMap(([k, v]) => renderPlaceholder(k, v, false, style))
        .map((line) => spaces(style.indent) + line),
    ];
  }
  return [`${key}: ${mark(value)}`];
}

function yamlScalar(value: unknown): string {
  if (typeof value !== 'string') return String(value);
  return /^[A-Za-z0-9][^:#]*$/.test(value) && !/\s$/.test(value) && !/^(true|false|null|yes|no|~|[\d.]+)$/i.test(value) ? value : JSON.stringify(value);
}

/** Who holds a role's responsibilities: its level, or the cross-functional role it is (by id or title). */
function holderOf(role: Record<string, unknown>, taxonomy: Taxonomy): string | undefined {
  if (role.track === 'cross-functional') {
    const words = [role.id, role.title].filter((value): value is string => typeof value === 'string').map((value) => value.toLowerCase());
    return taxonomy.roles.find((item) =>
      words.some(
        (word) =>
          word.includes(item.id) || word.includes(item.title.toLowerCase()) || (item.otherTitles ?? []).some((title) => word.includes(title.toLowerCase())),
      ),
    )?.id;
  }
  return typeof role.level === 'string' ? role.level : undefined;
}

/**
 * How far a responsibility is from the role: 0 when its level (or cross-functional role) holds it,
 * else the fewest ranks between the role's level and a level that holds it; unranked ones last.
 */
function levelDistance(levels: readonly string[], holder: string | undefined, taxonomy: Taxonomy): number {
  if (holder !== undefined && levels.includes(holder)) return 0;
  const own = holder === undefined ? undefined : taxonomy.level(holder)?.rank;
  const ranks = levels.map((id) => taxonomy.level(id)?.rank).filter((rank): rank is number => rank !== undefined);
  if (own === undefined || ranks.length === 0) return Number.MAX_SAFE_INTEGER;
  return Math.min(...ranks.map((rank) => Math.abs(rank - own)));
}

/** The document's root fields; read from the lines when the parser had to recover (it may nest them wrongly). */
function rootValues(parsed: ParsedDocument): Record<string, unknown> {
  if (parsed.yaml.errors.length === 0 && isRecord(parsed.value)) return parsed.value;
  const values: Record<string, unknown> = {};
  for (const match of parsed.textDocument.getText().matchAll(/^([A-Za-z][\w-]*):[ \t]*(["']?)([^"'#\r\n]*?)\2[ \t]*(?:#.*)?$/gm)) {
    if (match[3] !== '') values[match[1]] = match[3];
  }
  return values;
}

/** The works an entry comes from, by title and author. */
function sourcesText(files: readonly string[], taxonomy: Taxonomy): string {
  return files.length ? `Sources: ${files.map((file) => taxonomy.citation(file)).join('; ')}` : '';
}

function titleOf(id: string, taxonomy: Taxonomy): string {
  return taxonomy.level(id)?.title ?? taxonomy.crossFunctionalRole(id)?.title ?? id;
}

function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}

function spaces(count: number): string {
  return ' '.repeat(Math.max(count, 0));
}

function pad3(value: number): string {
  return String(value).padStart(3, '0');
}

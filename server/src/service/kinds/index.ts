// The kinds registry: the only list of the kinds of document. Every list of kinds, file-name
// pattern, schema lookup and starter document derives from it; scripts/generate.mjs writes the
// manifest entries and snippets VS Code reads statically from it.
import { charter } from './charter';
import type { DocumentForm, KindDefinition, ProseSection } from './kind';
import { ladder } from './ladder';
import { role } from './role';
import { strategy } from './strategy';
import { vision } from './vision';

/** In the document model's order, which is the order of every list shown to users. */
export const KIND_DEFINITIONS = [role, ladder, vision, strategy, charter] as const;

export type Kind = (typeof KIND_DEFINITIONS)[number]['id'];

export const KINDS: readonly Kind[] = KIND_DEFINITIONS.map((definition) => definition.id);

const BY_ID = new Map<string, KindDefinition<Kind>>(KIND_DEFINITIONS.map((definition) => [definition.id, definition]));

export function isKind(value: unknown): value is Kind {
  return typeof value === 'string' && BY_ID.has(value);
}

export function kindDefinition(kind: Kind): KindDefinition<Kind> {
  return BY_ID.get(kind)!;
}

/** "role, ladder, vision, strategy or charter" (or "… and charter"), for messages and help. */
export function kindNames(conjunction: 'and' | 'or'): string {
  const names = [...KINDS];
  const last = names.pop();
  return names.length ? `${names.join(', ')} ${conjunction} ${last}` : (last ?? '');
}

/** The id of the command that creates a document of `kind`: `charters.newRole`. */
export function newDocumentCommand(kind: Kind): string {
  return `charters.new${kindDefinition(kind).title.replace(/\W/g, '')}`;
}

/**
 * The text of a new document: valid against its schema, and clean once its TODO placeholders are
 * filled; until then every one is flagged: text by placeholder-text, targets by unmeasurable-goal,
 * ids of other documents (todo-…-id) by unresolved-reference.
 */
export function starterDocument(kind: Kind, id: string, today: string): string {
  const header = [`kind: ${kind}`, `id: ${id}`, `title: ${titleFromId(id)}`, 'status: draft', `updated: ${today}`];
  return `${header.join('\n')}\n${kindDefinition(kind).starterBody}`;
}

/**
 * `senior-pm-payments` → `Senior PM Payments`, `head-of-product` → `Head of Product`: a first title
 * the author will edit anyway, with the abbreviations of product titles in capitals.
 */
export function titleFromId(id: string): string {
  return id
    .split('-')
    .map((word, index) => {
      if (TITLE_ABBREVIATIONS.has(word)) return word.toUpperCase();
      if (index > 0 && TITLE_SMALL_WORDS.has(word)) return word;
      return word.charAt(0).toUpperCase() + word.slice(1);
    })
    .join(' ');
}

const TITLE_ABBREVIATIONS = new Set(['pm', 'apm', 'gpm', 'cpo', 'cto', 'ceo', 'vp', 'ux', 'ui', 'qa', 'ai', 'ml', 'okr', 'okrs', 'api', 'b2b', 'b2c', 'fy']);
const TITLE_SMALL_WORDS = new Set(['a', 'an', 'and', 'at', 'for', 'in', 'of', 'on', 'or', 'the', 'to']);

// ------------------------------------------------------------------ file names

/** The last segment of a URI or path, for naming a file to a reader. */
export function fileName(uri: string): string {
  const last = uri.split(/[\\/]/).pop() || uri;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/**
 * The file-name patterns of each kind and form, without a folder: `*.role.yaml`, `*.role.yml`,
 * `*.role.md`; only those of one format when it is given.
 */
export function fileNamePatterns(format?: DocumentForm['format']): string[] {
  return KIND_DEFINITIONS.flatMap((definition) =>
    definition.forms
      .filter((form) => !format || form.format === format)
      .flatMap((form) => form.extensions.map((extension) => `*.${definition.id}.${extension}`)),
  );
}

/**
 * The globs of every document, as few as possible: kinds written in the same form share one glob,
 * as `*.{role,ladder}.{yaml,yml}` in any folder.
 */
export function documentGlobs(): string[] {
  const kindsByExtensions = new Map<string, string[]>();
  for (const definition of KIND_DEFINITIONS) {
    for (const form of definition.forms) {
      const extensions = alternatives(form.extensions);
      kindsByExtensions.set(extensions, [...(kindsByExtensions.get(extensions) ?? []), definition.id]);
    }
  }
  return [...kindsByExtensions].map(([extensions, kinds]) => `**/*.${alternatives(kinds)}.${extensions}`);
}

/**
 * The globs of the Markdown documents (`*.role.md` … in any folder): VS Code keeps them in its own
 * Markdown language, for its highlighting and preview, and the client selects them by this pattern.
 */
export function markdownDocumentGlobs(): string[] {
  const extensions = new Set(
    KIND_DEFINITIONS.flatMap((definition) => definition.forms.filter((form) => form.format === 'markdown').flatMap((form) => form.extensions)),
  );
  return documentGlobs().filter((glob) => [...extensions].some((extension) => glob.endsWith(`.${extension}`)));
}

/** One glob per kind and form (`*.role.{yaml,yml}` in any folder), for `workspaceContains:` activation. */
export function documentGlobsByKind(): string[] {
  return KIND_DEFINITIONS.flatMap((definition) => definition.forms.map((form) => `**/*.${definition.id}.${alternatives(form.extensions)}`));
}

function alternatives(items: readonly string[]): string {
  return items.length === 1 ? items[0] : `{${items.join(',')}}`;
}

/** The file name of a new document of `kind` with this id, in the kind's first form: `pm.role.yaml`. */
export function newDocumentFileName(kind: Kind, id: string, format: DocumentForm['format'] = 'yaml'): string {
  const forms = kindDefinition(kind).forms;
  const form = forms.find((candidate) => candidate.format === format) ?? forms[0];
  return `${id}.${kind}.${form.extensions[0]}`;
}

/** A new document in Markdown: the starter document as front matter, above a heading of its title. */
export function starterMarkdownDocument(kind: Kind, id: string, today: string): string {
  return `---\n${starterDocument(kind, id, today)}---\n\n# ${titleFromId(id)}\n`;
}

export interface DocumentFileName {
  kind: Kind;
  form: DocumentForm;
  /** The name before `.<kind>.<extension>`. */
  stem: string;
}

/** What a file name (or path, or URI) says about the document in it, if it follows the patterns. */
export function matchDocumentFileName(name: string): DocumentFileName | undefined {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  for (const definition of KIND_DEFINITIONS) {
    for (const form of definition.forms) {
      for (const extension of form.extensions) {
        const suffix = `.${definition.id}.${extension}`;
        if (base.endsWith(suffix)) return { kind: definition.id, form, stem: base.slice(0, -suffix.length) };
      }
    }
  }
  return undefined;
}

export function isDocumentFileName(name: string): boolean {
  return matchDocumentFileName(name) !== undefined;
}

/** Whether the file (a name, path or URI) is a Markdown document: `senior-pm.role.md`. */
export function isMarkdownDocument(name: string): boolean {
  return matchDocumentFileName(name)?.form.format === 'markdown';
}

/** Every extension a document can have, for any kind. */
export const DOCUMENT_EXTENSIONS: readonly string[] = [
  ...new Set(KIND_DEFINITIONS.flatMap((definition) => definition.forms.flatMap((form) => form.extensions))),
];

/** `pm.role.yaml` → `pm.role`; a name without a document extension is returned as it is. */
export function withoutDocumentExtension(name: string): string {
  const lower = name.toLowerCase();
  const extension = DOCUMENT_EXTENSIONS.find((candidate) => lower.endsWith(`.${candidate}`));
  return extension ? name.slice(0, -extension.length - 1) : name;
}

export type { DocumentForm, KindDefinition, ProseSection };

import type { SymbolKind } from 'vscode-languageserver-types';
import type { FieldSchema } from '../schemas';

/** A kind's JSON Schema, as registered with ajv under its `$id` (the schema's file name). */
export type KindSchema = FieldSchema & { $id: string };

/**
 * One way a document of a kind is written to disk. A file is `<name>.<kind id>.<extension>`,
 * e.g. `senior-pm.role.yaml`.
 */
export interface DocumentForm {
  /** How the file is read: YAML, or Markdown with YAML front matter. */
  readonly format: 'yaml' | 'markdown';
  /** File extensions without the dot, the usual one first. */
  readonly extensions: readonly string[];
}

export const YAML_FORM: DocumentForm = { format: 'yaml', extensions: ['yaml', 'yml'] };
/** `senior-pm.role.md`: the fields in YAML front matter, the prose sections as `##` headings. */
export const MARKDOWN_FORM: DocumentForm = { format: 'markdown', extensions: ['md'] };

/**
 * A prose field a Markdown document may give as a `##` section instead of in its front matter:
 * the heading names it (case and punctuation ignored); its paragraphs are the text, or its bullets
 * the entries of a list field.
 */
export interface ProseSection {
  /** The field, as a path from the document's root (`['scope', 'out']`). */
  readonly path: readonly string[];
  /** The headings that name it, the usual one first (what a fix writes). */
  readonly headings: readonly string[];
  readonly body: 'paragraphs' | 'bullets';
}

/** A snippet as VS Code reads it from `snippets/`, without its first line (`kind: <id>`). */
export interface WholeDocumentSnippet {
  readonly description: string;
  /** Lines after `kind: <id>`; tab stops in VS Code's snippet syntax. The final `$0` is added. */
  readonly body: readonly string[];
}

/** Everything the tools know about one kind of document; `index.ts` lists them all. */
export interface KindDefinition<Id extends string = string> {
  /** The value of `kind:` and the middle part of the file name. */
  readonly id: Id;
  /** Capitalised, as in "Role document". */
  readonly title: string;
  /** The title of the "New …" command that creates one. */
  readonly newDocumentTitle: string;
  readonly schema: KindSchema;
  /** The ways a document of this kind can be written: each adds file-name patterns. */
  readonly forms: readonly DocumentForm[];
  /** The fields a Markdown document may write as sections, in the order a document gives them. */
  readonly proseSections: readonly ProseSection[];
  /**
   * How workspace symbols show a document of this kind: an LSP `SymbolKind`, by name, because the
   * client bundles the registry and the constants would bring it a second copy of the LSP types.
   */
  readonly symbolKind: keyof typeof SymbolKind;
  /**
   * What follows `kind`, `id`, `title`, `status` and `updated` in a new document: valid against
   * the schema, with TODO placeholders where the author must write.
   */
  readonly starterBody: string;
  /** The whole-document snippet (`role`, `kind: role`). */
  readonly snippet: WholeDocumentSnippet;
}

/** Keeps a definition's id a literal type, so the `Kind` union comes from the registry. */
export function defineKind<const Id extends string>(definition: KindDefinition<Id>): KindDefinition<Id> {
  return definition;
}

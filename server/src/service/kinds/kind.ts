import type { SymbolKind } from 'vscode-languageserver-types';
import type { FieldSchema } from '../schemas';

/** A kind's JSON Schema, as registered with ajv under its `$id` (the schema's file name). */
export type KindSchema = FieldSchema & { $id: string };

/**
 * One way a document of a kind is written to disk. A file is `<name>.<kind id>.<extension>`,
 * e.g. `senior-pm.role.yaml`.
 */
export interface DocumentForm {
  /** How the file is read. */
  readonly format: 'yaml';
  /** File extensions without the dot, the usual one first. */
  readonly extensions: readonly string[];
}

export const YAML_FORM: DocumentForm = { format: 'yaml', extensions: ['yaml', 'yml'] };

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

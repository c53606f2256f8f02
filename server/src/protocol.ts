// What the language server and the VS Code client say to each other beyond LSP itself: the custom
// requests with their parameters and results, and the code-action kind and command that both sides
// name. The client bundle imports this file: it holds types and string constants only, and
// imports nothing, so no server code travels with it.

/** The preview of a document: the server renders the HTML fragment, the client wraps it in a page. */
export const PREVIEW_REQUEST = 'charters/preview';

export interface PreviewParams {
  uri: string;
  /**
   * For an export: the names of the files in the folder it is written to. The fragment is then for
   * a standalone page, whose links go only to other documents' exports among these files.
   */
  siblingExports?: string[];
}

/** `null` when the server does not know the document (not open, or not a charter document). */
export interface PreviewResult {
  title: string;
  /** An HTML fragment: the page around it comes from the preview's page renderer. */
  body: string;
  /** Set while the YAML cannot be read (the body then says only that): the first error, in yaml-syntax's words. */
  syntaxError?: PreviewSyntaxError;
}

/** A syntax error as the preview's banner names it: its line (1-based) and yaml-syntax's message. */
export interface PreviewSyntaxError {
  line: number;
  message: string;
}

/** Every safe fix at once: the `source.fixAll` kind of this language, for `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = 'source.fixAll.charters';

/** The client command a code action runs to open a rule's page; its one argument is the rule id. */
export const SHOW_RULE_DOCS_COMMAND = 'charters.showRuleDocs';

/**
 * The server command a "Create …" quick fix runs once its edit has made the new file: the server
 * asks the client to show that document (`window/showDocument`). Its one argument is the URI.
 * Clients run it through `workspace/executeCommand`, so it works in any editor, not only VS Code.
 */
export const SHOW_DOCUMENT_COMMAND = 'charters.showCreatedDocument';

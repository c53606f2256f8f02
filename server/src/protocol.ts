// What the language server and the VS Code client say to each other beyond LSP itself: the custom
// requests with their parameters and results, and the code-action kind and command that both sides
// name. The client bundle imports this file: it holds types and string constants only, and
// imports nothing, so no server code travels with it.

/** The preview of a document: the server renders the HTML fragment, the client wraps it in a page. */
export const PREVIEW_REQUEST = 'charters/preview';

export interface PreviewParams {
  uri: string;
}

/** `null` when the server does not know the document (not open, or not a charter document). */
export interface PreviewResult {
  title: string;
  /** An HTML fragment: the page around it comes from the preview's page renderer. */
  body: string;
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

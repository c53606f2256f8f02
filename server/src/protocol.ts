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

/**
 * Build the static site of a workspace (what `charters site` writes) into a temporary folder of
 * the server's machine. The workspace is the one of `uri`, a document or a folder; open
 * documents count with their unsaved text.
 */
export const SITE_REQUEST = 'charters/site';

export interface SiteParams {
  uri: string;
}

/** `file:` URIs of the site's folder and of its pages the editor opens. */
export interface SiteResult {
  folder: string;
  index: string;
  orgChart: string;
  /** How many HTML pages were written. */
  pages: number;
}

/**
 * The client command that builds the site and opens it in the browser. Arguments: a document or
 * folder of the workspace (default: the active editor's document, else the first folder), then
 * which page to open: `'index'` (default) or `'org-chart'`, and for the org chart a role id to show.
 */
export const OPEN_SITE_COMMAND = 'charters.openSite';

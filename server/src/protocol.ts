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
 * What governs a document, for the editor's language status item: its workspace's config file,
 * how many documents the workspace indexes, and the rules the editor's `charters.rules` changes.
 */
export const STATUS_REQUEST = 'charters/status';

export interface StatusParams {
  uri: string;
}

/** `null` when the server does not know the document as a charter document. */
export interface StatusResult {
  /** The workspace's root folder (absolute; empty for an untitled document with no folder open). */
  root: string;
  /** The root folder's URI (empty with `root`): what the editor opens, since in a browser a path names no file of its own. */
  rootUri: string;
  /** The `charters.config.yaml` that governs the document (absolute), if there is one. */
  configPath?: string;
  /** That config's URI. */
  configUri?: string;
  /** Why that config is not used (each `file:line: message`); empty when it is used. */
  configProblems: string[];
  /** Documents in the workspace's index. */
  documents: number;
  /** Whether the workspace has been read from disk (until then `documents` counts what is known so far). */
  indexed: boolean;
  /** Rules that `charters.rules` sets for this document, with their severity (none where a config file wins). */
  overriddenRules: { rule: string; severity: string }[];
  /** Rules `charters.rules` sets that do not apply because a config file governs the document. */
  ignoredSettings: string[];
}

/** The server tells the client that what `charters/status` answers may have changed (an index built, a config reloaded). */
export const STATUS_CHANGED_NOTIFICATION = 'charters/statusChanged';

/** The text of a starter `charters.config.yaml` (what `charters init` writes), for the editor to create one. */
export const STARTER_CONFIG_REQUEST = 'charters/starterConfig';

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

// ------------------------------------------------------------------ the browser
// A server in the browser has no disk: it asks the editor for the files of its workspaces, which
// the editor reads through its file system API (so github.dev's repositories work too). The
// globs and the rules about which files count stay the server's: the editor only lists and reads.

/**
 * Server → client: the files under `base` (a folder's URI) matching `patterns` (globs relative
 * to it) and none of `ignore`, with their text. With `folders`, also the folders matching a
 * pattern (found by a file directly inside them: `.git` is a folder).
 */
export const FIND_FILES_REQUEST = 'charters/findFiles';

export interface FindFilesParams {
  base: string;
  patterns: string[];
  ignore: string[];
  folders: boolean;
}

export interface FindFilesResult {
  files: FileText[];
  /** URIs of the folders found, with `folders`. */
  folders: string[];
}

export interface FileText {
  uri: string;
  text: string;
}

/**
 * Server → client: what the files named now hold, after the editor's file watcher reported them
 * (`workspace/didChangeWatchedFiles`). `read`: their text; `stat`: only whether each is a folder.
 */
export const READ_FILES_REQUEST = 'charters/readFiles';

export interface ReadFilesParams {
  read: string[];
  stat: string[];
}

/** One entry per URI asked about; a file that is gone (or cannot be read) has neither `text` nor `folder`. */
export interface ReadFilesResult {
  files: { uri: string; text?: string; folder?: boolean }[];
}

// The service as its callers see it: the façade, the types of what goes in and out of it, and the
// few constants and the index class that loading a workspace needs. The language server, the
// command line and the Node workspace module import this module and nothing else of the service
// (test/unit/boundaries.test.ts).
export { createLanguageService, type LanguageService, type PreviewOptions } from './languageService';
export type { FixChange } from './fixes';
export { CONFIG_FILE, DEFAULT_CONFIG, isCalendarDate, localDate, type ChartersConfig, type ConfigProblem, type LintSettings } from './config';
export type { CreateDocumentContext } from './createDocument';
export { ruleDocsUrl, severityName } from './lint';
export { starterConfig } from './starterConfig';
export type { ParsedDocument } from './parse';
export type { SiteDocument, SiteOptions } from './site';
export { isDocumentFileName, KINDS, kindNames, newDocumentFileName } from './kinds';
export { RULES, type Rule } from './rules';
export type { Taxonomy } from './taxonomy';
export type { ChartersDiagnostic, RuleSetting } from './types';
export { ALWAYS_IGNORED, DOCUMENT_GLOBS, fileName, MemoryIndex, type DocumentSummary, type WorkspaceIndex } from './workspace';
export {
  compareRevisions,
  documentTitle,
  kindHeading,
  type Change,
  type ChangeReport,
  type CompareOptions,
  type DocumentChanges,
  type FindingChange,
  type RevisionDocument,
  type UnreadableDocument,
} from './changes';

// The service as its callers see it: the façade, the types of what goes in and out of it, and the
// few constants and the index class that loading a workspace needs. The language server and the
// command line import this module and nothing else of the service (test/unit/boundaries.test.ts).
export { createLanguageService, type LanguageService } from './languageService';
export { CONFIG_FILE, DEFAULT_CONFIG, isCalendarDate, localDate, type ChartersConfig, type LintSettings } from './config';
export { ruleDocsUrl, severityName } from './lint';
export type { ParsedDocument } from './parse';
export { kindNames } from './kinds';
export { RULES, type Rule } from './rules';
export type { Taxonomy } from './taxonomy';
export type { ChartersDiagnostic, RuleSetting } from './types';
export { ALWAYS_IGNORED, DOCUMENT_GLOBS, MemoryIndex, type DocumentSummary, type WorkspaceIndex } from './workspace';

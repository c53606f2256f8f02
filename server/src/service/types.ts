import type { Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import { KIND_DEFINITIONS, KINDS, isKind, type Kind } from './kinds';

// The kinds are the registry's (kinds/); here for the modules that import them with the other types.
export { KINDS, isKind, type Kind };

export const KIND_TITLES = Object.fromEntries(KIND_DEFINITIONS.map((definition) => [definition.id, definition.title])) as Record<Kind, string>;

/** What a rule's severity can be set to in `charters.config.yaml` and the editor settings. */
export const RULE_SETTINGS = ['off', 'info', 'warning', 'error'] as const;
export type RuleSetting = (typeof RULE_SETTINGS)[number];
export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A fix travels with the finding it repairs: a title and minimal text edits. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix a user most likely wants; editors apply it on "fix all". */
  isPreferred?: boolean;
}

/** What every diagnostic of ours carries in `data`, so code actions never read message text. */
export interface DiagnosticData {
  ruleId: string;
  fixes: Fix[];
  /** For `missing-section`: the field and the placeholder edit, merged by "add all missing sections". */
  section?: { parentPath: (string | number)[]; key: string };
}

export type ChartersDiagnostic = Omit<Diagnostic, 'code' | 'message' | 'data'> & { code: string; message: string; data: DiagnosticData };

/** The pattern of every document id and taxonomy id: kebab-case. */
export const ID_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';
const ID = new RegExp(ID_PATTERN);

export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID.test(value);
}

export type { Range, TextEdit };

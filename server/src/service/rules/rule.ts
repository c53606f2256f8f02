import type { ErrorObject } from 'ajv';
import type { Path } from '../ast';
import type { ParsedDocument } from '../parse';
import type { Schemas } from '../schemas';
import type { Taxonomy } from '../taxonomy';
import type { Fix, Kind, Range, Severity } from '../types';
import type { WorkspaceIndex } from '../workspace';

export interface RuleMeta {
  id: string;
  /** One line, shown in docs and `charters rules`. */
  description: string;
  defaultSeverity: Severity;
  fixable: boolean;
  /** Message templates by id; `{name}` is filled from the report's data. */
  messages: Record<string, string>;
}

export interface Report {
  range: Range;
  messageId: string;
  data?: Record<string, string | number>;
  fixes?: Fix[];
  section?: { parentPath: Path; key: string };
}

/** An ajv error with its instance path turned into a YAML path. */
export interface SchemaError {
  error: ErrorObject;
  path: Path;
}

export interface RuleContext {
  readonly parsed: ParsedDocument;
  /** Set for every rule but `yaml-syntax` and `unknown-kind`, which run before the kind is known. */
  readonly kind: Kind | undefined;
  readonly taxonomy: Taxonomy;
  readonly schemas: Schemas;
  readonly schemaErrors: readonly SchemaError[];
  readonly index: WorkspaceIndex;
  readonly uri: string;
  report(report: Report): void;
}

export interface Rule extends RuleMeta {
  check(context: RuleContext): void;
}

/** A report's message: the rule's template for it, with `{name}` filled from the report's data. */
export function messageText(rule: RuleMeta, report: Report): string {
  const template = rule.messages[report.messageId] ?? report.messageId;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (report.data && name in report.data ? String(report.data[name]) : match));
}

import type { ErrorObject } from 'ajv';
import type { Path } from '../ast';
import type { ExternalRole } from '../config';
import type { ParsedDocument } from '../parse';
import type { Schemas } from '../schemas';
import type { Taxonomy } from '../taxonomy';
import type { Fix, Kind, Range, Severity } from '../types';
import type { RuleIndex } from '../workspace';

export interface RuleMeta {
  id: string;
  /**
   * One sentence, the only text of its kind: the SARIF output, the editor setting, the config
   * schema and the rule index show it (scripts/generate.mjs writes the last three).
   */
  description: string;
  defaultSeverity: Severity;
  fixable: boolean;
  /**
   * The rule reads other documents (through the index). Until the workspace is indexed it does not
   * run: a finding computed from a half-built index would be false, and vanish a moment later.
   */
  readsWorkspace?: boolean;
  /** Message templates by id; `{name}` is filled from the report's data. */
  messages: Record<string, string>;
}

export interface Report {
  range: Range;
  messageId: string;
  data?: Record<string, string | number>;
  fixes?: Fix[];
  section?: { parentPath: Path; key: string };
  /** The document whose absence the finding is about: the editor offers to create it. */
  missingDocument?: { kind: Kind; id: string };
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
  /** The config's `externalRoles`: role ids that charters and strategies may name without a role document. */
  readonly externalRoles: ReadonlyMap<string, ExternalRole>;
  readonly schemas: Schemas;
  readonly schemaErrors: readonly SchemaError[];
  /** Other documents' summaries, without their references (`RuleIndex`). */
  readonly index: RuleIndex;
  readonly uri: string;
  /** Today's date, `YYYY-MM-DD`, as the caller's settings give it (rules never read a clock). */
  readonly today?: string;
  /**
   * Only for the rules that run after all the others (disable-directive): the others' findings
   * before disable comments applied, and every rule id.
   */
  readonly findings?: readonly Finding[];
  readonly ruleIds?: ReadonlySet<string>;
  /** Only for those rules: false when some rules did not run (the workspace is not indexed yet). */
  readonly everyRuleRan?: boolean;
  /**
   * `nearest(word, candidates())` from suggest.ts, computed once per word and candidate set in one
   * lint of the document (`set` names the set): a list of hundreds of the same unknown id costs one.
   */
  nearest(set: string, word: string, candidates: () => Iterable<string>): string | undefined;
  /**
   * `fact(context)`, worked out once per lint of the document and shared by every rule that asks
   * for the same `fact` (a function of the context alone, such as a role's own responsibilities,
   * which several rules read: roleFacts.ts).
   */
  once<T>(fact: (context: RuleContext) => T): T;
  report(report: Report): void;
}

/** Where a rule reported a finding: its id and the line the finding starts on. */
export interface Finding {
  readonly rule: string;
  readonly line: number;
}

export interface Rule extends RuleMeta {
  check(context: RuleContext): void;
}

/** A report's message: the rule's template for it, with `{name}` filled from the report's data. */
export function messageText(rule: RuleMeta, report: Report): string {
  const template = rule.messages[report.messageId] ?? report.messageId;
  const pieces = piecesOf(template);
  let text = pieces[0];
  for (let at = 1; at < pieces.length; at += 2) {
    const name = pieces[at];
    text += (report.data && name in report.data ? String(report.data[name]) : `{${name}}`) + pieces[at + 1];
  }
  return text;
}

/**
 * A template cut at its `{name}`s: text at even indexes, names at odd ones. Cut once per template,
 * not once per finding (a lint of thousands of documents fills tens of thousands of messages); the
 * templates are the rules' constant messages, so this never grows beyond them.
 */
const PIECES = new Map<string, readonly string[]>();
function piecesOf(template: string): readonly string[] {
  let pieces = PIECES.get(template);
  if (!pieces) PIECES.set(template, (pieces = template.split(/\{(\w+)\}/)));
  return pieces;
}

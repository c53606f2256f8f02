import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { pathFromPointer } from './ast';
import type { LintSettings } from './config';
import { isSilenced, type ParsedDocument } from './parse';
import { DOCUMENT_RULES, KIND_RULES, LAST_RULES, RULES, type Rule } from './rules';
import { messageText, type Finding, type Report, type RuleContext, type SchemaError } from './rules/rule';
import { isRecord, type Schemas } from './schemas';
import { nearest } from './suggest';
import type { ChartersDiagnostic, RuleSetting, Severity } from './types';
import type { WorkspaceIndex } from './workspace';
import { version as packageVersion } from '../../../package.json';

const DOCS_BASE = `https://github.com/product-charters/product-charters/blob/v${packageVersion}/docs/rules/`;

export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId}.md`;
}

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export interface LintInput {
  uri: string;
  parsed: ParsedDocument;
  index: WorkspaceIndex;
  settings: LintSettings;
  schemas: Schemas;
  /** False while the workspace is being indexed: the rules that read other documents wait. */
  workspaceReady?: boolean;
}

const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((rule) => rule.id));

/**
 * Run every rule on one parsed document and return LSP diagnostics, silenced and sorted. The
 * rules of LAST_RULES (disable-directive) run after the others and see their findings as they
 * were before disable comments applied; their own reports are not silenced here (the rule does it).
 */
export function lint(input: LintInput): ChartersDiagnostic[] {
  const { parsed, settings, schemas } = input;
  const diagnostics: ChartersDiagnostic[] = [];
  const findings: Finding[] = [];
  const schemaErrors = parsed.kind && isRecord(parsed.value) ? validate(parsed, schemas) : [];
  const suggestions = new Map<string, string | undefined>();
  const facts = new Map<(context: RuleContext) => unknown, unknown>();
  const memoNearest = (set: string, word: string, candidates: () => Iterable<string>) => {
    const key = `${set}\u0000${word}`;
    if (!suggestions.has(key)) suggestions.set(key, nearest(word, candidates()));
    return suggestions.get(key);
  };
  // One context for every rule of this lint (rules run one at a time and report synchronously):
  // `rule`, `setting` and `last` say whose reports these are. A context per rule cost a closure
  // and an object of a dozen fields per rule and document, a few per cent of a large lint.
  let rule: Rule = RULES[0];
  let setting: RuleSetting | Severity = 'off';
  let last = false;
  const context: RuleContext = {
    parsed,
    kind: parsed.kind,
    taxonomy: settings.taxonomy,
    externalRoles: settings.externalRoles,
    schemas,
    schemaErrors,
    index: input.index,
    uri: input.uri,
    today: settings.today,
    nearest: memoNearest,
    once: <T>(fact: (context: RuleContext) => T): T => {
      if (!facts.has(fact)) facts.set(fact, fact(context));
      return facts.get(fact) as T;
    },
    report: (report) => {
      if (!last) {
        findings.push({ rule: rule.id, line: report.range.start.line });
        if (isSilenced(parsed.directives, rule.id, report.range.start.line)) return;
      }
      diagnostics.push(toDiagnostic(rule, setting, report));
    },
  };
  const run = (next: Rule, isLast = false) => {
    const nextSetting: RuleSetting | Severity = settings.rules[next.id] ?? next.defaultSeverity;
    if (nextSetting === 'off') return;
    if (next.readsWorkspace && input.workspaceReady === false) return;
    rule = next;
    setting = nextSetting;
    if (isLast && !last) {
      // only the rules that run after all the others see the others' findings
      last = true;
      Object.assign(context, { findings, ruleIds: RULE_IDS, everyRuleRan: input.workspaceReady !== false });
    }
    try {
      rule.check(context);
    } catch (error) {
      // a rule that trips over a half-typed document must not take the others down
      diagnostics.push({
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Warning,
        code: rule.id,
        source: 'charters',
        message: `Internal error in rule ${rule.id}: ${(error as Error).message}. Please report it.`,
        data: { ruleId: rule.id, fixes: [] },
      });
    }
  };
  // a document refused for its size or depth (docs/limits.md) gets yaml-syntax's one finding only
  for (const documentRule of DOCUMENT_RULES) if (!parsed.refused || documentRule.id === 'yaml-syntax') run(documentRule);
  if (parsed.kind) for (const kindRule of KIND_RULES) run(kindRule);
  if (!parsed.refused) for (const lastRule of LAST_RULES) run(lastRule, true);
  return diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function validate(parsed: ParsedDocument, schemas: Schemas): SchemaError[] {
  const seen = new Set<string>();
  const errors: SchemaError[] = [];
  for (const error of schemas.validate(parsed.kind!, parsed.value)) {
    if (error.keyword === 'if') continue; // a union's branch errors say it better
    const key = `${error.instancePath}|${error.keyword}|${JSON.stringify(error.params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push({ error, path: pathFromPointer(parsed.yaml, error.instancePath) });
  }
  return errors;
}

function toDiagnostic(rule: Rule, setting: RuleSetting | Severity, report: Report): ChartersDiagnostic {
  return {
    range: report.range,
    severity: SEVERITIES[setting as Severity],
    code: rule.id,
    codeDescription: { href: ruleDocsUrl(rule.id) },
    source: 'charters',
    message: messageText(rule, report),
    data: {
      ruleId: rule.id,
      fixes: report.fixes ?? [],
      ...(report.section ? { section: report.section } : {}),
      ...(report.missingDocument ? { missingDocument: report.missingDocument } : {}),
    },
  };
}

export function severityName(severity: DiagnosticSeverity | undefined): Severity {
  switch (severity) {
    case DiagnosticSeverity.Error:
      return 'error';
    case DiagnosticSeverity.Warning:
      return 'warning';
    case DiagnosticSeverity.Hint:
      return 'hint';
    default:
      return 'info';
  }
}

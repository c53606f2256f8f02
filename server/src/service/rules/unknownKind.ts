import { isMap, isScalar } from 'yaml';
import { nodeRange, topRange } from '../ast';
import { replacementFix } from '../edits';
import { KINDS, kindNames, matchDocumentFileName } from '../kinds';
import { nearest } from '../suggest';
import type { Rule } from './rule';

export const unknownKind: Rule = {
  id: 'unknown-kind',
  description: `\`kind\` is missing or is not ${kindNames('or')}.`,
  defaultSeverity: 'error',
  fixable: true,
  messages: {
    missing: 'This document has no "kind": add "kind:" with one of {kinds} as its first line.',
    notMapping: 'A charter document is a mapping of fields starting with "kind:" (one of {kinds}).',
    unknown: '"{value}" is not a kind of document. Did you mean "{suggestion}"?',
    unknownNoSuggestion: '"{value}" is not a kind of document: use one of {kinds}.',
    noFrontMatter: 'This Markdown document has no front matter: add at its top a line "---", then "kind: {kind}" and its other fields, then a line "---".',
  },
  check(context) {
    const { parsed } = context;
    if (parsed.kind) return;
    const frontMatter = parsed.markdown?.frontMatter;
    if (frontMatter === 'unclosed') return; // yaml-syntax asks for the closing line
    if (frontMatter === 'missing') {
      const firstLine = parsed.textDocument.getText().split(/\r?\n/, 1)[0];
      const kind = matchDocumentFileName(context.uri)?.kind ?? KINDS[0];
      context.report({
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: firstLine.length } },
        messageId: 'noFrontMatter',
        data: { kind },
      });
      return;
    }
    const kinds = KINDS.join(', ');
    const root = parsed.yaml.contents;
    if (root !== null && !isMap(root)) {
      context.report({ range: topRange(parsed), messageId: 'notMapping', data: { kinds } });
      return;
    }
    const node = isMap(root) ? root.get('kind', true) : undefined;
    const value: unknown = isScalar(node) ? node.value : undefined;
    if (!isScalar(node) || value === null || value === undefined || value === '') {
      context.report({ range: topRange(parsed), messageId: 'missing', data: { kinds } });
      return;
    }
    const suggestion = nearest(String(value), KINDS);
    context.report({
      range: nodeRange(parsed.textDocument, node) ?? topRange(parsed),
      messageId: suggestion ? 'unknown' : 'unknownNoSuggestion',
      data: { value: String(value), suggestion: suggestion ?? '', kinds },
      fixes: replacementFix(parsed, node, suggestion),
    });
  },
};

// The text mutations the property tests share (property.test.ts, lightScan.test.ts): cut, copy,
// re-indent and swap text, cut the end, CRLF line ends. Each test adds its own insertions between
// the first four and the last two, so that fc.oneof draws them in the same order as before.
import fc from 'fast-check';

export type TextMutation =
  | { type: 'delete'; at: number; length: number }
  | { type: 'duplicate'; at: number; length: number }
  | { type: 'indent'; line: number; delta: number }
  | { type: 'swap'; a: number; b: number }
  | { type: 'truncate'; at: number }
  | { type: 'crlf' };

/** Mutations of what is there: delete or duplicate a run of characters, re-indent a line, swap two lines. */
export const EDIT_MUTATIONS: fc.Arbitrary<TextMutation>[] = [
  fc.record({ type: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ type: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ type: fc.constant('indent' as const), line: fc.nat(), delta: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ type: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
];

/** Mutations of the whole: cut the end, or make every line end CRLF. */
export const WHOLE_MUTATIONS: fc.Arbitrary<TextMutation>[] = [
  fc.record({ type: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ type: fc.constant('crlf' as const) }),
];

export function applyTextMutation(text: string, change: TextMutation): string {
  const lines = text.split('\n');
  switch (change.type) {
    case 'delete': {
      const at = change.at % (text.length + 1);
      return text.slice(0, at) + text.slice(at + change.length);
    }
    case 'duplicate': {
      const at = change.at % (text.length + 1);
      return text.slice(0, at) + text.slice(at, at + change.length) + text.slice(at);
    }
    case 'indent': {
      const line = change.line % lines.length;
      lines[line] = change.delta >= 0 ? ' '.repeat(change.delta) + lines[line] : lines[line].replace(new RegExp(`^ {0,${-change.delta}}`), '');
      return lines.join('\n');
    }
    case 'swap': {
      const a = change.a % lines.length;
      const b = change.b % lines.length;
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join('\n');
    }
    case 'truncate':
      return text.slice(0, change.at % (text.length + 1));
    case 'crlf':
      return text.replace(/\r?\n/g, '\r\n');
  }
}

/** `text` with `content` inserted as a line before line `line` (modulo the line count, the end included). */
export function insertLine(text: string, line: number, content: string): string {
  const lines = text.split('\n');
  lines.splice(line % (lines.length + 1), 0, content);
  return lines.join('\n');
}

// The extension-host suite's stand-in for node:assert in a web worker (test/vscode/web/assert.ts)
// must fail exactly where Node's fails: a stand-in that passed too much would let the browser
// run of the suite pass without checking anything.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import nodeAssert from 'node:assert';
import fc from 'fast-check';
import { deepStrictEqual, doesNotMatch, match, notStrictEqual, ok, strictEqual } from '../vscode/web/assert';

const webAssert = { ok, strictEqual, notStrictEqual, deepStrictEqual, match, doesNotMatch };
type Name = keyof typeof webAssert;

function throws(run: () => void): boolean {
  try {
    run();
    return false;
  } catch {
    return true;
  }
}

function agree(name: Name, args: unknown[]): void {
  const node = throws(() => (nodeAssert[name] as (...a: unknown[]) => void)(...args));
  const web = throws(() => (webAssert[name] as (...a: unknown[]) => void)(...args));
  assert.equal(web, node, `${name}(${args.map((a) => (a instanceof RegExp ? String(a) : JSON.stringify(a))).join(', ')}): Node ${node ? 'fails' : 'passes'}`);
}

// values like the suite's: strings, numbers, labels, ranges as arrays, findings as objects
const value = fc.letrec((tie) => ({
  leaf: fc.oneof(fc.constantFrom(0, -0, 1, NaN, '', 'pm', 'senior-pm', null, undefined, true, false), fc.integer({ min: -3, max: 3 })),
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    fc.array(tie('tree'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'message', 'range'), tie('tree'), { maxKeys: 3 }),
  ),
})).tree;

describe('the web stand-in for node:assert fails where node:assert fails', () => {
  test('ok, strictEqual, notStrictEqual, deepStrictEqual on the same and on different values', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        agree('ok', [a]);
        for (const [x, y] of [
          [a, b],
          [a, a],
          [a, structuredClone(a)],
        ]) {
          agree('strictEqual', [x, y]);
          agree('notStrictEqual', [x, y]);
          agree('deepStrictEqual', [x, y]);
        }
      }),
      { numRuns: 3000 },
    );
  });

  test('match and doesNotMatch', () => {
    for (const [text, pattern] of [
      ['Add all 3 missing sections', /^Add all \d+ missing sections$/],
      ['Add all missing sections', /^Add all \d+ missing sections$/],
      ['<!doctype html>', /^<!doctype html>/i],
      ['', /x/],
      [undefined, /x/],
    ] as const) {
      agree('match', [text, pattern]);
      agree('doesNotMatch', [text, pattern]);
    }
  });

  test('a failure carries the message given, else says what was expected and what was found', () => {
    assert.throws(() => webAssert.strictEqual('Preview', 'Preview product-ladder.ladder.yaml', 'the tab is named'), {
      name: 'AssertionError',
      message: 'the tab is named',
    });
    assert.throws(() => webAssert.deepStrictEqual([4, 3], [4, 4]), { message: /actual: {3}\[4,3\]\nexpected: \[4,4\]/ });
    assert.throws(() => webAssert.ok(undefined), { message: /falsy/ });
  });
});

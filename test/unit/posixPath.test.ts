// The browser builds' stand-in for node:path (server/src/workspace/posixPath.ts) must give what
// Node's POSIX functions give: the workspace module runs over it unchanged.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import * as posixPath from '../../server/src/workspace/posixPath';

// segments that exercise the rules: empty (repeated slashes), `.`, `..`, names with dots
const segment = fc.constantFrom('', '.', '..', 'a', 'b', 'roles', 'pm.role.yaml', '.git', 'x.y');
const relativePath = fc.array(segment, { maxLength: 6 }).map((segments) => segments.join('/'));
const anyPath = fc.tuple(fc.boolean(), relativePath, fc.boolean()).map(([absolute, body, trailing]) => `${absolute ? '/' : ''}${body}${trailing ? '/' : ''}`);
const absolutePath = relativePath.map((body) => `/${body}`);

describe('posixPath gives what node:path.posix gives', () => {
  test('normalize, dirname, basename, extname, isAbsolute', () => {
    fc.assert(
      fc.property(anyPath, (p) => {
        assert.equal(posixPath.normalize(p), path.posix.normalize(p), `normalize(${JSON.stringify(p)})`);
        assert.equal(posixPath.dirname(p), path.posix.dirname(p), `dirname(${JSON.stringify(p)})`);
        assert.equal(posixPath.basename(p), path.posix.basename(p), `basename(${JSON.stringify(p)})`);
        assert.equal(posixPath.basename(p, '.yaml'), path.posix.basename(p, '.yaml'), `basename(${JSON.stringify(p)}, '.yaml')`);
        assert.equal(posixPath.extname(p), path.posix.extname(p), `extname(${JSON.stringify(p)})`);
        assert.equal(posixPath.isAbsolute(p), path.posix.isAbsolute(p));
      }),
      { numRuns: 2000 },
    );
  });

  test('join, and resolve and relative of absolute paths', () => {
    fc.assert(
      fc.property(anyPath, anyPath, absolutePath, absolutePath, (a, b, from, to) => {
        assert.equal(posixPath.join(a, b), path.posix.join(a, b), `join(${JSON.stringify(a)}, ${JSON.stringify(b)})`);
        assert.equal(posixPath.resolve(from, a), path.posix.resolve(from, a), `resolve(${JSON.stringify(from)}, ${JSON.stringify(a)})`);
        assert.equal(posixPath.relative(from, to), path.posix.relative(from, to), `relative(${JSON.stringify(from)}, ${JSON.stringify(to)})`);
      }),
      { numRuns: 2000 },
    );
  });
});

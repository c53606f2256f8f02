// Disable comments: read from the YAML's comment tokens only, in their three forms, each token a
// rule id exactly; and disable-directive, which reports the comments that silence nothing.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits } from '../../server/src/service/edits';
import type { ChartersDiagnostic } from '../../server/src/service/types';
import { REPO_ROOT, loadWorkspace, parseFile, service } from './harness';

const examples = loadWorkspace(path.join(REPO_ROOT, 'examples'));

function lint(text: string, name = 'zz-directives.role.yaml'): ChartersDiagnostic[] {
  return service.validate(
    parseFile(path.join(REPO_ROOT, 'examples', name), text).textDocument.uri,
    parseFile(path.join(REPO_ROOT, 'examples', name), text),
    examples.index,
    examples.settings,
  );
}

/** `line: rule` for each finding, 1-based as people count lines. */
function findings(text: string, name?: string): string[] {
  return lint(text, name).map((d) => `${d.range.start.line + 1}: ${d.code}`);
}

/** A role that lints clean in the example workspace; `{…}` marks where each test adds its lines. */
function role(skills: string[], extra: string[] = []): string {
  return [
    'kind: role',
    'id: zz-directives',
    'title: Directives PM',
    'level: pm',
    'summary: Owns the checkout experience end to end.',
    'authority:',
    '  - Orders the team backlog',
    'responsibilities:',
    '  - prioritize-backlog',
    ...extra,
    'skills:',
    ...skills,
    '',
  ].join('\n');
}

describe('disable comments are comments of the YAML, nothing else', () => {
  test('a quoted working agreement that mentions charters-disable-file silences nothing', () => {
    const text = [
      'kind: charter',
      'id: zz-directives',
      'title: Directives Team Charter',
      'mission: Shoppers pay in a few taps.',
      'scope:',
      '  in: [Checkout]',
      '  out: [Payments]',
      'team:',
      '  - role: product-manager',
      'decisionRights:',
      '  - decision: What we build next',
      '    owner: product-manager',
      'successMetrics:',
      '  - metric: Merchant happiness',
      '    target: as high as possible',
      'workingAgreements:',
      '  - "We never hide a finding with # charters-disable-file"',
      "  - 'Nor with # charters-disable-next-line'",
      '',
    ].join('\n');
    assert.deepEqual(findings(text, 'zz-directives.charter.yaml'), ['15: unmeasurable-goal']);
  });

  test('a line inside a block scalar is text, not a directive', () => {
    const text = role(
      ['  - customer-empathy'],
      ['notes: |', '  Copy this when you need it:', '  # charters-disable-next-line', '  # charters-disable-file'],
    ).replace('level: pm', 'level: senior');
    const moved = text.split('\n');
    // the level line right after the block scalar's would-be directive
    moved.splice(moved.indexOf('level: senior'), 1);
    moved.splice(moved.indexOf('  # charters-disable-file') + 1, 0, 'level: senior');
    const diagnostics = findings(moved.join('\n'));
    assert.ok(diagnostics.includes(`${moved.indexOf('level: senior') + 1}: invalid-value`), diagnostics.join('\n'));
  });

  test('a token with a trailing full stop silences nothing, and is reported', () => {
    const text = role(['  # charters-disable-next-line unknown-skill.', '  - {skill: figma, level: 7}']);
    assert.deepEqual(findings(text), ['11: disable-directive', '12: unknown-skill', '12: invalid-value']);
    const reported = lint(text).find((d) => d.code === 'disable-directive')!;
    assert.equal(reported.message, '"unknown-skill." is not a rule id, so this comment silences nothing. Did you mean "unknown-skill"?');
    assert.deepEqual(reported.range, { start: { line: 10, character: 31 }, end: { line: 10, character: 45 } });
  });

  test('a comment that only mentions the words is not a directive', () => {
    const text = role(['  # see charters-disable-next-line in the docs', '  - figma']);
    assert.deepEqual(findings(text), ['12: unknown-skill']);
  });
});

describe('the three forms', () => {
  test('next line: several rules, commas or spaces, and a reason after --', () => {
    const text = role([
      '  # charters-disable-next-line unknown-skill, invalid-value -- figma is a tool we list on purpose',
      '  - {skill: figma, level: 7}',
      '  - figma2',
    ]);
    assert.deepEqual(findings(text), ['13: unknown-skill']);
    const spaces = role(['  # charters-disable-next-line unknown-skill invalid-value', '  - {skill: figma, level: 7}']);
    assert.deepEqual(findings(spaces), []);
  });

  test('next line with no rule id silences every rule on that line', () => {
    assert.deepEqual(findings(role(['  # charters-disable-next-line', '  - {skill: figma, level: 7}'])), []);
    assert.deepEqual(findings(role(['  # charters-disable-next-line -- all of it, for now', '  - {skill: figma, level: 7}'])), []);
  });

  test('a trailing comment applies to the line after it', () => {
    assert.deepEqual(findings(role(['  - customer-empathy  # charters-disable-next-line unknown-skill', '  - figma'])), []);
  });

  test('file: anywhere in the file, for the whole file', () => {
    const text = role(['  - figma', '  - sketch', '# charters-disable-file unknown-skill -- tools, not skills']);
    assert.deepEqual(findings(text), []);
  });

  test('range: from the disable comment to the enable comment, per rule', () => {
    const text = role([
      '  - figma', //                                     11: reported, before the range
      '  # charters-disable unknown-skill, invalid-value -- the tools block',
      '  - canva', //                                     13
      '  - {skill: sketch, level: 7}', //                 14
      '  # charters-enable invalid-value',
      '  - {skill: miro, level: 7}', //                   16: invalid-value again, unknown-skill still silenced
      '  # charters-enable',
      '  - mural', //                                     18: reported again
    ]);
    assert.deepEqual(findings(text), ['11: unknown-skill', '16: invalid-value', '18: unknown-skill']);
  });

  test('range without an enable comment runs to the end of the file; without rule ids it covers every rule', () => {
    assert.deepEqual(findings(role(['  - customer-empathy', '  # charters-disable', '  - {skill: figma, level: 7}', '  - mural'])), []);
  });

  test('an unknown token silences nothing; the valid ids beside it still work', () => {
    const text = role(['  # charters-disable-next-line unknown-skil, invalid-value', '  - {skill: figma, level: 7}']);
    assert.deepEqual(findings(text), ['11: disable-directive', '12: unknown-skill']);
    const reported = lint(text).find((d) => d.code === 'disable-directive')!;
    assert.equal(reported.message, '"unknown-skil" is not a rule id, so this comment silences nothing for it. Did you mean "unknown-skill"?');
  });

  test('CRLF line ends', () => {
    const text = role([
      '  # charters-disable-next-line unknown-skill -- a tool',
      '  - figma',
      '  # charters-disable-next-line unknown-skil, invalid-value',
      '  - {skill: sketch, level: 7}',
      '  # charters-disable duplicate-entry',
      '  - mural',
      '  # charters-enable duplicate-entry',
      '  # charters-enable unknown-skill',
    ]).replace(/\n/g, '\r\n');
    const diagnostics = lint(text);
    assert.deepEqual(
      diagnostics.map((d) => `${d.range.start.line + 1}: ${d.code}`),
      ['13: disable-directive', '14: unknown-skill', '15: disable-directive', '16: unknown-skill', '18: disable-directive'],
    );
    const lines = text.split('\r\n');
    for (const diagnostic of diagnostics.filter((d) => d.code === 'disable-directive')) {
      assert.ok(diagnostic.range.end.character <= lines[diagnostic.range.end.line].length, 'the range stops before the \\r');
    }
    assert.deepEqual(
      diagnostics.filter((d) => d.code === 'disable-directive').map((d) => d.message),
      [
        '"unknown-skil" is not a rule id, so this comment silences nothing for it. Did you mean "unknown-skill"?',
        'This comment silences nothing: no duplicate-entry finding between it and its charters-enable comment.',
        'This comment enables nothing: no charters-disable comment above it disables unknown-skill.',
      ],
    );
  });
});

describe('disable-directive', () => {
  /** The text after applying the first fix of the first disable-directive finding. */
  function fixed(text: string): string {
    const diagnostic = lint(text).find((d) => d.code === 'disable-directive');
    assert.ok(diagnostic, 'no disable-directive finding');
    return applyEdits(TextDocument.create('file:///x.role.yaml', 'yaml', 1, text), diagnostic.data.fixes[0].edits);
  }

  test('a next-line comment above a clean line silences nothing; the fix removes its line', () => {
    const text = role(['  # charters-disable-next-line unknown-skill', '  - customer-empathy']);
    assert.deepEqual(
      lint(text).map((d) => d.message),
      ['This comment silences nothing: no unknown-skill finding on the next line.'],
    );
    assert.equal(fixed(text), role(['  - customer-empathy']));
  });

  test('a trailing comment that silences nothing: the fix removes the comment, not the code', () => {
    const text = role(['  - customer-empathy  # charters-disable-next-line', '  - communication']);
    assert.deepEqual(findings(text), ['11: disable-directive']);
    assert.equal(fixed(text), role(['  - customer-empathy', '  - communication']));
  });

  test('one unused rule beside a used one: reported on that rule, the fix removes that token only', () => {
    const text = role(['  # charters-disable-next-line duplicate-entry, unknown-skill -- a tool', '  - figma']);
    const diagnostic = lint(text).find((d) => d.code === 'disable-directive')!;
    assert.equal(diagnostic.message, 'duplicate-entry is named here but has no finding to silence on the next line.');
    assert.equal(fixed(text), role(['  # charters-disable-next-line unknown-skill -- a tool', '  - figma']));
    const last = role(['  # charters-disable-next-line unknown-skill, duplicate-entry', '  - figma']);
    assert.equal(fixed(last), role(['  # charters-disable-next-line unknown-skill', '  - figma']));
  });

  test('an unknown token beside a valid id: the fix removes the token; alone, the fix removes the comment (never a comment for every rule)', () => {
    const beside = role(['  # charters-disable-next-line unknown-skill, not-a-rule', '  - figma']);
    assert.equal(fixed(beside), role(['  # charters-disable-next-line unknown-skill', '  - figma']));
    const alone = role(['  # charters-disable-next-line unknown-skill.', '  - figma']);
    assert.equal(fixed(alone), role(['  - figma']));
    const titles = lint(alone)
      .find((d) => d.code === 'disable-directive')!
      .data.fixes.map((fix) => fix.title);
    assert.deepEqual(titles, ['Remove this disable comment', 'Change to "unknown-skill"']);
  });

  test('file and range comments that silence nothing', () => {
    assert.deepEqual(
      lint(role(['  - customer-empathy'], ['# charters-disable-file unknown-skill'])).map((d) => d.message),
      ['This comment silences nothing: no unknown-skill finding in this file.'],
    );
    const range = role(['  # charters-disable', '  - customer-empathy', '  # charters-enable']);
    assert.deepEqual(
      lint(range).map((d) => d.message),
      ['This comment silences nothing: no finding between it and its charters-enable comment.'],
    );
    assert.equal(fixed(range), role(['  - customer-empathy']), 'the fix removes the enable comment with it');
    assert.deepEqual(
      lint(role(['  - customer-empathy', '  # charters-disable unknown-skill'])).map((d) => d.message),
      ['This comment silences nothing: no unknown-skill finding between it and the end of the file.'],
    );
  });

  test('a comment without rule ids never silences disable-directive; naming it does', () => {
    const text = role(['  # charters-disable-next-line unknown-skill', '  - customer-empathy'], ['# charters-disable-file']);
    assert.deepEqual(findings(text), ['10: disable-directive', '12: disable-directive']);
    const named = role(
      ['  # charters-disable-next-line unknown-skill', '  - customer-empathy'],
      ['# charters-disable-file disable-directive -- kept as a template'],
    );
    assert.deepEqual(findings(named), []);
    const unused = role(['  - customer-empathy'], ['# charters-disable-file disable-directive']);
    assert.deepEqual(findings(unused), ['10: disable-directive']);
  });

  test('while the YAML is broken or the kind unknown, only tokens that are not rule ids are reported, and no fix removes a comment', () => {
    const broken = role([
      '  # charters-disable-next-line unknown-skill',
      '  - customer-empathy',
      '  # charters-disable-next-line unknown-skil',
      '  - communication',
      'title: [unclosed',
    ]);
    const reported = lint(broken).filter((d) => d.code === 'disable-directive');
    assert.deepEqual(
      reported.map((d) => `${d.range.start.line + 1}: ${d.message}`),
      ['13: "unknown-skil" is not a rule id, so this comment silences nothing. Did you mean "unknown-skill"?'],
    );
    assert.deepEqual(reported[0].data.fixes, []);
    const noKind = role(['  # charters-disable-next-line unknown-skill', '  - customer-empathy']).replace('kind: role', 'kind: rol');
    assert.deepEqual(
      lint(noKind).filter((d) => d.code === 'disable-directive'),
      [],
    );
  });

  test('a rule set to off leaves its comments with nothing to silence', () => {
    const settings = service.settings(service.parseConfig('rules:\n  unknown-skill: "off"\n').config!);
    const file = path.join(REPO_ROOT, 'examples', 'zz-directives.role.yaml');
    const text = role(['  # charters-disable-next-line unknown-skill', '  - figma']);
    const diagnostics = service.validate('file:///zz.role.yaml', parseFile(file, text), examples.index, settings);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['disable-directive'],
    );
  });
});

describe("the editor's silencing actions write comments the reader accepts", () => {
  const cases: [string, string][] = [
    ['LF', role(['  - figma', '  - {skill: sketch, level: 7}'])],
    ['CRLF', role(['  - figma', '  - {skill: sketch, level: 7}']).replace(/\n/g, '\r\n')],
    ['a byte-order mark', `\ufeff${role(['  - figma'])}`.replace('level: pm', 'level: senior')],
    ['a flow list with a quoted entry over two lines', role(['  - customer-empathy'], ['tags: ["long', '  tag", 7]'])],
    [
      'a disable comment already above the line',
      role([
        '  # charters-disable-next-line invalid-value -- on purpose',
        '  - {skill: figma, level: 7}',
        '  # charters-disable-next-line invalid-value duplicate-entry',
        '  - {skill: sketch, level: 7}',
      ]),
    ],
  ];
  for (const [name, text] of cases) {
    test(name, () => {
      const file = path.join(REPO_ROOT, 'examples', 'zz-directives.role.yaml');
      const parsed = parseFile(file, text);
      const diagnostics = lint(text);
      assert.ok(diagnostics.length > 0);
      for (const diagnostic of diagnostics) {
        const actions = service
          .codeActions(parsed, diagnostics, diagnostic.range)
          .filter((action) => action.title.startsWith('Silence') && action.diagnostics?.[0] === diagnostic);
        for (const action of actions) {
          const edits = action.edit!.changes![parsed.textDocument.uri];
          const after = applyEdits(parsed.textDocument, edits);
          const left = lint(after);
          assert.equal(
            left.filter((d) => d.code === diagnostic.code && d.message === diagnostic.message).length,
            0,
            `${action.title}: still reported\n${after}`,
          );
          const stale = (list: ChartersDiagnostic[]) => list.filter((d) => d.code === 'disable-directive').map((d) => d.message);
          assert.deepEqual(
            stale(left).filter((message) => !stale(diagnostics).includes(message)),
            [],
            `${action.title} left a comment that silences nothing\n${after}`,
          );
          assert.ok(parseFile(file, after).yaml.errors.length <= parsed.yaml.errors.length, `${action.title} broke the YAML\n${after}`);
        }
      }
    });
  }
});

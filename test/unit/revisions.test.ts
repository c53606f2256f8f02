// `charters diff`: temporary git repositories with two revisions, compared as a user would run
// it. The scenario's Markdown is compared with test/fixtures/cli/diff.md; after a change meant to
// alter it, regenerate it and review the diff before committing: UPDATE_EXPECTED=1 npm test
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { charters, workspace } from './cliHarness';
import { REPO_ROOT } from './harness';
import { escapeMarkdownText } from '../../server/src/cli/changeFormatters';

const EXPECTED = path.join(REPO_ROOT, 'test', 'fixtures', 'cli', 'diff.md');

/** A git repository of `files` with one commit; `git(...)` runs git in it. */
function repository(files: Record<string, string>) {
  const dir = workspace(files, 'charters-diff-');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Charters Test');
  git('config', 'user.email', 'test@example.com');
  git('config', 'commit.gpgsign', 'false');
  git('add', '-A');
  git('commit', '-q', '-m', 'first');
  const write = (changes: Record<string, string | null>) => {
    for (const [name, text] of Object.entries(changes)) {
      const file = path.join(dir, name);
      if (text === null) fs.rmSync(file);
      else {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, text);
      }
    }
  };
  const commit = (changes: Record<string, string | null>, moves: [string, string][] = []) => {
    for (const [from, to] of moves) {
      fs.mkdirSync(path.dirname(path.join(dir, to)), { recursive: true });
      git('mv', from, to);
    }
    write(changes);
    git('add', '-A');
    git('commit', '-q', '-m', 'next');
  };
  return { dir, git, write, commit, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const role = (id: string, title: string, level: string, responsibilities: string[], extra = '') =>
  [
    'kind: role',
    `id: ${id}`,
    `title: ${title}`,
    `level: ${level}`,
    `summary: ${title} of the checkout product.`,
    'authority:',
    '  - Decide the order of the backlog',
    'responsibilities:',
    ...responsibilities.map((item) => `  - ${item}`),
    extra,
  ].join('\n');

const LADDER = (ic: string[]) =>
  [
    'kind: ladder',
    'id: product-ladder',
    'title: Product ladder',
    'tracks:',
    '  - id: ic',
    '    title: Individual contributor',
    '    roles:',
    ...ic.map((id) => `      - ${id}`),
    '',
  ].join('\n');

const STRATEGY = (target: string) =>
  [
    'kind: strategy',
    'id: fy27',
    'title: Strategy FY27',
    'vision: north-star',
    'horizon: FY27',
    'market:',
    '  - Independent shops',
    'objectives:',
    '  - objective: Make mobile checkout fast',
    '    keyResults:',
    '      - metric: Mobile checkout conversion',
    '        baseline: "61%"',
    `        target: "${target}"`,
    '',
  ].join('\n');

const VISION = [
  'kind: vision',
  'id: north-star',
  'title: North star',
  'statement: Every shop gets paid in one tap.',
  'targetGroup: [Independent shops]',
  'needs: [Fewer abandoned carts]',
  'product: [One-tap checkout]',
  'businessGoals: [Grow payment volume]',
  '',
].join('\n');

const PM = ['prioritize-backlog', 'write-requirements-and-specs'];
const SENIOR = ['prioritize-backlog', 'write-requirements-and-specs', 'mentor-junior-product-managers', 'liaise-with-customers'];

const FIRST = {
  'roles/pm.role.yaml': role('pm', 'Product Manager', 'pm', PM),
  'roles/senior-pm.role.yaml': role('senior-pm', 'Senior PM', 'senior-pm', SENIOR),
  'roles/staff-pm.role.yaml': role('staff-pm', 'Staff PM', 'senior-pm', SENIOR),
  'ladders/product.ladder.yaml': LADDER(['pm', 'senior-pm']),
  'strategy/fy27.strategy.yaml': STRATEGY('66%'),
  'vision.vision.yaml': VISION,
  'README.md': '# Product documents\n',
};

describe('charters diff: the scenario of the issue', () => {
  test('a role gains and loses responsibilities, a rung is inserted, a key result re-targeted, a file renamed: each named in product words, and nothing else', () => {
    const repo = repository(FIRST);
    try {
      repo.commit(
        {
          'roles/senior-pm.role.yaml': role('senior-pm', 'Senior PM', 'senior-pm', [
            'prioritize-backlog',
            'write-requirements-and-specs',
            'mentor-junior-product-managers',
            'coach-product-managers',
          ]),
          'ladders/product.ladder.yaml': LADDER(['pm', 'senior-pm', 'staff-pm']),
          'strategy/fy27.strategy.yaml': STRATEGY('68%'),
          // the same document, reformatted and commented: says nothing new
          'roles/pm.role.yaml': `# The product manager\n${role('pm', 'Product Manager', 'pm', PM).replace('title: Product Manager\n', '').replace('kind: role\n', 'kind: role\ntitle: "Product   Manager"\n')}`,
          'README.md': '# Product documents, changed\n',
        },
        [['vision.vision.yaml', 'visions/north-star.vision.yaml']],
      );
      const result = charters(['diff', 'HEAD~1', 'HEAD'], repo.dir);
      assert.equal(result.stderr, '');
      assert.equal(result.code, 0);
      if (process.env.UPDATE_EXPECTED === '1') fs.writeFileSync(EXPECTED, result.stdout);
      assert.equal(result.stdout, fs.readFileSync(EXPECTED, 'utf8'), 'differs from test/fixtures/cli/diff.md (UPDATE_EXPECTED=1 regenerates it)');
      // what the expected file must say, whatever regenerated it
      for (const line of [
        "- Senior PM [senior-pm] gains responsibility 'Coach product managers' [coach-product-managers]",
        "- Senior PM [senior-pm] loses responsibility 'Liaise with customers' [liaise-with-customers]",
        "- Product ladder [product-ladder] gains rung 'Staff PM' [staff-pm] on track 'Individual contributor' [ic], above 'Senior PM' [senior-pm]",
        "- Strategy FY27 [fy27] re-targets key result 'Mobile checkout conversion' under objective 'Make mobile checkout fast': target 66% → 68%",
        '- North star [north-star] moves from `vision.vision.yaml` to `visions/north-star.vision.yaml`',
      ])
        assert.ok(result.stdout.includes(`${line}\n`), `missing: ${line}`);
      assert.doesNotMatch(result.stdout, /Product Manager \[pm\]/, 'a reformatted document reports nothing');
      assert.doesNotMatch(result.stdout, /README/);
    } finally {
      repo.remove();
    }
  });
});

describe('charters diff: revisions, paths and errors', () => {
  test('HEAD defaults to the working tree, untracked documents included and ignored ones not', () => {
    const repo = repository({ ...FIRST, '.gitignore': 'build/\n' });
    try {
      repo.write({
        'roles/pm.role.yaml': role('pm', 'Product Manager', 'pm', [...PM, 'learn-from-customers']),
        'roles/lead.role.yaml': role('lead', 'Product Lead', 'group-pm', ['set-product-vision']),
        'build/copy.role.yaml': role('copy', 'Copy', 'pm', PM),
      });
      const result = charters(['diff', 'main'], repo.dir);
      assert.equal(result.code, 0);
      assert.match(result.stdout, /^## Product documents: `main` → working tree$/m);
      assert.match(result.stdout, /^- Product Manager \[pm\] gains responsibility 'Learn from users and customers' \[learn-from-customers\]$/m);
      assert.match(result.stdout, /^- Product Lead \[lead\] is added \(`roles\/lead\.role\.yaml`\)$/m);
      assert.doesNotMatch(result.stdout, /\[copy\]/);
    } finally {
      repo.remove();
    }
  });

  test('PATHs limit the report, from any sub-folder of the repository', () => {
    const repo = repository(FIRST);
    try {
      repo.commit({
        'roles/pm.role.yaml': role('pm', 'Product Manager', 'pm', [...PM, 'learn-from-customers']),
        'ladders/product.ladder.yaml': LADDER(['senior-pm', 'pm']),
      });
      const all = charters(['diff', 'HEAD~1', 'HEAD'], path.join(repo.dir, 'roles'));
      assert.match(all.stdout, /\[pm\] gains/);
      assert.match(all.stdout, /moves rung 'Product Manager' \[pm\] on track 'Individual contributor' \[ic\], now above 'Senior PM' \[senior-pm\]/);
      const roles = charters(['diff', 'HEAD~1', 'HEAD', '.'], path.join(repo.dir, 'roles'));
      assert.match(roles.stdout, /\[pm\] gains/);
      assert.doesNotMatch(roles.stdout, /rung/);
      const ladders = charters(['diff', 'HEAD~1', '--', 'ladders'], repo.dir);
      assert.match(ladders.stdout, /^## Product documents: `HEAD~1` → working tree$/m);
      assert.match(ladders.stdout, /rung/);
      assert.doesNotMatch(ladders.stdout, /gains responsibility/);
    } finally {
      repo.remove();
    }
  });

  test('a document that cannot be read at either revision is named, never a crash', () => {
    const repo = repository({ ...FIRST, 'roles/broken.role.yaml': 'kind: role\nid: broken\ntitle: [unclosed\n' });
    try {
      repo.commit({
        'roles/broken.role.yaml': role('broken', 'Mended', 'pm', PM),
        'roles/pm.role.yaml': 'kind: role\nid: pm\n  title: bad indent\n',
      });
      const result = charters(['diff', 'HEAD~1', 'HEAD'], repo.dir);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^### Could not be read$/m);
      assert.match(result.stdout, /^- `roles\/broken\.role\.yaml` could not be read at `HEAD~1`: line \d+: .+$/m);
      assert.match(result.stdout, /^- `roles\/pm\.role\.yaml` could not be read at `HEAD`: line \d+: .+$/m);
      // neither is reported as removed or added
      assert.doesNotMatch(result.stdout, /is (added|removed)/);
      // the syntax error HEAD adds and the one it fixes are findings like any other
      assert.match(result.stdout, /^### New findings at `HEAD`$/m);
      assert.match(result.stdout, /yaml-syntax.*`roles\/pm\.role\.yaml:\d+`/);
      assert.match(result.stdout, /^### Findings fixed$/m);
      const json = JSON.parse(charters(['diff', 'HEAD~1', 'HEAD', '--format', 'json'], repo.dir).stdout);
      assert.deepEqual(
        json.unreadable.map((item: { path: string; at: string }) => [item.path, item.at]),
        [
          ['roles/broken.role.yaml', 'base'],
          ['roles/pm.role.yaml', 'head'],
        ],
      );
    } finally {
      repo.remove();
    }
  });

  test('--format json: the documented structure', () => {
    const repo = repository(FIRST);
    try {
      repo.commit({ 'roles/pm.role.yaml': role('pm', 'Product Manager', 'senior-pm', PM) });
      const result = charters(['diff', 'HEAD~1', 'HEAD', '--format', 'json'], repo.dir);
      assert.equal(result.code, 0);
      const json = JSON.parse(result.stdout);
      assert.equal(json.base.revision, 'HEAD~1');
      assert.match(json.base.commit, /^[0-9a-f]{40}$/);
      assert.deepEqual(Object.keys(json), ['base', 'head', 'summary', 'documents', 'unreadable']);
      assert.equal(json.summary.modified, 1);
      const [doc] = json.documents;
      assert.deepEqual(
        { kind: doc.kind, id: doc.id, title: doc.title, status: doc.status, path: doc.path },
        { kind: 'role', id: 'pm', title: 'Product Manager', status: 'modified', path: 'roles/pm.role.yaml' },
      );
      assert.deepEqual(doc.changes[0], {
        field: 'level',
        change: 'changed',
        text: "changes its level from 'Product Manager' [pm] to 'Senior Product Manager' [senior-pm]",
        before: 'pm',
        after: 'senior-pm',
      });
    } finally {
      repo.remove();
    }
  });

  test('nothing changed: says so, exit 0', () => {
    const repo = repository(FIRST);
    try {
      const result = charters(['diff', 'HEAD'], repo.dir);
      assert.equal(result.code, 0);
      assert.match(result.stdout, /^\*\*No changes to product documents\.\*\*$/m);
    } finally {
      repo.remove();
    }
  });

  test('outside a repository, an unknown revision, no revision: a clear message and exit 2', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'charters-nogit-'));
    const repo = repository(FIRST);
    try {
      for (const [args, cwd, message] of [
        [['diff', 'main'], outside, /is not inside a git repository/],
        [['diff', 'no-such-branch'], repo.dir, /Unknown revision "no-such-branch"/],
        [['diff'], repo.dir, /needs a revision to compare with/],
        [['diff', 'main', '--format', 'xml'], repo.dir, /--format must be markdown or json/],
        [['diff', 'main', '../elsewhere'], repo.dir, /is outside the repository/],
      ] as const) {
        const result = charters([...args], cwd);
        assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
        assert.match(result.stderr, message);
        assert.equal(result.stdout, '');
      }
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
      repo.remove();
    }
  });
});

describe('charters diff: Markdown escaping', () => {
  test('document text cannot make links, HTML or emphasis; ids in brackets stay readable', () => {
    for (const [text, expected] of [
      ["gains responsibility 'Coach' [coach]", "gains responsibility 'Coach' [coach]"],
      ['[x](https://evil.example)', '\\[x\\](https://evil.example)'],
      ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
      ['*bold* and `code` | pipe', '\\*bold\\* and \\`code\\` \\| pipe'],
      ['two\nlines', 'two lines'],
      ["team member 'Engineer' [engineer]: count 5 → 6", "team member 'Engineer' [engineer]: count 5 → 6"],
    ])
      assert.equal(escapeMarkdownText(text), expected);
  });
});

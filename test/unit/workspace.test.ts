// Where a document's workspace is (the document model, version 2): the rules as a table over an
// imagined disk, then discovery and listing over a real temporary tree.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { locateWorkspace, type Probe } from '../../server/src/workspace/locate';
import { DISK_SOURCE } from '../../server/src/workspace/disk';
import { Workspaces, isInside, shownPaths } from '../../server/src/workspace/workspaces';
import fc from 'fast-check';
import { service } from './harness';

const ROOT = path.resolve('/disk');
const at = (relative: string) => path.join(ROOT, ...relative.split('/').filter(Boolean));

/** A disk holding exactly these files (and the folders above them). */
function disk(files: string[]): Probe {
  const entries = new Set(files.map(at));
  const folders = new Set([...entries].flatMap((file) => ancestors(file)));
  return { isFile: (file) => entries.has(file), exists: (file) => entries.has(file) || folders.has(file) };
}

function ancestors(file: string): string[] {
  const result: string[] = [];
  for (let current = path.dirname(file); ; current = path.dirname(current)) {
    result.push(current);
    if (path.dirname(current) === current) return result;
  }
}

describe('locateWorkspace', () => {
  const cases: { name: string; files: string[]; folder: string; fallback?: string; root: string; config: boolean }[] = [
    { name: "the config in the document's own folder", files: ['a/charters.config.yaml'], folder: 'a', root: 'a', config: true },
    {
      name: 'the nearest config above wins over a farther one',
      files: ['charters.config.yaml', 'a/charters.config.yaml'],
      folder: 'a/b/c',
      root: 'a',
      config: true,
    },
    {
      name: 'a config above the git root is not used: the git root is',
      files: ['charters.config.yaml', 'repo/.git/HEAD'],
      folder: 'repo/docs',
      root: 'repo',
      config: false,
    },
    {
      name: 'a config in the git root itself is used',
      files: ['repo/.git/HEAD', 'repo/charters.config.yaml'],
      folder: 'repo/docs/roles',
      root: 'repo',
      config: true,
    },
    {
      name: 'a config below the git root, above the document',
      files: ['repo/.git/HEAD', 'repo/product/charters.config.yaml'],
      folder: 'repo/product/roles',
      root: 'repo/product',
      config: true,
    },
    {
      name: "a config in a sibling folder is not the document's",
      files: ['repo/.git/HEAD', 'repo/product/charters.config.yaml'],
      folder: 'repo/people',
      root: 'repo',
      config: false,
    },
    {
      name: '.git as a file (a worktree or submodule) is a git root',
      files: ['charters.config.yaml', 'repo/.git'],
      folder: 'repo/x',
      root: 'repo',
      config: false,
    },
    {
      name: 'the first .git going up stops the search (a nested repository)',
      files: ['repo/.git/HEAD', 'repo/charters.config.yaml', 'repo/vendor/lib/.git'],
      folder: 'repo/vendor/lib/docs',
      root: 'repo/vendor/lib',
      config: false,
    },
    {
      name: 'without config or git: the fallback folder',
      files: ['other/charters.config.yaml'],
      folder: 'work/roles',
      fallback: 'work',
      root: 'work',
      config: false,
    },
    {
      name: 'a folder named charters.config.yaml is no config',
      files: ['a/charters.config.yaml/x', 'repo/.git'],
      folder: 'a/b',
      fallback: 'a',
      root: 'a',
      config: false,
    },
  ];
  for (const { name, files, folder, fallback = 'fallback', root, config } of cases) {
    test(name, () => {
      const location = locateWorkspace(at(folder), at(fallback), disk(files));
      assert.equal(location.root, at(root));
      assert.equal(location.configPath, config ? path.join(at(root), 'charters.config.yaml') : undefined);
    });
  }
});

describe('Workspaces over a real tree', () => {
  const ROLE = (id: string) => `kind: role\nid: ${id}\ntitle: ${id}\nlevel: pm\nsummary: s\nresponsibilities:\n  - prioritize-backlog\n`;

  function tree(files: Record<string, string>): string {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'charters-workspace-')));
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    return dir;
  }

  const relative = (dir: string, files: string[]) => files.map((file) => path.relative(dir, file).split(path.sep).join('/'));

  test('a nested config makes a second workspace; each lists only its own documents', () => {
    const dir = tree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'top.role.yaml': ROLE('top'),
      'notes/plain.yaml': ROLE('plain'),
      'product/charters.config.yaml': 'files: ["people/*.yaml"]\nignore: ["drafts/**"]\n',
      'product/a.role.yaml': ROLE('a'),
      'product/people/lead.yaml': ROLE('lead'),
      'product/drafts/d.role.yaml': ROLE('d'),
      'product/node_modules/x/n.role.yaml': ROLE('n'),
    });
    try {
      const workspaces = new Workspaces(service, DISK_SOURCE);
      const found = workspaces.discover(dir, dir);
      assert.deepEqual(
        relative(
          dir,
          found.map((workspace) => workspace.root),
        ),
        ['', 'product'],
      );
      assert.equal(found[1].configPath, path.join(dir, 'product', 'charters.config.yaml'));
      assert.deepEqual(relative(dir, workspaces.listDocuments(found[0])), ['top.role.yaml']);
      assert.deepEqual(relative(dir, workspaces.listDocuments(found[1])), ['product/a.role.yaml', 'product/people/lead.yaml']);
      // a document's workspace is the same object whichever way it is reached
      assert.equal(workspaces.of(path.join(dir, 'product', 'people', 'lead.yaml'), dir), found[1]);
      assert.equal(workspaces.ofFolder(path.join(dir, 'notes'), dir), found[0]);
      // indexing fills each workspace's own index
      workspaces.indexAll(found[1]);
      assert.deepEqual([...found[1].index.documents()].map((summary) => summary.id).sort(), ['a', 'lead']);
      assert.equal(found[0].index.size, 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("discovery from a sub-folder starts at that folder's workspace, above it", () => {
    const dir = tree({ '.git/HEAD': '', 'roles/a.role.yaml': ROLE('a'), 'ladders/l.ladder.yaml': 'kind: ladder\n' });
    try {
      const workspaces = new Workspaces(service, DISK_SOURCE);
      const [top, ...rest] = workspaces.discover(path.join(dir, 'roles'), path.join(dir, 'roles'));
      assert.equal(top.root, dir);
      assert.deepEqual(rest, []);
      assert.deepEqual(relative(dir, workspaces.listDocuments(top)), ['ladders/l.ladder.yaml', 'roles/a.role.yaml']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a workspace inside a folder its enclosing config ignores is not discovered', () => {
    const dir = tree({
      '.git/HEAD': '',
      'charters.config.yaml': 'ignore: ["broken/**"]\n',
      'broken/charters.config.yaml': 'rules: {}\n',
      'broken/x.role.yaml': ROLE('x'),
      'ok/charters.config.yaml': 'rules: {}\n',
    });
    try {
      const workspaces = new Workspaces(service, DISK_SOURCE);
      assert.deepEqual(
        relative(
          dir,
          workspaces.discover(dir, dir).map((workspace) => workspace.root),
        ),
        ['', 'ok'],
      );
      // named directly, it is a workspace like any other
      assert.deepEqual(
        relative(
          dir,
          workspaces.discover(path.join(dir, 'broken'), dir).map((workspace) => workspace.root),
        ),
        ['broken'],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a config with problems keeps its place as a workspace, reports them and applies the defaults', () => {
    const dir = tree({ '.git/HEAD': '', 'charters.config.yaml': 'rules:\n  unknown-field: fatal\n' });
    try {
      const workspace = new Workspaces(service, DISK_SOURCE).ofFolder(dir, dir);
      assert.equal(workspace.configPath, path.join(dir, 'charters.config.yaml'));
      assert.equal(workspace.problems.length, 1);
      assert.match(workspace.problems[0].message, /"fatal" is not a severity/);
      assert.deepEqual(workspace.config.rules, {});
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('isInside: the folder itself and what is below it, including a folder named "..x"; not its parent or a sibling', () => {
  const folder = path.resolve('/work/repo');
  for (const inside of ['', 'a', 'a/b.role.yaml', '..x/a.role.yaml', '...']) assert.ok(isInside(folder, path.join(folder, inside)), inside);
  for (const outside of ['..', '../repo2/a', '../../x', '/elsewhere']) assert.ok(!isInside(folder, path.resolve(folder, outside)), outside);
});

test('shownPaths shows each file as path.join(input, path.relative(folder, file)) does, and null outside the folder', () => {
  const segment = fc.constantFrom('a', 'b', 'docs', '..x', '...', 'x.role.yaml', 'A');
  const cwd = path.resolve('/work/repo');
  fc.assert(
    fc.property(
      fc.constantFrom('.', './', 'docs', './docs/', 'docs/roles', '../repo', '..', '/work/repo', '/work/repo/', '/', 'docs//roles/.'),
      fc.array(fc.array(segment, { minLength: 1, maxLength: 4 }), { maxLength: 12 }),
      fc.array(fc.array(segment, { minLength: 1, maxLength: 3 }), { maxLength: 4 }),
      (input, inside, outside) => {
        const absolute = path.resolve(cwd, input);
        const files = [...inside.map((parts) => path.join(absolute, ...parts)), ...outside.map((parts) => path.join('/elsewhere', ...parts))];
        const expected = files.map((file) => (isInside(absolute, file) ? path.join(input, path.relative(absolute, file)) : null));
        assert.deepEqual(shownPaths(absolute, input, files), expected);
      },
    ),
    { numRuns: 500, seed: 16 },
  );
});

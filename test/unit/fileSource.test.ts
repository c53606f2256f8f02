// The workspace module over a list of files (a git revision, for `charters diff`) finds the same
// workspaces, configs and documents as over the same files on disk.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { listedSource } from '../../server/src/workspace/source';
import { DISK_SOURCE } from '../../server/src/workspace/disk';
import { uriOf, Workspaces } from '../../server/src/workspace/workspaces';
import { service } from './harness';

const ROLE = (id: string) => `kind: role\nid: ${id}\ntitle: ${id}\nlevel: pm\nsummary: s\nresponsibilities:\n  - prioritize-backlog\n`;

const FILES: Record<string, string> = {
  'top.role.yaml': ROLE('top'),
  'notes/plain.yaml': ROLE('plain'),
  '.hidden/h.role.yaml': ROLE('h'),
  'product/charters.config.yaml': 'files: ["people/*.yaml"]\nignore: ["drafts/**"]\nrules:\n  unknown-field: off\n',
  'product/a.role.yaml': ROLE('a'),
  'product/people/lead.yaml': ROLE('lead'),
  'product/drafts/d.role.yaml': ROLE('d'),
  'product/node_modules/x/n.role.yaml': ROLE('n'),
  'ignored/charters.config.yaml': 'rules: {}\n',
  'ignored/i.role.yaml': ROLE('i'),
  'charters.config.yaml': 'ignore: ["ignored/**"]\n',
  'vendor/lib/.git': 'gitdir: ../../.git/modules/lib\n',
  'vendor/lib/v.role.yaml': ROLE('v'),
};

/** What a `Workspaces` finds from `root`: each workspace's root, config rules and documents, relative to `root`. */
function resolve(workspaces: Workspaces, root: string) {
  const relative = (file: string) => path.relative(root, file).split(path.sep).join('/');
  return workspaces.discover(root, root).map((workspace) => ({
    root: relative(workspace.root),
    config: workspace.configPath && relative(workspace.configPath),
    rules: workspace.config.rules,
    documents: workspaces.listDocuments(workspace).map(relative),
  }));
}

describe('Workspaces over a list of files', () => {
  test('finds the workspaces, configs and documents it finds on disk', () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'charters-source-')));
    try {
      for (const [name, text] of Object.entries({ ...FILES, '.git/HEAD': 'ref: refs/heads/main\n' })) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text);
      }
      const onDisk = resolve(new Workspaces(service, DISK_SOURCE), dir);
      const files = Object.keys(FILES).map((name) => path.join(dir, ...name.split('/')));
      const listed = listedSource(files, (file) => FILES[path.relative(dir, file).split(path.sep).join('/')], [path.join(dir, '.git')]);
      const fromList = resolve(new Workspaces(service, listed), dir);
      assert.deepEqual(fromList, onDisk);
      // and what that is: the nested config's own globs and ignores; the nested repository apart
      assert.deepEqual(
        onDisk.map((workspace) => [workspace.root, workspace.documents]),
        [
          ['', ['top.role.yaml']],
          ['product', ['product/a.role.yaml', 'product/people/lead.yaml']],
          ['vendor/lib', ['vendor/lib/v.role.yaml']],
        ],
      );
      assert.deepEqual(fromList[1].rules, { 'unknown-field': 'off' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('reads only the files it lists, without a byte order mark', () => {
    const source = listedSource(['/r/a.role.yaml'], () => '\uFEFFkind: role\n');
    assert.equal(source.read('/r/a.role.yaml'), 'kind: role\n');
    assert.equal(source.read('/r/b.role.yaml'), undefined);
    assert.equal(source.isFile('/r/a.role.yaml'), true);
    assert.equal(source.exists('/r/.git'), false);
  });
});

test("a file's URI is the one Node's pathToFileURL gives, for plain paths (built without a URL) and for paths that need escaping or resolving", {
  skip: process.platform === 'win32',
}, () => {
  const paths = [
    '/work/product/roles/0/role-000001.role.yaml',
    '/a-b/_c/D9.ladder.yml',
    '/',
    '/a/b/',
    '/a//b.role.yaml',
    '/a/./b.role.yaml',
    '/a/../b.role.yaml',
    '/a/.git',
    '/a/b.',
    '/a/..b',
    '/~user/x.role.yaml',
    '/a/b~',
    '/with space/x.role.yaml',
    '/a/é.role.yaml',
    '/a/%41.role.yaml',
    '/a/b#c.role.yaml',
    '/a/b?c.role.yaml',
    '/a/b:c@d+e,f=g.role.yaml',
    '/a/b\\c.role.yaml',
  ];
  for (const file of paths) assert.equal(uriOf(file), pathToFileURL(file).toString(), file);
});

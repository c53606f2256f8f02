// The pre-commit hook (.pre-commit-hooks.yaml), as pre-commit 4.6 installs and runs it. pre-commit
// is not on a fresh machine (and Debian's is older than the hook's minimum), so the test does
// what its `language: node` does (pre_commit/languages/node.py, 4.6.2): the hook repository,
// committed, installed with `npm install --allow-git=root --install-links -g git+file://REPO`
// into a prefix of its own; then the hook's entry runs in the user's repository with the staged
// files appended. Offline, with an empty npm cache: nothing comes from the registry.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './repoRoot';
import { CLEAN_ROLE, charters, workspace } from './cliHarness';
import { run } from './packageHarness';
import pkg from '../../package.json';

const README = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

/** The YAML between `<!-- NAME:start -->` and `<!-- NAME:end -->` in the README, out of its code fence. */
function readmeExample(name: string): unknown {
  const match = new RegExp(`<!-- ${name}:start -->\\s*\`\`\`yaml\\n([\\s\\S]*?)\`\`\`\\s*<!-- ${name}:end -->`).exec(README);
  assert.ok(match, `README.md has no ${name} block`);
  return parse(match[1]);
}

/** The working tree's files (tracked, or new and not ignored) committed in a new repository: what pre-commit clones. */
function hookRepository(scratch: string): string {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.equal(listed.status, 0, listed.stderr);
  const repo = path.join(scratch, 'hook-repo');
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    const from = path.join(REPO_ROOT, file);
    const stat = fs.lstatSync(from, { throwIfNoEntry: false });
    if (!stat?.isFile()) continue; // deleted but not staged, or a symlink (a worktree's node_modules)
    fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    fs.copyFileSync(from, path.join(repo, file));
  }
  const git = (...args: string[]) => {
    const result = spawnSync('git', ['-c', 'user.name=hook', '-c', 'user.email=hook@example.com', ...args], { cwd: repo, encoding: 'utf8' });
    assert.equal(result.status, 0, `git ${args.join(' ')}: ${result.stderr}`);
  };
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'hook');
  return repo;
}

describe('the pre-commit hook', () => {
  const HOOKS = parse(fs.readFileSync(path.join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as {
    id: string;
    entry: string;
    language: string;
    files: string;
    require_serial?: boolean;
  }[];

  test('the README example names a hook of .pre-commit-hooks.yaml at this version', () => {
    const config = readmeExample('pre-commit-example') as { repos: { repo: string; rev: string; hooks: { id: string }[] }[] };
    const [entry] = config.repos;
    assert.equal(entry.repo, (pkg as { repository: { url: string } }).repository.url);
    assert.equal(entry.rev, `v${pkg.version}`);
    assert.deepEqual(
      entry.hooks.map((hook) => hook.id),
      HOOKS.map((hook) => hook.id),
    );
  });

  test("the hook runs the package's own command on the document names, and nothing else", () => {
    const [hook] = HOOKS;
    assert.equal(hook.language, 'node');
    const [command, ...args] = hook.entry.split(' ');
    assert.ok(command in (pkg as { bin: Record<string, string> }).bin, `${command} is not a bin of the package`);
    // pre-commit searches each staged path with the pattern (Python's re.search); JavaScript reads this one the same
    const pattern = new RegExp(hook.files);
    for (const name of ['roles/senior-pm.role.yaml', 'product.ladder.yml', 'a/b/c.charter.yaml', 'strategy-fy27.strategy.yaml', 'vision.vision.yml'])
      assert.ok(pattern.test(name), `${name} should be checked`);
    for (const name of ['charters.config.yaml', 'README.md', 'roles/pm.role.yaml.bak', 'role.yaml', 'package.json'])
      assert.ok(!pattern.test(name), `${name} should not be checked`);
    // what pre-commit runs: the entry with the staged files appended, in the repository's root
    const checkout = workspace({
      'roles/pm.role.yaml': CLEAN_ROLE,
      'roles/lead.role.yaml': CLEAN_ROLE.replace('id: product-manager', 'id: lead-pm\nreportsTo: head-of-product'),
    });
    const run = charters([...args, 'roles/lead.role.yaml'], checkout);
    assert.equal(run.code, 1, run.stdout);
    assert.match(run.stdout, /roles\/lead\.role\.yaml/);
    assert.doesNotMatch(run.stdout, /roles\/pm\.role\.yaml/, 'only the staged file is reported');
  });

  test('installs as pre-commit 4.6 installs a node hook, and blocks a commit of a broken document', { timeout: 240_000 }, () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'charters-pre-commit-'));
    try {
      const prefix = path.join(scratch, 'node_env');
      const npm = {
        npm_config_prefix: prefix,
        npm_config_cache: path.join(scratch, 'npm-cache'),
        npm_config_offline: 'true',
        npm_config_audit: 'false',
        npm_config_fund: 'false',
      };
      const repo = hookRepository(scratch);
      const install = run('npm', ['install', '--allow-git=root', '--install-links', '-g', `git+file://${repo}`], scratch, npm);
      assert.equal(install.code, 0, install.stdout + install.stderr);
      const [hook] = HOOKS;
      const [command, ...args] = hook.entry.split(' ');
      const bin = path.join(prefix, 'bin', command);
      assert.ok(fs.existsSync(bin), `npm linked no ${command}: ${fs.readdirSync(path.join(prefix, 'bin')).join(', ')}`);
      // the user's repository, with one good and one broken role staged
      const user = workspace({
        'roles/pm.role.yaml': CLEAN_ROLE,
        'roles/lead.role.yaml': CLEAN_ROLE.replace('id: product-manager', 'id: lead-pm').replace('level: pm', 'level: pmm'),
      });
      const good = run(bin, [...args, 'roles/pm.role.yaml'], user);
      assert.equal(good.code, 0, good.stdout + good.stderr);
      const broken = run(bin, [...args, 'roles/pm.role.yaml', 'roles/lead.role.yaml'], user);
      assert.equal(broken.code, 1, broken.stdout + broken.stderr);
      assert.match(broken.stdout, /roles\/lead\.role\.yaml\n\s+\d+:\d+\s+error\s+"pmm" is not a valid level/);
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });
});

// The extension's page (the .vsix's README) and the state VS Code shows: the packed page has no
// developer's command and only pictures written into it, each the repository's file; the server
// answers `charters/status` with the config, the documents and the settings that apply, and logs
// what it loaded.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { starterFiles } from '../../server/src/cli/init';
import { STARTER_CONFIG_REQUEST, STATUS_REQUEST, type StatusResult } from '../../server/src/protocol';
import { LspClient, uriOf } from './lspClient';
import { REPO_ROOT } from './repoRoot';

interface ReadmeModule {
  packReadme(markdown: string, root: string): string;
  imageSources(markdown: string): string[];
}
const readmeModule = (): Promise<ReadmeModule> => import(pathToFileURL(path.join(REPO_ROOT, 'scripts', 'lib', 'extensionReadme.mjs')).href);

describe("the extension's page", () => {
  test("is packed with every picture written in from its file, and none of the developers' commands", async () => {
    const { packReadme, imageSources } = await readmeModule();
    const source = fs.readFileSync(path.join(REPO_ROOT, 'README.extension.md'), 'utf8');
    const packed = packReadme(source, REPO_ROOT);
    assert.ok(!packed.includes('npm ci'), 'the page says npm ci');
    const files = imageSources(source);
    const pictures = imageSources(packed);
    assert.ok(files.length >= 6, `the page shows ${files.length} pictures`);
    assert.ok(files.includes('docs/images/language-status.png'), 'the page shows the status item');
    assert.equal(pictures.length, files.length);
    pictures.forEach((picture, index) => {
      const data = /^data:image\/png;base64,(.+)$/.exec(picture);
      assert.ok(data, `picture ${index + 1} is not written into the page: ${picture.slice(0, 60)}`);
      assert.ok(Buffer.from(data[1], 'base64').equals(fs.readFileSync(path.join(REPO_ROOT, files[index]))), `picture ${index + 1} is not ${files[index]}`);
    });
    // the text around the pictures is unchanged
    assert.equal(packed.replace(/\(data:image\/png;base64,[^)]+\)/g, '()'), source.replace(/\]\(docs\/images\/[^)]+\)/g, ']()'));
  });

  test("refuses a picture from the network, a missing picture and a developer's command, naming each", async () => {
    const { packReadme } = await readmeModule();
    const text = ['# Page', '![remote](https://example.com/a.png)', '![missing](docs/images/nowhere.png)', 'Run `npm ci` first.'].join('\n');
    assert.throws(
      () => packReadme(text, REPO_ROOT),
      (error: Error) =>
        /https:\/\/example\.com\/a\.png comes from the network/.test(error.message) &&
        /docs\/images\/nowhere\.png does not exist/.test(error.message) &&
        /"npm ci"/.test(error.message),
    );
  });

  test("the repository's README still opens with its two commands", () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    assert.match(firstBlock, /^npm ci && npm start\b.*\nnpm ci && npm test\b/);
  });
});

describe('charters/status: what governs a document', () => {
  let dir: string;
  let loose: string;
  let client: LspClient;
  const role = (id: string) => `kind: role\nid: ${id}\ntitle: ${id}\nlevel: pm\nsummary: Owns one product area end to end.\n`;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'charters-status-'));
    fs.mkdirSync(path.join(dir, '.git'));
    fs.mkdirSync(path.join(dir, 'product', 'roles'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'product', 'charters.config.yaml'), 'rules:\n  missing-authority: error\n');
    fs.writeFileSync(path.join(dir, 'product', 'roles', 'a.role.yaml'), role('a'));
    fs.writeFileSync(path.join(dir, 'product', 'roles', 'b.role.yaml'), role('b'));
    fs.writeFileSync(path.join(dir, 'top.role.yaml'), role('top'));
    fs.mkdirSync(path.join(dir, 'broken'));
    fs.writeFileSync(path.join(dir, 'broken', 'charters.config.yaml'), 'rules:\n  missing-authority: sometimes\n');
    fs.writeFileSync(path.join(dir, 'broken', 'c.role.yaml'), role('c'));
    loose = path.join(dir, 'top.role.yaml');
    client = new LspClient({ rules: { 'placeholder-text': 'off', 'missing-authority': 'info' }, files: [] });
    await client.initialize(dir);
    await client.logged(/^Indexed \d+ charter documents/, 30_000);
  });

  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const status = (file: string) => client.connection.sendRequest<StatusResult | null>(STATUS_REQUEST, { uri: uriOf(file) });

  test("a document under a config: the config, its workspace's documents, and the settings it overrules", async () => {
    const answer = await status(path.join(dir, 'product', 'roles', 'a.role.yaml'));
    assert.deepEqual(answer, {
      root: path.join(dir, 'product'),
      rootUri: uriOf(path.join(dir, 'product')),
      configPath: path.join(dir, 'product', 'charters.config.yaml'),
      configUri: uriOf(path.join(dir, 'product', 'charters.config.yaml')),
      configProblems: [],
      documents: 2,
      indexed: true,
      overriddenRules: [],
      ignoredSettings: ['missing-authority', 'placeholder-text'],
    });
  });

  test('a document without a config: the defaults, with the rules the settings change', async () => {
    const answer = await status(loose);
    assert.equal(answer?.configPath, undefined);
    assert.equal(answer?.root, dir);
    assert.equal(answer?.documents, 1);
    assert.deepEqual(answer?.overriddenRules, [
      { rule: 'missing-authority', severity: 'info' },
      { rule: 'placeholder-text', severity: 'off' },
    ]);
  });

  test('a config that is not valid is named with its problem; a file that is no document gets null', async () => {
    const answer = await status(path.join(dir, 'broken', 'c.role.yaml'));
    assert.equal(answer?.configPath, path.join(dir, 'broken', 'charters.config.yaml'));
    assert.equal(answer?.configProblems.length, 1);
    assert.match(answer!.configProblems[0], /charters\.config\.yaml:2: .*sometimes/);
    assert.equal(await status(path.join(dir, 'notes.md')), null);
  });

  test("the log names each workspace's config (loaded, not valid, or none) and the index", () => {
    assert.ok(
      client.logs.includes(`Workspace ${path.join(dir, 'product')}: loaded ${path.join(dir, 'product', 'charters.config.yaml')}.`),
      client.logs.join('\n'),
    );
    assert.ok(client.logs.includes(`Workspace ${dir}: no charters.config.yaml, the defaults apply.`), client.logs.join('\n'));
    assert.ok(
      client.logs.some((line) => line.startsWith(`Workspace ${path.join(dir, 'broken')}: ${path.join(dir, 'broken', 'charters.config.yaml')} is not valid`)),
    );
    assert.match(client.logs.find((line) => line.startsWith('Indexed'))!, /^Indexed 4 charter documents in \d+ ms\.$/);
  });

  test('the starter config the editor offers is the one charters init writes', async () => {
    const text = await client.connection.sendRequest<string>(STARTER_CONFIG_REQUEST);
    assert.equal(text, starterFiles('2026-01-01').find((file) => file.path === 'charters.config.yaml')?.text);
  });
});

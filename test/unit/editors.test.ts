// docs/editors.md: the setups it gives start the command the npm package installs, and the
// Neovim filetype patterns cover every document file name of the kinds registry (a kind or a
// form added later fails here until the page names it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileNamePatterns } from '../../server/src/service/kinds';
import { REPO_ROOT } from './repoRoot';

const PAGE = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'editors.md'), 'utf8');
const BIN = 'charters-language-server';
/** Neovim's filetype for each extension a document can have. */
const NEOVIM_FILETYPES: Record<string, string> = { yaml: 'yaml', yml: 'yaml', md: 'markdown' };

/** The fenced blocks of one language on the page. */
function blocks(language: string): string[] {
  return [...PAGE.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((match) => match[1]);
}

/** A Lua pattern of vim.filetype.add as a RegExp, anchored as Neovim anchors it (the few items the page uses). */
function luaPattern(pattern: string): RegExp {
  assert.match(pattern, /^(%\.|\.\*|[a-z]\??)+$/, `a Lua pattern this test cannot read: ${pattern}`);
  return new RegExp(`^${pattern.replace(/%\./g, '\\.')}$`);
}

test('the package installs the command that the page tells editors to start', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  assert.ok(manifest.bin[BIN], `package.json has no bin ${BIN}`);
  const lua = blocks('lua').filter((block) => block.includes('cmd ='));
  assert.equal(lua.length, 2, 'the vim.lsp.config and the vim.lsp.start setups');
  for (const block of lua) assert.ok(block.includes(`cmd = { '${BIN}', '--stdio' }`), block);
  const [helix] = blocks('toml');
  assert.match(helix, new RegExp(`\\[language-server\\.charters\\]\\ncommand = "${BIN}"\\nargs = \\["--stdio"\\]`));
  assert.match(helix, /language-servers = \[[^\]]*"charters"[^\]]*\]/);
});

test('the Neovim filetype patterns match every document file name and nothing else', () => {
  const patterns = [
    ...blocks('lua')
      .join('\n')
      .matchAll(/\['([^']+)'\] = '([a-z]+)\.charters'/g),
  ].map((match) => ({
    pattern: luaPattern(match[1]),
    filetype: `${match[2]}.charters`,
  }));
  assert.ok(patterns.length > 0, 'no vim.filetype.add patterns on the page');
  for (const glob of fileNamePatterns()) {
    const name = glob.replace('*', 'payments-team');
    const matched = patterns.find(({ pattern }) => pattern.test(name));
    assert.ok(matched, `no Neovim filetype pattern on docs/editors.md matches ${name} (${glob})`);
    const extension = name.split('.').pop()!;
    assert.ok(NEOVIM_FILETYPES[extension], `add Neovim's filetype for .${extension} to NEOVIM_FILETYPES`);
    assert.equal(matched.filetype, `${NEOVIM_FILETYPES[extension]}.charters`, name);
  }
  for (const name of ['notes.yaml', 'role.yaml', 'docker-compose.yml', 'team.role.json', 'pm.role.yaml.orig']) {
    assert.ok(!patterns.some(({ pattern }) => pattern.test(name)), `a Neovim filetype pattern matches ${name}`);
  }
});

// Every rule has its page, and each page's example does what the page says: the first YAML block,
// linted as a new file of the example workspace, fires the rule with the quoted message(s); the
// second (the fix) does not fire it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../server/src/service/rules';
import { REPO_ROOT, loadWorkspace, parseFile, service, uriOf } from './harness';

const DOCS = path.join(REPO_ROOT, 'docs', 'rules');
const SECTIONS = ['## What triggers it', '## Example', '## How to fix it', '## Configure', '## Why'];
const examples = loadWorkspace(path.join(REPO_ROOT, 'examples'));

/** Lint `text` as if it were one more file at the root of examples/. */
function lintAsExample(text: string) {
  const kind = /^kind:\s*([a-z]+)/m.exec(text)?.[1] ?? 'role';
  const file = path.join(REPO_ROOT, 'examples', `zz-doc-example.${kind}.yaml`);
  const parsed = parseFile(file, text);
  const summary = service.summarize(uriOf(file), parsed);
  if (summary) examples.index.set(summary);
  try {
    return service.validate(uriOf(file), parsed, examples.index, examples.settings);
  } finally {
    examples.index.delete(uriOf(file));
  }
}

for (const rule of RULES) {
  test(`docs/rules/${rule.id}.md: outline, example fires with the quoted message, fix does not`, () => {
    const page = fs.readFileSync(path.join(DOCS, `${rule.id}.md`), 'utf8');
    assert.ok(page.startsWith(`# ${rule.id}\n`), 'title');
    assert.match(page, new RegExp(`Default severity: \\*\\*${rule.defaultSeverity}\\*\\*`));
    for (const section of SECTIONS) assert.ok(page.includes(`\n${section}\n`), `section ${section}`);
    const blocks = [...page.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]);
    const fired = lintAsExample(blocks[0]).filter((d) => d.code === rule.id);
    assert.ok(fired.length > 0, 'the example does not fire the rule');
    const quoted = [...page.slice(page.indexOf('## Example'), page.indexOf('## How to fix it')).matchAll(/^> (.+)$/gm)].map((match) => match[1]);
    assert.ok(quoted.length > 0, 'the page quotes no message');
    const messages = fired.map((d) => d.message);
    for (const quote of quoted) assert.ok(messages.includes(quote), `quoted message not produced: ${quote}\nactual: ${messages.join('\n')}`);
    assert.deepEqual(
      lintAsExample(blocks[1])
        .filter((d) => d.code === rule.id)
        .map((d) => d.message),
      [],
      'the fix still fires the rule',
    );
  });
}

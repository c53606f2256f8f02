// `charters site`: the examples built into a folder and crawled (every internal link resolves,
// nothing points off the site), the product facts the pages show, every document string escaped,
// the org chart's geometry on a generated 100-role tree, and the same bytes for the same input.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MemoryIndex } from '../../server/src/service/workspace';
import { isDocumentFileName } from '../../server/src/service/kinds';
import { BOX, orgChart } from '../../server/src/service/site/orgChart';
import { tidyLayout, type LayoutNode } from '../../server/src/service/site/layout';
import { relativeHref, slug } from '../../server/src/service/site/paths';
import { main } from '../../server/src/cli/main';
import { charters, workspace } from './cliHarness';
import { REPO_ROOT, service } from './harness';

/** Every file under `dir`, by path relative to it with `/`, and its text. */
function readSite(dir: string): Map<string, string> {
  const files = fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => fs.statSync(path.join(dir, name)).isFile())
    .map((name) => name.split(path.sep).join('/'))
    .sort();
  return new Map(files.map((name) => [name, fs.readFileSync(path.join(dir, name), 'utf8')]));
}

/** The folders the tests write, removed when they are done. */
const written: string[] = [];
after(() => {
  for (const dir of written) fs.rmSync(dir, { recursive: true, force: true });
});

function buildWithCli(folder: string, ...extra: string[]): { dir: string; files: Map<string, string>; stdout: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'charters-site-test-'));
  written.push(dir);
  const result = charters(['site', folder, '-o', dir, ...extra]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stderr, '', 'no progress line when stderr is not a terminal');
  return { dir, files: readSite(dir), stdout: result.stdout };
}

/** `href` and `src` values of a page, with the HTML entities of attribute values decoded. */
function addresses(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((match) =>
    match[1]
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'"),
  );
}

function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&rarr;|→/g, '→')
    .replace(/\s+/g, ' ');
}

/** The examples' document files (examples/broken is a workspace of its own), as the kinds registry names them. */
function exampleDocuments(kind?: string): string[] {
  return fs
    .readdirSync(path.join(REPO_ROOT, 'examples'), { recursive: true, encoding: 'utf8' })
    .filter((name) => !name.startsWith('broken') && isDocumentFileName(name) && (kind === undefined || name.includes(`.${kind}.`)));
}

describe('charters site on the examples', () => {
  const { dir, files, stdout } = buildWithCli(path.join(REPO_ROOT, 'examples'), '--title', 'Acme Payments');
  const page = (name: string) => {
    const html = files.get(name);
    assert.ok(html, `${name} was not written; the site has ${[...files.keys()].join(', ')}`);
    return html;
  };

  test('writes the overview, the org chart, the responsibility index, the stylesheet and a page per document', () => {
    for (const name of ['index.html', 'org-chart.html', 'responsibilities.html', 'style.css']) page(name);
    const documents = exampleDocuments();
    const documentPages = [...files.keys()].filter((name) => name.includes('/'));
    assert.equal(documentPages.length, documents.length, `${documents.length} documents, pages: ${documentPages.join(', ')}`);
    for (const name of [
      'roles/senior-pm.html',
      'ladders/product-ladder.html',
      'visions/vision-2028.html',
      'strategies/strategy-fy27.html',
      'charters/checkout-team.html',
    ])
      page(name);
    assert.match(stdout, new RegExp(`Wrote ${documents.length + 3} pages to `));
  });

  test('every link and source on every page resolves to a file of the site, and to an element where it names one', () => {
    let checked = 0;
    for (const [name, html] of files) {
      if (!name.endsWith('.html')) continue;
      for (const address of addresses(html)) {
        assert.doesNotMatch(address, /^[a-z][a-z0-9+.-]*:|^\/|^\\/i, `${name} links off the site or to an absolute path: ${address}`);
        const [target, fragment] = address.split('#');
        const resolved = target === '' ? name : path.posix.normalize(path.posix.join(path.posix.dirname(name), decodeURIComponent(target)));
        assert.ok(files.has(resolved), `${name} links to ${address}, which is not in the site`);
        if (fragment) assert.ok(files.get(resolved)!.includes(` id="${fragment}"`), `${name} links to ${address}, which has no element with that id`);
        checked++;
      }
    }
    assert.ok(checked > 100, `only ${checked} links were checked`);
  });

  test('no page names the folder it was built from or written to', () => {
    for (const [name, text] of files) {
      assert.ok(!text.includes(REPO_ROOT), `${name} names the repository folder`);
      assert.ok(!text.includes(dir), `${name} names the output folder`);
      assert.ok(!text.includes('file:'), `${name} holds a file: address`);
    }
  });

  test('every page has one h1, a title, the shared stylesheet, and no script', () => {
    for (const [name, html] of files) {
      if (!name.endsWith('.html')) continue;
      assert.equal(html.match(/<h1[\s>]/g)?.length, 1, `${name}: h1 count`);
      assert.match(html, /<title>[^<]+<\/title>/, name);
      assert.match(html, /<link rel="stylesheet" href="(\.\.\/)?style\.css">/, name);
      assert.doesNotMatch(html, /<script/i, name);
    }
  });

  test('the overview counts each kind and lists each ladder track from the lowest rung up', () => {
    const overview = textOf(page('index.html'));
    for (const [kind, heading] of [
      ['role', 'Roles'],
      ['ladder', 'Ladders'],
      ['vision', 'Visions'],
      ['strategy', 'Strategies'],
      ['charter', 'Charters'],
    ])
      assert.match(overview, new RegExp(` ${exampleDocuments(kind).length} ${heading} `));
    assert.match(
      overview,
      /Individual contributor : Associate Product Manager Product Manager Senior Product Manager Staff Product Manager Principal Product Manager Product leadership/,
    );
    assert.match(overview, /The checks find nothing to fix in this workspace/);
  });

  test('the ladder page shows the tracks, what each rung adds and drops, and the roles × areas matrix', () => {
    const ladder = page('ladders/product-ladder.html');
    assert.match(ladder, /<h2[^>]*>Individual contributor<\/h2>/);
    assert.match(ladder, /<h2[^>]*>Product leadership<\/h2>/);
    assert.match(textOf(ladder), /Adds \d+:/);
    assert.match(textOf(ladder), /Drops \d+:/);
    assert.match(ladder, /<table class="matrix">/);
    assert.match(ladder, /<a class="open" href="\.\.\/roles\/senior-pm\.html">Senior Product Manager<\/a>/);
  });

  test('a role page shows its level, responsibilities with their descriptions, skills, reporting line and direct reports', () => {
    const senior = textOf(page('roles/senior-pm.html'));
    assert.match(senior, /Level Senior Product Manager · rank 3/);
    assert.match(
      senior,
      /Delivery 6 Lead more than one product Take charge of several products at once\./,
      "responsibilities by area, each with the taxonomy's title and description",
    );
    assert.match(page('roles/senior-pm.html'), /<span class="desc">[^<]+<\/span>/, 'taxonomy descriptions are shown');
    assert.match(senior, /Reports to, up the line Group Product Manager Director of Product Chief Product Officer/);
    assert.match(senior, /Leads to Staff Product Manager , Group Product Manager/);
    const group = textOf(page('roles/group-pm.html'));
    assert.match(group, /Direct reports Associate Product Manager Product Manager Senior Product Manager/);
    assert.match(page('roles/senior-pm.html'), /href="\.\.\/org-chart\.html#role-senior-pm"/);
  });

  test('the strategy page draws the tree from the vision to the initiatives', () => {
    const strategy = textOf(page('strategies/strategy-fy27.html'));
    assert.match(
      strategy,
      /Vision Tallyway Product Vision 2028 Strategy Product Strategy FY27 Objective Make mobile checkout the fastest way to pay online Key result Mobile checkout conversion: 61% → 66%[\s\S]*Initiative One-tap wallet checkout on mobile web/,
    );
    assert.match(strategy, /Not tied to an objective Initiative Fraud model retrained on small-shop data/);
  });

  test('the responsibility index lists each taxonomy responsibility with the roles holding it', () => {
    const index = page('responsibilities.html');
    const row = index.match(/<tr id="r-prioritize-backlog">.*?<\/tr>/)?.[0];
    assert.ok(row, 'prioritize-backlog has a row');
    assert.match(row, /Product Manager/);
    assert.match(row, /\(inherited\)/, 'the roles that inherit it are listed as such');
    assert.match(textOf(index), /\d+ of the taxonomy's \d+ responsibilities are held by at least one role/);
  });

  test('the org chart draws every role as a linked box with its title', () => {
    const chart = page('org-chart.html');
    const boxes = [...chart.matchAll(/<a href="(roles\/[^"]+)" id="role-[^"]+" class="box role"><title>([^<]+)<\/title>/g)];
    assert.equal(boxes.length, exampleDocuments('role').length);
    assert.ok(boxes.some(([, href, title]) => href === 'roles/cpo.html' && title === 'Chief Product Officer'));
    assert.match(chart, /<svg class="org-chart"[^>]*aria-labelledby="chart-title">\s*<title id="chart-title">/);
  });

  test('the same workspace gives the same bytes', () => {
    const again = buildWithCli(path.join(REPO_ROOT, 'examples'), '--title', 'Acme Payments');
    assert.deepEqual([...again.files.keys()], [...files.keys()]);
    for (const [name, text] of files) assert.equal(again.files.get(name), text, `${name} differs between two builds`);
  });
});

describe('charters site escapes what documents say', () => {
  const hostile = '<script>alert("x")</script> & \'quoted\' "text" <img src=x onerror=alert(1)>';
  const yamlString = JSON.stringify(hostile);
  const folder = workspace({
    'charters.config.yaml': `externalRoles:\n  - id: eng-lead\n    title: ${yamlString}\n`,
    'boss.role.yaml': `kind: role\nid: boss\ntitle: ${yamlString}\nlevel: cpo\nsummary: ${yamlString}\nreportsTo: eng-lead\n`,
    'weird.role.yaml': `kind: role\nid: ${JSON.stringify('a"><script>x</script>')}\ntitle: Weird\nlevel: pm\nreportsTo: boss\nresponsibilities:\n  - ${JSON.stringify('<b>bold</b>')}\n`,
    'ladder.ladder.yaml': `kind: ladder\nid: l\ntitle: ${yamlString}\ntracks:\n  - id: t\n    title: ${yamlString}\n    roles: [boss, ${JSON.stringify('<i>missing</i>')}]\n`,
    'plan.strategy.yaml': `kind: strategy\nid: s\ntitle: ${yamlString}\nvision: v\nobjectives:\n  - objective: ${yamlString}\n    keyResults:\n      - metric: ${yamlString}\n        baseline: ${yamlString}\n        target: ${yamlString}\ninitiatives:\n  - title: ${yamlString}\n    objective: ${yamlString}\n`,
    'v.vision.yaml': `kind: vision\nid: v\ntitle: ${yamlString}\nstatement: ${yamlString}\n`,
    'c.charter.yaml': `kind: charter\nid: c\ntitle: ${yamlString}\nmission: ${yamlString}\nteam:\n  - role: eng-lead\n`,
    'broken.role.yaml': `kind: role\nid: broken\ntitle: ${yamlString}\n  bad: [indent\n`,
  });
  const { files } = buildWithCli(folder);

  test('no document string reaches a page as markup', () => {
    for (const [name, html] of files) {
      if (!name.endsWith('.html')) continue;
      assert.doesNotMatch(html, /<script|<img|<b>bold|<i>missing|onerror=alert\(1\)>/i, `${name} carries markup from a document`);
    }
  });

  test('the hostile strings are shown as text', () => {
    const escaped = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39; &quot;text&quot;';
    for (const name of ['index.html', 'roles/boss.html', 'ladders/l.html', 'strategies/s.html', 'visions/v.html', 'charters/c.html', 'org-chart.html']) {
      assert.ok(files.get(name)?.includes(escaped), `${name} does not show the title as text`);
    }
    assert.ok(files.get('roles/a-script-x-script.html'), 'an id with markup becomes a safe file name');
  });
});

describe('charters site on a terminal', () => {
  test('shows one progress line while it reads, draws and writes, and clears it before the summary', () => {
    let stderr = '';
    let stdout = '';
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'charters-site-tty-'));
    written.push(out);
    const code = main(['site', path.join(REPO_ROOT, 'examples'), '-o', out], {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      cwd: REPO_ROOT,
      color: false,
      progress: true,
    });
    assert.equal(code, 0);
    // the examples' documents (examples/broken is a workspace of its own); a page each, and the
    // overview, the org chart and the responsibility index; the stylesheet besides the pages
    const documents = exampleDocuments().length;
    assert.match(stderr, new RegExp(`\\r\\x1b\\[2KReading documents ${documents}/${documents}`));
    assert.match(stderr, /\r\x1b\[2KDrawing pages \d+\/\d+/);
    assert.match(stderr, new RegExp(`\\r\\x1b\\[2KWriting files ${documents + 4}/${documents + 4}\\r\\x1b\\[2K$`), 'the line is cleared at the end');
    assert.doesNotMatch(stderr, /\n/, 'one line, rewritten in place');
    assert.match(stdout, new RegExp(`^Wrote ${documents + 3} pages to `));
  });
});

describe('charters site on bad input', () => {
  test('without -o it says what it needs, and writes nothing', () => {
    const result = charters(['site', path.join(REPO_ROOT, 'examples')]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /site needs a folder to write to: charters site \[PATH\] -o DIR/);
  });

  test('a folder that does not exist is named', () => {
    const result = charters(['site', 'no-such-folder', '-o', os.tmpdir()]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /No such folder: no-such-folder/);
  });

  test('an output that is a file is refused', () => {
    const file = path.join(workspace({ 'x.txt': 'x' }), 'x.txt');
    const result = charters(['site', path.join(REPO_ROOT, 'examples'), '-o', file]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /is a file; give a folder/);
  });

  test('an empty workspace still gets an overview, an org chart and an index', () => {
    const { files } = buildWithCli(workspace({ 'README.md': '# nothing here\n' }));
    assert.deepEqual([...files.keys()], ['index.html', 'org-chart.html', 'responsibilities.html', 'style.css']);
    assert.match(files.get('org-chart.html')!, /No role documents yet/);
  });
});

/** A seeded random number generator: the same trees on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('the org chart layout', () => {
  /** `count` roles, each reporting to a random earlier one (some to no one, some to managers without documents). */
  function generatedIndex(count: number, seed: number) {
    const rand = random(seed);
    const index = new MemoryIndex();
    for (let i = 0; i < count; i++) {
      const reportsTo = i === 0 || rand() < 0.03 ? undefined : rand() < 0.02 ? `gone-${i}` : `role-${Math.floor(rand() * i)}`;
      const text = `kind: role\nid: role-${i}\ntitle: Role number ${i} with a long title\nlevel: pm\n${reportsTo ? `reportsTo: ${reportsTo}\n` : ''}`;
      const uri = `file:///ws/role-${i}.role.yaml`;
      index.set(service.summarize(uri, service.parse(TextDocument.create(uri, 'yaml', 1, text)))!);
    }
    return index;
  }

  for (const seed of [1, 2, 3, 4]) {
    test(`a generated tree of 100 roles (seed ${seed}): no two boxes overlap, every box is inside the drawing, every manager above its reports`, () => {
      const settings = service.settings();
      const chart = orgChart(generatedIndex(100, seed), settings.taxonomy, new Map(), (id) => `roles/${id}.html`);
      assert.equal(chart.boxes.filter((box) => box.kind === 'role').length, 100);
      assert.ok(
        chart.boxes.some((box) => box.kind === 'missing'),
        'managers without documents are drawn too',
      );
      for (let a = 0; a < chart.boxes.length; a++) {
        const one = chart.boxes[a];
        assert.ok(one.x >= 0 && one.y >= 0 && one.x + one.width <= chart.width && one.y + one.height <= chart.height, `${one.id} lies outside the drawing`);
        for (let b = a + 1; b < chart.boxes.length; b++) {
          const two = chart.boxes[b];
          const apart = one.x + one.width <= two.x || two.x + two.width <= one.x || one.y + one.height <= two.y || two.y + two.height <= one.y;
          assert.ok(apart, `${one.id} and ${two.id} overlap`);
        }
      }
      for (const [from, to] of chart.lines) {
        const manager = chart.boxes[from];
        const report = chart.boxes[to];
        if (chart.orientation === 'top-down') assert.ok(manager.y + manager.height < report.y, `${manager.id} is not above ${report.id}`);
        else assert.ok(manager.x + manager.width < report.x, `${manager.id} is not left of ${report.id}`);
      }
      assert.equal(chart.lines.length, chart.boxes.length - chart.trees.length, 'one line per box that is not a root');
    });
  }

  test('a reporting cycle is cut, not followed forever, and an external manager is drawn as such', () => {
    const index = new MemoryIndex();
    const roles = { a: 'b', b: 'c', c: 'a', d: 'eng-lead' };
    for (const [id, reportsTo] of Object.entries(roles)) {
      const uri = `file:///ws/${id}.role.yaml`;
      index.set(service.summarize(uri, service.parse(TextDocument.create(uri, 'yaml', 1, `kind: role\nid: ${id}\ntitle: ${id}\nreportsTo: ${reportsTo}\n`)))!);
    }
    const chart = orgChart(index, service.settings().taxonomy, new Map([['eng-lead', { id: 'eng-lead', title: 'Engineering Lead' }]]), () => undefined);
    assert.deepEqual(chart.boxes.map((box) => box.id).sort(), ['a', 'b', 'c', 'd', 'eng-lead']);
    assert.equal(chart.boxes.find((box) => box.id === 'eng-lead')?.kind, 'external');
    assert.equal(chart.lines.length, 3, 'a cycle of three keeps two of its lines; d hangs under eng-lead');
  });

  test('siblings sit side by side and a parent centres over its children', () => {
    const leaf = (id: string): LayoutNode => ({ id, children: [] });
    const places = tidyLayout([{ id: 'root', children: [leaf('a'), leaf('b'), leaf('c')] }], 10, 2);
    const at = Object.fromEntries(places.map((place) => [place.id, place]));
    assert.deepEqual([at.a.centre, at.b.centre, at.c.centre], [5, 17, 29]);
    assert.equal(at.root.centre, 17);
    assert.equal(at.root.depth, 0);
    assert.equal(at.a.depth, 1);
  });

  test('a large tree is drawn left to right, so rows of reports become columns', () => {
    const chart = orgChart(generatedIndex(100, 7), service.settings().taxonomy, new Map(), () => undefined);
    assert.equal(chart.orientation, 'left-right');
    assert.ok(chart.width < 2000, `the drawing is ${chart.width} px wide`);
    assert.ok(BOX.width > 0);
  });
});

describe('the site paths', () => {
  test('links between pages are relative to the page they are on', () => {
    assert.equal(relativeHref('roles/pm.html', 'ladders/l.html'), '../ladders/l.html');
    assert.equal(relativeHref('index.html', 'roles/pm.html'), 'roles/pm.html');
    assert.equal(relativeHref('roles/pm.html', 'roles/apm.html'), 'apm.html');
    assert.equal(relativeHref('roles/pm.html', 'style.css'), '../style.css');
  });

  test('file names keep letters, digits and dashes only', () => {
    assert.equal(slug('senior-pm'), 'senior-pm');
    assert.equal(slug('../../etc/passwd'), 'etc-passwd');
    assert.equal(slug('<script>'), 'script');
    assert.equal(slug('***'), 'document');
  });
});

describe("the preview's link to the org chart", () => {
  const role = 'kind: role\nid: senior-pm\ntitle: Senior PM\nlevel: senior-pm\n';
  const ladder = 'kind: ladder\nid: l\ntitle: Ladder\ntracks:\n  - id: ic\n    roles: [senior-pm]\n';
  const render = (text: string, interactive: boolean) => {
    const uri = 'file:///ws/doc.yaml';
    return service.preview(
      uri,
      service.parse(TextDocument.create(uri, 'yaml', 1, text)),
      new MemoryIndex(),
      service.settings(),
      interactive ? {} : { siblingExports: [] },
    ).body;
  };

  test('the webview preview of a role links to its box on the org chart; of a ladder, to the org chart', () => {
    assert.match(
      render(role, true),
      /<button type="button" class="link" data-site="org-chart" data-role="senior-pm">Open the org chart in the organisation site<\/button>/,
    );
    assert.match(render(ladder, true), /<button type="button" class="link" data-site="org-chart">Open the org chart in the organisation site<\/button>/);
  });

  test('an exported page has no such link: it has no editor to build the site', () => {
    assert.doesNotMatch(render(role, false), /data-site/);
    assert.doesNotMatch(render(ladder, false), /data-site/);
  });
});

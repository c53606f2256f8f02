#!/usr/bin/env node
// End-to-end test of the packaged extension in a real VS Code in a real browser: installs
// dist/product-charters.vsix into a fresh code-server (scripts/vscode-host/setup.sh), opens a
// temp copy of examples/ in Debian's Chromium (playwright-core) and does what a person does,
// with keyboard and mouse, asserting on what the screen shows. One screenshot per step in
// test-results/e2e-<step>.png (e2e-web-<step>.png with --web).
//
//   node test/e2e/e2e.mjs [--web] [--screenshots] [--no-setup] [--no-package] [--vsix FILE]
//                         [--only step,step] [--keep-temp] [--headed-slowmo MS]
//
//   --web           run the extension's browser build: the setting remote.extensionKind makes
//                   code-server run it in the web worker extension host, as vscode.dev and
//                   github.dev do; the steps are the same, plus what only a browser says
//                   (npm run test:e2e:web)
//   --screenshots   afterwards copy the screenshots of the squiggle, completion, hover, quick fix
//                   and ladder preview steps to docs/images/ (npm run screenshots)
//   --no-setup      skip bash scripts/vscode-host/setup.sh
//   --no-package    use the existing dist/product-charters.vsix (or --vsix FILE)
//   --only a,b      run only these steps (names as printed)
//   --keep-temp     keep the temp dir (profile, extensions, workspace copy)
// Exit code 0 only if every step passed. Prints "N passed, M failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeServerPaths, freePort, launchChromium, onExitCleanup, removeDir, sleep, startCodeServer, stopAll } from '../../scripts/vscode-host/processes.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// ------------------------------------------------------------------ options
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const value = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const opts = {
  screenshots: flag('--screenshots'),
  setup: !flag('--no-setup'),
  package: !flag('--no-package') && !value('--vsix'),
  vsix: path.resolve(repoRoot, value('--vsix') ?? 'dist/product-charters.vsix'),
  only: value('--only')?.split(',').filter(Boolean),
  keepTemp: flag('--keep-temp'),
  web: flag('--web'),
};

const t0 = Date.now();
const log = (msg) => console.log(`[e2e ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${msg}`);
const { entry: csEntry, cwd: csCwd } = codeServerPaths(repoRoot);
const outDir = path.join(repoRoot, 'test-results');
const prefix = opts.web ? 'e2e-web' : 'e2e';
const shot = (step) => path.join(outDir, `${prefix}-${step}.png`);

// Screenshots that README/docs use, copied by --screenshots.
const DOC_IMAGES = {
  squiggle: 'squiggle-and-problems.png',
  completion: 'completion.png',
  hover: 'hover.png',
  'quick-fix': 'quick-fix.png',
  'ladder-preview': 'ladder-preview.png',
  'language-status': 'language-status.png',
};
// ... and with --web, those of the browser build (docs/browser.md).
const WEB_DOC_IMAGES = {
  'browser-host': 'browser-host.png',
  'quick-fix': 'browser-quick-fix.png',
  'ladder-preview': 'browser-ladder-preview.png',
};

// ------------------------------------------------------------------ processes and cleanup
// code-server and Chromium are stopped by stopAll() (scripts/vscode-host/processes.mjs),
// here and on signals.
let tmpRoot = null;
const cleanup = onExitCleanup(
  async () => {
    try {
      await stopAll();
    } finally {
      if (tmpRoot && !opts.keepTemp) await removeDir(tmpRoot, log);
    }
  },
  { log },
);

function run(cmd, args, options = {}) {
  log(`$ ${[cmd, ...args].map((a) => (path.relative(repoRoot, a) && !a.startsWith('-') && a.includes('/') ? path.relative(repoRoot, a) : a)).join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: repoRoot, stdio: 'inherit', ...options });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`})`);
}

// ------------------------------------------------------------------ workbench helpers
/** Everything a step needs: the page and helpers that act like a person at the keyboard. */
function makeUi(page, workspace) {
  const editorGroup = () => page.locator('.editor-group-container.active');
  const ui = {
    page,
    workspace,
    read: (rel) => fs.readFileSync(path.join(workspace, rel), 'utf8'),
    /** 1-based line number of the first line matching `re` in the file on disk. */
    lineOf(rel, re) {
      const i = ui
        .read(rel)
        .split('\n')
        .findIndex((l) => re.test(l));
      if (i < 0) throw new Error(`${rel}: no line matches ${re}`);
      return i + 1;
    },
    async activeTab() {
      return (await page.locator('.editor-group-container.active .tab.active .label-name').first().textContent({ timeout: 5000 }))?.trim();
    },
    async waitActiveTab(name, timeout = 15000) {
      await page.locator('.editor-group-container.active .tab.active .label-name', { hasText: name }).first().waitFor({ timeout });
    },
    /** Quick Open (Ctrl+P), type the path, Enter. */
    async open(rel) {
      const name = path.basename(rel);
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await input.waitFor({ state: 'visible', timeout: 10000 });
      // Type once the box has the focus, and check it got every key: otherwise Enter would
      // open whatever the unfiltered "recently opened" list shows first.
      await page.waitForFunction(() => document.activeElement?.closest('.quick-input-box'), null, { timeout: 10000 });
      await page.keyboard.type(rel, { delay: 10 });
      const typed = await input.inputValue();
      if (typed !== rel) {
        await page.keyboard.press('Control+A');
        await page.keyboard.type(rel, { delay: 20 });
      }
      await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: name }).first().waitFor({ timeout: 15000 });
      await page.keyboard.press('Enter');
      await ui.waitActiveTab(name);
      const focused = page.locator('.editor-group-container.active .monaco-editor.focused');
      try {
        await focused.waitFor({ timeout: 5000 });
      } catch {
        // The file was already open and the focus stayed where it was (a webview, after a click in
        // the preview): a person clicks the editor's tab, which focuses the text and leaves the
        // cursor where it was. Said in the log, so that a recurrence shows there.
        log(`${name} is the active tab but its text has no focus; clicking its tab`);
        await page.locator('.editor-group-container.active .tab.active').first().click();
        await focused.waitFor({ timeout: 10000 });
      }
    },
    /** Ctrl+G, line number, Enter; then Home or End. */
    async goToLine(line, where = 'End') {
      await page.keyboard.press('Control+G');
      await page.locator('.quick-input-widget .quick-input-box input').waitFor({ state: 'visible', timeout: 10000 });
      await page.keyboard.type(String(line));
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10000 });
      if (where) await page.keyboard.press(where);
    },
    /** The visible lines of the active editor, top to bottom, with plain spaces. */
    async visibleLines() {
      return editorGroup()
        .locator('.monaco-editor .view-lines')
        .first()
        .evaluate((el) =>
          [...el.querySelectorAll('.view-line')]
            .map((l) => ({ top: parseFloat(l.style.top) || 0, text: l.textContent.replace(/\u00a0/g, ' ') }))
            .sort((a, b) => a.top - b.top)
            .map((l) => l.text),
        );
    },
    async waitForLine(predicate, what, timeout = 10000) {
      const end = Date.now() + timeout;
      let lines = [];
      while (Date.now() < end) {
        lines = await ui.visibleLines();
        if (lines.some(predicate)) return lines;
        await sleep(200);
      }
      throw new Error(`the editor shows no line ${what}; visible lines:\n    ${lines.join('\n    ')}`);
    },
    /** Screen rectangle of `word` in the first visible editor line containing it. */
    async wordRect(word) {
      return editorGroup()
        .locator('.monaco-editor .view-lines')
        .first()
        .evaluate((el, w) => {
          for (const line of el.querySelectorAll('.view-line')) {
            const text = line.textContent.replace(/\u00a0/g, ' ');
            const at = text.indexOf(w);
            if (at < 0) continue;
            // Walk the text nodes to the word's start.
            const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
            let offset = 0;
            let node;
            while ((node = walker.nextNode())) {
              const len = node.textContent.length;
              if (offset + len > at) {
                const range = document.createRange();
                range.setStart(node, at - offset);
                range.setEnd(node, Math.min(len, at - offset + Math.min(w.length, len - (at - offset))));
                const r = range.getBoundingClientRect();
                return { x: r.x, y: r.y, width: r.width, height: r.height };
              }
              offset += len;
            }
          }
          return null;
        }, word);
    },
    /** Ctrl+Shift+M shows the Problems panel; returns its text once `predicate` holds. */
    async problemsText(predicate, timeout = 20000) {
      const panel = page.locator('.markers-panel');
      if (!(await panel.isVisible().catch(() => false))) {
        await page.keyboard.press('Control+Shift+M');
        await panel.waitFor({ state: 'visible', timeout: 10000 });
      }
      const end = Date.now() + timeout;
      let text = '';
      while (Date.now() < end) {
        // The rows' text and their aria-labels (which carry the whole message even while a row
        // is still being rendered).
        text = (
          (await panel
            .evaluate((el) => `${el.innerText}\n${[...el.querySelectorAll('.monaco-list-row')].map((r) => r.getAttribute('aria-label') ?? '').join('\n')}`)
            .catch(() => '')) || ''
        ).replace(/\u00a0/g, ' ');
        if (predicate(text)) return text;
        await sleep(250);
      }
      throw new Error(`the Problems panel does not show what was expected; it shows:\n    ${text.split('\n').join('\n    ')}`);
    },
    /** Back to the editor (Ctrl+1 focuses the first editor group). */
    /**
     * Ctrl+. at the cursor until the quick-fix menu lists `label`. A person presses it again when
     * nothing opens: on a loaded machine the first press can come before every code-action
     * provider of the language (Markdown's own, for a .md file) has answered.
     */
    async quickFixMenu(label, timeout = 45000) {
      const menu = page.locator('.action-widget');
      const end = Date.now() + timeout;
      let seen = '(no menu)';
      while (Date.now() < end) {
        await ui.focusEditor().catch(() => {});
        await page.keyboard.press('Control+.');
        const row = menu.locator('.monaco-list-row', { hasText: label }).first();
        if (
          await row.waitFor({ state: 'visible', timeout: 8000 }).then(
            () => true,
            () => false,
          )
        )
          return { menu, row };
        seen =
          (await menu.innerText().catch(() => '')) ||
          (await page
            .locator('.monaco-editor .monaco-editor-overlaymessage')
            .first()
            .innerText()
            .catch(() => '')) ||
          '(no menu)';
        log(`Ctrl+. did not list "${label}" (the editor showed: ${seen.replace(/\s+/g, ' ').slice(0, 120)}); pressing it again`);
        await page.keyboard.press('Escape');
        await sleep(1000);
      }
      throw new Error(`Ctrl+. never offered "${label}"; last seen: ${seen.replace(/\s+/g, ' ').slice(0, 300)}`);
    },
    async focusEditor() {
      await page.keyboard.press('Control+1');
      await page.locator('.monaco-editor.focused').first().waitFor({ timeout: 5000 });
    },
    /** F1, the command's title, Enter. */
    async command(title) {
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget .quick-input-box input').waitFor({ state: 'visible', timeout: 10000 });
      await page.keyboard.type(title, { delay: 10 });
      await page
        .locator('.quick-input-widget .monaco-list-row.focused', { hasText: title.replace(/^>?\s*/, '') })
        .first()
        .waitFor({ timeout: 15000 });
      await page.keyboard.press('Enter');
    },
    /**
     * The Output view's text once it matches every one of `wanted` (or after `timeout`), long lines
     * joined again: the view wraps them, and a line that does not start with a time continues the one above.
     */
    async outputText(wanted, timeout = 30000) {
      const view = page.locator('.panel .output-view, .panel [id="workbench.panel.output"]').first();
      await view.waitFor({ state: 'visible', timeout: 15000 });
      let text = '';
      const end = Date.now() + timeout;
      while (Date.now() < end) {
        const lines = await view
          .locator('.view-lines')
          .first()
          .evaluate((el) =>
            [...el.querySelectorAll('.view-line')]
              .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
              .map((l) => l.textContent.replace(/\u00a0/g, ' ')),
          );
        text = lines.join('\n').replace(/\n(?!\d{4}-\d\d-\d\d )/g, '');
        if (wanted.every((re) => re.test(text))) break;
        await sleep(500);
      }
      return text;
    },
  };
  return ui;
}

/** The frame (webviews are iframes in iframes) whose page shows `text`. */
async function frameShowing(page, text, timeout) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    for (const frame of page.frames()) {
      if (await frame.evaluate((t) => document.body?.innerText.includes(t) ?? false, text).catch(() => false)) return frame;
    }
    await sleep(250);
  }
  throw new Error(`no frame shows "${text}"`);
}

function expect(cond, message) {
  if (!cond) throw new Error(message);
}

// ------------------------------------------------------------------ the steps
const ROLE = 'roles/product-manager.role.yaml';
const LADDER = 'product-ladder.ladder.yaml';

const steps = [
  {
    name: 'squiggle',
    title: 'a typed mistake is underlined and listed in the Problems panel, and goes when undone',
    async run(ui) {
      const { page } = ui;
      await ui.open(ROLE);
      // The server has started once a clean file has no squiggle and the status bar shows the language.
      await page.locator('.statusbar-item', { hasText: 'Product Charter' }).first().waitFor({ timeout: 30000 });
      await ui.goToLine(ui.lineOf(ROLE, /^ {2}- define-product-strategy$/), 'End');
      await page.keyboard.type('x', { delay: 30 });
      await page.keyboard.press('Escape'); // the completion list that typing opens
      await ui.waitForLine((l) => l.trim() === '- define-product-strategyx', '"- define-product-strategyx"');
      await page.locator('.editor-group-container.active .squiggly-warning').first().waitFor({ timeout: 60000 });
      const problems = await ui.problemsText((t) => t.includes('"define-product-strategyx" is not a responsibility'));
      expect(/Did you mean "define-product-strategy"/.test(problems), 'the problem does not suggest "define-product-strategy"');
      expect(/unknown-responsibility/.test(problems), 'the problem does not name its rule');
      await page.mouse.move(5, 5);
      await page.screenshot({ path: shot('squiggle') });
      // Undo: the problem goes.
      await ui.focusEditor();
      await page.keyboard.press('Control+Z');
      await ui.waitForLine((l) => l.trim() === '- define-product-strategy', '"- define-product-strategy" after undo');
      await ui.problemsText((t) => !t.includes('define-product-strategyx'));
    },
  },
  {
    name: 'completion',
    title: 'typing "- pri" lists taxonomy responsibilities; choosing prioritize-backlog inserts it',
    async run(ui) {
      const { page } = ui;
      await ui.open(ROLE);
      await ui.goToLine(ui.lineOf(ROLE, /^ {2}- surface-business-constraints$/), 'End');
      await page.keyboard.press('Enter');
      // Enter keeps the list's indentation; type the item itself.
      await page.keyboard.type('- pri', { delay: 60 });
      const widget = page.locator('.editor-group-container.active .suggest-widget.visible');
      await widget.waitFor({ timeout: 15000 });
      const item = widget.locator('.monaco-list-row', { hasText: 'prioritize-backlog' }).first();
      await item.waitFor({ timeout: 10000 });
      const listed = (await widget.locator('.monaco-list-row .label-name').allTextContents()).map((s) => s.trim());
      expect(listed.includes('prioritize-backlog'), `the completion list does not offer prioritize-backlog: ${listed.join(', ')}`);
      // Show the item's details (the taxonomy title/area) as a person would see them.
      await item.hover();
      await sleep(400);
      await page.screenshot({ path: shot('completion') });
      await item.click();
      await widget.waitFor({ state: 'hidden', timeout: 5000 });
      await ui.waitForLine((l) => /^ {2}- prioritize-backlog\s*$/.test(l), '"  - prioritize-backlog"');
      ui.completionOffered = listed;
    },
  },
  {
    name: 'hover',
    title: 'hovering a responsibility shows its description from the taxonomy',
    async run(ui) {
      const { page } = ui;
      await ui.open(ROLE);
      await page.keyboard.press('Escape');
      await ui.goToLine(ui.lineOf(ROLE, /^ {2}- maintain-product-roadmap$/), 'End');
      const rect = await ui.wordRect('define-product-strategy');
      expect(rect, 'define-product-strategy is not on the screen');
      const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'Define the product strategy' });
      // Move onto the word in small steps, as a mouse does; if no hover shows, move off and back.
      for (let attempt = 1; ; attempt++) {
        await page.mouse.move(rect.x + rect.width / 2 - 40, rect.y + rect.height / 2 + 30);
        await page.mouse.move(rect.x + rect.width / 2, rect.y + rect.height / 2, { steps: 8 });
        try {
          await hover.first().waitFor({ state: 'visible', timeout: 7000 });
          break;
        } catch {
          if (attempt === 3) {
            const shown = await page
              .locator('.monaco-hover:not(.hidden)')
              .allInnerTexts()
              .catch(() => []);
            throw new Error(`no hover with the description after 3 tries; hovers on screen: ${JSON.stringify(shown)}`);
          }
          await page.mouse.move(5, 5);
          await sleep(500);
        }
      }
      const text = (await hover.first().innerText()).replace(/\u00a0/g, ' ');
      expect(
        text.includes('Decide how a product, or a handful of related ones, will succeed'),
        `the hover does not show the taxonomy description; it shows:\n    ${text}`,
      );
      await sleep(600); // let the hover finish fading in before the screenshot
      await page.screenshot({ path: shot('hover') });
      await page.mouse.move(5, 5);
    },
  },
  {
    name: 'quick-fix',
    title: 'deleting summary: is reported; Ctrl+. "Add \\"summary\\"" puts it back and the problem goes',
    async run(ui) {
      const { page } = ui;
      await ui.open(ROLE);
      await page.keyboard.press('Escape');
      // summary: >- and its three folded lines, as on disk (nothing above them has changed).
      const first = ui.lineOf(ROLE, /^summary:/);
      await ui.goToLine(first, 'Home');
      await page.keyboard.press('Home'); // column 1 even if Home went to the first non-blank
      for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowDown');
      await page.keyboard.press('Delete');
      await ui.waitForLine((l) => /^reportsTo: group-pm/.test(l), '"reportsTo: group-pm"');
      const lines = await ui.visibleLines();
      expect(!lines.some((l) => /^summary:/.test(l)), 'summary: is still on the screen after deleting it');
      await ui.problemsText((t) => t.includes('Role is missing "summary"'));
      // The finding sits on the first key of the document: put the cursor there and open the light bulb.
      await ui.focusEditor();
      await ui.goToLine(ui.lineOf(ROLE, /^kind: role/), 'Home');
      const { menu, row: fix } = await ui.quickFixMenu('Add "summary"');
      const offered = (await menu.innerText()).replace(/\u00a0/g, ' ');
      // The menu blocks the pointer until the mouse moves: move onto the item, then click it.
      const box = await fix.boundingBox();
      expect(box, 'the "Add \\"summary\\"" item has no box on the screen');
      await page.mouse.move(box.x + 20, box.y + box.height / 2 + 25);
      await page.mouse.move(box.x + 30, box.y + box.height / 2, { steps: 5 });
      await sleep(300);
      await page.screenshot({ path: shot('quick-fix-menu') });
      await page.mouse.click(box.x + 30, box.y + box.height / 2);
      await menu.waitFor({ state: 'hidden', timeout: 5000 });
      await ui.waitForLine((l) => /^summary:/.test(l), 'starting with "summary:" after the fix');
      await ui.problemsText((t) => !t.includes('missing "summary"'));
      await page.screenshot({ path: shot('quick-fix') });
      ui.quickFixOffered = offered;
      await ui.focusEditor();
      await page.keyboard.press('Control+S');
    },
  },
  {
    name: 'markdown-section-fix',
    title: 'a Markdown charter missing "Out of scope": Ctrl+. "Add the \\"Out of scope\\" section" adds the heading after "In scope"',
    async run(ui) {
      const { page } = ui;
      const rel = 'refunds-team.charter.md';
      const text = [
        '---',
        'kind: charter',
        'id: refunds-team',
        'title: Refunds Team Charter',
        'team:',
        '  - role: product-manager',
        'decisionRights:',
        '  - decision: Which refund methods to offer',
        '    owner: product-manager',
        'successMetrics:',
        '  - metric: Refunds paid within a day',
        '    target: "95%"',
        '---',
        '',
        '## Mission',
        '',
        'Shoppers get their money back without asking twice.',
        '',
        '## In scope',
        '',
        '- Refund requests',
        '',
        '## How we work',
        '',
        'We pair on every change to the ledger.',
        '',
      ].join('\n');
      fs.writeFileSync(path.join(ui.workspace, rel), text);
      await ui.open(rel);
      await page.keyboard.press('Escape');
      await ui.problemsText((t) => t.includes('Scope is missing "out"'));
      await ui.focusEditor();
      await ui.goToLine(ui.lineOf(rel, /^kind: charter/), 'Home');
      const { menu, row: fix } = await ui.quickFixMenu('Add the "Out of scope" section');
      const box = await fix.boundingBox();
      expect(box, 'the fix has no box on the screen');
      await page.mouse.move(box.x + 20, box.y + box.height / 2 + 25);
      await page.mouse.move(box.x + 30, box.y + box.height / 2, { steps: 5 });
      await sleep(300);
      await page.mouse.click(box.x + 30, box.y + box.height / 2);
      await menu.waitFor({ state: 'hidden', timeout: 5000 });
      await ui.waitForLine((l) => /^## Out of scope/.test(l), '"## Out of scope" after the fix');
      await ui.problemsText((t) => !t.includes('Scope is missing "out"'));
      await page.screenshot({ path: shot('markdown-section-fix') });
      await ui.focusEditor();
      await page.keyboard.press('Control+S');
      // on disk: the section sits between "In scope" and the free prose after it, one blank line around it
      const deadline = Date.now() + 10000;
      while (!ui.read(rel).includes('## Out of scope') && Date.now() < deadline) await sleep(200);
      expect(
        ui.read(rel).includes('- Refund requests\n\n## Out of scope\n\n- TODO: what the team does not own\n\n## How we work\n'),
        `the section is not between "In scope" and "How we work":\n${ui.read(rel)}`,
      );
    },
  },
  {
    name: 'ladder-preview',
    title: 'the editor title button previews the ladder with every rung; a role card opens its file',
    async run(ui) {
      const { page } = ui;
      await ui.open(LADDER);
      const ids = ui
        .read(LADDER)
        .split('\n')
        .map((l) => /^ {6}- ([a-z0-9-]+)\s*$/.exec(l)?.[1])
        .filter(Boolean);
      const titles = ids.map((id) => {
        const file = fs.readdirSync(path.join(ui.workspace, 'roles')).find((f) => new RegExp(`^id: ${id}$`, 'm').test(ui.read(`roles/${f}`)));
        expect(file, `no role file has id ${id}`);
        return /^title: (.+)$/m.exec(ui.read(`roles/${file}`))[1].trim();
      });
      expect(titles.length === 8, `expected the eight rungs of the examples' two tracks, found ${titles.length}`);
      const button = page.locator('.editor-group-container.active .editor-actions .action-label[aria-label*="Open Preview to the Side"]');
      await button.waitFor({ timeout: 10000 });
      await button.click();
      const webview = page.frameLocator('iframe.webview.ready').first().frameLocator('iframe#active-frame');
      await webview.locator('body', { hasText: titles[0] }).waitFor({ timeout: 30000 });
      const body = (await webview.locator('body').innerText()).replace(/\u00a0/g, ' ');
      const missing = titles.filter((t) => !body.includes(t));
      expect(missing.length === 0, `the preview lacks ${missing.join(', ')}; it shows:\n    ${body.slice(0, 800)}`);
      expect(body.includes('Individual contributor') && body.includes('Product leadership'), 'the preview does not show both tracks');
      await page
        .locator('.tab', { hasText: /Preview/ })
        .first()
        .waitFor({ timeout: 10000 });
      await page.screenshot({ path: shot('ladder-preview') });
      const card = webview.locator('button.open', { hasText: 'Senior Product Manager' }).first();
      await card.click();
      await page.locator('.editor-group-container .tab.active .label-name', { hasText: 'senior-pm.role.yaml' }).first().waitFor({ timeout: 15000 });
      await page.screenshot({ path: shot('ladder-preview-open-role') });
      ui.previewTitles = titles;
    },
  },
  {
    name: 'rename',
    title: 'F2 on id: senior-pm renames the role; the ladder, charter and other references follow',
    async run(ui) {
      const { page } = ui;
      const file = 'roles/senior-pm.role.yaml';
      const before = {
        ladder: ui.read(LADDER),
        charter: ui.read('checkout-team.charter.yaml'),
      };
      expect(/- senior-pm$/m.test(before.ladder) && /- senior-pm$/m.test(before.charter), 'the ladder and charter do not refer to senior-pm to begin with');
      await ui.open(file);
      await ui.goToLine(ui.lineOf(file, /^id: senior-pm$/), 'End');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('F2');
      const input = page.locator('.rename-box .rename-input');
      await input.waitFor({ state: 'visible', timeout: 15000 });
      // Type only once the box has the focus (it takes it a moment after it shows); it comes
      // with the old id selected, so typing replaces it.
      await page.waitForFunction(() => document.activeElement?.classList.contains('rename-input'), null, { timeout: 10000 });
      const selected = await input.evaluate((el) => el.value.slice(el.selectionStart, el.selectionEnd));
      expect(selected === 'senior-pm', `the rename box offers "${selected}", not "senior-pm"`);
      await page.keyboard.type('senior-product-manager', { delay: 20 });
      await page.screenshot({ path: shot('rename-input') });
      await page.keyboard.press('Enter');
      await input.waitFor({ state: 'hidden', timeout: 10000 });
      await ui.waitForLine((l) => l === 'id: senior-product-manager', '"id: senior-product-manager"');
      // Save all: Ctrl+K S.
      await page.keyboard.press('Control+K');
      await page.keyboard.press('s');
      const end = Date.now() + 15000;
      let ladder = '';
      let charter = '';
      let role = '';
      while (Date.now() < end) {
        ladder = ui.read(LADDER);
        charter = ui.read('checkout-team.charter.yaml');
        role = ui.read(file);
        if (/^id: senior-product-manager$/m.test(role) && /- senior-product-manager$/m.test(ladder) && /- senior-product-manager$/m.test(charter)) break;
        await sleep(250);
      }
      expect(/^id: senior-product-manager$/m.test(role), `the role file on disk does not have the new id:\n${role.slice(0, 300)}`);
      expect(/^level: senior-pm$/m.test(role), 'the rename changed the taxonomy level "senior-pm" too');
      expect(/- senior-product-manager$/m.test(ladder) && !/- senior-pm$/m.test(ladder), `the ladder on disk did not follow:\n${ladder}`);
      expect(/- senior-product-manager$/m.test(charter) && !/- senior-pm$/m.test(charter), 'the charter on disk did not follow');
      // And on the screen: the ladder shows the new id.
      await ui.open(LADDER);
      await ui.waitForLine((l) => l.trim() === '- senior-product-manager', '"- senior-product-manager" in the ladder');
      await page.screenshot({ path: shot('rename') });
    },
  },
  {
    name: 'language-status',
    title: 'the {} item in the status bar names the config that governs the document, the documents indexed and the settings',
    async run(ui) {
      const { page } = ui;
      await ui.open(ROLE);
      const item = page.locator('.statusbar-item[id="status.languageStatus"]').first();
      await item.waitFor({ timeout: 30000 });
      const hover = page.locator('.workbench-hover, .monaco-hover', { hasText: 'charters.config.yaml' }).first();
      // A click on the item shows its hover and keeps it; the server may still be indexing the first time.
      const end = Date.now() + 30000;
      for (;;) {
        await page.keyboard.press('Escape');
        await item.click();
        if (
          await hover.waitFor({ timeout: 3000 }).then(
            () => true,
            () => false,
          )
        ) {
          const text = (await hover.innerText()).replace(/\u00a0/g, ' ');
          if (/\d+ documents/.test(text) && !/so far/.test(text)) break;
        }
        if (Date.now() > end)
          throw new Error(`the status hover does not show the config and the documents; it shows: ${await hover.innerText().catch(() => '(nothing)')}`);
      }
      const text = (await hover.innerText()).replace(/\u00a0/g, ' ');
      const documents = ui.documentCount();
      expect(
        new RegExp(`charters\\.config\\.yaml[\\s\u2013-]+${documents} documents\\s+Open config`).test(text),
        `the hover does not say "charters.config.yaml ${documents} documents Open config"; it shows:\n    ${text}`,
      );
      await sleep(400);
      // The hover and the status bar under it, for the README.
      const box = await hover.boundingBox();
      const viewport = page.viewportSize();
      const itemBox = await item.boundingBox();
      const x = Math.max(0, Math.floor(Math.min(box.x, itemBox.x) - 12));
      const y = Math.max(0, Math.floor(box.y - 12));
      await page.screenshot({ path: shot('language-status'), clip: { x, y, width: viewport.width - x, height: viewport.height - y } });
      // Its link opens the config.
      await hover.locator('a', { hasText: 'Open config' }).first().click();
      await ui.waitActiveTab('charters.config.yaml');
    },
  },
  {
    name: 'output-log',
    title: 'Restart Language Server, then Show Output: the log has the restart, the config loaded and the index, each line with its time',
    async run(ui) {
      const { page } = ui;
      await ui.open(ROLE);
      await ui.command('Product Charters: Restart Language Server');
      await sleep(500);
      await ui.command('Product Charters: Show Output');
      const time = '\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}';
      const wanted = [
        new RegExp(`^${time} \\[info\\] Restarting the language server`, 'm'),
        new RegExp(`^${time} \\[info\\] Workspace .*: loaded .*charters\\.config\\.yaml\\.$`, 'm'),
        new RegExp(`^${time} \\[info\\] Indexed ${ui.documentCount()} charter documents in \\d+ ms\\.$`, 'm'),
        new RegExp(`^${time} \\[info\\] The language server is running`, 'm'),
      ];
      const text = await ui.outputText(wanted);
      const missing = wanted.filter((re) => !re.test(text));
      expect(missing.length === 0, `the output lacks ${missing.join(', ')}; it shows:\n    ${text.split('\n').join('\n    ')}`);
      await page.screenshot({ path: shot('output-log') });
    },
  },
  {
    name: 'browser-host',
    web: true,
    title: 'the browser build is what runs (its log says where its server is), and the organisation site says plainly that it needs the desktop',
    async run(ui) {
      const { page } = ui;
      await ui.open(LADDER);
      await ui.command('Product Charters: Show Output');
      const where = /The language server runs in (a Web Worker of its own|the extension's own worker)/;
      const text = await ui.outputText([where]);
      expect(where.test(text), `the output does not say where the browser's server runs; it shows:\n    ${text.split('\n').join('\n    ')}`);
      log(`the log says: ${text.match(/The language server runs in [^\n]*/)[0]}`);
      await ui.command('Product Charters: Open the Organisation Site');
      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'not available in the browser' }).first();
      await toast.waitFor({ state: 'visible', timeout: 15000 });
      const message = (await toast.innerText()).replace(/\s+/g, ' ');
      expect(/npx charters site/.test(message), `the message does not say what to do instead: ${message}`);
      await page.mouse.move(5, 5);
      await sleep(800); // the toast fades in
      await page.screenshot({ path: shot('browser-host') });
      await page.keyboard.press('Escape');
    },
  },
  {
    name: 'extension-page',
    title: "the extension's details page shows its own README, with every picture loaded from the installed extension",
    async run(ui) {
      const { page } = ui;
      await page.keyboard.press('Control+Shift+X');
      // The Extensions view opens with the focus in its search box.
      await page.locator('.extensions-viewlet').first().waitFor({ state: 'visible', timeout: 15000 });
      await page.waitForFunction(() => document.activeElement?.closest('.extensions-viewlet .suggest-input-container'), null, { timeout: 15000 });
      await page.keyboard.press('Control+A');
      await page.keyboard.type('@installed Product Charters', { delay: 10 });
      const row = page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'Product Charters' }).first();
      await row.waitFor({ timeout: 20000 });
      await row.click();
      await page.locator('.extension-editor .name', { hasText: 'Product Charters' }).first().waitFor({ timeout: 15000 });
      // The README is drawn in a webview (an iframe in an iframe): the frame whose page says how to start.
      const frame = await frameShowing(page, 'Getting started', 30000);
      const text = await frame.evaluate(() => document.body.innerText);
      expect(!text.includes('npm ci'), "the extension's page shows the developers' npm ci");
      expect(text.includes('Product Charters: New Role'), 'the page does not say how to start (New Role)');
      // Every picture, once loading settles: its address and its natural width (0 = not loaded).
      let images = [];
      const end = Date.now() + 20000;
      while (Date.now() < end) {
        images = await frame.evaluate(() =>
          [...document.images].map((el) => ({ src: el.getAttribute('src') ?? '', width: el.naturalWidth, complete: el.complete })),
        );
        if (images.length && images.every((image) => image.complete)) break;
        await sleep(250);
      }
      const shown = (src) => (src.length > 50 ? `${src.slice(0, 50)}…` : src);
      log(`extension page pictures:\n      ${images.map((image) => `${String(image.width).padStart(5)}px wide  ${shown(image.src)}`).join('\n      ')}`);
      expect(images.length >= 6, `the page shows ${images.length} pictures, expected the five screenshots and the status item`);
      const broken = images.filter((image) => !(image.width > 0));
      expect(broken.length === 0, `pictures not loaded: ${broken.map((image) => shown(image.src)).join(', ')}`);
      const remote = images.filter((image) => !image.src.startsWith('data:image/'));
      expect(remote.length === 0, `pictures not packed into the page: ${remote.map((image) => shown(image.src)).join(', ')}`);
      await frame.evaluate(() => document.images[0]?.scrollIntoView({ block: 'center' }));
      await sleep(300);
      await page.screenshot({ path: shot('extension-page') });
    },
  },
];

// ------------------------------------------------------------------ main
async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  // this run's earlier files only: a Node run leaves the browser run's (e2e-web-*) alone
  const earlier = (f) => f.startsWith(`${prefix}-`) && (opts.web || !f.startsWith('e2e-web-')) && /\.(png|log)$/.test(f);
  for (const f of fs.readdirSync(outDir)) if (earlier(f)) fs.rmSync(path.join(outDir, f), { force: true });
  const timings = {};
  let t = Date.now();
  if (opts.setup) run('bash', ['scripts/vscode-host/setup.sh']);
  timings.setup = Date.now() - t;
  t = Date.now();
  if (opts.package) run(process.execPath, ['scripts/package.mjs', '--no-check']);
  timings.package = Date.now() - t;
  if (!fs.existsSync(opts.vsix)) throw new Error(`${opts.vsix} missing: run npm run package`);
  if (!fs.existsSync(csEntry)) throw new Error(`code-server missing (${csEntry}): run bash scripts/vscode-host/setup.sh`);

  tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'charters-e2e-'));
  const userDataDir = path.join(tmpRoot, 'user-data');
  const extensionsDir = path.join(tmpRoot, 'extensions');
  const workspace = path.join(tmpRoot, 'workspace');
  log(opts.web ? 'the browser build, in the web worker extension host' : 'the Node build, in the Node extension host');
  const env = { ...process.env, XDG_CONFIG_HOME: path.join(tmpRoot, 'xdg-config'), XDG_DATA_HOME: path.join(tmpRoot, 'xdg-data') };
  // The clean examples only: examples/broken/ repeats their ids on purpose.
  fs.cpSync(path.join(repoRoot, 'examples'), workspace, { recursive: true, filter: (src) => !src.startsWith(path.join(repoRoot, 'examples', 'broken')) });
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.welcomePage.walkthroughs.openOnInstall': false,
        'workbench.tips.enabled': false,
        'workbench.editor.enablePreview': false,
        'security.workspace.trust.enabled': false,
        'extensions.ignoreRecommendations': true,
        'extensions.autoCheckUpdates': false,
        'update.mode': 'none',
        'telemetry.telemetryLevel': 'off',
        'editor.accessibilitySupport': 'off',
        'files.autoSave': 'off',
        'chat.commandCenter.enabled': false,
        'workbench.colorTheme': 'Default Dark Modern',
        // --web: run the extension where vscode.dev and github.dev run it, in the browser's web worker extension host
        ...(opts.web ? { 'remote.extensionKind': { 'product-charters.product-charters': ['web'] } } : {}),
      },
      null,
      2,
    ),
  );

  t = Date.now();
  run(process.execPath, [csEntry, '--install-extension', opts.vsix, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir], { cwd: csCwd, env });
  const installed = fs.readdirSync(extensionsDir).filter((d) => d.startsWith('product-charters.'));
  if (!installed.length) throw new Error(`the vsix did not install into ${extensionsDir}`);
  log(`installed ${installed.join(', ')}`);
  timings.install = Date.now() - t;

  t = Date.now();
  const port = await freePort();
  const serverLogPath = path.join(outDir, `${prefix}-server.log`);
  await startCodeServer({ entry: csEntry, cwd: csCwd, port, userDataDir, extensionsDir, folder: workspace, env, logFile: serverLogPath, log });
  const { page } = await launchChromium({ log });
  const consoleLog = fs.createWriteStream(path.join(outDir, `${prefix}-console.log`));
  page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.message}\n`));
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded', timeout: 60000 });
  await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 60000 });
  await page
    .locator('.explorer-folders-view .monaco-list-row', { hasText: 'roles' })
    .first()
    .waitFor({ timeout: 60000 })
    .catch(() => {});
  timings.start = Date.now() - t;
  log(
    `workbench up (setup ${(timings.setup / 1000).toFixed(1)}s, package ${(timings.package / 1000).toFixed(1)}s, install ${(timings.install / 1000).toFixed(1)}s, start ${(timings.start / 1000).toFixed(1)}s)`,
  );

  const ui = makeUi(page, workspace);
  // the documents of the workspace copy as they are now, counted as a person counts them, YAML and
  // Markdown (the examples' config ignores broken/, which is not copied; steps may add documents)
  ui.documentCount = () => fs.readdirSync(workspace, { recursive: true }).filter((f) => /\.(role|ladder|vision|strategy|charter)\.(ya?ml|md)$/.test(f)).length;
  const results = [];
  for (const step of steps) {
    if (opts.only && !opts.only.includes(step.name)) continue;
    if (step.web && !opts.web) continue;
    const s = Date.now();
    let error = null;
    try {
      await Promise.race([
        step.run(ui),
        sleep(step.timeoutMs ?? 120000).then(() => {
          throw new Error(`timed out after ${(step.timeoutMs ?? 120000) / 1000}s`);
        }),
      ]);
    } catch (e) {
      error = e;
    }
    const ms = Date.now() - s;
    if (error) {
      await page.screenshot({ path: shot(step.name) }).catch(() => {});
      // Leave the next step a clean slate: close menus and widgets.
      for (let i = 0; i < 3; i++) await page.keyboard.press('Escape').catch(() => {});
    } else if (!fs.existsSync(shot(step.name))) {
      await page.screenshot({ path: shot(step.name) }).catch(() => {});
    }
    results.push({ name: step.name, title: step.title, ms, error });
    console.log(`  ${error ? '✗' : '✓'} ${step.name}: ${step.title} (${(ms / 1000).toFixed(1)}s)`);
    if (error)
      console.log(
        `      ${String(error.message ?? error)
          .split('\n')
          .join('\n      ')}`,
      );
  }
  consoleLog.end();
  const passed = results.filter((r) => !r.error).length;
  const failed = results.length - passed;
  if (opts.screenshots) {
    const docs = path.join(repoRoot, 'docs', 'images');
    fs.mkdirSync(docs, { recursive: true });
    for (const r of results) {
      const target = (opts.web ? WEB_DOC_IMAGES : DOC_IMAGES)[r.name];
      if (!target) continue;
      if (r.error) {
        log(`not copying the screenshot of failed step ${r.name}`);
        continue;
      }
      fs.copyFileSync(shot(r.name), path.join(docs, target));
      log(`docs/images/${target}`);
    }
  }
  fs.writeFileSync(
    path.join(outDir, `${prefix}-results.json`),
    JSON.stringify({ web: opts.web, timings, steps: results.map((r) => ({ ...r, error: r.error ? String(r.error.message ?? r.error) : null })) }, null, 2),
  );
  console.log(`\n${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (err) {
  if (!cleanup.started) log(`ERROR: ${err?.stack ?? err}`);
  console.log('\n0 passed, 1 failed');
  exitCode = 1;
} finally {
  await cleanup();
}
log(`done in ${((Date.now() - t0) / 1000).toFixed(1)}s, exit code ${exitCode}`);
process.exit(exitCode);

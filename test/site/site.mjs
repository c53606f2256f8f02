// `npm run test:site`: the site of examples/ in a real browser. Builds it with the bundled CLI
// (dist/cli.js) into a temporary folder, opens every page from file:// in headless Chromium
// (Debian's, installed by scripts/vscode-host/setup.sh), and fails on any console error, page
// error or failed request. Then takes the README's screenshots: the overview, the ladder and the
// org chart, written to docs/images/.
//   node test/site/site.mjs [--no-screenshots]
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchChromium, onExitCleanup, removeDir, stopAll } from '../../scripts/vscode-host/processes.mjs';

const ROOT = path.resolve(fileURLToPath(import.meta.url), '../../..');
const screenshots = !process.argv.includes('--no-screenshots');
const log = (message) => console.error(message);
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'charters-site-'));
onExitCleanup(() => fs.rmSync(out, { recursive: true, force: true }));

let failures = 0;
const fail = (message) => {
  failures++;
  console.error(`not ok - ${message}`);
};

try {
  execFileSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'site', path.join(ROOT, 'examples'), '-o', out, '--title', 'Acme Payments'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, CI: '1' },
  });
  const pages = fs
    .readdirSync(out, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.html'))
    .map((name) => name.split(path.sep).join('/'))
    .sort();
  if (pages.length < 5) fail(`the site has only ${pages.length} pages`);
  const { page } = await launchChromium({ log, viewport: { width: 1280, height: 860 } });
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`failed request: ${request.url()} (${request.failure()?.errorText})`));
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) problems.push(`request off disk: ${request.url()}`);
  });
  for (const name of pages) {
    problems.length = 0;
    await page.goto(pathToFileURL(path.join(out, name)).href, { waitUntil: 'load' });
    // the stylesheet applied: the site header is laid out as a flex row, not as plain text
    const styled = await page.evaluate(() => getComputedStyle(document.querySelector('.site-head')).display === 'flex');
    if (!styled) problems.push('the stylesheet did not apply');
    const h1 = await page.locator('h1').count();
    if (h1 !== 1) problems.push(`${h1} <h1> elements`);
    if (problems.length) fail(`${name}: ${problems.join('; ')}`);
    else console.log(`ok - ${name} loads with no console error and no failed request`);
  }
  // keyboard: Tab from the top reaches the skip link, then the site's navigation
  await page.goto(pathToFileURL(path.join(out, 'index.html')).href);
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => document.activeElement?.textContent);
  if (first !== 'Skip to the content') fail(`the first Tab stop is "${first}", not the skip link`);
  else console.log('ok - the first Tab stop is the skip link');
  // the org chart's boxes are links a keyboard reaches, and lead to the role pages
  await page.goto(pathToFileURL(path.join(out, 'org-chart.html')).href);
  const boxes = await page.locator('svg.org-chart a').count();
  if (boxes < 5) fail(`the org chart has ${boxes} linked boxes`);
  await page.locator('svg.org-chart a').first().focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/roles\/[^/]+\.html$/);
  console.log(`ok - the org chart has ${boxes} linked boxes; Enter on one opens ${path.basename(new URL(page.url()).pathname)}`);

  if (screenshots) {
    const images = path.join(ROOT, 'docs', 'images');
    fs.mkdirSync(images, { recursive: true });
    const shoot = async (name, file, options = {}) => {
      await page.goto(pathToFileURL(path.join(out, name)).href);
      await page.screenshot({ path: path.join(images, file), ...options });
      console.log(`ok - screenshot docs/images/${file}`);
    };
    await shoot('index.html', 'site-overview.png');
    await shoot('ladders/product-ladder.html', 'site-ladder.png');
    await shoot('org-chart.html', 'site-org-chart.png');
  }
} catch (error) {
  fail(String(error?.stack ?? error));
} finally {
  await stopAll();
  await removeDir(out, log);
}
console.log(failures ? `# ${failures} failed` : '# all passed');
process.exitCode = failures ? 1 : 0;

#!/usr/bin/env node
// Checks a packaged extension (.vsix, a zip): lists its files and size, and fails if a file that
// must ship is missing (both entries of its package.json, `main` for Node and `browser` for
// vscode.dev and github.dev, and the browser server's worker among them), a file that must not ship is present, the package is too large, or its
// README (the extension's page in VS Code) has a developer's command or a picture that would not
// show offline (anything but a picture written into the page, or a file of the package).
//
//   node scripts/check-vsix.mjs [dist/product-charters.vsix] [--max-kb N]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { DEVELOPER_ONLY, imageSources } from './lib/extensionReadme.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
let vsix = path.join(repoRoot, 'dist', 'product-charters.vsix');
// the bundles are ~1.3 MB unpacked and compress well; the README's pictures add ~1 MB (PNG does not
// compress); a stray node_modules or examples folder would not fit
let maxKb = 2560;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--max-kb') maxKb = Number(args[++i]);
  else vsix = path.resolve(args[i]);
}

/** Entries of a zip file from its central directory: { name, size (uncompressed), csize, method, offset }; `read(entry)` gives the bytes. */
function listZip(file) {
  const buf = fs.readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file (no end of central directory)`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`corrupt central directory at ${p}`);
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const offset = buf.readUInt32LE(p + 42);
    entries.push({ name: buf.toString('utf8', p + 46, p + 46 + nameLen), size, csize, method, offset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  const read = (entry) => {
    const start = entry.offset + 30 + buf.readUInt16LE(entry.offset + 26) + buf.readUInt16LE(entry.offset + 28);
    const data = buf.subarray(start, start + entry.csize);
    if (entry.method === 0) return data;
    if (entry.method === 8) return zlib.inflateRawSync(data);
    throw new Error(`${entry.name}: compression method ${entry.method}`);
  };
  return { entries, bytes: buf.length, read };
}

/** What keeps the packed README from being the page of a person who installed the extension offline. */
function readmeProblems(text, files) {
  const problems = [];
  for (const words of DEVELOPER_ONLY) if (text.includes(words)) problems.push(`the README says "${words}" (a developer's command)`);
  const sources = imageSources(text);
  if (!sources.length) problems.push('the README shows no picture');
  for (const source of sources) {
    const data = /^data:image\/(png|jpeg|gif|webp);base64,([A-Za-z0-9+/=]+)$/.exec(source);
    const shown = source.length > 60 ? `${source.slice(0, 60)}…` : source;
    if (data) {
      const bytes = Buffer.from(data[2], 'base64');
      const png = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      if (data[1] === 'png' && !png) problems.push(`the README's picture ${shown} is not a PNG`);
    } else if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(source)) {
      problems.push(`the README's picture ${shown} is not inside the package (it needs the network)`);
    } else if (!files.includes(path.posix.normalize(decodeURI(source)))) {
      problems.push(`the README's picture ${shown} is not a file of the package`);
    }
  }
  return { problems, pictures: sources.length };
}

if (!fs.existsSync(vsix)) {
  console.error(`check-vsix: ${vsix} does not exist; run npm run package`);
  process.exit(1);
}
const { entries, bytes, read } = listZip(vsix);
const names = entries.map((e) => e.name);
// vsce puts the extension's files under extension/.
const files = names.filter((n) => n.startsWith('extension/')).map((n) => n.slice('extension/'.length));

const required = [
  'package.json',
  'dist/client.js',
  'dist/server.js',
  'dist/client.browser.js',
  'dist/server.browser.js',
  'readme.md', // vsce writes README.md and CHANGELOG.md in lower case
  'changelog.md',
  'LICENSE.txt|LICENSE|LICENSE.md',
  'images/icon.png',
  'snippets/charters.json',
  'language/language-configuration.json',
  'language/charters.tmLanguage.json',
  'docs/rules/README.md',
  'media/walkthrough/create-role.md',
  ...fs.readdirSync(path.join(repoRoot, 'schemas')).map((f) => `schemas/${f}`),
  ...fs.readdirSync(path.join(repoRoot, 'docs', 'rules')).map((f) => `docs/rules/${f}`),
];
const forbidden = [
  [
    /^(client|server|test|scripts|out|node_modules|examples|bin|bench|\.vscode-host|\.vscode-test|test-results|\.ci|\.github)\//,
    'sources, tests, build inputs or tooling',
  ],
  [/\.ts$/, 'TypeScript source'],
  [/\.map$/, 'source map'],
  [/^tsconfig.*\.json$/, 'tsconfig'],
  [/\.vsix$/, 'a package inside the package'],
  [/^docs\/(?!rules\/)/, 'docs other than the rule pages'],
  [/^package-lock\.json$/, 'lock file'],
];

const problems = [];
for (const want of required) {
  const options = want.split('|');
  if (!options.some((o) => files.some((f) => f.toLowerCase() === o.toLowerCase()))) problems.push(`missing: ${want}`);
}
for (const f of files) {
  for (const [re, why] of forbidden) if (re.test(f)) problems.push(`must not ship: ${f} (${why})`);
}
if (!names.includes('extension.vsixmanifest')) problems.push('missing: extension.vsixmanifest');
// the packed manifest's two entries: each names a file of the package
const manifestEntry = entries.find((e) => e.name === 'extension/package.json');
if (manifestEntry) {
  const manifest = JSON.parse(read(manifestEntry).toString('utf8'));
  for (const key of ['main', 'browser']) {
    const entry = typeof manifest[key] === 'string' ? path.posix.normalize(manifest[key]) : undefined;
    if (!entry) problems.push(`package.json has no "${key}" entry`);
    else if (!files.includes(entry)) problems.push(`package.json's "${key}" (${manifest[key]}) is not a file of the package`);
  }
}
const readmeEntry = entries.find((e) => e.name.toLowerCase() === 'extension/readme.md');
let readmeSummary = '';
if (readmeEntry) {
  const readme = readmeProblems(read(readmeEntry).toString('utf8'), files);
  problems.push(...readme.problems);
  readmeSummary = `readme.md (the extension's page): ${readme.pictures} pictures${readme.problems.length ? '' : ", each inside the package; no developer's command"}`;
}
const kb = bytes / 1024;
if (!(kb <= maxKb)) problems.push(`too large: ${kb.toFixed(0)} KB > ${maxKb} KB`);

const pad = Math.max(...entries.map((e) => String(e.size).length));
console.log(`${path.relative(process.cwd(), vsix) || vsix}: ${entries.length} files`);
for (const e of entries) console.log(`  ${String(e.size).padStart(pad)}  ${e.name}`);
const unpacked = entries.reduce((s, e) => s + e.size, 0);
if (readmeSummary) console.log(readmeSummary);
console.log(`size: ${(kb).toFixed(1)} KB packed (limit ${maxKb} KB), ${(unpacked / 1024).toFixed(1)} KB unpacked`);
if (problems.length) {
  for (const p of problems) console.error(`check-vsix: ${p}`);
  console.error(`check-vsix: FAIL (${problems.length} problem${problems.length === 1 ? '' : 's'})`);
  process.exit(1);
}
console.log('check-vsix: OK');

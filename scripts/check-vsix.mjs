#!/usr/bin/env node
// Checks a packaged extension (.vsix, a zip): lists its files and size, and fails if a file that
// must ship is missing, a file that must not ship is present, or the package is too large.
//
//   node scripts/check-vsix.mjs [dist/product-charters.vsix] [--max-kb N]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
let vsix = path.join(repoRoot, 'dist', 'product-charters.vsix');
let maxKb = 1024; // the bundles are ~1 MB unpacked and compress well; a stray node_modules or examples folder would not fit
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--max-kb') maxKb = Number(args[++i]);
  else vsix = path.resolve(args[i]);
}

/** Entries of a zip file from its central directory: { name, size (uncompressed), csize }. */
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
    const csize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    entries.push({ name: buf.toString('utf8', p + 46, p + 46 + nameLen), size, csize });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { entries, bytes: buf.length };
}

if (!fs.existsSync(vsix)) {
  console.error(`check-vsix: ${vsix} does not exist; run npm run package`);
  process.exit(1);
}
const { entries, bytes } = listZip(vsix);
const names = entries.map((e) => e.name);
// vsce puts the extension's files under extension/.
const files = names.filter((n) => n.startsWith('extension/')).map((n) => n.slice('extension/'.length));

const required = [
  'package.json',
  'dist/client.js',
  'dist/server.js',
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
const kb = bytes / 1024;
if (!(kb <= maxKb)) problems.push(`too large: ${kb.toFixed(0)} KB > ${maxKb} KB`);

const pad = Math.max(...entries.map((e) => String(e.size).length));
console.log(`${path.relative(process.cwd(), vsix) || vsix}: ${entries.length} files`);
for (const e of entries) console.log(`  ${String(e.size).padStart(pad)}  ${e.name}`);
const unpacked = entries.reduce((s, e) => s + e.size, 0);
console.log(`size: ${(kb).toFixed(1)} KB packed (limit ${maxKb} KB), ${(unpacked / 1024).toFixed(1)} KB unpacked`);
if (problems.length) {
  for (const p of problems) console.error(`check-vsix: ${p}`);
  console.error(`check-vsix: FAIL (${problems.length} problem${problems.length === 1 ? '' : 's'})`);
  process.exit(1);
}
console.log('check-vsix: OK');

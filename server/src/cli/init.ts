// `charters init [DIR]`: a starter workspace for a team starting from nothing: a commented config,
// one role and a one-track ladder naming it, which together lint clean. The content lives here, as
// real example content (the registry's starter documents carry TODO placeholders, which the
// linter flags); the file names come from the kinds registry.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { CONFIG_FILE, localDate, newDocumentFileName, starterConfig } from '../service';
import type { Io } from './main';
import { UsageError } from './files';

const ROLE_ID = 'product-manager';
const LADDER_ID = 'product-ladder';

/** A file init writes: its path relative to the target folder, with `/` between folders, and its text. */
export interface StarterFile {
  path: string;
  text: string;
}

/** The files of the starter workspace, dated `today` (YYYY-MM-DD). */
export function starterFiles(today: string): StarterFile[] {
  return [
    { path: CONFIG_FILE, text: starterConfig() },
    { path: `roles/${newDocumentFileName('role', ROLE_ID)}`, text: starterRole(today) },
    { path: newDocumentFileName('ladder', LADDER_ID), text: starterLadder(today) },
  ];
}

function starterRole(today: string): string {
  return `# A product manager owns the outcomes of one product team. Rename it, and change what
# does not fit your team: \`charters taxonomy\` lists the responsibilities and skills.
kind: role
id: ${ROLE_ID}
title: Product Manager
status: draft
updated: ${today}
level: pm
track: ic
summary: >-
  Owns the outcomes of one product team: finds the customer problems worth solving,
  and leads the team from discovery to a shipped, measured result.
responsibilities:
  - define-product-strategy
  - maintain-product-roadmap
  - set-product-goals
  - identify-customer-problems
  - prioritize-backlog
  - lead-discovery-and-delivery
  - track-product-performance
  - report-progress-to-stakeholders
skills:
  - customer-empathy
  - technical-understanding
  - skill: data-analysis
    level: 3
  - skill: communication
    level: 3
# The decisions this role makes without asking anyone.
authority:
  - Orders the team backlog
  - Decides which experiments the team runs and when to stop them
  - Decides when a feature is ready to release to all customers
goals:
  - goal: Customers get value from what the team ships
    measure: Share of new features used by at least 1 in 5 eligible customers within 90 days
    target: "60%"
aliases:
  - PM
`;
}

function starterLadder(today: string): string {
  return `# The product management career ladder. Each track lists the ids of role documents,
# lowest rung first: add a role document for each rung as you write it.
kind: ladder
id: ${LADDER_ID}
title: Product Management Career Ladder
status: draft
updated: ${today}
tracks:
  - id: ic
    title: Individual contributor
    roles:
      - ${ROLE_ID}
`;
}

/** Writes the starter workspace into DIR (default: the current folder); exit 2 if any of its files exists. */
export function initCommand(args: string[], io: Io): number {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length > 1) throw new UsageError(`init takes one folder, not ${positionals.length}.`);
  const input = positionals[0] ?? '.';
  const dir = path.resolve(io.cwd, input);
  const stat = fs.statSync(dir, { throwIfNoEntry: false });
  if (stat && !stat.isDirectory()) throw new UsageError(`${input} is a file, not a folder.`);
  const files = starterFiles(localDate(new Date())).map((file) => ({
    ...file,
    absolute: path.join(dir, ...file.path.split('/')),
    shown: path.join(input, ...file.path.split('/')),
  }));
  const existing = files.filter((file) => fs.existsSync(file.absolute));
  if (existing.length) {
    io.stderr(`charters: nothing was written, because these files exist already:\n${existing.map((file) => `  ${file.shown}\n`).join('')}`);
    return 2;
  }
  for (const file of files) {
    try {
      fs.mkdirSync(path.dirname(file.absolute), { recursive: true });
      // 'wx': fails rather than overwrite a file created since the check
      fs.writeFileSync(file.absolute, file.text, { flag: 'wx' });
    } catch (error) {
      throw new UsageError(`Cannot write ${file.shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    io.stdout(`Wrote ${file.shown}\n`);
  }
  io.stdout(`\nNext: check the documents with\n  charters lint ${quoteForShell(input)}\n`);
  return 0;
}

function quoteForShell(text: string): string {
  return /^[\w./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

// Deterministic generators for benchmark documents and workspaces.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const taxonomy = require('../../schemas/taxonomy.json');
const RESPONSIBILITIES = taxonomy.responsibilities.map((r) => r.id);
const SKILLS = taxonomy.skills.map((s) => s.id);
const AREAS = taxonomy.areas.map((a) => a.id);
const LEVELS = taxonomy.levels.map((l) => l.id);
const WORDS =
  'customers merchants checkout payments fraud onboarding pricing roadmap discovery research retention growth activation analytics partners billing refunds wallets mobile search'.split(
    ' ',
  );

/** A small seeded PRNG so every run generates the same text. */
export function rng(seed = 1) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function phrase(rand, n) {
  const words = [];
  for (let i = 0; i < n; i++) words.push(WORDS[Math.floor(rand() * WORDS.length)]);
  return words.join(' ');
}

/**
 * A role document of about `lines` lines: the header, then taxonomy responsibilities, duties,
 * skills, authority and goals, in the proportions a long real role has. Returns the text and the
 * positions the editor benchmark uses.
 */
export function roleDocument(lines, { id = 'bench-role', reportsTo = 'group-pm', inherits = 'product-manager' } = {}) {
  const rand = rng(lines);
  const out = [
    '# A generated role for the benchmark.',
    'kind: role',
    `id: ${id}`,
    'title: Benchmark Product Manager',
    'status: approved',
    `owner: ${reportsTo}`,
    'updated: 2026-09-01',
    'tags:',
    '  - product',
    'level: senior-pm',
    'track: ic',
    'summary: >-',
    '  Owns a product area that spans more than one team and is the person',
    '  merchants, Risk and Finance go to for that area.',
    `reportsTo: ${reportsTo}`,
    `inherits: ${inherits}`,
    'responsibilities:',
  ];
  const budget = Math.max(lines - out.length, 40);
  // responsibilities: every taxonomy id once, then duties of our own (2 lines each)
  const responsibilityLines = Math.floor(budget * 0.35);
  const firstResponsibility = out.length;
  let used = 0;
  for (const id of RESPONSIBILITIES) {
    if (used >= responsibilityLines) break;
    out.push(`  - ${id}`);
    used++;
  }
  for (let i = 0; used + 2 <= responsibilityLines; i++, used += 2) {
    out.push(`  - text: Runs the ${phrase(rand, 3)} review number ${i + 1}`, `    area: ${AREAS[i % AREAS.length]}`);
  }
  out.push('skills:');
  SKILLS.slice(0, Math.max(2, Math.floor(budget * 0.07))).forEach((skill, i) =>
    out.push(i % 2 ? `  - ${skill}` : `  - skill: ${skill}`, ...(i % 2 ? [] : [`    level: ${1 + (i % 5)}`])),
  );
  out.push('authority:');
  const authorityLines = Math.floor(budget * 0.2);
  for (let i = 0; i < authorityLines; i++) out.push(`  - Decides the ${phrase(rand, 2)} plan ${i + 1} within the yearly budget`);
  out.push('goals:');
  const editLine = out.length + 1; // the `measure:` line of the first goal
  let i = 0;
  while (out.length + 5 <= lines || i < 2) {
    out.push(
      `  - goal: Fewer ${phrase(rand, 2)} problems in quarter ${i + 1}`,
      `    measure: Share of ${phrase(rand, 2)} cases`,
      `    target: "below ${(i % 9) + 1}%"`,
      `    due: 2027-${String((i % 12) + 1).padStart(2, '0')}-28`,
    );
    i++;
  }
  out.push('next:', '  - group-pm', 'aliases:', '  - Senior PM', '');
  const text = out.join('\n');
  // the responsibility in the middle of the first block of taxonomy ids
  const responsibilityLine = firstResponsibility + Math.min(20, RESPONSIBILITIES.length - 1);
  return {
    text,
    lines: out.length - 1,
    /** where the editor types: end of the first goal's `measure:` line */
    edit: { line: editLine, character: out[editLine].length },
    /** a taxonomy responsibility id in the list: hover over it, complete in it */
    responsibility: { line: responsibilityLine, character: 6, text: out[responsibilityLine] },
  };
}

/**
 * A workspace of `count` documents: roles (reportsTo a manager, inherits the rung below),
 * ladders listing them, charters staffing teams with them, a few visions and strategies.
 * Returns the folder layout facts the workspace benchmark needs.
 */
export function writeWorkspace(dir, count) {
  const rand = rng(count);
  const ladders = Math.max(1, Math.round(count * 0.04));
  const charters = Math.max(1, Math.round(count * 0.08));
  const strategies = Math.max(1, Math.round(count * 0.005));
  const visions = strategies;
  const roles = count - ladders - charters - strategies - visions;
  const roleId = (i) => `role-${String(i).padStart(6, '0')}`;
  const files = [];
  const write = (relative, text) => {
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    files.push(file);
  };
  for (let i = 0; i < roles; i++) {
    // a reporting tree with fan-out 8, and ladders of 4 rungs where each inherits the one below
    const reportsTo = i > 0 ? roleId(Math.floor((i - 1) / 8)) : undefined;
    const inherits = i % 4 ? roleId(i - 1) : undefined;
    const level = LEVELS[Math.min((i % 4) + (i < 50 ? 2 : 0), LEVELS.length - 1)];
    const lines = [
      'kind: role',
      `id: ${roleId(i)}`,
      `title: Product Role ${i}`,
      'status: approved',
      ...(reportsTo ? [`owner: ${reportsTo}`] : []),
      'updated: 2026-09-01',
      `level: ${level}`,
      `summary: Owns the ${phrase(rand, 3)} area for the ${phrase(rand, 2)} teams.`,
      ...(reportsTo ? [`reportsTo: ${reportsTo}`] : []),
      ...(inherits ? [`inherits: ${inherits}`] : []),
      'responsibilities:',
    ];
    const start = Math.floor(rand() * RESPONSIBILITIES.length);
    for (let r = 0; r < 6; r++) lines.push(`  - ${RESPONSIBILITIES[(start + r * 7) % RESPONSIBILITIES.length]}`);
    lines.push(`  - text: Runs the ${phrase(rand, 2)} review`, `    area: ${AREAS[i % AREAS.length]}`);
    lines.push('skills:', `  - ${SKILLS[i % SKILLS.length]}`, `  - skill: ${SKILLS[(i + 5) % SKILLS.length]}`, '    level: 3');
    lines.push('authority:', `  - Decides the ${phrase(rand, 2)} backlog order`);
    lines.push('goals:', `  - goal: Fewer ${phrase(rand, 2)} problems`, `    measure: Share of ${phrase(rand, 2)} cases`, '    target: "below 2%"');
    write(`roles/${Math.floor(i / 500)}/${roleId(i)}.role.yaml`, `${lines.join('\n')}\n`);
  }
  for (let i = 0; i < ladders; i++) {
    const lines = ['kind: ladder', `id: ladder-${i}`, `title: Ladder ${i}`, 'tracks:'];
    for (let t = 0; t < 2; t++) {
      lines.push(`  - id: track-${t}`, `    title: Track ${t}`, '    roles:');
      const base = Math.floor(rand() * (roles / 4)) * 4;
      for (let r = 0; r < 4 && base + r < roles; r++) lines.push(`      - ${roleId(base + r)}`);
    }
    write(`ladders/ladder-${i}.ladder.yaml`, `${lines.join('\n')}\n`);
  }
  for (let i = 0; i < visions; i++) {
    write(
      `visions/vision-${i}.vision.yaml`,
      [
        'kind: vision',
        `id: vision-${i}`,
        `title: Vision ${i}`,
        'statement: Every merchant gets paid on time, in every market we serve.',
        'horizon: 2030',
        '',
      ].join('\n'),
    );
    const strategy = ['kind: strategy', `id: strategy-${i}`, `title: Strategy ${i}`, `vision: vision-${i}`, ''];
    write(`strategies/strategy-${i}.strategy.yaml`, strategy.join('\n'));
  }
  for (let i = 0; i < charters; i++) {
    const pick = () => roleId(Math.floor(rand() * roles));
    const lines = [
      'kind: charter',
      `id: team-${i}`,
      `title: Team ${i} Charter`,
      `owner: ${pick()}`,
      `strategy: strategy-${i % strategies}`,
      `mission: Shoppers pay for what they want in a few taps, so merchants lose fewer ${phrase(rand, 1)} sales.`,
      'scope:',
      '  in:',
      `    - The ${phrase(rand, 2)} pages`,
      '  out:',
      `    - The ${phrase(rand, 2)} service`,
      'team:',
      `  - role: ${pick()}`,
      '    name: Priya',
      `  - role: ${pick()}`,
      '    count: 4',
      'decisionRights:',
      '  - decision: What the team works on next',
      `    owner: ${pick()}`,
      '    consulted:',
      `      - ${pick()}`,
      'successMetrics:',
      '  - metric: Mobile checkout conversion',
      '    baseline: "61%"',
      '    target: "66%"',
    ];
    write(`charters/team-${i}.charter.yaml`, `${lines.join('\n')}\n`);
  }
  return {
    files,
    roles,
    roleId,
    rolePath: (i) => path.join(dir, `roles/${Math.floor(i / 500)}/${roleId(i)}.role.yaml`),
  };
}

/**
 * `roleDocument(lines)` written as Markdown (`*.role.md`): the fields in the front matter, the
 * summary and the authority as `##` sections of the body. The edit and responsibility positions
 * are those of the same lines in the Markdown file.
 */
export function markdownRoleDocument(lines) {
  const role = roleDocument(lines);
  const source = role.text.split('\n');
  const front = [];
  const summary = [];
  const authority = [];
  let part = front;
  for (const line of source) {
    if (line === 'summary: >-') part = summary;
    else if (line === 'authority:') part = authority;
    else {
      if (part !== front && !line.startsWith('  ')) part = front;
      part.push(line);
    }
  }
  while (front.at(-1) === '') front.pop();
  const out = [
    '---',
    ...front,
    '---',
    '',
    '# Benchmark Product Manager',
    '',
    '## Summary',
    '',
    ...summary.map((line) => line.trim()),
    '',
    '## Authority',
    '',
    ...authority.map((line) => line.replace(/^ {2}- /, '- ')),
    '',
  ];
  const lineOf = (text) => out.indexOf(text);
  const edit = lineOf(source[role.edit.line]);
  const responsibility = lineOf(source[role.responsibility.line]);
  return {
    text: out.join('\n'),
    lines: out.length - 1,
    edit: { line: edit, character: out[edit].length },
    responsibility: { line: responsibility, character: 6, text: out[responsibility] },
  };
}

/**
 * A role of about `lines` lines whose bulk is one `responsibilities` list of `{text, area}` items
 * (the one-list shape: one top-level key holds nearly all the text). The editor types at the end
 * of the `text:` line of the item in the middle of the list.
 */
export function oneListRoleDocument(lines) {
  const rand = rng(lines + 1);
  const out = [
    '# A generated one-list role for the benchmark.',
    'kind: role',
    'id: bench-one-list',
    'title: Benchmark One-list Product Manager',
    'level: senior-pm',
    'track: ic',
    'reportsTo: group-pm',
    'responsibilities:',
  ];
  const firstResponsibility = out.length;
  for (const id of RESPONSIBILITIES.slice(0, 20)) out.push(`  - ${id}`);
  const tail = ['skills:', `  - ${SKILLS[0]}`, 'next:', '  - group-pm', ''];
  for (let i = 0; out.length + 2 + tail.length - 1 <= lines; i++) {
    out.push(`  - text: Runs the ${phrase(rand, 3)} review number ${i + 1}`, `    area: ${AREAS[i % AREAS.length]}`);
  }
  const middle = firstResponsibility + 20 + 2 * Math.floor((out.length - firstResponsibility - 20) / 4);
  out.push(...tail);
  const responsibilityLine = firstResponsibility + 10;
  return {
    text: out.join('\n'),
    lines: out.length - 1,
    edit: { line: middle, character: out[middle].length },
    responsibility: { line: responsibilityLine, character: 6, text: out[responsibilityLine] },
  };
}

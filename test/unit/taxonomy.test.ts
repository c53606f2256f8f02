/**
 * Checks the shipped responsibility taxonomy (schemas/taxonomy.json) against its contract and
 * against the seed articles it was built from:
 * - structure: ids, references, ranks and minimum sizes;
 * - coverage: every responsibility or skill list in the seeds, as recorded in
 *   test/fixtures/seed-coverage.json and seed-skill-coverage.json, maps to taxonomy entries that
 *   name the right holder and source;
 * - own words: no title or description repeats a run of 8 words from any seed.
 *
 * The articles are not part of the repository. What can be checked from the recorded mapping alone
 * (each mapped item names an existing entry listing that holder and that source) always runs; what
 * needs the article text (the line ranges, every list item mapped, own words) runs where the
 * articles are (../shared/seeds beside the repository, or CHARTERS_SEEDS) and is skipped, with the
 * reason, where they are not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findRepoRoot } from './repoRoot';

interface Source {
  file: string;
  title: string;
  author?: string;
  publisher?: string;
  year?: number;
}
interface Level {
  id: string;
  title: string;
  rank: number;
  track: string;
  description: string;
  aliases?: string[];
  otherTitles?: string[];
}
interface Role {
  id: string;
  title: string;
  description: string;
  otherTitles?: string[];
}
interface Area {
  id: string;
  title: string;
  description?: string;
  aliases?: string[];
}
interface Responsibility {
  id: string;
  title: string;
  area: string;
  description: string;
  aliases?: string[];
  lineManagement?: boolean;
  levels: string[];
  sources: string[];
}
interface Skill {
  id: string;
  title: string;
  description: string;
  aliases?: string[];
  levels?: string[];
  sources?: string[];
}
interface TaxonomyData {
  version: number;
  sources: Source[];
  levels: Level[];
  roles: Role[];
  areas: Area[];
  responsibilities: Responsibility[];
  skills: Skill[];
}
/**
 * One list in a seed. An item maps to an id, to several ids (a bullet naming several duties), or to
 * `{inherits: holder}` for a bullet such as "all duties of the level below" (every id of that
 * holder's list in the same file must then also name this entry's holder).
 */
type ItemTarget = string | string[] | { inherits: string };
interface CoverageEntry {
  file: string;
  holder: string;
  lines: [number, number];
  items: Record<string, ItemTarget>;
}

const EXPECTED_LEVELS: [string, number, string][] = [
  ['associate-pm', 1, 'ic'],
  ['pm', 2, 'ic'],
  ['senior-pm', 3, 'ic'],
  ['group-pm', 4, 'management'],
  ['head-of-product', 5, 'management'],
  ['cpo', 6, 'management'],
];
const EXPECTED_ROLES = ['product-designer', 'product-developer'];
const EXPECTED_AREAS = ['product-direction', 'discovery', 'delivery', 'stakeholders', 'people', 'organization', 'self-leadership'];
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MIN_PER_HOLDER = 3;
const RUN = 8;

const root = findRepoRoot();
const seedsDir = process.env.CHARTERS_SEEDS ?? path.resolve(root, '..', 'shared', 'seeds');
const readJson = <T>(rel: string): T => JSON.parse(fs.readFileSync(path.join(root, rel), 'utf8')) as T;
const taxonomy = readJson<TaxonomyData>('schemas/taxonomy.json');
const coverage = readJson<CoverageEntry[]>('test/fixtures/seed-coverage.json');
const skillCoverage = readJson<CoverageEntry[]>('test/fixtures/seed-skill-coverage.json');

const seedsPresent = fs.existsSync(seedsDir) && fs.readdirSync(seedsDir).some((name) => name.endsWith('.txt'));
/** Passed to the tests that read the article text: skipped, saying why, where the articles are not. */
const needsSeeds = seedsPresent
  ? {}
  : { skip: `the seed articles are not in ${seedsDir}; they are not part of the repository (set CHARTERS_SEEDS to the folder that holds them)` };

const seedCache = new Map<string, string[]>();
function seedLines(file: string): string[] {
  let lines = seedCache.get(file);
  if (!lines) {
    const full = path.join(seedsDir, file);
    assert.ok(fs.existsSync(full), `seed file ${file} not found in ${seedsDir} (set CHARTERS_SEEDS to override)`);
    lines = fs.readFileSync(full, 'utf8').split(/\r?\n/);
    seedCache.set(file, lines);
  }
  return lines;
}
function seedFiles(): string[] {
  return fs
    .readdirSync(seedsDir)
    .filter((name) => name.endsWith('.txt'))
    .sort();
}

/**
 * Does this seed line look like an item of a list? The seeds use `•` bullets (dashes or stars in
 * other scrapes), numbered items (`1.`), and paragraphs opening with a short capitalised label and a
 * colon ("Coaching and Development: ...").
 */
function looksLikeListItem(line: string): boolean {
  if (/^\s*[•\-*‣◦▪●]\s+\S/.test(line)) return true;
  if (/^\s*\d{1,2}[.)]\s+\S/.test(line)) return true;
  const label = /^\s*([A-Z][^:.!?]{0,60}):\s+\S/.exec(line);
  return label !== null && label[1].trim().split(/\s+/).length <= 6;
}

function duplicates(ids: string[]): string[] {
  const seen = new Set<string>();
  return [
    ...new Set(
      ids.filter((id) => {
        if (seen.has(id)) return true;
        seen.add(id);
        return false;
      }),
    ),
  ];
}

test('taxonomy structure: ids, references, ranks and sizes', () => {
  assert.equal(taxonomy.version, 2, 'taxonomy version must be 2 (aliases are ids; display titles are otherTitles)');
  const sourceFiles = taxonomy.sources.map((source) => source.file);
  const levelIds = taxonomy.levels.map((level) => level.id);
  const roleIds = taxonomy.roles.map((role) => role.id);
  const areaIds = taxonomy.areas.map((area) => area.id);
  const responsibilityIds = taxonomy.responsibilities.map((item) => item.id);
  const skillIds = taxonomy.skills.map((skill) => skill.id);

  for (const [what, ids] of [
    ['source files', sourceFiles],
    ['level ids', levelIds],
    ['role ids', roleIds],
    ['area ids', areaIds],
    ['responsibility ids', responsibilityIds],
    ['skill ids', skillIds],
    ['level and role ids together', [...levelIds, ...roleIds]],
  ] as [string, string[]][]) {
    assert.deepEqual(duplicates(ids), [], `duplicate ${what}`);
  }
  for (const id of [...levelIds, ...roleIds, ...areaIds, ...responsibilityIds, ...skillIds]) {
    assert.match(id, KEBAB, `id "${id}" is not kebab-case`);
  }

  assert.deepEqual(
    taxonomy.levels.map((level) => [level.id, level.rank, level.track]),
    EXPECTED_LEVELS,
    'levels must be associate-pm..cpo with ranks 1..6 in order, ic for ranks 1-3 and management for 4-6',
  );
  assert.deepEqual(roleIds, EXPECTED_ROLES, 'cross-functional roles must be product-designer and product-developer');
  assert.deepEqual(areaIds, EXPECTED_AREAS, 'areas must be exactly the seven of the document model, in order');
  for (const level of taxonomy.levels) {
    assert.ok(!('responsibilities' in level), `level ${level.id} must not store responsibilities (they are derived)`);
  }
  for (const entry of [...taxonomy.levels, ...taxonomy.roles, ...taxonomy.areas, ...taxonomy.responsibilities, ...taxonomy.skills]) {
    assert.ok(entry.title?.trim(), `${entry.id} has no title`);
    assert.ok(entry.description?.trim(), `${entry.id} has no description`);
  }
  assert.ok(responsibilityIds.includes('prioritize-backlog'), 'the docs use prioritize-backlog as an example; it must exist');

  const holders = new Set([...levelIds, ...roleIds]);
  const sources = new Set(sourceFiles);
  for (const item of taxonomy.responsibilities) {
    assert.ok(areaIds.includes(item.area), `responsibility ${item.id}: area "${item.area}" is not an area id`);
    assert.ok(item.levels.length > 0, `responsibility ${item.id} lists no levels`);
    assert.deepEqual(duplicates(item.levels), [], `responsibility ${item.id} lists a level twice`);
    for (const holder of item.levels) {
      assert.ok(holders.has(holder), `responsibility ${item.id}: "${holder}" is not a level or role id`);
    }
    assert.ok(item.sources.length > 0, `responsibility ${item.id} has no source`);
    for (const file of item.sources) {
      assert.ok(sources.has(file), `responsibility ${item.id}: source "${file}" is not listed in sources`);
    }
  }
  for (const skill of taxonomy.skills) {
    assert.ok((skill.levels ?? []).length > 0, `skill ${skill.id} lists no levels`);
    assert.deepEqual(duplicates(skill.levels ?? []), [], `skill ${skill.id} lists a level twice`);
    for (const holder of skill.levels ?? []) assert.ok(holders.has(holder), `skill ${skill.id}: "${holder}" is not a level or role id`);
    assert.ok((skill.sources ?? []).length > 0, `skill ${skill.id} has no source`);
    for (const file of skill.sources ?? []) {
      assert.ok(sources.has(file), `skill ${skill.id}: source "${file}" is not listed in sources`);
    }
  }
  for (const holder of holders) {
    const count = taxonomy.responsibilities.filter((item) => item.levels.includes(holder)).length;
    assert.ok(count >= MIN_PER_HOLDER, `${holder} holds only ${count} responsibilities (need at least ${MIN_PER_HOLDER})`);
  }
  const mapped = new Set(coverage.map((entry) => entry.file));
  assert.deepEqual([...mapped].sort(), sourceFiles.slice().sort(), 'every source must have its lists mapped in seed-coverage.json, and nothing else');
  for (const entry of skillCoverage) assert.ok(sources.has(entry.file), `seed-skill-coverage.json maps ${entry.file}, which is not a source`);
});

test('sources name exactly the seed articles', needsSeeds, () => {
  assert.deepEqual(taxonomy.sources.map((source) => source.file).sort(), seedFiles(), 'sources must name exactly the seed files');
});

/**
 * The recorded mapping alone: each mapped item names an existing entry that lists the list's
 * holder and its source; an "all duties of the level below" item is backed by that level's list.
 */
function checkMapping(
  entries: CoverageEntry[],
  kind: 'responsibility' | 'skill',
  lookup: (id: string) => { levels?: string[]; sources?: string[] } | undefined,
): void {
  const holders = new Set([...taxonomy.levels, ...taxonomy.roles].map((holder) => holder.id));
  const sources = new Set(taxonomy.sources.map((source) => source.file));
  for (const entry of entries) {
    const where = `${kind} list ${entry.file}:${entry.lines[0]}-${entry.lines[1]} (${entry.holder})`;
    assert.ok(holders.has(entry.holder), `${where}: holder is not a level or role id`);
    assert.ok(sources.has(entry.file), `${where}: ${entry.file} is not a source of the taxonomy`);
    const [first, last] = entry.lines;
    assert.ok(Number.isInteger(first) && Number.isInteger(last) && first >= 1 && first <= last, `${where}: bad line range`);
    assert.ok(Object.keys(entry.items).length > 0, `${where}: maps no item`);
    for (const [key, target] of Object.entries(entry.items)) {
      const n = Number(key);
      assert.ok(Number.isInteger(n) && n >= first && n <= last, `${where}: item line ${key} is outside the range`);
      if (typeof target === 'object' && !Array.isArray(target)) {
        const base = entries.find((other) => other.file === entry.file && other.holder === target.inherits);
        assert.ok(base, `${where}: line ${key} inherits from ${target.inherits}, but ${entry.file} has no list for it`);
        for (const id of Object.values(base.items).flatMap((t) => (typeof t === 'string' ? [t] : Array.isArray(t) ? t : []))) {
          const found = lookup(id);
          assert.ok(
            found?.levels?.includes(entry.holder),
            `${where}: line ${key} takes on all ${target.inherits} duties, but ${kind} ${id} does not list ${entry.holder}`,
          );
        }
        continue;
      }
      const ids = typeof target === 'string' ? [target] : target;
      assert.ok(ids.length > 0, `${where}: line ${key} maps to nothing`);
      for (const id of ids) {
        const found = lookup(id);
        assert.ok(found, `${where}: line ${key} maps to unknown ${kind} "${id}"`);
        if (found.levels) {
          assert.ok(found.levels.includes(entry.holder), `${where}: line ${key}: ${kind} ${id} does not list ${entry.holder} in its levels`);
        }
        assert.ok((found.sources ?? []).includes(entry.file), `${where}: line ${key}: ${kind} ${id} does not list ${entry.file} in its sources`);
      }
    }
  }
}

/** Against the article text: the ranges fit the file, every list item in them is mapped, no mapped line is blank. */
function checkAgainstText(entries: CoverageEntry[], kind: 'responsibility' | 'skill'): void {
  for (const entry of entries) {
    const where = `${kind} list ${entry.file}:${entry.lines[0]}-${entry.lines[1]} (${entry.holder})`;
    const lines = seedLines(entry.file);
    const [first, last] = entry.lines;
    assert.ok(last <= lines.length, `${where}: bad line range for a file of ${lines.length} lines`);
    for (let n = first; n <= last; n++) {
      if (looksLikeListItem(lines[n - 1])) {
        assert.ok(String(n) in entry.items, `${where}: line ${n} is a list item but has no mapping in "items"`);
      }
    }
    for (const key of Object.keys(entry.items)) {
      assert.ok(lines[Number(key) - 1].trim() !== '', `${where}: item line ${key} is blank in the seed`);
    }
  }
}

const responsibilityById = new Map(taxonomy.responsibilities.map((item) => [item.id, item]));
const skillById = new Map(taxonomy.skills.map((skill) => [skill.id, { levels: skill.levels ?? [], sources: skill.sources }]));

test('coverage: every mapped seed item names a taxonomy responsibility with that holder and source', () => {
  checkMapping(coverage, 'responsibility', (id) => responsibilityById.get(id));
});

test('coverage: every mapped seed skill item names a taxonomy skill with that source', () => {
  checkMapping(skillCoverage, 'skill', (id) => skillById.get(id));
});

test('coverage: every responsibility list in the seeds maps to taxonomy entries', needsSeeds, () => {
  checkAgainstText(coverage, 'responsibility');
  const covered = new Set(coverage.map((entry) => entry.file));
  for (const file of seedFiles()) {
    assert.ok(covered.has(file), `seed ${file} is not referenced by any entry of seed-coverage.json`);
  }
});

test('coverage: every skill list in the seeds maps to taxonomy skills', needsSeeds, () => {
  checkAgainstText(skillCoverage, 'skill');
});

/** The (id, holder, source) triples that the recorded mapping backs, "all duties of the level below" items included. */
function backed(entries: CoverageEntry[]): Set<string> {
  const out = new Set<string>();
  const ids = (target: ItemTarget): string[] => (typeof target === 'string' ? [target] : Array.isArray(target) ? target : []);
  for (const entry of entries) {
    for (const target of Object.values(entry.items)) {
      const from =
        typeof target === 'object' && !Array.isArray(target)
          ? entries.filter((other) => other.file === entry.file && other.holder === target.inherits).flatMap((other) => Object.values(other.items).flatMap(ids))
          : ids(target);
      for (const id of from) out.add(`${id} ${entry.holder} ${entry.file}`);
    }
  }
  return out;
}
const backedResponsibilities = backed(coverage);
const backedSkills = backed(skillCoverage);
const isBacked = (set: Set<string>, id: string, holder: string, source: string) => [...set].some((key) => key === `${id} ${holder} ${source}`);
const cites = (set: Set<string>, id: string, source: string) => [...set].some((key) => key.startsWith(`${id} `) && key.endsWith(` ${source}`));

test('coverage: every source a responsibility names is backed by a mapped seed line', () => {
  const missing = taxonomy.responsibilities.flatMap((item) =>
    item.sources.filter((file) => !cites(backedResponsibilities, item.id, file)).map((file) => `${item.id} cites ${file}`),
  );
  assert.deepEqual(missing, [], 'record the seed line that each source gives for the responsibility in seed-coverage.json');
});

test('coverage: every level and source of a skill is backed by a mapped seed line (skills by level)', () => {
  const missing: string[] = [];
  for (const skill of taxonomy.skills) {
    for (const holder of skill.levels ?? []) {
      if (!(skill.sources ?? []).some((file) => isBacked(backedSkills, skill.id, holder, file))) missing.push(`${skill.id} at ${holder}`);
    }
    for (const file of skill.sources ?? []) if (!cites(backedSkills, skill.id, file)) missing.push(`${skill.id} cites ${file}`);
  }
  assert.deepEqual(missing, [], 'record the seed line for each level and source of the skill in seed-skill-coverage.json');
});

/** Corrections made against the article text: each must stay backed by the recorded mapping. */
const SOURCE = Object.fromEntries(taxonomy.sources.map((source) => [source.file.slice(0, 3), source.file]));
const CORRECTIONS: { what: string; id: string; holder: string; source: string }[] = [
  ...[
    'create-supportive-environment',
    'agree-goals-with-reports',
    'hold-people-accountable',
    'define-career-paths',
    'foster-growth-mindset',
    'remove-impediments',
    'protect-team-wellbeing',
    'build-cross-department-trust',
  ].map((id) => ({ what: 'the head of product of 000 may be a VP or CPO', id, holder: 'cpo', source: SOURCE['000'] })),
  { what: 'the PM defines the product vision (003)', id: 'define-product-vision', holder: 'pm', source: SOURCE['003'] },
  { what: 'the senior PM sets the vision for their products (003)', id: 'define-product-vision', holder: 'senior-pm', source: SOURCE['003'] },
  { what: 'the PM writes requirements and specs with engineering (001)', id: 'write-requirements-and-specs', holder: 'pm', source: SOURCE['001'] },
  { what: 'the PM communicates the strategy (001)', id: 'communicate-product-strategy', holder: 'pm', source: SOURCE['001'] },
  { what: 'the senior PM assists with hiring (003)', id: 'assist-with-hiring', holder: 'senior-pm', source: SOURCE['003'] },
  { what: 'the developer joins discovery (003)', id: 'join-product-discovery', holder: 'product-developer', source: SOURCE['003'] },
  { what: 'the group PM leads teams of PMs (004)', id: 'manage-product-managers', holder: 'group-pm', source: SOURCE['004'] },
  { what: 'the group PM mentors (004)', id: 'mentor-junior-product-managers', holder: 'group-pm', source: SOURCE['004'] },
  { what: 'the head of product sets the higher-level strategy (004)', id: 'set-portfolio-strategy', holder: 'head-of-product', source: SOURCE['004'] },
];

test('corrections against the articles stay in the taxonomy and the mapping', () => {
  for (const { what, id, holder, source } of CORRECTIONS) {
    const item = responsibilityById.get(id);
    assert.ok(item, `${what}: no responsibility ${id}`);
    assert.ok(item.levels.includes(holder) && item.sources.includes(source), `${what}: ${id} must list ${holder} and ${source}`);
    assert.ok(isBacked(backedResponsibilities, id, holder, source), `${what}: no mapped line of ${source} backs ${id} for ${holder}`);
  }
  // assisting with hiring is not owning it; discovery help is the developer's entry, not the designer's
  assert.ok(
    !responsibilityById.get('hire-product-people')?.levels.includes('senior-pm'),
    'hire-product-people: the senior PM assists (assist-with-hiring), they do not own hiring',
  );
  assert.deepEqual(responsibilityById.get('join-product-discovery')?.levels, ['product-developer'], 'join-product-discovery is about engineers');
});

/** Spelling pairs that make an id British or American; `size`-like words are not suffixes. */
const SPELLINGS: [RegExp, string][] = [
  [/(?<=[a-z]{3})iz(e|es|ed|ing|ation|ational)(?=-|$)/g, 'is$1'],
  [/(?<=[a-z]{3})is(e|es|ed|ing|ation|ational)(?=-|$)/g, 'iz$1'],
  [/(?<=[a-z]{2})yz(e|es|ed|ing)(?=-|$)/g, 'ys$1'],
  [/(?<=[a-z]{2})ys(e|es|ed|ing)(?=-|$)/g, 'yz$1'],
  [/modelling/g, 'modeling'],
  [/modeling/g, 'modelling'],
  [/wellbeing/g, 'well-being'],
  [/(?<=[a-z])our(?=-|$)/g, 'or'],
  [/centre/g, 'center'],
  [/programme/g, 'program'],
  [/catalogue/g, 'catalog'],
  [/licence/g, 'license'],
  [/judgement/g, 'judgment'],
];
const NOT_SPELLINGS = new Set([
  'liaise',
  'raise',
  'rise',
  'promise',
  'exercise',
  'expertise',
  'advise',
  'premise',
  'analysis',
  'wise',
  'our',
  'four',
  'hour',
  'your',
  'tour',
  'pour',
]);
function otherSpellings(id: string): string[] {
  const out = new Set<string>();
  for (const [pattern, replacement] of SPELLINGS) {
    const variant = id
      .split('-')
      .map((word) => (NOT_SPELLINGS.has(word) ? word : word.replace(pattern, replacement)))
      .join('-');
    if (variant !== id) out.add(variant);
  }
  return [...out];
}

test('aliases: other ids for an entry, unique, and every British/American spelling listed', () => {
  for (const group of ['levels', 'areas', 'responsibilities', 'skills'] as const) {
    const entries = taxonomy[group] as { id: string; aliases?: string[] }[];
    const ids = entries.map((entry) => entry.id);
    const aliases = entries.flatMap((entry) => entry.aliases ?? []);
    assert.deepEqual(duplicates([...ids, ...aliases]), [], `${group}: an alias repeats an id or another alias`);
    for (const entry of entries) {
      for (const alias of entry.aliases ?? []) assert.match(alias, KEBAB, `${group} ${entry.id}: alias "${alias}" is not kebab-case`);
      const missing = otherSpellings(entry.id).filter((variant) => !(entry.aliases ?? []).includes(variant));
      assert.deepEqual(missing, [], `${group} ${entry.id}: list its other spelling as an alias`);
    }
  }
  const prioritise = taxonomy.responsibilities.find((item) => (item.aliases ?? []).includes('prioritise-backlog'));
  assert.equal(prioritise?.id, 'prioritize-backlog');
  assert.ok(taxonomy.areas.find((area) => area.id === 'organization')?.aliases?.includes('organisation'));
  for (const level of taxonomy.levels) {
    for (const title of level.otherTitles ?? []) assert.doesNotMatch(title, KEBAB, `level ${level.id}: other titles are job titles, not ids`);
  }
});

test('lineManagement: what needs direct reports is flagged, and no individual-contributor level holds it', () => {
  for (const id of ['hire-product-people', 'run-performance-reviews', 'manage-product-managers']) {
    assert.equal(responsibilityById.get(id)?.lineManagement, true, `${id} needs line management`);
  }
  for (const id of ['assist-with-hiring', 'mentor-junior-product-managers']) {
    assert.notEqual(responsibilityById.get(id)?.lineManagement, true, `${id} is held by individual contributors`);
  }
  const ic = new Set(taxonomy.levels.filter((level) => level.track === 'ic').map((level) => level.id));
  for (const item of taxonomy.responsibilities) {
    if ('lineManagement' in item) assert.equal(typeof item.lineManagement, 'boolean', `${item.id}: lineManagement must be true or false`);
    if (item.lineManagement) {
      assert.deepEqual(
        item.levels.filter((holder) => ic.has(holder)),
        [],
        `${item.id} needs line management but an IC level holds it`,
      );
    }
  }
});

test('the bibliography gives each source a title and an author or publisher', () => {
  for (const source of taxonomy.sources) {
    assert.ok(source.title.trim(), `${source.file}: no title`);
    assert.ok(source.author?.trim() || source.publisher?.trim(), `${source.file}: no author or publisher`);
    if (source.year !== undefined) assert.ok(Number.isInteger(source.year) && source.year > 1990 && source.year < 2100, `${source.file}: bad year`);
  }
});

function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’‘`]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}
function runs(text: string): string[] {
  const list = words(text);
  const out: string[] = [];
  for (let i = 0; i + RUN <= list.length; i++) out.push(list.slice(i, i + RUN).join(' '));
  return out;
}

test(`own words: no taxonomy text repeats ${RUN} consecutive words of a seed`, needsSeeds, () => {
  const seedRuns = new Map<string, string>();
  for (const file of seedFiles()) {
    for (const run of runs(seedLines(file).join('\n'))) seedRuns.set(run, file);
  }
  const texts: [string, string][] = [];
  const add = (where: string, value: string | undefined) => value && texts.push([where, value]);
  for (const source of taxonomy.sources) add(`sources ${source.file} title`, source.title);
  for (const group of ['levels', 'roles', 'areas', 'responsibilities', 'skills'] as const) {
    for (const entry of taxonomy[group] as { id: string; title: string; description?: string }[]) {
      add(`${group} ${entry.id} title`, entry.title);
      add(`${group} ${entry.id} description`, entry.description);
      for (const title of (entry as { otherTitles?: string[] }).otherTitles ?? []) add(`${group} ${entry.id} other title`, title);
    }
  }
  const page = path.join(root, 'docs', 'taxonomy.md');
  if (fs.existsSync(page)) add('docs/taxonomy.md', fs.readFileSync(page, 'utf8'));
  const copied: string[] = [];
  for (const [where, text] of texts) {
    for (const run of runs(text)) {
      const file = seedRuns.get(run);
      if (file !== undefined) copied.push(`${where} repeats "${run}" from seed ${file}`);
    }
  }
  assert.deepEqual(copied, [], `taxonomy text copied from the seeds; reword it:\n${copied.join('\n')}`);
});

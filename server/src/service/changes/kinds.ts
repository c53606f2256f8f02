// What changed in one document, kind by kind, in product words. Each function reads the two
// parsed values (plain data) and returns the changes in the order of the kind's fields.
import type { Kind } from '../types';
import {
  type Change,
  type Names,
  type Side,
  documentName,
  field,
  keptInOrder,
  keyedDifference,
  keyOf,
  list,
  named,
  normal,
  parts,
  prose,
  quoted,
  textList,
  value,
} from './words';

type Compare = (before: unknown, after: unknown, names: Names) => Change[];

/** Fields every kind has (the title is the document's name; `updated` is bookkeeping, not meaning). */
function common(before: unknown, after: unknown, names: Names): Change[] {
  return [
    ...value('title', 'its title', field(before, 'title'), field(after, 'title')),
    ...value('status', 'its status', field(before, 'status'), field(after, 'status'), (v) => v),
    ...value('owner', 'its owner', field(before, 'owner'), field(after, 'owner'), (id) => documentName(names, 'role', id)),
    ...textList('tags', 'its tags', field(before, 'tags'), field(after, 'tags')),
  ];
}

const role: Compare = (before, after, names) => {
  const read = (name: string) => [field(before, name), field(after, name)] as const;
  const level = (id: string, side: Side) => named(names[side].level(id)?.title, id);
  const roleName = (id: string) => documentName(names, 'role', id);
  return [
    ...value('level', 'its level', ...read('level'), level),
    ...value('track', 'its track', ...read('track'), (v) => v),
    ...value('reportsTo', 'its manager', ...read('reportsTo'), roleName),
    ...value('inherits', 'the role whose responsibilities it inherits', ...read('inherits'), roleName),
    ...prose('summary', 'its summary', ...read('summary')),
    ...responsibilities(...read('responsibilities'), names),
    ...skills(...read('skills'), names),
    ...textList('authority', 'its authority', ...read('authority')),
    ...measured('goals', 'goal', 'goal', ['measure', 'target', 'due'], ...read('goals'), names),
    ...references('next', 'next step', ...read('next'), names),
    ...textList('aliases', 'its other titles', ...read('aliases')),
  ];
};

/** A responsibility as the role writes it: a taxonomy id (an alias counts as its entry) or an own duty. */
function responsibilities(before: unknown, after: unknown, names: Names): Change[] {
  const key = (side: Side) => (item: unknown) => {
    if (typeof item === 'string') return `id:${names[side].responsibilityId(item) ?? item}`;
    const text = keyOf(field(item, 'text'));
    return text === undefined ? undefined : `duty:${text}`;
  };
  const show = (side: Side) => (item: unknown) => {
    if (typeof item === 'string') {
      const entry = names[side].responsibility(item);
      return `responsibility ${named(entry?.title, entry?.id ?? item)}`;
    }
    return `own duty ${quoted(normal(field(item, 'text')) ?? '')}`;
  };
  const was = new Map(list(before).flatMap((item) => (key('before')(item) ? [[key('before')(item)!, show('before')(item)]] : [])));
  const is = new Map(list(after).flatMap((item) => (key('after')(item) ? [[key('after')(item)!, show('after')(item)]] : [])));
  return [
    ...[...is].filter(([k]) => !was.has(k)).map(([, text]): Change => ({ field: 'responsibilities', change: 'added', text: `gains ${text}` })),
    ...[...was].filter(([k]) => !is.has(k)).map(([, text]): Change => ({ field: 'responsibilities', change: 'removed', text: `loses ${text}` })),
  ];
}

function skills(before: unknown, after: unknown, names: Names): Change[] {
  const read = (side: Side) => (item: unknown) => {
    const written = typeof item === 'string' ? item : normal(field(item, 'skill'));
    if (written === undefined) return undefined;
    const entry = names[side].skill(written);
    return { key: entry?.id ?? written, name: `skill ${named(entry?.title, entry?.id ?? written)}`, level: normal(field(item, 'level')) };
  };
  const was = new Map(list(before).flatMap((item) => [read('before')(item)].filter((x) => x !== undefined).map((x) => [x.key, x] as const)));
  const is = new Map(list(after).flatMap((item) => [read('after')(item)].filter((x) => x !== undefined).map((x) => [x.key, x] as const)));
  const atLevel = (level: string | undefined) => (level === undefined ? '' : ` at level ${level}`);
  const changes: Change[] = [];
  for (const [key, item] of is) {
    const old = was.get(key);
    if (!old) changes.push({ field: 'skills', change: 'added', text: `gains ${item.name}${atLevel(item.level)}` });
    else if (old.level !== item.level)
      changes.push({
        field: 'skills',
        change: 'changed',
        text: `changes ${item.name} from level ${old.level ?? '(none)'} to ${item.level ?? '(none)'}`,
        before: old.level,
        after: item.level,
      });
  }
  for (const [key, item] of was) if (!is.has(key)) changes.push({ field: 'skills', change: 'removed', text: `loses ${item.name}` });
  return changes;
}

/** A list of role ids (a role's `next`): roles added and removed. */
function references(fieldName: string, label: string, before: unknown, after: unknown, names: Names): Change[] {
  const { added, removed } = keyedDifference(list(before), list(after), normal, (item) => normal(item) ?? '');
  return [
    ...added.map((id): Change => ({ field: fieldName, change: 'added', text: `adds ${label} ${documentName(names, 'role', id)}` })),
    ...removed.map((id): Change => ({ field: fieldName, change: 'removed', text: `removes ${label} ${documentName(names, 'role', id)}` })),
  ];
}

/**
 * Goals, key results, success metrics: matched by their text (`what`), each added, removed or
 * changed in its `fields`; a change to its target or baseline is a re-target. `where` places it
 * (`under objective 'Grow revenue'`).
 */
function measured(
  fieldName: string,
  label: string,
  what: string,
  fields: readonly string[],
  before: unknown,
  after: unknown,
  names: Names,
  where = '',
): Change[] {
  const show = (name: string, v: string) => (name === 'owner' ? documentName(names, 'role', v) : v);
  const { added, removed, kept } = keyedDifference(
    list(before),
    list(after),
    (item) => keyOf(field(item, what)),
    (item) => item,
  );
  const title = (item: unknown) => `${label} ${quoted(normal(field(item, what)) ?? '')}${where}`;
  const target = (item: unknown) => {
    const facts = ['baseline', 'target', 'due']
      .map((name) => [name, normal(field(item, name))] as const)
      .filter(([, v]) => v !== undefined)
      .map(([name, v]) => `${name} ${v}`);
    return facts.length ? ` (${facts.join(', ')})` : '';
  };
  const changes: Change[] = [
    ...added.map((item): Change => ({ field: fieldName, change: 'added', text: `adds ${title(item)}${target(item)}` })),
    ...removed.map((item): Change => ({ field: fieldName, change: 'removed', text: `removes ${title(item)}` })),
  ];
  for (const pair of kept) {
    const changed = parts(pair.before, pair.after, fields, show);
    if (!changed.length) continue;
    const retargeted = ['target', 'baseline'].some((name) => normal(field(pair.before, name)) !== normal(field(pair.after, name)));
    changes.push({ field: fieldName, change: 'changed', text: `${retargeted ? 're-targets' : 'changes'} ${title(pair.after)}: ${changed.join(', ')}` });
  }
  return changes;
}

const ladder: Compare = (before, after, names) => {
  const tracks = (doc: unknown) => list(field(doc, 'tracks')).filter((track) => normal(field(track, 'id')) !== undefined);
  const { added, removed, kept } = keyedDifference(
    tracks(before),
    tracks(after),
    (track) => normal(field(track, 'id')),
    (track) => track,
  );
  const trackName = (track: unknown) => `track ${named(normal(field(track, 'title')), normal(field(track, 'id'))!)}`;
  const rungs = (track: unknown) => [...new Set(list(field(track, 'roles')).flatMap((id) => (normal(id) === undefined ? [] : [normal(id)!])))];
  const roleName = (id: string) => documentName(names, 'role', id);
  const changes: Change[] = [
    ...added.map((track): Change => ({ field: 'tracks', change: 'added', text: `adds ${trackName(track)} (${rungs(track).map(roleName).join(', ')})` })),
    ...removed.map((track): Change => ({ field: 'tracks', change: 'removed', text: `removes ${trackName(track)}` })),
  ];
  for (const pair of kept) {
    const id = normal(field(pair.after, 'id'))!;
    const at = `tracks.${id}`;
    changes.push(...value(`${at}.title`, `the title of track [${id}]`, field(pair.before, 'title'), field(pair.after, 'title')));
    const was = rungs(pair.before);
    const is = rungs(pair.after);
    const inOrder = keptInOrder(was, is);
    // where a rung now sits: above the rung below it (rungs are listed lowest first)
    const place = (rung: string) => {
      const below = is[is.indexOf(rung) - 1];
      return below === undefined ? 'at the bottom' : `above ${roleName(below)}`;
    };
    for (const rung of is) {
      if (!was.includes(rung)) changes.push({ field: at, change: 'added', text: `gains rung ${roleName(rung)} on ${trackName(pair.after)}, ${place(rung)}` });
      else if (!inOrder.has(rung))
        changes.push({ field: at, change: 'moved', text: `moves rung ${roleName(rung)} on ${trackName(pair.after)}, now ${place(rung)}` });
    }
    for (const rung of was)
      if (!is.includes(rung)) changes.push({ field: at, change: 'removed', text: `loses rung ${roleName(rung)} on ${trackName(pair.after)}` });
  }
  return changes;
};

const vision: Compare = (before, after) => {
  const read = (name: string) => [field(before, name), field(after, name)] as const;
  return [
    ...prose('statement', 'its statement', ...read('statement')),
    ...value('horizon', 'its horizon', ...read('horizon')),
    ...textList('targetGroup', 'its target group', ...read('targetGroup')),
    ...textList('needs', 'its needs', ...read('needs')),
    ...textList('product', 'its product', ...read('product')),
    ...textList('businessGoals', 'its business goals', ...read('businessGoals')),
    ...textList('principles', 'its principles', ...read('principles')),
  ];
};

const strategy: Compare = (before, after, names) => {
  const read = (name: string) => [field(before, name), field(after, name)] as const;
  const segment = (item: unknown) => normal(typeof item === 'string' ? item : field(item, 'segment'));
  const market = keyedDifference(
    list(field(before, 'market')),
    list(field(after, 'market')),
    (item) => segment(item)?.toLowerCase(),
    (item) => item,
  );
  const objectives = keyedDifference(
    list(field(before, 'objectives')),
    list(field(after, 'objectives')),
    (item) => keyOf(field(item, 'objective')),
    (item) => item,
  );
  const objectiveName = (item: unknown) => `objective ${quoted(normal(field(item, 'objective')) ?? '')}`;
  const count = (item: unknown) => {
    const n = list(field(item, 'keyResults')).length;
    return ` with ${n} key result${n === 1 ? '' : 's'}`;
  };
  return [
    ...value('vision', 'its vision', ...read('vision'), (id) => documentName(names, 'vision', id)),
    ...value('horizon', 'its horizon', ...read('horizon')),
    ...market.added.map((item): Change => ({ field: 'market', change: 'added', text: `adds market ${quoted(segment(item) ?? '')}` })),
    ...market.removed.map((item): Change => ({ field: 'market', change: 'removed', text: `removes market ${quoted(segment(item) ?? '')}` })),
    ...market.kept.flatMap((pair) =>
      value('market', `the need of market ${quoted(segment(pair.after) ?? '')}`, field(pair.before, 'need'), field(pair.after, 'need')),
    ),
    ...objectives.added.map((item): Change => ({ field: 'objectives', change: 'added', text: `adds ${objectiveName(item)}${count(item)}` })),
    ...objectives.removed.map((item): Change => ({ field: 'objectives', change: 'removed', text: `removes ${objectiveName(item)}` })),
    ...objectives.kept.flatMap((pair) =>
      measured(
        'objectives.keyResults',
        'key result',
        'metric',
        ['baseline', 'target', 'due', 'owner'],
        field(pair.before, 'keyResults'),
        field(pair.after, 'keyResults'),
        names,
        ` under ${objectiveName(pair.after)}`,
      ),
    ),
    ...initiatives(...read('initiatives'), names),
    ...textList('differentiators', 'its differentiators', ...read('differentiators')),
    ...textList('risks', 'its risks', ...read('risks')),
    ...textList('assumptions', 'its assumptions', ...read('assumptions')),
  ];
};

function initiatives(before: unknown, after: unknown, names: Names): Change[] {
  const { added, removed, kept } = keyedDifference(
    list(before),
    list(after),
    (item) => keyOf(field(item, 'title')),
    (item) => item,
  );
  const title = (item: unknown) => `initiative ${quoted(normal(field(item, 'title')) ?? '')}`;
  const show = (name: string, v: string) => (name === 'owner' ? documentName(names, 'role', v) : v);
  return [
    ...added.map((item): Change => ({ field: 'initiatives', change: 'added', text: `adds ${title(item)}` })),
    ...removed.map((item): Change => ({ field: 'initiatives', change: 'removed', text: `removes ${title(item)}` })),
    ...kept.flatMap((pair): Change[] => {
      const changed = parts(pair.before, pair.after, ['owner', 'when', 'objective'], show);
      return changed.length ? [{ field: 'initiatives', change: 'changed', text: `changes ${title(pair.after)}: ${changed.join(', ')}` }] : [];
    }),
  ];
}

const charter: Compare = (before, after, names) => {
  const read = (name: string) => [field(before, name), field(after, name)] as const;
  const roleName = (id: string) => documentName(names, 'role', id);
  const team = keyedDifference(
    list(field(before, 'team')),
    list(field(after, 'team')),
    (item) => normal(field(item, 'role')),
    (item) => item,
  );
  const member = (item: unknown) => roleName(normal(field(item, 'role'))!);
  const decisions = keyedDifference(
    list(field(before, 'decisionRights')),
    list(field(after, 'decisionRights')),
    (item) => keyOf(field(item, 'decision')),
    (item) => item,
  );
  const decision = (item: unknown) => `decision right ${quoted(normal(field(item, 'decision')) ?? '')}`;
  const stakeholder = (item: unknown) => normal(typeof item === 'string' ? item : field(item, 'name'));
  const stakeholders = keyedDifference(
    list(field(before, 'stakeholders')),
    list(field(after, 'stakeholders')),
    (item) => stakeholder(item)?.toLowerCase(),
    (item) => item,
  );
  return [
    ...prose('mission', 'its mission', ...read('mission')),
    ...textList('scope.in', 'its scope', field(field(before, 'scope'), 'in'), field(field(after, 'scope'), 'in')),
    ...textList('scope.out', 'what is out of its scope', field(field(before, 'scope'), 'out'), field(field(after, 'scope'), 'out')),
    ...team.added.map((item): Change => ({ field: 'team', change: 'added', text: `adds ${member(item)} to the team` })),
    ...team.removed.map((item): Change => ({ field: 'team', change: 'removed', text: `removes ${member(item)} from the team` })),
    ...team.kept.flatMap((pair): Change[] => {
      const changed = parts(pair.before, pair.after, ['name', 'count']);
      return changed.length ? [{ field: 'team', change: 'changed', text: `changes team member ${member(pair.after)}: ${changed.join(', ')}` }] : [];
    }),
    ...value('strategy', 'its strategy', ...read('strategy'), (id) => documentName(names, 'strategy', id)),
    ...stakeholders.added.map((item): Change => ({ field: 'stakeholders', change: 'added', text: `adds stakeholder ${quoted(stakeholder(item) ?? '')}` })),
    ...stakeholders.removed.map(
      (item): Change => ({ field: 'stakeholders', change: 'removed', text: `removes stakeholder ${quoted(stakeholder(item) ?? '')}` }),
    ),
    ...decisions.added.map(
      (item): Change => ({
        field: 'decisionRights',
        change: 'added',
        text: `adds ${decision(item)}${normal(field(item, 'owner')) ? `, owned by ${roleName(normal(field(item, 'owner'))!)}` : ''}`,
      }),
    ),
    ...decisions.removed.map((item): Change => ({ field: 'decisionRights', change: 'removed', text: `removes ${decision(item)}` })),
    ...decisions.kept.flatMap((pair) => decisionChanges(pair.before, pair.after, decision(pair.after), roleName)),
    ...measured('successMetrics', 'success metric', 'metric', ['baseline', 'target', 'due'], ...read('successMetrics'), names),
    ...textList('workingAgreements', 'its working agreements', ...read('workingAgreements')),
  ];
};

function decisionChanges(before: unknown, after: unknown, title: string, roleName: (id: string) => string): Change[] {
  const changed: string[] = [];
  const owner = [normal(field(before, 'owner')), normal(field(after, 'owner'))];
  if (owner[0] !== owner[1]) changed.push(`owner ${owner[0] ? roleName(owner[0]) : '(none)'} → ${owner[1] ? roleName(owner[1]) : '(none)'}`);
  for (const name of ['consulted', 'informed']) {
    const { added, removed } = keyedDifference(list(field(before, name)), list(field(after, name)), normal, (item) => roleName(normal(item)!));
    if (added.length) changed.push(`${name} adds ${added.join(', ')}`);
    if (removed.length) changed.push(`${name} drops ${removed.join(', ')}`);
  }
  return changed.length ? [{ field: 'decisionRights', change: 'changed', text: `changes ${title}: ${changed.join('; ')}` }] : [];
}

/** One comparison per kind: the compiler asks for a new kind's. */
const BY_KIND: Record<Kind, Compare> = { role, ladder, vision, strategy, charter };

export function compareDocument(kind: Kind, before: unknown, after: unknown, names: Names): Change[] {
  return [...common(before, after, names), ...BY_KIND[kind](before, after, names)];
}

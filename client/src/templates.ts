// Starting documents for the "New …" commands. Each is valid against its schema and lints
// clean once its TODO placeholders are filled; until then every one is flagged: text by
// placeholder-text, targets by unmeasurable-goal, ids of other documents (todo-…-id) by
// unresolved-reference.

export const KINDS = ['role', 'ladder', 'vision', 'strategy', 'charter'] as const;
export type Kind = (typeof KINDS)[number];

const KEBAB_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function isKebabId(value: string): boolean {
  return KEBAB_ID.test(value);
}

/** `senior-pm-payments` → `Senior Pm Payments`: a first title the author will edit anyway. */
function titleFromId(id: string): string {
  return id
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function header(kind: Kind, id: string, title: string): string {
  return [`kind: ${kind}`, `id: ${id}`, `title: ${title}`, 'status: draft', `updated: ${today()}`].join('\n');
}

const BODIES: Record<Kind, (id: string) => string> = {
  role: () => `level: pm
track: ic
summary: >-
  TODO: why this role exists: the outcome it owns and for whom.
responsibilities:
  # Ids from the product-role taxonomy (completion lists them) ...
  - define-product-strategy
  - identify-customer-problems
  - prioritize-backlog
  # ... or a duty of your own, with the area it belongs to.
  - text: TODO a duty of this team's own
    area: delivery
skills:
  - customer-empathy
  - skill: data-analysis
    level: 3
# The decisions this role makes without asking anyone.
authority:
  - TODO a decision this role makes
goals:
  - goal: TODO an outcome this role is accountable for
    measure: TODO how you will know
    target: "TODO a number"
`,
  ladder: () => `tracks:
  # Each track lists the ids of role documents, lowest rung first.
  - id: ic
    title: Individual contributor
    roles:
      - todo-first-role-id
      - todo-next-role-id
`,
  vision: () => `# Keep the statement short enough to say out loud (35 words at most).
statement: >-
  TODO: the north star in one or two sentences.
targetGroup:
  - TODO who the product is for
needs:
  - TODO the problem it solves for them
product:
  - TODO what makes the product stand out
businessGoals:
  - TODO how the product helps the business
horizon: TODO e.g. 3 years
`,
  strategy: () => `# The id of the vision this strategy serves.
vision: todo-vision-id
horizon: TODO e.g. FY27
market:
  - segment: TODO a market segment
    need: TODO what it needs
objectives:
  - objective: TODO a qualitative objective
    keyResults:
      - metric: TODO what you measure
        baseline: "TODO a number"
        target: "TODO a number"
`,
  charter: () => `mission: >-
  TODO: why the team exists, in a sentence or two.
scope:
  in:
    - TODO what the team owns
  # Saying what the team does not own matters as much as what it does.
  out:
    - TODO what the team does not own
team:
  # Role ids of the people on the team.
  - role: todo-role-id
    name: TODO a name
decisionRights:
  - decision: TODO a decision the team makes
    owner: todo-role-id
successMetrics:
  - metric: TODO what you measure
    baseline: "TODO a number"
    target: "TODO a number"
`,
};

/** The text of a new document of `kind` with the given id. */
export function template(kind: Kind, id: string): string {
  return `${header(kind, id, titleFromId(id))}\n${BODIES[kind](id)}`;
}

import schema from '../../../../schemas/charter.schema.json';
import { defineKind, MARKDOWN_FORM, YAML_FORM, type KindSchema } from './kind';

export const charter = defineKind({
  id: 'charter',
  title: 'Charter',
  newDocumentTitle: 'New Team Charter',
  schema: schema as unknown as KindSchema,
  forms: [YAML_FORM, MARKDOWN_FORM],
  proseSections: [
    { path: ['mission'], headings: ['Mission'], body: 'paragraphs' },
    { path: ['scope', 'in'], headings: ['In scope'], body: 'bullets' },
    { path: ['scope', 'out'], headings: ['Out of scope'], body: 'bullets' },
    { path: ['workingAgreements'], headings: ['Working agreements'], body: 'bullets' },
  ],
  symbolKind: 'Module',
  starterBody: `mission: >-
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
  snippet: {
    description: 'A whole team charter: mission, scope, team, decision rights and success metrics.',
    body: [
      'id: ${1:team-charter}',
      'title: ${2:TODO charter title}',
      'status: ${3|draft,review,approved,retired|}',
      'mission: >-',
      '  ${4:TODO why the team exists.}',
      'scope:',
      '  in:',
      '    - ${5:TODO what the team owns}',
      '  out:',
      '    - ${6:TODO what the team does not own}',
      'team:',
      '  - role: ${7:todo-role-id}',
      '    name: ${8:TODO a name}',
      'decisionRights:',
      '  - decision: ${9:TODO a decision the team makes}',
      '    owner: ${10:todo-role-id}',
      'successMetrics:',
      '  - metric: ${11:TODO what you measure}',
      '    baseline: "${12:TODO a number}"',
      '    target: "${13:TODO a number}"',
    ],
  },
});

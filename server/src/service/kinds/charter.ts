import schema from '../../../../schemas/charter.schema.json';
import { defineKind, YAML_FORM, type KindSchema } from './kind';

export const charter = defineKind({
  id: 'charter',
  title: 'Charter',
  newDocumentTitle: 'New Team Charter',
  schema: schema as unknown as KindSchema,
  forms: [YAML_FORM],
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
      'title: ${2:Team Charter}',
      'status: ${3|draft,review,approved,retired|}',
      'mission: >-',
      '  ${4:Why the team exists.}',
      'scope:',
      '  in:',
      '    - ${5:What the team owns}',
      '  out:',
      '    - ${6:What the team does not own}',
      'team:',
      '  - role: ${7:product-manager}',
      '    name: ${8:A name}',
      'decisionRights:',
      '  - decision: ${9:A decision the team makes}',
      '    owner: ${10:product-manager}',
      'successMetrics:',
      '  - metric: ${11:What you measure}',
      '    baseline: "${12:61%}"',
      '    target: "${13:66%}"',
    ],
  },
});

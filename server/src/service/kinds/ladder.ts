import schema from '../../../../schemas/ladder.schema.json';
import { defineKind, MARKDOWN_FORM, YAML_FORM, type KindSchema } from './kind';

export const ladder = defineKind({
  id: 'ladder',
  title: 'Ladder',
  newDocumentTitle: 'New Ladder',
  schema: schema as unknown as KindSchema,
  forms: [YAML_FORM, MARKDOWN_FORM],
  proseSections: [],
  symbolKind: 'Array',
  starterBody: `tracks:
  # Each track lists the ids of role documents, lowest rung first.
  - id: ic
    title: Individual contributor
    roles:
      - todo-first-role-id
      - todo-next-role-id
`,
  snippet: {
    description: 'A whole ladder document with one track.',
    body: [
      'id: ${1:product-ladder}',
      'title: ${2:TODO ladder title}',
      'status: ${3|draft,review,approved,retired|}',
      'tracks:',
      '  - id: ${4:ic}',
      '    title: ${5:TODO track name}',
      '    roles:',
      '      - ${6:todo-first-role-id}',
      '      - ${7:todo-next-role-id}',
    ],
  },
});

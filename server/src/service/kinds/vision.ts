import schema from '../../../../schemas/vision.schema.json';
import { defineKind, MARKDOWN_FORM, YAML_FORM, type KindSchema } from './kind';

export const vision = defineKind({
  id: 'vision',
  title: 'Vision',
  newDocumentTitle: 'New Vision',
  schema: schema as unknown as KindSchema,
  forms: [YAML_FORM, MARKDOWN_FORM],
  proseSections: [
    { path: ['statement'], headings: ['Vision', 'Statement'], body: 'paragraphs' },
    { path: ['targetGroup'], headings: ['Target group'], body: 'bullets' },
    { path: ['needs'], headings: ['Needs'], body: 'bullets' },
    { path: ['product'], headings: ['Product'], body: 'bullets' },
    { path: ['businessGoals'], headings: ['Business goals'], body: 'bullets' },
    { path: ['principles'], headings: ['Principles'], body: 'bullets' },
  ],
  symbolKind: 'Event',
  starterBody: `# Keep the statement short enough to say out loud (35 words at most).
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
  snippet: {
    description: 'A whole product vision board.',
    body: [
      'id: ${1:product-vision}',
      'title: ${2:TODO vision title}',
      'status: ${3|draft,review,approved,retired|}',
      'statement: >-',
      '  ${4:TODO the north star in one or two sentences.}',
      'targetGroup:',
      '  - ${5:TODO who the product is for}',
      'needs:',
      '  - ${6:TODO the problem it solves for them}',
      'product:',
      '  - ${7:TODO what makes the product stand out}',
      'businessGoals:',
      '  - ${8:TODO how the product helps the business}',
      'horizon: "${9:TODO e.g. 2028}"',
    ],
  },
});

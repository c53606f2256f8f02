import schema from '../../../../schemas/vision.schema.json';
import { defineKind, YAML_FORM, type KindSchema } from './kind';

export const vision = defineKind({
  id: 'vision',
  title: 'Vision',
  newDocumentTitle: 'New Vision',
  schema: schema as unknown as KindSchema,
  forms: [YAML_FORM],
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
horizon: "3 years"
`,
  snippet: {
    description: 'A whole product vision board.',
    body: [
      'id: ${1:product-vision}',
      'title: ${2:Product Vision}',
      'status: ${3|draft,review,approved,retired|}',
      'statement: >-',
      '  ${4:The north star in one or two sentences.}',
      'targetGroup:',
      '  - ${5:Who the product is for}',
      'needs:',
      '  - ${6:The problem it solves for them}',
      'product:',
      '  - ${7:What makes the product stand out}',
      'businessGoals:',
      '  - ${8:How the product helps the business}',
      'horizon: "${9:2028}"',
    ],
  },
});

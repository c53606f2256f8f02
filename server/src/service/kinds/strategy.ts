import schema from '../../../../schemas/strategy.schema.json';
import { defineKind, MARKDOWN_FORM, YAML_FORM, type KindSchema } from './kind';

export const strategy = defineKind({
  id: 'strategy',
  title: 'Strategy',
  newDocumentTitle: 'New Strategy',
  schema: schema as unknown as KindSchema,
  forms: [YAML_FORM, MARKDOWN_FORM],
  proseSections: [
    { path: ['differentiators'], headings: ['Differentiators'], body: 'bullets' },
    { path: ['risks'], headings: ['Risks'], body: 'bullets' },
    { path: ['assumptions'], headings: ['Assumptions'], body: 'bullets' },
  ],
  symbolKind: 'Namespace',
  starterBody: `# The id of the vision this strategy serves.
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
  snippet: {
    description: 'A whole product strategy: market, objectives and key results.',
    body: [
      'id: ${1:product-strategy}',
      'title: ${2:TODO strategy title}',
      'status: ${3|draft,review,approved,retired|}',
      'vision: ${4:todo-vision-id}',
      'horizon: ${5:TODO e.g. FY27}',
      'market:',
      '  - segment: ${6:TODO a market segment}',
      '    need: ${7:TODO what it needs}',
      'objectives:',
      '  - objective: ${8:TODO a qualitative objective}',
      '    keyResults:',
      '      - metric: ${9:TODO what you measure}',
      '        baseline: "${10:TODO a number}"',
      '        target: "${11:TODO a number}"',
    ],
  },
});

import schema from '../../../../schemas/role.schema.json';
import { defineKind, MARKDOWN_FORM, YAML_FORM, type KindSchema } from './kind';

export const role = defineKind({
  id: 'role',
  title: 'Role',
  newDocumentTitle: 'New Role',
  schema: schema as unknown as KindSchema,
  forms: [YAML_FORM, MARKDOWN_FORM],
  proseSections: [
    { path: ['summary'], headings: ['Summary'], body: 'paragraphs' },
    { path: ['authority'], headings: ['Authority', 'Decisions'], body: 'bullets' },
  ],
  symbolKind: 'Class',
  starterBody: `level: pm
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
  snippet: {
    description: 'A whole role document: level, summary, responsibilities, skills, authority and goals.',
    body: [
      'id: ${1:new-role}',
      'title: ${2:TODO role title}',
      'status: ${3|draft,review,approved,retired|}',
      'level: ${4|associate-pm,pm,senior-pm,group-pm,head-of-product,cpo|}',
      'summary: >-',
      '  ${5:TODO why the role exists: the outcome it owns and for whom.}',
      'responsibilities:',
      '  - ${6:define-product-strategy}',
      "  - text: ${7:TODO a duty of the team's own}",
      '    area: ${8|product-direction,discovery,delivery,stakeholders,people,organization,self-leadership|}',
      'skills:',
      '  - skill: ${9:data-analysis}',
      '    level: ${10|1,2,3,4,5|}',
      'authority:',
      '  - ${11:TODO a decision this role makes}',
      'goals:',
      '  - goal: ${12:TODO an outcome the role is accountable for}',
      '    measure: ${13:TODO how you will know}',
      '    target: "${14:TODO a number}"',
    ],
  },
});

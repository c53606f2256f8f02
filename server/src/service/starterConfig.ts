// The commented starter `charters.config.yaml`: what `charters init` writes, and what the editor
// offers to create for a document that no config governs. Text only; whoever writes it decides where.
import { ruleDocsUrl } from './lint';

/** The starter config's text: every key optional, with comments saying what each does. */
export function starterConfig(): string {
  return `# Settings for this workspace's product documents. \`charters lint\` and the VS Code extension
# read this file; every document in this folder and the folders below it belongs to it.
# Every key is optional: delete what you do not need.

# Severity per rule: off, info, warning or error. Rules not listed keep their default.
# Each finding names its rule and links to the rule's page, such as
# ${ruleDocsUrl('missing-authority')}
rules:
  # A role that cannot say what it decides cannot be held to account: make it fail the build.
  missing-authority: error

# Additions to the built-in taxonomy (\`charters taxonomy\` prints it): levels, areas,
# responsibilities and skills of your own, which role documents can then name by id.
# taxonomy:
#   # A level of your own, on the built-in scale of ranks (1 associate PM to 6 CPO),
#   # holding the typical responsibilities of the built-in level it is \`like\`.
#   levels:
#     - id: staff-pm
#       title: Staff Product Manager
#       rank: 4
#       track: ic
#       like: senior-pm
#       description: Takes on the hardest product problems across several teams, without managing people.
#   responsibilities:
#     - id: run-pricing-review
#       title: Run the pricing review
#       area: product-direction
#       description: Reviews prices every quarter.
#       levels:
#         - senior-pm

# Roles your charters and strategies name without a role document of their own: people of
# other disciplines in your product teams. A ladder's rungs must still be role documents.
# externalRoles:
#   - id: engineering-manager
#     title: Engineering Manager

# Extra glob patterns of files to check, on top of the usual file names, and patterns never to check.
# files:
#   - "docs/product/**/*.yaml"
# ignore:
#   - "**/archive/**"
`;
}

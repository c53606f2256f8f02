import type { Taxonomy } from '../service';

/** The taxonomy as a Markdown page: levels, then each area's responsibilities, then skills, then the bibliography. */
export function taxonomyMarkdown(taxonomy: Taxonomy): string {
  const lines: string[] = ['# Product responsibility taxonomy', ''];
  const ids = (list: readonly string[]) => list.map((id) => `\`${id}\``).join(', ');
  const also = (aliases: string[] | undefined) => (aliases?.length ? ` (also ${ids(aliases)})` : '');
  const cite = (files: readonly string[]) => files.map((file) => taxonomy.citation(file)).join('; ');
  lines.push('## Levels', '', '| rank | id | title | track | responsibilities |', '|---|---|---|---|---|');
  for (const level of taxonomy.levels) {
    lines.push(`| ${level.rank} | \`${level.id}\`${also(level.aliases)} | ${level.title} | ${level.track} | ${taxonomy.responsibilitiesOf(level.id).length} |`);
  }
  for (const role of taxonomy.roles) {
    lines.push(`| – | \`${role.id}\` | ${role.title} | cross-functional | ${taxonomy.responsibilitiesOf(role.id).length} |`);
  }
  for (const area of taxonomy.areas) {
    const items = taxonomy.responsibilities.filter((item) => item.area === area.id);
    lines.push('', `## ${area.title} (\`${area.id}\`)`, '');
    const written = area.aliases?.length ? `Also written ${ids(area.aliases)}.` : '';
    const about = [area.description, written].filter(Boolean).join(' ');
    if (about) lines.push(about, '');
    for (const item of items) {
      const line = item.lineManagement ? ' Needs line management.' : '';
      lines.push(
        `- **\`${item.id}\`**${also(item.aliases)} ${item.title}: ${item.description}${line} Held by: ${item.levels.join(', ') || '—'}. Sources: ${cite(item.sources)}.`,
      );
    }
  }
  lines.push('', '## Skills', '');
  for (const skill of taxonomy.skills) {
    const levels = skill.levels?.length ? ` Needed by: ${skill.levels.join(', ')}.` : '';
    lines.push(`- **\`${skill.id}\`**${also(skill.aliases)} ${skill.title}: ${skill.description}${levels}`);
  }
  lines.push('', '## Sources', '');
  for (const source of taxonomy.sources) lines.push(`- ${taxonomy.citation(source.file)}`);
  return `${lines.join('\n')}\n`;
}

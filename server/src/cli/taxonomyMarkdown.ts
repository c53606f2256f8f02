import type { Taxonomy } from '../service';

/** The taxonomy as a Markdown page: levels, then each area's responsibilities, then skills. */
export function taxonomyMarkdown(taxonomy: Taxonomy): string {
  const lines: string[] = ['# Product responsibility taxonomy', ''];
  lines.push('## Levels', '', '| rank | id | title | track | responsibilities |', '|---|---|---|---|---|');
  for (const level of taxonomy.levels) {
    lines.push(`| ${level.rank} | \`${level.id}\` | ${level.title} | ${level.track} | ${taxonomy.responsibilitiesOf(level.id).length} |`);
  }
  for (const role of taxonomy.roles) {
    lines.push(`| – | \`${role.id}\` | ${role.title} | cross-functional | ${taxonomy.responsibilitiesOf(role.id).length} |`);
  }
  for (const area of taxonomy.areas) {
    const items = taxonomy.responsibilities.filter((item) => item.area === area.id);
    lines.push('', `## ${area.title} (\`${area.id}\`)`, '');
    if (area.description) lines.push(area.description, '');
    for (const item of items) {
      lines.push(`- **\`${item.id}\`** ${item.title}: ${item.description} _Held by: ${item.levels.join(', ') || '—'}. Sources: ${item.sources.join(', ')}._`);
    }
  }
  lines.push('', '## Skills', '');
  for (const skill of taxonomy.skills) lines.push(`- **\`${skill.id}\`** ${skill.title}: ${skill.description}`);
  lines.push('', '## Sources', '');
  for (const source of taxonomy.sources) lines.push(`- ${source.title}${source.author ? `, ${source.author}` : ''} (\`${source.file}\`)`);
  return `${lines.join('\n')}\n`;
}

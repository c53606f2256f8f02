import MarkdownIt from 'markdown-it';
import { esc } from './escape';

/**
 * The free prose of a Markdown document, drawn as HTML: raw HTML is not passed through (it shows
 * as text), images show their description and load nothing, and links open only http(s) and
 * mail addresses. Everything else is escaped by markdown-it.
 */
const PROSE = new MarkdownIt('default', { html: false, linkify: false, typographer: false });
PROSE.renderer.rules.image = (tokens, index, options, env, self) => {
  const alt = self.renderInlineAsText(tokens[index].children ?? [], options, env);
  return `<span class="image-alt">${esc(alt ? `[image: ${alt}]` : '[image]')}</span>`;
};
const defaultValidateLink = PROSE.validateLink;
PROSE.validateLink = (url) => /^(?:https?:|mailto:|#)/i.test(url.trim()) && defaultValidateLink(url);
PROSE.renderer.rules.link_open = (tokens, index, options, _env, self) => {
  tokens[index].attrSet('rel', 'noopener noreferrer');
  return self.renderToken(tokens, index, options);
};

/** HTML of Markdown source, headings moved down two levels to sit under the preview's own. */
export function renderProse(source: string): string {
  return PROSE.render(source).replace(/<(\/?)h([1-6])\b/g, (_match, slash: string, level: string) => `<${slash}h${Math.min(Number(level) + 2, 6)}`);
}

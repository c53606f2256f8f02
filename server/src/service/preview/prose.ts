import MarkdownIt from 'markdown-it';
import { esc } from './escape';

/**
 * The free prose of a Markdown document, drawn as HTML: raw HTML is not passed through (it shows
 * as text), images show their description and load nothing, and links open only http(s) and
 * mail addresses. Everything else is escaped by markdown-it.
 */
let prose: MarkdownIt | undefined;
/** Made on first use (a constant, never changed): a start that draws no Markdown does not build it. */
function proseOnce(): MarkdownIt {
  if (prose) return prose;
  const parser = new MarkdownIt('default', { html: false, linkify: false, typographer: false });
  parser.renderer.rules.image = (tokens, index, options, env, self) => {
    const alt = self.renderInlineAsText(tokens[index].children ?? [], options, env);
    return `<span class="image-alt">${esc(alt ? `[image: ${alt}]` : '[image]')}</span>`;
  };
  const defaultValidateLink = parser.validateLink;
  parser.validateLink = (url) => /^(?:https?:|mailto:|#)/i.test(url.trim()) && defaultValidateLink(url);
  parser.renderer.rules.link_open = (tokens, index, options, _env, self) => {
    tokens[index].attrSet('rel', 'noopener noreferrer');
    return self.renderToken(tokens, index, options);
  };
  prose = parser;
  return prose;
}

/** HTML of Markdown source, headings moved down two levels to sit under the preview's own. */
export function renderProse(source: string): string {
  return proseOnce()
    .render(source)
    .replace(/<(\/?)h([1-6])\b/g, (_match, slash: string, level: string) => `<${slash}h${Math.min(Number(level) + 2, 6)}`);
}

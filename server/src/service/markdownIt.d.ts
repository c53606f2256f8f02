// The part of markdown-it's API the service uses (the package ships no types of its own).
declare module 'markdown-it' {
  namespace MarkdownIt {
    interface Token {
      type: string;
      tag: string;
      /** Source lines [first, last + 1) of a block token; null for inline tokens. */
      map: [number, number] | null;
      nesting: 1 | 0 | -1;
      level: number;
      content: string;
      markup: string;
      info: string;
      attrs: [string, string][] | null;
      children: Token[] | null;
      hidden: boolean;
      attrGet(name: string): string | null;
      attrSet(name: string, value: string): void;
    }
    interface Options {
      html?: boolean;
      linkify?: boolean;
      typographer?: boolean;
    }
    type RenderRule = (tokens: Token[], index: number, options: Options, env: unknown, self: Renderer) => string;
    interface Renderer {
      rules: Record<string, RenderRule | undefined>;
      renderToken(tokens: Token[], index: number, options: Options): string;
      renderInlineAsText(tokens: Token[], options: Options, env: unknown): string;
    }
  }
  interface MarkdownIt {
    parse(source: string, env: unknown): MarkdownIt.Token[];
    render(source: string, env?: unknown): string;
    renderer: MarkdownIt.Renderer;
    validateLink: (url: string) => boolean;
    disable(rules: string | string[]): MarkdownIt;
  }
  const MarkdownIt: {
    new (preset?: 'default' | 'commonmark' | 'zero', options?: MarkdownIt.Options): MarkdownIt;
  };
  export = MarkdownIt;
}

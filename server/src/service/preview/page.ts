/// <reference path="./css.d.ts" />
// The stylesheet: theme colours in VS Code, with fallbacks for the standalone file, light or dark.
import STYLE from './preview.css';
import { esc } from './escape';

/**
 * The HTML page around a preview body, the same for the VS Code webview and the exported file:
 * the page never loads anything remote and runs no script but its own nonce'd one.
 */

export interface PageOptions {
  nonce: string;
  /** The webview's `cspSource`; absent in standalone HTML. */
  cspSource?: string;
  /** A file to open in a browser: no script at all. */
  standalone: boolean;
  title: string;
}

export function renderPage(body: string, options: PageOptions): string {
  const nonce = esc(options.nonce);
  const source = options.cspSource ? `${options.cspSource} ` : '';
  const csp = options.standalone
    ? `default-src 'none'; style-src 'nonce-${options.nonce}'; img-src data:;`
    : `default-src 'none'; style-src ${source}'nonce-${options.nonce}'; script-src 'nonce-${options.nonce}'; img-src ${source}data:;`;
  const script = options.standalone ? '' : `\n<script nonce="${nonce}">${SCRIPT}</script>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(options.title)}</title>
<style nonce="${nonce}">
${STYLE}</style>
</head>
<body class="${options.standalone ? 'standalone' : 'webview'}">
<main>
${body}
</main>${script}
</body>
</html>
`;
}

/**
 * Opens the file behind a card or a link (the extension checks the URI before opening it), or the
 * organisation site's org chart.
 */
const SCRIPT = `(function () {
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', function (event) {
    const target = event.target instanceof Element ? event.target : null;
    if (!target || target.closest('details')) return;
    const site = target.closest('[data-site]');
    if (site) {
      event.preventDefault();
      vscode.postMessage({ type: 'openSite', role: site.getAttribute('data-role') || undefined });
      return;
    }
    const element = target.closest('[data-uri]');
    if (!element) return;
    event.preventDefault();
    vscode.postMessage({ type: 'open', uri: element.getAttribute('data-uri') });
  });
})();`;

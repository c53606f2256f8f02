// Imported by the client bundle: it may import only the protocol's types and the escaping module.
import type { PreviewResult, PreviewSyntaxError } from '../../protocol';
import { escapeHtml } from './escape';

/**
 * What the webview shows for a fresh result: the result itself, or, while the YAML cannot be read,
 * the last good rendering of the same document under a banner that names the error and its line,
 * so a half-typed line does not blank the preview. Without a good rendering yet, the result's own
 * page says what to fix.
 */
export function withLastGood(result: PreviewResult, lastGood: PreviewResult | undefined): PreviewResult {
  if (!result.syntaxError || !lastGood || lastGood.syntaxError) return result;
  return { title: lastGood.title, body: `${syntaxBanner(result.syntaxError)}\n${lastGood.body}` };
}

function syntaxBanner(error: PreviewSyntaxError): string {
  return `<section class="stale" role="status"><p><strong>Line ${escapeHtml(error.line)}:</strong> ${escapeHtml(error.message)}</p>
<p class="muted">The preview shows the document as it was before this error, until the YAML can be read again.</p></section>`;
}

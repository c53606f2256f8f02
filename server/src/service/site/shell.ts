import { esc } from '../preview/escape';
import { ORG_CHART, OVERVIEW, relativeHref, RESPONSIBILITIES, STYLESHEET } from './paths';

/**
 * The page around every page of the site: one stylesheet beside it, a navigation bar, a skip link
 * and no script. The policy allows the stylesheet and images of the site itself only.
 */
export function sitePage(page: string, options: { title: string; siteTitle: string; body: string; footer: string }): string {
  const href = (to: string) => esc(relativeHref(page, to));
  const nav = [
    [OVERVIEW, 'Overview'],
    [ORG_CHART, 'Org chart'],
    [RESPONSIBILITIES, 'Responsibilities'],
  ]
    .map(([to, label]) => `<a href="${href(to)}"${to === page ? ' aria-current="page"' : ''}>${label}</a>`)
    .join('');
  const title = page === OVERVIEW ? options.siteTitle : `${options.title} · ${options.siteTitle}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'; img-src 'self' data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="stylesheet" href="${href(STYLESHEET)}">
</head>
<body class="standalone site">
<a class="skip" href="#main">Skip to the content</a>
<header class="site-head"><a class="site-name" href="${href(OVERVIEW)}">${esc(options.siteTitle)}</a><nav aria-label="Site">${nav}</nav></header>
<main id="main">
${options.body}
</main>
<footer class="site-foot">${options.footer}</footer>
</body>
</html>
`;
}

import type { Kind } from '../types';

/**
 * Where each page of the site lives. Every address is relative to the site's root folder, with `/`
 * separators; links between pages are relative to the page they are on, so the site works opened
 * from disk and from any folder of a static host.
 */

/** The folder and heading of each kind's pages; checked by the compiler to cover every kind. */
export const SECTIONS: Record<Kind, { folder: string; heading: string }> = {
  role: { folder: 'roles', heading: 'Roles' },
  ladder: { folder: 'ladders', heading: 'Ladders' },
  vision: { folder: 'visions', heading: 'Visions' },
  strategy: { folder: 'strategies', heading: 'Strategies' },
  charter: { folder: 'charters', heading: 'Charters' },
};

export const OVERVIEW = 'index.html';
export const ORG_CHART = 'org-chart.html';
export const RESPONSIBILITIES = 'responsibilities.html';
export const STYLESHEET = 'style.css';

/** A file name from an id or a file name: lower-case letters, digits and dashes only. */
export function slug(text: string): string {
  const cleaned = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return cleaned || 'document';
}

/** The address of `to` as a link on the page `from`: `roles/pm.html` → `../ladders/x.html`. */
export function relativeHref(from: string, to: string): string {
  const fromDirs = from.split('/').slice(0, -1);
  const target = to.split('/');
  let common = 0;
  while (common < fromDirs.length && common < target.length - 1 && fromDirs[common] === target[common]) common++;
  const ups = fromDirs.slice(common).map(() => '..');
  return [...ups, ...target.slice(common)].map((segment) => (segment === '..' ? segment : encodeURIComponent(segment))).join('/');
}

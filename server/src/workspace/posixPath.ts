// The path functions the workspace module, the server and the client use, for POSIX paths only:
// the browser builds (scripts/build.mjs) put this module where `node:path` is imported, since a
// browser has no Node. There a path is the path of a URI of the editor's file system
// (`vscode-vfs://github/owner/repo/roles/pm.role.yaml` → `/owner/repo/roles/pm.role.yaml`),
// always absolute and `/`-separated, so POSIX rules are the right ones.

export const sep = '/';
export const delimiter = ':';

export function isAbsolute(path: string): boolean {
  return path.startsWith('/');
}

/** `.` and `..` resolved, repeated and trailing slashes dropped; `.` for an empty relative path. */
export function normalize(path: string): string {
  if (path === '') return '.';
  const absolute = isAbsolute(path);
  const trailing = path.endsWith('/');
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length && segments[segments.length - 1] !== '..') segments.pop();
      else if (!absolute) segments.push('..');
    } else segments.push(segment);
  }
  const result = segments.join('/');
  if (absolute) return result === '' ? '/' : `/${result}${trailing ? '/' : ''}`;
  if (result === '') return trailing ? './' : '.';
  return trailing ? `${result}/` : result;
}

export function join(...paths: string[]): string {
  const parts = paths.filter((part) => part !== '');
  return parts.length ? normalize(parts.join('/')) : '.';
}

/** The absolute path of the last absolute argument joined with those after it; the root `/` stands in for a working folder. */
export function resolve(...paths: string[]): string {
  let resolved = '';
  for (let index = paths.length - 1; index >= 0 && !isAbsolute(resolved); index--) {
    if (paths[index] === '') continue;
    resolved = resolved === '' ? paths[index] : `${paths[index]}/${resolved}`;
  }
  const result = normalize(`/${resolved}`);
  return result.length > 1 && result.endsWith('/') ? result.slice(0, -1) : result;
}

/** The path from `from` to `to` (both resolved first); '' when they are the same. */
export function relative(from: string, to: string): string {
  const start = resolve(from).split('/').filter(Boolean);
  const end = resolve(to).split('/').filter(Boolean);
  let common = 0;
  while (common < start.length && common < end.length && start[common] === end[common]) common++;
  return [...start.slice(common).map(() => '..'), ...end.slice(common)].join('/');
}

export function dirname(path: string): string {
  if (path === '') return '.';
  let end = path.length;
  while (end > 1 && path[end - 1] === '/') end--;
  const slash = path.lastIndexOf('/', end - 1);
  if (slash < 0) return '.';
  if (slash === 0) return '/';
  // as Node does: the slashes before the last name are kept as written, and `//x` keeps its two
  return slash === 1 && path[0] === '/' ? '//' : path.slice(0, slash);
}

export function basename(path: string, suffix?: string): string {
  let end = path.length;
  while (end > 0 && path[end - 1] === '/') end--;
  const name = path.slice(path.lastIndexOf('/', end - 1) + 1, end);
  return suffix !== undefined && suffix !== name && name.endsWith(suffix) ? name.slice(0, name.length - suffix.length) : name;
}

export function extname(path: string): string {
  const name = basename(path);
  const dot = name.lastIndexOf('.');
  // a name that starts with its only dot (`.git`) has none, and neither has `..`
  return dot <= 0 || name === '..' ? '' : name.slice(dot);
}

export const posix = { sep, delimiter, isAbsolute, normalize, join, resolve, relative, dirname, basename, extname };
export default posix;

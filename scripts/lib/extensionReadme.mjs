// The extension's page (README.extension.md) as the .vsix ships it. VS Code draws an installed
// extension's README in a webview without a base address, under the policy
// `img-src https: data:`: a relative picture is never loaded from the extension's folder, and an
// https one needs the network. So every picture the page names by a relative path is written into
// the page itself as a `data:` address, from the file in the repository; a picture from the
// network is refused, as is a developer's command.
import * as fs from 'node:fs';
import * as path from 'node:path';

const MEDIA_TYPES = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp' };

/** `![alt](src)` and `![alt](src "title")`, and `<img … src="…">`. */
const MARKDOWN_IMAGE = /!\[([^\]]*)\]\(\s*([^)\s]+)(\s+"[^"]*")?\s*\)/g;
const HTML_IMAGE = /<img\b[^>]*\bsrc=["']([^"']+)["'][^>]*>/gi;

/** Words that belong to the repository's developers, not to the person who installs the extension. */
export const DEVELOPER_ONLY = ['npm ci', 'npm start', 'npm run build', 'npm install'];

/** The addresses of every picture a Markdown text shows, in order. */
export function imageSources(markdown) {
  return [...markdown.matchAll(MARKDOWN_IMAGE)].map((match) => match[2]).concat([...markdown.matchAll(HTML_IMAGE)].map((match) => match[1]));
}

/**
 * The page as packed: each relative picture replaced by a `data:` address of the file (relative to
 * `root`). Throws, naming the picture, for a file that is missing or of a kind a browser may not
 * show, for a picture from the network, and for a developer's command in the text.
 */
export function packReadme(markdown, root) {
  const problems = [];
  for (const words of DEVELOPER_ONLY) if (markdown.includes(words)) problems.push(`it says "${words}", which is for the repository's developers`);
  if (HTML_IMAGE.test(markdown)) problems.push('it has an <img> tag: use Markdown pictures, ![what it shows](docs/images/….png)');
  HTML_IMAGE.lastIndex = 0;
  const packed = markdown.replace(MARKDOWN_IMAGE, (whole, alt, source, title = '') => {
    if (/^data:/i.test(source)) return whole;
    if (/^[a-z][a-z0-9+.-]*:/i.test(source) || source.startsWith('//')) {
      problems.push(`the picture ${source} comes from the network and does not show offline: put the file in docs/images/`);
      return whole;
    }
    const file = path.resolve(root, decodeURI(source));
    const type = MEDIA_TYPES[path.extname(file).toLowerCase()];
    if (!type) problems.push(`the picture ${source} is not a PNG, JPEG, GIF or WebP file`);
    else if (!fs.existsSync(file) || !fs.statSync(file).isFile()) problems.push(`the picture ${source} does not exist`);
    else return `![${alt}](data:${type};base64,${fs.readFileSync(file).toString('base64')}${title})`;
    return whole;
  });
  if (problems.length) throw new Error(`README.extension.md cannot be the extension's page:\n  ${problems.join('\n  ')}`);
  return packed;
}

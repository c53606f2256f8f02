// The esbuild plugin of the browser bundles (scripts/build.mjs, test/unit/bundles.test.ts): where
// the Node build imports `node:path`, a browser gets the POSIX path functions of
// server/src/workspace/posixPath.ts; where it imports the workspace's `./fileUris` (`file:` URIs
// of the disk), it gets `fileUris.browser.ts` (the editor's file system). Any other Node module
// is left unresolved, so esbuild fails the build rather than ship a bundle that cannot run.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const posixPath = path.join(repoRoot, 'server', 'src', 'workspace', 'posixPath.ts');
const fileUris = path.join(repoRoot, 'server', 'src', 'workspace', 'fileUris.ts');

export function browserModules() {
  return {
    name: 'browser-modules',
    setup(build) {
      build.onResolve({ filter: /^(node:)?path$/ }, () => ({ path: posixPath }));
      build.onResolve({ filter: /\/fileUris$/ }, (args) => {
        const resolved = path.resolve(args.resolveDir, `${args.path}.ts`);
        return resolved === fileUris ? { path: path.join(path.dirname(fileUris), 'fileUris.browser.ts') } : undefined;
      });
    },
  };
}

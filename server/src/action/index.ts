import { isMainThread } from 'node:worker_threads';
import { runAction } from './action';

/**
 * The command line, from this bundle: bin/charters.js runs it where npm could not build
 * dist/cli.js (pre-commit installs this repository as a global git dependency, and npm gives the
 * build no devDependencies there).
 */
export { runCli } from '../cli/run';

// the runner starts this file (action.yml); a lint of a large folder starts worker threads on it
// too (cli/parallelLint.ts), and bin/charters.js requires it: only the runner's start runs the Action
if (isMainThread && require.main === module)
  process.exitCode = runAction(process.env, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });

import { isMainThread } from 'node:worker_threads';
import { runAction } from './action';

// a lint of a large folder starts worker threads on this same bundle (cli/parallelLint.ts): only the main thread runs the Action
if (isMainThread)
  process.exitCode = runAction(process.env, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });

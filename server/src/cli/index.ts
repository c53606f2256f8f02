import { isMainThread } from 'node:worker_threads';
import { main } from './main';

// lint workers load this same bundle (see parallelLint.ts); only the main thread runs the command
if (isMainThread)
  process.exitCode = main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    color: process.stdout.isTTY === true && !process.env.NO_COLOR,
    progress: process.stderr.isTTY === true && !process.env.CI,
  });

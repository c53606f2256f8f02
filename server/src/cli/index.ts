import { isMainThread } from 'node:worker_threads';
import { runCli } from './run';

// lint workers load this same bundle (see parallelLint.ts); only the main thread runs the command
if (isMainThread) runCli();

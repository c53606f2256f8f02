import { main } from './main';

/** `charters ARGS` in this process: its arguments, its terminal, its exit code. */
export function runCli(): void {
  process.exitCode = main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    color: process.stdout.isTTY === true && !process.env.NO_COLOR,
    progress: process.stderr.isTTY === true && !process.env.CI,
  });
}

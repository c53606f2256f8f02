// The language server's entry: `node dist/server.js --stdio` (any LSP client; the npm package's
// `charters-language-server --stdio`) or `--node-ipc` (VS Code).
import { ProposedFeatures, createConnection, type Connection } from 'vscode-languageserver/node';
import { NODE_HOST } from './lsp/nodeHost';
import { startServer } from './lsp/startServer';
import { version as packageVersion } from '../../package.json';

const USAGE = `charters-language-server ${packageVersion}: the Product Charters language server.

Usage:
  charters-language-server --stdio      serve an editor over stdin and stdout (the Language Server Protocol)
  charters-language-server --version | --help

An editor starts it: the setups for Neovim, Helix and other editors are in
https://github.com/product-charters/product-charters/blob/v${packageVersion}/docs/editors.md
`;

const args = process.argv.slice(2);
if (args[0] === '--version' || args[0] === '-v') {
  process.stdout.write(`${packageVersion}\n`);
} else if (args[0] === '--help' || args[0] === '-h') {
  process.stdout.write(USAGE);
} else {
  let connection: Connection | undefined;
  try {
    // reads the transport (--stdio, --node-ipc, --socket=N, --pipe=NAME) from the command line
    connection = createConnection(ProposedFeatures.all);
  } catch {
    // started by hand, without a transport: say how to start it, rather than a stack trace
    process.stderr.write(`charters-language-server: no transport given (--stdio, --node-ipc, --socket=PORT or --pipe=NAME).\n\n${USAGE}`);
    process.exitCode = 2;
  }
  if (connection) startServer(connection, NODE_HOST);
}

// The language server's entry: `node dist/server.js --stdio` (any LSP client) or `--node-ipc` (VS Code).
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer } from './lsp/startServer';

startServer(createConnection(ProposedFeatures.all));

// dist/server.browser.js: the language server as a Web Worker, talking to the extension through
// the worker's own message port.
import { serveOver, type MessageEnd } from './server';

serveOver(globalThis as unknown as MessageEnd);

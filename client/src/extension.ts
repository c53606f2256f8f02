// The extension's entry on Node (package.json `main`, dist/client.js); client/src/browser/extension.ts
// is the one for browsers (`browser`, dist/client.browser.js).
import type * as vscode from 'vscode';
import { activateWith, deactivate, type ChartersApi } from './activate';
import { NODE_PLATFORM } from './node/platform';

export type { ChartersApi };
export { deactivate };

export function activate(context: vscode.ExtensionContext): Promise<ChartersApi> {
  return activateWith(context, NODE_PLATFORM);
}

// The extension's entry in a browser (package.json `browser`, dist/client.browser.js).
import type * as vscode from 'vscode';
import { activateWith, deactivate, type ChartersApi } from '../activate';
import { BROWSER_PLATFORM } from './platform';

export type { ChartersApi };
export { deactivate };

export function activate(context: vscode.ExtensionContext): Promise<ChartersApi> {
  return activateWith(context, BROWSER_PLATFORM);
}

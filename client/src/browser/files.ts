// The browser server's questions about files (protocol.ts: `charters/findFiles`,
// `charters/readFiles`), answered through VS Code's file system API, which also serves virtual
// file systems such as github.dev's. The server says which globs; this module only lists and reads.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  FIND_FILES_REQUEST,
  READ_FILES_REQUEST,
  type FileText,
  type FindFilesParams,
  type FindFilesResult,
  type ReadFilesParams,
  type ReadFilesResult,
} from '../../../server/src/protocol';

/** Larger files are not read: the server's size limits would refuse them anyway. */
const MAX_BYTES = 8 * 1024 * 1024;

export function answerFileRequests(client: BaseLanguageClient): void {
  client.onRequest(FIND_FILES_REQUEST, (params: FindFilesParams) => findFiles(params));
  client.onRequest(READ_FILES_REQUEST, (params: ReadFilesParams) => readFiles(params));
}

async function findFiles({ base, patterns, ignore, folders }: FindFilesParams): Promise<FindFilesResult> {
  const baseUri = vscode.Uri.parse(base);
  // VS Code's globs do not nest braces: one search per pattern, and the ignores as one exclude only where none has braces
  const exclude = ignore.length && !ignore.some((glob) => /[{}]/.test(glob)) ? new vscode.RelativePattern(baseUri, `{${ignore.join(',')}}`) : null;
  const search = async (globs: string[]): Promise<vscode.Uri[]> => {
    const found = await Promise.all(globs.map((glob) => vscode.workspace.findFiles(new vscode.RelativePattern(baseUri, glob), exclude)));
    const unique = new Map(found.flat().map((uri) => [uri.toString(), uri]));
    return [...unique.values()];
  };
  const files = (await Promise.all((await search(patterns)).map(readText))).filter((file): file is FileText => file !== undefined);
  // a folder (`.git`) is found by a file directly inside it
  const found = folders ? await search(patterns.map((glob) => `${glob}/*`)) : [];
  return { files, folders: [...new Set(found.map((uri) => vscode.Uri.joinPath(uri, '..').toString()))] };
}

async function readFiles({ read, stat }: ReadFilesParams): Promise<ReadFilesResult> {
  const answers = await Promise.all([
    ...read.map(async (uri) => (await readText(vscode.Uri.parse(uri))) ?? { uri, folder: (await fileType(uri)) === vscode.FileType.Directory || undefined }),
    ...stat.map(async (uri) => ({ uri, folder: (await fileType(uri)) === vscode.FileType.Directory || undefined })),
  ]);
  return { files: answers };
}

async function readText(uri: vscode.Uri): Promise<FileText | undefined> {
  try {
    const { size, type } = await vscode.workspace.fs.stat(uri);
    if (size > MAX_BYTES || (type & vscode.FileType.File) === 0) return undefined;
    return { uri: uri.toString(), text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) };
  } catch {
    return undefined; // gone, or cannot be read
  }
}

async function fileType(uri: string): Promise<vscode.FileType | undefined> {
  try {
    return (await vscode.workspace.fs.stat(vscode.Uri.parse(uri))).type;
  } catch {
    return undefined;
  }
}

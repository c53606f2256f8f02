// What the service benchmark needs of the language service, bundled by esbuild at bench time.
export { createLanguageService } from '../server/src/service/languageService';
export { MemoryIndex } from '../server/src/service/workspace';
export { TextDocument } from 'vscode-languageserver-textdocument';
export { parseDocument } from 'yaml';
export { parseIncrementally, itemsParsedAlone } from '../server/src/service/incrementalParse';

/** A document's own indentation unit, list style and line ending: what fixes and completions write new lines in. */
export interface Style {
  indent: number;
  indentSeq: boolean;
  eol: string;
}

/**
 * The style of `text`. Read from the whole text, so the service computes it once per version of a
 * document, when first asked (`ParsedDocument.style`), rather than once per fix.
 */
export function detectStyle(text: string): Style {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const nested = /^([ ]*)[^\s#-][^:\n]*:[ \t]*\r?\n(?:[ ]*#.*\r?\n)*([ ]*)(-[ ]|\S)/m.exec(text);
  let indent = 2;
  let indentSeq = true;
  if (nested) {
    const outer = nested[1].length;
    const inner = nested[2].length;
    if (nested[3].startsWith('-')) indentSeq = inner > outer;
    if (inner > outer) indent = inner - outer;
  }
  const mapUnderKey = /^([ ]*)[^\s#-][^:\n]*:[ \t]*\r?\n([ ]*)[^\s#-][^:\n]*:/m.exec(text);
  if (mapUnderKey && mapUnderKey[2].length > mapUnderKey[1].length) indent = mapUnderKey[2].length - mapUnderKey[1].length;
  return { indent: Math.min(Math.max(indent, 1), 8), indentSeq, eol };
}

/** `detectStyle(text)`, computed on the first call only. */
export function lazyStyle(text: string): () => Style {
  let style: Style | undefined;
  return () => {
    style ??= detectStyle(text);
    return style;
  };
}

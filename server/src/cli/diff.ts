// A unified diff of two texts, line by line (Myers' O(ND) algorithm), as `diff -u` and `git diff`
// print it: what `charters lint --fix-dry-run` shows instead of writing.

type Op = { type: ' ' | '-' | '+'; line: string };

const CONTEXT = 3;

/** `---`/`+++` headers and `@@` hunks with three lines of context; '' when the texts are equal. */
export function unifiedDiff(name: string, before: string, after: string): string {
  if (before === after) return '';
  const ops = diffLines(splitLines(before), splitLines(after));
  const out = [`--- a/${name}`, `+++ b/${name}`];
  let at = 0;
  while (at < ops.length) {
    while (at < ops.length && ops[at].type === ' ') at++;
    if (at === ops.length) break;
    // a hunk runs from CONTEXT lines before a change to CONTEXT lines after the last change that
    // follows the one before it within 2 * CONTEXT unchanged lines
    const start = Math.max(0, at - CONTEXT);
    let end = at;
    let unchanged = 0;
    for (let scan = at; scan < ops.length; scan++) {
      if (ops[scan].type !== ' ') {
        unchanged = 0;
        end = scan;
      } else if (++unchanged > 2 * CONTEXT) break;
    }
    const stop = Math.min(ops.length, end + 1 + CONTEXT);
    const hunk = ops.slice(start, stop);
    const oldStart = ops.slice(0, start).filter((op) => op.type !== '+').length;
    const newStart = ops.slice(0, start).filter((op) => op.type !== '-').length;
    const oldCount = hunk.filter((op) => op.type !== '+').length;
    const newCount = hunk.filter((op) => op.type !== '-').length;
    out.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`);
    for (const op of hunk) {
      if (op.line.endsWith(NO_FINAL_BREAK)) out.push(`${op.type}${op.line.slice(0, -NO_FINAL_BREAK.length)}`, '\\ No newline at end of file');
      else out.push(`${op.type}${op.line}`);
    }
    at = stop;
  }
  return `${out.join('\n')}\n`;
}

/** Marks a text's last line when no line break ends it: it then differs from the same words with one. */
const NO_FINAL_BREAK = '\n';

function range(start: number, count: number): string {
  // diff's convention: an empty range is named by the line before it
  return count === 1 ? `${start + 1}` : `${count === 0 ? start : start + 1},${count}`;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else lines[lines.length - 1] += NO_FINAL_BREAK;
  return lines;
}

/** The shortest edit script from `a` to `b`, as kept, removed and added lines in order. */
function diffLines(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  search: for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) break search;
    }
  }
  // walk back from the end through the frontier saved before each step
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const frontier = trace[d];
    const k = x - y;
    let previousX = 0;
    let previousY = 0;
    let down = false;
    if (d > 0) {
      down = k === -d || (k !== d && frontier[offset + k - 1] < frontier[offset + k + 1]);
      const previousK = down ? k + 1 : k - 1;
      previousX = frontier[offset + previousK];
      previousY = previousX - previousK;
    }
    while (x > previousX && y > previousY) {
      x--;
      y--;
      ops.push({ type: ' ', line: a[x] });
    }
    if (d === 0) break;
    if (down) ops.push({ type: '+', line: b[--y] });
    else ops.push({ type: '-', line: a[--x] });
  }
  return ops.reverse();
}

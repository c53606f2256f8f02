/** A stylesheet imported as its text: esbuild's `text` loader, and out/<path>.css.js for the tests (scripts/emit-css.mjs). */
declare module '*.css' {
  const text: string;
  export default text;
}

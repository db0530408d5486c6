/**
 * Types for the two jsonc-parser files parse.ts imports directly (the package ships types
 * only for its main module, which re-exports these same functions).
 */
declare module 'jsonc-parser/lib/umd/impl/parser.js' {
  export { findNodeAtLocation, getNodeValue, parseTree, stripComments } from 'jsonc-parser';
}
declare module 'jsonc-parser/lib/umd/impl/scanner.js' {
  export { createScanner } from 'jsonc-parser';
}

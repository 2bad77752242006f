// @anchor-lang/core for the browser: its browser build has only named
// exports, the SDK (written for Node's CommonJS interop) uses the default.
// Plain JS: the app has no type dependency on @anchor-lang/core itself.
import * as anchor from "@anchor-lang-browser";
export * from "@anchor-lang-browser";
export default anchor;

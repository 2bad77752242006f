import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
// The SDK's own copy of @anchor-lang/core (browser build, ES module).
const anchorBrowser = path.resolve(here, "../sdk/node_modules/@anchor-lang/core/dist/browser/index.js");

// wallet-adapter-react-ui's stylesheet pulls a web font from Google's servers;
// the app uses system fonts and makes no third-party requests.
const noRemoteFonts: Plugin = {
  name: "autofactor-no-remote-fonts",
  enforce: "pre",
  transform(code, id) {
    if (id.includes("wallet-adapter-react-ui") && id.endsWith(".css")) {
      return code.replace(/@import url\([^)]*fonts\.googleapis[^)]*\);?/g, "");
    }
    return null;
  },
};

export default defineConfig({
  plugins: [noRemoteFonts, react()],
  resolve: {
    // One copy of each: the SDK (a file: dependency) has its own node_modules.
    dedupe: ["@solana/web3.js", "react", "react-dom", "buffer", "bn.js"],
    alias: [
      // The SDK hashes with node:crypto's createHash; in the browser the same
      // SHA-256 comes from @noble/hashes (src/shims/crypto.ts).
      { find: /^node:crypto$/, replacement: path.resolve(here, "src/shims/crypto.ts") },
      // The SDK imports @anchor-lang/core's default export (its CommonJS
      // build in Node); the browser build only has named exports.
      { find: /^@anchor-lang\/core$/, replacement: path.resolve(here, "src/shims/anchor.js") },
      { find: /^@anchor-lang-browser$/, replacement: anchorBrowser },
    ],
  },
  define: {
    "process.env.NODE_DEBUG": "undefined",
  },
  optimizeDeps: {
    include: ["buffer", "@solana/web3.js", "bn.js"],
  },
  server: { host: "127.0.0.1", port: 5173 },
  preview: { host: "127.0.0.1", port: 4173 },
  build: { sourcemap: true, chunkSizeWarningLimit: 2500 },
});

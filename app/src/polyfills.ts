// Node's Buffer for the SDK and @solana/web3.js in the browser. Imported
// first by main.tsx, before anything that uses it.
import { Buffer } from "buffer";

const g = globalThis as unknown as { Buffer?: typeof Buffer };
if (!g.Buffer) g.Buffer = Buffer;

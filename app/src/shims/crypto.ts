// The part of node:crypto the SDK uses (createHash("sha256")), for the
// browser, on @noble/hashes. Synchronous, as the SDK expects.
import { Buffer } from "buffer";
import { sha256 } from "@noble/hashes/sha2.js";

class Sha256 {
  private readonly h = sha256.create();
  update(data: Uint8Array | string): this {
    this.h.update(typeof data === "string" ? new TextEncoder().encode(data) : data);
    return this;
  }
  digest(): Buffer;
  digest(encoding: "hex"): string;
  digest(encoding?: "hex"): Buffer | string {
    const out = Buffer.from(this.h.digest());
    return encoding === "hex" ? out.toString("hex") : out;
  }
}

export function createHash(algorithm: string): Sha256 {
  if (algorithm.toLowerCase() !== "sha256") throw new Error(`createHash: only sha256 is available in the browser, not ${algorithm}`);
  return new Sha256();
}

export default { createHash };

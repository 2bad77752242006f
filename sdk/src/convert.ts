// Between the SDK's values (bigint for every integer that can exceed 2^53,
// Uint8Array for byte arrays) and Anchor's (BN, number[]).
import { PublicKey } from "@solana/web3.js";
import { BN } from "./anchor.js";

/** Anchor's decoded values with every BN as bigint. */
export type Bigints<T> = T extends BN
  ? bigint
  : T extends PublicKey
    ? PublicKey
    : T extends (infer U)[]
      ? Bigints<U>[]
      : T extends object
        ? { [K in keyof T]: Bigints<T[K]> }
        : T;

/** Deep copy of a decoded Anchor value with every BN turned into a bigint. */
export function fromAnchor<T>(v: T): Bigints<T> {
  if (BN.isBN(v)) return BigInt((v as unknown as BN).toString()) as Bigints<T>;
  if (v instanceof PublicKey || v === null || typeof v !== "object") return v as Bigints<T>;
  if (Array.isArray(v)) return v.map((x) => fromAnchor(x)) as Bigints<T>;
  if (v instanceof Uint8Array) return v as Bigints<T>;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = fromAnchor(x);
  return out as Bigints<T>;
}

function isPublicKey(v: object): boolean {
  return v instanceof PublicKey || (typeof (v as PublicKey).toBase58 === "function" && typeof (v as PublicKey).toBuffer === "function");
}

/** Deep copy with every bigint as BN and every Uint8Array as number[] (for Anchor's coder). */
export function toAnchor(v: unknown): unknown {
  if (typeof v === "bigint") return new BN(v.toString());
  if (v === null || typeof v !== "object") return v;
  if (isPublicKey(v)) return new PublicKey((v as PublicKey).toBase58());
  if (v instanceof Uint8Array) return Array.from(v);
  if (Array.isArray(v)) return v.map(toAnchor);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = toAnchor(x);
  return out;
}

/** A 32-byte value for a `[u8; 32]` argument. */
export function bytes32(v: Uint8Array | number[], what: string): number[] {
  if (v.length !== 32) throw new Error(`${what} must be 32 bytes, got ${v.length}`);
  return Array.from(v);
}

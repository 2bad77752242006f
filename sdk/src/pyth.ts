// Pyth: the price account of a feed id (as the Rust CLI resolves it) and
// the `PriceUpdateV2` account layout, for FX previews.
import { PublicKey } from "@solana/web3.js";
import type { FxPrice, QuoteDirection } from "./math.js";

/** The Pyth Solana receiver (owner of `PriceUpdateV2` accounts). */
export const PYTH_RECEIVER_ID = new PublicKey("rec5EKMGg6MxZYaMdyBfgwp4d5rB9T1VQH5pJv5LtFJ");
/** Pyth's push oracle: sponsored feeds live at PDAs of this program. */
export const PYTH_PUSH_ORACLE_ID = new PublicKey("pythWSnswVUd12oZpeFP8e9CVaEqJg25g1Vtc2biRsT");

/** A 32-byte feed id from hex (with or without `0x`). */
export function feedIdFromHex(hex: string): Buffer {
  const h = hex.replace(/^0x/, "");
  if (!/^[0-9a-fA-F]{64}$/.test(h)) throw new Error(`a Pyth feed id is 64 hex digits, got ${JSON.stringify(hex)}`);
  return Buffer.from(h, "hex");
}

/** The push-oracle price account of a feed: PDA `[shard (u16 LE), feed_id]`. */
export function priceFeedAddress(feedId: Uint8Array, shard = 0): PublicKey {
  if (feedId.length !== 32) throw new Error(`a Pyth feed id is 32 bytes, got ${feedId.length}`);
  const s = Buffer.alloc(2);
  s.writeUInt16LE(shard);
  return PublicKey.findProgramAddressSync([s, Buffer.from(feedId)], PYTH_PUSH_ORACLE_ID)[0];
}

/** Pyth's FX feeds (mainnet ids) for the currencies the local chain publishes. */
export const FX_FEEDS: Record<string, { symbol: string; feedIdHex: string; direction: QuoteDirection; minorDecimals: number }> = {
  EUR: { symbol: "FX.EUR/USD", feedIdHex: "a995d00bb36a63cef7fd2c287dc105fc8f3d93779f062f09551b0af3e81ec30b", direction: "ccyUsd", minorDecimals: 2 },
  GBP: { symbol: "FX.GBP/USD", feedIdHex: "84c2dde9633d93d1bcad84e7dc41c9d56578b7ec52fabedc1f335d673df0a7c1", direction: "ccyUsd", minorDecimals: 2 },
  JPY: { symbol: "FX.USD/JPY", feedIdHex: "ef2c98c804ba503c6a707e38be4dfbb16683775f195b091252bf24693042fd52", direction: "usdCcy", minorDecimals: 0 },
  NOK: { symbol: "FX.USD/NOK", feedIdHex: "235ddea9f40e9af5814dbcc83a418b98e3ee8df1e34e1ae4d45cf5de596023a3", direction: "usdCcy", minorDecimals: 2 },
  SEK: { symbol: "FX.USD/SEK", feedIdHex: "8ccb376aa871517e807358d4e3cf0bc7fe4950474dbe6c9ffc21ef64e43fc676", direction: "usdCcy", minorDecimals: 2 },
  CHF: { symbol: "FX.USD/CHF", feedIdHex: "0b1e3297e69f162877b577b0d6a47a0d63b2392bc8499e6540da4187a63e28f8", direction: "usdCcy", minorDecimals: 2 },
  CAD: { symbol: "FX.USD/CAD", feedIdHex: "3112b03a41c910ed446852aacf67118cb1bec67b2cd0b9a214c58cc0eaa2ecca", direction: "usdCcy", minorDecimals: 2 },
  AUD: { symbol: "FX.AUD/USD", feedIdHex: "67a6f93030420c1c9e3fe37c1ab6b77966af82f995944a9fefce357a22854a80", direction: "ccyUsd", minorDecimals: 2 },
};

/** A decoded `PriceUpdateV2` (pyth-solana-receiver-sdk 2.x). */
export interface PriceUpdate extends FxPrice {
  writeAuthority: PublicKey;
  verification: "full" | { partial: number };
  feedId: Buffer;
  publishTime: bigint;
  prevPublishTime: bigint;
  emaPrice: bigint;
  emaConf: bigint;
  postedSlot: bigint;
}

/** Decodes a `PriceUpdateV2` account (8-byte Anchor discriminator first). */
export function decodePriceUpdate(data: Buffer): PriceUpdate {
  let o = 8;
  const writeAuthority = new PublicKey(data.subarray(o, o + 32));
  o += 32;
  const level = data.readUInt8(o++);
  let verification: PriceUpdate["verification"];
  if (level === 0) verification = { partial: data.readUInt8(o++) };
  else if (level === 1) verification = "full";
  else throw new Error(`not a PriceUpdateV2: verification level ${level}`);
  const feedId = Buffer.from(data.subarray(o, o + 32));
  o += 32;
  const price = data.readBigInt64LE(o);
  const conf = data.readBigUInt64LE(o + 8);
  const exponent = data.readInt32LE(o + 16);
  const publishTime = data.readBigInt64LE(o + 20);
  const prevPublishTime = data.readBigInt64LE(o + 28);
  const emaPrice = data.readBigInt64LE(o + 36);
  const emaConf = data.readBigUInt64LE(o + 44);
  const postedSlot = data.readBigUInt64LE(o + 52);
  return { writeAuthority, verification, feedId, price, conf, exponent, publishTime, prevPublishTime, emaPrice, emaConf, postedSlot };
}

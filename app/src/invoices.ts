// Invoice helpers shared by the role pages: status names, currency,
// amounts outstanding, the FX quote of a non-USD invoice, and the keeper
// actions anyone may send for an invoice in its current state.
import { Buffer } from "buffer";
import { decodePriceUpdate, formatAmount, priceFeedAddress, type AutofactorClient, type CurrencyConfig, type InvoiceAccount, type PriceUpdate } from "@autofactor/sdk";
import type { PublicKey } from "@solana/web3.js";

export type Status =
  | "created" | "acknowledged" | "disputed" | "verified" | "financed" | "partiallyRepaid" | "late" | "defaulted" | "repaid" | "closed";

export function statusOf(inv: { status: object }): Status {
  return Object.keys(inv.status)[0] as Status;
}

export const STATUS_LABEL: Record<Status, string> = {
  created: "Created (awaiting the buyer)",
  acknowledged: "Acknowledged (awaiting attestation)",
  disputed: "Disputed",
  verified: "Verified (ready to finance)",
  financed: "Financed",
  partiallyRepaid: "Partially repaid",
  late: "Late",
  defaulted: "Defaulted",
  repaid: "Repaid (awaiting settlement)",
  closed: "Settled (reserve unpaid: claim it)",
};

export function currencyOf(inv: InvoiceAccount): string {
  return Buffer.from(inv.currency).toString("ascii");
}

export function outstandingMinor(inv: InvoiceAccount): bigint {
  const face = BigInt(inv.faceMinor);
  const repaid = BigInt(inv.repaidMinor);
  return face > repaid ? face - repaid : 0n;
}

export const OPEN_FINANCED: Status[] = ["financed", "partiallyRepaid", "late", "defaulted"];

export interface FxQuote {
  config: CurrencyConfig;
  price: PriceUpdate;
  direction: "ccyUsd" | "usdCcy";
}

/** The pool's currency config and the current Pyth price for `currency` (null for USD). */
export async function fxQuote(client: AutofactorClient, pool: PublicKey, currency: string): Promise<FxQuote | null> {
  if (currency === "USD") return null;
  const config = await client.accounts.currencyConfig(client.pda.currencyConfig(pool, currency));
  if (!config) throw new Error(`the pool does not accept ${currency}`);
  const info = await client.connection.getAccountInfo(priceFeedAddress(Uint8Array.from(config.terms.feedId)), "confirmed");
  if (!info) throw new Error(`no price account for ${currency}`);
  const direction = "ccyUsd" in config.terms.direction ? "ccyUsd" : "usdCcy";
  return { config, price: decodePriceUpdate(Buffer.from(info.data)), direction };
}

/** "1 EUR = 1.16012 USD" (or "1 USD = 155.123 JPY"), exact from the Pyth mantissa and exponent. */
export function rateText(q: FxQuote, currency: string): string {
  const digits = Math.max(0, -q.price.exponent);
  const value = formatAmount(q.price.price, digits, { group: true });
  const conf = formatAmount(q.price.conf, digits);
  return q.direction === "ccyUsd" ? `1 ${currency} = ${value} USD (± ${conf})` : `1 USD = ${value} ${currency} (± ${conf})`;
}

export type KeeperAction = "markLate" | "writeDown" | "settle";

/** Keeper actions anyone may send for this invoice now (by the chain's clock). */
export function keeperActions(inv: InvoiceAccount, nowTs: bigint): KeeperAction[] {
  const s = statusOf(inv);
  const out: KeeperAction[] = [];
  if ((s === "financed" || s === "partiallyRepaid") && nowTs >= inv.lateAfterTs) out.push("markLate");
  if (s === "late") out.push("writeDown");
  if (s === "repaid") out.push("settle");
  return out;
}

export const KEEPER_LABEL: Record<KeeperAction, string> = {
  markLate: "Mark late",
  writeDown: "Write down",
  settle: "Settle (release the reserve)",
};

export async function keeperIxs(client: AutofactorClient, action: KeeperAction, invoice: PublicKey, keeper: PublicKey) {
  switch (action) {
    case "markLate":
      return client.keeper.invoiceMarkLate({ invoice, keeper });
    case "writeDown":
      return client.keeper.invoiceWriteDown({ invoice, keeper });
    case "settle":
      return client.keeper.invoiceSettle({ invoice, keeper });
  }
}

/** The chain's clock (the Clock sysvar's unix_timestamp). */
export async function chainNowTs(client: AutofactorClient): Promise<bigint> {
  const info = await client.connection.getAccountInfo(CLOCK_SYSVAR, "confirmed");
  if (info && info.data.length >= 40) return Buffer.from(info.data).readBigInt64LE(32);
  return BigInt(Math.floor(Date.now() / 1000));
}

import { PublicKey as PK } from "@solana/web3.js";
const CLOCK_SYSVAR = new PK("SysvarC1ock11111111111111111111111111111111");

/** SHA-256 in the browser (SubtleCrypto). */
export async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as BufferSource));
}

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

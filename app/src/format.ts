// Money and numbers in user terms. Amounts are bigint minor units
// everywhere; these functions only render them (no floats for money).
import { formatAmount, parseAmount, USDC_DECIMALS, FX_FEEDS } from "@autofactor/sdk";

/** ISO 4217 minor-unit digits of the currencies the protocol knows (USD 2, JPY 0, …). */
export function currencyDecimals(code: string): number {
  if (code === "USD") return 2;
  const feed = FX_FEEDS[code];
  if (!feed) throw new Error(`unknown currency ${code}`);
  return feed.minorDecimals;
}

/**
 * `minor` in `decimals` digits with thousands separators and the code:
 * formatMoney(165625n, 2, "EUR") → "1,656.25 EUR". Exact (bigint); the
 * fraction keeps all its digits (`minFraction` pads trailing zeros only).
 */
export function formatMoney(minor: bigint, decimals: number, currency: string, opts: { minFraction?: number } = {}): string {
  return `${formatDecimal(minor, decimals, opts)} ${currency}`;
}

/** Like `formatMoney` without the code. Trailing zeros are trimmed down to `minFraction` (default 2). */
export function formatDecimal(minor: bigint, decimals: number, opts: { minFraction?: number } = {}): string {
  const full = formatAmount(minor, decimals, { group: true });
  if (decimals === 0) return full;
  const min = Math.min(opts.minFraction ?? 2, decimals);
  const [whole, frac = ""] = full.split(".");
  let f = frac.replace(/0+$/, "");
  if (f.length < min) f = f.padEnd(min, "0");
  return f ? `${whole}.${f}` : whole;
}

/** Micro-USDC as "1,234.56 USDC" (exact: "0.000001 USDC" keeps its digits). */
export function formatUsdc(micro: bigint): string {
  return formatMoney(micro, USDC_DECIMALS, "USDC");
}

/** An invoice-currency amount: formatInvoiceMoney(120000000n, "JPY") → "120,000,000 JPY". */
export function formatInvoiceMoney(minor: bigint, currency: string, decimals = currencyDecimals(currency)): string {
  return formatMoney(minor, decimals, currency);
}

/** Basis points as a percentage: 825 → "8.25%". */
export function formatBps(bps: bigint | number): string {
  const b = BigInt(bps);
  const neg = b < 0n;
  return `${neg ? "-" : ""}${formatAmount(neg ? -b : b, 2)}%`;
}

/** Share price (micro-USDC per whole share) as "1.023456 USDC". */
export function formatSharePrice(microPerShare: bigint): string {
  return `${formatAmount(microPerShare, USDC_DECIMALS, { group: true })} USDC`;
}

/** Shares (6 decimals, like USDC) as "1,000.5 shares". */
export function formatShares(units: bigint): string {
  return `${formatDecimal(units, USDC_DECIMALS, { minFraction: 0 })} shares`;
}

/** Parses what a user typed for an amount with `decimals` digits; throws a sentence on bad input. */
export function parseMoneyInput(text: string, decimals: number, what = "amount"): bigint {
  if (!text.trim()) throw new Error(`enter the ${what}`);
  try {
    return parseAmount(text, decimals);
  } catch (e) {
    throw new Error(`the ${what} ${(e as Error).message}`);
  }
}

/** A Unix-seconds timestamp as an ISO date (UTC), e.g. "2026-11-30". */
export function formatDate(ts: bigint | number): string {
  return new Date(Number(ts) * 1000).toISOString().slice(0, 10);
}

/** A Unix-seconds timestamp as "2026-11-30 13:45 UTC". */
export function formatDateTime(ts: bigint | number): string {
  return `${new Date(Number(ts) * 1000).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** "YYYY-MM-DD" (UTC midnight) → Unix seconds; throws on bad input. */
export function parseDateInput(text: string, what = "date"): bigint {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new Error(`the ${what} must be a date like 2026-11-30`);
  const ms = Date.parse(`${text}T00:00:00Z`);
  // Date.parse rolls an impossible day over (2026-02-30 → 2026-03-02): the date must read back as typed.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) throw new Error(`the ${what} ${text} is not a calendar date`);
  return BigInt(ms / 1000);
}

/** A base58 key shortened for display: "7xKX…gAsU". */
export function shortKey(key: string | { toBase58(): string }): string {
  const s = typeof key === "string" ? key : key.toBase58();
  return s.length > 12 ? `${s.slice(0, 4)}…${s.slice(-4)}` : s;
}

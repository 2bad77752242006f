// Money as integer minor units (bigint) and decimal strings; never floats.

/** USDC has 6 decimals: 1 USDC = 1_000_000 micro-USDC. */
export const USDC_DECIMALS = 6;

function checkDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 18) {
    throw new Error(`decimals must be an integer from 0 to 18, got ${decimals}`);
  }
}

/**
 * Parses a decimal string ("1234.56", "1,234.56", "0.000001") into minor
 * units. Refuses negative numbers, exponents, more fraction digits than
 * `decimals`, and anything that is not a plain decimal number.
 */
export function parseAmount(text: string, decimals: number): bigint {
  checkDecimals(decimals);
  const s = text.trim().replace(/[,_\s]/g, "");
  const m = /^(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[1] === "" && (m[2] ?? "") === "")) {
    throw new Error(`not a decimal amount: ${JSON.stringify(text)}`);
  }
  const whole = m[1] || "0";
  const frac = m[2] ?? "";
  if (frac.length > decimals) {
    throw new Error(`${JSON.stringify(text)} has ${frac.length} decimals; at most ${decimals} allowed`);
  }
  return BigInt(whole) * 10n ** BigInt(decimals) + BigInt(frac.padEnd(decimals, "0") || "0");
}

/**
 * Formats minor units as a decimal string with exactly `decimals` fraction
 * digits ("1234.560000"); `group` inserts thousands separators.
 */
export function formatAmount(minor: bigint, decimals: number, opts: { group?: boolean; trim?: boolean } = {}): string {
  checkDecimals(decimals);
  const neg = minor < 0n;
  const abs = neg ? -minor : minor;
  const scale = 10n ** BigInt(decimals);
  let whole = (abs / scale).toString();
  let frac = decimals > 0 ? (abs % scale).toString().padStart(decimals, "0") : "";
  if (opts.trim) frac = frac.replace(/0+$/, "");
  if (opts.group) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return (neg ? "-" : "") + whole + (frac ? `.${frac}` : "");
}

/** `parseAmount(text, 6)`: micro-USDC from "12.5". */
export function usdc(text: string): bigint {
  return parseAmount(text, USDC_DECIMALS);
}

/** `formatAmount(micro, 6)`: "12.500000". */
export function formatUsdc(micro: bigint, opts: { group?: boolean; trim?: boolean } = {}): string {
  return formatAmount(micro, USDC_DECIMALS, opts);
}

/** Checks that `v` fits the program's u64. */
export function requireU64(v: bigint, what: string): bigint {
  if (v < 0n || v > 0xffff_ffff_ffff_ffffn) throw new Error(`${what} must fit in a u64, got ${v}`);
  return v;
}

// Unit tests of src/format.ts: money in user terms from bigint minor units
// (exact, no floats), dates in UTC, and the sentences bad input gets.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  currencyDecimals,
  formatBps,
  formatDate,
  formatDateTime,
  formatDecimal,
  formatInvoiceMoney,
  formatMoney,
  formatSharePrice,
  formatShares,
  formatUsdc,
  parseDateInput,
  parseMoneyInput,
  shortKey,
} from "../src/format";

test("formatUsdc: thousands separators, at least two decimals, every significant digit", () => {
  assert.equal(formatUsdc(1_234_560_000n), "1,234.56 USDC");
  assert.equal(formatUsdc(0n), "0.00 USDC");
  assert.equal(formatUsdc(1n), "0.000001 USDC");
  assert.equal(formatUsdc(1_000_000_000_000n), "1,000,000.00 USDC");
  // Beyond 2^53 micro-USDC: still exact (a float would round the last digits).
  assert.equal(formatUsdc(9_007_199_254_740_993n), "9,007,199,254.740993 USDC");
});

test("formatMoney / formatInvoiceMoney: the currency's minor digits", () => {
  assert.equal(formatMoney(165_625n, 2, "EUR"), "1,656.25 EUR");
  assert.equal(formatInvoiceMoney(165_625n, "EUR"), "1,656.25 EUR");
  assert.equal(formatInvoiceMoney(120_000_000n, "JPY"), "120,000,000 JPY");
  assert.equal(formatInvoiceMoney(100n, "USD"), "1.00 USD");
  assert.equal(formatMoney(5n, 2, "EUR", { minFraction: 0 }), "0.05 EUR");
});

test("formatDecimal: trailing zeros trimmed down to minFraction", () => {
  assert.equal(formatDecimal(1_500_000n, 6), "1.50");
  assert.equal(formatDecimal(1_500_000n, 6, { minFraction: 0 }), "1.5");
  assert.equal(formatDecimal(1_000_000n, 6, { minFraction: 0 }), "1");
  assert.equal(formatDecimal(123_456n, 2, { minFraction: 2 }), "1,234.56");
  assert.equal(formatDecimal(7n, 0), "7");
});

test("formatBps: basis points as a percentage, negative kept", () => {
  assert.equal(formatBps(825), "8.25%");
  assert.equal(formatBps(10_000), "100.00%");
  assert.equal(formatBps(0), "0.00%");
  assert.equal(formatBps(-150n), "-1.50%");
});

test("formatSharePrice / formatShares", () => {
  assert.equal(formatSharePrice(1_023_456n), "1.023456 USDC");
  assert.equal(formatSharePrice(1_000_000n), "1.000000 USDC");
  assert.equal(formatShares(1_000_500_000n), "1,000.5 shares");
  assert.equal(formatShares(100_000_000n), "100 shares");
});

test("currencyDecimals: ISO 4217 minor digits; an unknown code is an error", () => {
  assert.equal(currencyDecimals("USD"), 2);
  assert.equal(currencyDecimals("EUR"), 2);
  assert.equal(currencyDecimals("JPY"), 0);
  assert.throws(() => currencyDecimals("XYZ"), /unknown currency XYZ/);
});

test("parseMoneyInput: exact minor units; empty, too many decimals and text are refused with the field's name", () => {
  assert.equal(parseMoneyInput("1,656.25", 2), 165_625n);
  assert.equal(parseMoneyInput(" 600 ", 2), 60_000n);
  assert.equal(parseMoneyInput("0.000001", 6), 1n);
  assert.equal(parseMoneyInput("18446744073709.551615", 6), 18_446_744_073_709_551_615n);
  assert.throws(() => parseMoneyInput("", 2, "amount"), { message: "enter the amount" });
  assert.throws(() => parseMoneyInput("1.234", 2, "amount"), /^Error: the amount "1.234" has 3 decimals; at most 2 allowed$/);
  assert.throws(() => parseMoneyInput("12a", 2, "lowest price"), /^Error: the lowest price not a decimal amount/);
  assert.throws(() => parseMoneyInput("-5", 2), /not a decimal amount/);
});

test("formatDate / formatDateTime: UTC", () => {
  assert.equal(formatDate(0), "1970-01-01");
  assert.equal(formatDate(1_795_996_800n), "2026-11-30");
  assert.equal(formatDateTime(1_796_046_300), "2026-11-30 13:45 UTC");
});

test("parseDateInput: UTC midnight; bad shapes and impossible days are refused", () => {
  assert.equal(parseDateInput("2026-11-30"), 1_795_996_800n);
  assert.equal(parseDateInput("2028-02-29", "due date"), 1_835_395_200n);
  assert.throws(() => parseDateInput("30/11/2026", "issue date"), { message: "the issue date must be a date like 2026-11-30" });
  assert.throws(() => parseDateInput("2026-13-01", "due date"), { message: "the due date 2026-13-01 is not a calendar date" });
  // Date.parse would roll these over to March 2 / May 1.
  assert.throws(() => parseDateInput("2026-02-30", "due date"), { message: "the due date 2026-02-30 is not a calendar date" });
  assert.throws(() => parseDateInput("2026-04-31"), { message: "the date 2026-04-31 is not a calendar date" });
  assert.throws(() => parseDateInput("2027-02-29"), /not a calendar date/);
});

test("shortKey: first and last four characters of a long key", () => {
  assert.equal(shortKey("7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU"), "7xKX…gAsU");
  assert.equal(shortKey({ toBase58: () => "SysvarC1ock11111111111111111111111111111111" }), "Sysv…1111");
  assert.equal(shortKey("short"), "short");
});

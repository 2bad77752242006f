// SDK unit tests (no chain): amounts, ported math against the program's own
// unit-test vectors, canonical forms, PDAs, Pyth addresses, errors, and the
// mirrored constants against programs/autofactor/src/constants.rs.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PublicKey } from "@solana/web3.js";
import * as sdk from "../src/index.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const DAY = 86_400n;

test("amounts: parse and format without floats", () => {
  assert.equal(sdk.parseAmount("1,234.56", 2), 123_456n);
  assert.equal(sdk.usdc("0.000001"), 1n);
  assert.equal(sdk.usdc("12.5"), 12_500_000n);
  assert.equal(sdk.usdc(".5"), 500_000n);
  assert.equal(sdk.parseAmount("15000000", 0), 15_000_000n);
  assert.equal(sdk.usdc("9007199254740993.000001"), 9_007_199_254_740_993_000_001n);
  for (const bad of ["", ".", "-1", "1e6", "1.0000001", "abc", "1.2.3"]) {
    assert.throws(() => sdk.usdc(bad), /not a decimal amount|decimals/, bad);
  }
  assert.equal(sdk.formatUsdc(12_500_000n), "12.500000");
  assert.equal(sdk.formatUsdc(1_234_567_890_000n, { group: true, trim: true }), "1,234,567.89");
  assert.equal(sdk.formatAmount(5n, 0), "5");
  assert.equal(sdk.formatAmount(-5n, 2), "-0.05");
  assert.equal(sdk.parseAmount(sdk.formatAmount(123_456_789n, 4), 4), 123_456_789n);
});

test("pricing: the program's Pricing::compute vectors", () => {
  let p = sdk.priceInvoice({ faceUsdc: 100_000_000n, advanceRateBps: 10_000, discountAprBps: 1_200, secsToDue: 60n * DAY, protocolFeeBps: 0, managerFeeBps: 0 });
  assert.equal(p.discountUsdc, 1_972_603n);
  assert.equal(p.advanceUsdc, 98_027_397n);
  assert.equal(p.reserveUsdc, 0n);
  p = sdk.priceInvoice({ faceUsdc: 100_000_000n, advanceRateBps: 9_000, discountAprBps: 1_200, secsToDue: 60n * DAY, protocolFeeBps: 0, managerFeeBps: 0 });
  assert.equal(p.advanceUsdc, 88_027_397n);
  assert.equal(p.reserveUsdc, 10_000_000n);
  p = sdk.priceInvoice({ faceUsdc: 100_000_000n, advanceRateBps: 10_000, discountAprBps: 1_200, secsToDue: 60n * DAY, protocolFeeBps: 1_000, managerFeeBps: 1_500 });
  assert.equal(p.protocolFeeUsdc, 197_260n);
  assert.equal(p.managerFeeUsdc, 295_890n);
  assert.equal(sdk.claimUsdc(p) + p.protocolFeeUsdc + p.managerFeeUsdc + p.reserveUsdc, p.faceUsdc);
  assert.throws(() => sdk.priceInvoice({ faceUsdc: 100n, advanceRateBps: 100, discountAprBps: 10_000, secsToDue: 365n * DAY, protocolFeeBps: 0, managerFeeBps: 0 }), /AdvanceTooSmall/);
});

test("shares: the program's rounding vectors", () => {
  assert.equal(sdk.sharesForDepositFloor(5_000_000n, 0n, 0n), 5_000_000n);
  assert.equal(sdk.usdcForSharesFloor(1n, 10n, 3n), 3n);
  assert.equal(sdk.sharesForDepositFloor(3n, 10n, 3n), 0n);
  assert.equal(sdk.sharePriceFloor(10n, 3n), 3_333_333n);
  assert.equal(sdk.sharePriceFloor(0n, 0n), 1_000_000n);
  assert.throws(() => sdk.sharesForDepositFloor(1n, 0n, 10n), /TrancheWipedOut/);
  assert.deepEqual(sdk.waterfall(100n, 80n), [80n, 20n]);
  assert.deepEqual(sdk.waterfall(70n, 80n), [70n, 0n]);
  assert.equal(sdk.mulDivCeil(10n, 1n, 3n), 4n);
  assert.equal(sdk.bpsOfFloor(12_345n, 1_000n), 1_234n);
  assert.equal(sdk.bpsOfCeil(12_345n, 1_000n), 1_235n);
});

test("senior index: a year compounds exactly the APR", () => {
  const Y = sdk.SECONDS_PER_YEAR;
  const oneYear = sdk.seniorIndexFloor(sdk.WAD, 800, Y);
  assert.equal(oneYear, (sdk.WAD * 10_800n) / 10_000n);
  const [idx, base, rolled] = sdk.seniorIndexRolled(sdk.WAD, 800, Y + 100n);
  assert.equal(rolled, Y);
  assert.equal(base, oneYear);
  assert.equal(idx, sdk.seniorIndexFloor(sdk.WAD, 800, Y + 100n));
});

test("previewDeposit: first deposit locks LOCKED_SHARES", () => {
  const empty: sdk.TrancheState = { sharesOutstanding: 0n, sharesLocked: 0n, sharesPending: 0n, queueHead: 0n, queueTail: 0n };
  const pool: sdk.PoolMath = {
    ledger: {
      cashUsdc: 0n, receivablesUsdc: 0n, seniorClaimFp: 0n, seniorIndexWad: sdk.WAD, lastAccrualTs: 1000n, seniorUnitsFp: 0n,
      seniorRateStartTs: 1000n, seniorRateBaseWad: sdk.WAD, senior: empty, junior: empty, incomeRateScaled: 0n, accruedIncomeScaled: 0n,
      writeDownRateScaled: 0n, accruedWriteDownScaled: 0n,
    },
    seniorAprBps: 800, managerFeeBps: 0, pendingRiskChange: { seniorAprBps: 0, effectiveTs: 0n },
  };
  assert.equal(sdk.previewDeposit(pool, "junior", 5_000_000n, 2000n), 4_999_000n);
  assert.throws(() => sdk.previewDeposit(pool, "junior", 1_000n, 2000n), /DepositTooSmall/);
});

test("FX: minor_to_usdc in both quote directions", () => {
  // 100.00 EUR at 1.16000 (exp −5): 116 USDC.
  assert.equal(sdk.minorToUsdc(10_000n, 116_000n, -5, 2, "ccyUsd", "floor"), 116_000_000n);
  // 1,000 JPY at 155.000 JPY per USD: 6.451612… USDC, floor and ceil.
  assert.equal(sdk.minorToUsdc(1_000n, 155_000n, -3, 0, "usdCcy", "floor"), 6_451_612n);
  assert.equal(sdk.minorToUsdc(1_000n, 155_000n, -3, 0, "usdCcy", "ceil"), 6_451_613n);
  const p = { price: 116_000n, conf: 30n, exponent: -5 };
  assert.equal(sdk.fxValueForPurchase(10_000n, p, 2, "ccyUsd"), 115_970_000n);
  assert.equal(sdk.fxCostForPayment(10_000n, p, 2, "ccyUsd"), 116_030_000n);
});

test("canonical invoice numbers and entity ids (canonical.rs vectors)", () => {
  for (const n of ["INV-001", "inv 001", " INV001 ", "Inv/0.0_1", "INV\t001", "inv#001", "I-N-V-0-0-1"]) {
    assert.equal(sdk.canonicalInvoiceNumber(n), "INV001", n);
  }
  assert.equal(sdk.canonicalInvoiceNumber("061828591|01/10/2020|0|1.1|0|1"), "0618285910110202001101");
  for (const n of ["", " - / ", "ІNV-001", "INV\u00001", "Nr. Ä1", "1".repeat(65)]) {
    assert.throws(() => sdk.canonicalInvoiceNumber(n), /InvalidInvoiceNumber/, JSON.stringify(n));
  }
  assert.equal(sdk.canonicalInvoiceNumber(`${"1".repeat(63)}-`), "1".repeat(63));
  assert.equal(sdk.canonicalEntityId(" 0192 : 923 609 016 "), "0192:923609016");
  assert.equal(sdk.canonicalEntityId("0199:5493001KJTIIGC8Y1R12"), "LEI:5493001KJTIIGC8Y1R12");
  assert.equal(sdk.canonicalEntityId("vat:no 923 609 016 mva"), "VAT:NO923609016MVA");
  for (const s of ["", "923609016", "192:923609016", "ABCD:923609016", "0192:---", "LEI:5493001KJTIIGC8Y1R1", "VAT:123456789"]) {
    assert.throws(() => sdk.canonicalEntityId(s), /InvalidEntityId/, s);
  }
});

test("PDAs follow the IDL's seed constants", () => {
  const pda = new sdk.Pda();
  assert.equal(sdk.seed("PROTOCOL_SEED").toString(), "protocol");
  assert.equal(sdk.seed("JUNIOR_MINT_SEED").toString(), "junior_mint");
  // The IDL's own PDA description of `protocol` (resolution = true) agrees.
  const ix = sdk.IDL.instructions.find((i) => i.name === "protocol_initialize")!;
  const acc = ix.accounts.find((a) => a.name === "protocol") as unknown as { pda: { seeds: { value: number[] }[] } };
  const [fromIdl] = PublicKey.findProgramAddressSync([Buffer.from(acc.pda.seeds[0].value)], sdk.PROGRAM_ID);
  assert.ok(pda.protocol().equals(fromIdl));
  assert.throws(() => sdk.seed("NO_SUCH_SEED" as sdk.SeedName), /no byte constant/);
  assert.throws(() => sdk.currencyCode("eur"), /three capital letters/);
});

test("Pyth push-oracle address of the EUR/USD feed (local chain README)", () => {
  const eur = sdk.priceFeedAddress(sdk.feedIdFromHex(sdk.FX_FEEDS.EUR.feedIdHex));
  assert.equal(eur.toBase58(), "Fu76ChamBDjE8UuGLV6GP2AcPPSU6gjhkNhAyuoPm7ny");
  const jpy = sdk.priceFeedAddress(sdk.feedIdFromHex(sdk.FX_FEEDS.JPY.feedIdHex));
  assert.equal(jpy.toBase58(), "AMpTDXYcq8WaDR4FG8JW239vuwzAGqeS4fJSqGZi9V2P");
});

test("errors map codes to IDL names and messages", () => {
  const code = sdk.errorCode("PoolPaused");
  assert.ok(code >= 6000);
  const e = sdk.parseProgramError(new Error(`Transaction simulation failed: Error processing Instruction 0: custom program error: 0x${code.toString(16)}`));
  assert.ok(e);
  assert.equal(e.errorName, "PoolPaused");
  assert.equal(e.code, code);
  const e2 = sdk.parseProgramError({ InstructionError: [0, { Custom: sdk.errorCode("InvoiceNotVerified") }] });
  assert.equal(e2?.errorName, "InvoiceNotVerified");
  const anchorErr = sdk.parseProgramError({ InstructionError: [1, { Custom: 2006 }] });
  assert.equal(anchorErr?.errorName, "ConstraintSeeds");
  assert.equal(sdk.parseProgramError(new Error("socket hang up")), null);
});

test("constants mirrored in the SDK equal programs/autofactor/src/constants.rs", () => {
  const src = fs.readFileSync(path.join(root, "programs/autofactor/src/constants.rs"), "utf8");
  const value = (name: string): string => {
    const m = new RegExp(`pub const ${name}: [^=]+= ([^;]+);`).exec(src);
    assert.ok(m, `${name} in constants.rs`);
    return m[1].replace(/_/g, "").trim();
  };
  assert.equal(BigInt(value("BPS_DENOMINATOR")), sdk.BPS_DENOMINATOR);
  assert.equal(value("SECONDS_PER_YEAR"), "365 * 24 * 60 * 60");
  assert.equal(365n * 24n * 60n * 60n, sdk.SECONDS_PER_YEAR);
  assert.equal(BigInt(value("CLAIM_SCALE")), sdk.CLAIM_SCALE);
  assert.equal(BigInt(value("WAD")), sdk.WAD);
  assert.equal(BigInt(value("INCOME_SCALE")), sdk.INCOME_SCALE);
  assert.equal(BigInt(value("LOCKED_SHARES")), sdk.LOCKED_SHARES);
  assert.equal(Number(value("EXPOSURE_BUYER")), sdk.EXPOSURE_BUYER);
  assert.equal(Number(value("EXPOSURE_SUPPLIER")), sdk.EXPOSURE_SUPPLIER);
  assert.equal(Number(value("MAX_INVOICE_NUMBER_LEN")), sdk.MAX_INVOICE_NUMBER_LEN);
  for (const [role, bit] of Object.entries(sdk.ROLE)) {
    const m = /^1 << (\d+)$/.exec(value(`ROLE_${role.toUpperCase()}`));
    assert.ok(m, role);
    assert.equal(1 << Number(m[1]), bit, role);
  }
});

test("the IDL type in the package is the generated one", () => {
  const generated = fs.readFileSync(path.join(root, "idl/autofactor.ts"), "utf8");
  assert.match(generated, /^\/\*\*\n \* Program IDL in camelCase format/);
  assert.match(generated, /export type Autofactor = \{/);
  const copied = fs.readFileSync(path.join(root, "sdk/src/generated/autofactor-type.ts"), "utf8");
  assert.ok(copied.endsWith(generated), "sdk/src/generated is a copy of idl/autofactor.ts");
});

test("every IDL instruction has an SDK action", () => {
  const client = sdk.AutofactorClient.readOnly(new sdk.web3.Connection("http://127.0.0.1:1"));
  for (const ix of sdk.IDL.instructions) {
    const path = sdk.INSTRUCTION_ACTIONS[ix.name];
    assert.ok(path, `no SDK action for ${ix.name}`);
    const [group, fn] = path.split(".");
    const g = (client as unknown as Record<string, Record<string, unknown>>)[group];
    assert.equal(typeof g?.[fn], "function", `${path} for ${ix.name}`);
  }
  assert.equal(Object.keys(sdk.INSTRUCTION_ACTIONS).length, sdk.IDL.instructions.length);
});

test("accounts: flat names are nested into the IDL's account groups, groups in groups too", () => {
  const idl = sdk.IDL as unknown as { instructions: { name: string; accounts: { name: string; accounts?: unknown[] }[] }[] };
  const settle = idl.instructions.find((i) => i.name === "invoice_settle");
  assert.ok(settle, "invoice_settle in the IDL");
  const key = (n: number) => new PublicKey(Buffer.alloc(32, n));
  const flat = {
    keeper: key(1),
    pool: key(2),
    usdc_mint: key(3),
    vault: key(4),
    usdc_token_program: key(5),
    invoice: key(6),
    supplier: key(7),
    supplier_usdc: key(8),
    asset: key(9),
    asset_authority: key(10),
    core_program: key(11),
    associated_token_program: key(12),
    system_program: key(13),
    event_authority: key(14),
    program: key(15),
  };
  const nested = sdk.nestAccounts("invoice_settle", settle.accounts as never, flat);
  const ending = nested.ending as Record<string, unknown>;
  assert.deepEqual(Object.keys(ending), ["pool_vault", "invoice", "supplier", "invoice_asset", "system_program"]);
  assert.deepEqual(Object.keys(ending.pool_vault as object), ["pool", "usdc_mint", "vault", "usdc_token_program"]);
  assert.deepEqual(Object.keys(ending.invoice_asset as object), ["asset", "asset_authority", "core_program"]);
  assert.equal(nested.keeper, flat.keeper);
  assert.equal(nested.pool, undefined, "a grouped account is only in its group");
  assert.throws(
    () => sdk.nestAccounts("invoice_settle", settle.accounts as never, { ...flat, investor: key(16) }),
    /invoice_settle: accounts it does not take: investor/,
  );
});

test("accounts: every builder names its instruction once for both the IDL and the method", () => {
  const src = fs.readFileSync(path.join(root, "sdk/src/client.ts"), "utf8");
  const calls = [...src.matchAll(/this\.build\(\s*"(\w+)",\s*this\.program\.methods\.(\w+)\(/g)];
  assert.equal(calls.length, [...src.matchAll(/this\.build\(/g)].length, "every build call has the two names");
  const idl = sdk.IDL as unknown as { instructions: { name: string }[] };
  const camel = (n: string) => n.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
  const names = new Set(idl.instructions.map((i) => camel(i.name)));
  for (const [, name, method] of calls) {
    assert.equal(name, method);
    assert.ok(names.has(name), `${name} in the IDL`);
  }
  assert.equal(new Set(calls.map((c) => c[1])).size, names.size, "every instruction has a builder");
});

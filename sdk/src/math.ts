// The pool math a UI needs to preview an action, ported from
// programs/autofactor/src/math and state/ledger.rs with the same integer
// formulas and the same rounding (bigint throughout, no floating point).
// The suite in tests/ts checks every preview against the program's own
// results on the local chain, to the micro-USDC.
import type { Tranche } from "./pda.js";

// Mirrors of programs/autofactor/src/constants.rs (not in the IDL; the
// SDK's unit tests read constants.rs and compare).
export const BPS_DENOMINATOR = 10_000n;
export const SECONDS_PER_YEAR = 31_536_000n;
export const SECONDS_PER_DAY = 86_400n;
export const CLAIM_SCALE = 1_000_000_000n;
export const WAD = 1_000_000_000_000_000_000n;
export const INCOME_SCALE = 1_000_000_000_000n;
export const LOCKED_SHARES = 1_000n;
export const USDC_DECIMALS_N = 6n;
export const USD_DECIMALS = 2n;

const U64_MAX = (1n << 64n) - 1n;
const U128_MAX = (1n << 128n) - 1n;

/** A program error the math would raise (`name` is the IDL error name). */
export class MathError extends Error {
  constructor(readonly errorName: string, detail?: string) {
    super(detail ? `${errorName}: ${detail}` : errorName);
  }
}

function u64(v: bigint): bigint {
  if (v < 0n || v > U64_MAX) throw new MathError("MathOverflow", `${v} does not fit in u64`);
  return v;
}
function u128(v: bigint): bigint {
  if (v < 0n || v > U128_MAX) throw new MathError("MathOverflow", `${v} does not fit in u128`);
  return v;
}

/** `floor(a × b / c)` (the program's `mul_div_floor_u128`/`_u256`). */
export function mulDivFloor(a: bigint, b: bigint, c: bigint): bigint {
  if (c === 0n) throw new MathError("DivisionByZero");
  return u128((a * b) / c);
}
/** `ceil(a × b / c)`. */
export function mulDivCeil(a: bigint, b: bigint, c: bigint): bigint {
  if (c === 0n) throw new MathError("DivisionByZero");
  const p = a * b;
  return u128(p % c === 0n ? p / c : p / c + 1n);
}
/** `floor(amount × bps / 10⁴)` */
export function bpsOfFloor(amount: bigint, bps: bigint): bigint {
  return u64(mulDivFloor(amount, bps, BPS_DENOMINATOR));
}
/** `ceil(amount × bps / 10⁴)` */
export function bpsOfCeil(amount: bigint, bps: bigint): bigint {
  return u64(mulDivCeil(amount, bps, BPS_DENOMINATOR));
}

// ---------------------------------------------------------------- pricing

/** The price of one invoice in micro-USDC (`math::pricing::Pricing`). */
export interface Pricing {
  faceUsdc: bigint;
  advanceUsdc: bigint;
  discountUsdc: bigint;
  protocolFeeUsdc: bigint;
  managerFeeUsdc: bigint;
  reserveUsdc: bigint;
}

/**
 * `Pricing::compute`:
 * discount = ceil(face × apr × secs / (10⁴ × YEAR)); advance = floor(face × rate / 10⁴) − discount;
 * fees = floor(discount × fee / 10⁴) each; reserve = face − floor(face × rate / 10⁴).
 */
export function priceInvoice(p: {
  faceUsdc: bigint;
  advanceRateBps: number;
  discountAprBps: number;
  secsToDue: bigint;
  protocolFeeBps: number;
  managerFeeBps: number;
}): Pricing {
  const face = u64(p.faceUsdc);
  const discountUsdc = u64(
    mulDivCeil(face, BigInt(p.discountAprBps) * u64(p.secsToDue), BPS_DENOMINATOR * SECONDS_PER_YEAR),
  );
  const gross = bpsOfFloor(face, BigInt(p.advanceRateBps));
  if (!(gross > discountUsdc)) throw new MathError("AdvanceTooSmall");
  const protocolFeeUsdc = bpsOfFloor(discountUsdc, BigInt(p.protocolFeeBps));
  const managerFeeUsdc = bpsOfFloor(discountUsdc, BigInt(p.managerFeeBps));
  if (protocolFeeUsdc + managerFeeUsdc > discountUsdc) throw new MathError("MathOverflow");
  return {
    faceUsdc: face,
    advanceUsdc: gross - discountUsdc,
    discountUsdc,
    protocolFeeUsdc,
    managerFeeUsdc,
    reserveUsdc: face - gross,
  };
}

/** What the pool's NAV is owed: advance + discount − fees. */
export function claimUsdc(p: Pricing): bigint {
  return p.advanceUsdc + p.discountUsdc - p.protocolFeeUsdc - p.managerFeeUsdc;
}

/** `usd_minor_to_usdc`: USD cents to micro-USDC. */
export function usdMinorToUsdc(minor: bigint): bigint {
  return u64(minor * 10n ** (USDC_DECIMALS_N - USD_DECIMALS));
}

// --------------------------------------------------------------------- FX

/** `QuoteDirection`: CCY/USD (USD per unit) or USD/CCY (units per USD). */
export type QuoteDirection = "ccyUsd" | "usdCcy";

/** `math::fx::minor_to_usdc` */
export function minorToUsdc(
  minor: bigint,
  price: bigint,
  exponent: number,
  decimals: number,
  direction: QuoteDirection,
  rounding: "floor" | "ceil",
): bigint {
  if (!(price > 0n)) throw new MathError("OracleInvalidPrice");
  const div = (n: bigint, d: bigint) => (rounding === "floor" ? mulDivFloor(n, 1n, d) : mulDivCeil(n, 1n, d));
  let v: bigint;
  if (direction === "ccyUsd") {
    const k = exponent + 6 - decimals;
    v = k >= 0 ? minor * price * 10n ** BigInt(k) : div(minor * price, 10n ** BigInt(-k));
  } else {
    const m = 6 - decimals - exponent;
    v = m >= 0 ? div(minor * 10n ** BigInt(m), price) : div(minor, price * 10n ** BigInt(-m));
  }
  return u64(u128(v));
}

/** A checked Pyth price: `(price ± conf) × 10^exponent`. */
export interface FxPrice {
  price: bigint;
  conf: bigint;
  exponent: number;
}

/** `FxQuote::value_for_purchase`: the low bound of the price, rounded down. */
export function fxValueForPurchase(minor: bigint, p: FxPrice, decimals: number, direction: QuoteDirection): bigint {
  const low = direction === "ccyUsd" ? p.price - p.conf : p.price + p.conf;
  return minorToUsdc(minor, low, p.exponent, decimals, direction, "floor");
}

/** `FxQuote::cost_for_payment`: USDC to be credited `minor` units (high bound, rounded up). */
export function fxCostForPayment(minor: bigint, p: FxPrice, decimals: number, direction: QuoteDirection): bigint {
  const high = direction === "ccyUsd" ? p.price + p.conf : p.price - p.conf;
  return minorToUsdc(minor, high, p.exponent, decimals, direction, "ceil");
}

// ----------------------------------------------------------------- shares

/** `shares_for_deposit_floor` */
export function sharesForDepositFloor(amountUsdc: bigint, valueUsdc: bigint, supply: bigint): bigint {
  if (supply === 0n) return amountUsdc;
  if (!(valueUsdc > 0n)) throw new MathError("TrancheWipedOut");
  return u64(mulDivFloor(amountUsdc, supply, valueUsdc));
}
/** `usdc_for_shares_floor` */
export function usdcForSharesFloor(shares: bigint, valueUsdc: bigint, supply: bigint): bigint {
  if (shares > supply) throw new MathError("MathOverflow");
  if (shares === 0n) return 0n;
  return u64(mulDivFloor(shares, valueUsdc, supply));
}
/** `share_price_floor`: micro-USDC per whole share (10⁶ units); 1.0 when empty. */
export function sharePriceFloor(valueUsdc: bigint, supply: bigint): bigint {
  if (supply === 0n) return 1_000_000n;
  return u64(mulDivFloor(1_000_000n, valueUsdc, supply));
}
/** `waterfall`: (senior, junior) values of a NAV. */
export function waterfall(navUsdc: bigint, seniorClaimUsdc: bigint): [bigint, bigint] {
  const senior = navUsdc < seniorClaimUsdc ? navUsdc : seniorClaimUsdc;
  return [senior, navUsdc - senior];
}

/** `senior_index_floor` (math/rate.rs). */
export function seniorIndexFloor(baseWad: bigint, aprBps: number, elapsedSecs: bigint): bigint {
  if (aprBps === 0 || elapsedSecs === 0n) return baseWad;
  const years = elapsedSecs / SECONDS_PER_YEAR;
  const secs = elapsedSecs % SECONDS_PER_YEAR;
  let index = baseWad;
  const yearly = BPS_DENOMINATOR + BigInt(aprBps);
  for (let i = 0n; i < years; i++) index = mulDivFloor(index, yearly, BPS_DENOMINATOR);
  const denom = BPS_DENOMINATOR * SECONDS_PER_YEAR;
  return mulDivFloor(index, denom + BigInt(aprBps) * secs, denom);
}
/** `senior_index_rolled`: (index, rolled base, rolled secs). */
export function seniorIndexRolled(baseWad: bigint, aprBps: number, elapsedSecs: bigint): [bigint, bigint, bigint] {
  const rolledSecs = (elapsedSecs / SECONDS_PER_YEAR) * SECONDS_PER_YEAR;
  const rolledBase = seniorIndexFloor(baseWad, aprBps, rolledSecs);
  return [seniorIndexFloor(rolledBase, aprBps, elapsedSecs - rolledSecs), rolledBase, rolledSecs];
}

// ----------------------------------------------------------------- ledger

/** One tranche's counters (`TrancheState`). */
export interface TrancheState {
  sharesOutstanding: bigint;
  sharesLocked: bigint;
  sharesPending: bigint;
  queueHead: bigint;
  queueTail: bigint;
}

/** The part of `PoolLedger` the previews use. */
export interface Ledger {
  cashUsdc: bigint;
  receivablesUsdc: bigint;
  seniorClaimFp: bigint;
  seniorIndexWad: bigint;
  lastAccrualTs: bigint;
  seniorUnitsFp: bigint;
  seniorRateStartTs: bigint;
  seniorRateBaseWad: bigint;
  senior: TrancheState;
  junior: TrancheState;
  incomeRateScaled: bigint;
  accruedIncomeScaled: bigint;
  writeDownRateScaled: bigint;
  accruedWriteDownScaled: bigint;
}

/** The pool state the previews use (see `poolMathState`). */
export interface PoolMath {
  ledger: Ledger;
  seniorAprBps: number;
  managerFeeBps: number;
  pendingRiskChange: { seniorAprBps: number; effectiveTs: bigint };
}

export function trancheSupply(t: TrancheState): bigint {
  return t.sharesOutstanding + t.sharesPending + t.sharesLocked;
}
/** `receivables_value_usdc`: book + accrued income (down) − write-downs (up), floored at 0. */
export function receivablesValueUsdc(l: Ledger): bigint {
  const gross = l.receivablesUsdc + l.accruedIncomeScaled / INCOME_SCALE;
  const down = (l.accruedWriteDownScaled + INCOME_SCALE - 1n) / INCOME_SCALE;
  return gross > down ? gross - down : 0n;
}
export function navUsdc(l: Ledger): bigint {
  return u64(l.cashUsdc + receivablesValueUsdc(l));
}
export function seniorClaimUsdc(l: Ledger): bigint {
  return u64(l.seniorClaimFp / CLAIM_SCALE);
}
/** (senior value, junior value). */
export function trancheValues(l: Ledger): [bigint, bigint] {
  return waterfall(navUsdc(l), seniorClaimUsdc(l));
}
export function trancheValue(l: Ledger, t: Tranche): bigint {
  const [s, j] = trancheValues(l);
  return t === "senior" ? s : j;
}

function accrueLedger(l: Ledger, aprBps: number, nowTs: bigint): Ledger {
  if (nowTs < l.lastAccrualTs) throw new MathError("ClockWentBackwards");
  const elapsed = nowTs - l.lastAccrualTs;
  if (elapsed === 0n) return l;
  const [index, rolledBase, rolledSecs] = seniorIndexRolled(l.seniorRateBaseWad, aprBps, nowTs - l.seniorRateStartTs);
  return {
    ...l,
    accruedIncomeScaled: u128(l.accruedIncomeScaled + l.incomeRateScaled * elapsed),
    accruedWriteDownScaled: u128(l.accruedWriteDownScaled + l.writeDownRateScaled * elapsed),
    seniorIndexWad: index,
    seniorRateBaseWad: rolledBase,
    seniorRateStartTs: l.seniorRateStartTs + rolledSecs,
    seniorClaimFp: mulDivFloor(l.seniorUnitsFp, index, WAD),
    lastAccrualTs: nowTs,
  };
}

/**
 * `Pool::accrue(now)`: applies a due risk change (accruing at the old APR
 * up to its effective time) and accrues the ledger to `nowTs`.
 */
export function accruePool(p: PoolMath, nowTs: bigint): PoolMath {
  let ledger = p.ledger;
  let apr = p.seniorAprBps;
  let pending = p.pendingRiskChange;
  if (pending.effectiveTs !== 0n && nowTs >= pending.effectiveTs) {
    const switchTs = pending.effectiveTs > ledger.lastAccrualTs ? pending.effectiveTs : ledger.lastAccrualTs;
    ledger = accrueLedger(ledger, apr, switchTs);
    if (pending.seniorAprBps !== apr) {
      ledger = { ...ledger, seniorRateBaseWad: ledger.seniorIndexWad, seniorRateStartTs: switchTs };
    }
    apr = pending.seniorAprBps;
    pending = { seniorAprBps: 0, effectiveTs: 0n };
  }
  ledger = accrueLedger(ledger, apr, nowTs);
  return { ...p, ledger, seniorAprBps: apr, pendingRiskChange: pending };
}

// --------------------------------------------------------------- previews

/** The money state of a pool at `nowTs` (what the program's `PoolSnapshot` reports). */
export interface PoolSnapshotPreview {
  navUsdc: bigint;
  cashUsdc: bigint;
  seniorValueUsdc: bigint;
  juniorValueUsdc: bigint;
  seniorSupply: bigint;
  juniorSupply: bigint;
  seniorPrice: bigint;
  juniorPrice: bigint;
}

export function snapshotAt(p: PoolMath, nowTs: bigint): PoolSnapshotPreview {
  const l = accruePool(p, nowTs).ledger;
  const [s, j] = trancheValues(l);
  const ss = trancheSupply(l.senior);
  const js = trancheSupply(l.junior);
  return {
    navUsdc: navUsdc(l),
    cashUsdc: l.cashUsdc,
    seniorValueUsdc: s,
    juniorValueUsdc: j,
    seniorSupply: ss,
    juniorSupply: js,
    seniorPrice: sharePriceFloor(s, ss),
    juniorPrice: sharePriceFloor(j, js),
  };
}

/** Micro-USDC per whole share of a tranche at `nowTs` (rounded down). */
export function previewSharePrice(p: PoolMath, t: Tranche, nowTs: bigint): bigint {
  const l = accruePool(p, nowTs).ledger;
  return sharePriceFloor(trancheValue(l, t), trancheSupply(l[t]));
}

/**
 * Shares `tranche_deposit` of `amountUsdc` mints at `nowTs` (the first
 * deposit into a tranche keeps `LOCKED_SHARES` back). `mintSupply`, if
 * given, reconciles share tokens burned outside the program, as the
 * instruction does.
 */
export function previewDeposit(p: PoolMath, t: Tranche, amountUsdc: bigint, nowTs: bigint, mintSupply?: bigint): bigint {
  if (amountUsdc <= 0n) throw new MathError("ZeroAmount");
  let l = accruePool(p, nowTs).ledger;
  if (mintSupply !== undefined) l = { ...l, [t]: { ...l[t], sharesOutstanding: mintSupply } };
  if (t === "junior" && seniorClaimUsdc(l) > navUsdc(l)) throw new MathError("JuniorImpaired");
  const supply = trancheSupply(l[t]);
  const minted = sharesForDepositFloor(amountUsdc, trancheValue(l, t), supply);
  let shares = minted;
  if (supply === 0n) {
    if (!(minted > LOCKED_SHARES)) throw new MathError("DepositTooSmall");
    shares = minted - LOCKED_SHARES;
  }
  if (shares === 0n) throw new MathError("DepositTooSmall");
  return shares;
}

/** USDC that redeeming `shares` of a tranche pays at `nowTs` (rounded down). */
export function previewRedeem(p: PoolMath, t: Tranche, shares: bigint, nowTs: bigint): bigint {
  const l = accruePool(p, nowTs).ledger;
  return usdcForSharesFloor(shares, trancheValue(l, t), trancheSupply(l[t]));
}

/** What `tranche_withdraw` would do at `nowTs`: pay now, or queue. */
export function previewWithdraw(
  p: PoolMath,
  t: Tranche,
  shares: bigint,
  nowTs: bigint,
): { kind: "immediate"; usdc: bigint } | { kind: "queued"; valueUsdc: bigint; sequence: bigint } {
  const l = accruePool(p, nowTs).ledger;
  const value = usdcForSharesFloor(shares, trancheValue(l, t), trancheSupply(l[t]));
  const queueEmpty = (s: TrancheState) => s.queueHead === s.queueTail;
  const now = queueEmpty(l[t]) && (t === "senior" || queueEmpty(l.senior)) && value <= l.cashUsdc;
  return now ? { kind: "immediate", usdc: value } : { kind: "queued", valueUsdc: value, sequence: l[t].queueTail };
}

/**
 * Purchase price and advance `invoice_finance` pays at `nowTs`: the
 * policy's terms for the invoice's risk grade, the protocol and manager
 * fees, and the face in micro-USDC (USD, or the FX purchase value).
 */
export function previewFinance(args: {
  faceUsdc: bigint;
  grade: { advanceRateBps: number; discountAprBps: number; enabled?: boolean };
  dueTs: bigint;
  nowTs: bigint;
  protocolFeeBps: number;
  managerFeeBps: number;
}): Pricing {
  if (args.grade.enabled === false) throw new MathError("GradeNotAccepted");
  if (!(args.dueTs > args.nowTs)) throw new MathError("TenorOutOfBounds");
  return priceInvoice({
    faceUsdc: args.faceUsdc,
    advanceRateBps: args.grade.advanceRateBps,
    discountAprBps: args.grade.discountAprBps,
    secsToDue: args.dueTs - args.nowTs,
    protocolFeeBps: args.protocolFeeBps,
    managerFeeBps: args.managerFeeBps,
  });
}

/**
 * The risk grade `invoice_attest` assigns a credit score under a policy:
 * the first grade (A = 0 …) whose minimum the score meets, if that grade
 * is enabled (`PoolPolicy::grade_for_score`).
 */
export function gradeForScore(grades: { enabled: boolean; minCreditScore: number }[], score: number): number | null {
  const g = grades.findIndex((t) => score >= t.minCreditScore);
  return g >= 0 && grades[g].enabled ? g : null;
}

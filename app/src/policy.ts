// The pool's parameters and policy as a form: user terms (percentages,
// USDC, days) ⇄ the program's units (bps, micro-USDC), and the checks the
// program makes in PoolParams::validate / PoolPolicy::validate
// (programs/autofactor/src/state/pool.rs) and CreditPolicy::validate
// (state/credit.rs), run before sending so a bad value gets a sentence next
// to its field instead of a failed transaction. Amounts stay integers
// (bigint micro-USDC, integer bps): percentages are parsed as decimals with
// two digits, never through a float.
import { formatAmount, parseAmount, MAX_DISCOUNT_APR_BPS, type PoolParams, type PoolPolicy } from "@autofactor/sdk";

type CreditPolicy = PoolPolicy["credit"];

/** `u16::MAX`: `max_open_late` at this value means no limit. */
export const U16_MAX = 65_535;

// programs/autofactor/src/constants.rs (not in the IDL).
export const LIMITS = {
  maxSeniorAprBps: 5_000,
  maxManagerFeeBps: 5_000,
  maxCreditScore: 1_000,
  maxTenorDays: 365,
  maxWriteoffDays: 365,
  maxRecoveryDays: 3_650,
  maxMinHoldSecs: 30 * 86_400,
  maxDiscountAprBps: MAX_DISCOUNT_APR_BPS,
} as const;

export interface GradeForm {
  enabled: boolean;
  minCreditScore: string;
  advanceRatePct: string;
  discountAprPct: string;
}

export interface PolicyForm {
  minJuniorRatioPct: string;
  seniorAprPct: string;
  managerFeePct: string;
  liquidityCapUsdc: string;
  maxInvestorSharePct: string;
  minHoldDays: string;
  minTenorDays: string;
  maxTenorDays: string;
  maxInvoiceUsdc: string;
  maxBuyerConcentrationPct: string;
  maxSupplierConcentrationPct: string;
  cashReservePct: string;
  graceDays: string;
  writeoffDays: string;
  recoveryDays: string;
  grades: GradeForm[];
  credit: CreditForm;
}

/** The credit policy (`PoolPolicy::credit`) in user terms: % for bps, USDC for micro-USDC, whole numbers for counts. */
export interface CreditForm {
  blockOpenDefault: boolean;
  /** Empty: no limit (`u16::MAX` on chain). */
  maxOpenLate: string;
  provenMinOnTime: string;
  provenDiscountCutPct: string;
  watchDiscountAddPct: string;
  limitCapUsdc: string;
  limitBaseUsdc: string;
  limitFloorUsdc: string;
  limitOnTimePct: string;
  limitLatePct: string;
  limitDefaultPct: string;
  supplierBlockAtProblems: string;
  supplierMaxProblemRatePct: string;
  supplierRateMinCreated: string;
  supplierWatchMinProblems: string;
  supplierWatchDiscountAddPct: string;
}

const pct = (bps: number) => formatAmount(BigInt(bps), 2);
const usdc = (micro: bigint) => formatAmount(micro, 6, { trim: true });

export function creditFormFromChain(c: CreditPolicy): CreditForm {
  return {
    blockOpenDefault: c.blockOpenDefault,
    maxOpenLate: c.maxOpenLate === U16_MAX ? "" : String(c.maxOpenLate),
    provenMinOnTime: String(c.provenMinOnTime),
    provenDiscountCutPct: pct(c.provenDiscountCutBps),
    watchDiscountAddPct: pct(c.watchDiscountAddBps),
    limitCapUsdc: usdc(c.limitCapUsdc),
    limitBaseUsdc: usdc(c.limitBaseUsdc),
    limitFloorUsdc: usdc(c.limitFloorUsdc),
    limitOnTimePct: pct(c.limitOnTimeBps),
    limitLatePct: pct(c.limitLateBps),
    limitDefaultPct: pct(c.limitDefaultBps),
    supplierBlockAtProblems: String(c.supplierBlockAtProblems),
    supplierMaxProblemRatePct: pct(c.supplierMaxProblemRateBps),
    supplierRateMinCreated: String(c.supplierRateMinCreated),
    supplierWatchMinProblems: String(c.supplierWatchMinProblems),
    supplierWatchDiscountAddPct: pct(c.supplierWatchDiscountAddBps),
  };
}

export function formFromChain(params: PoolParams, policy: PoolPolicy): PolicyForm {
  return {
    minJuniorRatioPct: pct(params.minJuniorRatioBps),
    seniorAprPct: pct(params.seniorAprBps),
    managerFeePct: pct(params.managerFeeBps),
    liquidityCapUsdc: usdc(params.liquidityCapUsdc),
    maxInvestorSharePct: pct(params.maxInvestorShareBps),
    minHoldDays: formatAmount(BigInt(params.minHoldSecs) * 1000n / 86_400n, 3, { trim: true }),
    minTenorDays: String(policy.minTenorDays),
    maxTenorDays: String(policy.maxTenorDays),
    maxInvoiceUsdc: usdc(policy.maxInvoiceUsdc),
    maxBuyerConcentrationPct: pct(policy.maxBuyerConcentrationBps),
    maxSupplierConcentrationPct: pct(policy.maxSupplierConcentrationBps),
    cashReservePct: pct(policy.cashReserveBps),
    graceDays: String(policy.graceDays),
    writeoffDays: String(policy.writeoffDays),
    recoveryDays: String(policy.recoveryDays),
    grades: policy.grades.map((g: PoolPolicy["grades"][number]) => ({
      enabled: g.enabled,
      minCreditScore: String(g.minCreditScore),
      advanceRatePct: pct(g.advanceRateBps),
      discountAprPct: pct(g.discountAprBps),
    })),
    credit: creditFormFromChain(policy.credit),
  };
}

export type FormErrors = Partial<Record<string, string>>;

/** The field readers of one form: each records a sentence under its key in `errors` and answers a placeholder when the text is wrong. */
function fieldReaders(errors: FormErrors) {
  const fail = (key: string, label: string, e: unknown) => {
    errors[key] = `${label} ${msg(e)}`;
  };
  return {
    /** A percentage with at most two decimals → bps in [min, max]. */
    bps(text: string, key: string, label: string, min: number, max: number): number {
      try {
        const v = parseAmount(text, 2);
        if (v < BigInt(min) || v > BigInt(max)) throw new Error(`must be from ${pct(min)}% to ${pct(max)}%`);
        return Number(v);
      } catch (e) {
        fail(key, label, e);
        return 0;
      }
    },
    /** A whole number in [min, max]. */
    int(text: string, key: string, label: string, min: number, max: number): number {
      if (!/^\d+$/.test(text.trim())) {
        errors[key] = `${label} must be a whole number`;
        return 0;
      }
      const v = Number(text.trim());
      if (v < min || v > max) errors[key] = `${label} must be from ${min} to ${max}`;
      return v;
    },
    /** USDC with at most six decimals → micro-USDC (u64); zero only when `allowZero`. */
    usdc(text: string, key: string, label: string, allowZero = false): bigint {
      try {
        const v = parseAmount(text, 6);
        if (v === 0n && !allowZero) throw new Error("must be more than zero");
        if (v > 0xffff_ffff_ffff_ffffn) throw new Error("is too large");
        return v;
      } catch (e) {
        fail(key, label, e);
        return 0n;
      }
    },
  };
}

/** Credit form → `PoolPolicy::credit`, with `CreditPolicy::validate`'s rules as sentences (keys `credit.<field>`). */
export function creditToChain(c: CreditForm, errors: FormErrors): CreditPolicy {
  const r = fieldReaders(errors);
  const k = (f: keyof CreditForm) => `credit.${f}`;
  const maxDiscount = LIMITS.maxDiscountAprBps;
  const out: CreditPolicy = {
    blockOpenDefault: c.blockOpenDefault,
    maxOpenLate: c.maxOpenLate.trim() === "" ? U16_MAX : r.int(c.maxOpenLate, k("maxOpenLate"), "The most late invoices a buyer may have", 0, U16_MAX - 1),
    provenMinOnTime: r.int(c.provenMinOnTime, k("provenMinOnTime"), "The on-time repayments that make a buyer Proven", 0, U16_MAX),
    provenDiscountCutBps: r.bps(c.provenDiscountCutPct, k("provenDiscountCutPct"), "The Proven buyers' discount cut", 0, maxDiscount),
    watchDiscountAddBps: r.bps(c.watchDiscountAddPct, k("watchDiscountAddPct"), "The Watch buyers' extra discount", 0, maxDiscount),
    limitCapUsdc: r.usdc(c.limitCapUsdc, k("limitCapUsdc"), "The highest credit limit", true),
    limitBaseUsdc: r.usdc(c.limitBaseUsdc, k("limitBaseUsdc"), "The starting credit limit", true),
    limitFloorUsdc: r.usdc(c.limitFloorUsdc, k("limitFloorUsdc"), "The lowest credit limit", true),
    limitOnTimeBps: r.bps(c.limitOnTimePct, k("limitOnTimePct"), "The limit gained per USDC repaid on time", 0, U16_MAX),
    limitLateBps: r.bps(c.limitLatePct, k("limitLatePct"), "The limit lost per USDC late", 0, U16_MAX),
    limitDefaultBps: r.bps(c.limitDefaultPct, k("limitDefaultPct"), "The limit lost per USDC defaulted", 0, U16_MAX),
    supplierBlockAtProblems: r.int(c.supplierBlockAtProblems, k("supplierBlockAtProblems"), "The problem invoices that block a supplier", 0, U16_MAX),
    supplierMaxProblemRateBps: r.bps(c.supplierMaxProblemRatePct, k("supplierMaxProblemRatePct"), "The supplier problem-rate cap", 0, 10_000),
    supplierRateMinCreated: r.int(c.supplierRateMinCreated, k("supplierRateMinCreated"), "The invoices created before the problem-rate cap applies", 0, U16_MAX),
    supplierWatchMinProblems: r.int(c.supplierWatchMinProblems, k("supplierWatchMinProblems"), "The problem invoices that put a supplier on Watch", 0, U16_MAX),
    supplierWatchDiscountAddBps: r.bps(c.supplierWatchDiscountAddPct, k("supplierWatchDiscountAddPct"), "The Watch suppliers' extra discount", 0, maxDiscount),
  };
  // A rule that is off leaves its companions unset (CreditPolicy::validate).
  const unset = (key: keyof CreditForm, ok: boolean, sentence: string) => {
    if (!errors[k(key)] && !ok) errors[k(key)] = sentence;
  };
  if (out.supplierMaxProblemRateBps === 0) {
    unset("supplierRateMinCreated", out.supplierRateMinCreated === 0, "The invoices created before the problem-rate cap applies must be 0 while the cap is off (0%)");
  }
  if (out.supplierWatchMinProblems === 0) {
    unset("supplierWatchDiscountAddPct", out.supplierWatchDiscountAddBps === 0, "The Watch suppliers' extra discount must be 0% while there is no supplier Watch tier (0 problem invoices)");
  }
  if (out.limitCapUsdc === 0n) {
    const off = "must be 0 while there is no credit limit (highest limit 0)";
    unset("limitBaseUsdc", out.limitBaseUsdc === 0n, `The starting credit limit ${off}`);
    unset("limitFloorUsdc", out.limitFloorUsdc === 0n, `The lowest credit limit ${off}`);
    unset("limitOnTimePct", out.limitOnTimeBps === 0, `The limit gained per USDC repaid on time ${off}`);
    unset("limitLatePct", out.limitLateBps === 0, `The limit lost per USDC late ${off}`);
    unset("limitDefaultPct", out.limitDefaultBps === 0, `The limit lost per USDC defaulted ${off}`);
  } else {
    unset("limitFloorUsdc", out.limitFloorUsdc <= out.limitBaseUsdc, "The lowest credit limit must not be above the starting limit");
    unset("limitBaseUsdc", out.limitBaseUsdc <= out.limitCapUsdc, "The starting credit limit must not be above the highest limit");
  }
  return out;
}

/** Form → chain values, with a sentence for every field that is wrong (`errors`); values only when there is none. */
export function formToChain(f: PolicyForm): { errors: FormErrors; params?: PoolParams; policy?: PoolPolicy } {
  const errors: FormErrors = {};
  const r = fieldReaders(errors);

  let minHoldSecs = 0;
  try {
    const milliDays = parseAmount(f.minHoldDays, 3);
    const secs = (milliDays * 86_400n) / 1000n;
    if (secs > BigInt(LIMITS.maxMinHoldSecs)) throw new Error(`must be at most ${LIMITS.maxMinHoldSecs / 86_400} days`);
    minHoldSecs = Number(secs);
  } catch (e) {
    errors.minHoldDays = `The holding period ${msg(e)}`;
  }

  const params: PoolParams = {
    minJuniorRatioBps: r.bps(f.minJuniorRatioPct, "minJuniorRatioPct", "The minimum junior ratio", 0, 10_000),
    seniorAprBps: r.bps(f.seniorAprPct, "seniorAprPct", "The senior APR", 0, LIMITS.maxSeniorAprBps),
    managerFeeBps: r.bps(f.managerFeePct, "managerFeePct", "The manager fee", 0, LIMITS.maxManagerFeeBps),
    liquidityCapUsdc: r.usdc(f.liquidityCapUsdc, "liquidityCapUsdc", "The liquidity cap"),
    maxInvestorShareBps: r.bps(f.maxInvestorSharePct, "maxInvestorSharePct", "The largest investor share", 1, 10_000),
    minHoldSecs,
  };
  const grades = f.grades.map((g, i) => {
    const name = `Grade ${"ABCD"[i]}`;
    const minCreditScore = r.int(g.minCreditScore, `grade${i}.minCreditScore`, `${name}'s minimum score`, 0, LIMITS.maxCreditScore);
    // A disabled grade's rates are kept as typed when they read, else 0 (the program ignores them).
    const rate = (text: string, key: string, label: string, min: number, max: number) =>
      g.enabled ? r.bps(text, key, label, min, max) : fieldReaders({}).bps(text, key, label, 0, U16_MAX);
    const advanceRateBps = rate(g.advanceRatePct, `grade${i}.advanceRatePct`, `${name}'s advance rate`, 1, 10_000);
    const discountAprBps = rate(g.discountAprPct, `grade${i}.discountAprPct`, `${name}'s discount APR`, 0, LIMITS.maxDiscountAprBps);
    return { enabled: g.enabled, minCreditScore, advanceRateBps, discountAprBps };
  });
  if (!grades.some((g) => g.enabled)) errors.grades = "At least one grade must be enabled";
  for (let i = 1; i < grades.length; i++) {
    if (grades[i].minCreditScore > grades[i - 1].minCreditScore) {
      errors[`grade${i}.minCreditScore`] = `Grade ${"ABCD"[i]}'s minimum score must not be above grade ${"ABCD"[i - 1]}'s (${grades[i - 1].minCreditScore})`;
    }
  }
  const minTenorDays = r.int(f.minTenorDays, "minTenorDays", "The shortest tenor", 1, LIMITS.maxTenorDays);
  const maxTenorDays = r.int(f.maxTenorDays, "maxTenorDays", "The longest tenor", 1, LIMITS.maxTenorDays);
  if (!errors.minTenorDays && !errors.maxTenorDays && minTenorDays > maxTenorDays) errors.maxTenorDays = "The longest tenor must not be shorter than the shortest";
  const graceDays = r.int(f.graceDays, "graceDays", "The grace period", 0, U16_MAX);
  const writeoffDays = r.int(f.writeoffDays, "writeoffDays", "The write-off period", 0, LIMITS.maxWriteoffDays);
  if (!errors.graceDays && !errors.writeoffDays && writeoffDays <= graceDays) errors.writeoffDays = "The write-off period must be longer than the grace period";
  const policy: PoolPolicy = {
    grades,
    minTenorDays,
    maxTenorDays,
    maxInvoiceUsdc: r.usdc(f.maxInvoiceUsdc, "maxInvoiceUsdc", "The largest invoice"),
    maxBuyerConcentrationBps: r.bps(f.maxBuyerConcentrationPct, "maxBuyerConcentrationPct", "The buyer concentration limit", 1, 10_000),
    maxSupplierConcentrationBps: r.bps(f.maxSupplierConcentrationPct, "maxSupplierConcentrationPct", "The supplier concentration limit", 1, 10_000),
    cashReserveBps: r.bps(f.cashReservePct, "cashReservePct", "The cash reserve", 0, 10_000),
    graceDays,
    writeoffDays,
    recoveryDays: r.int(f.recoveryDays, "recoveryDays", "The recovery period", 1, LIMITS.maxRecoveryDays),
    credit: creditToChain(f.credit, errors),
  };
  return Object.keys(errors).length ? { errors } : { errors, params, policy };
}

/** The credit policy in words, term by term (what the manager page shows as the pool's current policy). */
export function describeCredit(c: CreditPolicy): { term: string; value: string }[] {
  const bps = (b: number) => `${pct(b)}%`;
  const usdcText = (m: bigint) => `${formatAmount(m, 6, { group: true, trim: true })} USDC`;
  const off = "off";
  const problems = (n: number) => `${n} problem invoice${n === 1 ? "" : "s"}`;
  return [
    { term: "Buyer with an open default", value: c.blockOpenDefault ? "refused" : "allowed" },
    { term: "Most late invoices a buyer may have", value: c.maxOpenLate === U16_MAX ? "no limit" : String(c.maxOpenLate) },
    { term: "Proven buyer", value: c.provenMinOnTime === 0 ? off : `${c.provenMinOnTime} repaid on time, never late: discount − ${bps(c.provenDiscountCutBps)}` },
    { term: "Watch buyer (ever late or defaulted)", value: `discount + ${bps(c.watchDiscountAddBps)}` },
    {
      term: "Buyer credit limit",
      value:
        c.limitCapUsdc === 0n
          ? off
          : `${usdcText(c.limitBaseUsdc)} + ${bps(c.limitOnTimeBps)} of on-time volume − ${bps(c.limitLateBps)} of late − ${bps(c.limitDefaultBps)} of defaulted, from ${usdcText(c.limitFloorUsdc)} to ${usdcText(c.limitCapUsdc)}`,
    },
    { term: "Supplier blocked at", value: c.supplierBlockAtProblems === 0 ? off : problems(c.supplierBlockAtProblems) },
    {
      term: "Supplier problem-rate cap",
      value: c.supplierMaxProblemRateBps === 0 ? off : `${bps(c.supplierMaxProblemRateBps)} of invoices created, once ${c.supplierRateMinCreated} created`,
    },
    {
      term: "Watch supplier",
      value: c.supplierWatchMinProblems === 0 ? off : `from ${problems(c.supplierWatchMinProblems)}: discount + ${bps(c.supplierWatchDiscountAddBps)}`,
    },
  ];
}

function msg(e: unknown): string {
  return (e as Error).message.replace(/^not a decimal amount: /, "is not a number: ");
}

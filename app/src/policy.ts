// The pool's parameters and policy as a form: user terms (percentages,
// USDC, days) ⇄ the program's units (bps, micro-USDC), and the checks the
// program makes in PoolParams::validate / PoolPolicy::validate
// (programs/autofactor/src/state/pool.rs), run before sending so a bad
// value gets a sentence next to its field instead of a failed transaction.
import { formatAmount, parseAmount, type PoolParams, type PoolPolicy } from "@autofactor/sdk";

// programs/autofactor/src/constants.rs (not in the IDL).
export const LIMITS = {
  maxSeniorAprBps: 5_000,
  maxManagerFeeBps: 5_000,
  maxDiscountAprBps: 10_000,
  maxCreditScore: 1_000,
  maxTenorDays: 365,
  maxWriteoffDays: 365,
  maxRecoveryDays: 3_650,
  maxMinHoldSecs: 30 * 86_400,
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
}

const pct = (bps: number) => formatAmount(BigInt(bps), 2);
const usdc = (micro: bigint) => formatAmount(micro, 6, { trim: true });

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
  };
}

export type FormErrors = Partial<Record<string, string>>;

/** Form → chain values, with a sentence for every field that is wrong (`errors`); values only when there is none. */
export function formToChain(f: PolicyForm, current: { params: PoolParams; policy: PoolPolicy }): { errors: FormErrors; params?: PoolParams; policy?: PoolPolicy } {
  const errors: FormErrors = {};
  const bps = (key: keyof PolicyForm, label: string, min: number, max: number): number => {
    try {
      const v = parseAmount(String(f[key]), 2);
      if (v < BigInt(min) || v > BigInt(max)) throw new Error(`must be from ${pct(min)}% to ${pct(max)}%`);
      return Number(v);
    } catch (e) {
      errors[key] = `${label} ${msg(e)}`;
      return 0;
    }
  };
  const int = (key: string, text: string, label: string, min: number, max: number): number => {
    if (!/^\d+$/.test(text.trim())) {
      errors[key] = `${label} must be a whole number`;
      return 0;
    }
    const v = Number(text.trim());
    if (v < min || v > max) errors[key] = `${label} must be from ${min} to ${max}`;
    return v;
  };
  const money = (key: keyof PolicyForm, label: string): bigint => {
    try {
      const v = parseAmount(String(f[key]), 6);
      if (v <= 0n) throw new Error("must be more than zero");
      if (v > 0xffff_ffff_ffff_ffffn) throw new Error("is too large");
      return v;
    } catch (e) {
      errors[key] = `${label} ${msg(e)}`;
      return 0n;
    }
  };

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
    minJuniorRatioBps: bps("minJuniorRatioPct", "The minimum junior ratio", 0, 10_000),
    seniorAprBps: bps("seniorAprPct", "The senior APR", 0, LIMITS.maxSeniorAprBps),
    managerFeeBps: bps("managerFeePct", "The manager fee", 0, LIMITS.maxManagerFeeBps),
    liquidityCapUsdc: money("liquidityCapUsdc", "The liquidity cap"),
    maxInvestorShareBps: bps("maxInvestorSharePct", "The largest investor share", 1, 10_000),
    minHoldSecs,
  };
  const grades = f.grades.map((g, i) => {
    const name = `Grade ${"ABCD"[i]}`;
    const minCreditScore = int(`grade${i}.minCreditScore`, g.minCreditScore, `${name}'s minimum score`, 0, LIMITS.maxCreditScore);
    const advanceRateBps = g.enabled ? bps2(g.advanceRatePct, `grade${i}.advanceRatePct`, `${name}'s advance rate`, 1, 10_000, errors) : safeBps(g.advanceRatePct);
    const discountAprBps = g.enabled ? bps2(g.discountAprPct, `grade${i}.discountAprPct`, `${name}'s discount APR`, 0, LIMITS.maxDiscountAprBps, errors) : safeBps(g.discountAprPct);
    return { enabled: g.enabled, minCreditScore, advanceRateBps, discountAprBps };
  });
  if (!grades.some((g) => g.enabled)) errors.grades = "At least one grade must be enabled";
  for (let i = 1; i < grades.length; i++) {
    if (grades[i].minCreditScore > grades[i - 1].minCreditScore) {
      errors[`grade${i}.minCreditScore`] = `Grade ${"ABCD"[i]}'s minimum score must not be above grade ${"ABCD"[i - 1]}'s (${grades[i - 1].minCreditScore})`;
    }
  }
  const minTenorDays = int("minTenorDays", f.minTenorDays, "The shortest tenor", 1, LIMITS.maxTenorDays);
  const maxTenorDays = int("maxTenorDays", f.maxTenorDays, "The longest tenor", 1, LIMITS.maxTenorDays);
  if (!errors.minTenorDays && !errors.maxTenorDays && minTenorDays > maxTenorDays) errors.maxTenorDays = "The longest tenor must not be shorter than the shortest";
  const graceDays = int("graceDays", f.graceDays, "The grace period", 0, 65_535);
  const writeoffDays = int("writeoffDays", f.writeoffDays, "The write-off period", 0, LIMITS.maxWriteoffDays);
  if (!errors.graceDays && !errors.writeoffDays && writeoffDays <= graceDays) errors.writeoffDays = "The write-off period must be longer than the grace period";
  const policy: PoolPolicy = {
    grades,
    minTenorDays,
    maxTenorDays,
    maxInvoiceUsdc: money("maxInvoiceUsdc", "The largest invoice"),
    maxBuyerConcentrationBps: bps("maxBuyerConcentrationPct", "The buyer concentration limit", 1, 10_000),
    maxSupplierConcentrationBps: bps("maxSupplierConcentrationPct", "The supplier concentration limit", 1, 10_000),
    cashReserveBps: bps("cashReservePct", "The cash reserve", 0, 10_000),
    graceDays,
    writeoffDays,
    recoveryDays: int("recoveryDays", f.recoveryDays, "The recovery period", 1, LIMITS.maxRecoveryDays),
    // The credit policy is kept as it is (not edited here).
    credit: current.policy.credit,
  };
  return Object.keys(errors).length ? { errors } : { errors, params, policy };
}

function bps2(text: string, key: string, label: string, min: number, max: number, errors: FormErrors): number {
  try {
    const v = parseAmount(text, 2);
    if (v < BigInt(min) || v > BigInt(max)) throw new Error(`must be from ${pct(min)}% to ${pct(max)}%`);
    return Number(v);
  } catch (e) {
    errors[key] = `${label} ${msg(e)}`;
    return 0;
  }
}

function safeBps(text: string): number {
  try {
    return Number(parseAmount(text, 2));
  } catch {
    return 0;
  }
}

function msg(e: unknown): string {
  return (e as Error).message.replace(/^not a decimal amount: /, "is not a number: ");
}

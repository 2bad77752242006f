// The pool's credit policy on the parties' history (issue 16), ported from
// programs/autofactor/src/state/credit.rs with the same integer rules
// (bigint, no floating point): which rule admits or refuses a financing,
// with its figures, the history tiers, the discount APR and the buyer's
// credit limit — and the offer `invoice_finance` would make, before
// signing. sdk/test checks `creditDecide` against decisions the program's
// own `CreditPolicy::decide` produced (sdk/test/fixtures/credit-decisions.json,
// written and checked by tests/tests/program/credit_supplier.rs).
import type { PublicKey } from "@solana/web3.js";
import type { AutofactorClient, CurrencyConfig, InvoiceAccount, PoolAccount, ProtocolConfig } from "./client.js";
import { fromAnchor } from "./convert.js";
import { BPS_DENOMINATOR, MathError, bpsOfCeil, bpsOfFloor, claimUsdc, type FxPrice, type Pricing } from "./math.js";
import { previewInvoiceFinance } from "./preview.js";

/** `MAX_DISCOUNT_APR_BPS` (constants.rs). */
export const MAX_DISCOUNT_APR_BPS = 10_000;
const U16_MAX = 65_535;
const U32_MAX = 4_294_967_295;
const U64_MAX = (1n << 64n) - 1n;

function u64(v: bigint, what: string): bigint {
  if (v < 0n || v > U64_MAX) throw new MathError("MathOverflow", `${what} ${v} does not fit in u64`);
  return v;
}

/** The pool's history terms (`PoolPolicy::credit`, as the SDK decodes it). */
export interface CreditTerms {
  blockOpenDefault: boolean;
  maxOpenLate: number;
  provenMinOnTime: number;
  provenDiscountCutBps: number;
  watchDiscountAddBps: number;
  limitBaseUsdc: bigint;
  limitOnTimeBps: number;
  limitLateBps: number;
  limitDefaultBps: number;
  limitFloorUsdc: bigint;
  limitCapUsdc: bigint;
  supplierBlockAtProblems: number;
  supplierMaxProblemRateBps: number;
  supplierRateMinCreated: number;
  supplierWatchMinProblems: number;
  supplierWatchDiscountAddBps: number;
}

/** The fields of a `BuyerReputation` the policy reads. */
export interface BuyerRecord {
  repaidOnTimeCount: number;
  repaidOnTimeVolumeUsdc: bigint;
  lateCount: number;
  lateVolumeUsdc: bigint;
  defaultedCount: number;
  defaultedVolumeUsdc: bigint;
  openLateCount: number;
  openDefaultCount: number;
}

/** The fields of a `SupplierReputation` the policy reads. */
export interface SupplierRecord {
  createdCount: number;
  disputedCount: number;
  cancelledAcknowledgedCount: number;
}

/** A record with no history. */
export const EMPTY_BUYER_RECORD: BuyerRecord = {
  repaidOnTimeCount: 0, repaidOnTimeVolumeUsdc: 0n, lateCount: 0, lateVolumeUsdc: 0n, defaultedCount: 0,
  defaultedVolumeUsdc: 0n, openLateCount: 0, openDefaultCount: 0,
};
export const EMPTY_SUPPLIER_RECORD: SupplierRecord = { createdCount: 0, disputedCount: 0, cancelledAcknowledgedCount: 0 };

/** `HistoryTier` / `SupplierTier` by name (as the IDL's enums decode: `{ proven: {} }`). */
export type HistoryTierName = "standard" | "proven" | "watch";
export type SupplierTierName = "standard" | "watch";

/** The credit rules, in the order the program checks them. */
export type CreditRuleName = "buyerOpenDefault" | "buyerOpenLate" | "supplierProblems" | "supplierProblemRate" | "buyerCreditLimit";

/** One rule of the decision, with its figures. */
export interface CreditRuleCheck {
  rule: CreditRuleName;
  /** The program error a failure of this rule gives (IDL name). */
  error: string;
  /** What the rule checks, in words, with the figures. */
  text: string;
  /** False when the pool's terms leave the rule off (it then always passes). */
  applies: boolean;
  passed: boolean;
  figures: Record<string, bigint | number | boolean | null>;
}

/** What the policy decided (`CreditDecision`). */
export interface CreditDecision {
  tier: HistoryTierName;
  discountAprBps: number;
  /** The buyer's credit limit in micro-USDC; null while the pool sets none. */
  limitUsdc: bigint | null;
  supplierTier: SupplierTierName;
  supplierProblems: number;
}

function u32(v: number, what: string): number {
  if (!Number.isInteger(v) || v < 0 || v > U32_MAX) throw new MathError("MathOverflow", `${what} ${v} does not fit in u32`);
  return v;
}

/** `CreditPolicy::supplier_problems`: disputed + cancelled after acknowledgement. */
export function supplierProblems(s: SupplierRecord): number {
  return u32(s.disputedCount + s.cancelledAcknowledgedCount, "supplier problems");
}

/** `CreditPolicy::tier`. */
export function historyTier(t: CreditTerms, b: BuyerRecord): HistoryTierName {
  if (b.lateCount > 0 || b.defaultedCount > 0) return "watch";
  if (t.provenMinOnTime > 0 && b.repaidOnTimeCount >= t.provenMinOnTime) return "proven";
  return "standard";
}

/** `CreditPolicy::supplier_tier`. */
export function supplierTier(t: CreditTerms, s: SupplierRecord): SupplierTierName {
  return t.supplierWatchMinProblems > 0 && supplierProblems(s) >= t.supplierWatchMinProblems ? "watch" : "standard";
}

/**
 * `CreditPolicy::limit_usdc`: clamp(base + ⌊on-time × on-time bps / 10⁴⌋
 * − ⌈(late − defaulted) × late bps / 10⁴⌉ − ⌈defaulted × default bps / 10⁴⌉,
 * floor, cap); null while `limitCapUsdc` is 0.
 */
export function creditLimitUsdc(t: CreditTerms, b: BuyerRecord): bigint | null {
  if (t.limitCapUsdc === 0n) return null;
  const gained = bpsOfFloor(b.repaidOnTimeVolumeUsdc, BigInt(t.limitOnTimeBps));
  if (b.defaultedVolumeUsdc > b.lateVolumeUsdc) throw new MathError("MathOverflow", "defaulted volume above late volume");
  const lost = u64(
    bpsOfCeil(b.lateVolumeUsdc - b.defaultedVolumeUsdc, BigInt(t.limitLateBps)) + bpsOfCeil(b.defaultedVolumeUsdc, BigInt(t.limitDefaultBps)),
    "limit lost",
  );
  const base = u64(t.limitBaseUsdc + gained, "limit gained");
  const raw = base > lost ? base - lost : 0n;
  return raw < t.limitFloorUsdc ? t.limitFloorUsdc : raw > t.limitCapUsdc ? t.limitCapUsdc : raw;
}

/**
 * The four history rules, each with its figures, in the program's order.
 * The program stops at the first that fails (`refusedBy`); all four are
 * evaluated here so that a UI can show every one.
 */
export function creditRules(t: CreditTerms, b: BuyerRecord, s: SupplierRecord): CreditRuleCheck[] {
  const problems = supplierProblems(s);
  const rateOn = t.supplierMaxProblemRateBps > 0;
  const rateFails =
    rateOn && s.createdCount >= t.supplierRateMinCreated && BigInt(problems) * BPS_DENOMINATOR > BigInt(t.supplierMaxProblemRateBps) * BigInt(s.createdCount);
  const rateBps = s.createdCount === 0 ? 0n : (BigInt(problems) * BPS_DENOMINATOR) / BigInt(s.createdCount);
  return [
    {
      rule: "buyerOpenDefault",
      error: "BuyerHasOpenDefault",
      text: `buyer has ${b.openDefaultCount} defaulted invoice(s) not recovered; the pool ${t.blockOpenDefault ? "refuses any" : "does not block on them"}`,
      applies: t.blockOpenDefault,
      passed: !(t.blockOpenDefault && b.openDefaultCount > 0),
      figures: { openDefaultCount: b.openDefaultCount, blockOpenDefault: t.blockOpenDefault },
    },
    {
      rule: "buyerOpenLate",
      error: "BuyerTooManyLateInvoices",
      text: `buyer has ${b.openLateCount} invoice(s) late; the pool allows ${t.maxOpenLate === U16_MAX ? "any number" : t.maxOpenLate}`,
      applies: t.maxOpenLate !== U16_MAX,
      passed: b.openLateCount <= t.maxOpenLate,
      figures: { openLateCount: b.openLateCount, maxOpenLate: t.maxOpenLate },
    },
    {
      rule: "supplierProblems",
      error: "SupplierTooManyProblemInvoices",
      text: `supplier has ${problems} invoice(s) disputed or cancelled after acknowledgement; the pool ${t.supplierBlockAtProblems === 0 ? "does not block on them" : `refuses from ${t.supplierBlockAtProblems}`}`,
      applies: t.supplierBlockAtProblems > 0,
      passed: !(t.supplierBlockAtProblems > 0 && problems >= t.supplierBlockAtProblems),
      figures: {
        problems,
        disputedCount: s.disputedCount,
        cancelledAcknowledgedCount: s.cancelledAcknowledgedCount,
        blockAtProblems: t.supplierBlockAtProblems,
      },
    },
    {
      rule: "supplierProblemRate",
      error: "SupplierProblemRateTooHigh",
      text:
        `supplier: ${problems} of ${s.createdCount} invoice(s) created disputed or cancelled after acknowledgement (${rateBps} bps); ` +
        (rateOn ? `the pool allows ${t.supplierMaxProblemRateBps} bps once ${t.supplierRateMinCreated} are created` : "the pool sets no rate limit"),
      applies: rateOn && s.createdCount >= t.supplierRateMinCreated,
      passed: !rateFails,
      figures: {
        problems,
        createdCount: s.createdCount,
        problemRateBps: rateBps,
        maxProblemRateBps: t.supplierMaxProblemRateBps,
        rateMinCreated: t.supplierRateMinCreated,
      },
    },
  ];
}

/**
 * `CreditPolicy::decide`: the rules (the first failure refuses, as the
 * program's error) and, when admitted, the tiers, the discount APR (the
 * grade's, moved by the buyer's tier, then the supplier's add-on; within
 * 0..=MAX_DISCOUNT_APR_BPS) and the buyer's limit.
 */
export function creditDecide(
  t: CreditTerms,
  b: BuyerRecord,
  s: SupplierRecord,
  gradeDiscountAprBps: number,
): { rules: CreditRuleCheck[]; refusedBy: CreditRuleCheck | null; decision: CreditDecision | null } {
  const rules = creditRules(t, b, s);
  const refusedBy = rules.find((r) => !r.passed) ?? null;
  if (refusedBy) return { rules, refusedBy, decision: null };
  const tier = historyTier(t, b);
  let apr = gradeDiscountAprBps;
  if (tier === "proven") apr = Math.max(0, apr - t.provenDiscountCutBps);
  else if (tier === "watch") apr = Math.min(apr + t.watchDiscountAddBps, MAX_DISCOUNT_APR_BPS);
  const sTier = supplierTier(t, s);
  if (sTier === "watch") apr = Math.min(apr + t.supplierWatchDiscountAddBps, MAX_DISCOUNT_APR_BPS);
  return {
    rules,
    refusedBy: null,
    decision: { tier, discountAprBps: apr, limitUsdc: creditLimitUsdc(t, b), supplierTier: sTier, supplierProblems: supplierProblems(s) },
  };
}

/** The credit limit rule (`CreditDecision::require_within_limit`) on the buyer's outstanding claim after the purchase. */
export function creditLimitRule(limitUsdc: bigint | null, outstandingAfterUsdc: bigint): CreditRuleCheck {
  return {
    rule: "buyerCreditLimit",
    error: "BuyerCreditLimitExceeded",
    text:
      limitUsdc === null
        ? "the pool sets no buyer credit limit"
        : `the pool's claim on the buyer after the purchase, ${outstandingAfterUsdc} micro-USDC, within its limit of ${limitUsdc}`,
    applies: limitUsdc !== null,
    passed: limitUsdc === null || outstandingAfterUsdc <= limitUsdc,
    figures: { limitUsdc, outstandingAfterUsdc },
  };
}

/** What `invoice_finance` would offer under the credit policy, with every credit rule and its figures. */
export interface CreditOfferPreview {
  /** Every credit rule passed. */
  admitted: boolean;
  /** The first rule that fails (the program's error), or null. */
  refusedBy: { rule: CreditRuleName; error: string } | null;
  rules: CreditRuleCheck[];
  /** Null when a history rule refuses (the program prices nothing then). */
  decision: CreditDecision | null;
  /** The price at the decided discount APR (advance, discount, fees, reserve); null when refused before pricing. */
  offer: (Pricing & { claimUsdc: bigint; discountAprBps: number }) | null;
}

/**
 * The credit part of `invoice_finance` at `nowTs`, as the program runs
 * it: the history rules, the price at the decided discount APR, and the
 * buyer's credit limit on the pool's outstanding claim plus this one.
 * The pool-level limits (concentration, cash reserve, subordination) and
 * the invoice's own checks (status, grade, tenor, face) are not part of
 * it: `invoice finance --dry-run` in the CLI, or a simulation, gives the
 * program's whole answer.
 */
export function previewCreditOffer(args: {
  invoice: InvoiceAccount;
  pool: PoolAccount;
  protocol: ProtocolConfig;
  nowTs: bigint;
  buyer: BuyerRecord;
  supplier: SupplierRecord;
  /** The pool's outstanding claim on the buyer's entity now (`Exposure::outstanding_usdc`). */
  buyerOutstandingUsdc: bigint;
  fx?: { config: CurrencyConfig; price: FxPrice };
}): CreditOfferPreview {
  const { invoice, pool } = args;
  const grade = pool.policy.grades[invoice.riskGrade];
  if (!grade) throw new MathError("GradeNotAccepted");
  const terms = pool.policy.credit as CreditTerms;
  const { rules, refusedBy, decision } = creditDecide(terms, args.buyer, args.supplier, grade.discountAprBps);
  if (!decision) return { admitted: false, refusedBy: refusedBy && { rule: refusedBy.rule, error: refusedBy.error }, rules, decision: null, offer: null };
  // The one pricing path (preview.ts), at the decided APR.
  const grades = pool.policy.grades.map((g: (typeof pool.policy.grades)[number], i: number) => (i === invoice.riskGrade ? { ...g, discountAprBps: decision.discountAprBps } : g));
  const pricing = previewInvoiceFinance({ ...args, pool: { ...pool, policy: { ...pool.policy, grades } } });
  const claim = claimUsdc(pricing);
  const limit = creditLimitRule(decision.limitUsdc, args.buyerOutstandingUsdc + claim);
  const all = [...rules, limit];
  return {
    admitted: limit.passed,
    refusedBy: limit.passed ? null : { rule: limit.rule, error: limit.error },
    rules: all,
    decision,
    offer: { ...pricing, claimUsdc: claim, discountAprBps: decision.discountAprBps },
  };
}

/**
 * Reads what `previewCreditOffer` needs from the chain (the invoice, its
 * pool, the protocol, the buyer's and the supplier's records, the pool's
 * exposure to the buyer) and previews the credit decision and the offer
 * for `invoice` at `nowTs`, before anything is signed. A party without a
 * record yet counts as one with no history.
 */
export async function fetchCreditOfferPreview(
  client: AutofactorClient,
  invoice: PublicKey,
  nowTs: bigint,
  fx?: { config: CurrencyConfig; price: FxPrice },
): Promise<CreditOfferPreview> {
  const inv = await client.accounts.invoice(invoice);
  const buyerEntity = Uint8Array.from(inv.buyerEntity);
  const supplierEntity = Uint8Array.from(inv.supplierEntity);
  const [pool, protocol, buyerRaw, supplierRaw, exposure] = await Promise.all([
    client.accounts.pool(inv.pool),
    client.accounts.protocol(),
    client.program.account.buyerReputation.fetchNullable(client.pda.buyerReputation(buyerEntity)),
    client.program.account.supplierReputation.fetchNullable(client.pda.supplierReputation(supplierEntity)),
    client.accounts.exposure(client.pda.buyerExposure(inv.pool, buyerEntity)),
  ]);
  return previewCreditOffer({
    invoice: inv,
    pool,
    protocol,
    nowTs,
    buyer: buyerRaw ? (fromAnchor(buyerRaw) as BuyerRecord) : EMPTY_BUYER_RECORD,
    supplier: supplierRaw ? (fromAnchor(supplierRaw) as SupplierRecord) : EMPTY_SUPPLIER_RECORD,
    buyerOutstandingUsdc: exposure?.outstandingUsdc ?? 0n,
    fx,
  });
}

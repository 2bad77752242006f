// Unit tests of src/policy.ts: the manager's form in user terms ⇄ the
// program's units (bps, micro-USDC), the program's validation rules
// (PoolParams / PoolPolicy / CreditPolicy::validate) as sentences, and the
// credit policy in words.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { PoolParams, PoolPolicy } from "@autofactor/sdk";
import { creditToChain, describeCredit, formFromChain, formToChain, U16_MAX, type FormErrors, type PolicyForm } from "../src/policy";

// The demo pool's terms (cli/tests/snapshots/json/demo-pool-show.json), credit policy off.
const CREDIT_OFF: PoolPolicy["credit"] = {
  blockOpenDefault: false, maxOpenLate: U16_MAX, provenMinOnTime: 0, provenDiscountCutBps: 0, watchDiscountAddBps: 0,
  limitBaseUsdc: 0n, limitOnTimeBps: 0, limitLateBps: 0, limitDefaultBps: 0, limitFloorUsdc: 0n, limitCapUsdc: 0n,
  supplierBlockAtProblems: 0, supplierMaxProblemRateBps: 0, supplierRateMinCreated: 0, supplierWatchMinProblems: 0, supplierWatchDiscountAddBps: 0,
};
const PARAMS: PoolParams = {
  minJuniorRatioBps: 2_000, seniorAprBps: 800, managerFeeBps: 1_000, liquidityCapUsdc: 5_000_000_000_000n, maxInvestorShareBps: 10_000, minHoldSecs: 86_400,
};
const POLICY: PoolPolicy = {
  grades: [
    { enabled: true, minCreditScore: 800, advanceRateBps: 10_000, discountAprBps: 1_200 },
    { enabled: true, minCreditScore: 650, advanceRateBps: 9_500, discountAprBps: 1_600 },
    { enabled: true, minCreditScore: 500, advanceRateBps: 9_000, discountAprBps: 2_200 },
    { enabled: false, minCreditScore: 0, advanceRateBps: 8_000, discountAprBps: 3_000 },
  ],
  minTenorDays: 7, maxTenorDays: 180, maxInvoiceUsdc: 250_000_000_000n, maxBuyerConcentrationBps: 2_500, maxSupplierConcentrationBps: 3_000,
  cashReserveBps: 500, graceDays: 5, writeoffDays: 90, recoveryDays: 365, credit: CREDIT_OFF,
};

function form(patch: Partial<PolicyForm> = {}, credit: Partial<PolicyForm["credit"]> = {}): PolicyForm {
  const f = formFromChain(PARAMS, POLICY);
  return { ...f, ...patch, credit: { ...f.credit, ...credit } };
}

test("formFromChain shows user terms: % with two decimals, USDC, days; no late limit as empty", () => {
  const f = formFromChain(PARAMS, POLICY);
  assert.equal(f.minJuniorRatioPct, "20.00");
  assert.equal(f.seniorAprPct, "8.00");
  assert.equal(f.liquidityCapUsdc, "5000000");
  assert.equal(f.minHoldDays, "1");
  assert.equal(f.maxInvoiceUsdc, "250000");
  assert.equal(f.cashReservePct, "5.00");
  assert.deepEqual(f.grades[1], { enabled: true, minCreditScore: "650", advanceRatePct: "95.00", discountAprPct: "16.00" });
  assert.equal(f.credit.maxOpenLate, "");
  assert.equal(f.credit.supplierBlockAtProblems, "0");
  assert.equal(f.credit.supplierMaxProblemRatePct, "0.00");
  assert.equal(f.credit.supplierWatchDiscountAddPct, "0.00");
  assert.equal(f.credit.limitCapUsdc, "0");
});

test("the unchanged form gives back exactly the chain's values", () => {
  const r = formToChain(form());
  assert.deepEqual(r.errors, {});
  assert.deepEqual(r.params, PARAMS);
  assert.deepEqual(r.policy, POLICY);
});

test("changes convert to integers: 7.50% → 750 bps, 1.5 days → 129,600 s, USDC → micro-USDC", () => {
  const r = formToChain(form({ cashReservePct: "7.50", minHoldDays: "1.5", maxInvoiceUsdc: "1,000.000001" }));
  assert.deepEqual(r.errors, {});
  assert.equal(r.policy!.cashReserveBps, 750);
  assert.equal(r.params!.minHoldSecs, 129_600);
  assert.equal(r.policy!.maxInvoiceUsdc, 1_000_000_001n);
});

test("bad values get a sentence under their field and nothing to send", () => {
  const r = formToChain(form({ graceDays: "abc", seniorAprPct: "60", cashReservePct: "5.555", minTenorDays: "30", maxTenorDays: "10", liquidityCapUsdc: "0" }));
  assert.equal(r.params, undefined);
  assert.equal(r.policy, undefined);
  assert.equal(r.errors.graceDays, "The grace period must be a whole number");
  assert.equal(r.errors.seniorAprPct, "The senior APR must be from 0.00% to 50.00%");
  assert.equal(r.errors.cashReservePct, 'The cash reserve "5.555" has 3 decimals; at most 2 allowed');
  assert.equal(r.errors.maxTenorDays, "The longest tenor must not be shorter than the shortest");
  assert.equal(r.errors.liquidityCapUsdc, "The liquidity cap must be more than zero");
});

test("grades: ordered minimum scores, at least one enabled", () => {
  const f = form();
  f.grades = f.grades.map((g, i) => (i === 2 ? { ...g, minCreditScore: "700" } : g));
  assert.equal(formToChain(f).errors["grade2.minCreditScore"], "Grade C's minimum score must not be above grade B's (650)");
  f.grades = f.grades.map((g) => ({ ...g, enabled: false, minCreditScore: "0" }));
  assert.equal(formToChain(f).errors.grades, "At least one grade must be enabled");
});

test("supplier terms: block at N problem invoices, problem-rate cap, Watch extra discount go on chain as integers", () => {
  const r = formToChain(
    form({}, { supplierBlockAtProblems: "3", supplierMaxProblemRatePct: "25", supplierRateMinCreated: "8", supplierWatchMinProblems: "1", supplierWatchDiscountAddPct: "2.50" }),
  );
  assert.deepEqual(r.errors, {});
  assert.deepEqual(r.policy!.credit, {
    ...CREDIT_OFF, supplierBlockAtProblems: 3, supplierMaxProblemRateBps: 2_500, supplierRateMinCreated: 8, supplierWatchMinProblems: 1, supplierWatchDiscountAddBps: 250,
  });
});

test("credit rules of CreditPolicy::validate: an off term leaves its companions unset; bounds; limit order", () => {
  const check = (credit: Partial<PolicyForm["credit"]>): FormErrors => {
    const errors: FormErrors = {};
    creditToChain(form({}, credit).credit, errors);
    return errors;
  };
  assert.deepEqual(check({ supplierRateMinCreated: "5" }), {
    "credit.supplierRateMinCreated": "The invoices created before the problem-rate cap applies must be 0 while the cap is off (0%)",
  });
  assert.deepEqual(check({ supplierWatchDiscountAddPct: "1" }), {
    "credit.supplierWatchDiscountAddPct": "The Watch suppliers' extra discount must be 0% while there is no supplier Watch tier (0 problem invoices)",
  });
  assert.deepEqual(check({ supplierMaxProblemRatePct: "100.01" }), { "credit.supplierMaxProblemRatePct": "The supplier problem-rate cap must be from 0.00% to 100.00%" });
  assert.deepEqual(check({ supplierBlockAtProblems: "65536" }), { "credit.supplierBlockAtProblems": "The problem invoices that block a supplier must be from 0 to 65535" });
  assert.deepEqual(check({ watchDiscountAddPct: "100.01" }), { "credit.watchDiscountAddPct": "The Watch buyers' extra discount must be from 0.00% to 100.00%" });
  assert.deepEqual(check({ limitBaseUsdc: "10" }), { "credit.limitBaseUsdc": "The starting credit limit must be 0 while there is no credit limit (highest limit 0)" });
  assert.deepEqual(check({ limitCapUsdc: "100", limitBaseUsdc: "200" }), { "credit.limitBaseUsdc": "The starting credit limit must not be above the highest limit" });
  assert.deepEqual(check({ limitCapUsdc: "100", limitBaseUsdc: "50", limitFloorUsdc: "60" }), { "credit.limitFloorUsdc": "The lowest credit limit must not be above the starting limit" });
  assert.deepEqual(check({ maxOpenLate: "two" }), { "credit.maxOpenLate": "The most late invoices a buyer may have must be a whole number" });
  const errors: FormErrors = {};
  const c = creditToChain(form({}, { maxOpenLate: "2", limitCapUsdc: "100000", limitBaseUsdc: "10000.5", limitFloorUsdc: "0", limitOnTimePct: "150", blockOpenDefault: true }).credit, errors);
  assert.deepEqual(errors, {});
  assert.equal(c.maxOpenLate, 2);
  assert.equal(c.limitBaseUsdc, 10_000_500_000n);
  assert.equal(c.limitCapUsdc, 100_000_000_000n);
  assert.equal(c.limitOnTimeBps, 15_000);
  assert.equal(c.blockOpenDefault, true);
});

test("describeCredit: the policy in words, off terms said so", () => {
  const off = Object.fromEntries(describeCredit(CREDIT_OFF).map((d) => [d.term, d.value]));
  assert.equal(off["Supplier blocked at"], "off");
  assert.equal(off["Supplier problem-rate cap"], "off");
  assert.equal(off["Watch supplier"], "off");
  assert.equal(off["Most late invoices a buyer may have"], "no limit");
  assert.equal(off["Buyer credit limit"], "off");
  const on = Object.fromEntries(
    describeCredit({
      ...CREDIT_OFF, supplierBlockAtProblems: 3, supplierMaxProblemRateBps: 2_500, supplierRateMinCreated: 8, supplierWatchMinProblems: 1, supplierWatchDiscountAddBps: 250,
      limitCapUsdc: 100_000_000_000n, limitBaseUsdc: 10_000_000_000n, limitFloorUsdc: 1_000_000_000n, limitOnTimeBps: 5_000, limitLateBps: 10_000, limitDefaultBps: 20_000,
    }).map((d) => [d.term, d.value]),
  );
  assert.equal(on["Supplier blocked at"], "3 problem invoices");
  assert.equal(on["Supplier problem-rate cap"], "25.00% of invoices created, once 8 created");
  assert.equal(on["Watch supplier"], "from 1 problem invoice: discount + 2.50%");
  assert.equal(on["Buyer credit limit"], "10,000 USDC + 50.00% of on-time volume − 100.00% of late − 200.00% of defaulted, from 1,000 USDC to 100,000 USDC");
});

// The SDK's credit preview (src/credit.ts) against the program's own
// decisions: sdk/test/fixtures/credit-decisions.json is written by the
// program's `CreditPolicy::decide` (tests/tests/program/credit_supplier.rs,
// which also fails when the file is stale). No chain needed.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as sdk from "../src/index.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

type Raw = Record<string, string | number | boolean>;
interface Case {
  policy: number;
  gradeDiscountAprBps: number;
  outstandingAfterUsdc: string;
  buyer: Raw;
  supplier: Raw;
  result:
    | { error: string }
    | { tier: string; discountAprBps: number; limitUsdc: string | null; supplierTier: string; supplierProblems: number; limitError: string | null };
}

/** Fields in micro-USDC are strings in the file (u64): bigint here. */
function withBigints<T>(o: Raw): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = k.endsWith("Usdc") ? BigInt(v as string) : v;
  return out as T;
}

const fixture = JSON.parse(fs.readFileSync(path.join(root, "sdk/test/fixtures/credit-decisions.json"), "utf8")) as {
  policies: Raw[];
  cases: Case[];
};

test("creditDecide gives the program's decision in every fixture case", () => {
  const policies = fixture.policies.map((p) => withBigints<sdk.CreditTerms>(p));
  assert.ok(fixture.cases.length >= 200);
  const seen = new Set<string>();
  fixture.cases.forEach((c, i) => {
    const terms = policies[c.policy];
    const buyer = withBigints<sdk.BuyerRecord>(c.buyer);
    const supplier = withBigints<sdk.SupplierRecord>(c.supplier);
    const { rules, refusedBy, decision } = sdk.creditDecide(terms, buyer, supplier, c.gradeDiscountAprBps);
    assert.equal(rules.length, 4, `case ${i}`);
    if ("error" in c.result) {
      assert.equal(refusedBy?.error, c.result.error, `case ${i}`);
      assert.equal(decision, null, `case ${i}`);
      // The rules before the refusing one passed.
      const at = rules.findIndex((r) => r === refusedBy);
      assert.ok(rules.slice(0, at).every((r) => r.passed), `case ${i}`);
      seen.add(c.result.error);
      return;
    }
    assert.equal(refusedBy, null, `case ${i}`);
    assert.ok(decision, `case ${i}`);
    assert.equal(decision.tier, c.result.tier, `case ${i}`);
    assert.equal(decision.supplierTier, c.result.supplierTier, `case ${i}`);
    assert.equal(decision.discountAprBps, c.result.discountAprBps, `case ${i}`);
    assert.equal(decision.supplierProblems, c.result.supplierProblems, `case ${i}`);
    assert.equal(decision.limitUsdc, c.result.limitUsdc === null ? null : BigInt(c.result.limitUsdc), `case ${i}`);
    const limit = sdk.creditLimitRule(decision.limitUsdc, BigInt(c.outstandingAfterUsdc));
    assert.equal(limit.passed ? null : limit.error, c.result.limitError, `case ${i}`);
    seen.add(`${c.result.tier}/${c.result.supplierTier}`);
    if (c.result.limitError) seen.add(c.result.limitError);
  });
  for (const s of [
    "BuyerHasOpenDefault",
    "BuyerTooManyLateInvoices",
    "SupplierTooManyProblemInvoices",
    "SupplierProblemRateTooHigh",
    "BuyerCreditLimitExceeded",
  ]) {
    assert.ok(seen.has(s), `no fixture case refused by ${s}`);
  }
});

test("every credit rule's error is a program error of the IDL", () => {
  const rules = sdk.creditRules(fixture.policies.map((p) => withBigints<sdk.CreditTerms>(p))[1], sdk.EMPTY_BUYER_RECORD, sdk.EMPTY_SUPPLIER_RECORD);
  for (const r of [...rules, sdk.creditLimitRule(1n, 2n)]) {
    assert.ok(sdk.errorCode(r.error as never) >= 6116, r.error);
  }
  assert.equal(sdk.MAX_DISCOUNT_APR_BPS, Number(/pub const MAX_DISCOUNT_APR_BPS: u16 = ([\d_]+);/.exec(fs.readFileSync(path.join(root, "programs/autofactor/src/constants.rs"), "utf8"))![1].replace(/_/g, "")));
});

test("previewCreditOffer prices at the decided APR and checks the limit on the claim after the purchase", () => {
  const DAY = 86_400n;
  const grade = { enabled: true, minCreditScore: 800, advanceRateBps: 9_000, discountAprBps: 1_200 };
  const terms: sdk.CreditTerms = {
    ...withBigints<sdk.CreditTerms>(fixture.policies[0]),
    supplierWatchMinProblems: 1,
    supplierWatchDiscountAddBps: 300,
    limitCapUsdc: 2_000_000_000n,
    limitBaseUsdc: 1_000_000_000n,
  };
  const pool = {
    params: { managerFeeBps: 1_000 },
    policy: { grades: [grade, grade, grade, grade], credit: terms },
  } as unknown as sdk.PoolAccount;
  const invoice = { riskGrade: 0, currency: Array.from(Buffer.from("USD")), faceMinor: 100_000n, dueTs: 1_000n + 60n * DAY, currencyDecimals: 2 } as unknown as sdk.InvoiceAccount;
  const protocol = { protocolFeeBps: 500 } as unknown as sdk.ProtocolConfig;
  const supplier = { createdCount: 3, disputedCount: 1, cancelledAcknowledgedCount: 0 };
  const p = sdk.previewCreditOffer({ invoice, pool, protocol, nowTs: 1_000n, buyer: sdk.EMPTY_BUYER_RECORD, supplier, buyerOutstandingUsdc: 0n });
  // Supplier on Watch: 12 % + 3 %, priced by the one pricing function.
  assert.equal(p.decision?.supplierTier, "watch");
  assert.equal(p.offer?.discountAprBps, 1_500);
  const expected = sdk.priceInvoice({ faceUsdc: 1_000_000_000n, advanceRateBps: 9_000, discountAprBps: 1_500, secsToDue: 60n * DAY, protocolFeeBps: 500, managerFeeBps: 1_000 });
  assert.equal(p.offer?.advanceUsdc, expected.advanceUsdc);
  assert.equal(p.offer?.discountUsdc, expected.discountUsdc);
  assert.equal(p.offer?.reserveUsdc, expected.reserveUsdc);
  assert.equal(p.offer?.claimUsdc, sdk.claimUsdc(expected));
  assert.equal(p.admitted, true);
  assert.deepEqual(p.rules.map((r) => [r.rule, r.passed]), [
    ["buyerOpenDefault", true], ["buyerOpenLate", true], ["supplierProblems", true], ["supplierProblemRate", true], ["buyerCreditLimit", true],
  ]);
  // 1,000 USDC of limit: an outstanding claim of 200 USDC more refuses it, with the figures.
  const over = sdk.previewCreditOffer({ invoice, pool, protocol, nowTs: 1_000n, buyer: sdk.EMPTY_BUYER_RECORD, supplier, buyerOutstandingUsdc: 200_000_000n });
  assert.equal(over.admitted, false);
  assert.deepEqual(over.refusedBy, { rule: "buyerCreditLimit", error: "BuyerCreditLimitExceeded" });
  assert.deepEqual(over.rules[4].figures, { limitUsdc: 1_000_000_000n, outstandingAfterUsdc: 200_000_000n + sdk.claimUsdc(expected) });
  // A refused history rule: no price.
  const blocked = sdk.previewCreditOffer({
    invoice, pool: { ...pool, policy: { ...pool.policy, credit: { ...terms, supplierBlockAtProblems: 1 } } } as sdk.PoolAccount, protocol, nowTs: 1_000n,
    buyer: sdk.EMPTY_BUYER_RECORD, supplier, buyerOutstandingUsdc: 0n,
  });
  assert.deepEqual(blocked.refusedBy, { rule: "supplierProblems", error: "SupplierTooManyProblemInvoices" });
  assert.equal(blocked.offer, null);
  assert.deepEqual(blocked.rules[2].figures, { problems: 1, disputedCount: 1, cancelledAcknowledgedCount: 0, blockAtProblems: 1 });
});

test("the supplier record's PDA follows the IDL's seed", () => {
  const pda = new sdk.Pda();
  assert.equal(sdk.seed("SUPPLIER_REPUTATION_SEED").toString(), "supplier_reputation");
  const entity = new Uint8Array(32).fill(7);
  const [expected] = sdk.web3.PublicKey.findProgramAddressSync([Buffer.from("supplier_reputation"), Buffer.from(entity)], sdk.PROGRAM_ID);
  assert.ok(pda.supplierReputation(entity).equals(expected));
});

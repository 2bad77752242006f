// Previews from decoded accounts: the glue between the chain's accounts
// and the ported math (math.ts).
import type { InvoiceAccount, PoolAccount, ProtocolConfig, CurrencyConfig } from "./client.js";
import { MathError, fxValueForPurchase, previewFinance, usdMinorToUsdc, type PoolMath, type Pricing, type FxPrice, type Ledger, type TrancheState } from "./math.js";

/** The `PoolMath` of a decoded pool account. */
export function poolMathState(pool: PoolAccount): PoolMath {
  const l = pool.ledger;
  const tranche = (t: typeof l.senior): TrancheState => ({
    sharesOutstanding: t.sharesOutstanding,
    sharesLocked: t.sharesLocked,
    sharesPending: t.sharesPending,
    queueHead: t.queueHead,
    queueTail: t.queueTail,
  });
  const ledger: Ledger = {
    cashUsdc: l.cashUsdc,
    receivablesUsdc: l.receivablesUsdc,
    seniorClaimFp: l.seniorClaimFp,
    seniorIndexWad: l.seniorIndexWad,
    lastAccrualTs: l.lastAccrualTs,
    seniorUnitsFp: l.seniorUnitsFp,
    seniorRateStartTs: l.seniorRateStartTs,
    seniorRateBaseWad: l.seniorRateBaseWad,
    senior: tranche(l.senior),
    junior: tranche(l.junior),
    incomeRateScaled: l.incomeRateScaled,
    accruedIncomeScaled: l.accruedIncomeScaled,
    writeDownRateScaled: l.writeDownRateScaled,
    accruedWriteDownScaled: l.accruedWriteDownScaled,
  };
  return {
    ledger,
    seniorAprBps: pool.params.seniorAprBps,
    managerFeeBps: pool.params.managerFeeBps,
    pendingRiskChange: { seniorAprBps: pool.pendingRiskChange.seniorAprBps, effectiveTs: pool.pendingRiskChange.effectiveTs },
  };
}

/**
 * What `invoice_finance` would pay for a verified invoice at `nowTs`: the
 * pool's terms for the invoice's risk grade, the protocol and manager fees;
 * a non-USD invoice needs its currency config and a price (e.g. the
 * decoded Pyth account, `decodePriceUpdate`).
 */
export function previewInvoiceFinance(args: {
  invoice: InvoiceAccount;
  pool: PoolAccount;
  protocol: ProtocolConfig;
  nowTs: bigint;
  fx?: { config: CurrencyConfig; price: FxPrice };
}): Pricing {
  const { invoice, pool } = args;
  const grade = pool.policy.grades[invoice.riskGrade];
  if (!grade) throw new MathError("GradeNotAccepted");
  const currency = Buffer.from(invoice.currency).toString("ascii");
  let faceUsdc: bigint;
  if (currency === "USD") faceUsdc = usdMinorToUsdc(invoice.faceMinor);
  else {
    if (!args.fx) throw new MathError("PriceAccountMissing", `a ${currency} invoice needs its currency config and a price`);
    const direction = "ccyUsd" in args.fx.config.terms.direction ? "ccyUsd" : "usdCcy";
    faceUsdc = fxValueForPurchase(invoice.faceMinor, args.fx.price, invoice.currencyDecimals, direction);
  }
  return previewFinance({
    faceUsdc,
    grade,
    dueTs: invoice.dueTs,
    nowTs: args.nowTs,
    protocolFeeBps: args.protocol.protocolFeeBps,
    managerFeeBps: pool.params.managerFeeBps,
  });
}

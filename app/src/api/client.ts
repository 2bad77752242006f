// A typed client for the indexer's HTTP API (read-only routes the
// dashboard uses), over the one request path of ./http. Answers are parsed
// exactly (parseJsonExact) and decoded into the types of ./types: money as
// bigint, never a float.
import {
  ApiFormatError,
  asArray,
  asObject,
  bigintField,
  boolField,
  intField,
  oneOf,
  optBigintField,
  optIntField,
  optNumberField,
  stringField,
  type JsonObject,
} from "./decode";
import { apiJson, type FetchImpl } from "./http";
import type { ExactJson } from "./json";
import {
  AGEING_BUCKETS,
  TRANCHES,
  WITHDRAWAL_STATUSES,
  type ExposureBy,
  type HealthFigures,
  type HistoryPoint,
  type PoolAgeing,
  type PoolApy,
  type PoolExposure,
  type PoolHistory,
  type PoolParams,
  type PoolPolicy,
  type PoolSummary,
  type PoolValuation,
  type RepaymentHealth,
  type TrancheApy,
  type Withdrawal,
} from "./types";

function decodeParams(o: JsonObject): PoolParams {
  const w = "pool.params";
  return {
    seniorAprBps: intField(o, "senior_apr_bps", w),
    managerFeeBps: intField(o, "manager_fee_bps", w),
    minJuniorRatioBps: intField(o, "min_junior_ratio_bps", w),
    maxInvestorShareBps: intField(o, "max_investor_share_bps", w),
    liquidityCapUsdc: bigintField(o, "liquidity_cap_usdc", w),
    minHoldSecs: intField(o, "min_hold_secs", w),
  };
}

function decodePolicy(o: JsonObject): PoolPolicy {
  const w = "pool.policy";
  return {
    cashReserveBps: intField(o, "cash_reserve_bps", w),
    graceDays: intField(o, "grace_days", w),
    writeoffDays: intField(o, "writeoff_days", w),
    recoveryDays: intField(o, "recovery_days", w),
    maxBuyerConcentrationBps: intField(o, "max_buyer_concentration_bps", w),
    maxSupplierConcentrationBps: intField(o, "max_supplier_concentration_bps", w),
    maxInvoiceUsdc: bigintField(o, "max_invoice_usdc", w),
    minTenorDays: intField(o, "min_tenor_days", w),
    maxTenorDays: intField(o, "max_tenor_days", w),
  };
}

/** The figures a pool summary and a history point share (`PoolValuation`). */
function decodeValuation(o: JsonObject, w: string): PoolValuation {
  return {
    navUsdc: bigintField(o, "nav_usdc", w),
    cashUsdc: bigintField(o, "cash_usdc", w),
    receivablesUsdc: bigintField(o, "receivables_usdc", w),
    seniorValueUsdc: bigintField(o, "senior_value_usdc", w),
    juniorValueUsdc: bigintField(o, "junior_value_usdc", w),
    seniorSupply: bigintField(o, "senior_supply", w),
    juniorSupply: bigintField(o, "junior_supply", w),
    seniorPrice: bigintField(o, "senior_price", w),
    juniorPrice: bigintField(o, "junior_price", w),
  };
}

export function decodePool(v: ExactJson): PoolSummary {
  const w = "pool";
  const o = asObject(v, w);
  return {
    pool: stringField(o, "pool", w),
    poolId: bigintField(o, "pool_id", w),
    manager: stringField(o, "manager", w),
    usdcMint: stringField(o, "usdc_mint", w),
    vault: stringField(o, "vault", w),
    seniorMint: stringField(o, "senior_mint", w),
    juniorMint: stringField(o, "junior_mint", w),
    createdTs: optIntField(o, "created_ts", w),
    paused: boolField(o, "paused", w),
    params: decodeParams(asObject(o.params, "pool.params")),
    policy: decodePolicy(asObject(o.policy, "pool.policy")),
    ...decodeValuation(o, w),
    snapshotTs: optIntField(o, "snapshot_ts", w),
    protocolFeesCollectedUsdc: bigintField(o, "protocol_fees_collected_usdc", w),
    managerFeesCollectedUsdc: bigintField(o, "manager_fees_collected_usdc", w),
    openInvoices: intField(o, "open_invoices", w),
    totalWrittenDownUsdc: bigintField(o, "total_written_down_usdc", w),
  };
}

function decodePoint(v: ExactJson, i: number): HistoryPoint {
  const w = `history.points[${i}]`;
  const o = asObject(v, w);
  return {
    ts: intField(o, "ts", w),
    bucketTs: intField(o, "bucket_ts", w),
    ...decodeValuation(o, w),
  };
}

export function decodeHistory(v: ExactJson): PoolHistory {
  const o = asObject(v, "history");
  return {
    resolutionSecs: intField(o, "resolution_secs", "history"),
    points: asArray(o.points, "history.points").map(decodePoint),
  };
}

function decodeTrancheApy(v: ExactJson | undefined, w: string): TrancheApy {
  const o = asObject(v, w);
  return {
    asOfTs: optIntField(o, "as_of_ts", w),
    price: optBigintField(o, "price", w),
    apy7dBps: optIntField(o, "apy_7d_bps", w),
    apy30dBps: optIntField(o, "apy_30d_bps", w),
    apyInceptionBps: optIntField(o, "apy_inception_bps", w),
    inceptionTs: optIntField(o, "inception_ts", w),
    inceptionPrice: optBigintField(o, "inception_price", w),
  };
}

export function decodeApy(v: ExactJson): PoolApy {
  const o = asObject(v, "apy");
  return {
    senior: decodeTrancheApy(o.senior, "apy.senior"),
    junior: decodeTrancheApy(o.junior, "apy.junior"),
    method: stringField(o, "method", "apy"),
  };
}

export function decodeExposure(v: ExactJson, by: ExposureBy): PoolExposure {
  const o = asObject(v, "exposure");
  const got = stringField(o, "by", "exposure");
  if (got !== by) throw new ApiFormatError(`exposure.by: asked for ${by}, got ${JSON.stringify(got)}`);
  return {
    by,
    outstandingUsdc: bigintField(o, "outstanding_usdc", "exposure"),
    groups: asArray(o.groups, "exposure.groups").map((g, i) => {
      const w = `exposure.groups[${i}]`;
      const go = asObject(g, w);
      return {
        key: stringField(go, by, w),
        count: intField(go, "count", w),
        faceUsdc: bigintField(go, "face_usdc", w),
        outstandingUsdc: bigintField(go, "outstanding_usdc", w),
        shareBps: optIntField(go, "share_bps", w),
      };
    }),
  };
}

export function decodeAgeing(v: ExactJson): PoolAgeing {
  const o = asObject(v, "ageing");
  return {
    nowTs: intField(o, "now_ts", "ageing"),
    buckets: asArray(o.buckets, "ageing.buckets").map((b, i) => {
      const w = `ageing.buckets[${i}]`;
      const bo = asObject(b, w);
      return {
        bucket: oneOf(bo, "bucket", AGEING_BUCKETS, w),
        count: intField(bo, "count", w),
        outstandingUsdc: bigintField(bo, "outstanding_usdc", w),
      };
    }),
  };
}

function decodeHealthFigures(o: JsonObject, w: string): HealthFigures {
  return {
    financedCount: intField(o, "financed_count", w),
    repaidCount: intField(o, "repaid_count", w),
    onTimeCount: intField(o, "on_time_count", w),
    onTimeRateBps: optIntField(o, "on_time_rate_bps", w),
    avgDaysLate: optNumberField(o, "avg_days_late", w),
    defaultedCount: intField(o, "defaulted_count", w),
    defaultRateBps: optIntField(o, "default_rate_bps", w),
    defaultedFaceUsdc: bigintField(o, "defaulted_face_usdc", w),
    recoveredUsdc: bigintField(o, "recovered_usdc", w),
    recoveryRateBps: optIntField(o, "recovery_rate_bps", w),
  };
}

export function decodeRepaymentHealth(v: ExactJson): RepaymentHealth {
  const o = asObject(v, "repayment-health");
  const defs = asObject(o.definitions, "repayment-health.definitions");
  const definitions: Record<string, string> = {};
  for (const k of Object.keys(defs)) definitions[k] = stringField(defs, k, "repayment-health.definitions");
  return {
    pool: decodeHealthFigures(asObject(o.pool, "repayment-health.pool"), "repayment-health.pool"),
    buyers: asArray(o.buyers, "repayment-health.buyers").map((b, i) => {
      const w = `repayment-health.buyers[${i}]`;
      const bo = asObject(b, w);
      return { ...decodeHealthFigures(bo, w), buyer: stringField(bo, "buyer", w) };
    }),
    definitions,
  };
}

export function decodeWithdrawals(v: ExactJson): Withdrawal[] {
  const o = asObject(v, "withdrawals");
  return asArray(o.withdrawals, "withdrawals.withdrawals").map((r, i) => {
    const w = `withdrawals[${i}]`;
    const ro = asObject(r, w);
    return {
      tranche: oneOf(ro, "tranche", TRANCHES, w),
      sequence: bigintField(ro, "sequence", w),
      request: stringField(ro, "request", w),
      investor: stringField(ro, "investor", w),
      sharesRequested: bigintField(ro, "shares_requested", w),
      sharesRemaining: bigintField(ro, "shares_remaining", w),
      paidUsdc: bigintField(ro, "paid_usdc", w),
      owedUsdc: bigintField(ro, "owed_usdc", w),
      status: oneOf(ro, "status", WITHDRAWAL_STATUSES, w),
      queuedTs: optIntField(ro, "queued_ts", w),
      updatedTs: optIntField(ro, "updated_ts", w),
    };
  });
}

/** History resolution: seconds, or `raw` for every snapshot. */
export type Resolution = number | "raw";

export interface ApiClient {
  readonly baseUrl: string;
  pool(pool: string, signal?: AbortSignal): Promise<PoolSummary>;
  history(pool: string, opts?: { resolution?: Resolution; fromTs?: number; toTs?: number }, signal?: AbortSignal): Promise<PoolHistory>;
  apy(pool: string, signal?: AbortSignal): Promise<PoolApy>;
  exposure(pool: string, by: ExposureBy, signal?: AbortSignal): Promise<PoolExposure>;
  ageing(pool: string, opts?: { nowTs?: number }, signal?: AbortSignal): Promise<PoolAgeing>;
  repaymentHealth(pool: string, signal?: AbortSignal): Promise<RepaymentHealth>;
  withdrawals(pool: string, signal?: AbortSignal): Promise<Withdrawal[]>;
}

/** A client for the API at `baseUrl` (e.g. `http://127.0.0.1:8901`). */
export function createApiClient(baseUrl: string, fetchImpl?: FetchImpl): ApiClient {
  const base = baseUrl.replace(/\/+$/, "");
  const get = (path: string, query: Record<string, string | number | undefined>, signal?: AbortSignal): Promise<ExactJson> =>
    apiJson(base, path, { query, signal }, fetchImpl);
  const p = (pool: string) => `/pools/${encodeURIComponent(pool)}`;

  return {
    baseUrl: base,
    pool: async (pool, signal) => decodePool(await get(p(pool), {}, signal)),
    history: async (pool, opts = {}, signal) =>
      decodeHistory(await get(`${p(pool)}/history`, { resolution: opts.resolution, from: opts.fromTs, to: opts.toTs }, signal)),
    apy: async (pool, signal) => decodeApy(await get(`${p(pool)}/apy`, {}, signal)),
    exposure: async (pool, by, signal) => decodeExposure(await get(`${p(pool)}/exposure`, { by }, signal), by),
    ageing: async (pool, opts = {}, signal) => decodeAgeing(await get(`${p(pool)}/ageing`, { now_ts: opts.nowTs }, signal)),
    repaymentHealth: async (pool, signal) => decodeRepaymentHealth(await get(`${p(pool)}/repayment-health`, {}, signal)),
    withdrawals: async (pool, signal) => decodeWithdrawals(await get(`${p(pool)}/withdrawals`, {}, signal)),
  };
}

// Typed answers of the indexer's HTTP API (crates/indexer/src/api.rs).
// Money is bigint micro-USDC (`…Usdc`); share prices are micro-USDC per
// whole share; share amounts are the share mints' base units (6 decimals);
// rates are basis points (`…Bps`); times are Unix seconds (`…Ts`).

export type Tranche = "senior" | "junior";
export const TRANCHES: readonly Tranche[] = ["senior", "junior"];

export interface PoolParams {
  seniorAprBps: number;
  managerFeeBps: number;
  minJuniorRatioBps: number;
  maxInvestorShareBps: number;
  liquidityCapUsdc: bigint;
  minHoldSecs: number;
}

export interface PoolPolicy {
  cashReserveBps: number;
  graceDays: number;
  writeoffDays: number;
  recoveryDays: number;
  maxBuyerConcentrationBps: number;
  maxSupplierConcentrationBps: number;
  maxInvoiceUsdc: bigint;
  minTenorDays: number;
  maxTenorDays: number;
}

/** A pool's value and tranche figures at one snapshot (micro-USDC; prices in micro-USDC per whole share). */
export interface PoolValuation {
  navUsdc: bigint;
  cashUsdc: bigint;
  /** NAV − cash: what is deployed in invoices. */
  receivablesUsdc: bigint;
  seniorValueUsdc: bigint;
  juniorValueUsdc: bigint;
  seniorSupply: bigint;
  juniorSupply: bigint;
  seniorPrice: bigint;
  juniorPrice: bigint;
}

/** `/pools/{pool}`: the pool with its latest snapshot. */
export interface PoolSummary extends PoolValuation {
  pool: string;
  poolId: bigint;
  manager: string;
  usdcMint: string;
  vault: string;
  seniorMint: string;
  juniorMint: string;
  createdTs: number | null;
  paused: boolean;
  params: PoolParams;
  policy: PoolPolicy;
  /** Time of the latest snapshot (null before the first). */
  snapshotTs: number | null;
  protocolFeesCollectedUsdc: bigint;
  managerFeesCollectedUsdc: bigint;
  openInvoices: number;
  totalWrittenDownUsdc: bigint;
}

/** One point of `/pools/{pool}/history`. */
export interface HistoryPoint extends PoolValuation {
  ts: number;
  bucketTs: number;
}

export interface PoolHistory {
  resolutionSecs: number;
  points: HistoryPoint[];
}

/** Realised APY of one tranche (`/pools/{pool}/apy`); null = undefined (no shares, or no price that far back). */
export interface TrancheApy {
  asOfTs: number | null;
  price: bigint | null;
  apy7dBps: number | null;
  apy30dBps: number | null;
  apyInceptionBps: number | null;
  inceptionTs: number | null;
  inceptionPrice: bigint | null;
}

export interface PoolApy {
  senior: TrancheApy;
  junior: TrancheApy;
  method: string;
}

export type ExposureBy = "buyer" | "supplier" | "currency";

export interface ExposureGroup {
  /** A buyer or supplier wallet, or an ISO 4217 code. */
  key: string;
  count: number;
  faceUsdc: bigint;
  outstandingUsdc: bigint;
  shareBps: number | null;
}

export interface PoolExposure {
  by: ExposureBy;
  outstandingUsdc: bigint;
  groups: ExposureGroup[];
}

export const AGEING_BUCKETS = ["current", "1-30", "31-60", "61-90", "90+", "defaulted"] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];

export interface PoolAgeing {
  nowTs: number;
  buckets: { bucket: AgeingBucket; count: number; outstandingUsdc: bigint }[];
}

export interface HealthFigures {
  financedCount: number;
  repaidCount: number;
  onTimeCount: number;
  onTimeRateBps: number | null;
  /** Mean days late over repaid invoices (a duration, not money). */
  avgDaysLate: number | null;
  defaultedCount: number;
  defaultRateBps: number | null;
  defaultedFaceUsdc: bigint;
  recoveredUsdc: bigint;
  recoveryRateBps: number | null;
}

export interface RepaymentHealth {
  pool: HealthFigures;
  buyers: (HealthFigures & { buyer: string })[];
  definitions: Record<string, string>;
}

export const WITHDRAWAL_STATUSES = ["queued", "filled", "cancelled", "claimed"] as const;
export type WithdrawalStatus = (typeof WITHDRAWAL_STATUSES)[number];

export interface Withdrawal {
  tranche: Tranche;
  sequence: bigint;
  request: string;
  investor: string;
  sharesRequested: bigint;
  sharesRemaining: bigint;
  paidUsdc: bigint;
  owedUsdc: bigint;
  status: WithdrawalStatus;
  queuedTs: number | null;
  updatedTs: number | null;
}

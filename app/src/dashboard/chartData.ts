// Pure transformations from API answers to what the charts plot. Chart
// geometry needs JavaScript numbers: `plotUsdc` converts micro-USDC to a
// float of whole USDC for positions on an axis only. Every figure a user
// reads (tables, tooltips, labels) is formatted from the bigint.
import type { AgeingBucket, HistoryPoint, PoolApy, Tranche, Withdrawal } from "../api";

const MICRO_PER_USDC = 1_000_000;
const HOUR_SECS = 3_600;
const DAY_SECS = 86_400;
/** About this many points on the time-series charts. */
export const TARGET_POINTS = 300;

/** Micro-USDC as a float of whole USDC, for chart geometry only (never displayed as an amount). */
export function plotUsdc(micro: bigint): number {
  return Number(micro) / MICRO_PER_USDC;
}

/** Basis points as a float percentage, for chart geometry only. */
export function plotBps(bps: number): number {
  return bps / 100;
}

/** Bucket sizes the history charts use (whole hours or days). */
export const RESOLUTIONS_SECS = [1, 2, 3, 6, 12].map((h) => h * HOUR_SECS).concat([1, 2, 7, 14, 30, 91].map((d) => d * DAY_SECS));

/**
 * History bucket size for a pool that has existed from `createdTs` to
 * `nowTs`: the smallest of RESOLUTIONS_SECS giving at most TARGET_POINTS
 * buckets (the largest for a very old pool).
 */
export function historyResolutionSecs(createdTs: number | null, nowTs: number): number {
  const span = createdTs === null ? 0 : Math.max(0, nowTs - createdTs);
  return RESOLUTIONS_SECS.find((r) => span / r <= TARGET_POINTS) ?? RESOLUTIONS_SECS[RESOLUTIONS_SECS.length - 1];
}

/** "6-hour", "1-day", … */
export function resolutionLabel(secs: number): string {
  return secs % DAY_SECS === 0 ? `${secs / DAY_SECS}-day` : secs % HOUR_SECS === 0 ? `${secs / HOUR_SECS}-hour` : `${secs}-second`;
}

/** A time-series row: `i` is the index of the source point (tooltips read the exact bigint there). */
export interface SeriesRow {
  i: number;
  /** Milliseconds since the epoch (the axis). */
  t: number;
  nav: number;
  cash: number;
  receivables: number;
  /** Null while the tranche has no shares (its price is not defined). */
  seniorPrice: number | null;
  juniorPrice: number | null;
}

export function seriesRows(points: HistoryPoint[]): SeriesRow[] {
  return points.map((p, i) => ({
    i,
    t: p.ts * 1000,
    nav: plotUsdc(p.navUsdc),
    cash: plotUsdc(p.cashUsdc),
    receivables: plotUsdc(p.receivablesUsdc),
    seniorPrice: p.seniorSupply > 0n ? plotUsdc(p.seniorPrice) : null,
    juniorPrice: p.juniorSupply > 0n ? plotUsdc(p.juniorPrice) : null,
  }));
}

export const APY_WINDOWS = [
  { key: "apy7dBps", label: "7 days" },
  { key: "apy30dBps", label: "30 days" },
  { key: "apyInceptionBps", label: "Since inception" },
] as const;

export interface ApyRow {
  window: string;
  senior: number | null;
  junior: number | null;
  seniorBps: number | null;
  juniorBps: number | null;
}

export function apyRows(apy: PoolApy): ApyRow[] {
  return APY_WINDOWS.map((w) => {
    const s = apy.senior[w.key];
    const j = apy.junior[w.key];
    return {
      window: w.label,
      seniorBps: s,
      juniorBps: j,
      senior: s === null ? null : plotBps(s),
      junior: j === null ? null : plotBps(j),
    };
  });
}

export const AGEING_LABELS: Record<AgeingBucket, string> = {
  current: "Current (not yet due)",
  "1-30": "1–30 days late",
  "31-60": "31–60 days late",
  "61-90": "61–90 days late",
  "90+": "Over 90 days late",
  defaulted: "Defaulted",
};

/** Short axis labels for the ageing chart. */
export const AGEING_SHORT: Record<AgeingBucket, string> = {
  current: "Current",
  "1-30": "1–30 d",
  "31-60": "31–60 d",
  "61-90": "61–90 d",
  "90+": "90+ d",
  defaulted: "Defaulted",
};

/** Withdrawal queue totals of one tranche (requests still queued). */
export interface QueueTotals {
  tranche: Tranche;
  queuedCount: number;
  sharesRemaining: bigint;
  owedUsdc: bigint;
  paidUsdc: bigint;
}

export function queueTotals(rows: Withdrawal[], tranche: Tranche): QueueTotals {
  const t: QueueTotals = { tranche, queuedCount: 0, sharesRemaining: 0n, owedUsdc: 0n, paidUsdc: 0n };
  for (const w of rows) {
    if (w.tranche !== tranche) continue;
    t.paidUsdc += w.paidUsdc;
    t.owedUsdc += w.owedUsdc;
    if (w.status === "queued") {
      t.queuedCount += 1;
      t.sharesRemaining += w.sharesRemaining;
    }
  }
  return t;
}

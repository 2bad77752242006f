// The pool dashboard (no wallet needed): NAV and tranche prices over time,
// realised APY, cash vs deployed, exposure by buyer / supplier / currency,
// ageing, repayment health and the withdrawal queue, from the indexer's
// HTTP API. Every chart has its data as a captioned table.
import { useMemo, type ReactNode } from "react";
import {
  createApiClient,
  TRANCHES,
  type ApiClient,
  type ExposureBy,
  type HistoryPoint,
  type PoolAgeing,
  type PoolApy,
  type PoolExposure,
  type PoolSummary,
  type RepaymentHealth,
  type Withdrawal,
} from "../api";
import { useAppConfig } from "../config";
import { formatBps, formatDate, formatDateTime, formatSharePrice, formatShares, formatUsdc, shortKey } from "../format";
import { AGEING_LABELS, apyRows, historyResolutionSecs, queueTotals, resolutionLabel, seriesRows, type ApyRow } from "./chartData";
import { ChartFigure } from "./ChartFigure";
import { AgeingChart, ApyChart, CashDeployedChart, Empty, exposureLabel, ExposureChart, HealthChart, NavChart, PriceChart, QueueChart } from "./charts";
import { useResource, type Resource } from "./useResource";
import "./dashboard.css";

function bps(v: number | null): string {
  return v === null ? "not defined" : formatBps(v);
}

function Section(props: { id: string; title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <section className="dash-section" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.intro ? <p className="dash-intro">{props.intro}</p> : null}
      {props.children}
    </section>
  );
}

/** Renders a resource: a status line while loading, the error, or `render(data)`. */
function Load<T>(props: { what: string; res: Resource<T>; render: (data: T) => ReactNode }) {
  if (props.res.state === "loading") return <p className="dash-loading" role="status">Loading {props.what}…</p>;
  if (props.res.state === "error") {
    return (
      <p className="dash-error" role="alert">
        Could not load {props.what}: {props.res.message}
      </p>
    );
  }
  return <>{props.render(props.res.data)}</>;
}

function Address(props: { value: string }) {
  return (
    <code className="dash-key" title={props.value}>
      {shortKey(props.value)}
    </code>
  );
}

// ------------------------------------------------------------ key figures

function KeyFigures(props: { pool: PoolSummary }) {
  const p = props.pool;
  const items: [string, ReactNode, string?][] = [
    ["Net asset value (NAV)", formatUsdc(p.navUsdc), "nav-usdc"],
    ["Cash", formatUsdc(p.cashUsdc), "cash-usdc"],
    ["Deployed in invoices", formatUsdc(p.receivablesUsdc), "receivables-usdc"],
    ["Senior tranche value", formatUsdc(p.seniorValueUsdc), "senior-value-usdc"],
    ["Senior share price", p.seniorSupply > 0n ? formatSharePrice(p.seniorPrice) : "no shares yet", "senior-price"],
    ["Senior shares", formatShares(p.seniorSupply)],
    ["Junior tranche value", formatUsdc(p.juniorValueUsdc), "junior-value-usdc"],
    ["Junior share price", p.juniorSupply > 0n ? formatSharePrice(p.juniorPrice) : "no shares yet", "junior-price"],
    ["Junior shares", formatShares(p.juniorSupply)],
    ["Open financed invoices", String(p.openInvoices), "open-invoices"],
    ["Written down (net)", formatUsdc(p.totalWrittenDownUsdc)],
    ["Senior target APR", formatBps(p.params.seniorAprBps)],
  ];
  return (
    <>
      <dl className="dash-figures">
        {items.map(([label, value, testId]) => (
          <div key={label} className="dash-figure-item">
            <dt>{label}</dt>
            <dd data-testid={testId}>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="dash-note">
        As of the pool's last on-chain update
        {p.snapshotTs !== null ? (
          <>
            : <time dateTime={new Date(p.snapshotTs * 1000).toISOString()}>{formatDateTime(p.snapshotTs)}</time>
          </>
        ) : null}
        . Receivables accrue income between updates.
      </p>
    </>
  );
}

// ------------------------------------------------------------ time series

function HistoryFigures(props: { points: HistoryPoint[]; resolutionSecs: number }) {
  const rows = useMemo(() => seriesRows(props.points), [props.points]);
  if (props.points.length === 0) return <Empty>No history yet: the pool has no snapshots.</Empty>;
  const first = props.points[0];
  const last = props.points[props.points.length - 1];
  const bucket = resolutionLabel(props.resolutionSecs);
  const span = `${formatDate(first.ts)} to ${formatDate(last.ts)}`;
  return (
    <div className="dash-grid-2">
      <ChartFigure
        testId="chart-nav"
        title="NAV, cash and deployed over time"
        summary={`NAV went from ${formatUsdc(first.navUsdc)} on ${formatDate(first.ts)} to ${formatUsdc(last.navUsdc)} on ${formatDate(last.ts)}.`}
        chart={<NavChart rows={rows} points={props.points} />}
        note={`${span}; the last snapshot of each ${bucket} period.`}
        table={{
          caption: `NAV, cash and deployed, last snapshot of each ${bucket} period (UTC)`,
          rowKey: (p) => `${p.ts}-${p.bucketTs}`,
          rows: props.points,
          columns: [
            { header: "Time", cell: (p) => formatDateTime(p.ts), rowHeader: true },
            { header: "NAV", cell: (p) => formatUsdc(p.navUsdc), numeric: true },
            { header: "Cash", cell: (p) => formatUsdc(p.cashUsdc), numeric: true },
            { header: "Deployed", cell: (p) => formatUsdc(p.receivablesUsdc), numeric: true },
            { header: "Senior value", cell: (p) => formatUsdc(p.seniorValueUsdc), numeric: true },
            { header: "Junior value", cell: (p) => formatUsdc(p.juniorValueUsdc), numeric: true },
          ],
        }}
      />
      <ChartFigure
        testId="chart-prices"
        title="Tranche share prices over time"
        summary={`Senior ${last.seniorSupply > 0n ? formatSharePrice(last.seniorPrice) : "has no shares"}, junior ${last.juniorSupply > 0n ? formatSharePrice(last.juniorPrice) : "has no shares"} per share on ${formatDate(last.ts)}.`}
        chart={<PriceChart rows={rows} points={props.points} />}
        note="USDC per whole share; a line starts once the tranche has shares."
        table={{
          caption: `Share prices in USDC per share, last snapshot of each ${bucket} period (UTC)`,
          rowKey: (p) => `${p.ts}-${p.bucketTs}`,
          rows: props.points,
          columns: [
            { header: "Time", cell: (p) => formatDateTime(p.ts), rowHeader: true },
            { header: "Senior price", cell: (p) => (p.seniorSupply > 0n ? formatSharePrice(p.seniorPrice) : "no shares"), numeric: true },
            { header: "Senior shares", cell: (p) => formatShares(p.seniorSupply), numeric: true },
            { header: "Junior price", cell: (p) => (p.juniorSupply > 0n ? formatSharePrice(p.juniorPrice) : "no shares"), numeric: true },
            { header: "Junior shares", cell: (p) => formatShares(p.juniorSupply), numeric: true },
          ],
        }}
      />
    </div>
  );
}

// -------------------------------------------------------------------- APY

function ApyFigure(props: { apy: PoolApy }) {
  const rows = apyRows(props.apy);
  const since = (t: "senior" | "junior") => {
    const a = props.apy[t];
    return a.inceptionTs === null ? "no shares yet" : `since ${formatDate(a.inceptionTs)} (first price ${a.inceptionPrice === null ? "–" : formatSharePrice(a.inceptionPrice)})`;
  };
  return (
    <ChartFigure<ApyRow>
      testId="chart-apy"
      title="Realised APY by tranche"
      summary={`Since inception: senior ${bps(props.apy.senior.apyInceptionBps)}, junior ${bps(props.apy.junior.apyInceptionBps)} a year.`}
      chart={<ApyChart rows={rows} />}
      note={
        <>
          Simple annualised change of the share price over each window. Senior {since("senior")}; junior {since("junior")}. "Not defined" means the tranche has no
          price that far back.
        </>
      }
      table={{
        caption: "Realised APY, annualised, by window and tranche",
        rowKey: (r) => r.window,
        rows,
        columns: [
          { header: "Window", cell: (r) => r.window, rowHeader: true },
          { header: "Senior", cell: (r) => bps(r.seniorBps), numeric: true },
          { header: "Junior", cell: (r) => bps(r.juniorBps), numeric: true },
        ],
      }}
    />
  );
}

// --------------------------------------------------------- cash, exposure

function CashFigure(props: { pool: PoolSummary }) {
  const p = props.pool;
  const share = (v: bigint) => (p.navUsdc > 0n ? formatBps((v * 10_000n) / p.navUsdc) : "–");
  const rows = [
    { label: "Cash", value: p.cashUsdc },
    { label: "Deployed in invoices", value: p.receivablesUsdc },
    { label: "NAV", value: p.navUsdc },
  ];
  return (
    <ChartFigure
      testId="chart-cash"
      title="Cash vs deployed"
      summary={`${share(p.cashUsdc)} of NAV is cash and ${share(p.receivablesUsdc)} is deployed in invoices.`}
      chart={<CashDeployedChart cashUsdc={p.cashUsdc} receivablesUsdc={p.receivablesUsdc} navUsdc={p.navUsdc} />}
      note={`Policy cash reserve: ${formatBps(p.policy.cashReserveBps)} of NAV.`}
      table={{
        caption: "Cash and deployed capital now",
        rowKey: (r) => r.label,
        rows,
        columns: [
          { header: "Part", cell: (r) => r.label, rowHeader: true },
          { header: "Amount", cell: (r) => formatUsdc(r.value), numeric: true },
          { header: "Share of NAV", cell: (r) => share(r.value), numeric: true },
        ],
      }}
    />
  );
}

const BY_TITLE: Record<ExposureBy, string> = { buyer: "By buyer", supplier: "By supplier", currency: "By currency" };
const BY_HEADER: Record<ExposureBy, string> = { buyer: "Buyer", supplier: "Supplier", currency: "Currency" };

function ExposureFigure(props: { exposure: PoolExposure; limitBps?: number }) {
  const e = props.exposure;
  const top = e.groups.reduce<(typeof e.groups)[number] | null>((m, g) => (m === null || g.outstandingUsdc > m.outstandingUsdc ? g : m), null);
  return (
    <ChartFigure
      testId={`chart-exposure-${e.by}`}
      title={BY_TITLE[e.by]}
      summary={
        top === null
          ? "Nothing outstanding."
          : `${e.groups.length} ${e.by === "currency" ? "currencies" : `${e.by}s`}; the largest, ${exposureLabel(e.by, top.key)}, holds ${bps(top.shareBps)} of ${formatUsdc(e.outstandingUsdc)} outstanding.`
      }
      chart={e.groups.length > 0 ? <ExposureChart by={e.by} groups={e.groups} /> : <Empty>Nothing outstanding.</Empty>}
      note={props.limitBps !== undefined ? `Policy limit per ${e.by}: ${formatBps(props.limitBps)}.` : undefined}
      table={{
        caption: `Outstanding exposure ${BY_TITLE[e.by].toLowerCase()} (total ${formatUsdc(e.outstandingUsdc)})`,
        rowKey: (g) => g.key,
        rows: e.groups,
        columns: [
          { header: BY_HEADER[e.by], cell: (g) => (e.by === "currency" ? g.key : <code className="dash-key">{g.key}</code>), rowHeader: true },
          { header: "Invoices", cell: (g) => String(g.count), numeric: true },
          { header: "Face value", cell: (g) => formatUsdc(g.faceUsdc), numeric: true },
          { header: "Outstanding", cell: (g) => formatUsdc(g.outstandingUsdc), numeric: true },
          { header: "Share", cell: (g) => bps(g.shareBps), numeric: true },
        ],
      }}
    />
  );
}

// ------------------------------------------------------------- ageing

function AgeingFigure(props: { ageing: PoolAgeing }) {
  const a = props.ageing;
  const late = a.buckets.filter((b) => b.bucket !== "current").reduce((n, b) => n + b.count, 0);
  return (
    <ChartFigure
      testId="chart-ageing"
      title="Outstanding invoices by days past due"
      summary={`${late} of ${a.buckets.reduce((n, b) => n + b.count, 0)} outstanding invoices are past due or defaulted.`}
      chart={<AgeingChart ageing={a} />}
      note={`Bars: outstanding value; labels: number of invoices. As of ${formatDateTime(a.nowTs)}.`}
      table={{
        caption: `Ageing buckets as of ${formatDateTime(a.nowTs)}: count and outstanding value`,
        rowKey: (b) => b.bucket,
        rows: a.buckets,
        columns: [
          { header: "Bucket", cell: (b) => AGEING_LABELS[b.bucket], rowHeader: true },
          { header: "Invoices", cell: (b) => String(b.count), numeric: true },
          { header: "Outstanding", cell: (b) => formatUsdc(b.outstandingUsdc), numeric: true },
        ],
      }}
    />
  );
}

// ------------------------------------------------------ repayment health

function daysLate(v: number | null): string {
  // A duration in days (not money): one decimal.
  return v === null ? "not defined" : `${v.toFixed(1)} days`;
}

function HealthFigure(props: { health: RepaymentHealth }) {
  const h = props.health;
  const p = h.pool;
  const tiles: [string, string, string][] = [
    ["On-time rate", bps(p.onTimeRateBps), `${p.onTimeCount} of ${p.repaidCount} repaid invoices`],
    ["Average days late", daysLate(p.avgDaysLate), "over repaid invoices"],
    ["Default rate", bps(p.defaultRateBps), `${p.defaultedCount} of ${p.financedCount} financed invoices`],
    ["Recovery rate", bps(p.recoveryRateBps), `${formatUsdc(p.recoveredUsdc)} of ${formatUsdc(p.defaultedFaceUsdc)} defaulted`],
  ];
  return (
    <>
      <dl className="dash-figures" aria-label="Repayment health of the pool">
        {tiles.map(([label, value, sub]) => (
          <div key={label} className="dash-figure-item">
            <dt>{label}</dt>
            <dd>
              {value}
              <span className="dash-sub">{sub}</span>
            </dd>
          </div>
        ))}
      </dl>
      {h.buyers.length > 0 ? (
        <ChartFigure
          testId="chart-health"
          title="Repayment health by buyer"
          summary={`On-time and default rates of ${h.buyers.length} buyers.`}
          chart={<HealthChart health={h} />}
          table={{
            caption: "Repayment health by buyer",
            rowKey: (b) => b.buyer,
            rows: h.buyers,
            columns: [
              { header: "Buyer", cell: (b) => <code className="dash-key">{b.buyer}</code>, rowHeader: true },
              { header: "Financed", cell: (b) => String(b.financedCount), numeric: true },
              { header: "Repaid", cell: (b) => String(b.repaidCount), numeric: true },
              { header: "On time", cell: (b) => String(b.onTimeCount), numeric: true },
              { header: "On-time rate", cell: (b) => bps(b.onTimeRateBps), numeric: true },
              { header: "Avg. days late", cell: (b) => daysLate(b.avgDaysLate), numeric: true },
              { header: "Defaulted", cell: (b) => String(b.defaultedCount), numeric: true },
              { header: "Default rate", cell: (b) => bps(b.defaultRateBps), numeric: true },
              { header: "Recovered", cell: (b) => formatUsdc(b.recoveredUsdc), numeric: true },
              { header: "Recovery rate", cell: (b) => bps(b.recoveryRateBps), numeric: true },
            ],
          }}
        />
      ) : (
        <Empty>No financed invoices yet.</Empty>
      )}
      <details className="dash-details">
        <summary>Definitions</summary>
        <dl className="dash-defs">
          {Object.entries(h.definitions).map(([k, v]) => (
            <div key={k}>
              <dt>{k.replace(/_bps$/, "").replace(/_/g, " ")}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      </details>
    </>
  );
}

// ------------------------------------------------------- withdrawal queue

function QueueFigure(props: { rows: Withdrawal[] }) {
  const totals = TRANCHES.map((t) => queueTotals(props.rows, t));
  const queued = totals.reduce((n, t) => n + t.queuedCount, 0);
  return (
    <>
      <p>
        {queued === 0 ? "No request is waiting." : `${queued} request${queued === 1 ? "" : "s"} waiting`}
        {queued > 0
          ? `: senior ${formatShares(totals[0].sharesRemaining)}, junior ${formatShares(totals[1].sharesRemaining)}.`
          : ""}{" "}
        {props.rows.length} request{props.rows.length === 1 ? "" : "s"} in all.
      </p>
      {props.rows.length > 0 ? (
        <ChartFigure
          testId="chart-queue"
          title="Shares waiting in the withdrawal queue"
          summary={`Senior ${formatShares(totals[0].sharesRemaining)}, junior ${formatShares(totals[1].sharesRemaining)} waiting.`}
          chart={<QueueChart totals={totals} />}
          table={{
            caption: "Withdrawal requests in queue order",
            rowKey: (w) => `${w.tranche}-${w.sequence}`,
            rows: props.rows,
            columns: [
              { header: "Request", cell: (w) => `${w.tranche === "senior" ? "Senior" : "Junior"} #${w.sequence}`, rowHeader: true },
              { header: "Investor", cell: (w) => <Address value={w.investor} /> },
              { header: "Queued", cell: (w) => (w.queuedTs === null ? "–" : formatDateTime(w.queuedTs)) },
              { header: "Requested", cell: (w) => formatShares(w.sharesRequested), numeric: true },
              { header: "Waiting", cell: (w) => formatShares(w.sharesRemaining), numeric: true },
              { header: "Paid", cell: (w) => formatUsdc(w.paidUsdc), numeric: true },
              { header: "Payout owed", cell: (w) => formatUsdc(w.owedUsdc), numeric: true },
              { header: "Status", cell: (w) => w.status },
            ],
          }}
        />
      ) : null}
    </>
  );
}

// ------------------------------------------------------------------- page

function useDashboard(api: ApiClient | null, pool: string) {
  const k = (what: string) => (api ? `${api.baseUrl}|${pool}|${what}` : null);
  const summary = useResource(k("pool"), (s) => api!.pool(pool, s));
  // Bucket size from the pool's age at its last snapshot (a stable key).
  const resolution =
    summary.state === "ok" ? historyResolutionSecs(summary.data.createdTs, summary.data.snapshotTs ?? summary.data.createdTs ?? 0) : null;
  const history = useResource(resolution === null ? null : k(`history|${resolution}`), (s) =>
    api!.history(pool, { resolution: resolution ?? "raw" }, s),
  );
  const apy = useResource(k("apy"), (s) => api!.apy(pool, s));
  const byBuyer = useResource(k("exposure-buyer"), (s) => api!.exposure(pool, "buyer", s));
  const bySupplier = useResource(k("exposure-supplier"), (s) => api!.exposure(pool, "supplier", s));
  const byCurrency = useResource(k("exposure-currency"), (s) => api!.exposure(pool, "currency", s));
  const ageing = useResource(k("ageing"), (s) => api!.ageing(pool, {}, s));
  const health = useResource(k("health"), (s) => api!.repaymentHealth(pool, s));
  const queue = useResource(k("withdrawals"), (s) => api!.withdrawals(pool, s));
  return { summary, history, apy, byBuyer, bySupplier, byCurrency, ageing, health, queue };
}

/** `apiUrl` overrides the configured indexer API (app/src/config.ts). */
export function DashboardPage(props: { pool: string; apiUrl?: string }) {
  const cfg = useAppConfig();
  const apiUrl = props.apiUrl ?? cfg.apiUrl;
  const api = useMemo(() => (apiUrl ? createApiClient(apiUrl) : null), [apiUrl]);
  const d = useDashboard(api, props.pool);

  if (!api) {
    return (
      <div className="dash">
        <h1>Pool dashboard</h1>
        <p className="dash-error" role="alert">
          No indexer API is configured for this cluster: the dashboard reads its history from the indexer (set its URL in the cluster settings).
        </p>
      </div>
    );
  }

  const s = d.summary.state === "ok" ? d.summary.data : null;
  return (
    <div className="dash" data-testid="pool-dashboard">
      <header className="dash-header">
        <h1>{s ? `Pool ${s.poolId} dashboard` : "Pool dashboard"}</h1>
        <p className="dash-meta">
          Pool <code className="dash-key">{props.pool}</code>
          {s ? (
            <>
              {" · "}manager <Address value={s.manager} />
              {s.createdTs !== null ? ` · created ${formatDate(s.createdTs)}` : ""}
              {" · "}
              <span className={s.paused ? "dash-badge dash-badge-warn" : "dash-badge"}>{s.paused ? "Paused" : "Active"}</span>
            </>
          ) : null}
        </p>
      </header>

      {d.summary.state === "error" ? (
        // Without the pool (unknown, not indexed, API down) nothing else can be shown.
        <p className="dash-error" role="alert">
          Could not load the pool: {d.summary.message}
        </p>
      ) : (
        <Sections d={d} s={s} />
      )}
    </div>
  );
}

function Sections({ d, s }: { d: ReturnType<typeof useDashboard>; s: PoolSummary | null }) {
  return (
    <>
      <Section id="dash-key" title="Key figures">
        <Load what="the pool" res={d.summary} render={(p) => <KeyFigures pool={p} />} />
      </Section>

      <Section id="dash-history" title="NAV and share prices over time">
        <Load what="the pool's history" res={d.history} render={(h) => <HistoryFigures points={h.points} resolutionSecs={h.resolutionSecs} />} />
      </Section>

      <div className="dash-grid-2">
        <Section id="dash-apy" title="Realised APY">
          <Load what="the realised APY" res={d.apy} render={(a) => <ApyFigure apy={a} />} />
        </Section>
        <Section id="dash-cash" title="Cash and deployment">
          <Load what="the pool" res={d.summary} render={(p) => <CashFigure pool={p} />} />
        </Section>
      </div>

      <Section id="dash-exposure" title="Exposure" intro="Outstanding financed invoices, valued at the financing FX rate, net of repayments.">
        <div className="dash-grid-3">
          <Load what="exposure by buyer" res={d.byBuyer} render={(e) => <ExposureFigure exposure={e} limitBps={s?.policy.maxBuyerConcentrationBps} />} />
          <Load what="exposure by supplier" res={d.bySupplier} render={(e) => <ExposureFigure exposure={e} limitBps={s?.policy.maxSupplierConcentrationBps} />} />
          <Load what="exposure by currency" res={d.byCurrency} render={(e) => <ExposureFigure exposure={e} />} />
        </div>
      </Section>

      <div className="dash-grid-2">
        <Section id="dash-ageing" title="Ageing">
          <Load what="the ageing buckets" res={d.ageing} render={(a) => <AgeingFigure ageing={a} />} />
        </Section>
        <Section id="dash-health" title="Repayment health">
          <Load what="repayment health" res={d.health} render={(h) => <HealthFigure health={h} />} />
        </Section>
      </div>

      <Section id="dash-queue" title="Withdrawal queue">
        <Load what="the withdrawal queue" res={d.queue} render={(q) => <QueueFigure rows={q} />} />
      </Section>
    </>
  );
}

export default DashboardPage;

// The dashboard's charts (recharts). Geometry uses floats (chartData.ts);
// tooltips and labels format the exact bigint of the source row.
import type { ReactNode } from "react";
import {
  Area,
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ComposedChart,
  LabelList,
  Legend,
  Line,
  LineChart,
  Pie,
  PieChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { ExposureGroup, HistoryPoint, PoolAgeing, RepaymentHealth } from "../api";
import { formatBps, formatDate, formatDateTime, formatSharePrice, formatShares, formatUsdc, shortKey } from "../format";
import { AGEING_SHORT, plotBps, plotUsdc, type ApyRow, type QueueTotals, type SeriesRow } from "./chartData";

/** Colours with at least 3:1 contrast on white (WCAG 1.4.11, graphics). */
export const COLORS = {
  nav: "#111827",
  cash: "#047857",
  deployed: "#6d28d9",
  senior: "#1d4ed8",
  junior: "#b45309",
  onTime: "#047857",
  defaulted: "#b91c1c",
  exposure: "#1d4ed8",
  grid: "#d1d5db",
  axis: "#374151",
};

export const AGEING_COLORS: Record<string, string> = {
  current: "#047857",
  "1-30": "#a16207",
  "31-60": "#c2410c",
  "61-90": "#b91c1c",
  "90+": "#7f1d1d",
  defaulted: "#374151",
};

const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });
const priceTick = new Intl.NumberFormat("en", { maximumFractionDigits: 4, minimumFractionDigits: 2 });
const pctTick = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });

const tick = { fill: COLORS.axis, fontSize: 12 };
const CHART_HEIGHT = 280;
const chartStyle = (height = CHART_HEIGHT) => ({ width: "100%", height });
const margin = { top: 12, right: 16, bottom: 4, left: 8 };

/** A rate in bps, or "not defined" (no figures yet). */
function bpsOrUndefined(b: number | null): string {
  return b === null ? "not defined" : formatBps(b);
}

function dateTick(ms: number): string {
  return formatDate(Math.floor(ms / 1000));
}

function Tip(props: { title: string; lines: TipLine[] }) {
  return (
    <div className="dash-tooltip">
      <p className="dash-tooltip-title">{props.title}</p>
      <dl>
        {props.lines.map(([k, v, color]) => (
          <div key={k}>
            <dt>
              {color ? <span className="dash-swatch" style={{ background: color }} aria-hidden="true" /> : null}
              {k}
            </dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** The source row under the pointer (recharts passes the plotted row). */
function rowOf<T>(payload: unknown): T | null {
  const p = payload as { payload?: T }[] | undefined;
  return p && p.length > 0 && p[0].payload ? p[0].payload : null;
}

type TipLine = [string, string, string?];

const BAR_CURSOR = { fill: "rgba(0,0,0,0.05)" };

/**
 * The chart's tooltip: `render` gets the source row under the pointer
 * (bar charts shade the hovered band). Called as a function, not a
 * component, so recharts sees a Tooltip among the chart's children.
 */
function rowTooltip<R>(render: (row: R) => ReactNode, opts: { bars?: boolean; key?: string } = {}) {
  return (
    <Tooltip
      key={opts.key}
      {...(opts.bars ? { cursor: BAR_CURSOR } : {})}
      content={({ active, payload }) => {
        const r = rowOf<R>(payload);
        return active && r ? render(r) : null;
      }}
    />
  );
}

/** A bar chart's tooltip for rows that carry their source index `i`: `tip` gets that source item. */
function itemTooltip<T>(items: T[], tip: (item: T) => ReactNode) {
  return rowTooltip<{ i: number }>((r) => tip(items[r.i]), { bars: true });
}

/** The grid and the time axis of a history chart, and its tooltip: the snapshot's time and `lines(point)`. */
function historyFrame(points: HistoryPoint[], lines: (p: HistoryPoint) => TipLine[]) {
  return [
    <CartesianGrid key="grid" stroke={COLORS.grid} strokeDasharray="3 3" />,
    <XAxis key="x" dataKey="t" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={dateTick} tick={tick} minTickGap={24} />,
    rowTooltip<SeriesRow>((r) => <Tip title={formatDateTime(points[r.i].ts)} lines={lines(points[r.i])} />, { key: "tip" }),
  ];
}

/** A vertical axis title (e.g. "USDC"). */
function axisLabel(value: string, dy?: number) {
  return { value, angle: -90, position: "insideLeft" as const, fill: COLORS.axis, fontSize: 12, ...(dy === undefined ? {} : { dy }) };
}

/** The horizontal grid under bar charts. */
function barGrid() {
  return <CartesianGrid stroke={COLORS.grid} strokeDasharray="3 3" vertical={false} />;
}

export function NavChart(props: { rows: SeriesRow[]; points: HistoryPoint[] }) {
  return (
    <ComposedChart data={props.rows} responsive style={chartStyle()} margin={margin} accessibilityLayer={false}>
      {historyFrame(props.points, (p) => [
        ["NAV", formatUsdc(p.navUsdc), COLORS.nav],
        ["Cash", formatUsdc(p.cashUsdc), COLORS.cash],
        ["Deployed in invoices", formatUsdc(p.receivablesUsdc), COLORS.deployed],
      ])}
      <YAxis tickFormatter={(v: number) => compact.format(v)} tick={tick} width={56} label={axisLabel("USDC")} />
      <Legend />
      <Area type="stepAfter" dataKey="cash" name="Cash" stackId="nav" stroke={COLORS.cash} fill={COLORS.cash} fillOpacity={0.25} isAnimationActive={false} />
      <Area type="stepAfter" dataKey="receivables" name="Deployed in invoices" stackId="nav" stroke={COLORS.deployed} fill={COLORS.deployed} fillOpacity={0.25} isAnimationActive={false} />
      <Line type="stepAfter" dataKey="nav" name="NAV" stroke={COLORS.nav} strokeWidth={2} dot={false} isAnimationActive={false} />
    </ComposedChart>
  );
}

export function PriceChart(props: { rows: SeriesRow[]; points: HistoryPoint[] }) {
  const price = (supply: bigint, price: bigint) => (supply > 0n ? formatSharePrice(price) : "no shares");
  return (
    <LineChart data={props.rows} responsive style={chartStyle()} margin={margin} accessibilityLayer={false}>
      {historyFrame(props.points, (p) => [
        ["Senior", price(p.seniorSupply, p.seniorPrice), COLORS.senior],
        ["Junior", price(p.juniorSupply, p.juniorPrice), COLORS.junior],
      ])}
      <YAxis domain={["auto", "auto"]} tickFormatter={(v: number) => priceTick.format(v)} tick={tick} width={64} label={axisLabel("USDC per share", 50)} />
      <Legend />
      <Line type="stepAfter" dataKey="seniorPrice" name="Senior share price" stroke={COLORS.senior} strokeWidth={2} dot={false} isAnimationActive={false} />
      <Line type="stepAfter" dataKey="juniorPrice" name="Junior share price" stroke={COLORS.junior} strokeWidth={2} strokeDasharray="6 3" dot={false} isAnimationActive={false} />
    </LineChart>
  );
}

export function ApyChart(props: { rows: ApyRow[] }) {
  return (
    <BarChart data={props.rows} responsive style={chartStyle(240)} margin={margin} accessibilityLayer={false}>
      {barGrid()}
      <XAxis dataKey="window" tick={tick} />
      <YAxis tickFormatter={(v: number) => `${pctTick.format(v)}%`} tick={tick} width={56} />
      <ReferenceLine y={0} stroke={COLORS.axis} />
      {rowTooltip<ApyRow>((r) => <Tip title={r.window} lines={[["Senior", bpsOrUndefined(r.seniorBps), COLORS.senior], ["Junior", bpsOrUndefined(r.juniorBps), COLORS.junior]]} />, { bars: true })}
      <Legend />
      <Bar dataKey="senior" name="Senior" fill={COLORS.senior} isAnimationActive={false} />
      <Bar dataKey="junior" name="Junior" fill={COLORS.junior} isAnimationActive={false} />
    </BarChart>
  );
}

export function CashDeployedChart(props: { cashUsdc: bigint; receivablesUsdc: bigint; navUsdc: bigint }) {
  const share = (v: bigint) => (props.navUsdc > 0n ? formatBps((v * 10_000n) / props.navUsdc) : "–");
  const data = [
    { name: "Cash", value: plotUsdc(props.cashUsdc), exact: props.cashUsdc, fill: COLORS.cash },
    { name: "Deployed in invoices", value: plotUsdc(props.receivablesUsdc), exact: props.receivablesUsdc, fill: COLORS.deployed },
  ];
  return (
    <PieChart responsive style={chartStyle(240)} accessibilityLayer={false}>
      <Pie data={data} dataKey="value" nameKey="name" innerRadius="55%" outerRadius="85%" isAnimationActive={false} stroke="#ffffff">
        {data.map((d) => (
          <Cell key={d.name} fill={d.fill} />
        ))}
      </Pie>
      <Tooltip
        content={({ active, payload }) => {
          const p = (payload as unknown as { name?: string }[] | undefined)?.[0];
          const d = data.find((x) => x.name === p?.name);
          if (!active || !d) return null;
          return <Tip title={d.name} lines={[["Amount", formatUsdc(d.exact), d.fill], ["Share of NAV", share(d.exact)]]} />;
        }}
      />
      <Legend formatter={(name: string) => `${name} (${share(data.find((x) => x.name === name)?.exact ?? 0n)})`} />
    </PieChart>
  );
}

/** Display label of an exposure group: a wallet shortened, a currency code as is. */
export function exposureLabel(by: string, key: string): string {
  return by === "currency" ? key : shortKey(key);
}

export function ExposureChart(props: { by: string; groups: ExposureGroup[] }) {
  const rows = props.groups.map((g, i) => ({ i, label: exposureLabel(props.by, g.key), value: plotUsdc(g.outstandingUsdc) }));
  return (
    <BarChart data={rows} layout="vertical" responsive style={chartStyle(Math.max(120, 48 + rows.length * 40))} margin={margin} accessibilityLayer={false}>
      <CartesianGrid stroke={COLORS.grid} strokeDasharray="3 3" horizontal={false} />
      <XAxis type="number" tickFormatter={(v: number) => compact.format(v)} tick={tick} />
      <YAxis type="category" dataKey="label" tick={tick} width={84} />
      {itemTooltip(props.groups, (g) => (
        <Tip
          title={g.key}
          lines={[
            ["Outstanding", formatUsdc(g.outstandingUsdc), COLORS.exposure],
            ["Share", g.shareBps === null ? "–" : formatBps(g.shareBps)],
            ["Invoices", String(g.count)],
          ]}
        />
      ))}
      <Bar dataKey="value" name="Outstanding (USDC)" fill={COLORS.exposure} isAnimationActive={false} />
    </BarChart>
  );
}

export function AgeingChart(props: { ageing: PoolAgeing }) {
  const rows = props.ageing.buckets.map((b, i) => ({
    i,
    label: AGEING_SHORT[b.bucket],
    bucket: b.bucket,
    value: plotUsdc(b.outstandingUsdc),
    countLabel: b.count === 1 ? "1 invoice" : `${b.count} invoices`,
  }));
  return (
    <BarChart data={rows} responsive style={chartStyle(260)} margin={{ ...margin, top: 24 }} accessibilityLayer={false}>
      {barGrid()}
      <XAxis dataKey="label" tick={tick} interval={0} />
      <YAxis tickFormatter={(v: number) => compact.format(v)} tick={tick} width={56} label={axisLabel("USDC")} />
      {itemTooltip(props.ageing.buckets, (b) => (
        <Tip title={AGEING_SHORT[b.bucket]} lines={[["Outstanding", formatUsdc(b.outstandingUsdc), AGEING_COLORS[b.bucket]], ["Invoices", String(b.count)]]} />
      ))}
      <Bar dataKey="value" name="Outstanding (USDC)" isAnimationActive={false}>
        {rows.map((r) => (
          <Cell key={r.bucket} fill={AGEING_COLORS[r.bucket]} />
        ))}
        <LabelList dataKey="countLabel" position="top" fill={COLORS.axis} fontSize={12} />
      </Bar>
    </BarChart>
  );
}

export function HealthChart(props: { health: RepaymentHealth }) {
  const rows = props.health.buyers.map((b, i) => ({
    i,
    label: shortKey(b.buyer),
    onTime: b.onTimeRateBps === null ? null : plotBps(b.onTimeRateBps),
    defaulted: b.defaultRateBps === null ? null : plotBps(b.defaultRateBps),
  }));
  return (
    <BarChart data={rows} responsive style={chartStyle(260)} margin={margin} accessibilityLayer={false}>
      {barGrid()}
      <XAxis dataKey="label" tick={tick} />
      <YAxis domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} tick={tick} width={48} />
      {itemTooltip(props.health.buyers, (b) => (
        <Tip
          title={b.buyer}
          lines={[
            ["On-time rate", `${bpsOrUndefined(b.onTimeRateBps)} (${b.onTimeCount} of ${b.repaidCount} repaid)`, COLORS.onTime],
            ["Default rate", `${bpsOrUndefined(b.defaultRateBps)} (${b.defaultedCount} of ${b.financedCount} financed)`, COLORS.defaulted],
          ]}
        />
      ))}
      <Legend />
      <Bar dataKey="onTime" name="On-time rate" fill={COLORS.onTime} isAnimationActive={false} />
      <Bar dataKey="defaulted" name="Default rate" fill={COLORS.defaulted} isAnimationActive={false} />
    </BarChart>
  );
}

export function QueueChart(props: { totals: QueueTotals[] }) {
  const rows = props.totals.map((t, i) => ({
    i,
    label: t.tranche === "senior" ? "Senior" : "Junior",
    // Shares have 6 decimals, like USDC: the same float conversion for geometry.
    shares: plotUsdc(t.sharesRemaining),
    fill: t.tranche === "senior" ? COLORS.senior : COLORS.junior,
  }));
  return (
    <BarChart data={rows} responsive style={chartStyle(200)} margin={margin} accessibilityLayer={false}>
      {barGrid()}
      <XAxis dataKey="label" tick={tick} />
      <YAxis tickFormatter={(v: number) => compact.format(v)} tick={tick} width={56} label={axisLabel("shares")} />
      {itemTooltip(props.totals, (t) => (
        <Tip title={t.tranche === "senior" ? "Senior" : "Junior"} lines={[["Requests queued", String(t.queuedCount)], ["Shares waiting", formatShares(t.sharesRemaining)], ["Payout owed", formatUsdc(t.owedUsdc)]]} />
      ))}
      <Bar dataKey="shares" name="Shares waiting" isAnimationActive={false}>
        {rows.map((r) => (
          <Cell key={r.label} fill={r.fill} />
        ))}
      </Bar>
    </BarChart>
  );
}

export function Empty(props: { children: ReactNode }) {
  return <p className="dash-empty">{props.children}</p>;
}

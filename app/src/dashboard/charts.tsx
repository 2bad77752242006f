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

function dateTick(ms: number): string {
  return formatDate(Math.floor(ms / 1000));
}

function Tip(props: { title: string; lines: [string, string, string?][] }) {
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

export function NavChart(props: { rows: SeriesRow[]; points: HistoryPoint[] }) {
  return (
    <ComposedChart data={props.rows} responsive style={chartStyle()} margin={margin} accessibilityLayer={false}>
      <CartesianGrid stroke={COLORS.grid} strokeDasharray="3 3" />
      <XAxis dataKey="t" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={dateTick} tick={tick} minTickGap={24} />
      <YAxis tickFormatter={(v: number) => compact.format(v)} tick={tick} width={56} label={{ value: "USDC", angle: -90, position: "insideLeft", fill: COLORS.axis, fontSize: 12 }} />
      <Tooltip
        content={({ active, payload }) => {
          const r = rowOf<SeriesRow>(payload);
          if (!active || !r) return null;
          const p = props.points[r.i];
          return (
            <Tip
              title={formatDateTime(p.ts)}
              lines={[
                ["NAV", formatUsdc(p.navUsdc), COLORS.nav],
                ["Cash", formatUsdc(p.cashUsdc), COLORS.cash],
                ["Deployed in invoices", formatUsdc(p.receivablesUsdc), COLORS.deployed],
              ]}
            />
          );
        }}
      />
      <Legend />
      <Area type="stepAfter" dataKey="cash" name="Cash" stackId="nav" stroke={COLORS.cash} fill={COLORS.cash} fillOpacity={0.25} isAnimationActive={false} />
      <Area type="stepAfter" dataKey="receivables" name="Deployed in invoices" stackId="nav" stroke={COLORS.deployed} fill={COLORS.deployed} fillOpacity={0.25} isAnimationActive={false} />
      <Line type="stepAfter" dataKey="nav" name="NAV" stroke={COLORS.nav} strokeWidth={2} dot={false} isAnimationActive={false} />
    </ComposedChart>
  );
}

export function PriceChart(props: { rows: SeriesRow[]; points: HistoryPoint[] }) {
  return (
    <LineChart data={props.rows} responsive style={chartStyle()} margin={margin} accessibilityLayer={false}>
      <CartesianGrid stroke={COLORS.grid} strokeDasharray="3 3" />
      <XAxis dataKey="t" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={dateTick} tick={tick} minTickGap={24} />
      <YAxis domain={["auto", "auto"]} tickFormatter={(v: number) => priceTick.format(v)} tick={tick} width={64} label={{ value: "USDC per share", angle: -90, position: "insideLeft", fill: COLORS.axis, fontSize: 12, dy: 50 }} />
      <Tooltip
        content={({ active, payload }) => {
          const r = rowOf<SeriesRow>(payload);
          if (!active || !r) return null;
          const p = props.points[r.i];
          return (
            <Tip
              title={formatDateTime(p.ts)}
              lines={[
                ["Senior", p.seniorSupply > 0n ? formatSharePrice(p.seniorPrice) : "no shares", COLORS.senior],
                ["Junior", p.juniorSupply > 0n ? formatSharePrice(p.juniorPrice) : "no shares", COLORS.junior],
              ]}
            />
          );
        }}
      />
      <Legend />
      <Line type="stepAfter" dataKey="seniorPrice" name="Senior share price" stroke={COLORS.senior} strokeWidth={2} dot={false} isAnimationActive={false} />
      <Line type="stepAfter" dataKey="juniorPrice" name="Junior share price" stroke={COLORS.junior} strokeWidth={2} strokeDasharray="6 3" dot={false} isAnimationActive={false} />
    </LineChart>
  );
}

export function ApyChart(props: { rows: ApyRow[] }) {
  return (
    <BarChart data={props.rows} responsive style={chartStyle(240)} margin={margin} accessibilityLayer={false}>
      <CartesianGrid stroke={COLORS.grid} strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="window" tick={tick} />
      <YAxis tickFormatter={(v: number) => `${pctTick.format(v)}%`} tick={tick} width={56} />
      <ReferenceLine y={0} stroke={COLORS.axis} />
      <Tooltip
        cursor={{ fill: "rgba(0,0,0,0.05)" }}
        content={({ active, payload }) => {
          const r = rowOf<ApyRow>(payload);
          if (!active || !r) return null;
          const f = (b: number | null) => (b === null ? "not defined" : formatBps(b));
          return <Tip title={r.window} lines={[["Senior", f(r.seniorBps), COLORS.senior], ["Junior", f(r.juniorBps), COLORS.junior]]} />;
        }}
      />
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
      <Tooltip
        cursor={{ fill: "rgba(0,0,0,0.05)" }}
        content={({ active, payload }) => {
          const r = rowOf<{ i: number }>(payload);
          if (!active || !r) return null;
          const g = props.groups[r.i];
          return (
            <Tip
              title={g.key}
              lines={[
                ["Outstanding", formatUsdc(g.outstandingUsdc), COLORS.exposure],
                ["Share", g.shareBps === null ? "–" : formatBps(g.shareBps)],
                ["Invoices", String(g.count)],
              ]}
            />
          );
        }}
      />
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
      <CartesianGrid stroke={COLORS.grid} strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="label" tick={tick} interval={0} />
      <YAxis tickFormatter={(v: number) => compact.format(v)} tick={tick} width={56} label={{ value: "USDC", angle: -90, position: "insideLeft", fill: COLORS.axis, fontSize: 12 }} />
      <Tooltip
        cursor={{ fill: "rgba(0,0,0,0.05)" }}
        content={({ active, payload }) => {
          const r = rowOf<{ i: number }>(payload);
          if (!active || !r) return null;
          const b = props.ageing.buckets[r.i];
          return <Tip title={AGEING_SHORT[b.bucket]} lines={[["Outstanding", formatUsdc(b.outstandingUsdc), AGEING_COLORS[b.bucket]], ["Invoices", String(b.count)]]} />;
        }}
      />
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
      <CartesianGrid stroke={COLORS.grid} strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="label" tick={tick} />
      <YAxis domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} tick={tick} width={48} />
      <Tooltip
        cursor={{ fill: "rgba(0,0,0,0.05)" }}
        content={({ active, payload }) => {
          const r = rowOf<{ i: number }>(payload);
          if (!active || !r) return null;
          const b = props.health.buyers[r.i];
          const f = (v: number | null) => (v === null ? "not defined" : formatBps(v));
          return (
            <Tip
              title={b.buyer}
              lines={[
                ["On-time rate", `${f(b.onTimeRateBps)} (${b.onTimeCount} of ${b.repaidCount} repaid)`, COLORS.onTime],
                ["Default rate", `${f(b.defaultRateBps)} (${b.defaultedCount} of ${b.financedCount} financed)`, COLORS.defaulted],
              ]}
            />
          );
        }}
      />
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
      <CartesianGrid stroke={COLORS.grid} strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="label" tick={tick} />
      <YAxis tickFormatter={(v: number) => compact.format(v)} tick={tick} width={56} label={{ value: "shares", angle: -90, position: "insideLeft", fill: COLORS.axis, fontSize: 12 }} />
      <Tooltip
        cursor={{ fill: "rgba(0,0,0,0.05)" }}
        content={({ active, payload }) => {
          const r = rowOf<{ i: number }>(payload);
          if (!active || !r) return null;
          const t = props.totals[r.i];
          return <Tip title={t.tranche === "senior" ? "Senior" : "Junior"} lines={[["Requests queued", String(t.queuedCount)], ["Shares waiting", formatShares(t.sharesRemaining)], ["Payout owed", formatUsdc(t.owedUsdc)]]} />;
        }}
      />
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

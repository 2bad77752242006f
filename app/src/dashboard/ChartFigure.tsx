// A chart with its data as a table: the chart is an image described by its
// title and summary; the same figures are in a captioned table under a
// disclosure ("Show the data as a table"), so screen-reader and keyboard
// users read exact values rather than an SVG.
import { useId, type ReactNode } from "react";
import { Table, type Column } from "../components/Table";

export type { Column };

export function DataTable<R>(props: { caption: string; columns: Column<R>[]; rows: R[]; rowKey: (row: R, i: number) => string }) {
  return (
    // Focusable so keyboard users can scroll a wide table sideways.
    <div className="dash-table-wrap" tabIndex={0} role="region" aria-label={props.caption}>
      <Table className="dash-table" {...props} />
    </div>
  );
}

export function ChartFigure<R>(props: {
  title: string;
  /** One sentence saying what the chart shows (read to screen readers as the image's name). */
  summary: string;
  chart: ReactNode;
  table: { caption: string; columns: Column<R>[]; rows: R[]; rowKey: (row: R, i: number) => string };
  note?: ReactNode;
  testId?: string;
}) {
  const id = useId();
  return (
    <figure className="dash-figure" aria-labelledby={`${id}-title`} data-testid={props.testId}>
      <figcaption id={`${id}-title`} className="dash-figure-title">
        {props.title}
      </figcaption>
      <div className="dash-chart" role="img" aria-label={`${props.title}. ${props.summary} The data is in the table below.`}>
        {props.chart}
      </div>
      {props.note ? <p className="dash-note">{props.note}</p> : null}
      <details className="dash-details">
        <summary>Show the data as a table</summary>
        <DataTable {...props.table} />
      </details>
    </figure>
  );
}

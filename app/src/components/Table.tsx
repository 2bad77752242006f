// The app's one table: columns described once (header + cell), used by the
// role pages (invoice lists, histories, verifiers, currencies) and, wrapped
// in a scrollable region, by the dashboard's chart tables (ChartFigure).
import type { ReactNode } from "react";

export interface Column<R> {
  header: string;
  cell: (row: R) => ReactNode;
  /** Right-aligned (numbers). */
  numeric?: boolean;
  /** The row's header cell (scope="row"). */
  rowHeader?: boolean;
  /** Extra class of the column's cells (e.g. "mono"). */
  className?: string;
}

export function Table<R>(props: {
  caption: string;
  /** The caption is for screen readers only (the page's heading already says it). */
  captionHidden?: boolean;
  className?: string;
  columns: Column<R>[];
  rows: R[];
  rowKey: (row: R, i: number) => string;
  rowTestId?: (row: R) => string;
}) {
  return (
    <table className={props.className}>
      <caption className={props.captionHidden ? "sr-only" : undefined}>{props.caption}</caption>
      <thead>
        <tr>
          {props.columns.map((c) => (
            <th key={c.header} scope="col" className={c.numeric ? "num" : undefined}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r, i) => (
          <tr key={props.rowKey(r, i)} data-testid={props.rowTestId?.(r)}>
            {props.columns.map((c) => {
              const className = [c.numeric ? "num" : "", c.className ?? ""].filter(Boolean).join(" ") || undefined;
              return c.rowHeader ? (
                <th key={c.header} scope="row" className={className}>
                  {c.cell(r)}
                </th>
              ) : (
                <td key={c.header} className={className}>
                  {c.cell(r)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// Invoice pieces the supplier, buyer and verifier pages share: the chain
// figures they load, the invoice list, the keeper actions and reading an
// invoice's document from the API.
import type { ReactNode } from "react";
import type { PublicKey } from "@solana/web3.js";
import type { AutofactorClient, InvoiceAccount, PoolAccount } from "@autofactor/sdk";
import { useClient } from "../chain";
import { formatDate, formatInvoiceMoney, shortKey } from "../format";
import { fetchDocument, signIn } from "../indexer";
import { chainNowTs, currencyOf, hex, keeperActions, keeperIxs, KEEPER_LABEL, outstandingMinor, statusOf, STATUS_LABEL } from "../invoices";
import type { useTx } from "../tx";
import { Table, type Column } from "./Table";
import { usdcBalance } from "./wallet";

export interface InvoiceRow {
  address: PublicKey;
  account: InvoiceAccount;
}

export interface PoolRow {
  address: PublicKey;
  account: PoolAccount;
}

/** What an invoice page reads: the pools, `invoices`, the chain's clock and the wallet's USDC (in the pools' USDC mint). */
export async function loadInvoiceBook(
  client: AutofactorClient,
  me: PublicKey,
  invoices: Promise<InvoiceRow[]>,
): Promise<{ pools: PoolRow[]; invoices: InvoiceRow[]; nowTs: bigint; usdc: bigint }> {
  const [pools, list, nowTs] = await Promise.all([client.accounts.pools(), invoices, chainNowTs(client)]);
  const usdc = pools[0] ? await usdcBalance(client, me, pools[0].account.usdcMint) : 0n;
  return { pools, invoices: list, nowTs, usdc };
}

/** The columns an invoice list may show besides the number and the Open button. */
export type InvoiceColumn = "supplier" | "pool" | "face" | "outstanding" | "due" | "status";

const COLUMNS: Record<InvoiceColumn, Column<InvoiceRow>> = {
  supplier: { header: "Supplier", cell: ({ account }) => shortKey(account.supplier), className: "mono" },
  pool: { header: "Pool", cell: ({ account }) => shortKey(account.pool) },
  face: { header: "Face", numeric: true, cell: ({ account }) => formatInvoiceMoney(account.faceMinor, currencyOf(account), account.currencyDecimals) },
  outstanding: { header: "Outstanding", numeric: true, cell: ({ account }) => formatInvoiceMoney(outstandingMinor(account), currencyOf(account), account.currencyDecimals) },
  due: { header: "Due", cell: ({ account }) => formatDate(account.dueTs) },
  status: { header: "Status", cell: ({ account }) => STATUS_LABEL[statusOf(account)] },
};

/** A list of invoices, each with an Open button; `empty` when there is none. */
export function InvoiceTable(props: { caption: string; empty: string; invoices: InvoiceRow[]; columns: InvoiceColumn[]; onOpen: (address: string) => void }) {
  if (props.invoices.length === 0) return <p>{props.empty}</p>;
  const columns: Column<InvoiceRow>[] = [
    { header: "Number", cell: ({ account }) => account.invoiceNumber },
    ...props.columns.map((c) => COLUMNS[c]),
    {
      header: "Open",
      cell: ({ address, account }) => (
        <button type="button" onClick={() => props.onOpen(address.toBase58())} aria-label={`Open invoice ${account.invoiceNumber}`}>
          Open
        </button>
      ),
    },
  ];
  return (
    <Table
      caption={props.caption}
      captionHidden
      columns={columns}
      rows={props.invoices}
      rowKey={(r) => r.address.toBase58()}
      rowTestId={(r) => `invoice-row-${r.account.invoiceNumber}`}
    />
  );
}

/** The keeper actions anyone may send for the invoice now (mark late, write down, settle). */
export function KeeperActions(props: { tx: ReturnType<typeof useTx>; me: PublicKey; address: PublicKey; invoice: InvoiceAccount; nowTs: bigint; after: () => Promise<void> }) {
  const client = useClient();
  const actions = keeperActions(props.invoice, props.nowTs);
  if (actions.length === 0) return null;
  return (
    <div className="keeper">
      <h3>Keeper actions (anyone may send)</h3>
      {actions.map((a) => (
        <button
          key={a}
          type="button"
          disabled={props.tx.busy}
          onClick={() => void props.tx.run(KEEPER_LABEL[a], async () => ({ ixs: await keeperIxs(client, a, props.address, props.me) }), props.after)}
        >
          {KEEPER_LABEL[a]}
        </button>
      ))}
    </div>
  );
}

/** The invoice's document from the API, signed in as `me` (a party, the pool's manager or a verifier may read it). */
export async function readInvoiceDocument(
  apiUrl: string,
  me: PublicKey,
  signMessage: ((m: Uint8Array) => Promise<Uint8Array>) | undefined,
  invoice: InvoiceAccount,
): Promise<{ contentType: string; bytes: Uint8Array; isText: boolean }> {
  if (!signMessage) throw new Error("this wallet cannot sign messages, which the API's sign-in needs");
  const auth = await signIn(apiUrl, me.toBase58(), signMessage);
  const d = await fetchDocument(apiUrl, auth, hex(Uint8Array.from(invoice.documentHash)));
  return { ...d, isText: /xml|text/.test(d.contentType) };
}

/**
 * An invoice's panel: its heading and facts — status, face, `afterFace`
 * (what is repaid or owed), issue and due dates, `facts` — then `children`
 * (the role's actions).
 */
export function InvoicePanel(props: { invoice: InvoiceAccount; afterFace?: ReactNode; facts?: ReactNode; children?: ReactNode }) {
  const inv = props.invoice;
  return (
    <div className="panel" aria-label={`Invoice ${inv.invoiceNumber}`} data-testid="invoice-panel">
      <h2>Invoice {inv.invoiceNumber}</h2>
      <dl className="facts">
        <dt>Status</dt>
        <dd data-testid="invoice-status">{STATUS_LABEL[statusOf(inv)]}</dd>
        <dt>Face</dt>
        <dd>{formatInvoiceMoney(inv.faceMinor, currencyOf(inv), inv.currencyDecimals)}</dd>
        {props.afterFace}
        <dt>Issued / due</dt>
        <dd>
          {formatDate(inv.issueTs)} / {formatDate(inv.dueTs)}
        </dd>
        {props.facts}
      </dl>
      {props.children}
    </div>
  );
}

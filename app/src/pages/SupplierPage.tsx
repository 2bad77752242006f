// Supplier: drop an e-invoice (the API's parser reads the terms), confirm
// the terms and dates, pick the buyer, create; follow each invoice; see the
// financing offer before signing; finance; settle and claim the reserve.
import { useState, type DragEvent } from "react";
import { useWallet } from "@solana/wallet-adapter-react";
import { Keypair, PublicKey } from "@solana/web3.js";
import { ROLE, invoiceNumberHash, previewInvoiceFinance, type InvoiceAccount, type PoolAccount, type Pricing } from "@autofactor/sdk";
import { useClient } from "../chain";
import { useAppConfig } from "../config";
import { useTx } from "../tx";
import { ErrorText, Field, Loading, TxStatus, useLoad } from "../components/common";
import { RolePage } from "../components/wallet";
import { InvoicePanel, InvoiceTable, KeeperActions, loadInvoiceBook } from "../components/invoices";
import { formatDate, formatInvoiceMoney, formatUsdc, parseDateInput, parseMoneyInput, shortKey, currencyDecimals, formatDecimal } from "../format";
import { ApiError } from "../api";
import { signIn, uploadDocument, type ParsedInvoice } from "../indexer";
import { chainNowTs, currencyOf, fxQuote, hex, rateText, sha256, statusOf, type FxQuote } from "../invoices";

const DAY = 86_400n;

export function SupplierPage() {
  return <RolePage title="Supplier" role="supplier">{(me) => <SupplierView me={me} />}</RolePage>;
}

function SupplierView({ me }: { me: PublicKey }) {
  const client = useClient();
  const data = useLoad(async () => {
    const [book, identities] = await Promise.all([loadInvoiceBook(client, me, client.accounts.invoices({ supplier: me })), client.accounts.identities()]);
    return { ...book, identities };
  }, [client, me.toBase58()]);
  const [selected, setSelected] = useState<string | null>(null);
  // One transaction slot for the page: its status stays visible when the invoice it acted on leaves the list (settled, cancelled).
  const tx = useTx();

  if (data.error) return <ErrorText error={`Could not read the chain: ${data.error}`} />;
  if (!data.data) return <Loading what="your invoices" />;
  const { pools, invoices, identities, nowTs, usdc } = data.data;
  const mine = identities.find((i) => i.account.wallet.equals(me));
  const buyers = identities.filter((i) => (i.account.roles & ROLE.buyer) !== 0 && !i.account.revoked && !i.account.wallet.equals(me));
  const sorted = [...invoices].sort((a, b) => Number(b.account.createdTs - a.account.createdTs));
  const sel = sorted.find((i) => i.address.toBase58() === selected);

  return (
    <>
      <p>
        Wallet <span className="mono">{me.toBase58()}</span>
        {mine ? ` · ${mine.account.entityId}` : " · no identity record (an issuer must register this wallet as a supplier)"} · USDC balance{" "}
        <strong data-testid="supplier-usdc">{formatUsdc(usdc)}</strong>
      </p>
      <NewInvoice tx={tx} me={me} pools={pools} buyers={buyers.map((b) => ({ wallet: b.account.wallet, entityId: b.account.entityId }))} nowTs={nowTs} onCreated={async (inv) => {
        await data.reload();
        setSelected(inv);
      }} />
      <h2>My invoices</h2>
      <InvoiceTable caption="Invoices you created" empty="No invoices yet." invoices={sorted} columns={["face", "due", "status"]} onOpen={setSelected} />
      {sel && (
        <SupplierInvoice
          tx={tx}
          key={sel.address.toBase58()}
          me={me}
          address={sel.address}
          invoice={sel.account}
          pool={pools.find((p) => p.address.equals(sel.account.pool))?.account}
          nowTs={nowTs}
          onChanged={data.reload}
        />
      )}
      <TxStatus state={tx.state} />
    </>
  );
}

interface Draft {
  documentHash: Uint8Array;
  metadataUri: string;
  fromParser: ParsedInvoice | null;
  fileName: string;
}

function NewInvoice(props: {
  tx: ReturnType<typeof useTx>;
  me: PublicKey;
  pools: { address: PublicKey; account: PoolAccount }[];
  buyers: { wallet: PublicKey; entityId: string }[];
  nowTs: bigint;
  onCreated: (invoice: string) => Promise<void>;
}) {
  const cfg = useAppConfig();
  const client = useClient();
  const wallet = useWallet();
  const tx = props.tx;
  const [draft, setDraft] = useState<Draft | null>(null);
  const [reading, setReading] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const [number, setNumber] = useState("");
  const [currency, setCurrency] = useState("USD");
  const [amount, setAmount] = useState("");
  const [issue, setIssue] = useState("");
  const [due, setDue] = useState("");
  const [buyer, setBuyer] = useState("");
  const [pool, setPool] = useState(props.pools[0]?.address.toBase58() ?? "");
  const [formError, setFormError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  const today = formatDate(props.nowTs);
  const in30 = formatDate(props.nowTs + 30n * DAY);

  const readFile = async (file: File) => {
    setFileError(null);
    setDraft(null);
    tx.reset();
    setReading(true);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const isPdf = file.type === "application/pdf" || /\.pdf$/i.test(file.name);
      let parsed: ParsedInvoice | null = null;
      if (!isPdf) {
        if (!wallet.signMessage) throw new Error("this wallet cannot sign messages, which the API's sign-in needs");
        const auth = await signIn(cfg.apiUrl, props.me.toBase58(), wallet.signMessage);
        try {
          parsed = await uploadDocument(cfg.apiUrl, auth, bytes, "application/xml");
        } catch (e) {
          if (!(e instanceof ApiError && e.code === "pdf")) throw e;
        }
      }
      const hash = await sha256(bytes);
      if (parsed) {
        if (parsed.documentSha256 !== hex(hash)) throw new Error("the API's document hash differs from the file's SHA-256");
        setNumber(parsed.invoiceNumber);
        setCurrency(parsed.currency);
        setAmount(formatDecimal(parsed.amountMinor, parsed.currencyExponent, { minFraction: parsed.currencyExponent }).replace(/,/g, ""));
        // The chain needs issue ≤ now < due; a document dated in the past gets today's dates to confirm or edit.
        const docIssue = parseDateInput(parsed.issueDate, "issue date");
        const docDue = parsed.dueDate ? parseDateInput(parsed.dueDate, "due date") : 0n;
        const usable = docIssue <= props.nowTs && docDue > props.nowTs;
        setIssue(usable ? parsed.issueDate : today);
        setDue(usable ? parsed.dueDate : in30);
        setDraft({ documentHash: hash, metadataUri: parsed.metadataUri, fromParser: parsed, fileName: file.name });
      } else {
        setNumber("");
        setAmount("");
        setIssue(today);
        setDue(in30);
        setDraft({ documentHash: hash, metadataUri: `urn:sha256:${hex(hash)}`, fromParser: null, fileName: file.name });
      }
    } catch (e) {
      setFileError(`${file.name}: ${(e as Error).message}`);
    } finally {
      setReading(false);
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const f = e.dataTransfer.files?.[0];
    if (f) void readFile(f);
  };

  const create = async () => {
    setFormError(null);
    if (!draft) return;
    let terms;
    try {
      if (!number.trim()) throw new Error("enter the invoice number");
      invoiceNumberHash(number);
      const decimals = currencyDecimals(currency);
      const faceMinor = parseMoneyInput(amount, decimals, "amount");
      if (faceMinor <= 0n) throw new Error("the amount must be more than zero");
      const issueTs = parseDateInput(issue, "issue date");
      const dueTs = parseDateInput(due, "due date");
      if (issueTs > props.nowTs) throw new Error(`the issue date must be today (${today}) or earlier on the chain's clock`);
      if (dueTs <= props.nowTs || dueTs <= issueTs) throw new Error(`the due date must be after today (${today}) and after the issue date`);
      if (!buyer) throw new Error("pick the buyer");
      if (!pool) throw new Error("pick the pool");
      if (!draft.metadataUri.trim()) throw new Error("enter the metadata URI");
      terms = { faceMinor, currency, issueTs, dueTs, documentHash: draft.documentHash, invoiceNumber: number.trim(), metadataUri: draft.metadataUri.trim() };
    } catch (e) {
      setFormError(`Check the terms: ${(e as Error).message}.`);
      return;
    }
    let created = "";
    await tx.run(
      "Create invoice",
      async () => {
        const asset = Keypair.generate();
        const { ixs, invoice } = await client.supplier.invoiceCreate({
          supplier: props.me, buyer: new PublicKey(buyer), pool: new PublicKey(pool), asset: asset.publicKey, terms,
        });
        created = invoice.toBase58();
        return { ixs, signers: [asset] };
      },
      async () => {
        await props.onCreated(created);
      },
    );
  };

  const p = draft?.fromParser;
  return (
    <div className="panel">
      <h2>New invoice</h2>
      <div
        className={`dropzone${dragging ? " dragging" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <label htmlFor="einvoice-file">Drop an e-invoice here (UBL 2.1 / Peppol BIS 3 or UN/CEFACT CII XML, or a PDF), or choose a file:</label>
        <input id="einvoice-file" type="file" accept=".xml,.pdf,application/xml,text/xml,application/pdf" onChange={(e) => e.target.files?.[0] && void readFile(e.target.files[0])} />
        {reading && <p aria-busy="true">Reading the document (signing in to the API, uploading, parsing)…</p>}
      </div>
      <ErrorText error={fileError} />
      {draft && (
        <form
          className="terms"
          aria-label="Invoice terms"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          {p ? (
            <p data-testid="parsed-terms">
              Read from <strong>{draft.fileName}</strong> ({p.format.toUpperCase()}): invoice <strong>{p.invoiceNumber}</strong> from {p.sellerName} to{" "}
              {p.buyerName}, <strong>{formatInvoiceMoney(p.amountMinor, p.currency, p.currencyExponent)}</strong>, issued {p.issueDate}
              {p.dueDate ? `, due ${p.dueDate}` : ""}
              {p.paymentTerms ? ` (${p.paymentTerms})` : ""}. SHA-256 <span className="mono">{p.documentSha256.slice(0, 16)}…</span>
              {(p.issueDate !== issue || p.dueDate !== due) && (
                <>
                  {" "}
                  <br />
                  The chain's clock is at {today}: an invoice must be issued on or before it and fall due after it, so the dates below are set to {issue} and {due}. Edit them before creating.
                </>
              )}
            </p>
          ) : (
            <p>
              <strong>{draft.fileName}</strong> is a PDF: enter its terms. Its SHA-256 (computed in this browser) is{" "}
              <span className="mono">{hex(draft.documentHash).slice(0, 16)}…</span>
            </p>
          )}
          <div className="grid">
            <Field label="Invoice number" id="t-number">
              <input id="t-number" value={number} onChange={(e) => setNumber(e.target.value)} readOnly={!!p} />
            </Field>
            <Field label="Currency" id="t-currency">
              <select id="t-currency" value={currency} onChange={(e) => setCurrency(e.target.value)} disabled={!!p}>
                {["USD", "EUR", "GBP", "JPY", "NOK", "SEK", "CHF", "CAD", "AUD"].map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </select>
            </Field>
            <Field label={`Amount (${currency})`} id="t-amount">
              <input id="t-amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} readOnly={!!p} />
            </Field>
            <Field label="Issue date" id="t-issue">
              <input id="t-issue" type="date" value={issue} onChange={(e) => setIssue(e.target.value)} />
            </Field>
            <Field label="Due date" id="t-due">
              <input id="t-due" type="date" value={due} onChange={(e) => setDue(e.target.value)} />
            </Field>
            <Field label="Buyer" id="t-buyer">
              <select id="t-buyer" value={buyer} onChange={(e) => setBuyer(e.target.value)}>
                <option value="">— pick the buyer —</option>
                {props.buyers.map((b) => (
                  <option key={b.wallet.toBase58()} value={b.wallet.toBase58()}>
                    {b.entityId} ({shortKey(b.wallet)})
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Pool" id="t-pool">
              <select id="t-pool" value={pool} onChange={(e) => setPool(e.target.value)}>
                {props.pools.map((x) => (
                  <option key={x.address.toBase58()} value={x.address.toBase58()}>
                    {shortKey(x.address)}
                  </option>
                ))}
              </select>
            </Field>
            {!p && (
              <Field label="Metadata URI" id="t-uri" hint="The asset's metadata link (at most 200 characters).">
                <input id="t-uri" value={draft.metadataUri} onChange={(e) => setDraft({ ...draft, metadataUri: e.target.value })} />
              </Field>
            )}
          </div>
          <ErrorText error={formError} />
          <button type="submit" disabled={tx.busy}>
            Create invoice
          </button>
        </form>
      )}
    </div>
  );
}

function SupplierInvoice(props: { tx: ReturnType<typeof useTx>; me: PublicKey; address: PublicKey; invoice: InvoiceAccount; pool: PoolAccount | undefined; nowTs: bigint; onChanged: () => Promise<void> }) {
  const client = useClient();
  const tx = props.tx;
  const inv = props.invoice;
  const status = statusOf(inv);
  const ccy = currencyOf(inv);
  const offer = useLoad(async () => {
    if (status !== "verified" || !props.pool) return null;
    const [protocol, fx, nowTs] = await Promise.all([client.accounts.protocol(), fxQuote(client, inv.pool, ccy), chainNowTs(client)]);
    const pricing = previewInvoiceFinance({ invoice: inv, pool: props.pool, protocol, nowTs, fx: fx ? { config: fx.config, price: fx.price } : undefined });
    return { pricing, fx };
  }, [client, props.address.toBase58(), status]);
  const after = props.onChanged;

  return (
    <InvoicePanel
      invoice={inv}
      afterFace={
        <>
          <dt>Repaid</dt>
          <dd>{formatInvoiceMoney(inv.repaidMinor, ccy, inv.currencyDecimals)}</dd>
        </>
      }
      facts={
        <>
          <dt>Buyer</dt>
          <dd className="mono">{inv.buyer.toBase58()}</dd>
          <dt>Account</dt>
          <dd className="mono">{props.address.toBase58()}</dd>
          {inv.financedTs > 0n && (
            <>
              <dt>Advance paid</dt>
              <dd>{formatUsdc(inv.book.pricing.advanceUsdc)}</dd>
              <dt>Reserve (paid at settlement)</dt>
              <dd>{formatUsdc(inv.book.pricing.reserveUsdc)}</dd>
            </>
          )}
        </>
      }
    >
      {status === "verified" && (
        <div className="offer">
          <h3>Financing offer</h3>
          <ErrorText error={offer.error && `No offer: ${offer.error}`} />
          {offer.data && <Offer pricing={offer.data.pricing} fx={offer.data.fx} currency={ccy} />}
          {offer.data && (
            <button
              type="button"
              disabled={tx.busy}
              onClick={() =>
                void tx.run(
                  "Finance invoice",
                  async () => ({
                    // The price moves until the transaction lands: accept at most 0.5% less than this offer.
                    ixs: await client.supplier.invoiceFinance({ invoice: props.address, minAdvanceUsdc: (offer.data!.pricing.advanceUsdc * 9_950n) / 10_000n }),
                  }),
                  after,
                )
              }
            >
              Finance: receive about {formatUsdc(offer.data.pricing.advanceUsdc)}
            </button>
          )}
        </div>
      )}
      {(status === "created" || status === "acknowledged" || status === "disputed") && (
        <button type="button" disabled={tx.busy} onClick={() => void tx.run("Cancel invoice", async () => ({ ixs: await client.supplier.invoiceCancel({ invoice: props.address }) }), after)}>
          Cancel invoice
        </button>
      )}
      {status === "closed" && (
        <button type="button" disabled={tx.busy} onClick={() => void tx.run("Claim reserve", async () => ({ ixs: await client.supplier.invoiceClaimReserve({ invoice: props.address }) }), after)}>
          Claim the reserve
        </button>
      )}
      <KeeperActions tx={tx} me={props.me} address={props.address} invoice={inv} nowTs={props.nowTs} after={after} />
    </InvoicePanel>
  );
}

export function Offer(props: { pricing: Pricing; fx: FxQuote | null; currency: string }) {
  const p = props.pricing;
  return (
    <dl className="facts" data-testid="finance-offer">
      <dt>Face value</dt>
      <dd>{formatUsdc(p.faceUsdc)}</dd>
      {props.fx && (
        <>
          <dt>FX rate</dt>
          <dd>{rateText(props.fx, props.currency)}</dd>
        </>
      )}
      <dt>Advance (you receive now)</dt>
      <dd data-testid="offer-advance">{formatUsdc(p.advanceUsdc)}</dd>
      <dt>Discount</dt>
      <dd>{formatUsdc(p.discountUsdc)}</dd>
      <dt>of which protocol fee / manager fee</dt>
      <dd>
        {formatUsdc(p.protocolFeeUsdc)} / {formatUsdc(p.managerFeeUsdc)}
      </dd>
      <dt>Reserve (paid to you at settlement)</dt>
      <dd>{formatUsdc(p.reserveUsdc)}</dd>
    </dl>
  );
}

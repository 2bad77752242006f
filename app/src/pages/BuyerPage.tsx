// Buyer: the invoices addressed to me; read the document; acknowledge or
// dispute with a reason; pay in full or in part with the USDC cost shown
// (FX at the current price); my repayment record.
import { useEffect, useState } from "react";
import { useWallet } from "@solana/wallet-adapter-react";
import type { PublicKey } from "@solana/web3.js";
import { fxCostForPayment, usdMinorToUsdc, type InvoiceAccount } from "@autofactor/sdk";
import { useClient } from "../chain";
import { useAppConfig } from "../config";
import { useTx } from "../tx";
import { ErrorText, Field, Loading, TxStatus, useLoad } from "../components/common";
import { RolePage } from "../components/wallet";
import { InvoicePanel, InvoiceTable, KeeperActions, loadInvoiceBook, readInvoiceDocument } from "../components/invoices";
import { formatInvoiceMoney, formatUsdc, parseMoneyInput, formatDecimal } from "../format";
import { currencyOf, fxQuote, outstandingMinor, rateText, sha256, statusOf, OPEN_FINANCED } from "../invoices";

export function BuyerPage() {
  return <RolePage title="Buyer" role="buyer">{(me) => <BuyerView me={me} />}</RolePage>;
}

function BuyerView({ me }: { me: PublicKey }) {
  const client = useClient();
  const data = useLoad(async () => {
    const [book, reputation] = await Promise.all([loadInvoiceBook(client, me, client.accounts.invoices({ buyer: me })), client.accounts.buyerReputation(me)]);
    return { ...book, reputation };
  }, [client, me.toBase58()]);
  const [selected, setSelected] = useState<string | null>(null);
  if (data.error) return <ErrorText error={`Could not read the chain: ${data.error}`} />;
  if (!data.data) return <Loading what="your invoices" />;
  const { invoices, reputation, nowTs, usdc } = data.data;
  const sorted = [...invoices].sort((a, b) => Number(a.account.dueTs - b.account.dueTs));
  const sel = sorted.find((i) => i.address.toBase58() === selected);
  return (
    <>
      <p>
        Wallet <span className="mono">{me.toBase58()}</span> · USDC balance <strong data-testid="buyer-usdc">{formatUsdc(usdc)}</strong>
      </p>
      <h2>Invoices addressed to me</h2>
      <InvoiceTable
        caption="Invoices addressed to you"
        empty="No invoices are addressed to this wallet."
        invoices={sorted}
        columns={["supplier", "face", "outstanding", "due", "status"]}
        onOpen={setSelected}
      />
      {sel && <BuyerInvoice key={sel.address.toBase58()} me={me} address={sel.address} invoice={sel.account} nowTs={nowTs} onChanged={data.reload} />}
      <h2>My repayment record</h2>
      {reputation ? (
        <dl className="facts" data-testid="repayment-record">
          <dt>Acknowledged</dt>
          <dd>
            {reputation.acknowledgedCount} invoices, {formatUsdc(reputation.acknowledgedVolumeUsdc)}
          </dd>
          <dt>Disputed</dt>
          <dd>{reputation.disputedCount}</dd>
          <dt>Repaid on time</dt>
          <dd>
            {reputation.repaidOnTimeCount}, {formatUsdc(reputation.repaidOnTimeVolumeUsdc)}
          </dd>
          <dt>Late</dt>
          <dd>
            {reputation.lateCount}, {formatUsdc(reputation.lateVolumeUsdc)} (open now: {reputation.openLateCount})
          </dd>
          <dt>Defaulted</dt>
          <dd>
            {reputation.defaultedCount}, {formatUsdc(reputation.defaultedVolumeUsdc)} (open now: {reputation.openDefaultCount}; recovered {reputation.recoveredCount})
          </dd>
        </dl>
      ) : (
        <p>No record yet: it starts with your first acknowledged invoice.</p>
      )}
    </>
  );
}

function BuyerInvoice(props: { me: PublicKey; address: PublicKey; invoice: InvoiceAccount; nowTs: bigint; onChanged: () => Promise<void> }) {
  const cfg = useAppConfig();
  const client = useClient();
  const wallet = useWallet();
  const tx = useTx();
  const inv = props.invoice;
  const status = statusOf(inv);
  const ccy = currencyOf(inv);
  const [reason, setReason] = useState("");
  const [inputError, setInputError] = useState<string | null>(null);
  const [doc, setDoc] = useState<{ text: string | null; url: string | null; error: string | null } | null>(null);
  const owed = outstandingMinor(inv);
  const [amount, setAmount] = useState(formatDecimal(owed, inv.currencyDecimals, { minFraction: inv.currencyDecimals }).replace(/,/g, ""));
  useEffect(() => {
    // After a payment the outstanding amount changes: offer the new balance.
    setAmount(formatDecimal(owed, inv.currencyDecimals, { minFraction: inv.currencyDecimals }).replace(/,/g, ""));
  }, [owed, inv.currencyDecimals]);
  const payable = OPEN_FINANCED.includes(status) && owed > 0n;
  const fx = useLoad(async () => (payable ? fxQuote(client, inv.pool, ccy) : null), [client, props.address.toBase58(), payable]);

  let amountMinor: bigint | null = null;
  let amountError: string | null = null;
  try {
    amountMinor = parseMoneyInput(amount, inv.currencyDecimals, "amount");
    if (amountMinor <= 0n) throw new Error("the amount must be more than zero");
    if (amountMinor > owed) throw new Error(`the amount is more than the ${formatInvoiceMoney(owed, ccy, inv.currencyDecimals)} outstanding`);
  } catch (e) {
    amountMinor = null;
    amountError = (e as Error).message;
  }
  let costUsdc: bigint | null = null;
  if (amountMinor !== null) {
    if (ccy === "USD") costUsdc = usdMinorToUsdc(amountMinor);
    else if (fx.data) costUsdc = fxCostForPayment(amountMinor, fx.data.price, inv.currencyDecimals, fx.data.direction);
  }

  const readDocument = async () => {
    setDoc(null);
    try {
      const d = await readInvoiceDocument(cfg.apiUrl, props.me, wallet.signMessage, inv);
      if (d.isText) setDoc({ text: new TextDecoder().decode(d.bytes), url: null, error: null });
      else setDoc({ text: null, url: URL.createObjectURL(new Blob([d.bytes as BlobPart], { type: d.contentType })), error: null });
    } catch (e) {
      setDoc({ text: null, url: null, error: `The document could not be read: ${(e as Error).message}` });
    }
  };

  const after = props.onChanged;

  return (
    <InvoicePanel
      invoice={inv}
      afterFace={
        <>
          <dt>Outstanding</dt>
          <dd data-testid="invoice-outstanding">{formatInvoiceMoney(owed, ccy, inv.currencyDecimals)}</dd>
        </>
      }
    >
      <button type="button" onClick={() => void readDocument()}>
        Read the document
      </button>
      {doc?.error && <ErrorText error={doc.error} />}
      {doc?.text && (
        <pre className="document" tabIndex={0} aria-label="Invoice document" data-testid="invoice-document">
          {doc.text}
        </pre>
      )}
      {doc?.url && (
        <p>
          <a href={doc.url} target="_blank" rel="noreferrer">
            Open the document
          </a>
        </p>
      )}
      {status === "created" && (
        <div className="actions">
          <h3>Acknowledge or dispute</h3>
          <button type="button" disabled={tx.busy} onClick={() => void tx.run("Acknowledge invoice", async () => ({ ixs: await client.buyer.acknowledge({ invoice: props.address }) }), after)}>
            Acknowledge
          </button>
          <Field label="Reason for a dispute" id="dispute-reason" hint="Kept off-chain; its SHA-256 is recorded with the dispute.">
            <textarea id="dispute-reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
          </Field>
          <ErrorText error={inputError} />
          <button
            type="button"
            disabled={tx.busy}
            onClick={() => {
              if (!reason.trim()) return setInputError("Give a reason for the dispute.");
              setInputError(null);
              void tx.run(
                "Dispute invoice",
                async () => ({ ixs: await client.buyer.dispute({ invoice: props.address, reasonHash: await sha256(new TextEncoder().encode(reason.trim())) }) }),
                after,
              );
            }}
          >
            Dispute
          </button>
        </div>
      )}
      {payable && (
        <form
          className="actions"
          aria-label="Pay"
          onSubmit={(e) => {
            e.preventDefault();
            if (amountMinor === null || costUsdc === null) return;
            const minor = amountMinor;
            // FX moves until the transaction lands: pay at most 0.5% more than the cost shown (USD is exact).
            const maxUsdc = ccy === "USD" ? costUsdc : (costUsdc * 10_050n + 9_999n) / 10_000n;
            void tx.run("Pay invoice", async () => ({ ixs: await client.buyer.repay({ invoice: props.address, payer: props.me, amountMinor: minor, maxUsdc }) }), after);
          }}
        >
          <h3>Pay</h3>
          <Field label={`Amount (${ccy})`} id="pay-amount">
            <input id="pay-amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} aria-describedby="pay-cost" />
          </Field>
          <button type="button" onClick={() => setAmount(formatDecimal(owed, inv.currencyDecimals, { minFraction: inv.currencyDecimals }).replace(/,/g, ""))}>
            Full amount
          </button>
          <p id="pay-cost" data-testid="pay-cost">
            {amountError
              ? amountError
              : costUsdc !== null
                ? `Costs ${formatUsdc(costUsdc)}${fx.data ? ` at ${rateText(fx.data, ccy)}; at most 0.5% more if the rate moves before it lands` : ""}.`
                : fx.error
                  ? `No price: ${fx.error}`
                  : "Reading the price…"}
          </p>
          <button type="submit" disabled={tx.busy || amountMinor === null || costUsdc === null}>
            Pay
          </button>
        </form>
      )}
      <KeeperActions tx={tx} me={props.me} address={props.address} invoice={inv} nowTs={props.nowTs} after={after} />
      <TxStatus state={tx.state} />
    </InvoicePanel>
  );
}

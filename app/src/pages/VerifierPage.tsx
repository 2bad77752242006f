// Verifier: invoices awaiting attestation in the pools I verify for;
// attach a delivery proof (hashed here with SubtleCrypto SHA-256), give a
// credit score (the pool's policy turns it into a grade), attest.
import { useState } from "react";
import { useWallet } from "@solana/wallet-adapter-react";
import type { PublicKey } from "@solana/web3.js";
import { gradeForScore, type InvoiceAccount, type PoolAccount } from "@autofactor/sdk";
import { useClient } from "../chain";
import { useAppConfig } from "../config";
import { useTx } from "../tx";
import { ErrorText, Field, Loading, TxStatus, useLoad } from "../components/common";
import { RolePage } from "../components/wallet";
import { InvoiceTable, readInvoiceDocument } from "../components/invoices";
import { formatBps, formatDate, formatInvoiceMoney, shortKey } from "../format";
import { currencyOf, hex, sha256, statusOf, STATUS_LABEL } from "../invoices";

const GRADE = ["A", "B", "C", "D"];

export function VerifierPage() {
  return <RolePage title="Verifier" role="verifier">{(me) => <VerifierView me={me} />}</RolePage>;
}

function VerifierView({ me }: { me: PublicKey }) {
  const client = useClient();
  const data = useLoad(async () => {
    const pools = await client.accounts.pools();
    const infos = await client.connection.getMultipleAccountsInfo(pools.map((p) => client.pda.poolVerifier(p.address, me)), "confirmed");
    const mine = pools.filter((_, i) => infos[i] !== null);
    const invoices = (await Promise.all(mine.map((p) => client.accounts.invoices({ pool: p.address })))).flat();
    return { pools: mine, invoices };
  }, [client, me.toBase58()]);
  const [selected, setSelected] = useState<string | null>(null);
  // Page-level: the status stays visible after the attested invoice leaves the waiting list.
  const tx = useTx();
  if (data.error) return <ErrorText error={`Could not read the chain: ${data.error}`} />;
  if (!data.data) return <Loading what="your pools" />;
  const { pools, invoices } = data.data;
  const waiting = invoices.filter((i) => statusOf(i.account) === "acknowledged").sort((a, b) => Number(a.account.acknowledgedTs - b.account.acknowledgedTs));
  const attested = invoices.filter((i) => i.account.verifier.equals(me));
  const sel = waiting.find((i) => i.address.toBase58() === selected);
  return (
    <>
      <p>
        Wallet <span className="mono">{me.toBase58()}</span> · verifier for {pools.length === 0 ? "no pool yet (a pool manager adds verifiers)" : pools.map((p) => shortKey(p.address)).join(", ")}
      </p>
      <h2>Awaiting attestation</h2>
      <InvoiceTable
        caption="Invoices awaiting attestation"
        empty="No acknowledged invoice is waiting in your pools."
        invoices={waiting}
        columns={["pool", "face", "due"]}
        onOpen={setSelected}
      />
      {sel && (
        <Attest
          tx={tx}
          key={sel.address.toBase58()}
          me={me}
          address={sel.address}
          invoice={sel.account}
          pool={pools.find((p) => p.address.equals(sel.account.pool))!.account}
          onChanged={data.reload}
        />
      )}
      <TxStatus state={tx.state} />
      <h2>Attested by me</h2>
      {attested.length === 0 ? (
        <p>None yet.</p>
      ) : (
        <ul>
          {attested.map(({ address, account }) => (
            <li key={address.toBase58()} data-testid={`attested-${account.invoiceNumber}`}>
              {account.invoiceNumber}: score {account.creditScore}, grade {GRADE[account.riskGrade] ?? "—"}, {STATUS_LABEL[statusOf(account)]}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Attest(props: { tx: ReturnType<typeof useTx>; me: PublicKey; address: PublicKey; invoice: InvoiceAccount; pool: PoolAccount; onChanged: () => Promise<void> }) {
  const cfg = useAppConfig();
  const client = useClient();
  const wallet = useWallet();
  const tx = props.tx;
  const inv = props.invoice;
  const [proof, setProof] = useState<{ name: string; hash: Uint8Array } | null>(null);
  const [score, setScore] = useState("");
  const [docText, setDocText] = useState<string | null>(null);
  const [docError, setDocError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const n = /^\d{1,4}$/.test(score.trim()) ? Number(score.trim()) : null;
  const scoreError = score.trim() === "" ? null : n === null || n > 1000 ? "The credit score is a whole number from 0 to 1000." : null;
  const grade = n !== null && !scoreError ? gradeForScore(props.pool.policy.grades, n) : null;
  const terms = grade !== null ? props.pool.policy.grades[grade] : null;

  const readDocument = async () => {
    setDocError(null);
    try {
      const d = await readInvoiceDocument(cfg.apiUrl, props.me, wallet.signMessage, inv);
      setDocText(d.isText ? new TextDecoder().decode(d.bytes) : `(${d.contentType}, ${d.bytes.length} bytes)`);
    } catch (e) {
      setDocError(`The document could not be read: ${(e as Error).message}`);
    }
  };

  return (
    <form
      className="panel"
      aria-label={`Attest invoice ${inv.invoiceNumber}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!proof) return setError("Attach the delivery proof.");
        if (n === null || scoreError) return setError(scoreError ?? "Enter the credit score.");
        if (grade === null) return setError(`A score of ${n} maps to no enabled grade of this pool's policy: the invoice could not be financed.`);
        setError(null);
        const hash = proof.hash;
        const creditScore = n;
        void tx.run("Attest invoice", async () => ({ ixs: await client.verifier.attest({ invoice: props.address, verifier: props.me, deliveryProofHash: hash, creditScore }) }), async () => {
          await props.onChanged();
        });
      }}
    >
      <h2>Attest {inv.invoiceNumber}</h2>
      <p>
        {formatInvoiceMoney(inv.faceMinor, currencyOf(inv), inv.currencyDecimals)} from <span className="mono">{shortKey(inv.supplier)}</span> to{" "}
        <span className="mono">{shortKey(inv.buyer)}</span>, due {formatDate(inv.dueTs)}.
      </p>
      <button type="button" onClick={() => void readDocument()}>
        Read the document
      </button>
      <ErrorText error={docError} />
      {docText && (
        <pre className="document" tabIndex={0} aria-label="Invoice document">
          {docText}
        </pre>
      )}
      <Field label="Delivery proof (any file; only its SHA-256 goes on chain)" id="proof-file">
        <input
          id="proof-file"
          type="file"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            if (!f) return setProof(null);
            try {
              setProof({ name: f.name, hash: await sha256(new Uint8Array(await f.arrayBuffer())) });
            } catch (err) {
              setProof(null);
              setError(`Could not read ${f.name}: ${err instanceof Error ? err.message : String(err)}`);
            }
          }}
        />
      </Field>
      {proof && (
        <p data-testid="proof-hash">
          {proof.name}: SHA-256 <span className="mono">{hex(proof.hash)}</span>
        </p>
      )}
      <Field label="Buyer credit score (0–1000)" id="credit-score">
        <input id="credit-score" inputMode="numeric" value={score} onChange={(e) => setScore(e.target.value)} aria-describedby="grade-text" />
      </Field>
      <p id="grade-text">
        {scoreError ??
          (n === null
            ? "Enter a score."
            : terms && grade !== null
              ? `Grade ${GRADE[grade]}: advance ${formatBps(terms.advanceRateBps)} of face, discount ${formatBps(terms.discountAprBps)} a year.`
              : "No enabled grade for this score.")}
      </p>
      <ErrorText error={error} />
      <button type="submit" disabled={tx.busy}>
        Attest
      </button>
    </form>
  );
}

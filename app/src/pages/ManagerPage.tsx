// Manager: pool parameters and policy with the credit policy (checked here
// before sending), verifiers, accepted currencies, pause.
import { Fragment, useEffect, useState, type ReactNode } from "react";
import { Buffer } from "buffer";
import type { PublicKey } from "@solana/web3.js";
import { FX_FEEDS, ROLE, decodePriceUpdate, feedIdFromHex, formatAmount, priceFeedAddress, minorToUsdc, type CurrencyConfig, type PoolAccount } from "@autofactor/sdk";
import { useClient } from "../chain";
import { useTx } from "../tx";
import { ErrorText, Field, Loading, TxStatus, useLoad } from "../components/common";
import { RolePage } from "../components/wallet";
import { formatBps, formatDateTime, formatUsdc, parseMoneyInput, shortKey } from "../format";
import { describeCredit, formFromChain, formToChain, type CreditForm, type FormErrors, type PolicyForm } from "../policy";

export function ManagerPage() {
  return <RolePage title="Pool manager" role="pool manager">{(me) => <ManagerView me={me} />}</RolePage>;
}

function ManagerView({ me }: { me: PublicKey }) {
  const client = useClient();
  const data = useLoad(() => client.accounts.pools({ manager: me }), [client, me.toBase58()]);
  const [selected, setSelected] = useState<string | null>(null);
  if (data.error) return <ErrorText error={`Could not read the chain: ${data.error}`} />;
  if (!data.data) return <Loading what="your pools" />;
  if (data.data.length === 0) return <p>This wallet manages no pool.</p>;
  const sel = data.data.find((p) => p.address.toBase58() === selected) ?? data.data[0];
  return (
    <>
      {data.data.length > 1 && (
        <Field label="Pool" id="mgr-pool">
          <select id="mgr-pool" value={sel.address.toBase58()} onChange={(e) => setSelected(e.target.value)}>
            {data.data.map((p) => (
              <option key={p.address.toBase58()} value={p.address.toBase58()}>
                {shortKey(p.address)}
              </option>
            ))}
          </select>
        </Field>
      )}
      <PoolAdmin key={sel.address.toBase58()} me={me} pool={sel.address} account={sel.account} onChanged={data.reload} />
    </>
  );
}

/** The policy form's text fields, by section: [field, label, hint?]. */
const TRANCHE_FIELDS: [TextField, string][] = [
  ["minJuniorRatioPct", "Minimum junior ratio (%)"],
  ["seniorAprPct", "Senior APR (%)"],
  ["managerFeePct", "Manager fee (% of income)"],
  ["liquidityCapUsdc", "Liquidity cap (USDC)"],
  ["maxInvestorSharePct", "Largest investor share (%)"],
  ["minHoldDays", "Holding period (days)"],
];
const INVOICE_FIELDS: [TextField, string][] = [
  ["minTenorDays", "Shortest tenor (days)"],
  ["maxTenorDays", "Longest tenor (days)"],
  ["maxInvoiceUsdc", "Largest invoice (USDC)"],
  ["maxBuyerConcentrationPct", "Buyer concentration limit (% of NAV)"],
  ["maxSupplierConcentrationPct", "Supplier concentration limit (% of NAV)"],
  ["cashReservePct", "Cash reserve (% of NAV)"],
  ["graceDays", "Grace period (days)"],
  ["writeoffDays", "Write-off after (days past due)"],
  ["recoveryDays", "Recovery period (days)"],
];
const BUYER_CREDIT_FIELDS: [CreditTextField, string, string?][] = [
  ["maxOpenLate", "Most late invoices a buyer may have", "Empty: no limit."],
  ["provenMinOnTime", "Repaid on time to be Proven (invoices)", "0: no Proven tier."],
  ["provenDiscountCutPct", "Proven buyer discount cut (% APR)"],
  ["watchDiscountAddPct", "Watch buyer extra discount (% APR)"],
  ["limitCapUsdc", "Highest credit limit (USDC)", "0: no credit limit (then the other limit terms are 0)."],
  ["limitBaseUsdc", "Starting credit limit (USDC)"],
  ["limitFloorUsdc", "Lowest credit limit (USDC)"],
  ["limitOnTimePct", "Limit gained (% of volume repaid on time)"],
  ["limitLatePct", "Limit lost (% of volume late)"],
  ["limitDefaultPct", "Limit lost (% of volume defaulted)"],
];
const SUPPLIER_CREDIT_FIELDS: [CreditTextField, string, string?][] = [
  ["supplierBlockAtProblems", "Block a supplier at (problem invoices)", "Disputed, or cancelled after the buyer acknowledged. 0: never."],
  ["supplierMaxProblemRatePct", "Supplier problem-rate cap (% of invoices created)", "0: no cap."],
  ["supplierRateMinCreated", "Cap applies from (invoices created)", "0 while the cap is off."],
  ["supplierWatchMinProblems", "Supplier on Watch from (problem invoices)", "0: no Watch tier."],
  ["supplierWatchDiscountAddPct", "Watch supplier extra discount (% APR)", "0 while there is no Watch tier."],
];

type TextField = Exclude<keyof PolicyForm, "grades" | "credit">;
type CreditTextField = Exclude<keyof CreditForm, "blockOpenDefault">;

function PoolAdmin(props: { me: PublicKey; pool: PublicKey; account: PoolAccount; onChanged: () => Promise<void> }) {
  const client = useClient();
  // One transaction slot per panel, each with its one status: pause/resume here, the policy in its form.
  const pauseTx = useTx();
  const policyTx = useTx();
  const a = props.account;
  const [form, setForm] = useState<PolicyForm>(() => formFromChain(a.params, a.policy));
  const [errors, setErrors] = useState<FormErrors>({});
  useEffect(() => {
    setForm(formFromChain(a.params, a.policy));
  }, [a]);

  const pending = a.pendingRiskChange.effectiveTs > 0n ? a.pendingRiskChange : null;

  const save = () => {
    const r = formToChain(form);
    setErrors(r.errors);
    if (!r.params || !r.policy) return;
    const params = r.params;
    const policy = r.policy;
    void policyTx.run("Update pool policy", async () => ({ ixs: await client.manager.poolUpdateConfig({ manager: props.me, pool: props.pool, params, policy }) }), props.onChanged);
  };

  const textInput = (id: string, errorKey: string, value: string, onChange: (v: string) => void, label: string, hint?: string): ReactNode => {
    const note = errors[errorKey] ?? hint;
    return (
      <Field key={id} label={label} id={id} hint={note}>
        <input id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={!!errors[errorKey]} aria-describedby={note ? `${id}-hint` : undefined} />
      </Field>
    );
  };
  const input = ([k, label]: [TextField, string]) => textInput(`f-${k}`, k, form[k], (v) => setForm({ ...form, [k]: v }), label);
  const creditInput = ([k, label, hint]: [CreditTextField, string, string?]) =>
    textInput(`f-credit-${k}`, `credit.${k}`, form.credit[k], (v) => setForm({ ...form, credit: { ...form.credit, [k]: v } }), label, hint);

  return (
    <>
      <div className="panel">
        <h2>Pool {shortKey(props.pool)}</h2>
        <p className="mono">{props.pool.toBase58()}</p>
        <p>
          Status: <strong data-testid="pool-paused">{a.paused ? "paused" : "active"}</strong>{" "}
          <button
            type="button"
            disabled={pauseTx.busy || policyTx.busy}
            onClick={() => void pauseTx.run(a.paused ? "Resume pool" : "Pause pool", async () => ({ ixs: await client.manager.poolSetPaused({ manager: props.me, pool: props.pool, paused: !a.paused }) }), props.onChanged)}
          >
            {a.paused ? "Resume the pool" : "Pause the pool"}
          </button>
        </p>
        {pending && (
          <p data-testid="pending-risk-change">
            Scheduled risk change, effective {formatDateTime(pending.effectiveTs)}: senior APR {formatBps(pending.seniorAprBps)}, minimum junior ratio{" "}
            {formatBps(pending.minJuniorRatioBps)}, holding period {String(pending.minHoldSecs)} s.
          </p>
        )}
        <h3>Credit policy now</h3>
        <dl className="facts" data-testid="credit-policy">
          {describeCredit(a.policy.credit).map(({ term, value }) => (
            <Fragment key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </Fragment>
          ))}
        </dl>
        <TxStatus state={pauseTx.state} />
      </div>
      <form
        className="panel"
        aria-label="Pool policy"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <h2>Parameters and policy</h2>
        <p>
          Changes to the senior APR, the minimum junior ratio and the holding period take effect after a notice period; the others at once.
        </p>
        <h3>Tranches</h3>
        <div className="grid">{TRANCHE_FIELDS.map(input)}</div>
        <h3>Invoices</h3>
        <div className="grid">{INVOICE_FIELDS.map(input)}</div>
        <table>
          <caption>Grades (by buyer credit score)</caption>
          <thead>
            <tr>
              <th scope="col">Grade</th>
              <th scope="col">Enabled</th>
              <th scope="col">Minimum score</th>
              <th scope="col">Advance rate (%)</th>
              <th scope="col">Discount APR (%)</th>
            </tr>
          </thead>
          <tbody>
            {form.grades.map((g, i) => {
              const upd = (patch: Partial<typeof g>) => setForm({ ...form, grades: form.grades.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
              const name = "ABCD"[i];
              return (
                <tr key={i}>
                  <th scope="row">{name}</th>
                  <td>
                    <input type="checkbox" aria-label={`Grade ${name} enabled`} checked={g.enabled} onChange={(e) => upd({ enabled: e.target.checked })} />
                  </td>
                  <td>
                    <input aria-label={`Grade ${name} minimum score`} value={g.minCreditScore} onChange={(e) => upd({ minCreditScore: e.target.value })} aria-invalid={!!errors[`grade${i}.minCreditScore`]} />
                  </td>
                  <td>
                    <input aria-label={`Grade ${name} advance rate`} value={g.advanceRatePct} onChange={(e) => upd({ advanceRatePct: e.target.value })} aria-invalid={!!errors[`grade${i}.advanceRatePct`]} />
                  </td>
                  <td>
                    <input aria-label={`Grade ${name} discount APR`} value={g.discountAprPct} onChange={(e) => upd({ discountAprPct: e.target.value })} aria-invalid={!!errors[`grade${i}.discountAprPct`]} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <h3>Credit policy: buyers' history</h3>
        <div className="grid">
          <div className="field">
            <label>
              <input type="checkbox" checked={form.credit.blockOpenDefault} onChange={(e) => setForm({ ...form, credit: { ...form.credit, blockOpenDefault: e.target.checked } })} /> Refuse a buyer with an open
              default
            </label>
          </div>
          {BUYER_CREDIT_FIELDS.map(creditInput)}
        </div>
        <h3>Credit policy: suppliers' problem invoices</h3>
        <div className="grid">{SUPPLIER_CREDIT_FIELDS.map(creditInput)}</div>
        {Object.keys(errors).length > 0 && (
          <ul className="error" role="alert" data-testid="policy-errors">
            {Object.entries(errors).map(([k, v]) => (
              <li key={k}>{v}.</li>
            ))}
          </ul>
        )}
        <button type="submit" disabled={policyTx.busy || pauseTx.busy}>
          Save parameters and policy
        </button>
        <TxStatus state={policyTx.state} />
      </form>
      <Verifiers me={props.me} pool={props.pool} />
      <Currencies me={props.me} pool={props.pool} />
    </>
  );
}

function Verifiers(props: { me: PublicKey; pool: PublicKey }) {
  const client = useClient();
  const tx = useTx();
  const data = useLoad(async () => {
    const ids = (await client.accounts.identities()).filter((i) => (i.account.roles & ROLE.verifier) !== 0 && !i.account.revoked);
    const infos = await client.connection.getMultipleAccountsInfo(ids.map((i) => client.pda.poolVerifier(props.pool, i.account.wallet)), "confirmed");
    return ids.map((i, k) => ({ wallet: i.account.wallet, entityId: i.account.entityId, active: infos[k] !== null }));
  }, [client, props.pool.toBase58()]);
  return (
    <div className="panel">
      <h2>Verifiers</h2>
      <ErrorText error={data.error} />
      {data.data && data.data.length === 0 && <p>No wallet has a verifier identity yet.</p>}
      {data.data && data.data.length > 0 && (
        <table>
          <caption className="sr-only">Wallets with a verifier identity</caption>
          <thead>
            <tr>
              <th scope="col">Verifier</th>
              <th scope="col">Entity</th>
              <th scope="col">For this pool</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {data.data.map((v) => (
              <tr key={v.wallet.toBase58()}>
                <td className="mono">{v.wallet.toBase58()}</td>
                <td>{v.entityId}</td>
                <td>{v.active ? "yes" : "no"}</td>
                <td>
                  {v.active ? (
                    <button type="button" disabled={tx.busy} onClick={() => void tx.run("Remove verifier", async () => ({ ixs: await client.manager.poolVerifierRemove({ manager: props.me, pool: props.pool, verifier: v.wallet }) }), data.reload)}>
                      Remove
                    </button>
                  ) : (
                    <button type="button" disabled={tx.busy} onClick={() => void tx.run("Add verifier", async () => ({ ixs: await client.manager.poolVerifierAdd({ manager: props.me, pool: props.pool, verifier: v.wallet }) }), data.reload)}>
                      Add
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <TxStatus state={tx.state} />
    </div>
  );
}

function Currencies(props: { me: PublicKey; pool: PublicKey }) {
  const client = useClient();
  const tx = useTx();
  const codes = Object.keys(FX_FEEDS);
  const data = useLoad(async () => {
    const cfgs = await Promise.all(codes.map((c) => client.accounts.currencyConfig(client.pda.currencyConfig(props.pool, c))));
    const prices = await client.connection.getMultipleAccountsInfo(codes.map((c) => priceFeedAddress(feedIdFromHex(FX_FEEDS[c].feedIdHex))), "confirmed");
    return codes.map((code, i) => {
      const info = prices[i];
      const p = info ? decodePriceUpdate(Buffer.from(info.data)) : null;
      const f = FX_FEEDS[code];
      // USDC per whole unit at the current price (floor), for sensible default bounds.
      const unitUsdc = p ? minorToUsdc(10n ** BigInt(f.minorDecimals), p.price, p.exponent, f.minorDecimals, f.direction, "floor") : null;
      return { code, config: cfgs[i] as CurrencyConfig | null, unitUsdc };
    });
  }, [client, props.pool.toBase58()]);
  const [edit, setEdit] = useState<{ code: string; min: string; max: string; maxAge: string; maxConf: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const add = () => {
    if (!edit) return;
    try {
      const f = FX_FEEDS[edit.code];
      const minUsdcPerUnit = parseMoneyInput(edit.min, 6, "lowest price");
      const maxUsdcPerUnit = parseMoneyInput(edit.max, 6, "highest price");
      if (minUsdcPerUnit <= 0n || maxUsdcPerUnit <= minUsdcPerUnit) throw new Error("the price bounds must be positive and the highest above the lowest");
      if (!/^\d+$/.test(edit.maxAge) || Number(edit.maxAge) < 1 || Number(edit.maxAge) > 3600) throw new Error("the price age limit must be 1 to 3600 seconds");
      const conf = parseMoneyInput(edit.maxConf, 2, "confidence limit");
      if (conf < 1n || conf > 1_000n) throw new Error("the confidence limit must be from 0.01% to 10.00%");
      setError(null);
      const terms = {
        code: edit.code, decimals: f.minorDecimals, feedId: feedIdFromHex(f.feedIdHex), direction: f.direction,
        maxAgeSecs: Number(edit.maxAge), maxConfBps: Number(conf), minUsdcPerUnit, maxUsdcPerUnit,
      };
      void tx.run(`Accept ${edit.code}`, async () => ({ ixs: await client.manager.poolCurrencySet({ manager: props.me, pool: props.pool, terms }) }), async () => {
        setEdit(null);
        await data.reload();
      });
    } catch (e) {
      setError(`Check the terms: ${(e as Error).message}.`);
    }
  };

  return (
    <div className="panel">
      <h2>Currencies</h2>
      <p>USD is always accepted; other currencies need a price feed and bounds.</p>
      <ErrorText error={data.error} />
      {data.data && (
        <table>
          <caption className="sr-only">Invoice currencies</caption>
          <thead>
            <tr>
              <th scope="col">Currency</th>
              <th scope="col">Accepted</th>
              <th scope="col">Price bounds (USDC per unit)</th>
              <th scope="col">Limits</th>
              <th scope="col">Open invoices</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {data.data.map(({ code, config, unitUsdc }) => (
              <tr key={code}>
                <th scope="row">{code}</th>
                <td>{config ? "yes" : "no"}</td>
                <td>{config ? `${formatUsdc(config.terms.minUsdcPerUnit)} – ${formatUsdc(config.terms.maxUsdcPerUnit)}` : "—"}</td>
                <td>{config ? `price ≤ ${config.terms.maxAgeSecs} s old, confidence ≤ ${formatBps(config.terms.maxConfBps)}` : "—"}</td>
                <td className="num">{config ? config.openInvoices : "—"}</td>
                <td>
                  <button
                    type="button"
                    onClick={() =>
                      setEdit({
                        code,
                        min: config ? formatAmount(config.terms.minUsdcPerUnit, 6, { trim: true }) : unitUsdc ? formatAmount(unitUsdc / 2n, 6, { trim: true }) : "",
                        max: config ? formatAmount(config.terms.maxUsdcPerUnit, 6, { trim: true }) : unitUsdc ? formatAmount(unitUsdc * 2n, 6, { trim: true }) : "",
                        maxAge: config ? String(config.terms.maxAgeSecs) : "60",
                        maxConf: config ? formatAmount(BigInt(config.terms.maxConfBps), 2) : "0.50",
                      })
                    }
                  >
                    {config ? "Edit" : "Accept"} {code}
                  </button>{" "}
                  {config && (
                    <button
                      type="button"
                      disabled={tx.busy || config.openInvoices > 0}
                      title={config.openInvoices > 0 ? "Has open invoices" : undefined}
                      onClick={() => void tx.run(`Remove ${code}`, async () => ({ ixs: await client.manager.poolCurrencyRemove({ manager: props.me, pool: props.pool, code }) }), data.reload)}
                    >
                      Remove {code}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {edit && (
        <form
          aria-label={`Terms for ${edit.code}`}
          onSubmit={(e) => {
            e.preventDefault();
            add();
          }}
        >
          <h3>{edit.code} terms</h3>
          <div className="grid">
            <Field label="Lowest price (USDC per unit)" id="c-min">
              <input id="c-min" value={edit.min} onChange={(e) => setEdit({ ...edit, min: e.target.value })} />
            </Field>
            <Field label="Highest price (USDC per unit)" id="c-max">
              <input id="c-max" value={edit.max} onChange={(e) => setEdit({ ...edit, max: e.target.value })} />
            </Field>
            <Field label="Oldest price accepted (seconds)" id="c-age">
              <input id="c-age" value={edit.maxAge} onChange={(e) => setEdit({ ...edit, maxAge: e.target.value })} />
            </Field>
            <Field label="Widest confidence (%)" id="c-conf">
              <input id="c-conf" value={edit.maxConf} onChange={(e) => setEdit({ ...edit, maxConf: e.target.value })} />
            </Field>
          </div>
          <ErrorText error={error} />
          <button type="submit" disabled={tx.busy}>
            Save {edit.code}
          </button>
        </form>
      )}
      <TxStatus state={tx.state} />
    </div>
  );
}

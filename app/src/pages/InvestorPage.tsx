// Investor: pools with tranche prices and realised APY; deposit (shares
// previewed); withdraw, showing whether it is paid now or queued and where
// in the queue; cancel a queued request; positions with value, yield and
// history. Keeper: fill the queue.
import { useState } from "react";
import type { PublicKey } from "@solana/web3.js";
import {
  ata, poolMathState, previewDeposit, previewRedeem, previewSharePrice, previewWithdraw, TOKEN_2022_PROGRAM_ID,
  type AutofactorClient, type PoolAccount, type Tranche,
} from "@autofactor/sdk";
import { useClient } from "../chain";
import { useAppConfig } from "../config";
import { useTx } from "../tx";
import { ErrorText, Field, Loading, TxStatus, useLoad } from "../components/common";
import { RolePage, usdcBalance } from "../components/wallet";
import { formatBps, formatDateTime, formatSharePrice, formatShares, formatUsdc, parseMoneyInput, shortKey } from "../format";
import { investorHistory, investorPositions, type ApiEvent, type ApiPosition } from "../indexer";
import { createApiClient, type PoolApy } from "../api";
import { chainNowTs } from "../invoices";

const TRANCHES: Tranche[] = ["senior", "junior"];
const SHARE_DECIMALS = 6;

export function InvestorPage() {
  return <RolePage title="Investor" role="investor">{(me) => <InvestorView me={me} />}</RolePage>;
}

async function shareBalance(client: AutofactorClient, owner: PublicKey, mint: PublicKey): Promise<bigint> {
  const b = await client.connection.getTokenAccountBalance(ata(owner, mint, TOKEN_2022_PROGRAM_ID)).catch(() => null);
  return b ? BigInt(b.value.amount) : 0n;
}

function InvestorView({ me }: { me: PublicKey }) {
  const client = useClient();
  const cfg = useAppConfig();
  const data = useLoad(async () => {
    const [pools, nowTs] = await Promise.all([client.accounts.pools(), chainNowTs(client)]);
    const usdc = pools[0] ? await usdcBalance(client, me, pools[0].account.usdcMint) : 0n;
    const perPool = await Promise.all(
      pools.map(async ({ address, account }) => {
        const [senior, junior, seniorQueue, juniorQueue, apy] = await Promise.all([
          shareBalance(client, me, account.seniorMint),
          shareBalance(client, me, account.juniorMint),
          client.accounts.queue(address, "senior"),
          client.accounts.queue(address, "junior"),
          cfg.apiUrl ? createApiClient(cfg.apiUrl).apy(address.toBase58()).catch(() => null) : Promise.resolve(null),
        ]);
        return { address, account, shares: { senior, junior }, queue: { senior: seniorQueue, junior: juniorQueue }, apy };
      }),
    );
    return { pools: perPool, nowTs, usdc };
  }, [client, me.toBase58(), cfg.apiUrl]);
  const api = useLoad(async () => {
    if (!cfg.apiUrl) return null;
    const [positions, history] = await Promise.all([investorPositions(cfg.apiUrl, me.toBase58()), investorHistory(cfg.apiUrl, me.toBase58())]);
    return { positions, history };
  }, [cfg.apiUrl, me.toBase58()]);
  const reload = async () => {
    await Promise.all([data.reload(), api.reload()]);
  };

  if (data.error) return <ErrorText error={`Could not read the chain: ${data.error}`} />;
  if (!data.data) return <Loading what="pools" />;
  return (
    <>
      <p>
        Wallet <span className="mono">{me.toBase58()}</span> · USDC balance <strong data-testid="investor-usdc">{formatUsdc(data.data.usdc)}</strong>
      </p>
      {data.data.pools.map((p) => (
        <PoolCard key={p.address.toBase58()} me={me} {...p} nowTs={data.data!.nowTs} usdc={data.data!.usdc} apiPositions={api.data?.positions ?? []} onChanged={reload} />
      ))}
      <h2>History</h2>
      <ErrorText error={api.error && `The history is unavailable: ${api.error}`} />
      {api.data && <History events={api.data.history} />}
    </>
  );
}

type QueueEntry = Awaited<ReturnType<AutofactorClient["accounts"]["queue"]>>[number];

function PoolCard(props: {
  me: PublicKey;
  address: PublicKey;
  account: PoolAccount;
  shares: Record<Tranche, bigint>;
  queue: Record<Tranche, QueueEntry[]>;
  apy: PoolApy | null;
  nowTs: bigint;
  usdc: bigint;
  apiPositions: ApiPosition[];
  onChanged: () => Promise<void>;
}) {
  const client = useClient();
  const tx = useTx();
  const math = poolMathState(props.account);
  const [tranche, setTranche] = useState<Tranche>("junior");
  const [depositText, setDepositText] = useState("");
  const [withdrawText, setWithdrawText] = useState("");
  const pool = props.address;

  let deposit: { amount: bigint; shares: bigint } | null = null;
  let depositError: string | null = null;
  if (depositText.trim()) {
    try {
      const amount = parseMoneyInput(depositText, 6, "deposit");
      if (amount > props.usdc) throw new Error(`is more than your ${formatUsdc(props.usdc)}`);
      deposit = { amount, shares: previewDeposit(math, tranche, amount, props.nowTs) };
    } catch (e) {
      depositError = `The deposit ${(e as Error).message.replace(/^the deposit /, "")}`;
    }
  }
  let withdraw: { shares: bigint; preview: ReturnType<typeof previewWithdraw>; ahead: number } | null = null;
  let withdrawError: string | null = null;
  if (withdrawText.trim()) {
    try {
      const shares = parseMoneyInput(withdrawText, SHARE_DECIMALS, "shares");
      if (shares <= 0n) throw new Error("must be more than zero");
      if (shares > props.shares[tranche]) throw new Error(`are more than the ${formatShares(props.shares[tranche])} you hold`);
      withdraw = { shares, preview: previewWithdraw(math, tranche, shares, props.nowTs), ahead: props.queue[tranche].length };
    } catch (e) {
      withdrawError = `The shares ${(e as Error).message.replace(/^the shares /, "")}`;
    }
  }

  const after = async () => {
    await props.onChanged();
  };
  const headOpen = (t: Tranche) => props.account.ledger[t].queueHead !== props.account.ledger[t].queueTail;

  return (
    <div className="panel" aria-label={`Pool ${shortKey(pool)}`}>
      <h2>Pool {shortKey(pool)}</h2>
      <table>
        <caption>Tranches</caption>
        <thead>
          <tr>
            <th scope="col">Tranche</th>
            <th scope="col">Share price</th>
            <th scope="col">APY 7 d</th>
            <th scope="col">APY 30 d</th>
            <th scope="col">APY since inception</th>
            <th scope="col">My shares</th>
            <th scope="col">Value</th>
            <th scope="col">Yield</th>
          </tr>
        </thead>
        <tbody>
          {TRANCHES.map((t) => {
            const price = previewSharePrice(math, t, props.nowTs);
            const mine = props.shares[t];
            const value = mine > 0n ? previewRedeem(math, t, mine, props.nowTs) : 0n;
            const apiPos = props.apiPositions.find((x) => x.pool === pool.toBase58() && x.tranche === t);
            const queued = props.queue[t].filter((q) => q.account.investor.equals(props.me)).reduce((s, q) => s + q.account.sharesRemaining, 0n);
            const queuedValue = queued > 0n ? previewRedeem(math, t, queued, props.nowTs) : 0n;
            const yieldUsdc = apiPos ? value + queuedValue + apiPos.withdrawnUsdc - apiPos.depositedUsdc : null;
            const apy = props.apy?.[t];
            const bps = (v: number | null | undefined) => (v === null || v === undefined ? "—" : formatBps(v));
            return (
              <tr key={t} data-testid={`tranche-${t}`}>
                <th scope="row">{t === "senior" ? "Senior" : "Junior"}</th>
                <td className="num">{formatSharePrice(price)}</td>
                <td className="num">{bps(apy?.apy7dBps)}</td>
                <td className="num">{bps(apy?.apy30dBps)}</td>
                <td className="num">{bps(apy?.apyInceptionBps)}</td>
                <td className="num" data-testid={`shares-${t}`}>
                  {formatShares(mine)}
                  {queued > 0n ? ` (+ ${formatShares(queued)} queued)` : ""}
                </td>
                <td className="num">{formatUsdc(value + queuedValue)}</td>
                <td className="num">{yieldUsdc === null ? "—" : formatUsdc(yieldUsdc)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Field label="Tranche" id={`tranche-${pool.toBase58()}`}>
        <select id={`tranche-${pool.toBase58()}`} value={tranche} onChange={(e) => setTranche(e.target.value as Tranche)}>
          <option value="senior">Senior</option>
          <option value="junior">Junior</option>
        </select>
      </Field>
      <div className="grid2">
        <form
          aria-label="Deposit"
          onSubmit={(e) => {
            e.preventDefault();
            if (!deposit) return;
            const d = deposit;
            void tx.run(
              `Deposit into ${tranche}`,
              async () => ({ ixs: await client.investor.deposit({ investor: props.me, pool, tranche, amountUsdc: d.amount, minSharesOut: (d.shares * 9_990n) / 10_000n }) }),
              async () => {
                setDepositText("");
                await after();
              },
            );
          }}
        >
          <h3>Deposit</h3>
          <Field label="Amount (USDC)" id={`dep-${pool.toBase58()}`}>
            <input id={`dep-${pool.toBase58()}`} inputMode="decimal" value={depositText} onChange={(e) => setDepositText(e.target.value)} aria-describedby={`dep-prev-${pool.toBase58()}`} />
          </Field>
          <p id={`dep-prev-${pool.toBase58()}`} data-testid="deposit-preview">
            {depositError ?? (deposit ? `You receive about ${formatShares(deposit.shares)} (at least 0.1% fewer if the price moves).` : "Enter an amount.")}
          </p>
          <button type="submit" disabled={!deposit || tx.busy}>
            Deposit
          </button>
        </form>
        <form
          aria-label="Withdraw"
          onSubmit={(e) => {
            e.preventDefault();
            if (!withdraw) return;
            const w = withdraw;
            void tx.run(
              `Withdraw from ${tranche}`,
              async () => ({ ixs: await client.investor.withdraw({ investor: props.me, pool, tranche, shares: w.shares }) }),
              async () => {
                setWithdrawText("");
                await after();
              },
            );
          }}
        >
          <h3>Withdraw</h3>
          <Field label="Shares" id={`wd-${pool.toBase58()}`}>
            <input id={`wd-${pool.toBase58()}`} inputMode="decimal" value={withdrawText} onChange={(e) => setWithdrawText(e.target.value)} aria-describedby={`wd-prev-${pool.toBase58()}`} />
          </Field>
          <p id={`wd-prev-${pool.toBase58()}`} data-testid="withdraw-preview">
            {withdrawError ??
              (withdraw
                ? withdraw.preview.kind === "immediate"
                  ? `Paid now: ${formatUsdc(withdraw.preview.usdc)}.`
                  : `Queued: worth ${formatUsdc(withdraw.preview.valueUsdc)} today, at position ${withdraw.ahead + 1} in the ${tranche} queue (${withdraw.ahead} ahead); paid as cash comes in.`
                : "Enter a number of shares.")}
          </p>
          <button type="submit" disabled={!withdraw || tx.busy}>
            Withdraw
          </button>
        </form>
      </div>
      <QueueList me={props.me} pool={pool} queue={props.queue} run={tx.run} busy={tx.busy} after={after} />
      {TRANCHES.some(headOpen) && (
        <div className="keeper">
          <h3>Keeper actions (anyone may send)</h3>
          {TRANCHES.filter(headOpen).map((t) => (
            <button key={t} type="button" disabled={tx.busy} onClick={() => void tx.run(`Fill the ${t} queue`, async () => ({ ixs: await client.keeper.withdrawalFill({ keeper: props.me, pool, tranche: t }) }), after)}>
              Fill the {t} queue
            </button>
          ))}
        </div>
      )}
      <TxStatus state={tx.state} />
    </div>
  );
}

function QueueList(props: {
  me: PublicKey;
  pool: PublicKey;
  queue: Record<Tranche, QueueEntry[]>;
  run: ReturnType<typeof useTx>["run"];
  busy: boolean;
  after: () => Promise<void>;
}) {
  const client = useClient();
  const rows = TRANCHES.flatMap((t) =>
    props.queue[t].map((q, i) => ({ t, q, position: i + 1 })).filter((x) => x.q.account.investor.equals(props.me)),
  );
  if (rows.length === 0) return null;
  return (
    <table>
      <caption>My withdrawal requests</caption>
      <thead>
        <tr>
          <th scope="col">Tranche</th>
          <th scope="col">Position in queue</th>
          <th scope="col">Shares left</th>
          <th scope="col">Paid so far</th>
          <th scope="col">Requested</th>
          <th scope="col">Action</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ t, q, position }) => (
          <tr key={q.address.toBase58()} data-testid="queued-request">
            <td>{t}</td>
            <td className="num">{position}</td>
            <td className="num">{formatShares(q.account.sharesRemaining)}</td>
            <td className="num">{formatUsdc(q.account.usdcPaid)}</td>
            <td>{formatDateTime(q.account.requestedTs)}</td>
            <td>
              {q.account.usdcClaimable > 0n ? (
                <button type="button" disabled={props.busy} onClick={() => void props.run("Claim payout", async () => ({ ixs: await client.investor.withdrawalClaim({ investor: props.me, pool: props.pool, tranche: t, sequence: q.account.sequence }) }), props.after)}>
                  Claim {formatUsdc(q.account.usdcClaimable)}
                </button>
              ) : (
                <button type="button" disabled={props.busy} onClick={() => void props.run("Cancel withdrawal", async () => ({ ixs: await client.investor.withdrawalCancel({ investor: props.me, pool: props.pool, tranche: t, sequence: q.account.sequence }) }), props.after)}>
                  Cancel
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const EVENT_TEXT: Record<string, string> = {
  Deposited: "Deposit",
  Withdrawn: "Withdrawal paid",
  WithdrawalQueued: "Withdrawal queued",
  WithdrawalFilled: "Queued withdrawal paid",
  WithdrawalCancelled: "Withdrawal cancelled",
  WithdrawalClaimed: "Payout claimed",
  WithdrawalPayoutOwed: "Payout owed (claim it)",
};

function History(props: { events: ApiEvent[] }) {
  if (props.events.length === 0) return <p>No deposits or withdrawals yet.</p>;
  return (
    <table>
      <caption className="sr-only">Your deposits and withdrawals</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">What</th>
          <th scope="col">Tranche</th>
          <th scope="col">USDC</th>
          <th scope="col">Shares</th>
        </tr>
      </thead>
      <tbody>
        {[...props.events].reverse().map((e, i) => {
          const d = e.data;
          const usdc = d.amount_usdc ?? null;
          const shares = d.shares ?? d.shares_returned ?? null;
          return (
            <tr key={`${e.signature}-${i}`}>
              <td>{e.blockTime ? formatDateTime(e.blockTime) : "—"}</td>
              <td>{EVENT_TEXT[e.name] ?? e.name}</td>
              <td>{d.tranche ? String(d.tranche).toLowerCase() : "—"}</td>
              <td className="num">{usdc !== null && typeof usdc === "string" && /^\d+$/.test(usdc) ? formatUsdc(BigInt(usdc)) : "—"}</td>
              <td className="num">{shares !== null && typeof shares === "string" && /^\d+$/.test(shares) ? formatShares(BigInt(shares)) : "—"}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

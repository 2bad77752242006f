//! From a fetched transaction to rows: the raw events (every event, all
//! fields as JSON through the IDL) and the derived tables (pools and their
//! snapshots, invoices, positions, the withdrawal queue), updated with the
//! program's own event types (`autofactor::events`). Derived tables are a
//! function of the events in order only, so replaying the same history
//! into an empty database gives identical tables.

use crate::db::{amount, Conn, Value};
use crate::idl::idl;
use crate::rpc::Transaction;
use anchor_lang::{AnchorDeserialize, Discriminator};
use anyhow::{anyhow, Context as _};
use autofactor::events::*;
use autofactor::state::Tranche;
use serde_json::{json, Value as Json};

/// One event found in a transaction.
#[derive(Clone, Debug)]
pub struct RawEvent {
    pub name: String,
    /// The instruction data after the event-CPI tag: discriminator + body.
    pub data: Vec<u8>,
    pub json: Json,
}

/// The events a successful transaction emitted: inner instructions to the
/// program itself, signed by its event authority, whose data starts with
/// Anchor's event-CPI tag.
pub fn events_of(tx: &Transaction) -> anyhow::Result<Vec<RawEvent>> {
    if tx.failed {
        return Ok(Vec::new());
    }
    let program = autofactor::ID.to_string();
    let authority = autofactor_client::pda::event_authority().to_string();
    let mut out = Vec::new();
    for ix in &tx.inner_instructions {
        if ix.program_id != program || ix.accounts.first() != Some(&authority) {
            continue;
        }
        let Some(body) = ix.data.strip_prefix(anchor_lang::event::EVENT_IX_TAG_LE) else { continue };
        // The program's own list names the event; the IDL renders its
        // fields. An IDL that lags the program (or an event newer than this
        // build) never stops indexing: the raw bytes are kept, the JSON says
        // why it is missing, and the derived tables use the program's types.
        let known = autofactor_client::decode::event_name(&ix.data);
        let (name, json) = match idl().decode_event(body) {
            Ok((name, json)) if known.is_none_or(|k| k == name) => (name, json),
            Ok((name, _)) => (
                known.unwrap_or_default().to_string(),
                json!({ "_undecoded": format!("the IDL names it {name}") }),
            ),
            Err(e) => (known.unwrap_or("Unknown").to_string(), json!({ "_undecoded": format!("{e:#}") })),
        };
        out.push(RawEvent { name, data: body.to_vec(), json });
    }
    Ok(out)
}

/// The pool, invoice and investor an event is about (indexed columns of
/// `events`: timelines and histories).
#[derive(Clone, Debug, Default)]
pub struct Keys {
    pub pool: Option<String>,
    pub invoice: Option<String>,
    pub investor: Option<String>,
}

trait EventKeys {
    fn keys(&self) -> Keys;
}

macro_rules! event_keys {
    ($($t:ident { $($field:ident),* })*) => {
        $(impl EventKeys for $t {
            fn keys(&self) -> Keys {
                #[allow(unused_mut)]
                let mut k = Keys::default();
                $(k.$field = Some(self.$field.to_string());)*
                k
            }
        })*
    };
}

event_keys! {
    PoolVerifierAdded { pool } PoolVerifierRemoved { pool }
    PoolCreated { pool } PoolConfigUpdated { pool } PoolPauseSet { pool } FeesCollected { pool }
    PoolRefreshed { pool } Deposited { pool, investor } Withdrawn { pool, investor }
    WithdrawalQueued { pool, investor } WithdrawalFilled { pool, investor }
    WithdrawalPayoutOwed { pool, investor } WithdrawalClaimed { pool, investor }
    WithdrawalCancelled { pool, investor }
    InvoiceCreated { invoice, pool } InvoiceAcknowledged { invoice } InvoiceDisputed { invoice }
    InvoiceAttested { invoice } InvoiceCancelled { invoice } InvoiceFinanced { invoice, pool }
    InvoicePaid { invoice, pool } InvoiceMatured { invoice, pool } InvoiceMarkedLate { invoice }
    InvoiceWrittenDown { invoice } InvoiceSettled { invoice, pool } InvoiceClosedDefaulted { invoice, pool }
}

/// Decodes event `E` with the program's own type and notes its keys.
fn typed<E: AnchorDeserialize + Discriminator + EventKeys>(
    data: &[u8],
    keys: &mut Keys,
) -> anyhow::Result<E> {
    let body = data.strip_prefix(E::DISCRIMINATOR).ok_or_else(|| anyhow!("discriminator mismatch"))?;
    let mut rest = body;
    let e = E::deserialize(&mut rest).map_err(|e| anyhow!("cannot decode event: {e}"))?;
    if !rest.is_empty() {
        return Err(anyhow!("{} bytes left after the program's event type", rest.len()));
    }
    *keys = e.keys();
    Ok(e)
}

fn tranche_name(t: Tranche) -> &'static str {
    match t {
        Tranche::Senior => "senior",
        Tranche::Junior => "junior",
    }
}

fn key(k: &anchor_lang::prelude::Pubkey) -> Value {
    Value::from(k.to_string())
}

fn currency(c: &[u8; 3]) -> String {
    String::from_utf8_lossy(c).into_owned()
}

/// Where one event sits: its transaction's sequence number and its index.
#[derive(Clone, Copy, Debug)]
pub struct At {
    pub tx_seq: i64,
    pub idx: i64,
    pub block_time: Option<i64>,
}

/// Inserts a transaction (at sequence `seq`), its events and their effects.
/// Returns the number of events.
pub fn apply_transaction(conn: &mut Conn, seq: i64, tx: &Transaction) -> anyhow::Result<usize> {
    let events = events_of(tx)?;
    let slot = i64::try_from(tx.slot)?;
    conn.execute(
        "INSERT INTO transactions (seq, signature, slot, block_time, failed, event_count) VALUES (?, ?, ?, ?, ?, ?)",
        &[
            seq.into(),
            tx.signature.as_str().into(),
            slot.into(),
            tx.block_time.into(),
            tx.failed.into(),
            (events.len() as i64).into(),
        ],
    )?;
    for (i, e) in events.iter().enumerate() {
        let at = At { tx_seq: seq, idx: i as i64, block_time: tx.block_time };
        let keys =
            apply_event(conn, at, e).with_context(|| format!("applying {} of {}", e.name, tx.signature))?;
        let field = |typed: Option<String>, f: &str| {
            Value::Text(typed.or_else(|| e.json.get(f).and_then(Json::as_str).map(str::to_string)))
        };
        conn.execute(
            "INSERT INTO events (tx_seq, idx, signature, slot, block_time, name, pool, invoice, investor, data_hex, json) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            &[
                seq.into(),
                (i as i64).into(),
                tx.signature.as_str().into(),
                slot.into(),
                tx.block_time.into(),
                e.name.as_str().into(),
                field(keys.pool, "pool"),
                field(keys.invoice, "invoice"),
                field(keys.investor, "investor"),
                hex::encode(&e.data).into(),
                e.json.to_string().into(),
            ],
        )?;
    }
    Ok(events.len())
}

fn snapshot(
    conn: &mut Conn,
    pool: &str,
    at: At,
    event: &str,
    s: &PoolSnapshot,
    ts: i64,
) -> anyhow::Result<()> {
    let values = [
        amount(s.nav_usdc)?,
        amount(s.cash_usdc)?,
        amount(s.senior_value_usdc)?,
        amount(s.junior_value_usdc)?,
        amount(s.senior_supply)?,
        amount(s.junior_supply)?,
        amount(s.senior_price)?,
        amount(s.junior_price)?,
    ];
    crate::aggregates::snapshot_added(conn, pool, at.tx_seq, at.idx, ts, &values)?;
    let mut p = vec![pool.into(), at.tx_seq.into(), at.idx.into(), ts.into(), event.into()];
    p.extend(values.iter().cloned());
    conn.execute(
        "INSERT INTO pool_snapshots (pool, tx_seq, idx, ts, event, nav_usdc, cash_usdc, senior_value_usdc, \
         junior_value_usdc, senior_supply, junior_supply, senior_price, junior_price) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        &p,
    )?;
    let mut p: Vec<Value> = values.to_vec();
    p.push(ts.into());
    p.push(pool.into());
    conn.execute(
        "UPDATE pools SET nav_usdc = ?, cash_usdc = ?, senior_value_usdc = ?, junior_value_usdc = ?, \
         senior_supply = ?, junior_supply = ?, senior_price = ?, junior_price = ?, snapshot_ts = ? WHERE pool = ?",
        &p,
    )?;
    Ok(())
}

fn invoice_pool(conn: &mut Conn, invoice: &str) -> anyhow::Result<String> {
    conn.query("SELECT pool FROM invoices WHERE invoice = ?", &[invoice.into()])?
        .first()
        .ok_or_else(|| anyhow!("event for invoice {invoice}, which was never created"))?[0]
        .text()
}

fn invoice_update(
    conn: &mut Conn,
    invoice: &anchor_lang::prelude::Pubkey,
    set: &str,
    mut params: Vec<Value>,
) -> anyhow::Result<()> {
    let id = invoice.to_string();
    let before = crate::aggregates::share(conn, &id)?
        .ok_or_else(|| anyhow!("event for invoice {invoice}, which was never created"))?;
    params.push(id.as_str().into());
    let n = conn.execute(&format!("UPDATE invoices SET {set} WHERE invoice = ?"), &params)?;
    if n != 1 {
        return Err(anyhow!("event for invoice {invoice}, which was never created"));
    }
    let after = crate::aggregates::share(conn, &id)?.unwrap_or_default();
    crate::aggregates::invoice_changed(conn, &before, &after)
}

/// Moves the pool's `total_written_down_usdc` by the change of the
/// invoice's own figure (called before the invoice row is updated).
fn written_down(
    conn: &mut Conn,
    invoice: &anchor_lang::prelude::Pubkey,
    now_usdc: u64,
) -> anyhow::Result<()> {
    conn.execute(
        "UPDATE pools SET total_written_down_usdc = total_written_down_usdc + ? - \
         (SELECT written_down_usdc FROM invoices WHERE invoice = ?) \
         WHERE pool = (SELECT pool FROM invoices WHERE invoice = ?)",
        &[amount(now_usdc)?, key(invoice), key(invoice)],
    )?;
    Ok(())
}

fn open_invoices(conn: &mut Conn, pool: &anchor_lang::prelude::Pubkey, delta: i64) -> anyhow::Result<()> {
    conn.execute(
        "UPDATE pools SET open_invoices = open_invoices + ? WHERE pool = ?",
        &[delta.into(), key(pool)],
    )?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn position(
    conn: &mut Conn,
    pool: &anchor_lang::prelude::Pubkey,
    investor: &anchor_lang::prelude::Pubkey,
    tranche: Tranche,
    shares_delta: i128,
    pending_delta: i128,
    deposited_usdc: u64,
    withdrawn_usdc: u64,
    ts: i64,
) -> anyhow::Result<()> {
    let shares = i64::try_from(shares_delta)?;
    let pending = i64::try_from(pending_delta)?;
    conn.execute(
        "INSERT INTO positions (pool, investor, tranche, shares, shares_pending, deposited_usdc, withdrawn_usdc, first_ts, updated_ts) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (pool, investor, tranche) DO UPDATE SET \
         shares = positions.shares + excluded.shares, \
         shares_pending = positions.shares_pending + excluded.shares_pending, \
         deposited_usdc = positions.deposited_usdc + excluded.deposited_usdc, \
         withdrawn_usdc = positions.withdrawn_usdc + excluded.withdrawn_usdc, \
         updated_ts = excluded.updated_ts",
        &[
            key(pool),
            key(investor),
            tranche_name(tranche).into(),
            shares.into(),
            pending.into(),
            amount(deposited_usdc)?,
            amount(withdrawn_usdc)?,
            ts.into(),
            ts.into(),
        ],
    )?;
    Ok(())
}

fn withdrawal_update(
    conn: &mut Conn,
    pool: &anchor_lang::prelude::Pubkey,
    tranche: Tranche,
    sequence: u64,
    set: &str,
    mut params: Vec<Value>,
) -> anyhow::Result<()> {
    params.extend([key(pool), tranche_name(tranche).into(), amount(sequence)?]);
    conn.execute(
        &format!("UPDATE withdrawals SET {set} WHERE pool = ? AND tranche = ? AND sequence = ?"),
        &params,
    )?;
    Ok(())
}

/// The effect of one event on the derived tables.
pub fn apply_event(conn: &mut Conn, at: At, e: &RawEvent) -> anyhow::Result<Keys> {
    let d = &e.data[..];
    let mut keys = Keys::default();
    let bt = at.block_time.unwrap_or(0);
    match e.name.as_str() {
        "PoolCreated" => {
            let ev: PoolCreated = typed(d, &mut keys)?;
            conn.execute(
                "INSERT INTO pools (pool, pool_id, manager, usdc_mint, vault, senior_mint, junior_mint, created_ts, paused, \
                 params_json, policy_json, nav_usdc, cash_usdc, senior_value_usdc, junior_value_usdc, senior_supply, \
                 junior_supply, senior_price, junior_price, snapshot_ts, protocol_fees_collected_usdc, manager_fees_collected_usdc) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 0, 0, 0, 0, 0, 0, 0, 0, NULL, 0, 0)",
                &[
                    key(&ev.pool),
                    amount(ev.pool_id)?,
                    key(&ev.manager),
                    key(&ev.usdc_mint),
                    key(&ev.vault),
                    key(&ev.senior_mint),
                    key(&ev.junior_mint),
                    at.block_time.into(),
                    e.json["params"].to_string().into(),
                    e.json["policy"].to_string().into(),
                ],
            )?;
        }
        "PoolConfigUpdated" => {
            let ev: PoolConfigUpdated = typed(d, &mut keys)?;
            conn.execute(
                "UPDATE pools SET params_json = ?, policy_json = ? WHERE pool = ?",
                &[e.json["params"].to_string().into(), e.json["policy"].to_string().into(), key(&ev.pool)],
            )?;
        }
        "PoolPauseSet" => {
            let ev: PoolPauseSet = typed(d, &mut keys)?;
            conn.execute("UPDATE pools SET paused = ? WHERE pool = ?", &[ev.paused.into(), key(&ev.pool)])?;
        }
        "FeesCollected" => {
            let ev: FeesCollected = typed(d, &mut keys)?;
            conn.execute(
                "UPDATE pools SET protocol_fees_collected_usdc = protocol_fees_collected_usdc + ?, \
                 manager_fees_collected_usdc = manager_fees_collected_usdc + ? WHERE pool = ?",
                &[amount(ev.protocol_fees_usdc)?, amount(ev.manager_fees_usdc)?, key(&ev.pool)],
            )?;
        }
        "PoolRefreshed" => {
            let ev: PoolRefreshed = typed(d, &mut keys)?;
            snapshot(conn, &ev.pool.to_string(), at, &e.name, &ev.snapshot, ev.ts)?;
        }
        "Deposited" => {
            let ev: Deposited = typed(d, &mut keys)?;
            snapshot(conn, &ev.pool.to_string(), at, &e.name, &ev.snapshot, ev.ts)?;
            position(
                conn,
                &ev.pool,
                &ev.investor,
                ev.tranche,
                ev.shares.into(),
                0,
                ev.amount_usdc,
                0,
                ev.ts,
            )?;
        }
        "Withdrawn" => {
            let ev: Withdrawn = typed(d, &mut keys)?;
            snapshot(conn, &ev.pool.to_string(), at, &e.name, &ev.snapshot, ev.ts)?;
            position(
                conn,
                &ev.pool,
                &ev.investor,
                ev.tranche,
                -i128::from(ev.shares),
                0,
                0,
                ev.amount_usdc,
                ev.ts,
            )?;
        }
        "WithdrawalQueued" => {
            let ev: WithdrawalQueued = typed(d, &mut keys)?;
            let sh = i128::from(ev.shares);
            position(conn, &ev.pool, &ev.investor, ev.tranche, -sh, sh, 0, 0, ev.ts)?;
            conn.execute(
                "INSERT INTO withdrawals (pool, tranche, sequence, request, investor, shares_requested, shares_remaining, \
                 paid_usdc, owed_usdc, status, queued_ts, updated_ts) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 'queued', ?, ?)",
                &[
                    key(&ev.pool),
                    tranche_name(ev.tranche).into(),
                    amount(ev.sequence)?,
                    key(&ev.request),
                    key(&ev.investor),
                    amount(ev.shares)?,
                    amount(ev.shares)?,
                    ev.ts.into(),
                    ev.ts.into(),
                ],
            )?;
        }
        "WithdrawalFilled" => {
            let ev: WithdrawalFilled = typed(d, &mut keys)?;
            snapshot(conn, &ev.pool.to_string(), at, &e.name, &ev.snapshot, ev.ts)?;
            position(
                conn,
                &ev.pool,
                &ev.investor,
                ev.tranche,
                0,
                -i128::from(ev.shares),
                0,
                ev.amount_usdc,
                ev.ts,
            )?;
            let status = if ev.shares_remaining == 0 { "filled" } else { "queued" };
            withdrawal_update(
                conn,
                &ev.pool,
                ev.tranche,
                ev.sequence,
                "shares_remaining = ?, paid_usdc = paid_usdc + ?, status = ?, updated_ts = ?",
                vec![amount(ev.shares_remaining)?, amount(ev.amount_usdc)?, status.into(), ev.ts.into()],
            )?;
        }
        "WithdrawalPayoutOwed" => {
            let ev: WithdrawalPayoutOwed = typed(d, &mut keys)?;
            withdrawal_update(
                conn,
                &ev.pool,
                ev.tranche,
                ev.sequence,
                "owed_usdc = ?, updated_ts = ?",
                vec![amount(ev.usdc_claimable)?, ev.ts.into()],
            )?;
        }
        "WithdrawalClaimed" => {
            let ev: WithdrawalClaimed = typed(d, &mut keys)?;
            let status = if ev.closed { ", status = 'claimed'" } else { "" };
            withdrawal_update(
                conn,
                &ev.pool,
                ev.tranche,
                ev.sequence,
                &format!("owed_usdc = owed_usdc - ?, updated_ts = ?{status}"),
                vec![amount(ev.amount_usdc)?, ev.ts.into()],
            )?;
        }
        "WithdrawalCancelled" => {
            let ev: WithdrawalCancelled = typed(d, &mut keys)?;
            let sh = i128::from(ev.shares_returned);
            position(conn, &ev.pool, &ev.investor, ev.tranche, sh, -sh, 0, 0, ev.ts)?;
            withdrawal_update(
                conn,
                &ev.pool,
                ev.tranche,
                ev.sequence,
                "shares_remaining = 0, status = 'cancelled', updated_ts = ?",
                vec![ev.ts.into()],
            )?;
        }
        "InvoiceCreated" => {
            let ev: InvoiceCreated = typed(d, &mut keys)?;
            conn.execute(
                "INSERT INTO invoices (invoice, asset, pool, supplier, buyer, invoice_number, currency, face_minor, issue_ts, \
                 due_ts, document_hash, status, created_ts, repaid_minor, collected_usdc, to_pool_usdc, recovered_usdc, \
                 written_down_usdc, updated_ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'Created', ?, 0, 0, 0, 0, 0, ?)",
                &[
                    key(&ev.invoice),
                    key(&ev.asset),
                    key(&ev.pool),
                    key(&ev.supplier),
                    key(&ev.buyer),
                    ev.invoice_number.clone().into(),
                    currency(&ev.currency).into(),
                    amount(ev.face_minor)?,
                    ev.issue_ts.into(),
                    ev.due_ts.into(),
                    hex::encode(ev.document_hash).into(),
                    bt.into(),
                    bt.into(),
                ],
            )?;
        }
        "InvoiceAcknowledged" => {
            let ev: InvoiceAcknowledged = typed(d, &mut keys)?;
            invoice_update(
                conn,
                &ev.invoice,
                "status = 'Acknowledged', acknowledged_ts = ?, updated_ts = ?",
                vec![ev.ts.into(), ev.ts.into()],
            )?;
        }
        "InvoiceDisputed" => {
            let ev: InvoiceDisputed = typed(d, &mut keys)?;
            invoice_update(
                conn,
                &ev.invoice,
                "status = 'Disputed', disputed_ts = ?, updated_ts = ?",
                vec![ev.ts.into(), ev.ts.into()],
            )?;
        }
        "InvoiceAttested" => {
            let ev: InvoiceAttested = typed(d, &mut keys)?;
            invoice_update(
                conn,
                &ev.invoice,
                "status = 'Verified', verifier = ?, credit_score = ?, risk_grade = ?, attested_ts = ?, updated_ts = ?",
                vec![
                    key(&ev.verifier),
                    i64::from(ev.credit_score).into(),
                    i64::from(ev.risk_grade).into(),
                    ev.ts.into(),
                    ev.ts.into(),
                ],
            )?;
        }
        "InvoiceCancelled" => {
            let ev: InvoiceCancelled = typed(d, &mut keys)?;
            invoice_update(
                conn,
                &ev.invoice,
                "closed = 'cancelled', closed_ts = ?, updated_ts = ?",
                vec![ev.ts.into(), ev.ts.into()],
            )?;
        }
        "InvoiceFinanced" => {
            let ev: InvoiceFinanced = typed(d, &mut keys)?;
            open_invoices(conn, &ev.pool, 1)?;
            invoice_update(
                conn,
                &ev.invoice,
                "status = 'Financed', financed_ts = ?, risk_grade = ?, face_usdc = ?, advance_usdc = ?, discount_usdc = ?, \
                 protocol_fee_usdc = ?, manager_fee_usdc = ?, reserve_usdc = ?, fx_rate_scaled = ?, overdue_ts = ?, \
                 late_after_ts = ?, writeoff_ts = ?, updated_ts = ?",
                vec![
                    ev.ts.into(),
                    i64::from(ev.risk_grade).into(),
                    amount(ev.face_usdc)?,
                    amount(ev.advance_usdc)?,
                    amount(ev.discount_usdc)?,
                    amount(ev.protocol_fee_usdc)?,
                    amount(ev.manager_fee_usdc)?,
                    amount(ev.reserve_usdc)?,
                    ev.fx_rate_scaled.to_string().into(),
                    ev.overdue_ts.into(),
                    ev.late_after_ts.into(),
                    ev.writeoff_ts.into(),
                    ev.ts.into(),
                ],
            )?;
            snapshot(conn, &ev.pool.to_string(), at, &e.name, &ev.snapshot, ev.ts)?;
        }
        "InvoicePaid" => {
            let ev: InvoicePaid = typed(d, &mut keys)?;
            written_down(conn, &ev.invoice, ev.written_down_usdc)?;
            let recovered = if ev.recovery { ev.amount_usdc } else { 0 };
            let status = if ev.fully_repaid {
                "'Repaid'"
            } else {
                "CASE WHEN status IN ('Financed', 'PartiallyRepaid') THEN 'PartiallyRepaid' ELSE status END"
            };
            let mut params = vec![
                amount(ev.outstanding_minor)?,
                amount(ev.amount_usdc)?,
                amount(ev.to_pool_usdc)?,
                amount(recovered)?,
                amount(ev.written_down_usdc)?,
                ev.ts.into(),
            ];
            let repaid_ts = if ev.fully_repaid {
                params.push(ev.ts.into());
                ", repaid_ts = ?"
            } else {
                ""
            };
            invoice_update(
                conn,
                &ev.invoice,
                &format!(
                    "status = {status}, repaid_minor = face_minor - ?, collected_usdc = collected_usdc + ?, \
                     to_pool_usdc = to_pool_usdc + ?, recovered_usdc = recovered_usdc + ?, written_down_usdc = ?, \
                     updated_ts = ?{repaid_ts}"
                ),
                params,
            )?;
            snapshot(conn, &ev.pool.to_string(), at, &e.name, &ev.snapshot, ev.ts)?;
        }
        "InvoiceMatured" => {
            let ev: InvoiceMatured = typed(d, &mut keys)?;
            written_down(conn, &ev.invoice, ev.written_down_usdc)?;
            invoice_update(
                conn,
                &ev.invoice,
                "book_usdc = ?, written_down_usdc = ?, updated_ts = ?",
                vec![amount(ev.book_usdc)?, amount(ev.written_down_usdc)?, ev.ts.into()],
            )?;
            snapshot(conn, &ev.pool.to_string(), at, &e.name, &ev.snapshot, ev.ts)?;
        }
        "InvoiceMarkedLate" => {
            let ev: InvoiceMarkedLate = typed(d, &mut keys)?;
            written_down(conn, &ev.invoice, ev.written_down_usdc)?;
            invoice_update(
                conn,
                &ev.invoice,
                "status = 'Late', late_ts = ?, book_usdc = ?, written_down_usdc = ?, updated_ts = ?",
                vec![ev.ts.into(), amount(ev.book_usdc)?, amount(ev.written_down_usdc)?, ev.ts.into()],
            )?;
            let pool = invoice_pool(conn, &ev.invoice.to_string())?;
            snapshot(conn, &pool, at, &e.name, &ev.snapshot, ev.ts)?;
            keys.pool = Some(pool);
        }
        "InvoiceWrittenDown" => {
            let ev: InvoiceWrittenDown = typed(d, &mut keys)?;
            written_down(conn, &ev.invoice, ev.written_down_usdc)?;
            let mut params = vec![amount(ev.book_usdc)?, amount(ev.written_down_usdc)?, ev.ts.into()];
            let status = if ev.defaulted {
                params.push(ev.ts.into());
                ", status = 'Defaulted', defaulted_ts = ?"
            } else {
                ""
            };
            invoice_update(
                conn,
                &ev.invoice,
                &format!("book_usdc = ?, written_down_usdc = ?, updated_ts = ?{status}"),
                params,
            )?;
            let pool = invoice_pool(conn, &ev.invoice.to_string())?;
            snapshot(conn, &pool, at, &e.name, &ev.snapshot, ev.ts)?;
            keys.pool = Some(pool);
        }
        "InvoiceSettled" => {
            let ev: InvoiceSettled = typed(d, &mut keys)?;
            open_invoices(conn, &ev.pool, -1)?;
            invoice_update(
                conn,
                &ev.invoice,
                "closed = 'settled', closed_ts = ?, updated_ts = ?",
                vec![ev.ts.into(), ev.ts.into()],
            )?;
        }
        "InvoiceClosedDefaulted" => {
            let ev: InvoiceClosedDefaulted = typed(d, &mut keys)?;
            open_invoices(conn, &ev.pool, -1)?;
            invoice_update(
                conn,
                &ev.invoice,
                "closed = 'closed_defaulted', closed_ts = ?, claim_unpaid_usdc = ?, updated_ts = ?",
                vec![ev.ts.into(), amount(ev.claim_unpaid_usdc)?, ev.ts.into()],
            )?;
            snapshot(conn, &ev.pool.to_string(), at, &e.name, &ev.snapshot, ev.ts)?;
        }
        "PoolVerifierAdded" | "PoolVerifierRemoved" => {
            let (pool, verifier, active) = if e.name == "PoolVerifierAdded" {
                let ev: PoolVerifierAdded = typed(d, &mut keys)?;
                (ev.pool, ev.verifier, true)
            } else {
                let ev: PoolVerifierRemoved = typed(d, &mut keys)?;
                (ev.pool, ev.verifier, false)
            };
            conn.execute(
                "INSERT INTO pool_verifiers (pool, verifier, active, updated_seq) VALUES (?, ?, ?, ?) \
                 ON CONFLICT (pool, verifier) DO UPDATE SET active = excluded.active, updated_seq = excluded.updated_seq",
                &[key(&pool), key(&verifier), active.into(), at.tx_seq.into()],
            )?;
        }
        // Every other event (protocol, identities, issuers, verifiers,
        // currencies, risk-change notices, thaw/freeze, queue skips, burns)
        // is kept in `events` only.
        _ => {}
    }
    Ok(keys)
}

//! Pre-aggregated tables, maintained per event inside the batch's database
//! transaction (schema v4), so that the dashboard queries read a few rows
//! instead of scanning a pool's invoices or snapshots:
//!
//! - `pool_exposure` (pool, dimension = buyer | supplier | currency, key):
//!   count, face and outstanding USDC of the pool's outstanding invoices;
//! - `pool_ageing` (pool, due_ts, defaulted): the same by exact due time —
//!   the API puts each row in its days-past-due bucket at query time
//!   (`api::ageing_bucket`), since buckets move with `now`;
//! - `pool_buyer_health` (pool, buyer): financed, repaid, on time, seconds
//!   late, defaulted, defaulted face, recovered on defaulted;
//! - `pool_history` (pool, resolution, bucket): the last snapshot of each
//!   1 h and 1 d bucket ([`HISTORY_RESOLUTIONS`]).
//!
//! Every change to an invoice row goes through [`invoice_changed`]: the
//! invoice's share of the tables before and after the change is computed with
//! the rules the API reads with ([`OUTSTANDING`], [`outstanding_usdc`]) and the
//! difference applied. Like every derived table they are a function of the
//! events in order: a rebuild gives identical rows (`--digest`).

use crate::db::{Conn, Row, Value};
use anyhow::Context as _;

/// Statuses of financed invoices still owed money.
pub const OUTSTANDING: [&str; 4] = ["Financed", "PartiallyRepaid", "Late", "Defaulted"];

/// Face value outstanding in micro-USDC at the financing rate: `face_usdc ×
/// (face − repaid) / face`, rounded down.
pub fn outstanding_usdc(face_usdc: u64, face_minor: u64, repaid_minor: u64) -> u64 {
    if face_minor == 0 {
        return 0;
    }
    let left = face_minor.saturating_sub(repaid_minor);
    (u128::from(face_usdc) * u128::from(left) / u128::from(face_minor)) as u64
}

/// Resolutions (seconds) whose history buckets are kept at ingest.
pub const HISTORY_RESOLUTIONS: [i64; 2] = [3_600, 86_400];

/// Columns of the 8 snapshot values, in `pool_snapshots` order.
pub const SNAPSHOT_VALUES: &str =
    "nav_usdc, cash_usdc, senior_value_usdc, junior_value_usdc, senior_supply, \
     junior_supply, senior_price, junior_price";

/// An outstanding invoice's share of `pool_exposure` and `pool_ageing`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Outstanding {
    buyer: String,
    supplier: String,
    currency: String,
    due_ts: i64,
    defaulted: bool,
    face_usdc: i64,
    outstanding_usdc: i64,
}

/// A financed invoice's share of `pool_buyer_health`: financed, repaid, on
/// time, seconds late, defaulted, defaulted face, recovered on defaulted.
type Health = [i64; 7];

/// An invoice's share of the tables.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Share {
    pool: String,
    outstanding: Option<Outstanding>,
    health: Option<(String, Health)>,
}

const SHARE_SQL: &str = "SELECT pool, buyer, supplier, currency, status, closed, due_ts, face_usdc, face_minor, \
     repaid_minor, financed_ts, repaid_ts, late_after_ts, recovered_usdc, defaulted_ts FROM invoices WHERE invoice = ?";

fn share_of(r: &Row) -> anyhow::Result<Share> {
    let status = r[4].text()?;
    let due_ts = r[6].int()?;
    let face_usdc = r[7].opt_int()?.unwrap_or(0).max(0);
    let outstanding = (r[5].opt_text()?.is_none() && OUTSTANDING.contains(&status.as_str()))
        .then(|| -> anyhow::Result<Outstanding> {
            let out = outstanding_usdc(face_usdc as u64, r[8].u64()?, r[9].u64()?);
            Ok(Outstanding {
                buyer: r[1].text()?,
                supplier: r[2].text()?,
                currency: r[3].text()?,
                due_ts,
                defaulted: status == "Defaulted",
                face_usdc,
                outstanding_usdc: i64::try_from(out)?,
            })
        })
        .transpose()?;
    let health = match r[10].opt_int()? {
        None => None,
        Some(_) => {
            let repaid_ts = r[11].opt_int()?;
            let recovered = r[13].int()?;
            let defaulted = r[14].opt_int()?.is_some();
            let late_after_ts = r[12].opt_int()?;
            let on_time = repaid_ts.is_some_and(|t| t <= late_after_ts.unwrap_or(t)) && recovered == 0;
            let late_secs = repaid_ts.map_or(0, |t| (t - due_ts).max(0));
            Some((
                r[1].text()?,
                [
                    1,
                    i64::from(repaid_ts.is_some()),
                    i64::from(on_time),
                    late_secs,
                    i64::from(defaulted),
                    if defaulted { face_usdc } else { 0 },
                    if defaulted { recovered } else { 0 },
                ],
            ))
        }
    };
    Ok(Share { pool: r[0].text()?, outstanding, health })
}

/// The current share of `invoice` (`None` if the row does not exist).
pub fn share(conn: &mut Conn, invoice: &str) -> anyhow::Result<Option<Share>> {
    conn.query(SHARE_SQL, &[invoice.into()])?.first().map(share_of).transpose()
}

fn add_outstanding(conn: &mut Conn, pool: &str, o: &Outstanding, sign: i64) -> anyhow::Result<()> {
    for (dimension, key) in [("buyer", &o.buyer), ("supplier", &o.supplier), ("currency", &o.currency)] {
        conn.execute(
            "INSERT INTO pool_exposure (pool, dimension, key, count, face_usdc, outstanding_usdc) \
             VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (pool, dimension, key) DO UPDATE SET \
             count = pool_exposure.count + excluded.count, \
             face_usdc = pool_exposure.face_usdc + excluded.face_usdc, \
             outstanding_usdc = pool_exposure.outstanding_usdc + excluded.outstanding_usdc",
            &[
                pool.into(),
                dimension.into(),
                key.as_str().into(),
                sign.into(),
                (sign * o.face_usdc).into(),
                (sign * o.outstanding_usdc).into(),
            ],
        )?;
        if sign < 0 {
            conn.execute(
                "DELETE FROM pool_exposure WHERE pool = ? AND dimension = ? AND key = ? AND count = 0",
                &[pool.into(), dimension.into(), key.as_str().into()],
            )?;
        }
    }
    let defaulted = i64::from(o.defaulted);
    conn.execute(
        "INSERT INTO pool_ageing (pool, due_ts, defaulted, count, outstanding_usdc) VALUES (?, ?, ?, ?, ?) \
         ON CONFLICT (pool, due_ts, defaulted) DO UPDATE SET count = pool_ageing.count + excluded.count, \
         outstanding_usdc = pool_ageing.outstanding_usdc + excluded.outstanding_usdc",
        &[pool.into(), o.due_ts.into(), defaulted.into(), sign.into(), (sign * o.outstanding_usdc).into()],
    )?;
    if sign < 0 {
        conn.execute(
            "DELETE FROM pool_ageing WHERE pool = ? AND due_ts = ? AND defaulted = ? AND count = 0",
            &[pool.into(), o.due_ts.into(), defaulted.into()],
        )?;
    }
    Ok(())
}

fn add_health(conn: &mut Conn, pool: &str, buyer: &str, h: &Health, sign: i64) -> anyhow::Result<()> {
    let mut params: Vec<Value> = vec![pool.into(), buyer.into()];
    params.extend(h.iter().map(|v| Value::from(sign * v)));
    conn.execute(
        "INSERT INTO pool_buyer_health (pool, buyer, financed, repaid, on_time, late_secs, defaulted, \
         defaulted_face_usdc, recovered_usdc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (pool, buyer) DO UPDATE SET financed = pool_buyer_health.financed + excluded.financed, \
         repaid = pool_buyer_health.repaid + excluded.repaid, \
         on_time = pool_buyer_health.on_time + excluded.on_time, \
         late_secs = pool_buyer_health.late_secs + excluded.late_secs, \
         defaulted = pool_buyer_health.defaulted + excluded.defaulted, \
         defaulted_face_usdc = pool_buyer_health.defaulted_face_usdc + excluded.defaulted_face_usdc, \
         recovered_usdc = pool_buyer_health.recovered_usdc + excluded.recovered_usdc",
        &params,
    )?;
    if sign < 0 {
        conn.execute(
            "DELETE FROM pool_buyer_health WHERE pool = ? AND buyer = ? AND financed = 0",
            &[pool.into(), buyer.into()],
        )?;
    }
    Ok(())
}

/// Applies the change of an invoice's share from `before` to `after` (the
/// new share first, then the old one taken away).
pub fn invoice_changed(conn: &mut Conn, before: &Share, after: &Share) -> anyhow::Result<()> {
    if before.outstanding != after.outstanding || before.pool != after.pool {
        if let Some(o) = &after.outstanding {
            add_outstanding(conn, &after.pool, o, 1).context("pool_exposure / pool_ageing")?;
        }
        if let Some(o) = &before.outstanding {
            add_outstanding(conn, &before.pool, o, -1).context("pool_exposure / pool_ageing")?;
        }
    }
    if before.health != after.health || before.pool != after.pool {
        if let Some((buyer, h)) = &after.health {
            add_health(conn, &after.pool, buyer, h, 1).context("pool_buyer_health")?;
        }
        if let Some((buyer, h)) = &before.health {
            add_health(conn, &before.pool, buyer, h, -1).context("pool_buyer_health")?;
        }
    }
    Ok(())
}

/// Keeps the last snapshot (by time, then order) of each history bucket.
pub fn snapshot_added(
    conn: &mut Conn,
    pool: &str,
    tx_seq: i64,
    idx: i64,
    ts: i64,
    values: &[Value],
) -> anyhow::Result<()> {
    for res in HISTORY_RESOLUTIONS {
        let mut p: Vec<Value> = vec![
            pool.into(),
            res.into(),
            (ts.div_euclid(res) * res).into(),
            ts.into(),
            tx_seq.into(),
            idx.into(),
        ];
        p.extend(values.iter().cloned());
        conn.execute(
            &format!(
                "INSERT INTO pool_history (pool, resolution_secs, bucket_ts, ts, tx_seq, idx, {SNAPSHOT_VALUES}) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
                 ON CONFLICT (pool, resolution_secs, bucket_ts) DO UPDATE SET ts = excluded.ts, \
                 tx_seq = excluded.tx_seq, idx = excluded.idx, nav_usdc = excluded.nav_usdc, \
                 cash_usdc = excluded.cash_usdc, senior_value_usdc = excluded.senior_value_usdc, \
                 junior_value_usdc = excluded.junior_value_usdc, senior_supply = excluded.senior_supply, \
                 junior_supply = excluded.junior_supply, senior_price = excluded.senior_price, \
                 junior_price = excluded.junior_price WHERE excluded.ts >= pool_history.ts"
            ),
            &p,
        )
        .context("pool_history")?;
    }
    Ok(())
}

/// Schema v4: the tables above.
pub const MIGRATION_SQL: &str = r#"
CREATE TABLE pool_exposure (
    pool TEXT NOT NULL,
    dimension TEXT NOT NULL,
    key TEXT NOT NULL,
    count BIGINT NOT NULL,
    face_usdc BIGINT NOT NULL,
    outstanding_usdc BIGINT NOT NULL,
    PRIMARY KEY (pool, dimension, key)
);
CREATE TABLE pool_ageing (
    pool TEXT NOT NULL,
    due_ts BIGINT NOT NULL,
    defaulted BIGINT NOT NULL,
    count BIGINT NOT NULL,
    outstanding_usdc BIGINT NOT NULL,
    PRIMARY KEY (pool, due_ts, defaulted)
);
CREATE TABLE pool_buyer_health (
    pool TEXT NOT NULL,
    buyer TEXT NOT NULL,
    financed BIGINT NOT NULL,
    repaid BIGINT NOT NULL,
    on_time BIGINT NOT NULL,
    late_secs BIGINT NOT NULL,
    defaulted BIGINT NOT NULL,
    defaulted_face_usdc BIGINT NOT NULL,
    recovered_usdc BIGINT NOT NULL,
    PRIMARY KEY (pool, buyer)
);
CREATE TABLE pool_history (
    pool TEXT NOT NULL,
    resolution_secs BIGINT NOT NULL,
    bucket_ts BIGINT NOT NULL,
    ts BIGINT NOT NULL,
    tx_seq BIGINT NOT NULL,
    idx BIGINT NOT NULL,
    nav_usdc BIGINT NOT NULL,
    cash_usdc BIGINT NOT NULL,
    senior_value_usdc BIGINT NOT NULL,
    junior_value_usdc BIGINT NOT NULL,
    senior_supply BIGINT NOT NULL,
    junior_supply BIGINT NOT NULL,
    senior_price BIGINT NOT NULL,
    junior_price BIGINT NOT NULL,
    PRIMARY KEY (pool, resolution_secs, bucket_ts)
);
"#;

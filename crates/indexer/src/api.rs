//! The HTTP API (axum, JSON) over the indexer's database, and its OpenAPI
//! document (`GET /openapi.json`).
//!
//! Amounts are integer micro-USDC (`_usdc`) or invoice minor units
//! (`_minor`), JSON numbers; prices are micro-USDC per whole share; rates
//! are basis points (`_bps`); times are Unix seconds (`_ts`).

use crate::aggregates::{outstanding_usdc, HISTORY_RESOLUTIONS, OUTSTANDING};
use crate::db::{Conn, Pool, Row, Value};
use crate::origination::{self, Origination};
use crate::schema;
use axum::extract::{DefaultBodyLimit, FromRef, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Map, Value as JsonValue};
use std::collections::{BTreeMap, HashMap};

const DAY_SECS: i64 = 86_400;
const YEAR_SECS: i64 = 365 * DAY_SECS;
const MAX_PAGE: i64 = 500;

/// An API error: status and a specific message (`{"error": …}`).
#[derive(Debug)]
pub struct ApiError(StatusCode, String);

impl ApiError {
    fn bad(msg: impl Into<String>) -> Self {
        ApiError(StatusCode::BAD_REQUEST, msg.into())
    }
    fn not_found(msg: impl Into<String>) -> Self {
        ApiError(StatusCode::NOT_FOUND, msg.into())
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(e: anyhow::Error) -> Self {
        ApiError(StatusCode::INTERNAL_SERVER_ERROR, format!("{e:#}"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0, Json(json!({ "error": self.1 }))).into_response()
    }
}

type ApiResult = Result<Json<JsonValue>, ApiError>;
type Params = Query<HashMap<String, String>>;

/// The router (state: the database pool).
pub fn router(state: Origination) -> Router {
    Router::new()
        .route("/auth/nonce", post(origination::nonce))
        .route(
            "/documents",
            post(origination::upload).layer(DefaultBodyLimit::max(origination::MAX_DOCUMENT_BYTES + 1024)),
        )
        .route("/documents/{sha256}", get(origination::document))
        .route("/metadata/{file}", get(origination::metadata))
        .route("/openapi.json", get(openapi))
        .route("/status", get(status))
        .route("/pools", get(pools))
        .route("/pools/{pool}", get(pool))
        .route("/pools/{pool}/history", get(history))
        .route("/pools/{pool}/apy", get(apy))
        .route("/pools/{pool}/exposure", get(exposure))
        .route("/pools/{pool}/ageing", get(ageing))
        .route("/pools/{pool}/repayment-health", get(repayment_health))
        .route("/pools/{pool}/positions", get(pool_positions))
        .route("/pools/{pool}/withdrawals", get(withdrawals))
        .route("/invoices", get(invoices))
        .route("/invoices/{invoice}", get(invoice))
        .route("/invoices/{invoice}/timeline", get(timeline))
        .route("/investors/{investor}/positions", get(investor_positions))
        .route("/investors/{investor}/history", get(investor_history))
        .route("/events", get(events))
        .with_state(state)
        .layer(axum::middleware::from_fn(cors))
}

/// CORS for browser apps served from another origin (the web app, `app/`):
/// any origin, the API's methods and the request headers it reads
/// (`Authorization`, `Content-Type`); a preflight (`OPTIONS`) is answered
/// here with 204.
async fn cors(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    use axum::http::{header, HeaderValue, Method};
    let mut res = if req.method() == Method::OPTIONS {
        StatusCode::NO_CONTENT.into_response()
    } else {
        next.run(req).await
    };
    let h = res.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("GET, HEAD, POST, OPTIONS"));
    h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("Authorization, Content-Type"));
    h.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
    res
}

impl FromRef<Origination> for Pool {
    fn from_ref(o: &Origination) -> Pool {
        o.db.clone()
    }
}

/// Serves the API on `listener` until `stop` turns true.
pub async fn serve(
    listener: tokio::net::TcpListener,
    db: Origination,
    mut stop: tokio::sync::watch::Receiver<bool>,
) -> anyhow::Result<()> {
    axum::serve(listener, router(db))
        .with_graceful_shutdown(async move {
            while !*stop.borrow() {
                if stop.changed().await.is_err() {
                    break;
                }
            }
        })
        .await?;
    Ok(())
}

// ---------------------------------------------------------------- helpers

fn now_ts() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

fn to_json(v: &Value) -> JsonValue {
    match v {
        Value::Int(Some(i)) => json!(i),
        Value::Text(Some(s)) => json!(s),
        Value::Int(None) | Value::Text(None) => JsonValue::Null,
    }
}

fn object(columns: &[&str], row: &Row) -> Map<String, JsonValue> {
    columns.iter().zip(row).map(|(c, v)| (c.to_string(), to_json(v))).collect()
}

fn param_i64(q: &HashMap<String, String>, name: &str) -> Result<Option<i64>, ApiError> {
    q.get(name)
        .map(|v| v.parse::<i64>().map_err(|_| ApiError::bad(format!("{name} must be an integer, got {v:?}"))))
        .transpose()
}

fn page(q: &HashMap<String, String>) -> Result<(i64, i64), ApiError> {
    let limit = param_i64(q, "limit")?.unwrap_or(50);
    let offset = param_i64(q, "offset")?.unwrap_or(0);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(ApiError::bad(format!("limit must be between 1 and {MAX_PAGE}")));
    }
    if offset < 0 {
        return Err(ApiError::bad("offset must not be negative"));
    }
    Ok((limit, offset))
}

fn check_key(what: &str, k: &str) -> Result<(), ApiError> {
    match bs58::decode(k).into_vec() {
        Ok(b) if b.len() == 32 => Ok(()),
        _ => Err(ApiError::bad(format!("{what} {k:?} is not a base58 public key"))),
    }
}

/// Parses a resolution: seconds (`3600`) or `15m`, `1h`, `1d`, `7d`.
pub fn parse_resolution(s: &str) -> Result<i64, ApiError> {
    let (num, unit) = match s.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => (&s[..i], c),
        _ => (s, 's'),
    };
    let n: i64 =
        num.parse().map_err(|_| ApiError::bad(format!("resolution {s:?}: use seconds or 15m, 1h, 1d")))?;
    let unit_secs = match unit {
        's' => 1,
        'm' => 60,
        'h' => 3600,
        'd' => DAY_SECS,
        _ => return Err(ApiError::bad(format!("resolution {s:?}: unit must be s, m, h or d"))),
    };
    let secs = n
        .checked_mul(unit_secs)
        .filter(|v| *v > 0)
        .ok_or_else(|| ApiError::bad("resolution must be positive"))?;
    Ok(secs)
}

/// Simple (not compounded) annualised return in basis points between two
/// share prices `dt_secs` apart; `None` when undefined.
pub fn annualised_bps(p0: u64, p1: u64, dt_secs: i64) -> Option<i64> {
    if p0 == 0 || dt_secs <= 0 {
        return None;
    }
    let num = (i128::from(p1) - i128::from(p0)) * 10_000 * i128::from(YEAR_SECS);
    let den = i128::from(p0) * i128::from(dt_secs);
    i64::try_from(num / den).ok()
}

/// Ageing bucket of an outstanding invoice at `now_ts`.
pub fn ageing_bucket(status: &str, due_ts: i64, now_ts: i64) -> &'static str {
    if status == "Defaulted" {
        return "defaulted";
    }
    if now_ts <= due_ts {
        return "current";
    }
    let days = (now_ts - due_ts + DAY_SECS - 1) / DAY_SECS;
    match days {
        ..=30 => "1-30",
        31..=60 => "31-60",
        61..=90 => "61-90",
        _ => "90+",
    }
}

const BUCKETS: [&str; 6] = ["current", "1-30", "31-60", "61-90", "90+", "defaulted"];

fn ratio_bps(num: u128, den: u128) -> Option<u64> {
    (den > 0).then(|| (num * 10_000 / den) as u64)
}

// ------------------------------------------------------------------ pools

const POOL_COLUMNS: &[&str] = &[
    "pool",
    "pool_id",
    "manager",
    "usdc_mint",
    "vault",
    "senior_mint",
    "junior_mint",
    "created_ts",
    "paused",
    "params_json",
    "policy_json",
    "nav_usdc",
    "cash_usdc",
    "senior_value_usdc",
    "junior_value_usdc",
    "senior_supply",
    "junior_supply",
    "senior_price",
    "junior_price",
    "snapshot_ts",
    "protocol_fees_collected_usdc",
    "manager_fees_collected_usdc",
    // Maintained at ingest: financed invoices not yet settled (or closed
    // after default), as the ledger's `open_invoices`; write-downs net of
    // write-backs and recoveries, as its `total_written_down_usdc`.
    "open_invoices",
    "total_written_down_usdc",
];

fn pool_json(row: &Row) -> anyhow::Result<JsonValue> {
    let mut m = object(POOL_COLUMNS, row);
    for (col, name) in [("params_json", "params"), ("policy_json", "policy")] {
        let text = m.remove(col).and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        m.insert(name.into(), serde_json::from_str(&text)?);
    }
    let paused = m.get("paused").and_then(JsonValue::as_i64) == Some(1);
    m.insert("paused".into(), json!(paused));
    let nav = row[11].u64()?;
    let cash = row[12].u64()?;
    m.insert("receivables_usdc".into(), json!(nav.saturating_sub(cash)));
    Ok(JsonValue::Object(m))
}

fn load_pools(c: &mut Conn, pool: Option<&str>) -> anyhow::Result<Vec<JsonValue>> {
    let sql = format!("SELECT {} FROM pools", POOL_COLUMNS.join(", "));
    let rows = match pool {
        Some(p) => c.query(&format!("{sql} WHERE pool = ?"), &[p.into()])?,
        None => c.query(&format!("{sql} ORDER BY pool_id, pool"), &[])?,
    };
    let mut out = Vec::new();
    for r in &rows {
        let p = pool_json(r)?;
        out.push(p);
    }
    Ok(out)
}

async fn pools(State(db): State<Pool>) -> ApiResult {
    let list = db.run(|c| load_pools(c, None)).await?;
    Ok(Json(json!({ "pools": list })))
}

async fn require_pool(db: &Pool, pool: &str) -> Result<JsonValue, ApiError> {
    check_key("pool", pool)?;
    let p = pool.to_string();
    db.run(move |c| load_pools(c, Some(&p)))
        .await?
        .pop()
        .ok_or_else(|| ApiError::not_found(format!("pool {pool} is not indexed")))
}

async fn pool(State(db): State<Pool>, Path(pool): Path<String>) -> ApiResult {
    Ok(Json(require_pool(&db, &pool).await?))
}

const SNAPSHOT_COLUMNS: &[&str] = &[
    "ts",
    "nav_usdc",
    "cash_usdc",
    "senior_value_usdc",
    "junior_value_usdc",
    "senior_supply",
    "junior_supply",
    "senior_price",
    "junior_price",
];

/// The last snapshot of each `res` bucket among those with `from <= ts <=
/// to`, from `pool_history` (kept at ingest): a bucket's kept snapshot is
/// its latest, so it answers every bucket but a last one cut by `to`, whose
/// latest snapshot up to `to` is one indexed lookup.
fn history_buckets(c: &mut Conn, pool: &str, res: i64, from: i64, to: i64) -> anyhow::Result<Vec<Row>> {
    let cols = SNAPSHOT_COLUMNS.join(", ");
    let first = from.div_euclid(res).saturating_mul(res);
    let last = to.div_euclid(res) * res;
    let mut rows = c.query(
        &format!(
            "SELECT {cols} FROM pool_history WHERE pool = ? AND resolution_secs = ? AND bucket_ts >= ? \
             AND bucket_ts <= ? AND ts >= ? ORDER BY bucket_ts"
        ),
        &[pool.into(), res.into(), first.into(), last.into(), from.into()],
    )?;
    if let Some(r) = rows.last() {
        let ts = r[0].int()?;
        if ts > to {
            let start = (ts.div_euclid(res) * res).max(from);
            let cut = c.query(
                &format!(
                    "SELECT {cols} FROM pool_snapshots WHERE pool = ? AND ts >= ? AND ts <= ? \
                     ORDER BY ts DESC, tx_seq DESC, idx DESC LIMIT 1"
                ),
                &[pool.into(), start.into(), to.into()],
            )?;
            rows.pop();
            rows.extend(cut);
        }
    }
    Ok(rows)
}

async fn history(State(db): State<Pool>, Path(pool): Path<String>, Query(q): Params) -> ApiResult {
    require_pool(&db, &pool).await?;
    let resolution =
        q.get("resolution").map(|r| if r == "raw" { Ok(0) } else { parse_resolution(r) }).transpose()?;
    let from = param_i64(&q, "from")?.unwrap_or(i64::MIN);
    let to = param_i64(&q, "to")?.unwrap_or(i64::MAX);
    if from > to {
        return Err(ApiError::bad("from must not be after to"));
    }
    let res = resolution.unwrap_or(0);
    let cols = SNAPSHOT_COLUMNS.join(", ");
    let rows = db
        .run(move |c| {
            if HISTORY_RESOLUTIONS.contains(&res) {
                // Kept at ingest: the last snapshot of each bucket.
                history_buckets(c, &pool, res, from, to)
            } else if res > 0 {
                // The database picks the last snapshot of each bucket.
                c.query(
                    &format!(
                        "SELECT {cols} FROM (SELECT {cols}, tx_seq, idx, ROW_NUMBER() OVER \
                         (PARTITION BY ts / ? ORDER BY ts DESC, tx_seq DESC, idx DESC) AS rn \
                         FROM pool_snapshots WHERE pool = ? AND ts >= ? AND ts <= ?) t \
                         WHERE rn = 1 ORDER BY ts, tx_seq, idx"
                    ),
                    &[res.into(), pool.into(), from.into(), to.into()],
                )
            } else {
                c.query(
                    &format!(
                        "SELECT {cols} FROM pool_snapshots WHERE pool = ? AND ts >= ? AND ts <= ? \
                         ORDER BY ts, tx_seq, idx"
                    ),
                    &[pool.into(), from.into(), to.into()],
                )
            }
        })
        .await?;
    // Last snapshot of each bucket (or every one for `raw`).
    let mut points: Vec<(i64, &Row)> = Vec::new();
    for r in &rows {
        let ts = r[0].int()?;
        let bucket = if res > 0 { ts.div_euclid(res) * res } else { ts };
        match points.last_mut() {
            Some(last) if res > 0 && last.0 == bucket => last.1 = r,
            _ => points.push((bucket, r)),
        }
    }
    let series: Vec<JsonValue> = points
        .iter()
        .map(|(bucket, r)| -> anyhow::Result<JsonValue> {
            let mut m = object(SNAPSHOT_COLUMNS, r);
            m.insert("bucket_ts".into(), json!(bucket));
            m.insert("receivables_usdc".into(), json!(r[1].u64()?.saturating_sub(r[2].u64()?)));
            Ok(JsonValue::Object(m))
        })
        .collect::<anyhow::Result<_>>()?;
    Ok(Json(json!({ "resolution_secs": res, "points": series })))
}

async fn apy(State(db): State<Pool>, Path(pool): Path<String>) -> ApiResult {
    require_pool(&db, &pool).await?;
    let out = db
        .run(move |c| {
            let mut out = Map::new();
            for (name, supply, price) in
                [("senior", "senior_supply", "senior_price"), ("junior", "junior_supply", "junior_price")]
            {
                // (ts, price) of one snapshot where the tranche had shares:
                // the first or last in history order, optionally at or
                // before a time.
                let mut point = |before: Option<i64>, order: &str| -> anyhow::Result<Option<(i64, u64)>> {
                    let mut params: Vec<Value> = vec![pool.as_str().into()];
                    let cond = match before {
                        Some(t) => {
                            params.push(t.into());
                            "AND ts <= ?"
                        }
                        None => "",
                    };
                    let rows = c.query(
                        &format!(
                            "SELECT ts, {price} FROM pool_snapshots WHERE pool = ? AND {supply} > 0 {cond} \
                             ORDER BY ts {order}, tx_seq {order}, idx {order} LIMIT 1"
                        ),
                        &params,
                    )?;
                    rows.first().map(|r| Ok((r[0].int()?, r[1].u64()?))).transpose()
                };
                let Some((t1, p1)) = point(None, "DESC")? else {
                    out.insert(
                        name.into(),
                        json!({ "as_of_ts": null, "price": null, "apy_7d_bps": null, "apy_30d_bps": null, "apy_inception_bps": null }),
                    );
                    continue;
                };
                let mut window = |days: i64| -> anyhow::Result<Option<i64>> {
                    Ok(point(Some(t1 - days * DAY_SECS), "DESC")?
                        .and_then(|(t0, p0)| annualised_bps(p0, p1, t1 - t0)))
                };
                let (d7, d30) = (window(7)?, window(30)?);
                let (t0, p0) = point(None, "ASC")?.unwrap_or((t1, p1));
                out.insert(
                    name.into(),
                    json!({
                        "as_of_ts": t1,
                        "price": p1,
                        "apy_7d_bps": d7,
                        "apy_30d_bps": d30,
                        "apy_inception_bps": annualised_bps(p0, p1, t1 - t0),
                        "inception_ts": t0,
                        "inception_price": p0,
                    }),
                );
            }
            Ok(out)
        })
        .await?;
    let mut out = out;
    out.insert("method".into(), json!("simple annualised change of the share price: (p1 - p0) / p0 × 365 d / (t1 - t0), in bps; p0 = last price at or before t1 - window"));
    Ok(Json(JsonValue::Object(out)))
}

// --------------------------------------------------------------- invoices

const INVOICE_COLUMNS: &[&str] = &[
    "invoice",
    "asset",
    "pool",
    "supplier",
    "buyer",
    "invoice_number",
    "currency",
    "face_minor",
    "issue_ts",
    "due_ts",
    "document_hash",
    "status",
    "closed",
    "created_ts",
    "acknowledged_ts",
    "disputed_ts",
    "attested_ts",
    "financed_ts",
    "late_ts",
    "defaulted_ts",
    "repaid_ts",
    "closed_ts",
    "verifier",
    "credit_score",
    "risk_grade",
    "face_usdc",
    "advance_usdc",
    "discount_usdc",
    "protocol_fee_usdc",
    "manager_fee_usdc",
    "reserve_usdc",
    "fx_rate_scaled",
    "overdue_ts",
    "late_after_ts",
    "writeoff_ts",
    "repaid_minor",
    "collected_usdc",
    "to_pool_usdc",
    "recovered_usdc",
    "book_usdc",
    "written_down_usdc",
    "claim_unpaid_usdc",
    "updated_ts",
];

fn col(name: &str) -> usize {
    INVOICE_COLUMNS.iter().position(|c| *c == name).expect("known invoice column")
}

/// An invoice row with its derived figures.
struct InvoiceRow {
    row: Row,
}

impl InvoiceRow {
    fn text(&self, c: &str) -> anyhow::Result<String> {
        self.row[col(c)].text()
    }
    fn int(&self, c: &str) -> anyhow::Result<Option<i64>> {
        self.row[col(c)].opt_int()
    }
    fn is_outstanding(&self) -> anyhow::Result<bool> {
        Ok(self.row[col("closed")].opt_text()?.is_none()
            && OUTSTANDING.contains(&self.text("status")?.as_str()))
    }
    fn outstanding_usdc(&self) -> anyhow::Result<u64> {
        let face_usdc = self.int("face_usdc")?.unwrap_or(0).max(0) as u64;
        Ok(outstanding_usdc(
            face_usdc,
            self.row[col("face_minor")].u64()?,
            self.row[col("repaid_minor")].u64()?,
        ))
    }
    fn json(&self, now: i64) -> anyhow::Result<JsonValue> {
        let mut m = object(INVOICE_COLUMNS, &self.row);
        let open = self.row[col("closed")].opt_text()?.is_none();
        m.insert("open".into(), json!(open));
        if self.is_outstanding()? {
            m.insert("outstanding_usdc".into(), json!(self.outstanding_usdc()?));
            let due = self.int("due_ts")?.unwrap_or(0);
            m.insert("days_past_due".into(), json!(((now - due).max(0) + DAY_SECS - 1) / DAY_SECS));
            m.insert("ageing_bucket".into(), json!(ageing_bucket(&self.text("status")?, due, now)));
        }
        Ok(JsonValue::Object(m))
    }
}

fn select_invoices(
    c: &mut Conn,
    filter: &str,
    params: &[Value],
    tail: &str,
) -> anyhow::Result<Vec<InvoiceRow>> {
    let sql = format!("SELECT {} FROM invoices {filter} {tail}", INVOICE_COLUMNS.join(", "));
    Ok(c.query(&sql, params)?.into_iter().map(|row| InvoiceRow { row }).collect())
}

async fn invoices(State(db): State<Pool>, Query(q): Params) -> ApiResult {
    let (limit, offset) = page(&q)?;
    let mut clauses: Vec<String> = Vec::new();
    let mut params: Vec<Value> = Vec::new();
    for (param, column) in [("pool", "pool"), ("buyer", "buyer"), ("supplier", "supplier")] {
        if let Some(v) = q.get(param) {
            check_key(param, v)?;
            clauses.push(format!("{column} = ?"));
            params.push(v.as_str().into());
        }
    }
    if let Some(v) = q.get("currency") {
        if v.len() != 3 || !v.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(ApiError::bad(format!("currency {v:?} is not an ISO 4217 code like EUR")));
        }
        clauses.push("currency = ?".into());
        params.push(v.as_str().into());
    }
    if let Some(v) = q.get("status") {
        let known = [
            "Created",
            "Acknowledged",
            "Disputed",
            "Verified",
            "Financed",
            "PartiallyRepaid",
            "Late",
            "Defaulted",
            "Repaid",
        ];
        let list: Vec<&str> = v.split(',').collect();
        for s in &list {
            if !known.contains(s) {
                return Err(ApiError::bad(format!("unknown status {s:?}; one of {}", known.join(", "))));
            }
        }
        clauses.push(format!("status IN ({})", vec!["?"; list.len()].join(", ")));
        params.extend(list.iter().map(|s| Value::from(*s)));
    }
    match q.get("open").map(String::as_str) {
        None => {}
        Some("true") => clauses.push("closed IS NULL".into()),
        Some("false") => clauses.push("closed IS NOT NULL".into()),
        Some(v) => return Err(ApiError::bad(format!("open must be true or false, got {v:?}"))),
    }
    let filter = if clauses.is_empty() { String::new() } else { format!("WHERE {}", clauses.join(" AND ")) };
    let now = now_ts();
    let out = db
        .run(move |c| {
            let total = c.query(&format!("SELECT COUNT(*) FROM invoices {filter}"), &params)?[0][0].int()?;
            let mut p = params.clone();
            p.push(limit.into());
            p.push(offset.into());
            let rows = select_invoices(c, &filter, &p, "ORDER BY created_ts, invoice LIMIT ? OFFSET ?")?;
            let items = rows.iter().map(|r| r.json(now)).collect::<anyhow::Result<Vec<_>>>()?;
            Ok(json!({ "total": total, "limit": limit, "offset": offset, "items": items }))
        })
        .await?;
    Ok(Json(out))
}

async fn load_invoice(db: &Pool, invoice: &str) -> Result<JsonValue, ApiError> {
    check_key("invoice", invoice)?;
    let key = invoice.to_string();
    let now = now_ts();
    db.run(move |c| {
        select_invoices(c, "WHERE invoice = ?", &[key.into()], "")?.first().map(|r| r.json(now)).transpose()
    })
    .await?
    .ok_or_else(|| ApiError::not_found(format!("invoice {invoice} is not indexed")))
}

const EVENT_COLUMNS: &[&str] =
    &["tx_seq", "idx", "signature", "slot", "block_time", "name", "pool", "invoice", "investor"];

fn event_rows(c: &mut Conn, filter: &str, params: &[Value]) -> anyhow::Result<Vec<JsonValue>> {
    let sql = format!("SELECT {}, json FROM events {filter}", EVENT_COLUMNS.join(", "));
    c.query(&sql, params)?
        .iter()
        .map(|r| {
            let mut m = object(EVENT_COLUMNS, r);
            m.insert("data".into(), serde_json::from_str(&r[EVENT_COLUMNS.len()].text()?)?);
            Ok(JsonValue::Object(m))
        })
        .collect()
}

async fn invoice(State(db): State<Pool>, Path(invoice): Path<String>) -> ApiResult {
    let mut inv = load_invoice(&db, &invoice).await?;
    let tl =
        db.run(move |c| event_rows(c, "WHERE invoice = ? ORDER BY tx_seq, idx", &[invoice.into()])).await?;
    inv["timeline"] = json!(tl);
    Ok(Json(inv))
}

async fn timeline(State(db): State<Pool>, Path(invoice): Path<String>) -> ApiResult {
    load_invoice(&db, &invoice).await?;
    let tl =
        db.run(move |c| event_rows(c, "WHERE invoice = ? ORDER BY tx_seq, idx", &[invoice.into()])).await?;
    Ok(Json(json!({ "events": tl })))
}

async fn exposure(State(db): State<Pool>, Path(pool): Path<String>, Query(q): Params) -> ApiResult {
    require_pool(&db, &pool).await?;
    let by = q.get("by").map(String::as_str).unwrap_or("buyer");
    let column = match by {
        "buyer" | "supplier" | "currency" => by,
        other => return Err(ApiError::bad(format!("by must be buyer, supplier or currency, got {other:?}"))),
    };
    // Maintained at ingest (crate::aggregates): one row per group.
    let dimension = column.to_string();
    let rows = db
        .run(move |c| {
            c.query(
                "SELECT key, count, face_usdc, outstanding_usdc FROM pool_exposure WHERE pool = ? AND dimension = ?",
                &[pool.into(), dimension.into()],
            )
        })
        .await?;
    let mut groups: BTreeMap<String, (u64, u128, u128)> = BTreeMap::new();
    let mut total: u128 = 0;
    for r in &rows {
        let out = r[3].u64()?;
        groups.insert(r[0].text()?, (r[1].u64()?, u128::from(r[2].u64()?), u128::from(out)));
        total += u128::from(out);
    }
    let items: Vec<JsonValue> = groups
        .into_iter()
        .map(|(k, (n, face, out))| {
            json!({ column: k, "count": n, "face_usdc": face as u64, "outstanding_usdc": out as u64, "share_bps": ratio_bps(out, total) })
        })
        .collect();
    Ok(Json(json!({ "by": by, "outstanding_usdc": total as u64, "groups": items })))
}

async fn ageing(State(db): State<Pool>, Path(pool): Path<String>, Query(q): Params) -> ApiResult {
    require_pool(&db, &pool).await?;
    let now = param_i64(&q, "now_ts")?.unwrap_or_else(now_ts);
    // Maintained at ingest (crate::aggregates): outstanding invoices by
    // exact due time; the bucket depends on `now`.
    let rows = db
        .run(move |c| {
            c.query(
                "SELECT due_ts, defaulted, count, outstanding_usdc FROM pool_ageing WHERE pool = ?",
                &[pool.into()],
            )
        })
        .await?;
    let mut buckets: BTreeMap<&str, (u64, u128)> = BUCKETS.iter().map(|b| (*b, (0, 0))).collect();
    for r in &rows {
        let status = if r[1].int()? == 1 { "Defaulted" } else { "Financed" };
        let b = ageing_bucket(status, r[0].int()?, now);
        let e = buckets.get_mut(b).expect("every bucket listed");
        e.0 += r[2].u64()?;
        e.1 += u128::from(r[3].u64()?);
    }
    let items: Vec<JsonValue> = BUCKETS
        .iter()
        .map(|b| json!({ "bucket": b, "count": buckets[b].0, "outstanding_usdc": buckets[b].1 as u64 }))
        .collect();
    Ok(Json(json!({ "now_ts": now, "buckets": items })))
}

/// Repayment figures over a set of financed invoices.
#[derive(Default)]
struct Health {
    financed: u64,
    repaid: u64,
    on_time: u64,
    late_secs_total: i128,
    defaulted: u64,
    defaulted_face_usdc: u128,
    recovered_usdc: u128,
}

/// Per buyer, maintained at ingest (crate::aggregates): financed, repaid,
/// on time, seconds late, defaulted, defaulted face, recovered on defaulted.
const HEALTH_SQL: &str =
    "SELECT buyer, financed, repaid, on_time, late_secs, defaulted, defaulted_face_usdc, \
     recovered_usdc FROM pool_buyer_health WHERE pool = ?";

impl Health {
    fn from_row(r: &Row) -> anyhow::Result<Self> {
        Ok(Self {
            financed: r[1].u64()?,
            repaid: r[2].u64()?,
            on_time: r[3].u64()?,
            late_secs_total: i128::from(r[4].int()?),
            defaulted: r[5].u64()?,
            defaulted_face_usdc: u128::from(r[6].u64()?),
            recovered_usdc: u128::from(r[7].u64()?),
        })
    }
    fn add(&mut self, o: &Health) {
        self.financed += o.financed;
        self.repaid += o.repaid;
        self.on_time += o.on_time;
        self.late_secs_total += o.late_secs_total;
        self.defaulted += o.defaulted;
        self.defaulted_face_usdc += o.defaulted_face_usdc;
        self.recovered_usdc += o.recovered_usdc;
    }
    fn json(&self) -> JsonValue {
        json!({
            "financed_count": self.financed,
            "repaid_count": self.repaid,
            "on_time_count": self.on_time,
            "on_time_rate_bps": ratio_bps(self.on_time.into(), self.repaid.into()),
            "avg_days_late": (self.repaid > 0).then(|| (self.late_secs_total as f64) / (self.repaid as f64) / DAY_SECS as f64),
            "defaulted_count": self.defaulted,
            "default_rate_bps": ratio_bps(self.defaulted.into(), self.financed.into()),
            "defaulted_face_usdc": self.defaulted_face_usdc as u64,
            "recovered_usdc": self.recovered_usdc as u64,
            "recovery_rate_bps": ratio_bps(self.recovered_usdc, self.defaulted_face_usdc),
        })
    }
}

async fn repayment_health(State(db): State<Pool>, Path(pool): Path<String>) -> ApiResult {
    require_pool(&db, &pool).await?;
    let mut rows = db.run(move |c| c.query(HEALTH_SQL, &[pool.into()])).await?;
    rows.sort_by(|a, b| a[0].cmp(&b[0]));
    let mut all = Health::default();
    let mut buyers = Vec::new();
    for r in &rows {
        let h = Health::from_row(r)?;
        all.add(&h);
        let mut v = h.json();
        v["buyer"] = json!(r[0].text()?);
        buyers.push(v);
    }
    Ok(Json(json!({
        "pool": all.json(),
        "buyers": buyers,
        "definitions": {
            "on_time": "repaid in full by the late-after time (due + grace) and not as a recovery",
            "avg_days_late": "mean of max(0, repaid_ts - due_ts) over repaid invoices, in days",
            "default_rate_bps": "defaulted / financed",
            "recovery_rate_bps": "recovered USDC on defaulted invoices / their face in USDC",
        }
    })))
}

// ------------------------------------------------------ positions, queue

const POSITION_COLUMNS: &[&str] = &[
    "pool",
    "investor",
    "tranche",
    "shares",
    "shares_pending",
    "deposited_usdc",
    "withdrawn_usdc",
    "first_ts",
    "updated_ts",
];

async fn positions_where(db: &Pool, filter: &'static str, key: String) -> ApiResult {
    let rows = db
        .run(move |c| {
            c.query(
                &format!(
                    "SELECT {} FROM positions WHERE {filter} ORDER BY pool, investor, tranche",
                    POSITION_COLUMNS.join(", ")
                ),
                &[key.into()],
            )
        })
        .await?;
    let items: Vec<JsonValue> = rows.iter().map(|r| JsonValue::Object(object(POSITION_COLUMNS, r))).collect();
    Ok(Json(json!({ "positions": items })))
}

async fn investor_positions(State(db): State<Pool>, Path(investor): Path<String>) -> ApiResult {
    check_key("investor", &investor)?;
    positions_where(&db, "investor = ?", investor).await
}

async fn pool_positions(State(db): State<Pool>, Path(pool): Path<String>) -> ApiResult {
    require_pool(&db, &pool).await?;
    positions_where(&db, "pool = ?", pool).await
}

async fn investor_history(
    State(db): State<Pool>,
    Path(investor): Path<String>,
    Query(q): Params,
) -> ApiResult {
    check_key("investor", &investor)?;
    let (limit, offset) = page(&q)?;
    let ev = db
        .run(move |c| {
            event_rows(
                c,
                "WHERE investor = ? ORDER BY tx_seq, idx LIMIT ? OFFSET ?",
                &[investor.into(), limit.into(), offset.into()],
            )
        })
        .await?;
    Ok(Json(json!({ "events": ev })))
}

const WITHDRAWAL_COLUMNS: &[&str] = &[
    "pool",
    "tranche",
    "sequence",
    "request",
    "investor",
    "shares_requested",
    "shares_remaining",
    "paid_usdc",
    "owed_usdc",
    "status",
    "queued_ts",
    "updated_ts",
];

async fn withdrawals(State(db): State<Pool>, Path(pool): Path<String>, Query(q): Params) -> ApiResult {
    require_pool(&db, &pool).await?;
    let mut filter = String::from("pool = ?");
    let mut params: Vec<Value> = vec![pool.into()];
    if let Some(t) = q.get("tranche") {
        if t != "senior" && t != "junior" {
            return Err(ApiError::bad(format!("tranche must be senior or junior, got {t:?}")));
        }
        filter.push_str(" AND tranche = ?");
        params.push(t.as_str().into());
    }
    if let Some(s) = q.get("status") {
        if !["queued", "filled", "cancelled", "claimed"].contains(&s.as_str()) {
            return Err(ApiError::bad(format!(
                "status must be queued, filled, cancelled or claimed, got {s:?}"
            )));
        }
        filter.push_str(" AND status = ?");
        params.push(s.as_str().into());
    }
    let rows = db
        .run(move |c| {
            c.query(
                &format!(
                    "SELECT {} FROM withdrawals WHERE {filter} ORDER BY tranche, sequence",
                    WITHDRAWAL_COLUMNS.join(", ")
                ),
                &params,
            )
        })
        .await?;
    let items: Vec<JsonValue> =
        rows.iter().map(|r| JsonValue::Object(object(WITHDRAWAL_COLUMNS, r))).collect();
    Ok(Json(json!({ "withdrawals": items })))
}

// ------------------------------------------------------------ raw feed

async fn events(State(db): State<Pool>, Query(q): Params) -> ApiResult {
    let (limit, _) = page(&q)?;
    let after = param_i64(&q, "after_seq")?.unwrap_or(0);
    let mut filter = String::from("WHERE tx_seq > ?");
    let mut params: Vec<Value> = vec![after.into()];
    for (p, c) in [("name", "name"), ("pool", "pool"), ("invoice", "invoice"), ("investor", "investor")] {
        if let Some(v) = q.get(p) {
            filter.push_str(&format!(" AND {c} = ?"));
            params.push(v.as_str().into());
        }
    }
    params.push(limit.into());
    let ev =
        db.run(move |c| event_rows(c, &format!("{filter} ORDER BY tx_seq, idx LIMIT ?"), &params)).await?;
    Ok(Json(json!({ "events": ev })))
}

async fn status(State(db): State<Pool>) -> ApiResult {
    let v = db
        .run(|c| {
            let version = schema::current_version(c)?;
            let cur = c.query(
                "SELECT program, last_signature, last_slot, tx_count FROM cursors ORDER BY program",
                &[],
            )?;
            let events = c.query("SELECT COUNT(*) FROM events", &[])?[0][0].int()?;
            let cursors: Vec<JsonValue> = cur
                .iter()
                .map(|r| {
                    JsonValue::Object(object(&["program", "last_signature", "last_slot", "tx_count"], r))
                })
                .collect();
            Ok(json!({ "schema_version": version, "cursors": cursors, "events": events }))
        })
        .await?;
    Ok(Json(v))
}

// ---------------------------------------------------------------- OpenAPI

/// Every route (OpenAPI path syntax) with its summary and query parameters.
pub const ROUTES: &[(&str, &str, &[&str])] = &[
    ("/openapi.json", "This document", &[]),
    ("/status", "Schema version, cursor and event count", &[]),
    (
        "/pools",
        "Every pool with its latest snapshot (NAV, cash, receivables, tranche values, prices, supply)",
        &[],
    ),
    ("/pools/{pool}", "One pool", &[]),
    (
        "/pools/{pool}/history",
        "Time series of the pool's snapshots; last point per bucket",
        &["resolution", "from", "to"],
    ),
    (
        "/pools/{pool}/apy",
        "Realised APY per tranche over 7 d, 30 d and since inception, from share prices",
        &[],
    ),
    ("/pools/{pool}/exposure", "Outstanding exposure grouped by buyer, supplier or currency", &["by"]),
    ("/pools/{pool}/ageing", "Outstanding invoices by days past due (count and value)", &["now_ts"]),
    (
        "/pools/{pool}/repayment-health",
        "On-time rate, average days late, default and recovery rates, per pool and buyer",
        &[],
    ),
    ("/pools/{pool}/positions", "Investor positions in the pool", &[]),
    ("/pools/{pool}/withdrawals", "The withdrawal queue", &["tranche", "status"]),
    (
        "/invoices",
        "Invoices with filters and pagination",
        &["pool", "status", "buyer", "supplier", "currency", "open", "limit", "offset"],
    ),
    ("/invoices/{invoice}", "One invoice with its timeline", &[]),
    ("/invoices/{invoice}/timeline", "One invoice's events in order", &[]),
    ("/investors/{investor}/positions", "An investor's positions", &[]),
    ("/investors/{investor}/history", "An investor's events", &["limit", "offset"]),
    ("/events", "Raw events in order", &["after_seq", "name", "pool", "invoice", "investor", "limit"]),
];

fn param_doc(name: &str) -> JsonValue {
    let (ty, desc) = match name {
        "resolution" => ("string", "bucket size: seconds or 15m, 1h, 1d; `raw` = every snapshot"),
        "from" | "to" | "now_ts" => ("integer", "Unix seconds"),
        "by" => ("string", "buyer | supplier | currency"),
        "tranche" => ("string", "senior | junior"),
        "status" => ("string", "invoice status(es), comma-separated, or queue status"),
        "open" => ("boolean", "true = not settled/cancelled/closed"),
        "limit" => ("integer", "page size, 1–500 (default 50)"),
        "offset" | "after_seq" => ("integer", "paging"),
        "currency" => ("string", "ISO 4217 code"),
        _ => ("string", "base58 public key or name"),
    };
    json!({ "name": name, "in": "query", "required": false, "description": desc, "schema": { "type": ty } })
}

/// The OpenAPI 3.0 document of this API.
pub fn openapi_document() -> JsonValue {
    let mut paths = Map::new();
    for (path, summary, query) in ROUTES {
        let mut params: Vec<JsonValue> = path
            .split('/')
            .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .map(|p| json!({ "name": p, "in": "path", "required": true, "schema": { "type": "string" }, "description": "base58 address" }))
            .collect();
        params.extend(query.iter().map(|q| param_doc(q)));
        paths.insert(
            path.to_string(),
            json!({ "get": {
                "summary": summary,
                "parameters": params,
                "responses": {
                    "200": { "description": "JSON", "content": { "application/json": { "schema": { "type": "object" } } } },
                    "400": { "description": "bad parameter", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
                    "404": { "description": "not indexed", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
                }
            } }),
        );
    }
    let auth = json!([{ "solanaSignIn": [] }]);
    let err_ref = json!({ "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } });
    paths.insert(
        "/auth/nonce".into(),
        json!({ "post": {
            "summary": "A sign-in nonce and the exact message to sign with the wallet (valid 10 minutes)",
            "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "properties": { "wallet": { "type": "string" } }, "required": ["wallet"] } } } },
            "responses": { "200": { "description": "nonce, issued_ts, expires_ts, message" }, "400": { "description": "bad wallet", "content": err_ref } }
        } }),
    );
    let pdf_params: Vec<JsonValue> = origination::PDF_FIELDS
        .iter()
        .chain(origination::PDF_OPTIONAL_FIELDS.iter())
        .map(|f| {
            let desc = match *f {
                "due_date" => "YYYY-MM-DD; required for a plain PDF, overrides an e-invoice's due date",
                "issue_date" => "YYYY-MM-DD (plain PDF)",
                "amount" => "amount due as a decimal in the currency's units, e.g. 1234.50 (plain PDF)",
                "currency" => "ISO 4217 code (plain PDF)",
                "invoice_number" => "at most 64 bytes (plain PDF)",
                _ => "optional (plain PDF)",
            };
            json!({ "name": f, "in": "query", "required": false, "description": desc, "schema": { "type": "string" } })
        })
        .collect();
    paths.insert(
        "/documents".into(),
        json!({ "post": {
            "summary": "Originate: upload a UBL 2.1 or CII e-invoice, a Factur-X / ZUGFeRD PDF, or a plain PDF with its terms as query parameters; returns the terms, the document's SHA-256 and the metadata URI for the asset",
            "security": auth,
            "parameters": pdf_params,
            "requestBody": { "required": true, "content": {
                "application/xml": { "schema": { "type": "string", "format": "binary" } },
                "application/pdf": { "schema": { "type": "string", "format": "binary" } }
            } },
            "responses": {
                "201": { "description": "stored: document_sha256, terms, metadata_uri, document_uri, metadata" },
                "200": { "description": "the same document was already stored" },
                "401": { "description": "not signed in", "content": err_ref },
                "413": { "description": "larger than 2 MiB", "content": err_ref },
                "415": { "description": "neither XML nor PDF", "content": err_ref },
                "422": { "description": "the parser's specific error, or a plain PDF's missing or invalid terms (code + message)", "content": err_ref }
            }
        } }),
    );
    paths.insert(
        "/documents/{sha256}".into(),
        json!({ "get": {
            "summary": "The document, to the invoice's supplier, buyer, pool manager and verifiers (and its uploader)",
            "security": auth,
            "parameters": [{ "name": "sha256", "in": "path", "required": true, "schema": { "type": "string" } }],
            "responses": { "200": { "description": "the file" }, "401": { "description": "not signed in", "content": err_ref }, "403": { "description": "not a party", "content": err_ref }, "404": { "description": "unknown document", "content": err_ref } }
        } }),
    );
    paths.insert(
        "/metadata/{file}".into(),
        json!({ "get": {
            "summary": "Public Core asset metadata JSON: /metadata/<sha256>.json",
            "parameters": [{ "name": "file", "in": "path", "required": true, "schema": { "type": "string" } }],
            "responses": { "200": { "description": "Metaplex-style metadata" }, "404": { "description": "unknown", "content": err_ref } }
        } }),
    );
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "Autofactor indexer API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Pools, history, invoices and positions indexed from the Autofactor program's events. Amounts are integer micro-USDC (_usdc) or minor units (_minor); rates in basis points (_bps); times in Unix seconds (_ts)."
        },
        "paths": paths,
        "components": {
            "schemas": { "Error": { "type": "object", "properties": { "error": { "type": "string" }, "code": { "type": "string" } }, "required": ["error"] } },
            "securitySchemes": { "solanaSignIn": { "type": "apiKey", "in": "header", "name": "Authorization", "description": "Solana <wallet>:<nonce>:<base58 ed25519 signature of the message from POST /auth/nonce>" } }
        }
    })
}

async fn openapi() -> Json<JsonValue> {
    Json(openapi_document())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annualised_return_is_simple_and_integer() {
        // +1% over 36.5 days = 10% a year.
        assert_eq!(annualised_bps(1_000_000, 1_010_000, YEAR_SECS / 10), Some(1_000));
        assert_eq!(annualised_bps(1_000_000, 990_000, YEAR_SECS), Some(-100));
        assert_eq!(annualised_bps(0, 5, 10), None);
        assert_eq!(annualised_bps(5, 5, 0), None);
    }

    #[test]
    fn resolutions_parse() {
        assert_eq!(parse_resolution("3600").unwrap(), 3600);
        assert_eq!(parse_resolution("15m").unwrap(), 900);
        assert_eq!(parse_resolution("1d").unwrap(), DAY_SECS);
        assert!(parse_resolution("0").is_err());
        assert!(parse_resolution("1w").is_err());
        assert!(parse_resolution("x").is_err());
    }

    #[test]
    fn ageing_buckets_follow_days_past_due() {
        let due = 1_000_000;
        assert_eq!(ageing_bucket("Financed", due, due), "current");
        assert_eq!(ageing_bucket("Financed", due, due + 1), "1-30");
        assert_eq!(ageing_bucket("Late", due, due + 30 * DAY_SECS), "1-30");
        assert_eq!(ageing_bucket("Late", due, due + 30 * DAY_SECS + 1), "31-60");
        assert_eq!(ageing_bucket("Late", due, due + 90 * DAY_SECS), "61-90");
        assert_eq!(ageing_bucket("Late", due, due + 91 * DAY_SECS), "90+");
        assert_eq!(ageing_bucket("Defaulted", due, due), "defaulted");
    }

    #[test]
    fn outstanding_is_pro_rata_of_the_face() {
        assert_eq!(outstanding_usdc(1_000, 300, 100), 666);
        assert_eq!(outstanding_usdc(1_000, 300, 300), 0);
        assert_eq!(outstanding_usdc(1_000, 0, 0), 0);
    }

    #[test]
    fn openapi_lists_every_route_with_its_path_parameters() {
        let doc = openapi_document();
        let paths = doc["paths"].as_object().unwrap();
        assert_eq!(paths.len(), ROUTES.len() + 4);
        assert!(paths["/documents"]["post"]["security"].is_array());
        let p = &paths["/pools/{pool}/history"]["get"]["parameters"];
        assert_eq!(p[0]["name"], "pool");
        assert_eq!(p[0]["in"], "path");
        assert!(p.as_array().unwrap().iter().any(|x| x["name"] == "resolution"));
    }
}

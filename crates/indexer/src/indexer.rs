//! Following the program: backfill with `getSignaturesForAddress` (pages
//! of up to 1000, newest first, down to the cursor) + `getTransaction`,
//! oldest first, in batches; each batch — its transactions, events,
//! derived rows and the new cursor — is one database transaction, so a
//! crash at any point loses or duplicates nothing (a restart re-reads from
//! the committed cursor, and a signature already stored is skipped).
//! Live: a WebSocket `logsSubscribe` (mentions the program) wakes the
//! catch-up as soon as a transaction lands; a poll every `poll_interval`
//! covers missed notifications and endpoints without WebSocket.

use crate::apply::apply_transaction;
use crate::db::{Conn, Target, Value};
use crate::rpc::{RpcClient, SignatureInfo, Transaction};
use crate::schema;
use anyhow::{anyhow, Context as _};
use futures::{SinkExt as _, StreamExt as _};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{watch, Notify};

/// How the indexer runs.
#[derive(Clone, Debug)]
pub struct IndexerConfig {
    /// JSON-RPC endpoint.
    pub rpc_url: String,
    /// WebSocket endpoint; `None` = derived from the RPC URL (port + 1 when
    /// the URL has a port, as Solana validators do); `Some("")` = polling only.
    pub ws_url: Option<String>,
    /// Program to follow.
    pub program: String,
    /// Database.
    pub db: Target,
    /// Transactions per database transaction.
    pub batch_size: usize,
    /// Parallel `getTransaction` requests.
    pub fetch_concurrency: usize,
    /// Poll interval when live.
    pub poll_interval: Duration,
    /// `confirmed` or `finalized`.
    pub commitment: String,
    /// Stop once caught up instead of following.
    pub once: bool,
    /// Pause after each committed batch (rate-limits a public RPC).
    pub batch_pause: Duration,
    /// Print a line per batch.
    pub verbose: bool,
}

impl IndexerConfig {
    pub fn new(rpc_url: &str, db: Target) -> Self {
        Self {
            rpc_url: rpc_url.to_string(),
            ws_url: None,
            program: autofactor::ID.to_string(),
            db,
            batch_size: 100,
            fetch_concurrency: 8,
            poll_interval: Duration::from_secs(5),
            commitment: "confirmed".into(),
            once: false,
            batch_pause: Duration::ZERO,
            verbose: false,
        }
    }

    /// The WebSocket URL to use, if any.
    pub fn ws(&self) -> Option<String> {
        match &self.ws_url {
            Some(u) if u.is_empty() => None,
            Some(u) => Some(u.clone()),
            None => derive_ws_url(&self.rpc_url),
        }
    }
}

/// `http://h:8899` → `ws://h:8900`; `https://h/x` → `wss://h/x`.
pub fn derive_ws_url(rpc: &str) -> Option<String> {
    let (scheme, rest) = if let Some(r) = rpc.strip_prefix("http://") {
        ("ws://", r)
    } else if let Some(r) = rpc.strip_prefix("https://") {
        ("wss://", r)
    } else {
        return None;
    };
    let (host, path) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
    let host = match host.rsplit_once(':').map(|(h, p)| (h, p.parse::<u16>())) {
        Some((h, Ok(port))) => format!("{h}:{}", port.checked_add(1)?),
        _ => host.to_string(),
    };
    Some(if path.is_empty() { format!("{scheme}{host}") } else { format!("{scheme}{host}/{path}") })
}

/// Opens the database and migrates it.
pub fn open(target: &Target) -> anyhow::Result<Conn> {
    let mut conn = target.connect()?;
    schema::migrate(&mut conn)?;
    Ok(conn)
}

/// The committed cursor: last signature and number of transactions stored.
pub fn cursor(conn: &mut Conn, program: &str) -> anyhow::Result<(Option<String>, i64)> {
    let rows =
        conn.query("SELECT last_signature, tx_count FROM cursors WHERE program = ?", &[program.into()])?;
    match rows.first() {
        Some(r) => Ok((r[0].opt_text()?, r[1].int()?)),
        None => Ok((None, 0)),
    }
}

/// Stores a batch (oldest first) in one database transaction: skips
/// signatures already stored, assigns sequence numbers, applies events,
/// moves the cursor to the batch's last signature. Returns the number of
/// new transactions.
pub fn store_batch(conn: &mut Conn, program: &str, batch: &[Transaction]) -> anyhow::Result<usize> {
    conn.transaction(|c| store_batch_in(c, program, batch))
}

/// [`store_batch`] without the surrounding transaction (the caller owns it).
pub fn store_batch_in(c: &mut Conn, program: &str, batch: &[Transaction]) -> anyhow::Result<usize> {
    let (_, mut count) = cursor(c, program)?;
    let mut added = 0;
    for tx in batch {
        let seen =
            c.query("SELECT seq FROM transactions WHERE signature = ?", &[tx.signature.as_str().into()])?;
        if !seen.is_empty() {
            continue;
        }
        count += 1;
        apply_transaction(c, count, tx)?;
        added += 1;
    }
    if let Some(last) = batch.last() {
        c.execute(
            "INSERT INTO cursors (program, last_signature, last_slot, tx_count) VALUES (?, ?, ?, ?) \
             ON CONFLICT (program) DO UPDATE SET last_signature = excluded.last_signature, \
             last_slot = excluded.last_slot, tx_count = excluded.tx_count",
            &[
                program.into(),
                last.signature.as_str().into(),
                Value::from(i64::try_from(last.slot)?),
                count.into(),
            ],
        )?;
    }
    Ok(added)
}

/// A shared connection used from blocking threads.
type Shared = Arc<Mutex<Conn>>;

async fn blocking<T: Send + 'static>(
    conn: &Shared,
    f: impl FnOnce(&mut Conn) -> anyhow::Result<T> + Send + 'static,
) -> anyhow::Result<T> {
    let conn = conn.clone();
    tokio::task::spawn_blocking(move || {
        let mut c = conn.lock().map_err(|_| anyhow!("database connection poisoned"))?;
        f(&mut c)
    })
    .await
    .context("database task panicked")?
}

/// Signatures newer than `until`, oldest first.
async fn new_signatures(
    rpc: &RpcClient,
    program: &str,
    until: Option<&str>,
) -> anyhow::Result<Vec<SignatureInfo>> {
    const PAGE: usize = 1000;
    let mut all = Vec::new();
    let mut before: Option<String> = None;
    loop {
        let page = rpc.signatures(program, before.as_deref(), until, PAGE).await?;
        let n = page.len();
        before = page.last().map(|s| s.signature.clone());
        all.extend(page);
        if n < PAGE {
            break;
        }
    }
    all.reverse();
    Ok(all)
}

/// Progress report of one catch-up.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub transactions: usize,
    pub batches: usize,
}

/// Fetches and stores everything newer than the cursor.
pub async fn catch_up(cfg: &IndexerConfig, rpc: &RpcClient, conn: &Shared) -> anyhow::Result<Progress> {
    let program = cfg.program.clone();
    let (last, _) = blocking(conn, move |c| cursor(c, &program)).await?;
    let sigs = new_signatures(rpc, &cfg.program, last.as_deref()).await?;
    let mut progress = Progress::default();
    for chunk in sigs.chunks(cfg.batch_size.max(1)) {
        let fetched: Vec<anyhow::Result<Transaction>> = futures::stream::iter(chunk.to_vec())
            .map(|s| {
                let rpc = rpc.clone();
                async move {
                    if s.failed {
                        // A failed transaction emitted nothing; keep its place.
                        return Ok(Transaction {
                            signature: s.signature.clone(),
                            slot: s.slot,
                            block_time: None,
                            failed: true,
                            inner_instructions: Vec::new(),
                        });
                    }
                    rpc.transaction(&s.signature).await
                }
            })
            .buffered(cfg.fetch_concurrency.max(1))
            .collect()
            .await;
        let batch = fetched.into_iter().collect::<anyhow::Result<Vec<_>>>()?;
        let program = cfg.program.clone();
        let added = blocking(conn, move |c| store_batch(c, &program, &batch)).await?;
        progress.transactions += added;
        progress.batches += 1;
        if cfg.verbose {
            eprintln!("indexer: stored {added} transactions (batch {})", progress.batches);
        }
        if !cfg.batch_pause.is_zero() {
            tokio::time::sleep(cfg.batch_pause).await;
        }
    }
    Ok(progress)
}

/// Keeps a `logsSubscribe` open and pings `wake` on every notification;
/// reconnects with backoff.
async fn watch_logs(url: String, program: String, commitment: String, wake: Arc<Notify>, verbose: bool) {
    let mut failures: u32 = 0;
    loop {
        let result: anyhow::Result<()> = async {
            let (mut ws, _) = tokio_tungstenite::connect_async(url.as_str()).await?;
            let sub = serde_json::json!({
                "jsonrpc": "2.0", "id": 1, "method": "logsSubscribe",
                "params": [{ "mentions": [program] }, { "commitment": commitment }]
            });
            ws.send(tokio_tungstenite::tungstenite::Message::text(sub.to_string())).await?;
            failures = 0;
            while let Some(msg) = ws.next().await {
                let msg = msg?;
                // A notification, or the subscription's confirmation
                // (anything that landed while it was being set up, or while
                // disconnected, is caught up then).
                if msg.is_text()
                    && msg.to_text().is_ok_and(|t| t.contains("logsNotification") || t.contains("\"result\""))
                {
                    wake.notify_one();
                }
            }
            Ok(())
        }
        .await;
        if let Err(e) = result {
            if verbose {
                eprintln!("indexer: WebSocket {url}: {e}; reconnecting");
            }
        }
        failures = failures.saturating_add(1);
        tokio::time::sleep(crate::rpc::Backoff::default().delay(failures.min(6))).await;
    }
}

/// Runs the indexer until `stop` turns true (or, with `once`, until caught
/// up). RPC and database errors are retried with backoff.
pub async fn run(cfg: IndexerConfig, mut stop: watch::Receiver<bool>) -> anyhow::Result<Progress> {
    let target = cfg.db.clone();
    let conn: Shared = Arc::new(Mutex::new(
        tokio::task::spawn_blocking(move || open(&target)).await.context("database task panicked")??,
    ));
    let rpc = RpcClient::new(&cfg.rpc_url, &cfg.commitment)?;
    let wake = Arc::new(Notify::new());
    let watcher = match (cfg.once, cfg.ws()) {
        (false, Some(url)) => Some(tokio::spawn(watch_logs(
            url,
            cfg.program.clone(),
            cfg.commitment.clone(),
            wake.clone(),
            cfg.verbose,
        ))),
        _ => None,
    };
    let mut total = Progress::default();
    let mut failures: u32 = 0;
    let result = loop {
        if *stop.borrow() {
            break Ok(total);
        }
        match catch_up(&cfg, &rpc, &conn).await {
            Ok(p) => {
                failures = 0;
                total.transactions += p.transactions;
                total.batches += p.batches;
                if cfg.once {
                    break Ok(total);
                }
            }
            Err(e) => {
                failures = failures.saturating_add(1);
                eprintln!("indexer: {e:#} (retrying)");
                if cfg.once && failures >= 3 {
                    break Err(e);
                }
                tokio::select! {
                    _ = tokio::time::sleep(rpc.backoff.delay(failures.min(6))) => {}
                    _ = stop.changed() => {}
                }
                continue;
            }
        }
        tokio::select! {
            _ = wake.notified() => {}
            _ = tokio::time::sleep(cfg.poll_interval) => {}
            _ = stop.changed() => {}
        }
    };
    if let Some(w) = watcher {
        w.abort();
    }
    result
}

#[cfg(test)]
mod tests {
    use super::derive_ws_url;

    #[test]
    fn websocket_url_follows_the_solana_convention() {
        assert_eq!(derive_ws_url("http://127.0.0.1:8899").as_deref(), Some("ws://127.0.0.1:8900"));
        assert_eq!(
            derive_ws_url("https://api.devnet.solana.com").as_deref(),
            Some("wss://api.devnet.solana.com")
        );
        assert_eq!(
            derive_ws_url("https://rpc.example/key/abc").as_deref(),
            Some("wss://rpc.example/key/abc")
        );
        assert_eq!(derive_ws_url("ftp://x"), None);
    }
}

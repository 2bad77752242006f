//! Autofactor's off-chain indexer and HTTP API.
//!
//! - [`indexer`] follows the program on any Solana JSON-RPC endpoint
//!   (backfill with `getSignaturesForAddress` + `getTransaction`, then live
//!   on WebSocket `logsSubscribe` notifications with a polling fallback),
//!   decodes every `emit_cpi!` event ([`apply`], [`idl`]) and stores raw
//!   events and derived tables ([`schema`]) in SQLite (default, a file) or
//!   PostgreSQL (by URL) ([`db`]);
//! - [`api`] serves pools, history, APY, invoices, exposure, ageing,
//!   repayment health, positions and the withdrawal queue as JSON, with an
//!   OpenAPI document.
//!
//! `autofactor indexer` / `autofactor serve` (cli/) and the
//! `autofactor-indexer` binary run them ([`IndexerArgs`], [`ServeArgs`]).

pub mod aggregates;
pub mod api;
pub mod apply;
pub mod db;
pub mod idl;
pub mod indexer;
pub mod origination;
pub mod rpc;
pub mod schema;

use anyhow::Context as _;
use sha2::{Digest as _, Sha256};
use std::time::Duration;

/// Every row of every table, in primary-key order.
pub fn dump(conn: &mut db::Conn) -> anyhow::Result<Vec<(String, Vec<db::Row>)>> {
    let mut out = Vec::new();
    for (table, order) in schema::TABLES {
        out.push((table.to_string(), conn.query(&format!("SELECT * FROM {table} ORDER BY {order}"), &[])?));
    }
    Ok(out)
}

/// SHA-256 over [`dump`]: equal digests = identical tables (across
/// databases too: SQLite and PostgreSQL hold the same values).
pub fn digest(conn: &mut db::Conn) -> anyhow::Result<String> {
    let mut h = Sha256::new();
    for (table, rows) in dump(conn)? {
        h.update(table.as_bytes());
        h.update((rows.len() as u64).to_le_bytes());
        for row in rows {
            for v in row {
                match v {
                    db::Value::Int(Some(i)) => {
                        h.update([1]);
                        h.update(i.to_le_bytes());
                    }
                    db::Value::Text(Some(s)) => {
                        h.update([2]);
                        h.update((s.len() as u64).to_le_bytes());
                        h.update(s.as_bytes());
                    }
                    db::Value::Int(None) | db::Value::Text(None) => h.update([0]),
                }
            }
        }
    }
    Ok(hex::encode(h.finalize()))
}

/// Clears the index (every table the chain's history fills; documents and
/// sign-ins stay): the next run rebuilds it from the chain.
pub fn drop_all(conn: &mut db::Conn) -> anyhow::Result<()> {
    schema::migrate(conn)?;
    conn.transaction(schema::clear_index)
}

/// Deletes an SQLite index (and its WAL files) if present.
pub fn reset_sqlite(path: &std::path::Path) -> anyhow::Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        match std::fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("cannot remove {}", path.display())),
        }
    }
    Ok(())
}

/// Where the indexer reads the chain and writes (shared by `indexer` and
/// `serve`).
#[derive(clap::Args, Debug, Clone)]
pub struct IndexerArgs {
    /// Solana JSON-RPC endpoint to follow.
    #[arg(long, value_name = "URL", default_value = "http://127.0.0.1:8899")]
    pub rpc: String,
    /// WebSocket endpoint for live updates [default: from --rpc, port + 1].
    #[arg(long, value_name = "URL")]
    pub ws: Option<String>,
    /// Poll only (no WebSocket).
    #[arg(long)]
    pub no_ws: bool,
    /// Database: a file path or sqlite://PATH (SQLite), or postgres://… .
    #[arg(long, value_name = "URL", default_value = "autofactor-index.sqlite")]
    pub db: String,
    /// Program id to follow [default: Autofactor's].
    #[arg(long, value_name = "PUBKEY")]
    pub program: Option<String>,
    /// Transactions per database transaction.
    #[arg(long, default_value_t = 100)]
    pub batch_size: usize,
    /// Seconds between polls when live.
    #[arg(long, default_value_t = 5)]
    pub poll_secs: u64,
    /// Commitment the indexer reads at: confirmed or finalized.
    #[arg(long = "rpc-commitment", default_value = "confirmed", value_parser = ["confirmed", "finalized"])]
    pub commitment: String,
    /// Milliseconds to pause after each stored batch (rate-limits the RPC).
    #[arg(long, default_value_t = 0)]
    pub batch_pause_ms: u64,
    /// Print a line per stored batch.
    #[arg(long, short)]
    pub verbose: bool,
}

impl IndexerArgs {
    /// Following a local chain (`autofactor localnet`) into an SQLite file.
    pub fn local(rpc_url: &str, ws_url: &str, db: &std::path::Path) -> Self {
        Self {
            rpc: rpc_url.to_string(),
            ws: Some(ws_url.to_string()),
            no_ws: false,
            db: db.display().to_string(),
            program: None,
            batch_size: 100,
            poll_secs: 5,
            commitment: "confirmed".into(),
            batch_pause_ms: 0,
            verbose: false,
        }
    }

    pub fn config(&self) -> anyhow::Result<indexer::IndexerConfig> {
        let mut c = indexer::IndexerConfig::new(&self.rpc, db::Target::parse(&self.db)?);
        c.ws_url = if self.no_ws { Some(String::new()) } else { self.ws.clone() };
        if let Some(p) = &self.program {
            anyhow::ensure!(
                bs58::decode(p).into_vec().is_ok_and(|b| b.len() == 32),
                "--program {p:?} is not a base58 public key"
            );
            c.program = p.clone();
        }
        anyhow::ensure!(self.batch_size > 0, "--batch-size must be at least 1");
        c.batch_size = self.batch_size;
        c.poll_interval = Duration::from_secs(self.poll_secs.max(1));
        c.commitment = self.commitment.clone();
        c.batch_pause = Duration::from_millis(self.batch_pause_ms);
        c.verbose = self.verbose;
        Ok(c)
    }
}

/// `autofactor indexer`.
#[derive(clap::Args, Debug, Clone)]
pub struct IndexerCommand {
    #[command(flatten)]
    pub indexer: IndexerArgs,
    /// Stop once caught up instead of following the chain.
    #[arg(long)]
    pub once: bool,
    /// Clear the index first and rebuild it from the chain (documents are kept).
    #[arg(long)]
    pub rebuild: bool,
    /// Print the SHA-256 digest of all tables and exit (compare databases).
    #[arg(long)]
    pub digest: bool,
}

/// `autofactor serve`: the HTTP API, and the indexer unless `--no-index`.
#[derive(clap::Args, Debug, Clone)]
pub struct ServeArgs {
    #[command(flatten)]
    pub indexer: IndexerArgs,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "HOST:PORT")]
    pub listen: String,
    /// Serve the database only (another process indexes).
    #[arg(long)]
    pub no_index: bool,
    /// Public base URL of this API, used in metadata and document URIs
    /// [default: http://<listen address>].
    #[arg(long, value_name = "URL")]
    pub public_url: Option<String>,
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

/// Runs `autofactor indexer`.
pub async fn run_indexer_command(cmd: IndexerCommand) -> anyhow::Result<()> {
    let mut cfg = cmd.indexer.config()?;
    let target = cfg.db.clone();
    if cmd.digest || cmd.rebuild {
        let digest = cmd.digest;
        let rebuild = cmd.rebuild;
        let printed = tokio::task::spawn_blocking(move || -> anyhow::Result<Option<String>> {
            let mut conn = target.connect()?;
            if digest {
                schema::migrate(&mut conn)?;
                return Ok(Some(crate::digest(&mut conn)?));
            }
            if rebuild {
                drop_all(&mut conn)?;
            }
            Ok(None)
        })
        .await??;
        if let Some(d) = printed {
            println!("{d}");
            return Ok(());
        }
    }
    cfg.once = cmd.once;
    let (stop_tx, stop) = tokio::sync::watch::channel(false);
    let task = tokio::spawn(indexer::run(cfg, stop));
    let progress = tokio::select! {
        r = task => r.context("indexer task panicked")??,
        _ = shutdown_signal() => {
            let _ = stop_tx.send(true);
            indexer::Progress::default()
        }
    };
    println!("indexed {} transactions in {} batches", progress.transactions, progress.batches);
    Ok(())
}

/// Running indexer and API (see [`start_services`]); stopped on drop or
/// with [`Services::stop`].
pub struct Services {
    /// `http://HOST:PORT`
    pub api_url: String,
    stop: tokio::sync::watch::Sender<bool>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl Services {
    /// Stops both and waits for them.
    pub async fn stop(mut self) {
        let _ = self.stop.send(true);
        for t in std::mem::take(&mut self.tasks) {
            let _ = t.await;
        }
    }
}

impl Drop for Services {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

/// Starts the API on `listen` and (unless `index` is false) the indexer
/// following `args.rpc`, both on `args.db` (migrated first).
pub async fn start_services(
    args: &IndexerArgs,
    listen: &str,
    index: bool,
    public_url: Option<&str>,
) -> anyhow::Result<Services> {
    let cfg = args.config()?;
    let target = cfg.db.clone();
    tokio::task::spawn_blocking(move || indexer::open(&target).map(drop)).await??;
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("cannot listen on {listen} for the API"))?;
    let addr = listener.local_addr()?;
    let (stop_tx, stop) = tokio::sync::watch::channel(false);
    let api_url = format!("http://{addr}");
    let state = origination::Origination {
        db: db::Pool::new(cfg.db.clone()),
        public_url: public_url.map_or_else(|| api_url.clone(), |u| u.trim_end_matches('/').to_string()),
    };
    let mut tasks = vec![];
    let api_stop = stop.clone();
    tasks.push(tokio::spawn(async move {
        if let Err(e) = api::serve(listener, state, api_stop).await {
            eprintln!("API: {e:#}");
        }
    }));
    if index {
        tasks.push(tokio::spawn(async move {
            if let Err(e) = indexer::run(cfg, stop).await {
                eprintln!("indexer: {e:#}");
            }
        }));
    }
    Ok(Services { api_url, stop: stop_tx, tasks })
}

/// Originates documents (e.g. the demo's invoices) into the database of
/// `args` (migrated first), as `POST /documents` would for their uploaders,
/// with metadata URIs on `public_url`; returns those URIs in order.
pub async fn store_documents(
    args: &IndexerArgs,
    public_url: &str,
    docs: Vec<origination::NewDocument>,
) -> anyhow::Result<Vec<String>> {
    let target = args.config()?.db;
    let base = public_url.trim_end_matches('/').to_string();
    tokio::task::spawn_blocking(move || {
        let mut conn = indexer::open(&target)?;
        origination::originate_all(&mut conn, &base, &docs)
    })
    .await?
}

/// Runs `autofactor serve` until Ctrl-C.
pub async fn run_serve_command(args: ServeArgs) -> anyhow::Result<()> {
    let services =
        start_services(&args.indexer, &args.listen, !args.no_index, args.public_url.as_deref()).await?;
    println!("Autofactor API: {} (OpenAPI: {}/openapi.json)", services.api_url, services.api_url);
    println!("  database: {}", db::redact(&args.indexer.db));
    if !args.no_index {
        println!("  indexing: {}", args.indexer.rpc);
    }
    shutdown_signal().await;
    services.stop().await;
    Ok(())
}

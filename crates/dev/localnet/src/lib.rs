//! `autofactor localnet`: a local Solana JSON-RPC + WebSocket endpoint that
//! runs Autofactor on the same in-process runtime the integration tests use
//! ([`autofactor_chain::program_test`], a `solana-program-test` bank with
//! Autofactor, Metaplex Core, SPL Token, Token-2022 and the Associated Token
//! Account program).
//!
//! What runs:
//! - the **chain thread** ([`chain`]) owns the bank: it executes
//!   transactions one at a time, keeps a mirror of every known account (the
//!   index `getProgramAccounts` needs), the transaction history
//!   (`getTransaction`, `getSignatureStatuses`), advances one slot every
//!   400 ms (new blockhash, clock set to wall time), publishes FX prices
//!   ([`pyth`]) and writes the ledger snapshot ([`snapshot`]);
//! - the **HTTP JSON-RPC server** ([`rpc`], [`http`]) on `127.0.0.1:PORT`;
//! - the **WebSocket server** ([`ws`]) on `127.0.0.1:PORT+1`:
//!   `signatureSubscribe`, `accountSubscribe`, `slotSubscribe`,
//!   `logsSubscribe`, `programSubscribe`.
//!
//! [`run`] is what the `autofactor localnet` command calls; [`Localnet::start`]
//! starts everything and hands back a handle (used by the command and by
//! tests that want an in-process endpoint).

pub mod chain;
pub mod console;
pub mod demo;
pub mod demo_invoices;
pub mod http;
pub mod keys;
pub mod pyth;
pub mod rpc;
pub mod seeder;
pub mod snapshot;
pub mod token;
pub mod ws;

use anyhow::{bail, Context as _};
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// Default HTTP JSON-RPC port (the WebSocket listens on the next one), the
/// same as `solana-test-validator`.
pub const DEFAULT_PORT: u16 = 8899;

/// Shortest slot: a client asking for a blockhash gets a new one when the
/// current one is at least this old (as on a cluster, where slots last
/// 400 ms).
pub const SLOT_DURATION: Duration = Duration::from_millis(400);

/// Longest slot: without demand, the chain still moves to a new slot this
/// often. (Every slot costs program-test's never-cleaned accounts DB about
/// 160 KB of memory, mostly the SlotHistory sysvar, so idle slots are
/// sparse.)
pub const IDLE_SLOT_INTERVAL: Duration = Duration::from_secs(10);

/// How `autofactor localnet` is configured.
#[derive(Clone, Debug)]
pub struct Config {
    /// HTTP JSON-RPC port on 127.0.0.1; the WebSocket uses `port + 1`.
    pub port: u16,
    /// Seed the demo (protocol, issuer, pool, investors, suppliers, buyers).
    pub demo: bool,
    /// Where the ledger snapshot lives; `None` = nothing persisted.
    pub ledger_dir: Option<PathBuf>,
    /// Where demo keypairs are written; default `<ledger-dir or .localnet>/keys`.
    pub keys_dir: Option<PathBuf>,
    /// Seconds between periodic snapshots (when something changed).
    pub snapshot_interval: Duration,
    /// Print a line per served transaction.
    pub verbose: bool,
    /// With `demo`: base URL of the API that serves the demo invoices'
    /// metadata (`<url>/metadata/<sha256>.json`, their asset URIs)
    /// [default: `http://127.0.0.1:PORT+2`, where `autofactor localnet
    /// --demo` starts the indexer's API].
    pub api_url: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            port: DEFAULT_PORT,
            demo: false,
            ledger_dir: None,
            keys_dir: None,
            snapshot_interval: Duration::from_secs(30),
            verbose: false,
            api_url: None,
        }
    }
}

impl Config {
    /// The directory demo keypairs are written to.
    pub fn keys_dir(&self) -> PathBuf {
        if let Some(k) = &self.keys_dir {
            return k.clone();
        }
        self.ledger_dir.clone().unwrap_or_else(|| PathBuf::from(".localnet")).join("keys")
    }

    /// The demo's API base URL ([`Config::api_url`] or its default).
    pub fn demo_api_url(&self) -> String {
        self.api_url
            .clone()
            .unwrap_or_else(|| format!("http://127.0.0.1:{}", self.port.saturating_add(2)))
            .trim_end_matches('/')
            .to_string()
    }

    /// The snapshot file, when a ledger directory is configured.
    pub fn snapshot_path(&self) -> Option<PathBuf> {
        self.ledger_dir.as_ref().map(|d| d.join(snapshot::FILE_NAME))
    }
}

/// A running local chain: chain thread, HTTP and WebSocket servers.
pub struct Localnet {
    /// Handle to the chain thread and the shared state.
    pub chain: chain::ChainHandle,
    /// `http://127.0.0.1:PORT`
    pub rpc_url: String,
    /// `ws://127.0.0.1:PORT+1`
    pub ws_url: String,
    /// What the demo seed created, when `--demo` was given.
    pub demo: Option<demo::DemoInfo>,
    shutdown: tokio::sync::watch::Sender<bool>,
    servers: Vec<tokio::task::JoinHandle<()>>,
}

/// Binds `127.0.0.1:port`, turning "address in use" into a clear message.
async fn bind(port: u16, what: &str) -> anyhow::Result<tokio::net::TcpListener> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    match tokio::net::TcpListener::bind(addr).await {
        Ok(l) => Ok(l),
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => bail!(
            "port {port} ({what}) is already in use on 127.0.0.1 — is another localnet or \
             solana-test-validator running? Choose another port with --port"
        ),
        Err(e) => Err(e).with_context(|| format!("cannot listen on {addr} ({what})")),
    }
}

impl Localnet {
    /// Binds both ports, starts the chain (loading the snapshot when a
    /// ledger directory is configured), seeds the demo if asked, then starts
    /// serving. Must be called inside a multi-threaded tokio runtime.
    pub async fn start(config: Config) -> anyhow::Result<Self> {
        let Some(ws_port) = config.port.checked_add(1) else {
            bail!("--port must be below 65535 (the WebSocket listens on port + 1)");
        };
        let http_listener = bind(config.port, "JSON-RPC").await?;
        let ws_listener = bind(ws_port, "WebSocket").await?;
        let rpc_url = format!("http://127.0.0.1:{}", config.port);
        let ws_url = format!("ws://127.0.0.1:{ws_port}");

        if let Some(dir) = &config.ledger_dir {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create ledger directory {}", dir.display()))?;
        }
        let chain = chain::ChainHandle::start(chain::ChainConfig {
            snapshot_path: config.snapshot_path(),
            snapshot_interval: config.snapshot_interval,
            verbose: config.verbose,
        })
        .await?;

        let demo = if config.demo {
            let keys_dir = config.keys_dir();
            match demo::seed(&chain, &keys_dir, &rpc_url, &ws_url, &config.demo_api_url()).await {
                Ok(d) => Some(d),
                Err(e) => {
                    let _ = chain.shutdown().await;
                    return Err(e.context("seeding the demo failed"));
                }
            }
        } else {
            None
        };

        let (shutdown, shutdown_rx) = tokio::sync::watch::channel(false);
        let rpc = Arc::new(rpc::Rpc::new(chain.clone()));
        let servers = vec![
            tokio::spawn(http::serve(http_listener, rpc, shutdown_rx.clone())),
            tokio::spawn(ws::serve(ws_listener, chain.clone(), shutdown_rx)),
        ];
        chain.set_healthy(true);
        Ok(Self { chain, rpc_url, ws_url, demo, shutdown, servers })
    }

    /// Stops serving, writes the final snapshot (if configured) and stops
    /// the chain thread.
    pub async fn shutdown(self) -> anyhow::Result<()> {
        let _ = self.shutdown.send(true);
        for s in self.servers {
            let _ = s.await;
        }
        self.chain.shutdown().await
    }
}

/// Prints what is running and where.
fn print_banner(net: &Localnet, config: &Config) {
    crate::out!("Autofactor localnet");
    crate::out!("  JSON-RPC URL : {}", net.rpc_url);
    crate::out!("  WebSocket URL: {}", net.ws_url);
    crate::out!("  Metaplex Core: {}", autofactor_chain::core_backend());
    crate::out!("  Program      : {}", autofactor_client::PROGRAM_ID);
    match &config.ledger_dir {
        Some(d) => crate::out!("  Ledger       : {}", d.join(snapshot::FILE_NAME).display()),
        None => crate::out!("  Ledger       : none (state is lost on exit; use --ledger-dir DIR)"),
    }
    crate::out!("  FX feeds     : (Pyth PriceUpdateV2, owner {})", pyth::RECEIVER_PROGRAM_ID);
    for feed in pyth::FEEDS {
        crate::out!("    {:<8} {}", feed.symbol, pyth::price_feed_address(&feed.feed_id()));
    }
    if let Some(d) = &net.demo {
        d.print();
    }
    crate::out!("Ready. Ctrl-C to stop.");
}

/// Runs `autofactor localnet` until Ctrl-C (or SIGTERM).
pub async fn run(config: Config) -> anyhow::Result<()> {
    run_with(config, |_| async { Ok(()) }).await
}

/// [`run`], plus services started once the chain serves (after the banner)
/// by `services` — e.g. the indexer and its API — and dropped before the
/// chain stops.
pub async fn run_with<F, Fut, S>(config: Config, services: F) -> anyhow::Result<()>
where
    F: FnOnce(&Localnet) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<S>>,
{
    if !config.verbose {
        console::silence_program_output().context("cannot redirect standard output")?;
    }
    // First line: which Core runs (a configured binary that is not a valid
    // program is a clear error here, before anything starts).
    let core = autofactor_chain::try_core_backend()?;
    crate::out!("Autofactor localnet — Metaplex Core: {core}");
    let net = Localnet::start(config.clone()).await?;
    print_banner(&net, &config);
    let extra = match services(&net).await {
        Ok(s) => s,
        Err(e) => {
            let _ = net.shutdown().await;
            return Err(e);
        }
    };
    wait_for_signal().await;
    crate::out!("Shutting down…");
    drop(extra);
    net.shutdown().await?;
    if let Some(p) = config.snapshot_path() {
        crate::out!("Snapshot written to {}", p.display());
    }
    Ok(())
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Writes `bytes` to `path` atomically: a temporary file in the same
/// directory, flushed to disk, then renamed over `path`.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{file_name}.tmp-{}", std::process::id()));
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)?;
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

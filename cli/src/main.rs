//! `autofactor`: the Autofactor command-line tool.
//!
//! Subcommands:
//! - `localnet` — a local Solana JSON-RPC + WebSocket endpoint running
//!   Autofactor, with an FX price publisher and an optional demo
//!   (`crates/dev/localnet`).
//! - `protocol`, `issuer`, `identity`, `pool`, `investor`, `keeper`,
//!   `invoice`, `buyer`, `einvoice`, `dev` — every actor's instructions and
//!   read-only views ([`commands`]); see cli/README.md.

mod commands;
mod config;
mod errors;
mod output;
mod results;
mod upload;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
#[cfg(feature = "localnet")]
use std::path::PathBuf;

/// Invoice factoring on Solana, on autopilot.
#[derive(Parser, Debug)]
#[command(name = "autofactor", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    #[command(flatten)]
    global: commands::GlobalArgs,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run a local Solana JSON-RPC (PORT) and WebSocket (PORT+1) endpoint with
    /// Autofactor, SPL Token, Token-2022, ATA, Metaplex Core and local Pyth FX
    /// prices (dev tooling: the `localnet` feature).
    #[cfg(feature = "localnet")]
    Localnet(LocalnetArgs),
    /// Follow the program on an RPC endpoint and store its events and
    /// derived tables in SQLite (a file) or PostgreSQL (crates/indexer).
    Indexer(autofactor_indexer::IndexerCommand),
    /// Serve the HTTP API (JSON, OpenAPI at /openapi.json) over the
    /// indexer's database, indexing too unless --no-index.
    Serve(autofactor_indexer::ServeArgs),
    #[command(flatten)]
    Chain(commands::ChainCommand),
}

#[cfg(feature = "localnet")]
#[derive(clap::Args, Debug)]
struct LocalnetArgs {
    /// JSON-RPC port on 127.0.0.1; the WebSocket listens on the next port.
    #[arg(long, default_value_t = autofactor_localnet::DEFAULT_PORT)]
    port: u16,
    /// Seed a demo: protocol, identity issuer, a pool with senior and junior
    /// deposits, suppliers, buyers (keypairs written to the keys directory).
    #[arg(long)]
    demo: bool,
    /// Persist accounts here (snapshot written periodically and on exit,
    /// loaded at start).
    #[arg(long, value_name = "DIR")]
    ledger_dir: Option<PathBuf>,
    /// Where demo keypairs go [default: <ledger-dir or .localnet>/keys].
    #[arg(long, value_name = "DIR")]
    keys_dir: Option<PathBuf>,
    /// Seconds between periodic snapshots.
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    snapshot_interval: u64,
    /// Print a line per transaction.
    #[arg(long, short)]
    verbose: bool,
    /// With --demo: port of the indexer's HTTP API (SQLite in the ledger
    /// directory) [default: PORT + 2]; 0 = no indexer or API.
    #[arg(long, value_name = "PORT")]
    api_port: Option<u16>,
}

/// The subcommand path as typed (aliases resolved), e.g. `buyer pay`.
fn command_path(m: &clap::ArgMatches) -> String {
    let mut parts = Vec::new();
    let mut cur = m;
    while let Some((name, sub)) = cur.subcommand() {
        parts.push(name.to_string());
        cur = sub;
    }
    parts.join(" ")
}

fn main() -> std::process::ExitCode {
    let matches = Cli::command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => e.exit(),
    };
    let command = match cli.command {
        Command::Chain(c) => return commands::run(&cli.global, c, command_path(&matches)),
        other => other,
    };
    // solana-program-test installs a logger that prints every program log
    // line at debug level; keep the terminal for our own output unless the
    // user asks for logs. (Single-threaded here: nothing else reads the
    // environment yet.)
    if std::env::var_os("RUST_LOG").is_none() {
        std::env::set_var("RUST_LOG", "error");
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        match command {
            Command::Chain(_) => Ok(()),
            Command::Indexer(c) => autofactor_indexer::run_indexer_command(c).await,
            Command::Serve(s) => autofactor_indexer::run_serve_command(s).await,
            #[cfg(feature = "localnet")]
            Command::Localnet(a) => {
                let config = autofactor_localnet::Config {
                    port: a.port,
                    demo: a.demo,
                    ledger_dir: a.ledger_dir,
                    keys_dir: a.keys_dir,
                    snapshot_interval: std::time::Duration::from_secs(a.snapshot_interval.max(1)),
                    verbose: a.verbose,
                    // The demo invoices' asset URIs: this API's /metadata/.
                    api_url: a.api_port.filter(|p| *p != 0).map(|p| format!("http://127.0.0.1:{p}")),
                };
                let api_port = a.api_port.unwrap_or(a.port.saturating_add(2));
                if !a.demo || api_port == 0 {
                    autofactor_localnet::run(config).await
                } else {
                    // The demo also runs the indexer and its API, on SQLite
                    // next to the ledger.
                    let db = config
                        .ledger_dir
                        .clone()
                        .unwrap_or_else(|| ".localnet".into())
                        .join("indexer.sqlite");
                    autofactor_localnet::run_with(config, move |net| {
                        let args = autofactor_indexer::IndexerArgs::local(&net.rpc_url, &net.ws_url, &db);
                        // A freshly seeded chain has a new history: start
                        // the index afresh too.
                        let fresh = net.demo.as_ref().is_some_and(|d| !d.restored);
                        // The demo invoices' e-invoices, originated like
                        // uploads so that their asset URIs resolve.
                        let documents =
                            net.demo.as_ref().map(|d| d.documents().map(|docs| (d.api_url.clone(), docs)));
                        async move {
                            if fresh {
                                autofactor_indexer::reset_sqlite(&db)?;
                            }
                            if let Some((base, docs)) = documents.transpose()? {
                                let docs = docs.into_iter().map(|(s, xml)| {
                                    autofactor_indexer::origination::NewDocument::xml(s, xml)
                                });
                                autofactor_indexer::store_documents(&args, &base, docs.collect()).await?;
                            }
                            let services = autofactor_indexer::start_services(
                                &args,
                                &format!("127.0.0.1:{api_port}"),
                                true,
                                None,
                            )
                            .await?;
                            autofactor_localnet::out!(
                                "  API URL      : {} (indexer database {})",
                                services.api_url,
                                db.display()
                            );
                            Ok(services)
                        }
                    })
                    .await
                }
            }
        }
    });
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

//! `autofactor`: the Autofactor command-line tool.
//!
//! Subcommands:
//! - `localnet` — a local Solana JSON-RPC + WebSocket endpoint running
//!   Autofactor, with an FX price publisher and an optional demo
//!   (`crates/localnet`).
//! - `protocol`, `issuer`, `identity`, `pool`, `investor`, `keeper`,
//!   `invoice`, `buyer`, `einvoice`, `dev` — every actor's instructions and
//!   read-only views ([`commands`]); see cli/README.md.

mod commands;
mod config;
mod errors;
mod output;

use clap::{Parser, Subcommand};
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
    /// prices.
    Localnet(LocalnetArgs),
    #[command(flatten)]
    Chain(commands::ChainCommand),
}

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
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let command = match cli.command {
        Command::Chain(c) => return commands::run(&cli.global, c),
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
            Command::Localnet(a) => {
                autofactor_localnet::run(autofactor_localnet::Config {
                    port: a.port,
                    demo: a.demo,
                    ledger_dir: a.ledger_dir,
                    keys_dir: a.keys_dir,
                    snapshot_interval: std::time::Duration::from_secs(a.snapshot_interval.max(1)),
                    verbose: a.verbose,
                })
                .await
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

//! `autofactor-indexer`: the indexer and API without the rest of the CLI
//! (the same code as `autofactor indexer` / `autofactor serve`).

use autofactor_indexer::{IndexerCommand, ServeArgs};
use clap::{Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(name = "autofactor-indexer", version, about = "Autofactor indexer and HTTP API")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Follow the program and store its events and derived tables.
    Indexer(IndexerCommand),
    /// Serve the HTTP API (and index unless --no-index).
    Serve(ServeArgs),
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let result = match Cli::parse().command {
        Command::Indexer(c) => autofactor_indexer::run_indexer_command(c).await,
        Command::Serve(s) => autofactor_indexer::run_serve_command(s).await,
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

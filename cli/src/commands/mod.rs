//! The chain-facing subcommands. One module per command group:
//!
//! - noun groups, each the home of its commands: [`protocol`], [`issuer`],
//!   [`identity`], [`pool`], [`tranche`], [`invoice`], [`einvoice`] (offline),
//!   [`dev`];
//! - actor groups ([`actors`]): `supplier`, `buyer`, `verifier`,
//!   `investor`, `keeper` — the same commands in each actor's words.
//!
//! Shared arguments live in [`args`], the transaction machinery in [`ctx`],
//! chain reads in [`chain`].

pub mod actors;
pub mod args;
pub mod chain;
pub mod ctx;
pub mod dev;
pub mod einvoice;
pub mod identity;
pub mod invoice;
pub mod issuer;
pub mod pool;
pub mod protocol;
pub mod tranche;
pub mod tx_events;

pub use args::GlobalArgs;

use crate::errors::CliError;
use crate::output::{self, OutputFormat, Report};
use anyhow::Result;
use clap::Subcommand;
use ctx::{Ctx, Unsent};
use solana_sdk::instruction::Instruction;
use solana_sdk::pubkey::Pubkey;

/// Chain commands (added to the top-level `autofactor` command).
#[derive(Subcommand, Debug)]
pub enum ChainCommand {
    /// Protocol admin: configuration, pause, admin transfer, USDC guard.
    #[command(subcommand)]
    Protocol(protocol::ProtocolCmd),
    /// Protocol admin: identity issuers.
    #[command(subcommand)]
    Issuer(issuer::IssuerCmd),
    /// Identity issuer: identity records.
    #[command(subcommand)]
    Identity(identity::IdentityCmd),
    /// Pools: the manager's terms, verifiers and currencies; views.
    #[command(subcommand)]
    Pool(pool::PoolCmd),
    /// Tranches: deposits, withdrawals and their queue, share accounts.
    #[command(subcommand)]
    Tranche(tranche::TrancheCmd),
    /// Invoices: origination to settlement; views.
    #[command(subcommand)]
    Invoice(invoice::InvoiceCmd),
    /// Supplier: create, finance, cancel, claim-reserve (invoice commands).
    #[command(subcommand)]
    Supplier(actors::SupplierCmd),
    /// Buyer: acknowledge, dispute, pay (invoice commands); reputation.
    #[command(subcommand)]
    Buyer(actors::BuyerCmd),
    /// Verifier: attest (an invoice command).
    #[command(subcommand)]
    Verifier(actors::VerifierCmd),
    /// Investor: deposit, withdraw, cancel, claim, thaw, positions (tranche commands).
    #[command(subcommand)]
    Investor(actors::InvestorCmd),
    /// Keeper (anyone): queue fills, freezes, invoice maturity, late marks,
    /// write-downs, settlement, pool refresh and fees.
    #[command(subcommand)]
    Keeper(actors::KeeperCmd),
    /// E-invoice files (offline).
    #[command(subcommand)]
    Einvoice(einvoice::EinvoiceCmd),
    /// Local development helpers: SOL airdrops, a USDC mint, minting.
    #[command(subcommand)]
    Dev(dev::DevCmd),
}

/// Runs a chain command (`path`: the command as typed, e.g. `buyer pay`),
/// printing its result; returns the exit code.
pub fn run(global: &GlobalArgs, cmd: ChainCommand, path: String) -> std::process::ExitCode {
    let result = match cmd {
        ChainCommand::Einvoice(c) => einvoice::run(global.output, c),
        other => Ctx::new(global, path).and_then(|ctx| dispatch(&ctx, other)),
    };
    let result = match result {
        Err(e) if e.is::<Unsent>() => match e.downcast::<Unsent>() {
            Ok(Unsent(report)) => Ok(report),
            Err(e) => Err(e),
        },
        other => other,
    };
    match result {
        Ok(v) => {
            output::print(global.output, &v);
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            let ce = match e.downcast_ref::<CliError>() {
                Some(ce) => {
                    let mut ce = ce.clone();
                    // Keep the context chain in the message.
                    ce.message = format!("{e:#}");
                    ce
                }
                None => CliError::new("error", format!("{e:#}")),
            };
            match global.output {
                OutputFormat::Json => {
                    let doc = serde_json::to_string_pretty(&Failure { error: &ce });
                    println!("{}", doc.unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}")));
                }
                OutputFormat::Table => {
                    eprintln!("error: {}", ce.message);
                    if !ce.logs.is_empty() {
                        eprintln!("program logs:");
                        for l in &ce.logs {
                            eprintln!("  {l}");
                        }
                    }
                }
            }
            std::process::ExitCode::FAILURE
        }
    }
}

fn dispatch(ctx: &Ctx, cmd: ChainCommand) -> Result<Report> {
    match cmd {
        ChainCommand::Protocol(c) => protocol::run(ctx, c),
        ChainCommand::Issuer(c) => issuer::run(ctx, c),
        ChainCommand::Identity(c) => identity::run(ctx, c),
        ChainCommand::Pool(c) => pool::run(ctx, c),
        ChainCommand::Tranche(c) => tranche::run(ctx, c),
        ChainCommand::Invoice(c) => invoice::run(ctx, c),
        ChainCommand::Supplier(c) => actors::supplier(ctx, c),
        ChainCommand::Buyer(c) => actors::buyer(ctx, c),
        ChainCommand::Verifier(c) => actors::verifier(ctx, c),
        ChainCommand::Investor(c) => actors::investor(ctx, c),
        ChainCommand::Keeper(c) => actors::keeper(ctx, c),
        ChainCommand::Dev(c) => dev::run(ctx, c),
        ChainCommand::Einvoice(c) => einvoice::run(ctx.format, c),
    }
}

/// The idempotent create-associated-token-account instruction.
pub fn create_ata(payer: &Pubkey, owner: &Pubkey, mint: &Pubkey, token_program: &Pubkey) -> Instruction {
    anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent(
        payer,
        owner,
        mint,
        token_program,
    )
}

/// `--output json` of a failure: `{"error": {"code", "message", …}}`.
#[derive(serde::Serialize)]
struct Failure<'a> {
    error: &'a CliError,
}

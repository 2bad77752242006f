//! The actors' groups: each names, in its actor's words, commands whose
//! home is a noun group (same arguments, same handler, same JSON except
//! `command`, which is the path as typed):
//!
//! | actor group | command | is |
//! |---|---|---|
//! | `supplier` | `create`, `finance`, `cancel`, `claim-reserve` | `invoice …` |
//! | `buyer` | `acknowledge`, `dispute` | `invoice …` |
//! | `buyer` | `pay` | `invoice repay` |
//! | `buyer` | `reputation` | (its only home) |
//! | `verifier` | `attest` | `invoice attest` |
//! | `investor` | `deposit`, `withdraw`, `cancel`, `claim`, `thaw`, `positions` | `tranche …` |
//! | `keeper` | `fill`, `freeze` | `tranche …` |
//! | `keeper` | `mature`, `mark-late`, `write-down`, `settle`, `close-defaulted` | `invoice …` |
//! | `keeper` | `refresh`, `collect-fees` | `pool …` |

use super::args::{InvoiceArg, PoolArg, PoolTrancheArgs};
use super::ctx::Ctx;
use super::invoice::{self as inv, InvoiceCmd, KeeperAction};
use super::tranche::{
    self, ClaimArgs, DepositArgs, OwnerArg, RequestArgs, ShareAccountArgs, TrancheCmd, WithdrawArgs,
};
use crate::output::{Report, View};
use anyhow::Result;
use autofactor_client::format::usdc;
use autofactor_client::pda;
use autofactor_client::state::{BuyerReputation, IdentityRecord};
use clap::{Args, Subcommand};
use serde::Serialize;
use solana_sdk::pubkey::Pubkey;

/// `autofactor supplier ...`
#[derive(Subcommand, Debug)]
pub enum SupplierCmd {
    /// Originates an invoice (`invoice create`).
    Create(Box<inv::CreateArgs>),
    /// Sells an invoice to its pool (`invoice finance`).
    Finance(inv::FinanceArgs),
    /// Cancels an unfinanced invoice (`invoice cancel`).
    Cancel(InvoiceArg),
    /// Claims an undelivered reserve (`invoice claim-reserve`).
    ClaimReserve(inv::ClaimReserveArgs),
}

/// `autofactor buyer ...`
#[derive(Subcommand, Debug)]
pub enum BuyerCmd {
    /// Acknowledges an invoice (`invoice acknowledge`).
    Acknowledge(InvoiceArg),
    /// Disputes an invoice (`invoice dispute`).
    Dispute(inv::DisputeArgs),
    /// Pays toward an invoice (`invoice repay`).
    Pay(inv::RepayArgs),
    /// A buyer's on-chain repayment record.
    Reputation(BuyerArg),
}

/// `--buyer`
#[derive(Args, Debug)]
pub struct BuyerArg {
    /// The buyer wallet.
    #[arg(long)]
    buyer: Pubkey,
}

/// `autofactor verifier ...`
#[derive(Subcommand, Debug)]
pub enum VerifierCmd {
    /// Attests delivery and the buyer's credit (`invoice attest`).
    Attest(inv::AttestArgs),
}

/// `autofactor investor ...`
#[derive(Subcommand, Debug)]
pub enum InvestorCmd {
    /// Deposits USDC into a tranche (`tranche deposit`).
    Deposit(DepositArgs),
    /// Redeems or queues a withdrawal (`tranche withdraw`).
    Withdraw(WithdrawArgs),
    /// Cancels a queued withdrawal (`tranche cancel`).
    Cancel(RequestArgs),
    /// Claims an undelivered redemption payout (`tranche claim`).
    Claim(ClaimArgs),
    /// Thaws a verified investor's share account (`tranche thaw`).
    Thaw(ShareAccountArgs),
    /// Positions in every pool and queued withdrawals (`tranche positions`).
    Positions(OwnerArg),
}

/// `autofactor keeper ...`
#[derive(Subcommand, Debug)]
pub enum KeeperCmd {
    /// Fills the head of a withdrawal queue (`tranche fill`).
    Fill(PoolTrancheArgs),
    /// Freezes the share account of an investor who lost its identity (`tranche freeze`).
    Freeze(ShareAccountArgs),
    /// Stops an invoice's income accrual at its due date (`invoice mature`).
    Mature(InvoiceArg),
    /// Marks an invoice late after due + grace (`invoice mark-late`).
    MarkLate(InvoiceArg),
    /// Applies the write-down schedule to a late invoice (`invoice write-down`).
    WriteDown(InvoiceArg),
    /// Settles a repaid invoice (`invoice settle`).
    Settle(InvoiceArg),
    /// Closes a defaulted invoice after its recovery period (`invoice close-defaulted`).
    CloseDefaulted(InvoiceArg),
    /// Accrues a pool's senior claim to now (`pool refresh`).
    Refresh(PoolArg),
    /// Pays the fees a pool owes (`pool collect-fees`).
    CollectFees(PoolArg),
}

/// Runs a `supplier` command.
pub fn supplier(ctx: &Ctx, cmd: SupplierCmd) -> Result<Report> {
    inv::run(
        ctx,
        match cmd {
            SupplierCmd::Create(a) => InvoiceCmd::Create(a),
            SupplierCmd::Finance(a) => InvoiceCmd::Finance(a),
            SupplierCmd::Cancel(a) => InvoiceCmd::Cancel(a),
            SupplierCmd::ClaimReserve(a) => InvoiceCmd::ClaimReserve(a),
        },
    )
}

/// Runs a `buyer` command.
pub fn buyer(ctx: &Ctx, cmd: BuyerCmd) -> Result<Report> {
    let cmd = match cmd {
        BuyerCmd::Reputation(BuyerArg { buyer }) => return reputation(ctx, &buyer),
        BuyerCmd::Acknowledge(a) => InvoiceCmd::Acknowledge(a),
        BuyerCmd::Dispute(a) => InvoiceCmd::Dispute(a),
        BuyerCmd::Pay(a) => InvoiceCmd::Repay(a),
    };
    inv::run(ctx, cmd)
}

/// Runs a `verifier` command.
pub fn verifier(ctx: &Ctx, cmd: VerifierCmd) -> Result<Report> {
    match cmd {
        VerifierCmd::Attest(a) => inv::run(ctx, InvoiceCmd::Attest(a)),
    }
}

/// Runs an `investor` command.
pub fn investor(ctx: &Ctx, cmd: InvestorCmd) -> Result<Report> {
    tranche::run(
        ctx,
        match cmd {
            InvestorCmd::Deposit(a) => TrancheCmd::Deposit(a),
            InvestorCmd::Withdraw(a) => TrancheCmd::Withdraw(a),
            InvestorCmd::Cancel(a) => TrancheCmd::Cancel(a),
            InvestorCmd::Claim(a) => TrancheCmd::Claim(a),
            InvestorCmd::Thaw(a) => TrancheCmd::Thaw(a),
            InvestorCmd::Positions(a) => TrancheCmd::Positions(a),
        },
    )
}

/// Runs a `keeper` command.
pub fn keeper(ctx: &Ctx, cmd: KeeperCmd) -> Result<Report> {
    let on_invoice = |action, a| inv::run_keeper(ctx, action, a);
    match cmd {
        KeeperCmd::Fill(a) => tranche::run(ctx, TrancheCmd::Fill(a)),
        KeeperCmd::Freeze(a) => tranche::run(ctx, TrancheCmd::Freeze(a)),
        KeeperCmd::Mature(a) => on_invoice(KeeperAction::Mature, a),
        KeeperCmd::MarkLate(a) => on_invoice(KeeperAction::MarkLate, a),
        KeeperCmd::WriteDown(a) => on_invoice(KeeperAction::WriteDown, a),
        KeeperCmd::Settle(a) => on_invoice(KeeperAction::Settle, a),
        KeeperCmd::CloseDefaulted(a) => on_invoice(KeeperAction::CloseDefaulted, a),
        KeeperCmd::Refresh(a) => super::pool::refresh(ctx, a),
        KeeperCmd::CollectFees(a) => super::pool::collect_fees(ctx, a),
    }
}

/// `buyer reputation`
#[derive(Serialize)]
struct ReputationView {
    address: String,
    buyer: String,
    buyer_entity_id: String,
    open_late_count: u32,
    open_default_count: u32,
    acknowledged_count: u32,
    acknowledged_volume_usdc: String,
    disputed_count: u32,
    repaid_on_time_count: u32,
    repaid_on_time_volume_usdc: String,
    late_count: u32,
    late_volume_usdc: String,
    defaulted_count: u32,
    defaulted_volume_usdc: String,
    recovered_count: u32,
}

impl View for ReputationView {}

fn reputation(ctx: &Ctx, buyer: &Pubkey) -> Result<Report> {
    // The record is the buyer's legal entity's, shared by its wallets.
    let identity: IdentityRecord = ctx.account(&pda::identity(buyer), "identity record")?;
    let entity = identity.entity_key;
    let addr = pda::buyer_reputation(&entity);
    let r: BuyerReputation =
        ctx.maybe_account(&addr)?.unwrap_or(BuyerReputation { buyer_entity: entity, ..Default::default() });
    ReputationView {
        address: addr.to_string(),
        buyer: buyer.to_string(),
        buyer_entity_id: identity.entity_id,
        open_late_count: r.open_late_count,
        open_default_count: r.open_default_count,
        acknowledged_count: r.acknowledged_count,
        acknowledged_volume_usdc: usdc(r.acknowledged_volume_usdc),
        disputed_count: r.disputed_count,
        repaid_on_time_count: r.repaid_on_time_count,
        repaid_on_time_volume_usdc: usdc(r.repaid_on_time_volume_usdc),
        late_count: r.late_count,
        late_volume_usdc: usdc(r.late_volume_usdc),
        defaulted_count: r.defaulted_count,
        defaulted_volume_usdc: usdc(r.defaulted_volume_usdc),
        recovered_count: r.recovered_count,
    }
    .report()
}

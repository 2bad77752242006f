//! `autofactor invoice …`: an invoice's whole lifecycle — origination,
//! the buyer's acknowledgment or dispute, attestation, financing,
//! repayment, the keeper's maturity, late marks, write-downs, settlement
//! and close — and the invoice views. The supplier's, buyer's, verifier's
//! and keeper's groups name the same commands.

mod create;
mod finance;
mod keeper;
mod lifecycle;
mod view;

pub use create::CreateArgs;
pub use finance::{FinanceArgs, RepayArgs};
pub use keeper::KeeperAction;
pub use lifecycle::{AttestArgs, ClaimReserveArgs, DisputeArgs};
pub use view::{grade_letter, list_invoices, InvoiceView, ListArgs};

use super::args::InvoiceArg;
use super::ctx::Ctx;
use crate::output::{Report, View};
use crate::results::{Addr, Usdc};
use anyhow::Result;
use autofactor_client::state::{Invoice, InvoiceStatus};
use clap::Subcommand;
use solana_sdk::pubkey::Pubkey;

/// `autofactor invoice ...`
#[derive(Subcommand, Debug)]
pub enum InvoiceCmd {
    /// Originates an invoice from an e-invoice (UBL 2.1 / CII) or a PDF with flags (supplier).
    Create(Box<CreateArgs>),
    /// The buyer acknowledges the invoice.
    Acknowledge(InvoiceArg),
    /// The buyer disputes the invoice.
    Dispute(DisputeArgs),
    /// A pool verifier attests delivery and the buyer's credit.
    Attest(AttestArgs),
    /// The supplier cancels an unfinanced invoice.
    Cancel(InvoiceArg),
    /// The pool buys the invoice; the advance goes to the supplier's USDC
    /// account (with --dry-run: the pool's offer and the rules it passed).
    Finance(FinanceArgs),
    /// Pays toward an invoice from the signer's USDC account (buyer).
    Repay(RepayArgs),
    /// The supplier claims a reserve that settlement or the close of a
    /// default could not deliver (the invoice is `Closed`).
    ClaimReserve(ClaimReserveArgs),
    /// Stops an invoice's income accrual at its due date (keeper).
    Mature(InvoiceArg),
    /// Marks an invoice late after due + grace (keeper).
    MarkLate(InvoiceArg),
    /// Applies the write-down schedule to a late invoice (keeper).
    WriteDown(InvoiceArg),
    /// Settles a repaid invoice: reserve to the supplier, asset burned (keeper).
    Settle(InvoiceArg),
    /// Closes a defaulted invoice after its recovery period: collected
    /// reserve to the supplier, asset burned (keeper).
    CloseDefaulted(InvoiceArg),
    /// Shows an invoice: state, amounts, FX.
    Show(InvoiceArg),
    /// Lists invoices (getProgramAccounts filters).
    List(ListArgs),
}

/// Runs an `invoice` command (or its actor alias).
pub fn run(ctx: &Ctx, cmd: InvoiceCmd) -> Result<Report> {
    match cmd {
        InvoiceCmd::Show(InvoiceArg { invoice }) => {
            let li = ctx.invoice(&invoice)?;
            InvoiceView::new(&li.address, &li.invoice).report()
        }
        InvoiceCmd::List(a) => view::list(ctx, a),
        InvoiceCmd::Create(a) => create::run(ctx, *a),
        InvoiceCmd::Acknowledge(a) => lifecycle::acknowledge(ctx, a),
        InvoiceCmd::Dispute(a) => lifecycle::dispute(ctx, a),
        InvoiceCmd::Attest(a) => lifecycle::attest(ctx, a),
        InvoiceCmd::Cancel(a) => lifecycle::cancel(ctx, a),
        InvoiceCmd::ClaimReserve(a) => lifecycle::claim_reserve(ctx, a),
        InvoiceCmd::Finance(a) => finance::finance(ctx, a),
        InvoiceCmd::Repay(a) => finance::repay(ctx, a),
        InvoiceCmd::Mature(a) => keeper::run(ctx, KeeperAction::Mature, a),
        InvoiceCmd::MarkLate(a) => keeper::run(ctx, KeeperAction::MarkLate, a),
        InvoiceCmd::WriteDown(a) => keeper::run(ctx, KeeperAction::WriteDown, a),
        InvoiceCmd::Settle(a) => keeper::run(ctx, KeeperAction::Settle, a),
        InvoiceCmd::CloseDefaulted(a) => keeper::run(ctx, KeeperAction::CloseDefaulted, a),
    }
}

/// The invoice's status after a command: "Closed" only when the account
/// no longer exists; an RPC failure is an error.
fn status_details(ctx: &Ctx, address: &Pubkey) -> Result<(InvoiceState, Option<Invoice>)> {
    let i = ctx.maybe_account::<Invoice>(address)?;
    let state = InvoiceState {
        invoice: Addr(*address),
        asset: i.as_ref().map(|i| Addr(i.asset)),
        status: i.as_ref().map_or("Closed", |i| i.status.name()),
        reserve_owed_usdc: i
            .as_ref()
            .filter(|i| i.status == InvoiceStatus::Closed)
            .map(|i| Usdc(i.book.reserve_collected_usdc)),
    };
    Ok((state, i))
}

crate::result! {
    /// An invoice's state after a command.
    pub struct InvoiceState {
        /// The invoice.
        invoice: Addr,
        /// Its asset (absent once the account is closed).
        #[serde(skip_serializing_if = "Option::is_none")]
        asset: Option<Addr>,
        /// Its status (`Closed` once the account is gone).
        status: &'static str,
        /// Reserve owed to the supplier of a `Closed` invoice.
        #[serde(skip_serializing_if = "Option::is_none")]
        reserve_owed_usdc: Option<Usdc>,
    }
}

/// Runs a keeper action on an invoice (`keeper settle`, …).
pub fn run_keeper(ctx: &Ctx, action: KeeperAction, a: InvoiceArg) -> Result<Report> {
    keeper::run(ctx, action, a)
}

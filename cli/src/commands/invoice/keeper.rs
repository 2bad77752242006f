//! The keeper's invoice instructions: maturity, late marks, write-downs,
//! settlement and the close of a default.

use super::super::args::InvoiceArg;
use super::super::ctx::Ctx;
use super::{status_details, InvoiceState};
use crate::output::Report;
use crate::results::Usdc;
use anyhow::Result;
use autofactor_client::events::{
    InvoiceClosedDefaulted, InvoiceMarkedLate, InvoiceMatured, InvoiceSettled, InvoiceWrittenDown,
};
use autofactor_client::ix;
use solana_sdk::instruction::AccountMeta;
use solana_sdk::signature::Signer;

/// A keeper action on an invoice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeeperAction {
    /// `mature`
    Mature,
    /// `mark-late`
    MarkLate,
    /// `write-down`
    WriteDown,
    /// `settle`
    Settle,
    /// `close-defaulted`
    CloseDefaulted,
}

/// Runs a keeper action (`invoice settle`, `keeper settle`, …).
pub fn run(ctx: &Ctx, action: KeeperAction, InvoiceArg { invoice }: InvoiceArg) -> Result<Report> {
    let s = ctx.signer()?;
    let me = s.pubkey();
    let li = ctx.invoice(&invoice)?;
    let i = match action {
        KeeperAction::Mature => ix::invoice_mature(&li.keys),
        KeeperAction::MarkLate => ix::invoice_mark_late(&li.keys, &me),
        KeeperAction::WriteDown => ix::invoice_write_down(&li.keys, &me),
        KeeperAction::Settle => ix::invoice_settle(&li.keys, &me),
        KeeperAction::CloseDefaulted => {
            let mut i = ix::invoice_close_defaulted_in(&li.keys, &me, &li.invoice.currency);
            // A supplier ATA that cannot receive (missing, closed, frozen)
            // is left out: the program then books the reserve as owed for
            // the supplier to claim, rather than the close failing.
            let ata = li.keys.pool.usdc_ata(&li.invoice.supplier);
            if !ctx.usdc_account_can_receive(&ata)? {
                for m in i.accounts.iter_mut().filter(|m| m.pubkey == ata) {
                    *m = AccountMeta::new_readonly(autofactor_client::PROGRAM_ID, false);
                }
            }
            i
        }
    };
    let sent = ctx.send(&s, vec![i], &[])?;
    // The figure from the instruction's own event (which it always emits).
    let (book_usdc, reserve_released_usdc) = match action {
        KeeperAction::Mature => (Some(sent.expect_event::<InvoiceMatured>()?.book_usdc), None),
        KeeperAction::MarkLate => (Some(sent.expect_event::<InvoiceMarkedLate>()?.book_usdc), None),
        KeeperAction::WriteDown => (Some(sent.expect_event::<InvoiceWrittenDown>()?.book_usdc), None),
        KeeperAction::Settle => (None, Some(sent.expect_event::<InvoiceSettled>()?.reserve_released_usdc)),
        KeeperAction::CloseDefaulted => {
            (None, Some(sent.expect_event::<InvoiceClosedDefaulted>()?.reserve_released_usdc))
        }
    };
    let d = KeeperDone {
        state: status_details(ctx, &li.address)?.0,
        book_usdc: book_usdc.map(Usdc),
        reserve_released_usdc: reserve_released_usdc.map(Usdc),
    };
    ctx.tx_result(&sent, d)
}

crate::result! {
    /// A keeper action's result: the invoice's state and, from the
    /// transaction's events, its book value or the reserve released.
    pub struct KeeperDone {
        ..state: InvoiceState,
        /// Book value after a maturity, late mark or write-down.
        #[serde(skip_serializing_if = "Option::is_none")]
        book_usdc: Option<Usdc>,
        /// Reserve paid to the supplier at settlement or the close of a
        /// default.
        #[serde(skip_serializing_if = "Option::is_none")]
        reserve_released_usdc: Option<Usdc>,
    }
}

//! Permissionless keeper action on a late invoice: recognizes its running
//! write-down in its own book (NAV already carries it: the schedule, fixed
//! at financing, lowers the book linearly to zero at the write-off horizon
//! continuously); at the horizon it defaults — the keeper action that the
//! pool's calendar waits for there.

use super::shared::*;
use crate::error::AutofactorError;
use crate::events::InvoiceWrittenDown;
use crate::lifecycle;
use crate::state::*;
use anchor_lang::prelude::*;

#[event_cpi]
#[derive(Accounts)]
pub struct InvoiceWriteDown<'info> {
    /// The keeper, the invoice, its pool and the buyer's record.
    pub overdue: OverdueInvoice<'info>,
}

impl InvoiceWriteDown<'_> {
    /// Only late invoices.
    pub fn validate(&self) -> Result<()> {
        require!(self.overdue.invoice.status == InvoiceStatus::Late, AutofactorError::InvalidInvoiceStatus);
        Ok(())
    }

    /// Re-values the invoice; defaults it at the horizon.
    pub fn handle(ctx: Context<Self>) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        crate::accrue_pool!(ctx, ctx.accounts.overdue.pool, now);
        let a = &mut ctx.accounts.overdue;
        let (pool, invoice, rep) = (&mut a.pool, &mut a.invoice, &mut a.buyer_reputation);
        let previous_usdc = invoice.book.book_usdc;
        let defaulted = {
            let calendar = &mut *a.calendar.load_mut()?;
            lifecycle::revalue(&mut pool.ledger, calendar, invoice, now)?;
            lifecycle::default_at_horizon(calendar, invoice, rep, now)?
        };
        pool.ledger.invariant()?;
        if defaulted {
            a.update_asset(&ctx.bumps.overdue)?;
        }
        let snapshot = a.pool.ledger.snapshot()?;
        emit_cpi!(InvoiceWrittenDown {
            invoice: a.invoice.key(),
            previous_book_usdc: previous_usdc,
            book_usdc: a.invoice.book.book_usdc,
            written_down_usdc: a.invoice.book.written_down_usdc,
            defaulted,
            snapshot,
            ts: now,
        });
        Ok(())
    }
}

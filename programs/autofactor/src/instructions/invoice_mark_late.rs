//! Permissionless keeper action: an invoice still unpaid at its
//! `late_after_ts` (start of the due date + the grace days fixed at financing)
//! becomes Late. Its value follows the write-down schedule from the overdue
//! time on whether or not it is marked (full at the start of the due date,
//! zero at the write-off horizon), so marking changes status and reputation,
//! not NAV — except that it applies a pending overdue deadline on the way.
//! Past the horizon it becomes Defaulted directly.

use super::shared::*;
use crate::error::AutofactorError;
use crate::events::{InvoiceMarkedLate, InvoiceWrittenDown};
use crate::lifecycle;
use crate::math::SafeMath;
use crate::state::*;
use anchor_lang::prelude::*;

#[event_cpi]
#[derive(Accounts)]
pub struct InvoiceMarkLate<'info> {
    /// The keeper, the invoice, its pool and the buyer's record.
    pub overdue: OverdueInvoice<'info>,
}

impl InvoiceMarkLate<'_> {
    /// Only financed, unpaid invoices at or past their `late_after_ts`.
    pub fn validate(&self) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let invoice = &self.overdue.invoice;
        require!(
            matches!(invoice.status, InvoiceStatus::Financed | InvoiceStatus::PartiallyRepaid),
            AutofactorError::InvalidInvoiceStatus
        );
        require!(now >= invoice.late_after_ts, AutofactorError::NotYetLate);
        Ok(())
    }

    /// Marks it late (or defaulted) and writes it down.
    pub fn handle(ctx: Context<Self>) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        crate::accrue_pool!(ctx, ctx.accounts.overdue.pool, now);
        let a = &mut ctx.accounts.overdue;
        let (pool, invoice, rep) = (&mut a.pool, &mut a.invoice, &mut a.buyer_reputation);
        let accrual_end_ts = invoice.overdue_ts;
        pool.ledger.stop_running(&mut invoice.book, now, accrual_end_ts)?;
        let previous_usdc = invoice.book.book_usdc;
        invoice.status = InvoiceStatus::Late;
        invoice.late_ts = now;
        rep.late_count = rep.late_count.safe_add(1)?;
        rep.open_late_count = rep.open_late_count.safe_add(1)?;
        rep.late_volume_usdc = rep.late_volume_usdc.safe_add(invoice.book.pricing.face_usdc)?;
        let defaulted = {
            let calendar = &mut *a.calendar.load_mut()?;
            lifecycle::value_on_schedule(&mut pool.ledger, calendar, invoice, now)?;
            lifecycle::default_at_horizon(calendar, invoice, rep, now)?
        };
        pool.ledger.invariant()?;
        a.update_asset(&ctx.bumps.overdue)?;
        let snapshot = a.pool.ledger.snapshot()?;
        let invoice_key = a.invoice.key();
        let book_usdc = a.invoice.book.book_usdc;
        let written_down_usdc = a.invoice.book.written_down_usdc;
        emit_cpi!(InvoiceMarkedLate {
            invoice: invoice_key,
            book_usdc,
            written_down_usdc,
            snapshot,
            ts: now
        });
        if defaulted {
            emit_cpi!(InvoiceWrittenDown {
                invoice: invoice_key,
                previous_book_usdc: previous_usdc,
                book_usdc,
                written_down_usdc,
                defaulted: true,
                snapshot,
                ts: now,
            });
        }
        Ok(())
    }
}

//! Permissionless keeper action at an invoice's overdue time (the start of
//! its due date, UTC, fixed at financing): stops its income accrual (its book value
//! has reached the pool's outstanding claim), removes any accrual the pool
//! booked past the overdue time, and starts the write-down schedule (the
//! book falls linearly to zero at the write-off horizon, in NAV
//! continuously). The invoice's pending deadline moves to the horizon.

use crate::error::AutofactorError;
use crate::events::InvoiceMatured;
use crate::lifecycle;
use crate::state::*;
use anchor_lang::prelude::*;

#[event_cpi]
#[derive(Accounts)]
pub struct InvoiceMature<'info> {
    /// The invoice's pool.
    #[account(mut)]
    pub pool: Box<Account<'info, Pool>>,
    /// The pool's deadline calendar.
    #[account(mut, constraint = calendar.load()?.pool == pool.key() @ AutofactorError::WrongPool)]
    pub calendar: AccountLoader<'info, PoolCalendar>,
    /// The invoice.
    #[account(mut, constraint = invoice.pool == pool.key() @ AutofactorError::WrongPool)]
    pub invoice: Box<Account<'info, Invoice>>,
}

impl InvoiceMature<'_> {
    /// Only accruing invoices at or past their overdue time.
    pub fn validate(&self) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        require!(
            matches!(self.invoice.status, InvoiceStatus::Financed | InvoiceStatus::PartiallyRepaid)
                && self.invoice.is_accruing(),
            AutofactorError::InvalidInvoiceStatus
        );
        require!(now >= self.invoice.overdue_ts, AutofactorError::NotYetDue);
        Ok(())
    }

    /// Stops the accrual and starts the write-down.
    pub fn handle(ctx: Context<Self>) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        crate::accrue_pool!(ctx, now);
        let pool = &mut ctx.accounts.pool;
        let invoice = &mut ctx.accounts.invoice;
        lifecycle::revalue(&mut pool.ledger, &mut *ctx.accounts.calendar.load_mut()?, invoice, now)?;
        pool.ledger.invariant()?;
        let snapshot = pool.ledger.snapshot()?;
        let pool_key = ctx.accounts.pool.key();
        emit_cpi!(InvoiceMatured {
            invoice: ctx.accounts.invoice.key(),
            pool: pool_key,
            book_usdc: ctx.accounts.invoice.book.book_usdc,
            written_down_usdc: ctx.accounts.invoice.book.written_down_usdc,
            snapshot,
            ts: now,
        });
        Ok(())
    }
}

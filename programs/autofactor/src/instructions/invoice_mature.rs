//! Permissionless keeper action at an invoice's due date: stops its income
//! accrual (its book value has reached the pool's outstanding claim) and
//! removes any accrual the pool booked past the due date.

use crate::error::AutofactorError;
use crate::events::InvoiceMatured;
use crate::state::*;
use anchor_lang::prelude::*;

#[event_cpi]
#[derive(Accounts)]
pub struct InvoiceMature<'info> {
    /// The invoice's pool.
    #[account(mut)]
    pub pool: Box<Account<'info, Pool>>,
    /// The invoice.
    #[account(mut, constraint = invoice.pool == pool.key() @ AutofactorError::WrongPool)]
    pub invoice: Box<Account<'info, Invoice>>,
}

impl InvoiceMature<'_> {
    /// Only accruing invoices at or past their due date.
    pub fn validate(&self) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        require!(
            matches!(self.invoice.status, InvoiceStatus::Financed | InvoiceStatus::PartiallyRepaid)
                && self.invoice.book.rate_scaled > 0,
            AutofactorError::InvalidInvoiceStatus
        );
        require!(now >= self.invoice.due_ts, AutofactorError::NotYetDue);
        Ok(())
    }

    /// Stops the accrual.
    pub fn handle(ctx: Context<Self>) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let pool = &mut ctx.accounts.pool;
        let invoice = &mut ctx.accounts.invoice;
        let apr = pool.params.senior_apr_bps;
        let due = invoice.due_ts;
        pool.ledger.accrue(apr, now)?;
        pool.ledger.stop_accrual(&mut invoice.book, now, due)?;
        pool.ledger.invariant()?;
        emit_cpi!(InvoiceMatured {
            invoice: ctx.accounts.invoice.key(),
            book_usdc: ctx.accounts.invoice.book.book_usdc,
            ts: now,
        });
        Ok(())
    }
}

//! Permissionless keeper action: an invoice still unpaid at its
//! `late_after_ts` (start of the due date + the grace days fixed at financing)
//! becomes Late. Its value follows the write-down schedule from the overdue
//! time on whether or not it is marked (full at the start of the due date,
//! zero at the write-off horizon), so marking changes status and reputation,
//! not NAV — except that it applies a pending overdue deadline on the way.
//! Past the horizon it becomes Defaulted directly.

use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::{InvoiceMarkedLate, InvoiceWrittenDown};
use crate::math::SafeMath;
use crate::state::*;
use anchor_lang::prelude::*;

#[event_cpi]
#[derive(Accounts)]
pub struct InvoiceMarkLate<'info> {
    /// Any wallet; pays for attribute resizing.
    #[account(mut)]
    pub keeper: Signer<'info>,
    /// The invoice's pool.
    #[account(mut)]
    pub pool: Box<Account<'info, Pool>>,
    /// The pool's deadline calendar.
    #[account(mut, constraint = calendar.load()?.pool == pool.key() @ AutofactorError::WrongPool)]
    pub calendar: AccountLoader<'info, PoolCalendar>,
    /// The invoice.
    #[account(mut, constraint = invoice.pool == pool.key() @ AutofactorError::WrongPool)]
    pub invoice: Box<Account<'info, Invoice>>,
    /// The buyer's reputation record.
    #[account(mut, seeds = [BUYER_REPUTATION_SEED, invoice.buyer_entity.as_ref()], bump = buyer_reputation.bump)]
    pub buyer_reputation: Box<Account<'info, BuyerReputation>>,
    /// CHECK: the invoice's Core asset.
    #[account(mut, address = invoice.asset @ AutofactorError::WrongAsset)]
    pub asset: UncheckedAccount<'info>,
    /// CHECK: the `["asset_authority"]` PDA.
    #[account(seeds = [ASSET_AUTHORITY_SEED], bump)]
    pub asset_authority: UncheckedAccount<'info>,
    /// CHECK: Metaplex Core.
    #[account(address = mpl_core::ID)]
    pub core_program: UncheckedAccount<'info>,
    pub system_program: Program<'info, System>,
}

impl InvoiceMarkLate<'_> {
    /// Only financed, unpaid invoices at or past their `late_after_ts`.
    pub fn validate(&self) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        require!(
            matches!(self.invoice.status, InvoiceStatus::Financed | InvoiceStatus::PartiallyRepaid),
            AutofactorError::InvalidInvoiceStatus
        );
        require!(now >= self.invoice.late_after_ts, AutofactorError::NotYetLate);
        Ok(())
    }

    /// Marks it late (or defaulted) and writes it down.
    pub fn handle(ctx: Context<Self>) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        crate::accrue_pool!(ctx, now);
        let pool = &mut ctx.accounts.pool;
        let invoice = &mut ctx.accounts.invoice;
        let accrual_end = invoice.overdue_ts;
        pool.ledger.stop_running(&mut invoice.book, now, accrual_end)?;
        let previous = invoice.book.book_usdc;
        invoice.status = InvoiceStatus::Late;
        invoice.late_ts = now;
        let rep = &mut ctx.accounts.buyer_reputation;
        rep.late_count = rep.late_count.safe_add(1)?;
        rep.open_late_count = rep.open_late_count.safe_add(1)?;
        rep.late_volume_usdc = rep.late_volume_usdc.safe_add(invoice.book.pricing.face_usdc)?;
        let defaulted = {
            let calendar = &mut *ctx.accounts.calendar.load_mut()?;
            value_on_schedule(&mut pool.ledger, calendar, invoice, now)?;
            default_at_horizon(calendar, invoice, rep, now)?
        };
        pool.ledger.invariant()?;
        crate::with_core!(ctx, keeper, |core| core.update_attributes(&ctx.accounts.invoice))?;
        let snapshot = ctx.accounts.pool.ledger.snapshot()?;
        let invoice_key = ctx.accounts.invoice.key();
        let book = ctx.accounts.invoice.book.book_usdc;
        let written_down = ctx.accounts.invoice.book.written_down_usdc;
        emit_cpi!(InvoiceMarkedLate {
            invoice: invoice_key,
            book_usdc: book,
            written_down_usdc: written_down,
            snapshot,
            ts: now
        });
        if defaulted {
            emit_cpi!(InvoiceWrittenDown {
                invoice: invoice_key,
                previous_book_usdc: previous,
                book_usdc: book,
                written_down_usdc: written_down,
                defaulted: true,
                snapshot,
                ts: now,
            });
        }
        Ok(())
    }
}

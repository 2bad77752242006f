//! Permissionless keeper action on a late invoice: recognizes its running
//! write-down in its own book (NAV already carries it: the schedule, fixed
//! at financing, lowers the book linearly to zero at the write-off horizon
//! continuously); at the horizon it defaults — the keeper action that the
//! pool's calendar waits for there.

use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::InvoiceWrittenDown;
use crate::state::*;
use anchor_lang::prelude::*;

#[event_cpi]
#[derive(Accounts)]
pub struct InvoiceWriteDown<'info> {
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

impl InvoiceWriteDown<'_> {
    /// Only late invoices.
    pub fn validate(&self) -> Result<()> {
        require!(self.invoice.status == InvoiceStatus::Late, AutofactorError::InvalidInvoiceStatus);
        Ok(())
    }

    /// Re-values the invoice; defaults it at the horizon.
    pub fn handle(ctx: Context<Self>) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        crate::accrue_pool!(ctx, now);
        let pool = &mut ctx.accounts.pool;
        let invoice = &mut ctx.accounts.invoice;
        let previous = invoice.book.book_usdc;
        let accrual_end = invoice.overdue_ts;
        pool.ledger.stop_running(&mut invoice.book, now, accrual_end)?;
        let rep = &mut ctx.accounts.buyer_reputation;
        let defaulted = {
            let calendar = &mut *ctx.accounts.calendar.load_mut()?;
            value_on_schedule(&mut pool.ledger, calendar, invoice, now)?;
            default_at_horizon(calendar, invoice, rep, now)?
        };
        pool.ledger.invariant()?;
        if defaulted {
            crate::with_core!(ctx, keeper, |core| core.update_attributes(&ctx.accounts.invoice))?;
        }
        let snapshot = ctx.accounts.pool.ledger.snapshot()?;
        emit_cpi!(InvoiceWrittenDown {
            invoice: ctx.accounts.invoice.key(),
            previous_book_usdc: previous,
            book_usdc: ctx.accounts.invoice.book.book_usdc,
            written_down_usdc: ctx.accounts.invoice.book.written_down_usdc,
            defaulted,
            snapshot,
            ts: now,
        });
        Ok(())
    }
}

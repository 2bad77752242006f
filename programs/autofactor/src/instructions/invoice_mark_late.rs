//! Permissionless keeper action: an invoice still unpaid past its due date
//! plus the pool's grace period becomes Late; its book value is set to the
//! write-down schedule's value (full at due + grace, zero at the write-off
//! horizon) at once. Past the horizon it becomes Defaulted directly.

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
    /// The invoice.
    #[account(mut, constraint = invoice.pool == pool.key() @ AutofactorError::WrongPool)]
    pub invoice: Box<Account<'info, Invoice>>,
    /// The buyer's reputation record.
    #[account(mut, seeds = [BUYER_REPUTATION_SEED, invoice.buyer.as_ref()], bump = buyer_reputation.bump)]
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
    /// Only financed, unpaid invoices past due + grace.
    pub fn validate(&self) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        require!(
            matches!(self.invoice.status, InvoiceStatus::Financed | InvoiceStatus::PartiallyRepaid),
            AutofactorError::InvalidInvoiceStatus
        );
        require!(now >= self.invoice.late_after_ts(&self.pool.policy), AutofactorError::NotYetLate);
        Ok(())
    }

    /// Marks it late (or defaulted) and writes it down.
    pub fn handle(ctx: Context<Self>) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let pool = &mut ctx.accounts.pool;
        let invoice = &mut ctx.accounts.invoice;
        let policy = pool.policy;
        let apr = pool.params.senior_apr_bps;
        let due = invoice.due_ts;
        pool.ledger.accrue(apr, now)?;
        pool.ledger.stop_accrual(&mut invoice.book, now, due)?;
        let previous = invoice.book.book_usdc;
        invoice.status = InvoiceStatus::Late;
        invoice.late_ts = now;
        let rep = &mut ctx.accounts.buyer_reputation;
        rep.late_count = rep.late_count.safe_add(1)?;
        rep.late_volume_usdc = rep.late_volume_usdc.safe_add(invoice.book.pricing.face_usdc)?;
        let defaulted = apply_write_down_schedule(&mut pool.ledger, invoice, rep, &policy, now)?;
        pool.ledger.invariant()?;
        crate::with_core!(ctx, keeper, |core| core.update_attributes(&ctx.accounts.invoice))?;
        let snapshot = ctx.accounts.pool.ledger.snapshot()?;
        let invoice_key = ctx.accounts.invoice.key();
        let book = ctx.accounts.invoice.book.book_usdc;
        emit_cpi!(InvoiceMarkedLate { invoice: invoice_key, book_usdc: book, snapshot, ts: now });
        if defaulted {
            emit_cpi!(InvoiceWrittenDown {
                invoice: invoice_key,
                previous_book_usdc: previous,
                book_usdc: book,
                defaulted: true,
                snapshot,
                ts: now,
            });
        }
        Ok(())
    }
}

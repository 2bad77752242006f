//! Permissionless keeper action: applies the write-down schedule to a late
//! invoice (its book value falls linearly to zero at the write-off horizon,
//! reaching NAV and tranche prices at once); at the horizon it defaults.

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

impl InvoiceWriteDown<'_> {
    /// Only late invoices.
    pub fn validate(&self) -> Result<()> {
        require!(self.invoice.status == InvoiceStatus::Late, AutofactorError::InvalidInvoiceStatus);
        Ok(())
    }

    /// Re-values the invoice; defaults it at the horizon.
    pub fn handle(ctx: Context<Self>) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let pool = &mut ctx.accounts.pool;
        let invoice = &mut ctx.accounts.invoice;
        let policy = pool.policy;
        let apr = pool.params.senior_apr_bps;
        pool.ledger.accrue(apr, now)?;
        let previous = invoice.book.book_usdc;
        let rep = &mut ctx.accounts.buyer_reputation;
        let defaulted = apply_write_down_schedule(&mut pool.ledger, invoice, rep, &policy, now)?;
        pool.ledger.invariant()?;
        if defaulted {
            crate::with_core!(ctx, keeper, |core| core.update_attributes(&ctx.accounts.invoice))?;
        }
        let snapshot = ctx.accounts.pool.ledger.snapshot()?;
        emit_cpi!(InvoiceWrittenDown {
            invoice: ctx.accounts.invoice.key(),
            previous_book_usdc: previous,
            book_usdc: ctx.accounts.invoice.book.book_usdc,
            defaulted,
            snapshot,
            ts: now,
        });
        Ok(())
    }
}

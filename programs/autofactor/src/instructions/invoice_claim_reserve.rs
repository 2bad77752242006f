//! The supplier claims the reserve that `invoice_settle` or
//! `invoice_close_defaulted` could not deliver (its USDC account was frozen
//! by the issuer, or none that can receive was given): the USDC owed is
//! paid to any USDC account the supplier owns and the invoice account —
//! kept `Closed` only for this — is closed, rent to the supplier. Not
//! stopped by a pause: the money is already the supplier's, outside NAV.

use super::shared::*;
use crate::error::AutofactorError;
use crate::events::InvoiceReserveClaimed;
use crate::state::*;
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;

#[event_cpi]
#[derive(Accounts)]
pub struct InvoiceClaimReserve<'info> {
    /// The invoice's supplier; receives the invoice account's rent.
    #[account(mut)]
    pub supplier: Signer<'info>,
    /// The invoice's pool and its vault.
    pub pool_vault: PoolVault<'info>,
    /// The closed invoice holding the reserve owed; closed here.
    #[account(mut, constraint = invoice.pool == pool_vault.pool.key() @ AutofactorError::WrongPool,
              has_one = supplier @ AutofactorError::NotInvoiceSupplier)]
    pub invoice: Box<Account<'info, Invoice>>,
    /// Any USDC account of the supplier's (it need not be the associated one).
    #[account(mut, token::mint = pool_vault.usdc_mint, token::authority = supplier,
              token::token_program = pool_vault.usdc_token_program)]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,
}

impl InvoiceClaimReserve<'_> {
    /// Only an invoice closed with its reserve still owed.
    pub fn validate(&self) -> Result<()> {
        require!(self.invoice.status == InvoiceStatus::Closed, AutofactorError::InvalidInvoiceStatus);
        Ok(())
    }

    /// Pays the reserve owed and closes the invoice account.
    pub fn handle(ctx: Context<Self>) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let amount_usdc = ctx.accounts.invoice.book.reserve_collected_usdc;
        crate::accrue_pool!(ctx, ctx.accounts.pool_vault.pool, now);
        let a = &mut *ctx.accounts;
        a.pool_vault.pool.ledger.release_reserve(amount_usdc)?;
        a.pool_vault.pool.ledger.invariant()?;
        a.pool_vault.pay(&a.destination.to_account_info(), amount_usdc)?;
        a.pool_vault.require_vault_covers()?;
        crate::cpi::close_account(&a.invoice.to_account_info(), &a.supplier)?;
        let event = InvoiceReserveClaimed {
            invoice: a.invoice.key(),
            pool: a.pool_vault.pool.key(),
            supplier: a.supplier.key(),
            amount_usdc,
            destination: a.destination.key(),
            snapshot: a.pool_vault.pool.ledger.snapshot()?,
            ts: now,
        };
        emit_cpi!(event);
        Ok(())
    }
}

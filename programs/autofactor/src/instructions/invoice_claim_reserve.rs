//! The supplier claims the reserve that `invoice_settle` or
//! `invoice_close_defaulted` could not deliver (its USDC account was frozen
//! by the issuer, or none that can receive was given): the USDC owed is
//! paid to any USDC account the supplier owns and the invoice account —
//! kept `Closed` only for this — is closed, rent to the supplier. Not
//! stopped by a pause: the money is already the supplier's, outside NAV.

use crate::error::AutofactorError;
use crate::events::InvoiceReserveClaimed;
use crate::state::*;
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

#[event_cpi]
#[derive(Accounts)]
pub struct InvoiceClaimReserve<'info> {
    /// The invoice's supplier; receives the invoice account's rent.
    #[account(mut)]
    pub supplier: Signer<'info>,
    /// The invoice's pool.
    #[account(mut,
              has_one = usdc_mint @ AutofactorError::WrongUsdcMint,
              has_one = vault @ AutofactorError::WrongVault)]
    pub pool: Box<Account<'info, Pool>>,
    /// The pool's USDC mint, owned by the USDC token program passed.
    #[account(mint::token_program = usdc_token_program)]
    pub usdc_mint: Box<InterfaceAccount<'info, Mint>>,
    /// The pool's vault.
    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The closed invoice holding the reserve owed; closed here.
    #[account(mut, constraint = invoice.pool == pool.key() @ AutofactorError::WrongPool,
              has_one = supplier @ AutofactorError::NotInvoiceSupplier)]
    pub invoice: Box<Account<'info, Invoice>>,
    /// Any USDC account of the supplier's (it need not be the associated one).
    #[account(mut, token::mint = usdc_mint, token::authority = supplier,
              token::token_program = usdc_token_program)]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,
    /// Token program of USDC.
    pub usdc_token_program: Interface<'info, TokenInterface>,
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
        let amount = ctx.accounts.invoice.book.reserve_collected_usdc;
        crate::accrue_pool!(ctx, now);
        let pool = &mut ctx.accounts.pool;
        pool.ledger.release_reserve(amount)?;
        pool.ledger.invariant()?;

        let a = &ctx.accounts;
        crate::cpi::pay_from_vault(
            &a.pool,
            a.vault.to_account_info(),
            a.destination.to_account_info(),
            a.usdc_mint.to_account_info(),
            a.usdc_mint.decimals,
            a.usdc_token_program.to_account_info(),
            amount,
        )?;
        ctx.accounts.vault.reload()?;
        ctx.accounts.pool.ledger.require_vault_covers(ctx.accounts.vault.amount)?;
        crate::cpi::close_account(
            &ctx.accounts.invoice.to_account_info(),
            &ctx.accounts.supplier.to_account_info(),
        )?;
        emit_cpi!(InvoiceReserveClaimed {
            invoice: ctx.accounts.invoice.key(),
            pool: ctx.accounts.pool.key(),
            supplier: ctx.accounts.supplier.key(),
            amount_usdc: amount,
            destination: ctx.accounts.destination.key(),
            snapshot: ctx.accounts.pool.ledger.snapshot()?,
            ts: now,
        });
        Ok(())
    }
}

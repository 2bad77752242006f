//! Settles a fully repaid invoice (anyone may send it): the supplier's
//! reserve is paid out, the Core asset is burned (its rent goes back to the
//! supplier, who paid it), and the invoice account is closed (rent to the
//! supplier). The registry entries stay, so the document can never be
//! financed again. If the supplier's USDC account cannot receive (frozen by
//! the issuer), the reserve stays owed to the supplier and the invoice
//! account stays, `Closed`, until the supplier claims it
//! (`invoice_claim_reserve`): a frozen account never blocks settlement.

use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::InvoiceSettled;
use crate::state::*;
use anchor_lang::prelude::*;
use anchor_spl::associated_token::AssociatedToken;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

#[event_cpi]
#[derive(Accounts)]
pub struct InvoiceSettle<'info> {
    /// Any wallet; pays for re-creating the supplier's USDC account if needed.
    #[account(mut)]
    pub keeper: Signer<'info>,
    /// The invoice's pool.
    #[account(mut,
              has_one = usdc_mint @ AutofactorError::WrongUsdcMint,
              has_one = vault @ AutofactorError::WrongVault)]
    pub pool: Box<Account<'info, Pool>>,
    /// The pool's USDC mint, owned by the USDC token program passed (a
    /// wrong program would derive another, missing, associated account).
    #[account(mint::token_program = usdc_token_program)]
    pub usdc_mint: Box<InterfaceAccount<'info, Mint>>,
    /// The pool's vault.
    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The invoice; closed here (rent to the supplier), or kept `Closed`
    /// while its reserve is owed.
    #[account(mut, constraint = invoice.pool == pool.key() @ AutofactorError::WrongPool,
              has_one = supplier @ AutofactorError::NotInvoiceSupplier)]
    pub invoice: Box<Account<'info, Invoice>>,
    /// CHECK: the invoice's supplier (checked by `has_one`).
    #[account(mut)]
    pub supplier: UncheckedAccount<'info>,
    /// CHECK: the supplier's USDC associated token account (created if missing).
    #[account(mut, address = anchor_spl::associated_token::get_associated_token_address_with_program_id(
        &supplier.key(), &usdc_mint.key(), &usdc_token_program.key()) @ AutofactorError::WrongPayoutAccount)]
    pub supplier_usdc: UncheckedAccount<'info>,
    /// CHECK: the invoice's Core asset.
    #[account(mut, address = invoice.asset @ AutofactorError::WrongAsset)]
    pub asset: UncheckedAccount<'info>,
    /// CHECK: the `["asset_authority"]` PDA; receives Core's burn refund
    /// and forwards it to the supplier in this instruction.
    #[account(mut, seeds = [ASSET_AUTHORITY_SEED], bump)]
    pub asset_authority: UncheckedAccount<'info>,
    /// CHECK: Metaplex Core.
    #[account(address = mpl_core::ID)]
    pub core_program: UncheckedAccount<'info>,
    /// Token program of USDC.
    pub usdc_token_program: Interface<'info, TokenInterface>,
    pub associated_token_program: Program<'info, AssociatedToken>,
    pub system_program: Program<'info, System>,
}

impl InvoiceSettle<'_> {
    /// Only fully repaid invoices.
    pub fn validate(&self) -> Result<()> {
        if self.invoice.status.is_outstanding() {
            return err!(AutofactorError::NotFullyRepaid);
        }
        require!(self.invoice.status == InvoiceStatus::Repaid, AutofactorError::InvalidInvoiceStatus);
        Ok(())
    }

    /// Releases the reserve, burns the asset, closes the invoice.
    pub fn handle(ctx: Context<Self>) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let reserve = ctx.accounts.invoice.book.reserve_collected_usdc;
        crate::accrue_pool!(ctx, now);
        let pool = &mut ctx.accounts.pool;
        pool.ledger.close_invoice(&ctx.accounts.invoice.book)?;

        let a = &ctx.accounts;
        if reserve > 0 {
            crate::cpi::create_ata_if_missing(
                a.keeper.to_account_info(),
                a.supplier_usdc.to_account_info(),
                a.supplier.to_account_info(),
                a.usdc_mint.to_account_info(),
                a.system_program.to_account_info(),
                a.usdc_token_program.to_account_info(),
                &a.associated_token_program.to_account_info(),
            )?;
        }
        let (released, owed) = crate::cpi::pay_from_vault_or_owe(
            &a.pool,
            a.vault.to_account_info(),
            Some(a.supplier_usdc.to_account_info()),
            &a.supplier.key(),
            a.usdc_mint.to_account_info(),
            a.usdc_mint.decimals,
            a.usdc_token_program.to_account_info(),
            reserve,
        )?;
        ctx.accounts.pool.ledger.release_reserve(released)?;
        ctx.accounts.pool.ledger.invariant()?;
        // Burn with the asset authority PDA as payer, then hand its refund
        // (the asset's rent) to the supplier.
        let supplier = ctx.accounts.supplier.to_account_info();
        crate::with_core!(ctx, asset_authority, |core| core.burn_and_refund(&supplier))?;
        ctx.accounts.vault.reload()?;
        ctx.accounts.pool.ledger.require_vault_covers(ctx.accounts.vault.amount)?;
        finish_burned_invoice(
            &mut ctx.accounts.invoice,
            owed == 0,
            &ctx.accounts.supplier.to_account_info(),
        )?;
        emit_cpi!(InvoiceSettled {
            invoice: ctx.accounts.invoice.key(),
            asset: ctx.accounts.invoice.asset,
            pool: ctx.accounts.pool.key(),
            supplier: ctx.accounts.supplier.key(),
            reserve_released_usdc: released,
            reserve_owed_usdc: owed,
            ts: now,
        });
        Ok(())
    }
}

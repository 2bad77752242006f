//! Settles a fully repaid invoice (anyone may send it): the supplier's
//! reserve is paid out, the Core asset is burned (its rent goes back to the
//! supplier, who paid it), and the invoice account is closed (rent to the
//! supplier). The registry entries stay, so the document can never be
//! financed again. If the supplier's USDC account cannot receive (frozen by
//! the issuer), the reserve stays owed to the supplier and the invoice
//! account stays, `Closed`, until the supplier claims it
//! (`invoice_claim_reserve`): a frozen account never blocks settlement.

use super::shared::*;
use crate::error::AutofactorError;
use crate::events::InvoiceSettled;
use crate::state::*;
use anchor_lang::prelude::*;
use anchor_spl::associated_token::AssociatedToken;

#[event_cpi]
#[derive(Accounts)]
pub struct InvoiceSettle<'info> {
    /// Any wallet; pays for re-creating the supplier's USDC account if needed.
    #[account(mut)]
    pub keeper: Signer<'info>,
    /// The pool, the invoice, its supplier and its asset.
    pub ending: EndingInvoice<'info>,
    /// CHECK: the supplier's USDC associated token account (created if missing).
    #[account(mut, address = anchor_spl::associated_token::get_associated_token_address_with_program_id(
        &ending.supplier.key(), &ending.pool_vault.usdc_mint.key(), &ending.pool_vault.usdc_token_program.key())
        @ AutofactorError::WrongPayoutAccount)]
    pub supplier_usdc: UncheckedAccount<'info>,
    /// The associated token program.
    pub associated_token_program: Program<'info, AssociatedToken>,
}

impl InvoiceSettle<'_> {
    /// Only fully repaid invoices.
    pub fn validate(&self) -> Result<()> {
        let status = self.ending.invoice.status;
        if status.is_outstanding() {
            return err!(AutofactorError::NotFullyRepaid);
        }
        require!(status == InvoiceStatus::Repaid, AutofactorError::InvalidInvoiceStatus);
        Ok(())
    }

    /// Releases the reserve, burns the asset, closes the invoice.
    pub fn handle(ctx: Context<Self>) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let reserve_usdc = ctx.accounts.ending.invoice.book.reserve_collected_usdc;
        crate::accrue_pool!(ctx, ctx.accounts.ending.pool_vault.pool, now);
        let a = &mut *ctx.accounts;
        let e = &mut a.ending;
        e.pool_vault.pool.ledger.close_invoice(&e.invoice.book)?;
        if reserve_usdc > 0 {
            crate::cpi::create_ata_if_missing(
                a.keeper.to_account_info(),
                a.supplier_usdc.to_account_info(),
                e.supplier.to_account_info(),
                e.pool_vault.usdc_mint.to_account_info(),
                e.system_program.to_account_info(),
                e.pool_vault.usdc_token_program.to_account_info(),
                &a.associated_token_program.to_account_info(),
            )?;
        }
        let to = Some(a.supplier_usdc.to_account_info());
        let (released_usdc, owed_usdc) = e.release_reserve_and_burn(&ctx.bumps.ending, to, reserve_usdc)?;
        let event = InvoiceSettled {
            invoice: e.invoice.key(),
            asset: e.invoice.asset,
            pool: e.pool_vault.pool.key(),
            supplier: e.supplier.key(),
            reserve_released_usdc: released_usdc,
            reserve_owed_usdc: owed_usdc,
            ts: now,
        };
        emit_cpi!(event);
        Ok(())
    }
}

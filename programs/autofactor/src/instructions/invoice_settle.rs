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
    /// The invoice's pool and its vault.
    pub pool_vault: PoolVault<'info>,
    /// The invoice; closed here (rent to the supplier), or kept `Closed`
    /// while its reserve is owed.
    #[account(mut, constraint = invoice.pool == pool_vault.pool.key() @ AutofactorError::WrongPool,
              has_one = supplier @ AutofactorError::NotInvoiceSupplier,
              constraint = invoice.asset == invoice_asset.asset.key() @ AutofactorError::WrongAsset)]
    pub invoice: Box<Account<'info, Invoice>>,
    /// CHECK: the invoice's supplier (checked by `has_one`).
    #[account(mut)]
    pub supplier: UncheckedAccount<'info>,
    /// CHECK: the supplier's USDC associated token account (created if missing).
    #[account(mut, address = anchor_spl::associated_token::get_associated_token_address_with_program_id(
        &supplier.key(), &pool_vault.usdc_mint.key(), &pool_vault.usdc_token_program.key())
        @ AutofactorError::WrongPayoutAccount)]
    pub supplier_usdc: UncheckedAccount<'info>,
    /// The invoice's Core asset, burned here.
    pub invoice_asset: InvoiceAssetBurn<'info>,
    /// The associated token program.
    pub associated_token_program: Program<'info, AssociatedToken>,
    /// The system program.
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
        let reserve_usdc = ctx.accounts.invoice.book.reserve_collected_usdc;
        crate::accrue_pool!(ctx, ctx.accounts.pool_vault.pool, now);
        let a = &mut *ctx.accounts;
        a.pool_vault.pool.ledger.close_invoice(&a.invoice.book)?;
        if reserve_usdc > 0 {
            crate::cpi::create_ata_if_missing(
                a.keeper.to_account_info(),
                a.supplier_usdc.to_account_info(),
                a.supplier.to_account_info(),
                a.pool_vault.usdc_mint.to_account_info(),
                a.system_program.to_account_info(),
                a.pool_vault.usdc_token_program.to_account_info(),
                &a.associated_token_program.to_account_info(),
            )?;
        }
        let (released_usdc, owed_usdc) = release_reserve_and_burn(
            &mut a.pool_vault,
            &a.invoice_asset,
            &ctx.bumps.invoice_asset,
            &a.system_program,
            &mut a.invoice,
            &a.supplier,
            Some(a.supplier_usdc.to_account_info()),
            reserve_usdc,
        )?;
        let event = InvoiceSettled {
            invoice: a.invoice.key(),
            asset: a.invoice.asset,
            pool: a.pool_vault.pool.key(),
            supplier: a.supplier.key(),
            reserve_released_usdc: released_usdc,
            reserve_owed_usdc: owed_usdc,
            ts: now,
        };
        emit_cpi!(event);
        Ok(())
    }
}

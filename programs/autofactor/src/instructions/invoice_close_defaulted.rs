//! Closes a defaulted invoice at the end of its recovery period (anyone may
//! send it from `Invoice::close_after_ts`: the write-off horizon plus the
//! pool's recovery days, both fixed at financing). What the pool is owed
//! stays its loss (the book is already zero) and the fees collected stay
//! owed to the protocol and the manager; everything collected beyond them —
//! toward the supplier's reserve — is paid to the supplier. The Core asset
//! is burned (rent back to the supplier) and the invoice account closed
//! (rent to the supplier), as at settlement. The registry entries stay, so
//! the document can never be financed again. The invoice leaves the buyer's
//! and supplier's exposures (its remaining claim and one open invoice, the
//! rule `invoice_repay` applies on full repayment). The reserve is paid to
//! a USDC account the supplier owns (any, passed by the sender; none is
//! created, so the keeper never pays rent the supplier could reclaim). If
//! none is given or it cannot receive (frozen by the issuer), the reserve
//! stays owed to the supplier and the invoice account stays, `Closed`,
//! until the supplier claims it (`invoice_claim_reserve`): the supplier can
//! never block the close, nor lose its reserve. Not stopped by a pause.

use super::shared::*;
use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::InvoiceClosedDefaulted;
use crate::lifecycle;
use crate::state::*;
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;

#[event_cpi]
#[derive(Accounts)]
pub struct InvoiceCloseDefaulted<'info> {
    /// Any wallet.
    pub keeper: Signer<'info>,
    /// The invoice's pool and its vault.
    pub pool_vault: PoolVault<'info>,
    /// The defaulted invoice; closed here (rent to the supplier), or kept
    /// `Closed` while its reserve is owed.
    #[account(mut, constraint = invoice.pool == pool_vault.pool.key() @ AutofactorError::WrongPool,
              has_one = supplier @ AutofactorError::NotInvoiceSupplier,
              constraint = invoice.asset == invoice_asset.asset.key() @ AutofactorError::WrongAsset)]
    pub invoice: Box<Account<'info, Invoice>>,
    /// CHECK: the invoice's supplier (checked by `has_one`).
    #[account(mut)]
    pub supplier: UncheckedAccount<'info>,
    /// A USDC account the supplier owns (usually its ATA); receives the
    /// reserve. Without one that can receive, the reserve stays owed.
    #[account(mut, token::mint = pool_vault.usdc_mint, token::authority = supplier,
              token::token_program = pool_vault.usdc_token_program)]
    pub supplier_usdc: Option<Box<InterfaceAccount<'info, TokenAccount>>>,
    /// The pool's exposure to the buyer (the invoice leaves it).
    #[account(mut, seeds = [EXPOSURE_SEED, pool_vault.pool.key().as_ref(), &[EXPOSURE_BUYER], invoice.buyer_entity.as_ref()], bump = buyer_exposure.bump)]
    pub buyer_exposure: Box<Account<'info, Exposure>>,
    /// The pool's exposure to the supplier (the invoice leaves it).
    #[account(mut, seeds = [EXPOSURE_SEED, pool_vault.pool.key().as_ref(), &[EXPOSURE_SUPPLIER], invoice.supplier_entity.as_ref()], bump = supplier_exposure.bump)]
    pub supplier_exposure: Box<Account<'info, Exposure>>,
    /// The pool's configuration of the invoice currency (required unless
    /// USD): the closed invoice leaves its open invoices (F-07). No price
    /// is read.
    pub fx: FxPricing<'info>,
    /// The invoice's Core asset, burned here.
    pub invoice_asset: InvoiceAssetBurn<'info>,
    /// The system program.
    pub system_program: Program<'info, System>,
}

impl InvoiceCloseDefaulted<'_> {
    /// Only defaulted invoices, and only once their recovery period is over.
    pub fn validate(&self) -> Result<()> {
        require!(self.invoice.status == InvoiceStatus::Defaulted, AutofactorError::InvalidInvoiceStatus);
        let now = Clock::get()?.unix_timestamp;
        require!(now >= self.invoice.close_after_ts, AutofactorError::RecoveryPeriodNotOver);
        Ok(())
    }

    /// Releases the reserve collected, burns the asset, closes the invoice.
    pub fn handle(ctx: Context<Self>) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let book = ctx.accounts.invoice.book;
        let reserve_usdc = book.reserve_collected_usdc;
        let pool_key = ctx.accounts.pool_vault.pool.key();
        ctx.accounts.fx.release(&pool_key, &ctx.accounts.invoice)?;
        crate::accrue_pool!(ctx, ctx.accounts.pool_vault.pool, now);
        let a = &mut *ctx.accounts;
        a.pool_vault.pool.ledger.close_invoice(&book)?;
        let remaining_claim_usdc = book.claim_outstanding_usdc();
        lifecycle::release_exposures(
            [&mut a.buyer_exposure, &mut a.supplier_exposure],
            remaining_claim_usdc,
        )?;
        let (released_usdc, owed_usdc) = release_reserve_and_burn(
            &mut a.pool_vault,
            &a.invoice_asset,
            &ctx.bumps.invoice_asset,
            &a.system_program,
            &mut a.invoice,
            &a.supplier,
            a.supplier_usdc.as_ref().map(|to| to.to_account_info()),
            reserve_usdc,
        )?;
        let snapshot = a.pool_vault.pool.ledger.snapshot()?;
        let event = InvoiceClosedDefaulted {
            invoice: a.invoice.key(),
            asset: a.invoice.asset,
            pool: pool_key,
            supplier: a.supplier.key(),
            reserve_released_usdc: released_usdc,
            reserve_owed_usdc: owed_usdc,
            claim_unpaid_usdc: remaining_claim_usdc,
            snapshot,
            ts: now,
        };
        emit_cpi!(event);
        Ok(())
    }
}

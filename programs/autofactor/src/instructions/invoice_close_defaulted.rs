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
    /// The pool, the defaulted invoice, its supplier and its asset.
    pub ending: EndingInvoice<'info>,
    /// A USDC account the supplier owns (usually its ATA); receives the
    /// reserve. Without one that can receive, the reserve stays owed.
    #[account(mut, token::mint = ending.pool_vault.usdc_mint, token::authority = ending.supplier,
              token::token_program = ending.pool_vault.usdc_token_program)]
    pub supplier_usdc: Option<Box<InterfaceAccount<'info, TokenAccount>>>,
    /// The pool's exposure to the buyer (the invoice leaves it).
    #[account(mut, seeds = [EXPOSURE_SEED, ending.pool_vault.pool.key().as_ref(), &[EXPOSURE_BUYER],
                            ending.invoice.buyer_entity.as_ref()], bump = buyer_exposure.bump)]
    pub buyer_exposure: Box<Account<'info, Exposure>>,
    /// The pool's exposure to the supplier (the invoice leaves it).
    #[account(mut, seeds = [EXPOSURE_SEED, ending.pool_vault.pool.key().as_ref(), &[EXPOSURE_SUPPLIER],
                            ending.invoice.supplier_entity.as_ref()], bump = supplier_exposure.bump)]
    pub supplier_exposure: Box<Account<'info, Exposure>>,
    /// The pool's configuration of the invoice currency (required unless
    /// USD): the closed invoice leaves its open invoices (F-07). No price
    /// is read.
    pub fx: FxPricing<'info>,
}

impl InvoiceCloseDefaulted<'_> {
    /// Only defaulted invoices, and only once their recovery period is over.
    pub fn validate(&self) -> Result<()> {
        let invoice = &self.ending.invoice;
        require!(invoice.status == InvoiceStatus::Defaulted, AutofactorError::InvalidInvoiceStatus);
        let now = Clock::get()?.unix_timestamp;
        require!(now >= invoice.close_after_ts, AutofactorError::RecoveryPeriodNotOver);
        Ok(())
    }

    /// Releases the reserve collected, burns the asset, closes the invoice.
    pub fn handle(ctx: Context<Self>) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let book = ctx.accounts.ending.invoice.book;
        let reserve_usdc = book.reserve_collected_usdc;
        let pool_key = ctx.accounts.ending.pool_vault.pool.key();
        ctx.accounts.fx.release(&pool_key, &ctx.accounts.ending.invoice)?;
        crate::accrue_pool!(ctx, ctx.accounts.ending.pool_vault.pool, now);
        let a = &mut *ctx.accounts;
        let e = &mut a.ending;
        e.pool_vault.pool.ledger.close_invoice(&book)?;
        let remaining_claim_usdc = book.claim_outstanding_usdc();
        lifecycle::release_exposures(
            [&mut a.buyer_exposure, &mut a.supplier_exposure],
            remaining_claim_usdc,
        )?;
        let to = a.supplier_usdc.as_ref().map(|to| to.to_account_info());
        let (released_usdc, owed_usdc) = e.release_reserve_and_burn(&ctx.bumps.ending, to, reserve_usdc)?;
        let event = InvoiceClosedDefaulted {
            invoice: e.invoice.key(),
            asset: e.invoice.asset,
            pool: pool_key,
            supplier: e.supplier.key(),
            reserve_released_usdc: released_usdc,
            reserve_owed_usdc: owed_usdc,
            claim_unpaid_usdc: remaining_claim_usdc,
            snapshot: e.pool_vault.pool.ledger.snapshot()?,
            ts: now,
        };
        emit_cpi!(event);
        Ok(())
    }
}

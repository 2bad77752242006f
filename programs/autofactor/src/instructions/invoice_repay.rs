//! Anyone (usually the buyer) pays toward a financed invoice, in part or in
//! full. The amount is given in the invoice currency's minor units; the
//! USDC it costs (exact for USD) goes into the pool's vault, since the pool
//! holds the asset. Overpayment is refused. Payments on late or defaulted
//! invoices are recoveries and write value back. Payments are accepted even
//! while the protocol or the pool is paused: money owed to the pool is
//! never turned away.

use super::shared::*;
use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::InvoicePaid;
use crate::lifecycle;
use crate::state::*;
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;

/// Arguments of `invoice_repay`.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub struct InvoiceRepayArgs {
    /// Amount credited, in the invoice currency's minor units.
    pub amount_minor: u64,
    /// Most USDC the payer accepts to pay for it.
    pub max_usdc: u64,
}

#[event_cpi]
#[derive(Accounts)]
pub struct InvoiceRepay<'info> {
    /// Whoever pays.
    #[account(mut)]
    pub payer: Signer<'info>,
    /// The invoice's pool and its vault (receives the payment).
    pub pool_vault: PoolVault<'info>,
    /// The pool's deadline calendar (a payment past the overdue time
    /// applies that deadline; a full repayment clears the invoice's).
    #[account(mut, constraint = calendar.load()?.pool == pool_vault.pool.key() @ AutofactorError::WrongPool)]
    pub calendar: AccountLoader<'info, PoolCalendar>,
    /// The payer's USDC account.
    #[account(mut, token::mint = pool_vault.usdc_mint, token::authority = payer,
              token::token_program = pool_vault.usdc_token_program)]
    pub payer_usdc: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The invoice.
    #[account(mut, constraint = invoice.pool == pool_vault.pool.key() @ AutofactorError::WrongPool,
              constraint = invoice.asset == invoice_asset.asset.key() @ AutofactorError::WrongAsset)]
    pub invoice: Box<Account<'info, Invoice>>,
    /// The buyer's reputation record.
    #[account(mut, seeds = [BUYER_REPUTATION_SEED, invoice.buyer_entity.as_ref()], bump = buyer_reputation.bump)]
    pub buyer_reputation: Box<Account<'info, BuyerReputation>>,
    /// The pool's exposure to the buyer.
    #[account(mut, seeds = [EXPOSURE_SEED, pool_vault.pool.key().as_ref(), &[EXPOSURE_BUYER], invoice.buyer_entity.as_ref()], bump = buyer_exposure.bump)]
    pub buyer_exposure: Box<Account<'info, Exposure>>,
    /// The pool's exposure to the supplier.
    #[account(mut, seeds = [EXPOSURE_SEED, pool_vault.pool.key().as_ref(), &[EXPOSURE_SUPPLIER], invoice.supplier_entity.as_ref()], bump = supplier_exposure.bump)]
    pub supplier_exposure: Box<Account<'info, Exposure>>,
    /// The currency's configuration and price (unless USD); a full
    /// repayment removes the invoice from the currency's open ones.
    pub fx: FxPricing<'info>,
    /// The invoice's Core asset (its status attribute).
    pub invoice_asset: InvoiceAsset<'info>,
    /// The system program.
    pub system_program: Program<'info, System>,
}

impl InvoiceRepay<'_> {
    /// Status, amount and price checks.
    pub fn validate(&self, args: &InvoiceRepayArgs) -> Result<()> {
        let invoice = &self.invoice;
        if invoice.status.is_pre_financing() {
            return err!(AutofactorError::InvoiceNotFinanced);
        }
        require!(invoice.status.is_outstanding(), AutofactorError::InvalidInvoiceStatus);
        require!(args.amount_minor > 0, AutofactorError::ZeroAmount);
        require!(args.amount_minor <= invoice.outstanding_minor(), AutofactorError::Overpayment);
        Ok(())
    }

    /// Moves the USDC, applies it and re-values the invoice.
    pub fn handle(ctx: Context<Self>, args: InvoiceRepayArgs) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let pool_key = ctx.accounts.pool_vault.pool.key();
        let a = &mut *ctx.accounts;
        let (amount_usdc, fx_rate_scaled) =
            a.fx.cost_of_payment(&pool_key, &a.invoice, args.amount_minor, now)?;
        require!(amount_usdc > 0 && amount_usdc <= args.max_usdc, AutofactorError::PaymentAboveMax);
        crate::accrue_pool!(ctx, ctx.accounts.pool_vault.pool, now);
        let a = &mut *ctx.accounts;
        let applied = lifecycle::apply_payment(
            &mut a.pool_vault.pool.ledger,
            &mut *a.calendar.load_mut()?,
            &mut a.invoice,
            &mut a.buyer_reputation,
            [&mut a.buyer_exposure, &mut a.supplier_exposure],
            args.amount_minor,
            amount_usdc,
            now,
        )?;
        if applied.fully_repaid {
            // No longer valued in the currency: its terms may change.
            a.fx.release(&pool_key, &a.invoice)?;
        }
        a.pool_vault.receive(&a.payer_usdc.to_account_info(), &a.payer, amount_usdc)?;
        if applied.status_changed {
            a.invoice_asset
                .core(&ctx.bumps.invoice_asset, &a.payer, &a.system_program)
                .update_attributes(&a.invoice)?;
        }
        a.pool_vault.require_vault_covers()?;
        let event = InvoicePaid {
            invoice: a.invoice.key(),
            pool: pool_key,
            payer: a.payer.key(),
            amount_minor: args.amount_minor,
            amount_usdc,
            outstanding_minor: a.invoice.outstanding_minor(),
            to_pool_usdc: applied.to_pool_usdc,
            recovery: applied.recovery,
            fully_repaid: applied.fully_repaid,
            written_down_usdc: a.invoice.book.written_down_usdc,
            fx_rate_scaled,
            snapshot: a.pool_vault.pool.ledger.snapshot()?,
            ts: now,
        };
        emit_cpi!(event);
        Ok(())
    }
}

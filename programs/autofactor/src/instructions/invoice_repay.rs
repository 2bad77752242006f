//! Anyone (usually the buyer) pays toward a financed invoice, in part or in
//! full. The amount is given in the invoice currency's minor units; the
//! USDC it costs (exact for USD) goes into the pool's vault, since the pool
//! holds the asset. Overpayment is refused. Payments on late or defaulted
//! invoices are recoveries and write value back. Payments are accepted even
//! while the protocol or the pool is paused: money owed to the pool is
//! never turned away.

use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::InvoicePaid;
use crate::math::SafeMath;
use crate::state::*;
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{self, Mint, TokenAccount, TokenInterface, TransferChecked};

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
    /// The invoice's pool.
    #[account(mut,
              has_one = usdc_mint @ AutofactorError::WrongUsdcMint,
              has_one = vault @ AutofactorError::WrongVault)]
    pub pool: Box<Account<'info, Pool>>,
    /// The pool's deadline calendar (a payment past the overdue time
    /// applies that deadline; a full repayment clears the invoice's).
    #[account(mut, constraint = calendar.load()?.pool == pool.key() @ AutofactorError::WrongPool)]
    pub calendar: AccountLoader<'info, PoolCalendar>,
    /// The pool's USDC mint.
    pub usdc_mint: Box<InterfaceAccount<'info, Mint>>,
    /// The pool's vault.
    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The payer's USDC account.
    #[account(mut, token::mint = usdc_mint, token::authority = payer, token::token_program = usdc_token_program)]
    pub payer_usdc: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The invoice.
    #[account(mut, constraint = invoice.pool == pool.key() @ AutofactorError::WrongPool)]
    pub invoice: Box<Account<'info, Invoice>>,
    /// The buyer's reputation record.
    #[account(mut, seeds = [BUYER_REPUTATION_SEED, invoice.buyer_entity.as_ref()], bump = buyer_reputation.bump)]
    pub buyer_reputation: Box<Account<'info, BuyerReputation>>,
    /// The pool's exposure to the buyer.
    #[account(mut, seeds = [EXPOSURE_SEED, pool.key().as_ref(), &[EXPOSURE_BUYER], invoice.buyer_entity.as_ref()], bump = buyer_exposure.bump)]
    pub buyer_exposure: Box<Account<'info, Exposure>>,
    /// The pool's exposure to the supplier.
    #[account(mut, seeds = [EXPOSURE_SEED, pool.key().as_ref(), &[EXPOSURE_SUPPLIER], invoice.supplier_entity.as_ref()], bump = supplier_exposure.bump)]
    pub supplier_exposure: Box<Account<'info, Exposure>>,
    /// CHECK: the invoice's Core asset.
    #[account(mut, address = invoice.asset @ AutofactorError::WrongAsset)]
    pub asset: UncheckedAccount<'info>,
    /// The pool's configuration of the invoice currency (required unless
    /// USD); a full repayment removes the invoice from its open ones.
    #[account(mut)]
    pub currency_config: Option<Box<Account<'info, CurrencyConfig>>>,
    /// CHECK: the Pyth `PriceUpdateV2` of the invoice currency (required
    /// unless USD); checked in `handle`.
    pub fx_price: Option<UncheckedAccount<'info>>,
    /// CHECK: the `["asset_authority"]` PDA.
    #[account(seeds = [ASSET_AUTHORITY_SEED], bump)]
    pub asset_authority: UncheckedAccount<'info>,
    /// CHECK: Metaplex Core.
    #[account(address = mpl_core::ID)]
    pub core_program: UncheckedAccount<'info>,
    /// Token program of USDC.
    pub usdc_token_program: Interface<'info, TokenInterface>,
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
        let (usdc, fx_rate_scaled) = if ctx.accounts.invoice.currency == USD {
            (usd_minor_to_usdc(args.amount_minor)?, 0)
        } else {
            let cfg =
                ctx.accounts.currency_config.as_ref().ok_or(error!(AutofactorError::CurrencyNotSupported))?;
            require!(
                cfg.pool == ctx.accounts.pool.key() && cfg.terms.code == ctx.accounts.invoice.currency,
                AutofactorError::WrongCurrencyConfig
            );
            let account =
                ctx.accounts.fx_price.as_ref().ok_or(error!(AutofactorError::PriceAccountMissing))?;
            let decimals = ctx.accounts.invoice.currency_decimals;
            let quote = crate::oracle::FxQuote::read(account, cfg, decimals, now)?;
            (quote.cost_for_payment(args.amount_minor)?, quote.payment_rate_scaled()?)
        };
        require!(usdc > 0 && usdc <= args.max_usdc, AutofactorError::PaymentAboveMax);
        crate::accrue_pool!(ctx, now);
        let pool = &mut ctx.accounts.pool;
        let invoice = &mut ctx.accounts.invoice;
        let due = invoice.overdue_ts;
        let before = invoice.status;
        let recovery = matches!(before, InvoiceStatus::Late | InvoiceStatus::Defaulted);
        let to_pool = pool.ledger.collect(&mut invoice.book, usdc, now, due)?;
        invoice.repaid_minor = invoice.repaid_minor.safe_add(args.amount_minor)?;
        for exposure in [&mut ctx.accounts.buyer_exposure, &mut ctx.accounts.supplier_exposure] {
            exposure.release_claim(to_pool)?;
        }
        let fully_repaid = invoice.repaid_minor == invoice.face_minor;
        if fully_repaid {
            // Whatever of the claim was not collected (only possible for
            // FX invoices) is the pool's loss, recognized now; the exposure
            // it held is released with it.
            let written_off = invoice.book.claim_outstanding_usdc();
            for exposure in [&mut ctx.accounts.buyer_exposure, &mut ctx.accounts.supplier_exposure] {
                exposure.release_invoice(written_off)?;
            }
            if invoice.currency != USD {
                // No longer valued in the currency: its terms may change.
                let cfg = ctx
                    .accounts
                    .currency_config
                    .as_mut()
                    .ok_or(error!(AutofactorError::CurrencyNotSupported))?;
                cfg.open_invoices = cfg.open_invoices.safe_sub(1)?;
            }
            pool.ledger.revalue(&mut invoice.book, 0)?;
            clear_deadline(&mut *ctx.accounts.calendar.load_mut()?, invoice)?;
            invoice.status = InvoiceStatus::Repaid;
            invoice.repaid_ts = now;
            let rep = &mut ctx.accounts.buyer_reputation;
            let volume = invoice.book.pricing.face_usdc;
            match before {
                InvoiceStatus::Late => rep.open_late_count = rep.open_late_count.safe_sub(1)?,
                InvoiceStatus::Defaulted => rep.open_default_count = rep.open_default_count.safe_sub(1)?,
                _ => {}
            }
            if recovery {
                rep.recovered_count = rep.recovered_count.safe_add(1)?;
            } else if now <= invoice.late_after_ts {
                rep.repaid_on_time_count = rep.repaid_on_time_count.safe_add(1)?;
                rep.repaid_on_time_volume_usdc = rep.repaid_on_time_volume_usdc.safe_add(volume)?;
            }
        } else {
            match before {
                InvoiceStatus::Financed | InvoiceStatus::PartiallyRepaid | InvoiceStatus::Late => {
                    if before != InvoiceStatus::Late {
                        invoice.status = InvoiceStatus::PartiallyRepaid;
                    }
                    // Accrues again before the overdue time; from it, the
                    // schedule values the rest (a write-back of the part paid).
                    value_on_schedule(
                        &mut pool.ledger,
                        &mut *ctx.accounts.calendar.load_mut()?,
                        invoice,
                        now,
                    )?;
                }
                _ => {
                    // Defaulted: fully written off; the payment is pure recovery.
                    pool.ledger.revalue(&mut invoice.book, 0)?;
                }
            }
        }
        pool.ledger.invariant()?;
        let status_changed = invoice.status != before;

        let a = &ctx.accounts;
        token_interface::transfer_checked(
            CpiContext::new(
                a.usdc_token_program.key(),
                TransferChecked {
                    from: a.payer_usdc.to_account_info(),
                    mint: a.usdc_mint.to_account_info(),
                    to: a.vault.to_account_info(),
                    authority: a.payer.to_account_info(),
                },
            ),
            usdc,
            a.usdc_mint.decimals,
        )?;
        if status_changed {
            crate::with_core!(ctx, payer, |core| core.update_attributes(&ctx.accounts.invoice))?;
        }
        ctx.accounts.vault.reload()?;
        let pool = &ctx.accounts.pool;
        pool.ledger.require_vault_covers(ctx.accounts.vault.amount)?;
        let snapshot = pool.ledger.snapshot()?;
        emit_cpi!(InvoicePaid {
            invoice: ctx.accounts.invoice.key(),
            pool: ctx.accounts.pool.key(),
            payer: ctx.accounts.payer.key(),
            amount_minor: args.amount_minor,
            amount_usdc: usdc,
            outstanding_minor: ctx.accounts.invoice.outstanding_minor(),
            to_pool_usdc: to_pool,
            recovery,
            fully_repaid,
            written_down_usdc: ctx.accounts.invoice.book.written_down_usdc,
            fx_rate_scaled,
            snapshot,
            ts: now,
        });
        Ok(())
    }
}

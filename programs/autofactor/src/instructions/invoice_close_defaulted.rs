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

use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::InvoiceClosedDefaulted;
use crate::state::*;
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

#[event_cpi]
#[derive(Accounts)]
pub struct InvoiceCloseDefaulted<'info> {
    /// Any wallet.
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
    /// The defaulted invoice; closed here (rent to the supplier), or kept
    /// `Closed` while its reserve is owed.
    #[account(mut, constraint = invoice.pool == pool.key() @ AutofactorError::WrongPool,
              has_one = supplier @ AutofactorError::NotInvoiceSupplier)]
    pub invoice: Box<Account<'info, Invoice>>,
    /// CHECK: the invoice's supplier (checked by `has_one`).
    #[account(mut)]
    pub supplier: UncheckedAccount<'info>,
    /// A USDC account the supplier owns (usually its ATA); receives the
    /// reserve. Without one that can receive, the reserve stays owed.
    #[account(mut, token::mint = usdc_mint, token::authority = supplier, token::token_program = usdc_token_program)]
    pub supplier_usdc: Option<Box<InterfaceAccount<'info, TokenAccount>>>,
    /// The pool's exposure to the buyer (the invoice leaves it).
    #[account(mut, seeds = [EXPOSURE_SEED, pool.key().as_ref(), &[EXPOSURE_BUYER], invoice.buyer_entity.as_ref()], bump = buyer_exposure.bump)]
    pub buyer_exposure: Box<Account<'info, Exposure>>,
    /// The pool's exposure to the supplier (the invoice leaves it).
    #[account(mut, seeds = [EXPOSURE_SEED, pool.key().as_ref(), &[EXPOSURE_SUPPLIER], invoice.supplier_entity.as_ref()], bump = supplier_exposure.bump)]
    pub supplier_exposure: Box<Account<'info, Exposure>>,
    /// CHECK: the invoice's Core asset.
    #[account(mut, address = invoice.asset @ AutofactorError::WrongAsset)]
    pub asset: UncheckedAccount<'info>,
    /// The pool's configuration of the invoice currency (required unless
    /// USD): the closed invoice leaves its open invoices (F-07).
    #[account(mut)]
    pub currency_config: Option<Box<Account<'info, CurrencyConfig>>>,
    /// CHECK: the `["asset_authority"]` PDA; receives Core's burn refund
    /// and forwards it to the supplier in this instruction.
    #[account(mut, seeds = [ASSET_AUTHORITY_SEED], bump)]
    pub asset_authority: UncheckedAccount<'info>,
    /// CHECK: Metaplex Core.
    #[account(address = mpl_core::ID)]
    pub core_program: UncheckedAccount<'info>,
    /// Token program of USDC.
    pub usdc_token_program: Interface<'info, TokenInterface>,
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
        let reserve = book.reserve_collected_usdc;
        let currency = ctx.accounts.invoice.currency;
        if currency != USD {
            let pool_key = ctx.accounts.pool.key();
            let cfg =
                ctx.accounts.currency_config.as_mut().ok_or(error!(AutofactorError::CurrencyNotSupported))?;
            require!(
                cfg.pool == pool_key && cfg.terms.code == currency,
                AutofactorError::WrongCurrencyConfig
            );
            cfg.open_invoices = crate::math::SafeMath::safe_sub(cfg.open_invoices, 1)?;
        }
        crate::accrue_pool!(ctx, now);
        let pool = &mut ctx.accounts.pool;
        pool.ledger.close_invoice(&book)?;
        let remaining_claim = book.claim_outstanding_usdc();
        for exposure in [&mut ctx.accounts.buyer_exposure, &mut ctx.accounts.supplier_exposure] {
            exposure.release_invoice(remaining_claim)?;
        }

        let a = &ctx.accounts;
        let (released, owed) = crate::cpi::pay_from_vault_or_owe(
            &a.pool,
            a.vault.to_account_info(),
            a.supplier_usdc.as_ref().map(|to| to.to_account_info()),
            &a.supplier.key(),
            a.usdc_mint.to_account_info(),
            a.usdc_mint.decimals,
            a.usdc_token_program.to_account_info(),
            reserve,
        )?;
        ctx.accounts.pool.ledger.release_reserve(released)?;
        ctx.accounts.pool.ledger.invariant()?;
        let supplier = ctx.accounts.supplier.to_account_info();
        crate::with_core!(ctx, asset_authority, |core| core.burn_and_refund(&supplier))?;
        ctx.accounts.vault.reload()?;
        ctx.accounts.pool.ledger.require_vault_covers(ctx.accounts.vault.amount)?;
        finish_burned_invoice(
            &mut ctx.accounts.invoice,
            owed == 0,
            &ctx.accounts.supplier.to_account_info(),
        )?;
        let snapshot = ctx.accounts.pool.ledger.snapshot()?;
        emit_cpi!(InvoiceClosedDefaulted {
            invoice: ctx.accounts.invoice.key(),
            asset: ctx.accounts.invoice.asset,
            pool: ctx.accounts.pool.key(),
            supplier: ctx.accounts.supplier.key(),
            reserve_released_usdc: released,
            reserve_owed_usdc: owed,
            claim_unpaid_usdc: remaining_claim,
            snapshot,
            ts: now,
        });
        Ok(())
    }
}

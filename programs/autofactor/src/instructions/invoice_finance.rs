//! Autopilot financing: the supplier asks the invoice's pool to buy it. If
//! the policy holds, the pool pays the advance in USDC and takes the asset,
//! in this one instruction.
//!
//! Policy checks: status Verified; currency accepted; risk grade enabled;
//! tenor within the pool's bounds; face within the single-invoice cap;
//! per-buyer and per-supplier exposure (outstanding claims) within their
//! share of NAV; cash after the advance at least the cash reserve plus the
//! value of queued withdrawals; subordination intact. NAV and cash for
//! these limits leave out the deposits of the last holding window
//! ([`Pool::settled_nav_and_cash`]), so a deposit that can still leave
//! cannot stretch them (a deposit → finance → withdraw round trip).
//!
//! The buyer's repayment history ([`BuyerReputation`]) and the supplier's
//! record of disputed and cancelled invoices ([`SupplierReputation`]) then
//! admit or refuse it and price it under the pool's credit policy
//! ([`CreditPolicy::decide`]): an open default or too many late invoices of
//! the buyer, too many problem invoices of the supplier (or too high a
//! share) refuse it, the tiers move the discount APR, and the pool's
//! outstanding claim on the buyer must stay within the buyer's credit
//! limit. The decision is in `InvoiceFinanced`; the supplier's record
//! counts the financing (`SupplierRecordUpdated`).

use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::{InvoiceFinanced, SupplierRecordChange, SupplierRecordUpdated};
use crate::math::*;
use crate::state::*;
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

/// Arguments of `invoice_finance`.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub struct InvoiceFinanceArgs {
    /// Refuse if the advance would be lower (slippage guard).
    pub min_advance_usdc: u64,
}

#[event_cpi]
#[derive(Accounts)]
pub struct InvoiceFinance<'info> {
    /// The supplier.
    #[account(mut)]
    pub supplier: Signer<'info>,
    /// The configuration.
    #[account(seeds = [PROTOCOL_SEED], bump = protocol.bump)]
    pub protocol: Box<Account<'info, ProtocolConfig>>,
    /// The supplier's identity record (role: supplier).
    #[account(seeds = [IDENTITY_SEED, supplier.key().as_ref()], bump = supplier_identity.bump)]
    pub supplier_identity: Box<Account<'info, IdentityRecord>>,
    /// The pool (new owner of the asset).
    #[account(mut,
              has_one = usdc_mint @ AutofactorError::WrongUsdcMint,
              has_one = vault @ AutofactorError::WrongVault)]
    pub pool: Box<Account<'info, Pool>>,
    /// The pool's deadline calendar: gets the invoice's overdue deadline.
    #[account(mut, constraint = calendar.load()?.pool == pool.key() @ AutofactorError::WrongPool)]
    pub calendar: AccountLoader<'info, PoolCalendar>,
    /// The pool's USDC mint.
    pub usdc_mint: Box<InterfaceAccount<'info, Mint>>,
    /// The pool's vault.
    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The supplier's USDC account (receives the advance).
    #[account(mut, token::mint = usdc_mint, token::authority = supplier, token::token_program = usdc_token_program)]
    pub supplier_usdc: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The invoice.
    #[account(mut,
              has_one = supplier @ AutofactorError::NotInvoiceSupplier,
              constraint = invoice.pool == pool.key() @ AutofactorError::WrongPool)]
    pub invoice: Box<Account<'info, Invoice>>,
    /// The pool's exposure to the invoice's buyer entity.
    #[account(mut, seeds = [EXPOSURE_SEED, pool.key().as_ref(), &[EXPOSURE_BUYER], invoice.buyer_entity.as_ref()], bump = buyer_exposure.bump)]
    pub buyer_exposure: Box<Account<'info, Exposure>>,
    /// The pool's exposure to the invoice's supplier entity.
    #[account(mut, seeds = [EXPOSURE_SEED, pool.key().as_ref(), &[EXPOSURE_SUPPLIER], invoice.supplier_entity.as_ref()], bump = supplier_exposure.bump)]
    pub supplier_exposure: Box<Account<'info, Exposure>>,
    /// CHECK: the buyer entity's repayment record `["buyer_reputation", buyer_entity]`
    /// (created when it acknowledged the invoice), read in `handle` after
    /// the status checks: by the credit policy, and a non-USD invoice's
    /// acknowledged volume is counted in it at the financing rate.
    #[account(mut, seeds = [BUYER_REPUTATION_SEED, invoice.buyer_entity.as_ref()], bump)]
    pub buyer_reputation: UncheckedAccount<'info>,
    /// The supplier entity's record (created with its first invoice): read
    /// by the credit policy, counts the financing.
    #[account(mut, seeds = [SUPPLIER_REPUTATION_SEED, invoice.supplier_entity.as_ref()],
              bump = supplier_reputation.bump)]
    pub supplier_reputation: Box<Account<'info, SupplierReputation>>,
    /// CHECK: the invoice's Core asset.
    #[account(mut, address = invoice.asset @ AutofactorError::WrongAsset)]
    pub asset: UncheckedAccount<'info>,
    /// The pool's configuration of the invoice currency (required unless
    /// USD); counts the invoice among its open ones.
    #[account(mut)]
    pub currency_config: Option<Box<Account<'info, CurrencyConfig>>>,
    /// CHECK: the Pyth `PriceUpdateV2` of the invoice currency (required
    /// unless USD); checked in `handle`.
    pub fx_price: Option<UncheckedAccount<'info>>,
    /// CHECK: the Pyth `PriceUpdateV2` of USDC/USD (required when the
    /// protocol's depeg guard is on); checked in `handle`.
    pub usdc_price: Option<UncheckedAccount<'info>>,
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

impl InvoiceFinance<'_> {
    /// Pause, identity and the invoice-only policy checks.
    pub fn validate(&self) -> Result<()> {
        self.protocol.require_not_paused()?;
        self.pool.require_not_paused()?;
        let now = Clock::get()?.unix_timestamp;
        self.supplier_identity.require_valid(&self.supplier.key(), ROLE_SUPPLIER, now)?;
        let invoice = &self.invoice;
        match invoice.status {
            InvoiceStatus::Verified => {}
            InvoiceStatus::Created => return err!(AutofactorError::InvoiceNotAcknowledged),
            InvoiceStatus::Acknowledged => return err!(AutofactorError::InvoiceNotVerified),
            _ => return err!(AutofactorError::InvalidInvoiceStatus),
        }
        let policy = &self.pool.policy;
        let grade = invoice.risk_grade as usize;
        require!(grade < RISK_GRADE_COUNT && policy.grades[grade].enabled, AutofactorError::GradeNotAccepted);
        require!(invoice.due_ts > now, AutofactorError::TenorOutOfBounds);
        let tenor_days = (invoice.due_ts - now) / SECONDS_PER_DAY;
        require!(
            tenor_days >= policy.min_tenor_days as i64 && tenor_days <= policy.max_tenor_days as i64,
            AutofactorError::TenorOutOfBounds
        );
        Ok(())
    }

    /// Prices, checks the pool-level limits, pays and takes the asset.
    pub fn handle(ctx: Context<Self>, args: InvoiceFinanceArgs) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let protocol_fee_bps = ctx.accounts.protocol.protocol_fee_bps;
        let invoice_key = ctx.accounts.invoice.key();
        let pool_key = ctx.accounts.pool.key();
        let (buyer, supplier) = (ctx.accounts.invoice.buyer, ctx.accounts.supplier.key());

        crate::accrue_pool!(ctx, now);
        let pool = &mut ctx.accounts.pool;
        let invoice = &mut ctx.accounts.invoice;
        let params = pool.params;
        let policy = pool.policy;

        let terms = policy.grades[invoice.risk_grade as usize];
        crate::oracle::require_usdc_above_floor(
            &ctx.accounts.protocol,
            ctx.accounts.usdc_price.as_ref().map(|a| a.as_ref()),
            now,
        )?;
        let (face_usdc, fx_rate_scaled) = if invoice.currency == USD {
            (usd_minor_to_usdc(invoice.face_minor)?, 0)
        } else {
            let cfg =
                ctx.accounts.currency_config.as_mut().ok_or(error!(AutofactorError::CurrencyNotSupported))?;
            require!(
                cfg.pool == pool_key && cfg.terms.code == invoice.currency,
                AutofactorError::WrongCurrencyConfig
            );
            let account =
                ctx.accounts.fx_price.as_ref().ok_or(error!(AutofactorError::PriceAccountMissing))?;
            let quote = crate::oracle::FxQuote::read(account, cfg, invoice.currency_decimals, now)?;
            // Its decimals, feed and direction now value an open invoice.
            cfg.open_invoices = cfg.open_invoices.safe_add(1)?;
            (quote.value_for_purchase(invoice.face_minor)?, quote.purchase_rate_scaled()?)
        };
        require!(face_usdc <= policy.max_invoice_usdc, AutofactorError::InvoiceTooLarge);
        invoice.fx_rate_scaled = fx_rate_scaled;
        // The buyer's history: admitted or refused, and the discount APR.
        let rep_info = ctx.accounts.buyer_reputation.to_account_info();
        require_keys_eq!(*rep_info.owner, crate::ID, AutofactorError::InvariantViolated);
        let mut reputation = BuyerReputation::try_deserialize(&mut &rep_info.try_borrow_data()?[..])?;
        let credit =
            policy.credit.decide(&reputation, &ctx.accounts.supplier_reputation, terms.discount_apr_bps)?;
        let pricing = Pricing::compute(
            face_usdc,
            terms.advance_rate_bps,
            credit.discount_apr_bps,
            (invoice.due_ts - now) as u64,
            protocol_fee_bps,
            params.manager_fee_bps,
        )?;
        require!(pricing.advance_usdc >= args.min_advance_usdc, AutofactorError::SlippageExceeded);
        let claim = pricing.claim_usdc();

        // Pool-level limits, on NAV before the purchase (a purchase moves
        // cash into receivables and leaves NAV unchanged), both without the
        // deposits of the last holding window.
        let (nav, settled_cash) = pool.settled_nav_and_cash(now)?;
        for (exposure, cap_bps, err) in [
            (
                &ctx.accounts.buyer_exposure,
                policy.max_buyer_concentration_bps,
                AutofactorError::BuyerConcentrationExceeded,
            ),
            (
                &ctx.accounts.supplier_exposure,
                policy.max_supplier_concentration_bps,
                AutofactorError::SupplierConcentrationExceeded,
            ),
        ] {
            let after = exposure.outstanding_usdc.safe_add(claim)?;
            if after > bps_of_floor(nav, cap_bps as u64)? {
                return Err(error!(err));
            }
        }
        credit.require_within_limit(&buyer, ctx.accounts.buyer_exposure.outstanding_usdc.safe_add(claim)?)?;
        let reserve = bps_of_ceil(nav, policy.cash_reserve_bps as u64)?;
        let must_keep = reserve.safe_add(pool.ledger.pending_withdrawals_usdc()?)?;
        require!(
            settled_cash >= pricing.advance_usdc.safe_add(must_keep)?,
            AutofactorError::CashReserveBreached
        );
        pool.ledger.require_subordination(params.min_junior_ratio_bps)?;

        invoice.book = InvoiceBook { pricing, ..InvoiceBook::default() };
        // Grace and write-off days are fixed here (F-07); income accrues to
        // the start of the due date.
        invoice.fix_risk_terms(&policy, &mut *ctx.accounts.calendar.load_mut()?, now)?;
        let accrual_end = invoice.overdue_ts;
        pool.ledger.finance(&mut invoice.book, now, accrual_end)?;
        invoice.status = InvoiceStatus::Financed;
        invoice.financed_ts = now;
        pool.ledger.invariant()?;

        for exposure in [&mut ctx.accounts.buyer_exposure, &mut ctx.accounts.supplier_exposure] {
            exposure.outstanding_usdc = exposure.outstanding_usdc.safe_add(claim)?;
            exposure.open_invoices = exposure.open_invoices.safe_add(1)?;
        }
        if ctx.accounts.invoice.currency != USD {
            // Acknowledged volume in USDC at the rate the pool paid.
            reputation.acknowledged_volume_usdc = reputation.acknowledged_volume_usdc.safe_add(face_usdc)?;
            crate::cpi::write_account(&ctx.accounts.buyer_reputation.to_account_info(), &reputation)?;
        }
        let record = &mut ctx.accounts.supplier_reputation;
        record.financed_count = record.financed_count.safe_add(1)?;
        record.financed_volume_usdc = record.financed_volume_usdc.safe_add(face_usdc)?;

        let a = &ctx.accounts;
        crate::cpi::pay_from_vault(
            &a.pool,
            a.vault.to_account_info(),
            a.supplier_usdc.to_account_info(),
            a.usdc_mint.to_account_info(),
            a.usdc_mint.decimals,
            a.usdc_token_program.to_account_info(),
            pricing.advance_usdc,
        )?;
        let pool_info = a.pool.to_account_info();
        crate::with_core!(ctx, supplier, |core| {
            core.transfer(&pool_info)?;
            core.update_attributes(&ctx.accounts.invoice)
        })?;
        ctx.accounts.vault.reload()?;
        let pool = &ctx.accounts.pool;
        pool.ledger.require_vault_covers(ctx.accounts.vault.amount)?;
        let snapshot = pool.ledger.snapshot()?;
        emit_cpi!(InvoiceFinanced {
            invoice: invoice_key,
            pool: pool_key,
            supplier,
            buyer,
            risk_grade: ctx.accounts.invoice.risk_grade,
            face_usdc,
            advance_usdc: pricing.advance_usdc,
            discount_usdc: pricing.discount_usdc,
            protocol_fee_usdc: pricing.protocol_fee_usdc,
            manager_fee_usdc: pricing.manager_fee_usdc,
            reserve_usdc: pricing.reserve_usdc,
            discount_apr_bps: credit.discount_apr_bps,
            history_tier: credit.tier,
            buyer_credit_limit_usdc: credit.limit_usdc.unwrap_or(0),
            supplier_tier: credit.supplier_tier,
            supplier_problem_invoices: credit.supplier_problems,
            supplier_created_invoices: ctx.accounts.supplier_reputation.created_count,
            fx_rate_scaled,
            overdue_ts: ctx.accounts.invoice.overdue_ts,
            late_after_ts: ctx.accounts.invoice.late_after_ts,
            writeoff_ts: ctx.accounts.invoice.writeoff_ts,
            snapshot,
            ts: now,
        });
        emit_cpi!(SupplierRecordUpdated::of(
            &ctx.accounts.supplier_reputation,
            invoice_key,
            SupplierRecordChange::Financed,
            now
        ));
        Ok(())
    }
}

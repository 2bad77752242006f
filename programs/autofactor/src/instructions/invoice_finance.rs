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

use super::shared::*;
use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::{InvoiceFinanced, SupplierRecordChange, SupplierRecordUpdated};
use crate::lifecycle;
use crate::math::*;
use crate::state::*;
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;

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
    /// The pool (new owner of the asset) and its vault (pays the advance).
    pub pool_vault: PoolVault<'info>,
    /// The pool's deadline calendar: gets the invoice's overdue deadline.
    #[account(mut, constraint = calendar.load()?.pool == pool_vault.pool.key() @ AutofactorError::WrongPool)]
    pub calendar: AccountLoader<'info, PoolCalendar>,
    /// The supplier's USDC account (receives the advance).
    #[account(mut, token::mint = pool_vault.usdc_mint, token::authority = supplier,
              token::token_program = pool_vault.usdc_token_program)]
    pub supplier_usdc: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The invoice.
    #[account(mut,
              has_one = supplier @ AutofactorError::NotInvoiceSupplier,
              constraint = invoice.pool == pool_vault.pool.key() @ AutofactorError::WrongPool,
              constraint = invoice.asset == invoice_asset.asset.key() @ AutofactorError::WrongAsset)]
    pub invoice: Box<Account<'info, Invoice>>,
    /// The pool's exposure to the invoice's buyer entity.
    #[account(mut, seeds = [EXPOSURE_SEED, pool_vault.pool.key().as_ref(), &[EXPOSURE_BUYER], invoice.buyer_entity.as_ref()], bump = buyer_exposure.bump)]
    pub buyer_exposure: Box<Account<'info, Exposure>>,
    /// The pool's exposure to the invoice's supplier entity.
    #[account(mut, seeds = [EXPOSURE_SEED, pool_vault.pool.key().as_ref(), &[EXPOSURE_SUPPLIER], invoice.supplier_entity.as_ref()], bump = supplier_exposure.bump)]
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
    /// The currency's configuration and price (unless USD); counts the
    /// invoice among the currency's open ones.
    pub fx: FxPricing<'info>,
    /// CHECK: the Pyth `PriceUpdateV2` of USDC/USD (required when the
    /// protocol's depeg guard is on); checked in `handle`.
    pub usdc_price: Option<UncheckedAccount<'info>>,
    /// The invoice's Core asset (moves to the pool).
    pub invoice_asset: InvoiceAsset<'info>,
    /// The system program.
    pub system_program: Program<'info, System>,
}

impl InvoiceFinance<'_> {
    /// Pause, identity and the invoice-only policy checks.
    pub fn validate(&self) -> Result<()> {
        self.protocol.require_not_paused()?;
        self.pool_vault.pool.require_not_paused()?;
        let now = Clock::get()?.unix_timestamp;
        self.supplier_identity.require_valid(&self.supplier.key(), ROLE_SUPPLIER, now)?;
        let invoice = &self.invoice;
        match invoice.status {
            InvoiceStatus::Verified => {}
            InvoiceStatus::Created => return err!(AutofactorError::InvoiceNotAcknowledged),
            InvoiceStatus::Acknowledged => return err!(AutofactorError::InvoiceNotVerified),
            _ => return err!(AutofactorError::InvalidInvoiceStatus),
        }
        let policy = &self.pool_vault.pool.policy;
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
        crate::accrue_pool!(ctx, ctx.accounts.pool_vault.pool, now);
        let a = &mut *ctx.accounts;
        let pool_key = a.pool_vault.pool.key();
        let (invoice_key, buyer, supplier) = (a.invoice.key(), a.invoice.buyer, a.supplier.key());
        let (params, policy) = (a.pool_vault.pool.params, a.pool_vault.pool.policy);

        // The price: the face in USDC, the credit decision, the advance.
        crate::oracle::require_usdc_above_floor(&a.protocol, a.usdc_price.as_ref().map(|p| p.as_ref()), now)?;
        let (face_usdc, fx_rate_scaled) = a.fx.value_purchase(&pool_key, &a.invoice, now)?;
        require!(face_usdc <= policy.max_invoice_usdc, AutofactorError::InvoiceTooLarge);
        let rep_info = a.buyer_reputation.to_account_info();
        require_keys_eq!(*rep_info.owner, crate::ID, AutofactorError::InvariantViolated);
        let mut reputation = BuyerReputation::try_deserialize(&mut &rep_info.try_borrow_data()?[..])?;
        let terms = policy.grades[a.invoice.risk_grade as usize];
        let credit = policy.credit.decide(&reputation, &a.supplier_reputation, terms.discount_apr_bps)?;
        let pricing = Pricing::compute(
            face_usdc,
            terms.advance_rate_bps,
            credit.discount_apr_bps,
            (a.invoice.due_ts - now) as u64,
            a.protocol.protocol_fee_bps,
            params.manager_fee_bps,
        )?;
        require!(pricing.advance_usdc >= args.min_advance_usdc, AutofactorError::SlippageExceeded);
        let claim_usdc = pricing.claim_usdc();
        lifecycle::check_financing_limits(
            &a.pool_vault.pool,
            &buyer,
            &a.buyer_exposure,
            &a.supplier_exposure,
            &credit,
            claim_usdc,
            pricing.advance_usdc,
            now,
        )?;

        // The purchase: the book, the deadlines, the exposures, the records.
        let invoice = &mut a.invoice;
        invoice.fx_rate_scaled = fx_rate_scaled;
        invoice.book = InvoiceBook { pricing, ..InvoiceBook::default() };
        // Grace and write-off days are fixed here (F-07); income accrues to
        // the start of the due date.
        invoice.fix_risk_terms(&policy, &mut *a.calendar.load_mut()?, now)?;
        let accrual_end_ts = invoice.overdue_ts;
        a.pool_vault.pool.ledger.finance(&mut invoice.book, now, accrual_end_ts)?;
        invoice.status = InvoiceStatus::Financed;
        invoice.financed_ts = now;
        a.pool_vault.pool.ledger.invariant()?;
        lifecycle::add_exposures([&mut a.buyer_exposure, &mut a.supplier_exposure], claim_usdc)?;
        if invoice.currency != USD {
            // Acknowledged volume in USDC at the rate the pool paid.
            reputation.acknowledged_volume_usdc = reputation.acknowledged_volume_usdc.safe_add(face_usdc)?;
            crate::cpi::write_account(&rep_info, &reputation)?;
        }
        let record = &mut a.supplier_reputation;
        record.financed_count = record.financed_count.safe_add(1)?;
        record.financed_volume_usdc = record.financed_volume_usdc.safe_add(face_usdc)?;

        // The money and the asset.
        a.pool_vault.pay(&a.supplier_usdc.to_account_info(), pricing.advance_usdc)?;
        let core = a.invoice_asset.core(&ctx.bumps.invoice_asset, &a.supplier, &a.system_program);
        core.transfer(&a.pool_vault.pool.to_account_info())?;
        core.update_attributes(&a.invoice)?;
        a.pool_vault.require_vault_covers()?;
        let invoice = &a.invoice;
        let financed = InvoiceFinanced {
            invoice: invoice_key,
            pool: pool_key,
            supplier,
            buyer,
            risk_grade: invoice.risk_grade,
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
            supplier_created_invoices: a.supplier_reputation.created_count,
            fx_rate_scaled,
            overdue_ts: invoice.overdue_ts,
            late_after_ts: invoice.late_after_ts,
            writeoff_ts: invoice.writeoff_ts,
            snapshot: a.pool_vault.pool.ledger.snapshot()?,
            ts: now,
        };
        let record = SupplierRecordUpdated::of(
            &a.supplier_reputation,
            invoice_key,
            SupplierRecordChange::Financed,
            now,
        );
        emit_cpi!(financed);
        emit_cpi!(record);
        Ok(())
    }
}

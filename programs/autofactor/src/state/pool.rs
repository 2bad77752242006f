//! Pools: a USDC vault, two tranches, parameters and the financing policy.

use super::credit::CreditPolicy;
use super::ledger::{PoolLedger, Tranche};
use super::position::RecentDeposits;
use crate::constants::*;
use crate::error::AutofactorError;
use crate::math::SafeMath;
use anchor_lang::prelude::*;

/// Investor-facing pool parameters, set at creation and tunable by the manager.
// With the `serde` feature: the `params` of a pool config file (amounts in
// micro-USDC; `min_hold_secs` may be left out).
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct PoolParams {
    /// Junior value / NAV must stay at or above this (bps). Senior deposits
    /// and junior withdrawals that would break it are refused.
    pub min_junior_ratio_bps: u16,
    /// Fixed target APR of the senior tranche (bps).
    pub senior_apr_bps: u16,
    /// Manager fee, bps of income.
    pub manager_fee_bps: u16,
    /// Deposits are refused once NAV would exceed this (micro-USDC).
    pub liquidity_cap_usdc: u64,
    /// An investor's holding of one tranche, valued at the current price,
    /// may not exceed this share of the liquidity cap (bps).
    pub max_investor_share_bps: u16,
    /// Holding period (seconds, 0..=[`MAX_MIN_HOLD_SECS`]): after each
    /// deposit the investor's position can be neither redeemed nor moved
    /// for this long, and the deposit does not count towards the NAV and
    /// cash that financing limits are measured against (for one to two
    /// such windows). 0 disables both.
    #[cfg_attr(feature = "serde", serde(default = "config_file_defaults::min_hold_secs"))]
    pub min_hold_secs: u32,
}

impl PoolParams {
    /// Validates every field.
    pub fn validate(&self) -> Result<()> {
        require!(self.min_junior_ratio_bps as u64 <= BPS_DENOMINATOR, AutofactorError::InvalidJuniorRatio);
        require!(self.senior_apr_bps <= MAX_SENIOR_APR_BPS, AutofactorError::SeniorAprTooHigh);
        require!(self.manager_fee_bps <= MAX_MANAGER_FEE_BPS, AutofactorError::ManagerFeeTooHigh);
        require!(self.liquidity_cap_usdc > 0, AutofactorError::InvalidLiquidityCap);
        require!(
            self.max_investor_share_bps > 0 && self.max_investor_share_bps as u64 <= BPS_DENOMINATOR,
            AutofactorError::InvalidInvestorCap
        );
        require!(self.min_hold_secs <= MAX_MIN_HOLD_SECS, AutofactorError::InvalidHoldingPeriod);
        Ok(())
    }
}

/// A change of the parameters that move value between the tranches or
/// lock investors in (minimum junior ratio, senior APR, holding period),
/// announced by `pool_update_config` and applied at `effective_ts`
/// ([`PendingRiskChange::effective_ts_for`]) by the first instruction that
/// accrues the pool at or after it.
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct PendingRiskChange {
    /// New minimum junior ratio (bps).
    pub min_junior_ratio_bps: u16,
    /// New senior target APR (bps).
    pub senior_apr_bps: u16,
    /// New minimum holding period (seconds).
    pub min_hold_secs: u32,
    /// From when it applies; 0 when no change is pending.
    pub effective_ts: i64,
}

impl PendingRiskChange {
    /// Whether a change is pending.
    pub fn is_pending(&self) -> bool {
        self.effective_ts != 0
    }

    /// When a change announced at `now_ts` under the parameters `in_force`
    /// applies: after [`RISK_CHANGE_DELAY_SECS`], and never before an
    /// investor who deposited just before the announcement can leave (its
    /// holding period, `in_force.min_hold_secs`, has run).
    pub fn effective_ts_for(now_ts: i64, in_force: &PoolParams) -> Result<i64> {
        now_ts.safe_add(RISK_CHANGE_DELAY_SECS.max(in_force.min_hold_secs as i64))
    }

    /// The risk terms of `params` (the fields this change covers).
    pub fn terms_of(params: &PoolParams) -> (u16, u16, u32) {
        (params.min_junior_ratio_bps, params.senior_apr_bps, params.min_hold_secs)
    }

    /// The risk terms this change sets.
    pub fn terms(&self) -> (u16, u16, u32) {
        (self.min_junior_ratio_bps, self.senior_apr_bps, self.min_hold_secs)
    }
}

/// Terms for one risk grade.
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, PartialEq, Eq, Debug, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct GradeTerms {
    /// Whether invoices of this grade may be financed.
    pub enabled: bool,
    /// Lowest buyer credit score (0–1000) that maps to this grade.
    pub min_credit_score: u16,
    /// Share of face value advanced (bps, 1..=10000).
    pub advance_rate_bps: u16,
    /// Discount APR charged on face value to the due date (bps).
    pub discount_apr_bps: u16,
}

/// The financing policy the autopilot checks before buying an invoice.
// With the `serde` feature: the `policy` of a pool config file (amounts in
// micro-USDC; `recovery_days` and `credit` may be left out).
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct PoolPolicy {
    /// Grades A..D, best first; a score maps to the first grade whose
    /// `min_credit_score` it reaches.
    pub grades: [GradeTerms; RISK_GRADE_COUNT],
    /// Shortest accepted tenor (days from financing to due date).
    pub min_tenor_days: u16,
    /// Longest accepted tenor.
    pub max_tenor_days: u16,
    /// Largest face value (in USD micro-units) of a single invoice.
    pub max_invoice_usdc: u64,
    /// Exposure to one buyer, as a share of NAV (bps).
    pub max_buyer_concentration_bps: u16,
    /// Exposure to one supplier, as a share of NAV (bps).
    pub max_supplier_concentration_bps: u16,
    /// Cash that must remain in the vault after a financing, share of NAV (bps).
    pub cash_reserve_bps: u16,
    /// Days after the due date before an invoice may be marked Late. Fixed
    /// in each invoice at financing (`Invoice::late_after_ts`).
    pub grace_days: u16,
    /// Days after the due date at which a past-due invoice is fully written
    /// off (1..=[`MAX_WRITEOFF_DAYS`]). Fixed in each invoice at financing
    /// (`Invoice::writeoff_ts`).
    pub writeoff_days: u16,
    /// Days after the write-off horizon during which a defaulted invoice
    /// still takes recoveries; from then anyone may close it
    /// (`invoice_close_defaulted`). 1..=[`MAX_RECOVERY_DAYS`]; fixed in each
    /// invoice at financing (`Invoice::close_after_ts`).
    #[cfg_attr(feature = "serde", serde(default = "config_file_defaults::recovery_days"))]
    pub recovery_days: u16,
    /// Terms on buyers' repayment history ([`CreditPolicy::OFF`]: none).
    #[cfg_attr(feature = "serde", serde(default))]
    pub credit: CreditPolicy,
}

impl PoolPolicy {
    /// Validates every field.
    pub fn validate(&self) -> Result<()> {
        let bps = BPS_DENOMINATOR as u16;
        require!(self.grades.iter().any(|g| g.enabled), AutofactorError::InvalidPolicy);
        let mut previous_min = u16::MAX;
        for g in self.grades.iter() {
            require!(g.min_credit_score <= MAX_CREDIT_SCORE, AutofactorError::InvalidPolicy);
            require!(g.min_credit_score <= previous_min, AutofactorError::InvalidPolicy);
            previous_min = g.min_credit_score;
            if g.enabled {
                require!(g.advance_rate_bps > 0 && g.advance_rate_bps <= bps, AutofactorError::InvalidPolicy);
                require!(g.discount_apr_bps <= MAX_DISCOUNT_APR_BPS, AutofactorError::InvalidPolicy);
            }
        }
        require!(
            self.min_tenor_days >= 1 && self.min_tenor_days <= self.max_tenor_days,
            AutofactorError::InvalidPolicy
        );
        require!(self.max_tenor_days <= MAX_TENOR_DAYS, AutofactorError::InvalidPolicy);
        require!(self.max_invoice_usdc > 0, AutofactorError::InvalidPolicy);
        for c in [self.max_buyer_concentration_bps, self.max_supplier_concentration_bps] {
            require!(c > 0 && c <= bps, AutofactorError::InvalidPolicy);
        }
        require!(self.cash_reserve_bps <= bps, AutofactorError::InvalidPolicy);
        require!(self.writeoff_days > self.grace_days, AutofactorError::InvalidPolicy);
        require!(self.writeoff_days <= MAX_WRITEOFF_DAYS, AutofactorError::InvalidPolicy);
        require!(
            self.recovery_days >= 1 && self.recovery_days <= MAX_RECOVERY_DAYS,
            AutofactorError::InvalidPolicy
        );
        self.credit.validate()
    }

    /// The grade index (0 = A) for a credit score, if any enabled grade
    /// accepts it.
    pub fn grade_for_score(&self, credit_score: u16) -> Option<u8> {
        self.grades
            .iter()
            .position(|g| credit_score >= g.min_credit_score)
            .filter(|&i| self.grades[i].enabled)
            .map(|i| i as u8)
    }
}

/// What a pool config file (the `serde` feature) that leaves a field out
/// gets.
#[cfg(feature = "serde")]
mod config_file_defaults {
    /// The default holding period.
    pub fn min_hold_secs() -> u32 {
        crate::constants::DEFAULT_MIN_HOLD_SECS
    }

    /// The default recovery period after the write-off horizon.
    pub fn recovery_days() -> u16 {
        crate::constants::DEFAULT_RECOVERY_DAYS
    }
}

/// A liquidity pool, PDA `["pool", manager, pool_id LE]`.
#[account]
#[derive(InitSpace, Debug)]
pub struct Pool {
    /// PDA bump.
    pub bump: u8,
    /// Bump of the vault PDA.
    pub vault_bump: u8,
    /// Bump of the senior mint PDA.
    pub senior_mint_bump: u8,
    /// Bump of the junior mint PDA.
    pub junior_mint_bump: u8,
    /// Paused pools refuse deposits, withdrawals and financing.
    pub paused: bool,
    /// Manager-chosen identifier, unique per manager.
    pub pool_id: u64,
    /// The manager: tunes parameters and policy, pauses the pool.
    pub manager: Pubkey,
    /// USDC mint of the vault.
    pub usdc_mint: Pubkey,
    /// USDC token account holding the pool's cash, PDA `["vault", pool]`.
    pub vault: Pubkey,
    /// Senior share mint (Token-2022, default-frozen accounts).
    pub senior_mint: Pubkey,
    /// Junior share mint (Token-2022, default-frozen accounts).
    pub junior_mint: Pubkey,
    /// Investor-facing parameters.
    pub params: PoolParams,
    /// Financing policy.
    pub policy: PoolPolicy,
    /// NAV, tranche and queue accounting.
    pub ledger: PoolLedger,
    /// Creation time.
    pub created_ts: i64,
    /// Announced change of the minimum junior ratio / senior APR.
    pub pending_risk_change: PendingRiskChange,
    /// Deposits of the last holding window (excluded from financing limits).
    pub recent_deposits: RecentDeposits,
    /// Space kept for future fields (zeroed).
    pub reserved: [u8; 212],
}

impl Pool {
    /// Runs `f` with the pool's PDA signer seeds.
    pub fn with_signer<R>(&self, f: impl FnOnce(&[&[&[u8]]]) -> R) -> R {
        let id = self.pool_id.to_le_bytes();
        let bump = [self.bump];
        let seeds: [&[u8]; 4] = [POOL_SEED, self.manager.as_ref(), &id, &bump];
        f(&[&seeds])
    }

    /// Mint of the given tranche.
    pub fn tranche_mint(&self, tranche: Tranche) -> Pubkey {
        match tranche {
            Tranche::Senior => self.senior_mint,
            Tranche::Junior => self.junior_mint,
        }
    }

    /// The tranche of `mint`, one of this pool's share mints (checked by
    /// the caller against [`Pool::tranche_mint`]): senior for the senior
    /// mint, junior otherwise.
    pub fn tranche_of_mint(&self, mint: &Pubkey) -> Tranche {
        if *mint == self.senior_mint {
            Tranche::Senior
        } else {
            Tranche::Junior
        }
    }

    /// The one accrual rule, called first by the instructions listed in
    /// docs/ARCHITECTURE.md ("Which instructions accrue"; pinned by
    /// `tests/tests/program/accrual.rs`). Applies a due risk change at its
    /// effective time, then accrues the ledger to `now_ts`
    /// ([`PoolLedger::accrue`]: a function of time only). Returns what moved
    /// from junior to senior value and the change applied, if any.
    pub fn accrue(&mut self, now_ts: i64) -> Result<(u64, Option<PendingRiskChange>)> {
        let applied = self.apply_due_risk_change(now_ts)?;
        let moved = self.ledger.accrue(self.params.senior_apr_bps, now_ts)?;
        Ok((moved.safe_add(applied.map_or(0, |(_, a)| a))?, applied.map(|(p, _)| p)))
    }

    /// Applies the pending risk change if it is due at `now_ts`: accrues the
    /// senior claim at the old APR up to the change's effective time first
    /// and starts a new senior rate period there, so the switch happens at
    /// that moment whenever the next instruction runs. Returns the change
    /// applied, if any, and what that accrual added to the senior claim.
    pub fn apply_due_risk_change(&mut self, now_ts: i64) -> Result<Option<(PendingRiskChange, u64)>> {
        let pending = self.pending_risk_change;
        if !pending.is_pending() || now_ts < pending.effective_ts {
            return Ok(None);
        }
        let switch_ts = pending.effective_ts.max(self.ledger.last_accrual_ts);
        let accrued = self.ledger.accrue(self.params.senior_apr_bps, switch_ts)?;
        if pending.senior_apr_bps != self.params.senior_apr_bps {
            self.ledger.restart_senior_rate(switch_ts)?;
        }
        self.params.min_junior_ratio_bps = pending.min_junior_ratio_bps;
        self.params.senior_apr_bps = pending.senior_apr_bps;
        self.params.min_hold_secs = pending.min_hold_secs;
        self.pending_risk_change = PendingRiskChange::default();
        Ok(Some((pending, accrued)))
    }

    /// Fails with `PoolPaused` while the pool is paused.
    pub fn require_not_paused(&self) -> Result<()> {
        require!(!self.paused, AutofactorError::PoolPaused);
        Ok(())
    }
}

impl Pool {
    /// NAV and cash as financing limits see them: without the deposits of
    /// the last holding window ([`RecentDeposits::recent_usdc`]). The
    /// concentration caps and the cash reserve are shares of this NAV, and
    /// the advance plus the reserve must fit in this cash, so money that can
    /// still be redeemed soon neither raises the caps nor funds purchases.
    pub fn settled_nav_and_cash(&self, now_ts: i64) -> Result<(u64, u64)> {
        let recent = self.recent_deposits.recent_usdc(now_ts, self.params.min_hold_secs)?;
        Ok((self.ledger.nav_usdc()?.sub_or_zero(recent), self.ledger.cash_usdc.sub_or_zero(recent)))
    }
}

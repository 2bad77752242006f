//! The autopilot's credit policy on a buyer's repayment history (issue 16):
//! what a pool's manager may set ([`CreditPolicy`], part of the pool's
//! [`PoolPolicy`](super::PoolPolicy)), and the one function that turns a
//! buyer's [`BuyerReputation`] into a decision ([`CreditPolicy::decide`]).
//! `invoice_finance` reads only the buyer's record and the pool's exposure
//! to it: O(1), no loop.
//!
//! ```text
//! blocked   if block_open_default and open defaults > 0          → BuyerHasOpenDefault
//!           if open late invoices > max_open_late                 → BuyerTooManyLateInvoices
//! tier      Proven  repaid on time ≥ proven_min_on_time (> 0), never late or defaulted
//!           Watch   ever late or defaulted
//!           Standard otherwise
//! discount  grade APR − proven_discount_cut_bps (Proven, not below 0)
//!           grade APR + watch_discount_add_bps  (Watch, at most MAX_DISCOUNT_APR_BPS)
//! limit     clamp(limit_base + ⌊on-time volume × limit_on_time_bps / 10⁴⌋
//!                 − ⌈late volume × limit_late_bps / 10⁴⌉
//!                 − ⌈defaulted volume × limit_default_bps / 10⁴⌉, limit_floor, limit_cap)
//!           (off while limit_cap = 0); the pool's outstanding claim on the
//!           buyer's entity after the purchase must not exceed it → BuyerCreditLimitExceeded
//! ```
//!
//! Volumes are micro-USDC at the rate of financing (a non-USD invoice
//! counts its face at the FX rate the pool bought it at). The default
//! policy ([`CreditPolicy::OFF`]) decides exactly as before the policy
//! existed: the grade's APR, no block, no limit (the tier is reported and
//! moves nothing).

use super::invoice::BuyerReputation;
use crate::constants::*;
use crate::error::AutofactorError;
use crate::math::*;
use anchor_lang::prelude::*;

/// A buyer's history tier at financing.
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, PartialEq, Eq, Debug)]
pub enum HistoryTier {
    /// Neither proven nor on watch: the grade's terms.
    Standard,
    /// Enough invoices repaid on time, none ever late or defaulted.
    Proven,
    /// At least one invoice was late or defaulted.
    Watch,
}

/// The pool's terms on buyers' repayment history. Set by the manager with
/// the rest of the policy; fixed for an invoice when it is financed (they
/// set its discount and admit it, nothing later reads them).
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, PartialEq, Eq, Debug)]
pub struct CreditPolicy {
    /// Refuse financing while the buyer has a defaulted invoice not
    /// recovered in full.
    pub block_open_default: bool,
    /// Refuse financing while the buyer has more than this many invoices
    /// Late (`u16::MAX`: no limit).
    pub max_open_late: u16,
    /// Invoices repaid on time that make a buyer with a clean record
    /// Proven (0: no Proven tier).
    pub proven_min_on_time: u16,
    /// Discount APR cut for Proven buyers (bps).
    pub proven_discount_cut_bps: u16,
    /// Discount APR add-on for buyers on Watch (bps).
    pub watch_discount_add_bps: u16,
    /// Credit limit before any history (micro-USDC).
    pub limit_base_usdc: u64,
    /// Limit gained per micro-USDC repaid on time (bps of the volume).
    pub limit_on_time_bps: u16,
    /// Limit lost per micro-USDC marked late (bps of the volume).
    pub limit_late_bps: u16,
    /// Limit lost per micro-USDC defaulted (bps of the volume).
    pub limit_default_bps: u16,
    /// Lowest limit (micro-USDC).
    pub limit_floor_usdc: u64,
    /// Highest limit (micro-USDC); 0: no credit limit.
    pub limit_cap_usdc: u64,
}

impl Default for CreditPolicy {
    fn default() -> Self {
        Self::OFF
    }
}

/// What the credit policy decided for one financing.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct CreditDecision {
    /// The buyer's tier.
    pub tier: HistoryTier,
    /// The discount APR charged (the grade's, adjusted by the tier).
    pub discount_apr_bps: u16,
    /// The buyer's credit limit (`None` while the pool sets none).
    pub limit_usdc: Option<u64>,
}

impl CreditPolicy {
    /// No history terms: the grade's APR for every buyer, no block, no
    /// limit (the tier is reported and moves nothing).
    pub const OFF: CreditPolicy = CreditPolicy {
        block_open_default: false,
        max_open_late: u16::MAX,
        proven_min_on_time: 0,
        proven_discount_cut_bps: 0,
        watch_discount_add_bps: 0,
        limit_base_usdc: 0,
        limit_on_time_bps: 0,
        limit_late_bps: 0,
        limit_default_bps: 0,
        limit_floor_usdc: 0,
        limit_cap_usdc: 0,
    };

    /// Bounds on the manager's terms.
    pub fn validate(&self) -> Result<()> {
        require!(
            self.proven_discount_cut_bps <= MAX_DISCOUNT_APR_BPS
                && self.watch_discount_add_bps <= MAX_DISCOUNT_APR_BPS,
            AutofactorError::InvalidPolicy
        );
        if self.limit_cap_usdc == 0 {
            // No limit: its other terms must be unset, so a half-configured
            // limit is never mistaken for an active one.
            require!(
                self.limit_base_usdc == 0
                    && self.limit_floor_usdc == 0
                    && self.limit_on_time_bps == 0
                    && self.limit_late_bps == 0
                    && self.limit_default_bps == 0,
                AutofactorError::InvalidPolicy
            );
        } else {
            require!(
                self.limit_floor_usdc <= self.limit_base_usdc && self.limit_base_usdc <= self.limit_cap_usdc,
                AutofactorError::InvalidPolicy
            );
        }
        Ok(())
    }

    /// The buyer's tier.
    pub fn tier(&self, rep: &BuyerReputation) -> HistoryTier {
        if rep.late_count > 0 || rep.defaulted_count > 0 {
            HistoryTier::Watch
        } else if self.proven_min_on_time > 0 && rep.repaid_on_time_count >= self.proven_min_on_time as u32 {
            HistoryTier::Proven
        } else {
            HistoryTier::Standard
        }
    }

    /// The buyer's credit limit, `None` while the pool sets none.
    pub fn limit_usdc(&self, rep: &BuyerReputation) -> Result<Option<u64>> {
        if self.limit_cap_usdc == 0 {
            return Ok(None);
        }
        let gained = bps_of_floor(rep.repaid_on_time_volume_usdc, self.limit_on_time_bps as u64)?;
        let lost = bps_of_ceil(rep.late_volume_usdc, self.limit_late_bps as u64)?
            .safe_add(bps_of_ceil(rep.defaulted_volume_usdc, self.limit_default_bps as u64)?)?;
        let raw = self.limit_base_usdc.safe_add(gained)?.saturating_sub(lost);
        Ok(Some(raw.clamp(self.limit_floor_usdc, self.limit_cap_usdc)))
    }

    /// Admits the buyer (or names the rule that refuses it) and prices it:
    /// the tier, the discount APR from the grade's, and the limit.
    pub fn decide(&self, rep: &BuyerReputation, grade_discount_apr_bps: u16) -> Result<CreditDecision> {
        if self.block_open_default && rep.open_default_count > 0 {
            msg!(
                "buyer entity {} has {} defaulted invoice(s) not recovered",
                Pubkey::new_from_array(rep.buyer_entity),
                rep.open_default_count
            );
            return err!(AutofactorError::BuyerHasOpenDefault);
        }
        if rep.open_late_count > self.max_open_late as u32 {
            msg!(
                "buyer entity {} has {} invoice(s) late; the pool allows {}",
                Pubkey::new_from_array(rep.buyer_entity),
                rep.open_late_count,
                self.max_open_late
            );
            return err!(AutofactorError::BuyerTooManyLateInvoices);
        }
        let tier = self.tier(rep);
        let discount_apr_bps = match tier {
            HistoryTier::Standard => grade_discount_apr_bps,
            HistoryTier::Proven => grade_discount_apr_bps.saturating_sub(self.proven_discount_cut_bps),
            HistoryTier::Watch => {
                grade_discount_apr_bps.saturating_add(self.watch_discount_add_bps).min(MAX_DISCOUNT_APR_BPS)
            }
        };
        Ok(CreditDecision { tier, discount_apr_bps, limit_usdc: self.limit_usdc(rep)? })
    }
}

impl CreditDecision {
    /// Fails with `BuyerCreditLimitExceeded` (and logs the figures) if the
    /// pool's outstanding claim on the buyer after the purchase exceeds
    /// the limit.
    pub fn require_within_limit(&self, buyer: &Pubkey, outstanding_after_usdc: u64) -> Result<()> {
        if let Some(limit) = self.limit_usdc {
            if outstanding_after_usdc > limit {
                msg!(
                    "buyer {}: outstanding after purchase {} > credit limit {} (micro-USDC)",
                    buyer,
                    outstanding_after_usdc,
                    limit
                );
                return err!(AutofactorError::BuyerCreditLimitExceeded);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const USDC: u64 = 1_000_000;

    fn rep() -> BuyerReputation {
        BuyerReputation { buyer_entity: Pubkey::new_unique().to_bytes(), ..BuyerReputation::default() }
    }

    fn policy() -> CreditPolicy {
        CreditPolicy {
            block_open_default: true,
            max_open_late: 1,
            proven_min_on_time: 3,
            proven_discount_cut_bps: 300,
            watch_discount_add_bps: 500,
            limit_base_usdc: 10_000 * USDC,
            limit_on_time_bps: 5_000,
            limit_late_bps: 10_000,
            limit_default_bps: 20_000,
            limit_floor_usdc: 1_000 * USDC,
            limit_cap_usdc: 100_000 * USDC,
        }
    }

    #[test]
    fn off_decides_as_before() {
        let mut r = rep();
        (r.late_count, r.open_late_count, r.defaulted_count, r.open_default_count) = (9, 9, 9, 9);
        let d = CreditPolicy::OFF.decide(&r, 1_600).unwrap();
        assert_eq!(d, CreditDecision { tier: HistoryTier::Watch, discount_apr_bps: 1_600, limit_usdc: None });
        CreditPolicy::OFF.validate().unwrap();
    }

    #[test]
    fn the_limit_follows_the_documented_formula() {
        let p = policy();
        let mut r = rep();
        assert_eq!(p.limit_usdc(&r).unwrap(), Some(10_000 * USDC));
        r.repaid_on_time_volume_usdc = 30_000 * USDC + 3; // + ⌊15,000.0000015⌋
        assert_eq!(p.limit_usdc(&r).unwrap(), Some(25_000 * USDC + 1));
        r.late_volume_usdc = 4_000 * USDC + 1; // − ⌈4,000.000001⌉
        assert_eq!(p.limit_usdc(&r).unwrap(), Some(21_000 * USDC));
        r.defaulted_volume_usdc = 20_000 * USDC; // − 40,000: below the floor
        assert_eq!(p.limit_usdc(&r).unwrap(), Some(1_000 * USDC));
        r = rep();
        r.repaid_on_time_volume_usdc = 1_000_000 * USDC; // above the cap
        assert_eq!(p.limit_usdc(&r).unwrap(), Some(100_000 * USDC));
    }

    #[test]
    fn tiers_and_discounts() {
        let p = policy();
        let mut r = rep();
        assert_eq!(p.decide(&r, 1_600).unwrap().tier, HistoryTier::Standard);
        r.repaid_on_time_count = 3;
        let d = p.decide(&r, 1_600).unwrap();
        assert_eq!((d.tier, d.discount_apr_bps), (HistoryTier::Proven, 1_300));
        assert_eq!(p.decide(&r, 200).unwrap().discount_apr_bps, 0, "never below zero");
        r.late_count = 1;
        let d = p.decide(&r, 1_600).unwrap();
        assert_eq!((d.tier, d.discount_apr_bps), (HistoryTier::Watch, 2_100));
        assert_eq!(p.decide(&r, 9_800).unwrap().discount_apr_bps, MAX_DISCOUNT_APR_BPS);
    }

    #[test]
    fn open_defaults_and_late_invoices_block() {
        let p = policy();
        let mut r = rep();
        r.open_late_count = 1;
        assert!(p.decide(&r, 1_600).is_ok());
        r.open_late_count = 2;
        assert_eq!(p.decide(&r, 1_600), Err(AutofactorError::BuyerTooManyLateInvoices.into()));
        r.open_late_count = 0;
        r.open_default_count = 1;
        assert_eq!(p.decide(&r, 1_600), Err(AutofactorError::BuyerHasOpenDefault.into()));
        assert!(CreditPolicy { block_open_default: false, ..p }.decide(&r, 1_600).is_ok());
    }

    #[test]
    fn the_limit_is_checked_on_the_outstanding_claim_after_the_purchase() {
        let d = policy().decide(&rep(), 1_600).unwrap();
        let buyer = Pubkey::new_unique();
        assert!(d.require_within_limit(&buyer, 10_000 * USDC).is_ok());
        assert_eq!(
            d.require_within_limit(&buyer, 10_000 * USDC + 1),
            Err(AutofactorError::BuyerCreditLimitExceeded.into())
        );
    }

    #[test]
    fn validation() {
        let p = policy();
        p.validate().unwrap();
        for bad in [
            CreditPolicy { limit_floor_usdc: p.limit_base_usdc + 1, ..p },
            CreditPolicy { limit_base_usdc: p.limit_cap_usdc + 1, ..p },
            CreditPolicy { proven_discount_cut_bps: MAX_DISCOUNT_APR_BPS + 1, ..p },
            CreditPolicy { watch_discount_add_bps: MAX_DISCOUNT_APR_BPS + 1, ..p },
            CreditPolicy { limit_on_time_bps: 1, ..CreditPolicy::OFF },
            CreditPolicy { limit_base_usdc: 1, ..CreditPolicy::OFF },
        ] {
            assert_eq!(bad.validate(), Err(AutofactorError::InvalidPolicy.into()), "{bad:?}");
        }
    }
}

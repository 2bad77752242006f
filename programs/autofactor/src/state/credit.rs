//! The autopilot's credit policy on the parties' history (issue 16): what
//! a pool's manager may set ([`CreditPolicy`], part of the pool's
//! [`PoolPolicy`](super::PoolPolicy)), and the one function that turns a
//! buyer's [`BuyerReputation`] and a supplier's [`SupplierReputation`] into
//! a decision ([`CreditPolicy::decide`]). `invoice_finance` reads only the
//! buyer's and the supplier's records and the pool's exposure to the buyer:
//! O(1), no loop.
//!
//! ```text
//! buyer
//! blocked   if block_open_default and open defaults > 0          → BuyerHasOpenDefault
//!           if open late invoices > max_open_late                 → BuyerTooManyLateInvoices
//! tier      Proven  repaid on time ≥ proven_min_on_time (> 0), never late or defaulted
//!           Watch   ever late or defaulted
//!           Standard otherwise
//! discount  grade APR − proven_discount_cut_bps (Proven, not below 0)
//!           grade APR + watch_discount_add_bps  (Watch, at most MAX_DISCOUNT_APR_BPS)
//! limit     clamp(limit_base + ⌊on-time volume × limit_on_time_bps / 10⁴⌋
//!                 − ⌈(late volume − defaulted volume) × limit_late_bps / 10⁴⌉
//!                 − ⌈defaulted volume × limit_default_bps / 10⁴⌉, limit_floor, limit_cap)
//!           (off while limit_cap = 0); the pool's outstanding claim on the
//!           buyer's entity after the purchase must not exceed it → BuyerCreditLimitExceeded
//!
//! supplier  problems = disputed (by the buyer) + cancelled after the buyer acknowledged
//! blocked   if supplier_block_at_problems > 0 and
//!              problems ≥ supplier_block_at_problems              → SupplierTooManyProblemInvoices
//!           if supplier_max_problem_rate_bps > 0, created ≥ supplier_rate_min_created
//!              and problems × 10⁴ > supplier_max_problem_rate_bps × created
//!                                                                 → SupplierProblemRateTooHigh
//! tier      Watch   supplier_watch_min_problems > 0 and problems ≥ supplier_watch_min_problems
//!           Standard otherwise
//! discount  the buyer's discount above + supplier_watch_discount_add_bps (Watch,
//!           at most MAX_DISCOUNT_APR_BPS)
//! ```
//!
//! The buyer's rules are checked first, then the supplier's. Every refused
//! rule logs its figures (`msg!`) before its own error. Every supplier term
//! is off at 0, so a policy whose supplier terms are all zero (what an
//! older client that does not know them sends) decides as before them.
//!
//! A defaulted invoice was always marked late first, so it is in both the
//! late and the defaulted volume of the record; the limit counts it once,
//! at the default penalty (`late volume − defaulted volume` are the
//! invoices late and never defaulted): `limit_default_bps` is the whole
//! penalty of a default, as its name says.
//!
//! A cancelled invoice is a problem only if the buyer had acknowledged it
//! (Acknowledged or Verified when cancelled): withdrawing an invoice the
//! buyer never confirmed (a typo, a duplicate) is not held against the
//! supplier, and a disputed invoice — which can only be cancelled — counts
//! once, as disputed. Every cancellation is still counted
//! (`SupplierReputation::cancelled_count`).
//!
//! Volumes are micro-USDC at the rate of financing (a non-USD invoice
//! counts its face at the FX rate the pool bought it at). The default
//! policy ([`CreditPolicy::OFF`]) decides exactly as before the policy
//! existed: the grade's APR, no block, no limit (the buyer's tier is
//! reported and moves nothing; every supplier term is 0, off).

use super::invoice::{BuyerReputation, SupplierReputation};
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

/// A supplier's history tier at financing.
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, PartialEq, Eq, Debug)]
pub enum SupplierTier {
    /// Fewer problem invoices than the watch threshold: no add-on.
    Standard,
    /// At least `supplier_watch_min_problems` (> 0) invoices disputed or
    /// cancelled after acknowledgement.
    Watch,
}

/// The pool's terms on buyers' repayment history and suppliers' disputed
/// and cancelled invoices. Set by the manager with the rest of the policy;
/// fixed for an invoice when it is financed (they set its discount and
/// admit it, nothing later reads them).
// With the `serde` feature: the `policy.credit` of a pool config file, every
// field left out being off (`CreditPolicy::OFF`).
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields, default))]
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
    /// Refuse financing once the supplier has this many problem invoices
    /// (disputed, or cancelled after acknowledgement) (0: never).
    pub supplier_block_at_problems: u16,
    /// Refuse financing while the supplier's problem invoices are more
    /// than this share of its invoices created (bps, at most 10,000; 0: no
    /// rate limit) …
    pub supplier_max_problem_rate_bps: u16,
    /// … once it has created at least this many invoices (0 while the rate
    /// is off).
    pub supplier_rate_min_created: u16,
    /// Problem invoices that put a supplier on Watch (0: no Watch tier).
    pub supplier_watch_min_problems: u16,
    /// Discount APR add-on for suppliers on Watch (bps).
    pub supplier_watch_discount_add_bps: u16,
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
    /// The supplier's tier.
    pub supplier_tier: SupplierTier,
    /// The supplier's problem invoices the decision read.
    pub supplier_problems: u32,
}

impl CreditPolicy {
    /// No history terms: the grade's APR for every buyer and supplier, no
    /// block, no limit (the buyer's tier is reported and moves nothing;
    /// every supplier term is 0, off).
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
        supplier_block_at_problems: 0,
        supplier_max_problem_rate_bps: 0,
        supplier_rate_min_created: 0,
        supplier_watch_min_problems: 0,
        supplier_watch_discount_add_bps: 0,
    };

    /// Bounds on the manager's terms.
    pub fn validate(&self) -> Result<()> {
        require!(
            self.proven_discount_cut_bps <= MAX_DISCOUNT_APR_BPS
                && self.watch_discount_add_bps <= MAX_DISCOUNT_APR_BPS
                && self.supplier_watch_discount_add_bps <= MAX_DISCOUNT_APR_BPS,
            AutofactorError::InvalidPolicy
        );
        require!(
            self.supplier_max_problem_rate_bps as u64 <= BPS_DENOMINATOR,
            AutofactorError::InvalidPolicy
        );
        // A term that is off leaves its companion unset, so a
        // half-configured rule is never mistaken for an active one.
        if self.supplier_max_problem_rate_bps == 0 {
            require!(self.supplier_rate_min_created == 0, AutofactorError::InvalidPolicy);
        }
        if self.supplier_watch_min_problems == 0 {
            require!(self.supplier_watch_discount_add_bps == 0, AutofactorError::InvalidPolicy);
        }
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
        // Every defaulted invoice was marked late first: the late penalty
        // is on the invoices late and never defaulted only.
        let late_only = rep.late_volume_usdc.safe_sub(rep.defaulted_volume_usdc)?;
        let lost = bps_of_ceil(late_only, self.limit_late_bps as u64)?
            .safe_add(bps_of_ceil(rep.defaulted_volume_usdc, self.limit_default_bps as u64)?)?;
        let raw = self.limit_base_usdc.safe_add(gained)?.sub_or_zero(lost);
        Ok(Some(raw.clamp(self.limit_floor_usdc, self.limit_cap_usdc)))
    }

    /// The supplier's problem invoices: disputed by the buyer, or
    /// cancelled after the buyer acknowledged them.
    pub fn supplier_problems(rep: &SupplierReputation) -> Result<u32> {
        rep.disputed_count.safe_add(rep.cancelled_acknowledged_count)
    }

    /// The supplier's tier.
    pub fn supplier_tier(&self, rep: &SupplierReputation) -> Result<SupplierTier> {
        let watch_at = self.supplier_watch_min_problems as u32;
        Ok(if watch_at > 0 && Self::supplier_problems(rep)? >= watch_at {
            SupplierTier::Watch
        } else {
            SupplierTier::Standard
        })
    }

    /// Admits the buyer and the supplier (or names the rule that refuses
    /// them) and prices the invoice: the tiers, the discount APR from the
    /// grade's, and the buyer's limit.
    pub fn decide(
        &self,
        rep: &BuyerReputation,
        supplier: &SupplierReputation,
        grade_discount_apr_bps: u16,
    ) -> Result<CreditDecision> {
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
        let problems = Self::supplier_problems(supplier)?;
        if self.supplier_block_at_problems > 0 && problems >= self.supplier_block_at_problems as u32 {
            msg!(
                "supplier entity {} has {} invoice(s) disputed or cancelled after acknowledgement ({} disputed); the pool refuses from {}",
                Pubkey::new_from_array(supplier.supplier_entity),
                problems,
                supplier.disputed_count,
                self.supplier_block_at_problems
            );
            return err!(AutofactorError::SupplierTooManyProblemInvoices);
        }
        if self.supplier_max_problem_rate_bps > 0
            && supplier.created_count >= self.supplier_rate_min_created as u32
            && (problems as u64).safe_mul(BPS_DENOMINATOR)?
                > (self.supplier_max_problem_rate_bps as u64).safe_mul(supplier.created_count as u64)?
        {
            msg!(
                "supplier entity {}: {} of {} invoice(s) created disputed or cancelled after acknowledgement, above {} bps",
                Pubkey::new_from_array(supplier.supplier_entity),
                problems,
                supplier.created_count,
                self.supplier_max_problem_rate_bps
            );
            return err!(AutofactorError::SupplierProblemRateTooHigh);
        }
        let tier = self.tier(rep);
        let buyer_apr_bps = match tier {
            HistoryTier::Standard => grade_discount_apr_bps,
            HistoryTier::Proven => grade_discount_apr_bps.sub_or_zero(self.proven_discount_cut_bps),
            HistoryTier::Watch => {
                grade_discount_apr_bps.safe_add(self.watch_discount_add_bps)?.min(MAX_DISCOUNT_APR_BPS)
            }
        };
        let supplier_tier = self.supplier_tier(supplier)?;
        let discount_apr_bps = match supplier_tier {
            SupplierTier::Standard => buyer_apr_bps,
            SupplierTier::Watch => {
                buyer_apr_bps.safe_add(self.supplier_watch_discount_add_bps)?.min(MAX_DISCOUNT_APR_BPS)
            }
        };
        Ok(CreditDecision {
            tier,
            discount_apr_bps,
            limit_usdc: self.limit_usdc(rep)?,
            supplier_tier,
            supplier_problems: problems,
        })
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

    fn sup() -> SupplierReputation {
        SupplierReputation {
            supplier_entity: Pubkey::new_unique().to_bytes(),
            ..SupplierReputation::default()
        }
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
            supplier_block_at_problems: 4,
            supplier_max_problem_rate_bps: 2_500,
            supplier_rate_min_created: 8,
            supplier_watch_min_problems: 1,
            supplier_watch_discount_add_bps: 200,
        }
    }

    #[test]
    fn off_decides_as_before() {
        let mut r = rep();
        (r.late_count, r.open_late_count, r.defaulted_count, r.open_default_count) = (9, 9, 9, 9);
        let mut s = sup();
        (s.created_count, s.disputed_count, s.cancelled_count, s.cancelled_acknowledged_count) = (9, 5, 4, 4);
        let d = CreditPolicy::OFF.decide(&r, &s, 1_600).unwrap();
        assert_eq!(
            d,
            CreditDecision {
                tier: HistoryTier::Watch,
                discount_apr_bps: 1_600,
                limit_usdc: None,
                supplier_tier: SupplierTier::Standard,
                supplier_problems: 9,
            }
        );
        // All-zero supplier terms are OFF's: a client that does not know
        // them sends zeros and gets the behaviour from before them.
        let zeroed = CreditPolicy {
            max_open_late: u16::MAX,
            ..CreditPolicy::deserialize(&mut &[0u8; 64][..]).unwrap()
        };
        assert_eq!(zeroed, CreditPolicy::OFF);
        let clean = CreditPolicy::OFF.decide(&rep(), &sup(), 1_600).unwrap();
        assert_eq!(
            (clean.tier, clean.supplier_tier, clean.discount_apr_bps),
            (HistoryTier::Standard, SupplierTier::Standard, 1_600)
        );
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
        r = rep();
        r.repaid_on_time_volume_usdc = 1_000_000 * USDC; // above the cap
        assert_eq!(p.limit_usdc(&r).unwrap(), Some(100_000 * USDC));
    }

    #[test]
    fn a_default_costs_the_default_penalty_once() {
        let p = policy();
        let mut r = rep();
        // 3,000 late, of which 2,000 then defaulted: − 1,000 × 100 % − 2,000 × 200 %.
        (r.late_volume_usdc, r.defaulted_volume_usdc) = (3_000 * USDC, 2_000 * USDC);
        assert_eq!(p.limit_usdc(&r).unwrap(), Some(5_000 * USDC));
        // Defaulted beyond the floor.
        (r.late_volume_usdc, r.defaulted_volume_usdc) = (6_000 * USDC, 6_000 * USDC);
        assert_eq!(p.limit_usdc(&r).unwrap(), Some(1_000 * USDC));
        // A record that says otherwise is broken: refused, not guessed.
        (r.late_volume_usdc, r.defaulted_volume_usdc) = (1, 2);
        assert_eq!(p.limit_usdc(&r), Err(AutofactorError::MathOverflow.into()));
    }

    #[test]
    fn tiers_and_discounts() {
        let p = policy();
        let mut r = rep();
        let s = sup();
        assert_eq!(p.decide(&r, &s, 1_600).unwrap().tier, HistoryTier::Standard);
        r.repaid_on_time_count = 3;
        let d = p.decide(&r, &s, 1_600).unwrap();
        assert_eq!((d.tier, d.discount_apr_bps), (HistoryTier::Proven, 1_300));
        assert_eq!(p.decide(&r, &s, 200).unwrap().discount_apr_bps, 0, "never below zero");
        r.late_count = 1;
        let d = p.decide(&r, &s, 1_600).unwrap();
        assert_eq!((d.tier, d.discount_apr_bps), (HistoryTier::Watch, 2_100));
        assert_eq!(p.decide(&r, &s, 9_800).unwrap().discount_apr_bps, MAX_DISCOUNT_APR_BPS);
    }

    #[test]
    fn a_supplier_on_watch_pays_its_add_on_after_the_buyers_terms() {
        let p = CreditPolicy { supplier_watch_min_problems: 2, ..policy() };
        let (mut r, mut s) = (rep(), sup());
        (s.created_count, s.disputed_count) = (10, 1);
        let d = p.decide(&r, &s, 1_600).unwrap();
        assert_eq!(
            (d.supplier_tier, d.supplier_problems, d.discount_apr_bps),
            (SupplierTier::Standard, 1, 1_600)
        );
        s.cancelled_acknowledged_count = 1;
        let d = p.decide(&r, &s, 1_600).unwrap();
        assert_eq!(
            (d.supplier_tier, d.supplier_problems, d.discount_apr_bps),
            (SupplierTier::Watch, 2, 1_800)
        );
        // Proven buyer (− 300), supplier on Watch (+ 200).
        r.repaid_on_time_count = 3;
        assert_eq!(p.decide(&r, &s, 1_600).unwrap().discount_apr_bps, 1_500);
        // The cut floors at 0 before the add-on.
        assert_eq!(p.decide(&r, &s, 100).unwrap().discount_apr_bps, 200);
        // Capped at the maximum APR.
        r.repaid_on_time_count = 0;
        r.late_count = 1;
        assert_eq!(p.decide(&r, &s, 9_400).unwrap().discount_apr_bps, MAX_DISCOUNT_APR_BPS);
        // Cancelled without acknowledgement: not a problem.
        let mut s = sup();
        (s.created_count, s.cancelled_count) = (10, 9);
        assert_eq!(p.decide(&rep(), &s, 1_600).unwrap().supplier_tier, SupplierTier::Standard);
    }

    #[test]
    fn too_many_problem_invoices_or_too_high_a_rate_block() {
        let p = policy();
        let (r, mut s) = (rep(), sup());
        (s.created_count, s.disputed_count, s.cancelled_acknowledged_count) = (100, 2, 1);
        assert!(p.decide(&r, &s, 1_600).is_ok(), "3 problems: below the block at 4");
        s.disputed_count = 3;
        assert_eq!(p.decide(&r, &s, 1_600), Err(AutofactorError::SupplierTooManyProblemInvoices.into()));
        // Rate: 2 of 8 = 25 % is at the cap; 3 of 11 = 27.3 % is above.
        let mut s = sup();
        (s.created_count, s.disputed_count) = (8, 2);
        assert!(p.decide(&r, &s, 1_600).is_ok());
        (s.created_count, s.disputed_count, s.cancelled_acknowledged_count) = (11, 2, 1);
        assert_eq!(p.decide(&r, &s, 1_600), Err(AutofactorError::SupplierProblemRateTooHigh.into()));
        // Below the minimum of invoices created, the rate does not apply:
        // 2 of 7 = 28.6 %.
        (s.created_count, s.disputed_count, s.cancelled_acknowledged_count) = (7, 2, 0);
        assert!(p.decide(&r, &s, 1_600).is_ok());
        // The buyer's rules come first.
        let mut r = rep();
        r.open_default_count = 1;
        s.disputed_count = 9;
        assert_eq!(p.decide(&r, &s, 1_600), Err(AutofactorError::BuyerHasOpenDefault.into()));
    }

    #[test]
    fn open_defaults_and_late_invoices_block() {
        let p = policy();
        let mut r = rep();
        let s = sup();
        r.open_late_count = 1;
        assert!(p.decide(&r, &s, 1_600).is_ok());
        r.open_late_count = 2;
        assert_eq!(p.decide(&r, &s, 1_600), Err(AutofactorError::BuyerTooManyLateInvoices.into()));
        r.open_late_count = 0;
        r.open_default_count = 1;
        assert_eq!(p.decide(&r, &s, 1_600), Err(AutofactorError::BuyerHasOpenDefault.into()));
        assert!(CreditPolicy { block_open_default: false, ..p }.decide(&r, &s, 1_600).is_ok());
    }

    #[test]
    fn the_limit_is_checked_on_the_outstanding_claim_after_the_purchase() {
        let d = policy().decide(&rep(), &sup(), 1_600).unwrap();
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
            CreditPolicy { supplier_watch_discount_add_bps: MAX_DISCOUNT_APR_BPS + 1, ..p },
            CreditPolicy { supplier_watch_min_problems: 0, ..p },
            CreditPolicy { supplier_max_problem_rate_bps: 10_001, ..p },
            CreditPolicy { supplier_rate_min_created: 5, ..CreditPolicy::OFF },
            CreditPolicy { supplier_watch_discount_add_bps: 1, ..CreditPolicy::OFF },
        ] {
            assert_eq!(bad.validate(), Err(AutofactorError::InvalidPolicy.into()), "{bad:?}");
        }
    }
}

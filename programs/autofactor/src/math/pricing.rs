//! Invoice pricing (PRODUCT.md, "Finance"):
//!
//! ```text
//! discount = ceil(face × discount_apr_bps × secs_to_due / (10⁴ × SECONDS_PER_YEAR))
//! advance  = floor(face × advance_rate_bps / 10⁴) − discount
//! fees     = floor(discount × fee_bps / 10⁴)        (protocol and manager, each)
//! claim    = advance + discount − fees               (what the pool's NAV is owed)
//! reserve  = face − advance − discount               (released to the supplier on full payment)
//! ```
//! Every rounding favours the pool: the discount up, the advance and the
//! fees taken out of the pool's income down.

use super::mul_div::{bps_of_floor, mul_div_ceil_u128};
use super::safe_math::{to_u64, SafeMath};
use crate::constants::{BPS_DENOMINATOR, SECONDS_PER_YEAR};
use crate::error::AutofactorError;
use anchor_lang::prelude::*;

/// The price of one invoice, in micro-USDC.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace)]
pub struct Pricing {
    /// Face value in micro-USDC.
    pub face_usdc: u64,
    /// Paid to the supplier now.
    pub advance_usdc: u64,
    /// The pool's gross income.
    pub discount_usdc: u64,
    /// Protocol fee out of the discount.
    pub protocol_fee_usdc: u64,
    /// Manager fee out of the discount.
    pub manager_fee_usdc: u64,
    /// Held back and released to the supplier when the invoice is paid in full.
    pub reserve_usdc: u64,
}

impl Pricing {
    /// Prices an invoice of `face_usdc` due in `secs_to_due`.
    pub fn compute(
        face_usdc: u64,
        advance_rate_bps: u16,
        discount_apr_bps: u16,
        secs_to_due: u64,
        protocol_fee_bps: u16,
        manager_fee_bps: u16,
    ) -> Result<Self> {
        let discount_usdc = to_u64(mul_div_ceil_u128(
            face_usdc as u128,
            (discount_apr_bps as u128).safe_mul(secs_to_due as u128)?,
            BPS_DENOMINATOR as u128 * SECONDS_PER_YEAR as u128,
        )?)?;
        let gross_advance = bps_of_floor(face_usdc, advance_rate_bps as u64)?;
        require!(gross_advance > discount_usdc, AutofactorError::AdvanceTooSmall);
        let advance_usdc = gross_advance - discount_usdc;
        let protocol_fee_usdc = bps_of_floor(discount_usdc, protocol_fee_bps as u64)?;
        let manager_fee_usdc = bps_of_floor(discount_usdc, manager_fee_bps as u64)?;
        require!(
            protocol_fee_usdc.safe_add(manager_fee_usdc)? <= discount_usdc,
            AutofactorError::MathOverflow
        );
        let reserve_usdc = face_usdc.safe_sub(gross_advance)?;
        Ok(Self { face_usdc, advance_usdc, discount_usdc, protocol_fee_usdc, manager_fee_usdc, reserve_usdc })
    }

    /// Protocol plus manager fee.
    pub fn fees_usdc(&self) -> u64 {
        self.protocol_fee_usdc + self.manager_fee_usdc
    }

    /// What the pool's NAV is owed: advance + discount − fees.
    pub fn claim_usdc(&self) -> u64 {
        self.advance_usdc + self.discount_usdc - self.fees_usdc()
    }

    /// Net income: discount − fees.
    pub fn net_income_usdc(&self) -> u64 {
        self.discount_usdc - self.fees_usdc()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: u64 = 86_400;

    #[test]
    fn product_brief_examples() {
        // $100 due in 60 days at 12% APR, 100% advance: about $98.03.
        let p = Pricing::compute(100_000_000, 10_000, 1_200, 60 * DAY, 0, 0).unwrap();
        assert_eq!(p.discount_usdc, 1_972_603); // 1.9726027… rounded up
        assert_eq!(p.advance_usdc, 98_027_397);
        assert_eq!(p.reserve_usdc, 0);
        // At 90% advance: about $88.03 now and $10 on payment.
        let p = Pricing::compute(100_000_000, 9_000, 1_200, 60 * DAY, 0, 0).unwrap();
        assert_eq!(p.advance_usdc, 88_027_397);
        assert_eq!(p.reserve_usdc, 10_000_000);
        assert_eq!(p.advance_usdc + p.discount_usdc + p.reserve_usdc, p.face_usdc);
    }

    #[test]
    fn fees_come_out_of_the_discount() {
        let p = Pricing::compute(100_000_000, 10_000, 1_200, 60 * DAY, 1_000, 1_500).unwrap();
        assert_eq!(p.protocol_fee_usdc, 197_260);
        assert_eq!(p.manager_fee_usdc, 295_890);
        assert_eq!(p.net_income_usdc(), 1_972_603 - 197_260 - 295_890);
        assert_eq!(p.claim_usdc() + p.fees_usdc() + p.reserve_usdc, p.face_usdc);
    }

    #[test]
    fn the_discount_is_priced_on_seconds_not_whole_days() {
        // A tenor that is not a whole number of days: the discount follows
        // the documented formula on the exact seconds,
        // ceil(face × apr_bps × secs / (10⁴ × 31,536,000)).
        let (face_usdc, apr_bps, secs) = (123_456_789u64, 1_234u16, 60 * DAY + 12_345);
        let p = Pricing::compute(face_usdc, 9_000, apr_bps, secs, 0, 0).unwrap();
        let numerator = face_usdc as u128 * apr_bps as u128 * secs as u128;
        let denominator = 10_000u128 * 31_536_000;
        assert_ne!(numerator % denominator, 0, "the case must exercise the rounding up");
        let expected = numerator.div_ceil(denominator) as u64;
        assert_eq!(p.discount_usdc, expected);
        assert_eq!(p.discount_usdc, 2_510_277);
        // Neither the whole days below nor above the tenor give it.
        let days_below = Pricing::compute(face_usdc, 9_000, apr_bps, 60 * DAY, 0, 0).unwrap();
        let days_above = Pricing::compute(face_usdc, 9_000, apr_bps, 61 * DAY, 0, 0).unwrap();
        assert!(days_below.discount_usdc < p.discount_usdc && p.discount_usdc < days_above.discount_usdc);
        // The rest of the price follows from the discount.
        assert_eq!(p.advance_usdc, face_usdc * 9_000 / 10_000 - expected);
        assert_eq!(p.advance_usdc + p.discount_usdc + p.reserve_usdc, face_usdc);
    }

    #[test]
    fn advance_must_be_positive() {
        assert_eq!(
            Pricing::compute(100, 100, 10_000, 365 * DAY, 0, 0).unwrap_err(),
            error!(AutofactorError::AdvanceTooSmall)
        );
    }
}

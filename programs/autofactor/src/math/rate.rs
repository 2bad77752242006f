//! Fixed-point rate accumulator for the senior tranche's target APR.
//!
//! The senior claim grows by simple interest over each interval between two
//! pool updates, compounding at every update:
//! `claim' = claim × (1 + apr_bps / 10_000 × Δt / SECONDS_PER_YEAR)`.
//! The growth factor is applied with one multiplication and one division
//! (floor), so the result is exact to the last fixed-point unit and the
//! same formula can be recomputed off-chain.

use super::mul_div::mul_div_floor_u128;
use super::safe_math::SafeMath;
use crate::constants::{BPS_DENOMINATOR, SECONDS_PER_YEAR};
use anchor_lang::prelude::*;

/// Denominator of the per-interval growth factor: `10_000 × SECONDS_PER_YEAR`.
pub const RATE_DENOMINATOR: u128 = BPS_DENOMINATOR as u128 * SECONDS_PER_YEAR as u128;

/// Numerator of the growth factor over `elapsed_secs` at `apr_bps`:
/// `10_000 × SECONDS_PER_YEAR + apr_bps × elapsed_secs`.
#[inline]
pub fn growth_numerator(apr_bps: u16, elapsed_secs: u64) -> Result<u128> {
    RATE_DENOMINATOR.safe_add((apr_bps as u128).safe_mul(elapsed_secs as u128)?)
}

/// Grows a fixed-point `value` by `apr_bps` over `elapsed_secs`, rounding down.
#[inline]
pub fn accrue_floor(value: u128, apr_bps: u16, elapsed_secs: u64) -> Result<u128> {
    if elapsed_secs == 0 || apr_bps == 0 || value == 0 {
        return Ok(value);
    }
    mul_div_floor_u128(value, growth_numerator(apr_bps, elapsed_secs)?, RATE_DENOMINATOR)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::constants::{CLAIM_SCALE, WAD};

    #[test]
    fn one_year_at_ten_percent() {
        let grown = accrue_floor(WAD, 1_000, SECONDS_PER_YEAR).unwrap();
        assert_eq!(grown, WAD * 11 / 10);
    }

    #[test]
    fn zero_rate_or_time_is_identity() {
        assert_eq!(accrue_floor(123, 0, 1_000).unwrap(), 123);
        assert_eq!(accrue_floor(123, 500, 0).unwrap(), 123);
    }

    #[test]
    fn thirty_days_at_eight_percent_on_a_million_usdc() {
        // 1,000,000 USDC = 1e12 micro-USDC, in claim fixed point.
        let claim_fp = 1_000_000_000_000u128 * CLAIM_SCALE;
        let grown = accrue_floor(claim_fp, 800, 30 * 86_400).unwrap();
        // 1e12 × 0.08 × 30/365 = 6_575_342_465.753... micro-USDC
        assert_eq!(grown / CLAIM_SCALE, 1_000_000_000_000 + 6_575_342_465);
        // fixed-point digits kept: .753424657 of a micro-USDC
        assert_eq!(grown % CLAIM_SCALE, 753_424_657);
    }

    #[test]
    fn compounding_at_updates_is_monotonic() {
        let once = accrue_floor(WAD, 1_000, 2 * 86_400).unwrap();
        let twice = accrue_floor(accrue_floor(WAD, 1_000, 86_400).unwrap(), 1_000, 86_400).unwrap();
        assert!(twice >= once);
        assert!(twice - once < WAD / 1_000_000);
    }
}

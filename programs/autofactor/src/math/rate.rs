//! The senior tranche's growth index: a function of time only.
//!
//! The senior APR is simple interest within each year of a rate period and
//! compounds once a year, on the period's anniversaries. A rate period
//! starts at pool creation and at every change of the senior APR; its index
//! starts at the index reached so far (`base`). After `n` seconds of a
//! period, with `k = n div Y`, `s = n mod Y`, `Y = 31,536,000`:
//!
//! ```text
//! index(n) = base × (1 + apr)^k × (1 + apr × s / Y)
//! ```
//!
//! each factor applied in WAD fixed point with one multiplication and one
//! division, rounded down, in this order. The index therefore depends on the
//! period's start and the time elapsed, never on when or how often anyone
//! updated the pool, and over any 365-day window it grows by exactly the APR
//! (`index(n + Y) = (1 + apr) × index(n)`): the effective annual rate is
//! the stated APR (8 % → 8.000 %).

use super::mul_div::mul_div_floor_u256;
use super::safe_math::SafeMath;
use crate::constants::{BPS_DENOMINATOR, SECONDS_PER_YEAR};
use anchor_lang::prelude::*;

/// Denominator of the within-year factor: `10_000 × SECONDS_PER_YEAR`.
pub const RATE_DENOMINATOR: u128 = BPS_DENOMINATOR as u128 * SECONDS_PER_YEAR as u128;

/// Numerator of the within-year factor after `secs` (< one year) at
/// `apr_bps`: `10_000 × SECONDS_PER_YEAR + apr_bps × secs`.
#[inline]
pub fn growth_numerator(apr_bps: u16, secs: u64) -> Result<u128> {
    RATE_DENOMINATOR.safe_add((apr_bps as u128).safe_mul(secs as u128)?)
}

/// The senior index `elapsed_secs` into a rate period that started at
/// `base_wad` with `apr_bps` (see the module docs), rounded down.
pub fn senior_index_floor(base_wad: u128, apr_bps: u16, elapsed_secs: u64) -> Result<u128> {
    if apr_bps == 0 || elapsed_secs == 0 {
        return Ok(base_wad);
    }
    let years = elapsed_secs / SECONDS_PER_YEAR;
    let secs = elapsed_secs % SECONDS_PER_YEAR;
    let mut index = base_wad;
    let yearly = (BPS_DENOMINATOR as u128).safe_add(apr_bps as u128)?;
    // One factor per whole year of the period (years of a pool's life: a
    // small, time-bounded count).
    for _ in 0..years {
        index = mul_div_floor_u256(index, yearly, BPS_DENOMINATOR as u128)?;
    }
    mul_div_floor_u256(index, growth_numerator(apr_bps, secs)?, RATE_DENOMINATOR)
}

/// The senior index `elapsed_secs` into a rate period (as
/// [`senior_index_floor`]) and the period rolled forward to its last
/// anniversary: `(index, rolled_base_wad, rolled_secs)`, where
/// `rolled_base_wad = senior_index_floor(base_wad, apr_bps, rolled_secs)`
/// and `rolled_secs` is the whole years of `elapsed_secs`. Since the index
/// of a later time is the rolled base's index over the rest, a caller that
/// stores the rolled base and start computes exactly the same index while
/// the yearly loop runs only over the whole years since the last roll (one
/// per call when the pool is accrued at least yearly), not the pool's age.
pub fn senior_index_rolled(base_wad: u128, apr_bps: u16, elapsed_secs: u64) -> Result<(u128, u128, u64)> {
    let years = elapsed_secs / SECONDS_PER_YEAR;
    let rolled_secs = years.safe_mul(SECONDS_PER_YEAR)?;
    let rolled_base = senior_index_floor(base_wad, apr_bps, rolled_secs)?;
    let index = senior_index_floor(rolled_base, apr_bps, elapsed_secs - rolled_secs)?;
    Ok((index, rolled_base, rolled_secs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::constants::WAD;
    use proptest::prelude::*;

    #[test]
    fn one_year_at_ten_percent() {
        assert_eq!(senior_index_floor(WAD, 1_000, SECONDS_PER_YEAR).unwrap(), WAD * 11 / 10);
    }

    #[test]
    fn a_ten_year_old_pool_accrued_yearly_loops_once_per_call() {
        // Accrued once a year for ten years: each call rolls exactly one year
        // (one loop iteration), and the index equals the unrolled 1.08^10.
        let (mut base, mut start) = (WAD, 0u64);
        for year in 1..=10u64 {
            let now = year * SECONDS_PER_YEAR + 17;
            let (index, rolled_base, rolled_secs) = senior_index_rolled(base, 800, now - start).unwrap();
            assert_eq!(rolled_secs, SECONDS_PER_YEAR);
            assert_eq!(index, senior_index_floor(WAD, 800, now).unwrap());
            base = rolled_base;
            start += rolled_secs;
        }
        assert_eq!(start, 10 * SECONDS_PER_YEAR);
        assert_eq!(base, senior_index_floor(WAD, 800, 10 * SECONDS_PER_YEAR).unwrap());
        assert_eq!(base, 2_158_924_997_272_786_698);
    }

    #[test]
    fn zero_rate_or_time_is_identity() {
        assert_eq!(senior_index_floor(123, 0, 1_000).unwrap(), 123);
        assert_eq!(senior_index_floor(123, 500, 0).unwrap(), 123);
    }

    #[test]
    fn simple_within_the_year_compounding_at_anniversaries() {
        // 30 days at 8 %: 1 + 0.08 × 30/365
        assert_eq!(senior_index_floor(WAD, 800, 30 * 86_400).unwrap(), 1_006_575_342_465_753_424);
        // one year and a half at 8 %: 1.08 × 1.04
        assert_eq!(
            senior_index_floor(WAD, 800, SECONDS_PER_YEAR * 3 / 2).unwrap(),
            1_123_200_000_000_000_000
        );
        // two years at 8 %: 1.1664 (8 % effective per year, not e^0.08 − 1)
        assert_eq!(senior_index_floor(WAD, 800, 2 * SECONDS_PER_YEAR).unwrap(), 1_166_400_000_000_000_000);
    }

    proptest! {
        /// Any 365-day window grows the index by exactly the APR (to the
        /// last WAD unit of rounding).
        #[test]
        fn every_year_long_window_earns_the_apr(apr in 0u16..=5_000, n in 0u64..5 * SECONDS_PER_YEAR) {
            let a = senior_index_floor(WAD, apr, n).unwrap();
            let b = senior_index_floor(WAD, apr, n + SECONDS_PER_YEAR).unwrap();
            let want = a * (10_000 + apr as u128) / 10_000;
            prop_assert!(b.abs_diff(want) <= 2, "{} vs {}", b, want);
        }

        /// Rolling the period forward at any sequence of accrual times
        /// gives exactly the unrolled index, and each call's yearly loop
        /// runs over at most the whole years since the previous call.
        #[test]
        fn rolled_and_unrolled_agree(
            apr in 0u16..=5_000,
            steps in proptest::collection::vec(0u64..2 * SECONDS_PER_YEAR, 1..12),
        ) {
            let (mut base, mut start, mut now) = (WAD, 0u64, 0u64);
            for dt in steps {
                now += dt;
                let (index, rolled_base, rolled_secs) = senior_index_rolled(base, apr, now - start).unwrap();
                prop_assert_eq!(index, senior_index_floor(WAD, apr, now).unwrap());
                // The loop ran `rolled_secs / Y` times: at most the whole years of this step plus one.
                prop_assert!(rolled_secs / SECONDS_PER_YEAR <= dt / SECONDS_PER_YEAR + 1);
                prop_assert!(now - start - rolled_secs < SECONDS_PER_YEAR);
                base = rolled_base;
                start += rolled_secs;
            }
        }

        /// The index never falls as time passes.
        #[test]
        fn monotonic(apr in 0u16..=5_000, n in 0u64..5 * SECONDS_PER_YEAR, dt in 0u64..SECONDS_PER_YEAR) {
            prop_assert!(senior_index_floor(WAD, apr, n + dt).unwrap() >= senior_index_floor(WAD, apr, n).unwrap());
        }
    }
}

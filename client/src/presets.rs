//! Default pool terms: what `autofactor pool create` and `pool
//! currency-set` start from, and what the local chain's demo pool uses.

use crate::constants::{DEFAULT_MIN_HOLD_SECS, DEFAULT_RECOVERY_DAYS};
use crate::pyth::{FxFeed, Quote};
use crate::state::{CreditPolicy, CurrencyTerms, GradeTerms, PoolParams, PoolPolicy, QuoteDirection};

/// One USDC in micro-USDC.
pub const USDC: u64 = 1_000_000;

/// Pool parameters: 20% minimum junior, 8% senior APR, 10% manager fee,
/// 10M USDC cap, 50% of the cap per investor, the default one-day holding
/// period.
pub fn pool_params() -> PoolParams {
    PoolParams {
        min_junior_ratio_bps: 2_000,
        senior_apr_bps: 800,
        manager_fee_bps: 1_000,
        liquidity_cap_usdc: 10_000_000 * USDC,
        max_investor_share_bps: 5_000,
        min_hold_secs: DEFAULT_MIN_HOLD_SECS,
    }
}

/// Financing policy: four grades, 7–120 day tenors, 1M USDC per invoice,
/// 25% per buyer, 30% per supplier, 5% cash reserve, no credit policy.
pub fn pool_policy() -> PoolPolicy {
    let g = |min_credit_score, advance_rate_bps, discount_apr_bps| GradeTerms {
        enabled: true,
        min_credit_score,
        advance_rate_bps,
        discount_apr_bps,
    };
    PoolPolicy {
        grades: [g(800, 10_000, 1_200), g(650, 9_500, 1_600), g(500, 9_000, 2_200), g(0, 8_000, 3_000)],
        min_tenor_days: 7,
        max_tenor_days: 120,
        max_invoice_usdc: 1_000_000 * USDC,
        max_buyer_concentration_bps: 2_500,
        max_supplier_concentration_bps: 3_000,
        cash_reserve_bps: 500,
        grace_days: 5,
        writeoff_days: 90,
        recovery_days: DEFAULT_RECOVERY_DAYS,
        credit: CreditPolicy::OFF,
    }
}

/// Terms for a currency with a known feed: prices at most 60 s old,
/// confidence at most 0.5%, and a plausibility band of 0.4×–2.5× the
/// feed's reference rate.
pub fn currency_terms(feed: &FxFeed) -> CurrencyTerms {
    let (num, den) = feed.reference_micro_usd_per_unit();
    let clamp = |v: u128| u64::try_from(v).unwrap_or(u64::MAX);
    CurrencyTerms {
        code: feed.code(),
        decimals: feed.minor_decimals(),
        feed_id: feed.feed_id(),
        direction: match feed.quote {
            Quote::CcyUsd => QuoteDirection::CcyUsd,
            Quote::UsdCcy => QuoteDirection::UsdCcy,
        },
        max_age_secs: 60,
        max_conf_bps: 50,
        min_usdc_per_unit: clamp(num * 2 / (den * 5)).max(1),
        max_usdc_per_unit: clamp(num * 5 / (den * 2)).saturating_add(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pyth::feed_for_currency;

    #[test]
    fn presets_are_valid_and_bands_bracket_the_reference() {
        pool_params().validate().unwrap();
        pool_policy().validate().unwrap();
        let eur = currency_terms(feed_for_currency("EUR").unwrap());
        assert_eq!((eur.code, eur.decimals), (*b"EUR", 2));
        assert_eq!((eur.min_usdc_per_unit, eur.max_usdc_per_unit), (464_000, 2_900_001));
        let jpy = currency_terms(feed_for_currency("JPY").unwrap());
        // 1/155 USD = 6451.6 micro-USDC.
        assert_eq!((jpy.decimals, jpy.min_usdc_per_unit, jpy.max_usdc_per_unit), (0, 2_580, 16_130));
        assert_eq!(jpy.direction, QuoteDirection::UsdCcy);
    }
}

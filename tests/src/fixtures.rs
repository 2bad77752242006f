//! Default parameters and identity terms used across tests.

use autofactor_client::constants::*;
use autofactor_client::state::{GradeTerms, IdentityTerms, PoolParams, PoolPolicy};

/// Identity terms with `roles`, expiring at `expires_ts`.
pub fn identity_terms(roles: u8, expires_ts: i64) -> IdentityTerms {
    IdentityTerms {
        roles,
        jurisdiction: *b"NO",
        accreditation: 1,
        did: "did:web:test.autofactor.example".to_string(),
        expires_ts,
    }
}

/// Pool parameters: 20% minimum junior, 8% senior APR, 10% manager fee,
/// 10M USDC cap, 50% of the cap per investor.
pub fn default_params() -> PoolParams {
    PoolParams {
        min_junior_ratio_bps: 2_000,
        senior_apr_bps: 800,
        manager_fee_bps: 1_000,
        liquidity_cap_usdc: 10_000_000 * 1_000_000,
        max_investor_share_bps: 5_000,
    }
}

/// A four-grade policy, 7–120 day tenors.
pub fn default_policy() -> PoolPolicy {
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
        max_invoice_usdc: 1_000_000 * 1_000_000,
        max_buyer_concentration_bps: 2_500,
        max_supplier_concentration_bps: 3_000,
        cash_reserve_bps: 500,
        grace_days: 5,
        writeoff_days: 90,
    }
}

/// Every role bit.
pub const ALL_ROLES: u8 = ROLE_ALL;

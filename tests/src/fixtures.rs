//! Default parameters and identity terms used across tests.

use autofactor_client::constants::*;
use autofactor_client::state::{CreditPolicy, GradeTerms, IdentityTerms, PoolParams, PoolPolicy};

/// The legal-entity id [`identity_terms`] gives (a Norwegian organisation
/// number, ISO 6523 ICD 0192). [`crate::Env::user`] gives every wallet its
/// own entity instead.
pub const TEST_ENTITY_ID: &str = "0192:923609016";

/// Identity terms with `roles`, expiring at `expires_ts`, of the entity
/// [`TEST_ENTITY_ID`].
pub fn identity_terms(roles: u8, expires_ts: i64) -> IdentityTerms {
    IdentityTerms {
        roles,
        jurisdiction: *b"NO",
        accreditation: 1,
        did: "did:web:test.autofactor.example".to_string(),
        entity_id: TEST_ENTITY_ID.to_string(),
        expires_ts,
    }
}

/// A legal-entity id of its own for `wallet`: an LEI-shaped id made of the
/// first 20 hex digits of the address.
pub fn entity_id_of(wallet: &anchor_lang::prelude::Pubkey) -> String {
    let hex: String = wallet.to_bytes()[..10].iter().map(|b| format!("{b:02X}")).collect();
    format!("LEI:{hex}")
}

/// Pool parameters: 20% minimum junior, 8% senior APR, 10% manager fee,
/// 10M USDC cap, 50% of the cap per investor, the default one-day holding
/// period.
pub fn default_params() -> PoolParams {
    PoolParams {
        min_junior_ratio_bps: 2_000,
        senior_apr_bps: 800,
        manager_fee_bps: 1_000,
        liquidity_cap_usdc: 10_000_000 * 1_000_000,
        max_investor_share_bps: 5_000,
        min_hold_secs: DEFAULT_MIN_HOLD_SECS,
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
        recovery_days: 180,
        credit: CreditPolicy::OFF,
    }
}

/// Every role bit.
pub const ALL_ROLES: u8 = ROLE_ALL;

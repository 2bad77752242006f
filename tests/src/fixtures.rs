//! Default parameters and identity terms used across tests.

use autofactor_client::constants::*;
use autofactor_client::state::IdentityTerms;

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

/// The default pool parameters and financing policy of
/// [`autofactor_client::presets`] (what `autofactor pool create` and the
/// demo pool start from). A test that needs other values derives them with
/// struct update syntax, e.g. `PoolParams { min_hold_secs: 0,
/// ..default_params() }`.
pub use autofactor_client::presets::{pool_params as default_params, pool_policy as default_policy};

/// Every role bit.
pub const ALL_ROLES: u8 = ROLE_ALL;

/// The tests' USD/NOK feed id (any 32 bytes: the tests publish its prices).
pub const TEST_NOK_FEED: [u8; 32] = [0x23; 32];

/// The tests' NOK terms on the USD/NOK feed `feed_id`: prices at most 60 s
/// old and 0.5 % wide, between 0.05 and 0.20 USDC per krone.
pub fn nok_terms_with(feed_id: [u8; 32]) -> autofactor_client::state::CurrencyTerms {
    autofactor_client::state::CurrencyTerms {
        code: *b"NOK",
        decimals: 2,
        feed_id,
        direction: autofactor_client::state::QuoteDirection::UsdCcy,
        max_age_secs: 60,
        max_conf_bps: 50,
        min_usdc_per_unit: 50_000,
        max_usdc_per_unit: 200_000,
    }
}

/// [`nok_terms_with`] the tests' feed [`TEST_NOK_FEED`].
pub fn nok_terms() -> autofactor_client::state::CurrencyTerms {
    nok_terms_with(TEST_NOK_FEED)
}

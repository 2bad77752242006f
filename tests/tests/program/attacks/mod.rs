//! The attack suite: one module per attack class. Each test performs an
//! attack against the program and asserts that it fails with the exact
//! error (and leaves every account unchanged) or gains the attacker nothing,
//! with exact figures. docs/SECURITY.md maps each class to its defence and
//! to these tests.
mod account_relations;
mod cap_bypass;
mod close_revival;
mod conservation;
mod core_authority;
mod duplicate_accounts;
mod duplicate_registry;
mod entity_caps;
mod forged_state;
mod inflation_donation;
mod kyc_bypass;
mod lifecycle_skipping;
mod loss_waterfall;
mod mint_extensions;
mod oracle;
mod overflow;
mod owner;
mod parameter_changes;
mod parameter_changes_currency;
mod pause_matrix;
mod pda_prefunding;
mod pda_sharing;
mod program_substitution;
mod queue_griefing;
mod round_trips;
mod rounding;
mod self_dealing;
mod senior_accrual;
mod signer;
mod stale_nav;
mod stuck_reserve;
mod subordination;
mod token2022;
mod type_cosplay;
pub(crate) mod world;

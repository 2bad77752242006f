//! One file per instruction: the table of ways it must fail, each row
//! asserting the exact error and that every account the transaction
//! referenced is unchanged ([`Env::assert_rejections`]). Rows of one table
//! run against the same state, in order; a file holds one table per state
//! the instruction is refused in. Success paths stay with their area
//! (`invoices.rs`, `pools.rs`, …); the policy refusals of `invoice_finance`
//! are in `invoices.rs`, `credit.rs` and `fx.rs`.
//!
//! [`Env::assert_rejections`]: autofactor_tests::Env::assert_rejections

mod identity_issue;
mod identity_revoke;
mod identity_update;
mod invoice_acknowledge;
mod invoice_attest;
mod invoice_cancel;
mod invoice_create;
mod invoice_dispute;
mod invoice_mark_late;
mod invoice_mature;
mod invoice_repay;
mod invoice_settle;
mod invoice_write_down;
mod issuer_register;
mod issuer_set_active;
mod pool_collect_fees;
mod pool_create;
mod pool_refresh;
mod pool_set_paused;
mod pool_update_config;
mod pool_verifier_add;
mod pool_verifier_remove;
mod protocol_admin_accept;
mod protocol_admin_propose;
mod protocol_initialize;
mod protocol_set_paused;
mod protocol_update;
mod tranche_account_freeze;
mod tranche_account_thaw;
mod tranche_deposit;
mod tranche_withdraw;

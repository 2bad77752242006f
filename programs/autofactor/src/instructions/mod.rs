//! One file per instruction: arguments, `Accounts`, `validate()`, `handle()`;
//! account groups that several instructions share are in [`shared`].
//!
//! ## Where a rule goes
//!
//! Every instruction follows one placement, so a reviewer knows where to
//! look for a check:
//!
//! 1. **Constraints** (`#[account(...)]`) establish *which* accounts: PDA
//!    seeds, owners, `has_one` / `constraint = x.pool == pool.key()`
//!    relations, mints, token programs, associated-account addresses. Each
//!    names its error (`@ AutofactorError::...`). A shared group checks
//!    what it can see; the instruction ties it to its own accounts (e.g.
//!    `invoice.asset == invoice_asset.asset.key()`). Anchor hands a group
//!    the instruction data after what the instruction's own
//!    `#[instruction(...)]` read: a group that checks an argument (the
//!    tranche) belongs to an instruction that declares none.
//! 2. **`validate()`** holds the stateless rules on the arguments and the
//!    accounts as they are: pause flags, identity (role, expiry,
//!    revocation), the invoice's status, amounts and bounds. It writes
//!    nothing and reads no price. `lib.rs` calls it through
//!    `#[access_control]` before the handler.
//! 3. **`handle()`** accrues the pool first (`accrue_pool!`, where the pool's
//!    value is read), then applies the economic limits that need the
//!    accrued state or a price — each a named method or a step of
//!    [`crate::lifecycle`] (e.g. `lifecycle::check_financing_limits`,
//!    `PoolLedger::require_subordination`) — then changes state, moves
//!    tokens, checks the ledger's invariant and the vault, and emits its
//!    events.
//!
//! Below the handlers: [`crate::lifecycle`] (the steps, each written once),
//! then [`crate::state`] (what an account holds and its own rules), then
//! [`crate::math`] (formulas, checked, rounding named). Nothing imports
//! upward.

pub mod shared;
pub use shared::*;

pub mod identity_issue;
pub mod identity_revoke;
pub mod identity_update;
pub mod issuer_register;
pub mod issuer_set_active;
pub mod pool_create;
pub mod pool_refresh;
pub mod pool_set_paused;
pub mod pool_update_config;
pub mod protocol_admin_accept;
pub mod protocol_admin_propose;
pub mod protocol_initialize;
pub mod protocol_set_paused;
pub mod protocol_update;
pub mod tranche_account_freeze;
pub mod tranche_account_thaw;
pub mod tranche_deposit;
pub mod tranche_withdraw;
pub mod withdrawal_cancel;
pub mod withdrawal_fill;

pub use identity_issue::*;
pub use identity_revoke::*;
pub use identity_update::*;
pub use issuer_register::*;
pub use issuer_set_active::*;
pub use pool_create::*;
pub use pool_refresh::*;
pub use pool_set_paused::*;
pub use pool_update_config::*;
pub use protocol_admin_accept::*;
pub use protocol_admin_propose::*;
pub use protocol_initialize::*;
pub use protocol_set_paused::*;
pub use protocol_update::*;
pub use tranche_account_freeze::*;
pub use tranche_account_thaw::*;
pub use tranche_deposit::*;
pub use tranche_withdraw::*;
pub use withdrawal_cancel::*;
pub use withdrawal_fill::*;

pub mod invoice_acknowledge;
pub mod invoice_attest;
pub mod invoice_cancel;
pub mod invoice_create;
pub mod invoice_dispute;
pub mod invoice_finance;
pub mod invoice_mark_late;
pub mod invoice_mature;
pub mod invoice_repay;
pub mod invoice_settle;
pub mod invoice_write_down;
pub mod pool_collect_fees;
pub mod pool_verifier_add;
pub mod pool_verifier_remove;

pub use invoice_acknowledge::*;
pub use invoice_attest::*;
pub use invoice_cancel::*;
pub use invoice_create::*;
pub use invoice_dispute::*;
pub use invoice_finance::*;
pub use invoice_mark_late::*;
pub use invoice_mature::*;
pub use invoice_repay::*;
pub use invoice_settle::*;
pub use invoice_write_down::*;
pub use pool_collect_fees::*;
pub use pool_verifier_add::*;
pub use pool_verifier_remove::*;

pub mod pool_currency_remove;
pub mod pool_currency_set;
pub mod protocol_set_usdc_guard;

pub use pool_currency_remove::*;
pub use pool_currency_set::*;
pub use protocol_set_usdc_guard::*;

pub mod invoice_claim_reserve;
pub mod invoice_close_defaulted;
pub mod withdrawal_claim;

pub use invoice_claim_reserve::*;
pub use invoice_close_defaulted::*;
pub use withdrawal_claim::*;

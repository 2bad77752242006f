//! # Autofactor
//!
//! Invoice factoring on Solana, on autopilot. Suppliers turn invoices into
//! Metaplex Core assets; USDC pools with a senior and a junior tranche buy
//! them at a discount in the same transaction in which the supplier asks;
//! buyers repay into the pool; investors earn the spread.
//!
//! ## Roles
//!
//! | role | instructions |
//! |---|---|
//! | protocol admin | `protocol_initialize`, `protocol_update` (fee, treasury), `protocol_set_paused`, `protocol_admin_propose` / `protocol_admin_accept`, `issuer_register`, `issuer_set_active` |
//! | identity issuer | `identity_issue`, `identity_update`, `identity_revoke` |
//! | pool manager (identity role `MANAGER`) | `pool_create`, `pool_update_config`, `pool_set_paused`, `pool_verifier_add` / `_remove`, `pool_currency_set` / `_remove` (a pause needs no identity; everything else needs the identity and an unpaused protocol) |
//! | investor (identity role `INVESTOR`) | `tranche_deposit`, `tranche_withdraw`, `withdrawal_cancel`, `withdrawal_claim`, `tranche_account_thaw` |
//! | keeper (anyone) | `withdrawal_fill`, `pool_refresh`, `tranche_account_freeze` |
//!
//! Every actor but the keeper needs a valid (unexpired, unrevoked) identity
//! record carrying the role it acts in; the record is a PDA of the wallet,
//! issued by an issuer the admin registered.
//!
//! ## Pool lifecycle
//!
//! 1. The manager creates a pool: vault PDA for USDC, senior and junior
//!    share mints (Token-2022, accounts default-frozen; the pool thaws them
//!    for verified investors), parameters and financing policy.
//! 2. Junior investors deposit first (subordination: junior value / NAV must
//!    stay ≥ the minimum junior ratio), then senior investors.
//! 3. The senior claim grows at the fixed target APR; the junior tranche owns
//!    the residual NAV and takes losses first.
//! 4. Withdrawals are paid at once when cash allows, otherwise queued (FIFO
//!    per tranche, senior first) and filled by keepers as cash arrives, at the
//!    price current at fill time.
//!
//! All accounting is O(1) per instruction: see [`state::PoolLedger`].
//! Money is in integer micro-USDC; rounding always favours the pool.

#![allow(unexpected_cfgs)]
// `u128::is_multiple_of` is newer than the Solana platform tools' rustc;
// keep `%` so the program builds with `cargo build-sbf`.
#![allow(clippy::manual_is_multiple_of)]

use anchor_lang::prelude::*;

pub mod canonical;
pub mod constants;
pub mod core_asset;
pub mod cpi;
pub mod error;
pub mod events;
pub mod instructions;
pub mod lifecycle;
pub mod math;
pub mod oracle;
pub mod state;

use instructions::*;
use state::{CurrencyTerms, IdentityTerms, Tranche};

declare_id!("5daKexHb6qwzVVELGnfM4e5UqL5NS5ifgtULDVNYpK88");

#[program]
pub mod autofactor {
    use super::*;

    /// Creates the protocol configuration; the signer becomes admin.
    #[access_control(ctx.accounts.validate(&args))]
    pub fn protocol_initialize(ctx: Context<ProtocolInitialize>, args: ProtocolInitializeArgs) -> Result<()> {
        ProtocolInitialize::handle(ctx, args)
    }

    /// Sets the protocol fee and treasury.
    #[access_control(ctx.accounts.validate(&args))]
    pub fn protocol_update(ctx: Context<ProtocolUpdate>, args: ProtocolUpdateArgs) -> Result<()> {
        ProtocolUpdate::handle(ctx, args)
    }

    /// Pauses or unpauses the protocol.
    #[access_control(ctx.accounts.validate(paused))]
    pub fn protocol_set_paused(ctx: Context<ProtocolSetPaused>, paused: bool) -> Result<()> {
        ProtocolSetPaused::handle(ctx, paused)
    }

    /// Proposes a new admin (`Pubkey::default()` cancels).
    pub fn protocol_admin_propose(ctx: Context<ProtocolAdminPropose>, new_admin: Pubkey) -> Result<()> {
        ProtocolAdminPropose::handle(ctx, new_admin)
    }

    /// The proposed admin accepts.
    #[access_control(ctx.accounts.validate())]
    pub fn protocol_admin_accept(ctx: Context<ProtocolAdminAccept>) -> Result<()> {
        ProtocolAdminAccept::handle(ctx)
    }

    /// Registers an identity issuer.
    #[access_control(ctx.accounts.validate(&name))]
    pub fn issuer_register(ctx: Context<IssuerRegister>, name: String) -> Result<()> {
        IssuerRegister::handle(ctx, name)
    }

    /// Activates or deactivates an identity issuer.
    pub fn issuer_set_active(ctx: Context<IssuerSetActive>, active: bool) -> Result<()> {
        IssuerSetActive::handle(ctx, active)
    }

    /// Issues the identity record of a wallet.
    #[access_control(ctx.accounts.validate(&terms))]
    pub fn identity_issue(ctx: Context<IdentityIssue>, terms: IdentityTerms) -> Result<()> {
        IdentityIssue::handle(ctx, terms)
    }

    /// Updates (and reinstates) an identity record.
    #[access_control(ctx.accounts.validate(&terms))]
    pub fn identity_update(ctx: Context<IdentityUpdate>, terms: IdentityTerms) -> Result<()> {
        IdentityUpdate::handle(ctx, terms)
    }

    /// Revokes an identity record.
    #[access_control(ctx.accounts.validate())]
    pub fn identity_revoke(ctx: Context<IdentityRevoke>) -> Result<()> {
        IdentityRevoke::handle(ctx)
    }

    /// Creates a pool with its vault and tranche mints.
    #[access_control(ctx.accounts.validate(&args))]
    pub fn pool_create(ctx: Context<PoolCreate>, args: PoolCreateArgs) -> Result<()> {
        PoolCreate::handle(ctx, args)
    }

    /// Changes a pool's parameters and policy.
    #[access_control(ctx.accounts.validate(&args))]
    pub fn pool_update_config(ctx: Context<PoolUpdateConfig>, args: PoolUpdateConfigArgs) -> Result<()> {
        PoolUpdateConfig::handle(ctx, args)
    }

    /// Pauses or unpauses a pool.
    #[access_control(ctx.accounts.validate(paused))]
    pub fn pool_set_paused(ctx: Context<PoolSetPaused>, paused: bool) -> Result<()> {
        PoolSetPaused::handle(ctx, paused)
    }

    /// Accrues the pool to now (keeper): applies an announced risk change
    /// that has fallen due (at its effective time), then brings invoice
    /// income, running write-downs and the senior claim to now.
    #[access_control(ctx.accounts.validate())]
    pub fn pool_refresh(ctx: Context<PoolRefresh>) -> Result<()> {
        PoolRefresh::handle(ctx)
    }

    /// Thaws a tranche token account of a verified investor.
    #[access_control(ctx.accounts.validate())]
    pub fn tranche_account_thaw(ctx: Context<TrancheAccountThaw>, tranche: Tranche) -> Result<()> {
        TrancheAccountThaw::handle(ctx, tranche)
    }

    /// Freezes a tranche token account whose owner lost its investor identity (keeper).
    #[access_control(ctx.accounts.validate())]
    pub fn tranche_account_freeze(ctx: Context<TrancheAccountFreeze>, tranche: Tranche) -> Result<()> {
        TrancheAccountFreeze::handle(ctx, tranche)
    }

    /// Deposits USDC into a tranche.
    #[access_control(ctx.accounts.validate(&args))]
    pub fn tranche_deposit(ctx: Context<TrancheDeposit>, args: TrancheDepositArgs) -> Result<()> {
        TrancheDeposit::handle(ctx, args)
    }

    /// Redeems shares now, or queues the withdrawal.
    #[access_control(ctx.accounts.validate(&args))]
    pub fn tranche_withdraw(ctx: Context<TrancheWithdraw>, args: TrancheWithdrawArgs) -> Result<()> {
        TrancheWithdraw::handle(ctx, args)
    }

    /// Fills the head of a withdrawal queue (keeper).
    #[access_control(ctx.accounts.validate(tranche))]
    pub fn withdrawal_fill(ctx: Context<WithdrawalFill>, tranche: Tranche) -> Result<()> {
        WithdrawalFill::handle(ctx, tranche)
    }

    /// Cancels a queued withdrawal: the unpaid shares are minted back and
    /// the request closed. Cancelling the head request moves the queue head
    /// on at once; cancelling another request leaves a gap that a later
    /// fill skips (`WithdrawalSkipped`).
    #[access_control(ctx.accounts.validate())]
    pub fn withdrawal_cancel(ctx: Context<WithdrawalCancel>) -> Result<()> {
        WithdrawalCancel::handle(ctx)
    }

    /// The investor claims a redemption payout its USDC account could not
    /// receive when the request was filled.
    #[access_control(ctx.accounts.validate())]
    pub fn withdrawal_claim(ctx: Context<WithdrawalClaim>) -> Result<()> {
        WithdrawalClaim::handle(ctx)
    }

    /// Registers a verifier for a pool.
    #[access_control(ctx.accounts.validate())]
    pub fn pool_verifier_add(ctx: Context<PoolVerifierAdd>) -> Result<()> {
        PoolVerifierAdd::handle(ctx)
    }

    /// Removes a verifier from a pool.
    #[access_control(ctx.accounts.validate())]
    pub fn pool_verifier_remove(ctx: Context<PoolVerifierRemove>) -> Result<()> {
        PoolVerifierRemove::handle(ctx)
    }

    /// Pays the fees a pool owes to the treasury and the manager (keeper).
    pub fn pool_collect_fees(ctx: Context<PoolCollectFees>) -> Result<()> {
        PoolCollectFees::handle(ctx)
    }

    /// Originates an invoice and mints its Core asset.
    #[access_control(ctx.accounts.validate(&args))]
    pub fn invoice_create(ctx: Context<InvoiceCreate>, args: InvoiceCreateArgs) -> Result<()> {
        InvoiceCreate::handle(ctx, args)
    }

    /// The buyer acknowledges the invoice.
    #[access_control(ctx.accounts.validate())]
    pub fn invoice_acknowledge(ctx: Context<InvoiceAcknowledge>) -> Result<()> {
        InvoiceAcknowledge::handle(ctx)
    }

    /// The buyer disputes the invoice.
    #[access_control(ctx.accounts.validate())]
    pub fn invoice_dispute(ctx: Context<InvoiceDispute>, reason_hash: [u8; 32]) -> Result<()> {
        InvoiceDispute::handle(ctx, reason_hash)
    }

    /// A pool verifier attests delivery and credit.
    #[access_control(ctx.accounts.validate(&args))]
    pub fn invoice_attest(ctx: Context<InvoiceAttest>, args: InvoiceAttestArgs) -> Result<()> {
        InvoiceAttest::handle(ctx, args)
    }

    /// The supplier cancels an unfinanced invoice.
    #[access_control(ctx.accounts.validate())]
    pub fn invoice_cancel(ctx: Context<InvoiceCancel>) -> Result<()> {
        InvoiceCancel::handle(ctx)
    }

    /// The pool buys the invoice (autopilot financing).
    #[access_control(ctx.accounts.validate())]
    pub fn invoice_finance(ctx: Context<InvoiceFinance>, args: InvoiceFinanceArgs) -> Result<()> {
        InvoiceFinance::handle(ctx, args)
    }

    /// Pays toward an invoice.
    #[access_control(ctx.accounts.validate(&args))]
    pub fn invoice_repay(ctx: Context<InvoiceRepay>, args: InvoiceRepayArgs) -> Result<()> {
        InvoiceRepay::handle(ctx, args)
    }

    /// Stops an invoice's income accrual at its due date (keeper).
    #[access_control(ctx.accounts.validate())]
    pub fn invoice_mature(ctx: Context<InvoiceMature>) -> Result<()> {
        InvoiceMature::handle(ctx)
    }

    /// Marks an invoice late after due + grace (keeper).
    #[access_control(ctx.accounts.validate())]
    pub fn invoice_mark_late(ctx: Context<InvoiceMarkLate>) -> Result<()> {
        InvoiceMarkLate::handle(ctx)
    }

    /// Records in a Late invoice's own book the write-down that NAV already
    /// carries (the running write-down of its schedule); from its write-off
    /// horizon, defaults it (keeper).
    #[access_control(ctx.accounts.validate())]
    pub fn invoice_write_down(ctx: Context<InvoiceWriteDown>) -> Result<()> {
        InvoiceWriteDown::handle(ctx)
    }

    /// Settles a repaid invoice: reserve out, asset burned, account closed.
    #[access_control(ctx.accounts.validate())]
    pub fn invoice_settle(ctx: Context<InvoiceSettle>) -> Result<()> {
        InvoiceSettle::handle(ctx)
    }

    /// Closes a defaulted invoice at the end of its recovery period
    /// (anyone): the reserve collected goes to the supplier, the asset is
    /// burned, the invoice closed.
    #[access_control(ctx.accounts.validate())]
    pub fn invoice_close_defaulted(ctx: Context<InvoiceCloseDefaulted>) -> Result<()> {
        InvoiceCloseDefaulted::handle(ctx)
    }

    /// The supplier claims a reserve that settlement or the close of a
    /// default could not deliver; closes the invoice account.
    #[access_control(ctx.accounts.validate())]
    pub fn invoice_claim_reserve(ctx: Context<InvoiceClaimReserve>) -> Result<()> {
        InvoiceClaimReserve::handle(ctx)
    }

    /// Sets the USDC/USD depeg guard for new financing.
    #[access_control(ctx.accounts.validate(&args))]
    pub fn protocol_set_usdc_guard(ctx: Context<ProtocolSetUsdcGuard>, args: UsdcGuardArgs) -> Result<()> {
        ProtocolSetUsdcGuard::handle(ctx, args)
    }

    /// Accepts a currency for a pool, or updates its terms.
    #[access_control(ctx.accounts.validate(&terms))]
    pub fn pool_currency_set(ctx: Context<PoolCurrencySet>, terms: CurrencyTerms) -> Result<()> {
        PoolCurrencySet::handle(ctx, terms)
    }

    /// Stops accepting a currency.
    #[access_control(ctx.accounts.validate())]
    pub fn pool_currency_remove(ctx: Context<PoolCurrencyRemove>) -> Result<()> {
        PoolCurrencyRemove::handle(ctx)
    }
}

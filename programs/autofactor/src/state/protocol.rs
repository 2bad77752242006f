//! The singleton protocol configuration.

use crate::error::AutofactorError;
use anchor_lang::prelude::*;

/// Global configuration, PDA `["protocol"]`. Created once by the deploying
/// admin; every other instruction reads its `paused` flag.
#[account]
#[derive(InitSpace, Debug)]
pub struct ProtocolConfig {
    /// The protocol admin: sets fees and treasury, registers identity
    /// issuers, pauses the protocol.
    pub admin: Pubkey,
    /// Proposed new admin awaiting acceptance (two-step transfer);
    /// `Pubkey::default()` when none is pending.
    pub pending_admin: Pubkey,
    /// Wallet that receives protocol fees.
    pub treasury: Pubkey,
    /// The USDC mint every pool must use.
    pub usdc_mint: Pubkey,
    /// Protocol fee in bps of pool income.
    pub protocol_fee_bps: u16,
    /// When true every state-changing instruction except the admin's own is
    /// refused with `ProtocolPaused`.
    pub paused: bool,
    /// PDA bump.
    pub bump: u8,
    /// Number of identity issuers ever registered.
    pub issuer_count: u32,
    /// Number of pools ever created.
    pub pool_count: u64,
    /// Pyth feed id of USDC/USD; all zero disables the depeg guard.
    pub usdc_usd_feed_id: [u8; 32],
    /// New financing is refused while USDC/USD is below this (bps of $1).
    pub min_usdc_price_bps: u16,
    /// Maximum age of the USDC/USD price (seconds).
    pub usdc_max_age_secs: u32,
    /// Space kept for future fields (zeroed).
    pub reserved: [u8; 128],
}

impl ProtocolConfig {
    /// Fails with `ProtocolPaused` while the protocol is paused.
    pub fn require_not_paused(&self) -> Result<()> {
        require!(!self.paused, AutofactorError::ProtocolPaused);
        Ok(())
    }

    /// The rule of every pool-manager instruction (`pool_update_config`,
    /// `pool_currency_set` / `_remove`, `pool_verifier_add` / `_remove`, and
    /// `pool_set_paused` when it unpauses): the protocol is not paused and
    /// the manager holds a valid identity with the manager role. Pausing a
    /// pool is the one manager action allowed without them.
    pub fn require_manager_may_act(
        &self,
        manager_identity: &crate::state::IdentityRecord,
        manager: &Pubkey,
        now_ts: i64,
    ) -> Result<()> {
        self.require_not_paused()?;
        manager_identity.require_valid(manager, crate::constants::ROLE_MANAGER, now_ts)
    }

    /// Whether an admin transfer is pending.
    pub fn has_pending_admin(&self) -> bool {
        self.pending_admin != Pubkey::default()
    }
}

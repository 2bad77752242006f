//! The manager pauses or unpauses a pool. A pause is always accepted from
//! the manager (also during a protocol pause or with a lapsed identity); an
//! unpause needs the protocol unpaused and a valid manager identity.

use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::PoolPauseSet;
use crate::state::{IdentityRecord, Pool, ProtocolConfig};
use anchor_lang::prelude::*;

#[event_cpi]
#[derive(Accounts)]
pub struct PoolSetPaused<'info> {
    /// The pool's manager.
    pub manager: Signer<'info>,
    /// The configuration (pause flag).
    #[account(seeds = [PROTOCOL_SEED], bump = protocol.bump)]
    pub protocol: Box<Account<'info, ProtocolConfig>>,
    /// The manager's identity record (role: manager).
    #[account(seeds = [IDENTITY_SEED, manager.key().as_ref()], bump = manager_identity.bump)]
    pub manager_identity: Box<Account<'info, IdentityRecord>>,
    /// The pool.
    #[account(mut, has_one = manager @ AutofactorError::NotPoolManager)]
    pub pool: Box<Account<'info, Pool>>,
}

impl PoolSetPaused<'_> {
    /// Refuses a no-op. Pausing is always allowed to the pool's manager
    /// (it only stops things); unpausing needs an unpaused protocol and the
    /// manager's valid identity, like every other manager action.
    pub fn validate(&self, paused: bool) -> Result<()> {
        require!(self.pool.paused != paused, AutofactorError::PoolPauseUnchanged);
        if !paused {
            let now = Clock::get()?.unix_timestamp;
            self.protocol.require_manager_may_act(&self.manager_identity, &self.manager.key(), now)?;
        }
        Ok(())
    }

    /// Sets the flag.
    pub fn handle(ctx: Context<Self>, paused: bool) -> Result<()> {
        ctx.accounts.pool.paused = paused;
        emit_cpi!(PoolPauseSet { pool: ctx.accounts.pool.key(), paused });
        Ok(())
    }
}

//! The manager pauses or unpauses a pool. A pause is always accepted from
//! the manager (also during a protocol pause or with a lapsed identity); an
//! unpause needs the protocol unpaused and a valid manager identity.

use super::shared::*;
use crate::error::AutofactorError;
use crate::events::PoolPauseSet;
use anchor_lang::prelude::*;

#[event_cpi]
#[derive(Accounts)]
pub struct PoolSetPaused<'info> {
    /// The manager and the pool.
    pub managed: ManagerPool<'info>,
}

impl PoolSetPaused<'_> {
    /// Refuses a no-op. Pausing is always allowed to the pool's manager
    /// (it only stops things); unpausing needs an unpaused protocol and the
    /// manager's valid identity, like every other manager action.
    pub fn validate(&self, paused: bool) -> Result<()> {
        require!(self.managed.pool.paused != paused, AutofactorError::PoolPauseUnchanged);
        if !paused {
            self.managed.require_manager_may_act()?;
        }
        Ok(())
    }

    /// Sets the flag.
    pub fn handle(ctx: Context<Self>, paused: bool) -> Result<()> {
        let pool = &mut ctx.accounts.managed.pool;
        pool.paused = paused;
        let event = PoolPauseSet { pool: pool.key(), paused };
        emit_cpi!(event);
        Ok(())
    }
}

//! The manager pauses or unpauses a pool.

use crate::error::AutofactorError;
use crate::events::PoolPauseSet;
use crate::state::Pool;
use anchor_lang::prelude::*;

#[event_cpi]
#[derive(Accounts)]
pub struct PoolSetPaused<'info> {
    /// The pool's manager.
    pub manager: Signer<'info>,
    /// The pool.
    #[account(mut, has_one = manager @ AutofactorError::NotPoolManager)]
    pub pool: Box<Account<'info, Pool>>,
}

impl PoolSetPaused<'_> {
    /// Refuses a no-op.
    pub fn validate(&self, paused: bool) -> Result<()> {
        require!(self.pool.paused != paused, AutofactorError::PoolPauseUnchanged);
        Ok(())
    }

    /// Sets the flag.
    pub fn handle(ctx: Context<Self>, paused: bool) -> Result<()> {
        ctx.accounts.pool.paused = paused;
        emit_cpi!(PoolPauseSet { pool: ctx.accounts.pool.key(), paused });
        Ok(())
    }
}

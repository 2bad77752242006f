//! Permissionless: accrues the pool up to now — invoice income, running
//! write-downs and the senior claim — so that NAV and tranche prices read
//! from the account are current, and applies an
//! announced risk change (minimum junior ratio, senior APR) once its delay
//! has passed.

use crate::constants::*;
use crate::events::PoolRefreshed;
use crate::state::{Pool, ProtocolConfig};
use anchor_lang::prelude::*;

#[event_cpi]
#[derive(Accounts)]
pub struct PoolRefresh<'info> {
    /// The configuration.
    #[account(seeds = [PROTOCOL_SEED], bump = protocol.bump)]
    pub protocol: Box<Account<'info, ProtocolConfig>>,
    /// The pool.
    #[account(mut)]
    pub pool: Box<Account<'info, Pool>>,
}

impl PoolRefresh<'_> {
    /// Refused while the protocol or the pool is paused.
    pub fn validate(&self) -> Result<()> {
        self.protocol.require_not_paused()?;
        self.pool.require_not_paused()
    }

    /// Accrues.
    pub fn handle(ctx: Context<Self>) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let accrued_usdc = crate::accrue_pool!(ctx, now);
        let pool = &ctx.accounts.pool;
        pool.ledger.invariant()?;
        let event = PoolRefreshed {
            pool: pool.key(),
            accrued_to_senior_usdc: accrued_usdc,
            snapshot: pool.ledger.snapshot()?,
            ts: now,
        };
        emit_cpi!(event);
        Ok(())
    }
}

//! Permissionless: accrues the pool up to now — invoice income, running
//! write-downs and the senior claim — so that NAV and tranche prices read
//! from the account are current, and applies an
//! announced risk change (minimum junior ratio, senior APR) once its delay
//! has passed.

use crate::constants::*;
use crate::events::{PoolRefreshed, PoolRiskChangeApplied};
use crate::math::SafeMath;
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
        let pool = &mut ctx.accounts.pool;
        let applied = pool.apply_due_risk_change(now)?;
        let apr = pool.params.senior_apr_bps;
        let accrued = pool.ledger.accrue(apr, now)?.safe_add(applied.map_or(0, |(_, a)| a))?;
        pool.ledger.invariant()?;
        let snapshot = pool.ledger.snapshot()?;
        if let Some(e) = PoolRiskChangeApplied::of(ctx.accounts.pool.key(), applied.map(|(c, _)| c), now) {
            emit_cpi!(e);
        }
        emit_cpi!(PoolRefreshed {
            pool: ctx.accounts.pool.key(),
            accrued_to_senior_usdc: accrued,
            snapshot,
            ts: now,
        });
        Ok(())
    }
}

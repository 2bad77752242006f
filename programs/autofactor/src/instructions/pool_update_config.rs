//! The manager changes a pool's parameters and financing policy.
//!
//! The parameters that move value between the tranches or lock investors
//! in — the minimum junior ratio, the senior APR and the holding period —
//! never change at once: a new value is announced
//! (`PoolRiskChangeScheduled`) and takes effect after
//! [`RISK_CHANGE_DELAY_SECS`] or the holding period in force, whichever is
//! longer (so an investor who deposited just before the announcement can
//! leave first), applied by the first instruction that accrues the pool at
//! or after that time (`PoolRiskChangeApplied`); the senior claim is
//! accrued at the old APR up to then. Sending the values in force
//! withdraws a pending change; sending the pending values keeps it as it
//! is. Every other field applies at once — the policy's grace and
//! write-off days to invoices financed afterwards only: each open invoice
//! keeps the deadlines fixed at its financing (F-07).

use super::shared::*;
use crate::events::{PoolConfigUpdated, PoolRiskChangeCancelled, PoolRiskChangeScheduled};
use crate::state::*;
use anchor_lang::prelude::*;

/// Arguments of `pool_update_config`.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub struct PoolUpdateConfigArgs {
    /// New parameters.
    pub params: PoolParams,
    /// New policy.
    pub policy: PoolPolicy,
}

#[event_cpi]
#[derive(Accounts)]
pub struct PoolUpdateConfig<'info> {
    /// The manager and the pool.
    pub managed: ManagerPool<'info>,
}

impl PoolUpdateConfig<'_> {
    /// Checks protocol state, identity and the new configuration.
    pub fn validate(&self, args: &PoolUpdateConfigArgs) -> Result<()> {
        self.managed.require_manager_may_act()?;
        args.params.validate()?;
        args.policy.validate()?;
        Ok(())
    }

    /// Applies a due risk change, accrues at the APR in force, applies the
    /// other fields and announces (or keeps, or withdraws) a risk change.
    pub fn handle(ctx: Context<Self>, args: PoolUpdateConfigArgs) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let pool_key = ctx.accounts.managed.pool.key();
        crate::accrue_pool!(ctx, ctx.accounts.managed.pool, now);
        let pool = &mut ctx.accounts.managed.pool;
        let in_force = pool.params;
        let pending = pool.pending_risk_change;
        let wanted = PendingRiskChange::terms_of(&args.params);
        let mut scheduled = None;
        let mut cancelled = false;
        if wanted == PendingRiskChange::terms_of(&in_force) {
            cancelled = pending.is_pending();
            pool.pending_risk_change = PendingRiskChange::default();
        } else if !pending.is_pending() || wanted != pending.terms() {
            let change = PendingRiskChange {
                min_junior_ratio_bps: wanted.0,
                senior_apr_bps: wanted.1,
                min_hold_secs: wanted.2,
                effective_ts: PendingRiskChange::effective_ts_for(now, &in_force)?,
            };
            pool.pending_risk_change = change;
            scheduled = Some(change);
        }
        pool.params = PoolParams {
            min_junior_ratio_bps: in_force.min_junior_ratio_bps,
            senior_apr_bps: in_force.senior_apr_bps,
            min_hold_secs: in_force.min_hold_secs,
            ..args.params
        };
        pool.policy = args.policy;
        pool.ledger.invariant()?;
        let params = pool.params;
        if let Some(change) = scheduled {
            emit_cpi!(PoolRiskChangeScheduled {
                pool: pool_key,
                min_junior_ratio_bps: change.min_junior_ratio_bps,
                senior_apr_bps: change.senior_apr_bps,
                min_hold_secs: change.min_hold_secs,
                effective_ts: change.effective_ts,
            });
        }
        if cancelled {
            emit_cpi!(PoolRiskChangeCancelled { pool: pool_key, ts: now });
        }
        emit_cpi!(PoolConfigUpdated { pool: pool_key, params, policy: args.policy });
        Ok(())
    }
}

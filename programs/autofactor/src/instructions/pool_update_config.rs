//! The manager changes a pool's parameters and financing policy. The senior
//! claim is accrued at the old APR up to now before a new APR applies.

use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::PoolConfigUpdated;
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
    /// The pool's manager.
    pub manager: Signer<'info>,
    /// The configuration.
    #[account(seeds = [PROTOCOL_SEED], bump = protocol.bump)]
    pub protocol: Box<Account<'info, ProtocolConfig>>,
    /// The manager's identity record (role: manager).
    #[account(seeds = [IDENTITY_SEED, manager.key().as_ref()], bump = manager_identity.bump)]
    pub manager_identity: Box<Account<'info, IdentityRecord>>,
    /// The pool.
    #[account(mut, has_one = manager @ AutofactorError::NotPoolManager)]
    pub pool: Box<Account<'info, Pool>>,
}

impl PoolUpdateConfig<'_> {
    /// Checks protocol state, identity and the new configuration.
    pub fn validate(&self, args: &PoolUpdateConfigArgs) -> Result<()> {
        self.protocol.require_not_paused()?;
        let now = Clock::get()?.unix_timestamp;
        self.manager_identity.require_valid(&self.manager.key(), ROLE_MANAGER, now)?;
        args.params.validate()?;
        args.policy.validate()?;
        Ok(())
    }

    /// Accrues at the old APR and applies the change.
    pub fn handle(ctx: Context<Self>, args: PoolUpdateConfigArgs) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let pool = &mut ctx.accounts.pool;
        let apr = pool.params.senior_apr_bps;
        pool.ledger.accrue(apr, now)?;
        pool.params = args.params;
        pool.policy = args.policy;
        pool.ledger.invariant()?;
        emit_cpi!(PoolConfigUpdated {
            pool: ctx.accounts.pool.key(),
            params: args.params,
            policy: args.policy,
        });
        Ok(())
    }
}

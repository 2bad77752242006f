//! The manager removes a verifier from its pool (rent back to the manager).

use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::PoolVerifierRemoved;
use crate::state::*;
use anchor_lang::prelude::*;

#[event_cpi]
#[derive(Accounts)]
pub struct PoolVerifierRemove<'info> {
    /// The pool's manager.
    #[account(mut)]
    pub manager: Signer<'info>,
    /// The configuration (pause flag).
    #[account(seeds = [PROTOCOL_SEED], bump = protocol.bump)]
    pub protocol: Box<Account<'info, ProtocolConfig>>,
    /// The manager's identity record (role: manager).
    #[account(seeds = [IDENTITY_SEED, manager.key().as_ref()], bump = manager_identity.bump)]
    pub manager_identity: Box<Account<'info, IdentityRecord>>,
    /// The pool.
    #[account(has_one = manager @ AutofactorError::NotPoolManager)]
    pub pool: Box<Account<'info, Pool>>,
    /// The registration; closed here.
    #[account(mut, close = manager, has_one = pool @ AutofactorError::WrongPool,
              seeds = [POOL_VERIFIER_SEED, pool.key().as_ref(), pool_verifier.verifier.as_ref()],
              bump = pool_verifier.bump)]
    pub pool_verifier: Box<Account<'info, PoolVerifier>>,
}

impl PoolVerifierRemove<'_> {
    /// Protocol pause and the manager's identity.
    pub fn validate(&self) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        self.protocol.require_manager_may_act(&self.manager_identity, &self.manager.key(), now)
    }

    /// Emits the removal (the account closes on exit).
    pub fn handle(ctx: Context<Self>) -> Result<()> {
        emit_cpi!(PoolVerifierRemoved {
            pool: ctx.accounts.pool.key(),
            verifier: ctx.accounts.pool_verifier.verifier,
        });
        Ok(())
    }
}

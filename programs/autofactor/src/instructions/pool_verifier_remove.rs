//! The manager removes a verifier from its pool (rent back to the manager).

use super::shared::*;
use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::PoolVerifierRemoved;
use crate::state::*;
use anchor_lang::prelude::*;

#[event_cpi]
#[derive(Accounts)]
pub struct PoolVerifierRemove<'info> {
    /// The manager (gets the rent back) and the pool.
    pub managed: ManagerPool<'info>,
    /// The registration; closed here.
    #[account(mut, constraint = pool_verifier.pool == managed.pool.key() @ AutofactorError::WrongPool,
              seeds = [POOL_VERIFIER_SEED, managed.pool.key().as_ref(), pool_verifier.verifier.as_ref()],
              bump = pool_verifier.bump)]
    pub pool_verifier: Box<Account<'info, PoolVerifier>>,
}

impl PoolVerifierRemove<'_> {
    /// Protocol pause and the manager's identity.
    pub fn validate(&self) -> Result<()> {
        self.managed.require_manager_may_act()
    }

    /// Closes the registration (rent to the manager) and emits the removal.
    pub fn handle(ctx: Context<Self>) -> Result<()> {
        let a = &ctx.accounts;
        let event = PoolVerifierRemoved { pool: a.managed.pool.key(), verifier: a.pool_verifier.verifier };
        crate::cpi::close_account(&a.pool_verifier.to_account_info(), &a.managed.manager)?;
        emit_cpi!(event);
        Ok(())
    }
}

//! The manager registers a verifier (role: verifier) for its pool.

use super::shared::*;
use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::PoolVerifierAdded;
use crate::state::*;
use anchor_lang::prelude::*;

#[event_cpi]
#[derive(Accounts)]
pub struct PoolVerifierAdd<'info> {
    /// The manager (pays for the registration) and the pool.
    pub managed: ManagerPool<'info>,
    /// CHECK: the verifier's wallet.
    pub verifier: UncheckedAccount<'info>,
    /// The verifier's identity record (role: verifier).
    #[account(seeds = [IDENTITY_SEED, verifier.key().as_ref()], bump = verifier_identity.bump)]
    pub verifier_identity: Box<Account<'info, IdentityRecord>>,
    /// The registration, created here.
    #[account(init, payer = managed.manager, space = 8 + PoolVerifier::INIT_SPACE,
              seeds = [POOL_VERIFIER_SEED, managed.pool.key().as_ref(), verifier.key().as_ref()], bump)]
    pub pool_verifier: Box<Account<'info, PoolVerifier>>,
    pub system_program: Program<'info, System>,
}

impl PoolVerifierAdd<'_> {
    /// Protocol pause and the manager's identity; the verifier must hold a
    /// valid verifier identity and must not be the manager itself.
    pub fn validate(&self) -> Result<()> {
        self.managed.require_manager_may_act()?;
        let now = Clock::get()?.unix_timestamp;
        require_keys_neq!(
            self.verifier.key(),
            self.managed.manager.key(),
            AutofactorError::VerifierIsManager
        );
        self.verifier_identity.require_valid(&self.verifier.key(), ROLE_VERIFIER, now)
    }

    /// Writes the registration.
    pub fn handle(ctx: Context<Self>) -> Result<()> {
        let pv = &mut ctx.accounts.pool_verifier;
        pv.set_inner(PoolVerifier {
            pool: ctx.accounts.managed.pool.key(),
            verifier: ctx.accounts.verifier.key(),
            added_ts: Clock::get()?.unix_timestamp,
            attestations: 0,
            bump: ctx.bumps.pool_verifier,
        });
        emit_cpi!(PoolVerifierAdded {
            pool: ctx.accounts.managed.pool.key(),
            verifier: ctx.accounts.verifier.key()
        });
        Ok(())
    }
}

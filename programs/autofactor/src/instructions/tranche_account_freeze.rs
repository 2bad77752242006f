//! Permissionless: freezes a tranche token account whose owner no longer
//! holds a valid investor identity (revoked, expired, role removed, or no
//! identity record at all), and any share account that is not its owner's
//! associated token account (only ATAs may hold shares).

use super::shared::*;
use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::TrancheAccountFrozen;
use crate::state::*;
use anchor_lang::prelude::*;

#[event_cpi]
#[derive(Accounts)]
pub struct TrancheAccountFreeze<'info> {
    /// The pool, the tranche's mint and the token account to freeze.
    pub share: ShareAccount<'info>,
    /// CHECK: the identity record PDA of the token account's owner,
    /// `["identity", owner]`. Missing, not owned by this program or not an
    /// identity record means "no valid identity" (freezable); read with
    /// [`IdentityRecord::is_valid_at`].
    #[account(seeds = [IDENTITY_SEED, share.token_account.owner.as_ref()], bump)]
    pub owner_identity: UncheckedAccount<'info>,
}

impl TrancheAccountFreeze<'_> {
    /// Only accounts of owners without a valid investor identity. Works
    /// while paused: keeping unverified wallets out is never suspended.
    pub fn validate(&self) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let owner = self.share.token_account.owner;
        require!(
            !self.share.is_owners_ata()
                || !IdentityRecord::is_valid_at(&self.owner_identity, &owner, ROLE_INVESTOR, now)?,
            AutofactorError::IdentityStillValid
        );
        Ok(())
    }

    /// Freezes the account if it is not frozen yet.
    pub fn handle(ctx: Context<Self>, tranche: Tranche) -> Result<()> {
        let (pool, token_account, owner) = ctx.accounts.share.set_frozen(true)?;
        emit_cpi!(TrancheAccountFrozen { pool, tranche, token_account, owner });
        Ok(())
    }
}

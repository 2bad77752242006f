//! Thaws a tranche token account whose owner holds a valid investor
//! identity, so it can receive shares (deposits thaw automatically; this is
//! for receiving shares by transfer). Anyone may send it.
//!
//! Only the owner's Token-2022 associated token account can be thawed
//! (it carries ImmutableOwner, so a thawed account can never be handed to
//! another wallet), and not while the owner's position in the tranche is in
//! its holding period (the deposit froze it so that the shares cannot be
//! moved to another wallet and redeemed from there).

use super::shared::*;
use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::TrancheAccountThawed;
use crate::state::*;
use anchor_lang::prelude::*;

#[event_cpi]
#[derive(Accounts)]
pub struct TrancheAccountThaw<'info> {
    /// The pool, the tranche's mint and the token account to thaw (its
    /// owner's share ATA).
    pub share: ShareAccount<'info>,
    /// CHECK: the owner's position in the tranche,
    /// `["position", pool, tranche, owner]`; may not exist (no holding
    /// period). Read with [`Position::unlock_ts_at`].
    #[account(seeds = [POSITION_SEED, share.pool.key().as_ref(), &[share.tranche().seed()],
                       share.token_account.owner.as_ref()], bump)]
    pub position: UncheckedAccount<'info>,
    /// The identity record of the token account's owner (role: investor).
    #[account(seeds = [IDENTITY_SEED, share.token_account.owner.as_ref()], bump = owner_identity.bump)]
    pub owner_identity: Box<Account<'info, IdentityRecord>>,
}

impl TrancheAccountThaw<'_> {
    /// Checks protocol/pool state and the owner's identity.
    pub fn validate(&self) -> Result<()> {
        let share = &self.share;
        share.protocol.require_not_paused()?;
        share.pool.require_not_paused()?;
        let now = Clock::get()?.unix_timestamp;
        self.owner_identity.require_valid(&share.token_account.owner, ROLE_INVESTOR, now)?;
        require!(share.is_owners_ata(), AutofactorError::NotAssociatedShareAccount);
        require!(now >= Position::unlock_ts_at(&self.position)?, AutofactorError::HoldingPeriodActive);
        Ok(())
    }

    /// Thaws the account if it is frozen.
    pub fn handle(ctx: Context<Self>, tranche: Tranche) -> Result<()> {
        let (pool, token_account, owner) = ctx.accounts.share.set_frozen(false)?;
        emit_cpi!(TrancheAccountThawed { pool, tranche, token_account, owner });
        Ok(())
    }
}

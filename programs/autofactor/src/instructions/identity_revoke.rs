//! The record's issuer revokes it (works even if the issuer was deactivated).

use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::IdentityRevoked;
use crate::state::IdentityRecord;
use anchor_lang::prelude::*;

#[event_cpi]
#[derive(Accounts)]
pub struct IdentityRevoke<'info> {
    /// The authority of the issuer that issued the record.
    pub authority: Signer<'info>,
    /// The record.
    #[account(mut, seeds = [IDENTITY_SEED, record.wallet.as_ref()], bump = record.bump,
              constraint = record.issuer == authority.key() @ AutofactorError::NotRecordIssuer)]
    pub record: Box<Account<'info, IdentityRecord>>,
}

impl IdentityRevoke<'_> {
    /// Refuses to revoke twice.
    pub fn validate(&self) -> Result<()> {
        require!(!self.record.revoked, AutofactorError::IdentityAlreadyRevoked);
        Ok(())
    }

    /// Marks the record revoked.
    pub fn handle(ctx: Context<Self>) -> Result<()> {
        let record = &mut ctx.accounts.record;
        record.revoked = true;
        record.updated_ts = Clock::get()?.unix_timestamp;
        emit_cpi!(IdentityRevoked {
            record: ctx.accounts.record.key(),
            wallet: ctx.accounts.record.wallet,
            issuer: ctx.accounts.authority.key(),
        });
        Ok(())
    }
}

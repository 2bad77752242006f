//! An active issuer creates the identity record of a wallet.

use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::IdentityIssued;
use crate::math::SafeMath;
use crate::state::{IdentityIssuer, IdentityRecord, IdentityTerms};
use anchor_lang::prelude::*;

#[event_cpi]
#[derive(Accounts)]
pub struct IdentityIssue<'info> {
    /// The issuer's authority; pays for the record.
    #[account(mut)]
    pub authority: Signer<'info>,
    /// The signer's issuer account (must exist and be active).
    #[account(mut, seeds = [ISSUER_SEED, authority.key().as_ref()], bump = issuer.bump,
              constraint = issuer.active @ AutofactorError::IssuerInactive)]
    pub issuer: Box<Account<'info, IdentityIssuer>>,
    /// CHECK: the wallet the record describes; any address.
    pub wallet: UncheckedAccount<'info>,
    /// The record, created here.
    #[account(init, payer = authority, space = 8 + IdentityRecord::INIT_SPACE,
              seeds = [IDENTITY_SEED, wallet.key().as_ref()], bump)]
    pub record: Box<Account<'info, IdentityRecord>>,
    pub system_program: Program<'info, System>,
}

impl IdentityIssue<'_> {
    /// Checks the terms.
    pub fn validate(&self, terms: &IdentityTerms) -> Result<()> {
        terms.validate(Clock::get()?.unix_timestamp)
    }

    /// Writes the record.
    pub fn handle(ctx: Context<Self>, terms: IdentityTerms) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let (entity_id, entity_key) = terms.entity()?;
        let record = &mut ctx.accounts.record;
        record.set_inner(IdentityRecord {
            wallet: ctx.accounts.wallet.key(),
            issuer: ctx.accounts.authority.key(),
            roles: terms.roles,
            jurisdiction: terms.jurisdiction,
            accreditation: terms.accreditation,
            did: terms.did.clone(),
            entity_id,
            entity_key,
            expires_ts: terms.expires_ts,
            issued_ts: now,
            updated_ts: now,
            revoked: false,
            bump: ctx.bumps.record,
        });
        let issuer = &mut ctx.accounts.issuer;
        issuer.records_issued = issuer.records_issued.safe_add(1)?;
        emit_cpi!(IdentityIssued {
            record: ctx.accounts.record.key(),
            wallet: ctx.accounts.wallet.key(),
            issuer: ctx.accounts.authority.key(),
            terms,
            entity_key,
        });
        Ok(())
    }
}

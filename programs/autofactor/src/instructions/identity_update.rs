//! The record's issuer changes its terms; a revoked record is reinstated.

use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::IdentityUpdated;
use crate::state::{IdentityIssuer, IdentityRecord, IdentityTerms};
use anchor_lang::prelude::*;

#[event_cpi]
#[derive(Accounts)]
pub struct IdentityUpdate<'info> {
    /// The issuer's authority.
    pub authority: Signer<'info>,
    /// The signer's issuer account (must be active).
    #[account(seeds = [ISSUER_SEED, authority.key().as_ref()], bump = issuer.bump,
              constraint = issuer.active @ AutofactorError::IssuerInactive)]
    pub issuer: Box<Account<'info, IdentityIssuer>>,
    /// The record; only its own issuer may change it.
    #[account(mut, seeds = [IDENTITY_SEED, record.wallet.as_ref()], bump = record.bump,
              constraint = record.issuer == authority.key() @ AutofactorError::NotRecordIssuer)]
    pub record: Box<Account<'info, IdentityRecord>>,
}

impl IdentityUpdate<'_> {
    /// Checks the terms.
    pub fn validate(&self, terms: &IdentityTerms) -> Result<()> {
        terms.validate(Clock::get()?.unix_timestamp)
    }

    /// Applies the terms.
    pub fn handle(ctx: Context<Self>, terms: IdentityTerms) -> Result<()> {
        let (entity_id, entity_key) = terms.entity()?;
        let record = &mut ctx.accounts.record;
        let reinstated = record.revoked;
        record.roles = terms.roles;
        record.jurisdiction = terms.jurisdiction;
        record.accreditation = terms.accreditation;
        record.did = terms.did.clone();
        // Open invoices keep the entity keys they were originated under
        // (`Invoice::supplier_entity` / `buyer_entity`), so their exposure
        // is released from the records it was booked on.
        record.entity_id = entity_id;
        record.entity_key = entity_key;
        record.expires_ts = terms.expires_ts;
        record.revoked = false;
        record.updated_ts = Clock::get()?.unix_timestamp;
        emit_cpi!(IdentityUpdated {
            record: ctx.accounts.record.key(),
            wallet: ctx.accounts.record.wallet,
            issuer: ctx.accounts.authority.key(),
            terms,
            entity_key,
            reinstated,
        });
        Ok(())
    }
}

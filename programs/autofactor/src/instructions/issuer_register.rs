//! Registers an identity issuer (KYC/KYB provider). Admin only.

use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::IssuerRegistered;
use crate::math::SafeMath;
use crate::state::{IdentityIssuer, ProtocolConfig};
use anchor_lang::prelude::*;

#[event_cpi]
#[derive(Accounts)]
pub struct IssuerRegister<'info> {
    /// The protocol admin; pays for the issuer account.
    #[account(mut)]
    pub admin: Signer<'info>,
    /// The configuration.
    #[account(mut, seeds = [PROTOCOL_SEED], bump = protocol.bump, has_one = admin @ AutofactorError::NotProtocolAdmin)]
    pub protocol: Box<Account<'info, ProtocolConfig>>,
    /// CHECK: any wallet; it will sign the issuer's identity operations.
    pub authority: UncheckedAccount<'info>,
    /// The issuer account, created here.
    #[account(init, payer = admin, space = 8 + IdentityIssuer::INIT_SPACE,
              seeds = [ISSUER_SEED, authority.key().as_ref()], bump)]
    pub issuer: Box<Account<'info, IdentityIssuer>>,
    pub system_program: Program<'info, System>,
}

impl IssuerRegister<'_> {
    /// Checks the name.
    pub fn validate(&self, name: &str) -> Result<()> {
        require!(
            !name.trim().is_empty() && name.len() <= MAX_ISSUER_NAME_LEN,
            AutofactorError::InvalidIssuerName
        );
        Ok(())
    }

    /// Creates the issuer, active.
    pub fn handle(ctx: Context<Self>, name: String) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let issuer = &mut ctx.accounts.issuer;
        issuer.set_inner(IdentityIssuer {
            authority: ctx.accounts.authority.key(),
            name: name.clone(),
            active: true,
            registered_ts: now,
            records_issued: 0,
            bump: ctx.bumps.issuer,
        });
        let protocol = &mut ctx.accounts.protocol;
        protocol.issuer_count = protocol.issuer_count.safe_add(1)?;
        emit_cpi!(IssuerRegistered {
            issuer: ctx.accounts.issuer.key(),
            authority: ctx.accounts.authority.key(),
            name,
        });
        Ok(())
    }
}

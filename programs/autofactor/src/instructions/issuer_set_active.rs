//! Activates or deactivates an identity issuer. Admin only. A deactivated
//! issuer can no longer issue or update records (it can still revoke).

use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::IssuerStatusSet;
use crate::state::{IdentityIssuer, ProtocolConfig};
use anchor_lang::prelude::*;

#[event_cpi]
#[derive(Accounts)]
pub struct IssuerSetActive<'info> {
    /// The protocol admin.
    pub admin: Signer<'info>,
    /// The configuration.
    #[account(seeds = [PROTOCOL_SEED], bump = protocol.bump, has_one = admin @ AutofactorError::NotProtocolAdmin)]
    pub protocol: Box<Account<'info, ProtocolConfig>>,
    /// The issuer.
    #[account(mut, seeds = [ISSUER_SEED, issuer.authority.as_ref()], bump = issuer.bump)]
    pub issuer: Box<Account<'info, IdentityIssuer>>,
}

impl IssuerSetActive<'_> {
    /// Sets the flag.
    pub fn handle(ctx: Context<Self>, active: bool) -> Result<()> {
        ctx.accounts.issuer.active = active;
        emit_cpi!(IssuerStatusSet { issuer: ctx.accounts.issuer.key(), active });
        Ok(())
    }
}

//! Pauses or unpauses the whole protocol (admin only).

use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::ProtocolPauseSet;
use crate::state::ProtocolConfig;
use anchor_lang::prelude::*;

#[event_cpi]
#[derive(Accounts)]
pub struct ProtocolSetPaused<'info> {
    /// The protocol admin.
    pub admin: Signer<'info>,
    /// The configuration.
    #[account(mut, seeds = [PROTOCOL_SEED], bump = protocol.bump, has_one = admin @ AutofactorError::NotProtocolAdmin)]
    pub protocol: Box<Account<'info, ProtocolConfig>>,
}

impl ProtocolSetPaused<'_> {
    /// Refuses a no-op.
    pub fn validate(&self, paused: bool) -> Result<()> {
        require!(self.protocol.paused != paused, AutofactorError::PauseUnchanged);
        Ok(())
    }

    /// Sets the flag.
    pub fn handle(ctx: Context<Self>, paused: bool) -> Result<()> {
        ctx.accounts.protocol.paused = paused;
        emit_cpi!(ProtocolPauseSet { paused, admin: ctx.accounts.admin.key() });
        Ok(())
    }
}

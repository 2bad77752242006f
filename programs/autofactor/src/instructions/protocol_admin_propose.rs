//! First step of an admin transfer: the admin names its successor
//! (`Pubkey::default()` cancels a pending proposal).

use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::AdminTransferProposed;
use crate::state::ProtocolConfig;
use anchor_lang::prelude::*;

#[event_cpi]
#[derive(Accounts)]
pub struct ProtocolAdminPropose<'info> {
    /// The current admin.
    pub admin: Signer<'info>,
    /// The configuration.
    #[account(mut, seeds = [PROTOCOL_SEED], bump = protocol.bump, has_one = admin @ AutofactorError::NotProtocolAdmin)]
    pub protocol: Box<Account<'info, ProtocolConfig>>,
}

impl ProtocolAdminPropose<'_> {
    /// Records the proposal.
    pub fn handle(ctx: Context<Self>, new_admin: Pubkey) -> Result<()> {
        ctx.accounts.protocol.pending_admin = new_admin;
        emit_cpi!(AdminTransferProposed { admin: ctx.accounts.admin.key(), pending_admin: new_admin });
        Ok(())
    }
}

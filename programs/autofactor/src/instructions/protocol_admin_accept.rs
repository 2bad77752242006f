//! Second step of an admin transfer: the proposed admin accepts.

use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::AdminTransferAccepted;
use crate::state::ProtocolConfig;
use anchor_lang::prelude::*;

#[event_cpi]
#[derive(Accounts)]
pub struct ProtocolAdminAccept<'info> {
    /// The proposed admin.
    pub new_admin: Signer<'info>,
    /// The configuration.
    #[account(mut, seeds = [PROTOCOL_SEED], bump = protocol.bump)]
    pub protocol: Box<Account<'info, ProtocolConfig>>,
}

impl ProtocolAdminAccept<'_> {
    /// Checks that a transfer is pending to the signer.
    pub fn validate(&self) -> Result<()> {
        require!(self.protocol.has_pending_admin(), AutofactorError::NoPendingAdmin);
        require_keys_eq!(self.protocol.pending_admin, self.new_admin.key(), AutofactorError::NotPendingAdmin);
        Ok(())
    }

    /// Completes the transfer.
    pub fn handle(ctx: Context<Self>) -> Result<()> {
        let protocol = &mut ctx.accounts.protocol;
        let previous_admin = protocol.admin;
        protocol.admin = protocol.pending_admin;
        protocol.pending_admin = Pubkey::default();
        emit_cpi!(AdminTransferAccepted { previous_admin, admin: protocol.admin });
        Ok(())
    }
}

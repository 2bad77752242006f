//! Sets the protocol fee and treasury (admin only).

use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::ProtocolFeeUpdated;
use crate::state::ProtocolConfig;
use anchor_lang::prelude::*;

/// Arguments of `protocol_update`.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub struct ProtocolUpdateArgs {
    /// New protocol fee (bps of income).
    pub protocol_fee_bps: u16,
    /// New treasury wallet.
    pub treasury: Pubkey,
}

#[event_cpi]
#[derive(Accounts)]
pub struct ProtocolUpdate<'info> {
    /// The protocol admin.
    pub admin: Signer<'info>,
    /// The configuration.
    #[account(mut, seeds = [PROTOCOL_SEED], bump = protocol.bump, has_one = admin @ AutofactorError::NotProtocolAdmin)]
    pub protocol: Box<Account<'info, ProtocolConfig>>,
}

impl ProtocolUpdate<'_> {
    /// Checks the arguments.
    pub fn validate(&self, args: &ProtocolUpdateArgs) -> Result<()> {
        require!(args.protocol_fee_bps <= MAX_PROTOCOL_FEE_BPS, AutofactorError::ProtocolFeeTooHigh);
        require!(args.treasury != Pubkey::default(), AutofactorError::InvalidTreasury);
        Ok(())
    }

    /// Applies the change.
    pub fn handle(ctx: Context<Self>, args: ProtocolUpdateArgs) -> Result<()> {
        let protocol = &mut ctx.accounts.protocol;
        protocol.protocol_fee_bps = args.protocol_fee_bps;
        protocol.treasury = args.treasury;
        emit_cpi!(ProtocolFeeUpdated { protocol_fee_bps: args.protocol_fee_bps, treasury: args.treasury });
        Ok(())
    }
}

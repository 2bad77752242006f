//! Creates the singleton protocol configuration. The signer becomes admin.

use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::ProtocolInitialized;
use crate::state::ProtocolConfig;
use anchor_lang::prelude::*;
use anchor_spl::token_interface::Mint;

/// Arguments of `protocol_initialize`.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub struct ProtocolInitializeArgs {
    /// Wallet that receives protocol fees.
    pub treasury: Pubkey,
    /// Protocol fee in bps of pool income, at most `MAX_PROTOCOL_FEE_BPS`.
    pub protocol_fee_bps: u16,
}

#[event_cpi]
#[derive(Accounts)]
pub struct ProtocolInitialize<'info> {
    /// Becomes the protocol admin; pays for the config account.
    #[account(mut)]
    pub admin: Signer<'info>,
    /// The configuration, created here.
    #[account(init, payer = admin, space = 8 + ProtocolConfig::INIT_SPACE, seeds = [PROTOCOL_SEED], bump)]
    pub protocol: Box<Account<'info, ProtocolConfig>>,
    /// The USDC mint every pool will use.
    pub usdc_mint: InterfaceAccount<'info, Mint>,
    pub system_program: Program<'info, System>,
}

impl ProtocolInitialize<'_> {
    /// Checks the arguments.
    pub fn validate(&self, args: &ProtocolInitializeArgs) -> Result<()> {
        require!(args.protocol_fee_bps <= MAX_PROTOCOL_FEE_BPS, AutofactorError::ProtocolFeeTooHigh);
        require!(args.treasury != Pubkey::default(), AutofactorError::InvalidTreasury);
        Ok(())
    }

    /// Writes the configuration.
    pub fn handle(ctx: Context<Self>, args: ProtocolInitializeArgs) -> Result<()> {
        let protocol = &mut ctx.accounts.protocol;
        protocol.set_inner(ProtocolConfig {
            admin: ctx.accounts.admin.key(),
            pending_admin: Pubkey::default(),
            treasury: args.treasury,
            usdc_mint: ctx.accounts.usdc_mint.key(),
            protocol_fee_bps: args.protocol_fee_bps,
            paused: false,
            bump: ctx.bumps.protocol,
            issuer_count: 0,
            pool_count: 0,
            usdc_usd_feed_id: [0; 32],
            min_usdc_price_bps: 0,
            usdc_max_age_secs: 0,
            reserved: [0; 128],
        });
        emit_cpi!(ProtocolInitialized {
            admin: protocol.admin,
            treasury: protocol.treasury,
            usdc_mint: protocol.usdc_mint,
            protocol_fee_bps: protocol.protocol_fee_bps,
        });
        Ok(())
    }
}

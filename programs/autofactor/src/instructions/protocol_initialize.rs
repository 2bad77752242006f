//! Creates the singleton protocol configuration. The signer becomes admin.
//!
//! The USDC mint is checked (F-17): an SPL Token mint, or a Token-2022 mint
//! without any extension in [`REFUSED_MINT_EXTENSIONS`] — those let a third
//! party take or freeze the vault's tokens, or make the vault receive less
//! than the ledger books.

use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::ProtocolInitialized;
use crate::state::ProtocolConfig;
use anchor_lang::prelude::*;
use anchor_spl::token_2022::spl_token_2022::{
    extension::{BaseStateWithExtensions, ExtensionType, StateWithExtensions},
    state::Mint as SplMint,
};
use anchor_spl::token_interface::Mint;

/// Token-2022 mint extensions the protocol's USDC mint must not carry:
/// - `TransferFeeConfig`, `ConfidentialTransferFeeConfig`: the vault would
///   receive less than the amount booked;
/// - `TransferHook`: a third-party program runs on (and can block) every
///   payment to or from the vault;
/// - `PermanentDelegate`: a third party can move or burn the vault's tokens;
/// - `Pausable`, `NonTransferable`: payments in and out can be stopped for good;
/// - `DefaultAccountState`: new accounts (the pool's vault) may start frozen;
/// - `ConfidentialTransferMint`, `ConfidentialMintBurn`: balances can move
///   outside the visible amount the ledger reconciles against.
///
/// Metadata, group, interest-bearing and scaled-UI extensions only change
/// how amounts are displayed, and close authority only affects an empty
/// mint: they are accepted, as is any SPL Token mint.
pub const REFUSED_MINT_EXTENSIONS: [ExtensionType; 9] = [
    ExtensionType::TransferFeeConfig,
    ExtensionType::ConfidentialTransferFeeConfig,
    ExtensionType::TransferHook,
    ExtensionType::PermanentDelegate,
    ExtensionType::Pausable,
    ExtensionType::NonTransferable,
    ExtensionType::DefaultAccountState,
    ExtensionType::ConfidentialTransferMint,
    ExtensionType::ConfidentialMintBurn,
];

/// Fails with `UnsupportedMintExtension` if `mint` (SPL Token or
/// Token-2022) carries one of [`REFUSED_MINT_EXTENSIONS`].
pub fn require_supported_usdc_mint(mint: &AccountInfo) -> Result<()> {
    if *mint.owner == anchor_spl::token::ID {
        return Ok(());
    }
    let data = mint.try_borrow_data()?;
    let state = StateWithExtensions::<SplMint>::unpack(&data)?;
    for extension in state.get_extension_types()? {
        require!(!REFUSED_MINT_EXTENSIONS.contains(&extension), AutofactorError::UnsupportedMintExtension);
    }
    Ok(())
}

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
    /// Checks the arguments and the USDC mint's extensions.
    pub fn validate(&self, args: &ProtocolInitializeArgs) -> Result<()> {
        require!(args.protocol_fee_bps <= MAX_PROTOCOL_FEE_BPS, AutofactorError::ProtocolFeeTooHigh);
        require!(args.treasury != Pubkey::default(), AutofactorError::InvalidTreasury);
        require_supported_usdc_mint(&self.usdc_mint.to_account_info())
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

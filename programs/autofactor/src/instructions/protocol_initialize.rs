//! Creates the singleton protocol configuration. The signer becomes admin.
//!
//! Only the program's deployer may send it (F-12): on a cluster the program
//! is deployed by the upgradeable BPF loader and the signer must be the
//! upgrade authority recorded in its ProgramData account, so nobody can
//! front-run the deployment's initialization and become admin with a mint
//! of their choosing. A builtin program (the in-process test runtime and
//! `autofactor localnet`, owned by the native loader) has no deployer to
//! check; any other loader is refused.
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

/// The native loader, owner of builtin programs (the in-process runtime of
/// the tests and `autofactor localnet` run this program as one).
pub const NATIVE_LOADER_ID: Pubkey = pubkey!("NativeLoader1111111111111111111111111111111");

/// Fails with `NotProgramUpgradeAuthority` unless `admin` may initialize the
/// protocol: `program` (this program's account) is a builtin, or it is
/// owned by the upgradeable loader, `program_data` is its ProgramData
/// account and records `admin` as the upgrade authority (F-12).
pub fn require_deployer(
    program: &AccountInfo,
    program_data: Option<&AccountInfo>,
    admin: &Pubkey,
) -> Result<()> {
    use anchor_lang::solana_program::bpf_loader_upgradeable::{self, UpgradeableLoaderState};
    if *program.owner == NATIVE_LOADER_ID {
        return Ok(());
    }
    let refused = || error!(AutofactorError::NotProgramUpgradeAuthority);
    require_keys_eq!(*program.owner, bpf_loader_upgradeable::ID, AutofactorError::NotProgramUpgradeAuthority);
    let UpgradeableLoaderState::Program { programdata_address } =
        UpgradeableLoaderState::try_deserialize(&mut &program.try_borrow_data()?[..])?
    else {
        return Err(refused());
    };
    let program_data = program_data.ok_or_else(refused)?;
    require_keys_eq!(*program_data.key, programdata_address, AutofactorError::NotProgramUpgradeAuthority);
    require_keys_eq!(
        *program_data.owner,
        bpf_loader_upgradeable::ID,
        AutofactorError::NotProgramUpgradeAuthority
    );
    let data = ProgramData::try_deserialize(&mut &program_data.try_borrow_data()?[..])?;
    require!(data.upgrade_authority_address == Some(*admin), AutofactorError::NotProgramUpgradeAuthority);
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
    /// CHECK: this program's own account: its loader decides who may
    /// initialize (`require_deployer`).
    #[account(address = crate::ID)]
    pub autofactor_program: UncheckedAccount<'info>,
    /// CHECK: the program's ProgramData account (`[program id]` under the
    /// upgradeable loader); required on a cluster, checked by
    /// `require_deployer`.
    pub program_data: Option<UncheckedAccount<'info>>,
    pub system_program: Program<'info, System>,
}

impl ProtocolInitialize<'_> {
    /// Checks the arguments and the USDC mint's extensions.
    pub fn validate(&self, args: &ProtocolInitializeArgs) -> Result<()> {
        require!(args.protocol_fee_bps <= MAX_PROTOCOL_FEE_BPS, AutofactorError::ProtocolFeeTooHigh);
        require!(args.treasury != Pubkey::default(), AutofactorError::InvalidTreasury);
        require_deployer(
            &self.autofactor_program.to_account_info(),
            self.program_data.as_ref().map(|p| p.as_ref()),
            &self.admin.key(),
        )?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use anchor_lang::solana_program::bpf_loader_upgradeable::{self, UpgradeableLoaderState};

    /// `bincode` image of an upgradeable-loader account state (what the
    /// loader writes; the ProgramData header is followed by the ELF).
    fn image(state: &UpgradeableLoaderState, tail: usize) -> Vec<u8> {
        let mut v = match state {
            UpgradeableLoaderState::Program { programdata_address } => {
                let mut v = 2u32.to_le_bytes().to_vec();
                v.extend_from_slice(programdata_address.as_ref());
                v
            }
            UpgradeableLoaderState::ProgramData { slot, upgrade_authority_address } => {
                let mut v = 3u32.to_le_bytes().to_vec();
                v.extend_from_slice(&slot.to_le_bytes());
                match upgrade_authority_address {
                    Some(a) => {
                        v.push(1);
                        v.extend_from_slice(a.as_ref());
                    }
                    None => v.push(0),
                }
                v
            }
            _ => unreachable!(),
        };
        v.resize(v.len() + tail, 0x7f);
        v
    }

    struct Deployment {
        program_key: Pubkey,
        program_owner: Pubkey,
        program: Vec<u8>,
        data_key: Pubkey,
        data_owner: Pubkey,
        data: Vec<u8>,
    }

    impl Deployment {
        /// This program deployed by the upgradeable loader with `authority`.
        fn upgradeable(authority: Option<Pubkey>) -> Self {
            let data_key = bpf_loader_upgradeable::get_program_data_address(&crate::ID);
            Self {
                program_key: crate::ID,
                program_owner: bpf_loader_upgradeable::ID,
                program: image(&UpgradeableLoaderState::Program { programdata_address: data_key }, 0),
                data_key,
                data_owner: bpf_loader_upgradeable::ID,
                data: image(
                    &UpgradeableLoaderState::ProgramData { slot: 7, upgrade_authority_address: authority },
                    64,
                ),
            }
        }

        fn check(&mut self, with_data: bool, admin: &Pubkey) -> Result<()> {
            let (mut l1, mut l2) = (1u64, 1u64);
            let program = AccountInfo::new(
                &self.program_key,
                false,
                false,
                &mut l1,
                &mut self.program,
                &self.program_owner,
                true,
            );
            let data = AccountInfo::new(
                &self.data_key,
                false,
                false,
                &mut l2,
                &mut self.data,
                &self.data_owner,
                false,
            );
            require_deployer(&program, with_data.then_some(&data), admin)
        }
    }

    fn refused(r: Result<()>) -> bool {
        r == Err(AutofactorError::NotProgramUpgradeAuthority.into())
    }

    #[test]
    fn only_the_upgrade_authority_initializes_a_deployed_program() {
        let deployer = Pubkey::new_unique();
        let front_runner = Pubkey::new_unique();
        assert!(Deployment::upgradeable(Some(deployer)).check(true, &deployer).is_ok());
        // Anyone else, or without the ProgramData account: refused.
        assert!(refused(Deployment::upgradeable(Some(deployer)).check(true, &front_runner)));
        assert!(refused(Deployment::upgradeable(Some(deployer)).check(false, &deployer)));
        // An immutable program (no authority) cannot be initialized.
        assert!(refused(Deployment::upgradeable(None).check(true, &deployer)));
        // A forged ProgramData: another address, or not the loader's.
        let mut d = Deployment::upgradeable(Some(deployer));
        d.data_key = Pubkey::new_unique();
        assert!(refused(d.check(true, &deployer)));
        let mut d = Deployment::upgradeable(Some(deployer));
        d.data_owner = Pubkey::new_unique();
        assert!(refused(d.check(true, &deployer)));
        // Another loader (non-upgradeable, v4): refused.
        let mut d = Deployment::upgradeable(Some(deployer));
        d.program_owner = Pubkey::new_unique();
        assert!(refused(d.check(true, &deployer)));
    }

    #[test]
    fn a_builtin_program_has_no_deployer_to_check() {
        let mut d = Deployment::upgradeable(None);
        d.program_owner = NATIVE_LOADER_ID;
        assert!(d.check(false, &Pubkey::new_unique()).is_ok());
    }
}

//! Client library for the Autofactor program, shared by the integration
//! tests, the CLI and the local chain: PDA derivation (from the program's
//! own seed constants), one instruction builder per instruction, account
//! decoding and event decoding; also what every off-chain user shares:
//! default pool terms ([`presets`]), Pyth feed accounts ([`pyth`]), field
//! offsets for filters ([`layout`]), role names ([`roles`]) and amount
//! formatting ([`format`]).

pub mod decode;
pub mod format;
pub mod ix;
pub mod layout;
pub mod pda;
pub mod presets;
pub mod pyth;
pub mod roles;

pub use autofactor::{canonical, constants, error::AutofactorError, events, math, state, ID as PROGRAM_ID};

/// Program id of SPL Token (the USDC token program on mainnet).
pub const TOKEN_PROGRAM_ID: anchor_lang::prelude::Pubkey = anchor_spl::token::ID;
/// Program id of Token-2022 (tranche share mints).
pub const TOKEN_2022_PROGRAM_ID: anchor_lang::prelude::Pubkey = anchor_spl::token_2022::ID;
/// Program id of the Associated Token Account program.
pub const ATA_PROGRAM_ID: anchor_lang::prelude::Pubkey = anchor_spl::associated_token::ID;

/// Anchor's custom error codes start here; `AutofactorError` variant `n` is
/// `ERROR_CODE_OFFSET + n`.
pub const ERROR_CODE_OFFSET: u32 = anchor_lang::error::ERROR_CODE_OFFSET;

/// The on-chain code of a program error.
pub fn error_code(e: AutofactorError) -> u32 {
    e.into()
}

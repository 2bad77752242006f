//! Native ("host") implementation of the part of the Metaplex Core program
//! (`CoREENxT6tW1HoK8ypY1SxRMZTcVPm7R94rH4PZNhX7d`) that Autofactor uses.
//!
//! Without a real Core program binary (see [`backend`]: `AUTOFACTOR_CORE_SO`,
//! `tests/fixtures/mpl_core.so`) the in-process test chain
//! (`solana-program-test`) registers this crate as a native builtin under the
//! Core program id:
//!
//! ```ignore
//! let mut program_test = ProgramTest::default();
//! program_test.prefer_bpf(false);
//! program_test.add_program(
//!     "mpl_core",
//!     mpl_core::ID,
//!     solana_program_test::processor!(core_host::process_instruction),
//! );
//! ```
//!
//! Instruction data is decoded with the `mpl-core` crate's own instruction
//! types, and accounts are written in Core's on-chain layout
//! (`BaseAssetV1`/`BaseCollectionV1`, then `PluginHeaderV1`, plugin data and
//! `PluginRegistryV1`), so `mpl_core::Asset::from_bytes`,
//! `mpl_core::Collection::from_bytes` and the crate's plugin fetch helpers read
//! them back. Authority rules and error codes follow Core's lifecycle
//! validation; see the crate README for the supported subset, the
//! differential test against the real program and the known deviations.

mod accounts;
pub mod backend;
mod instruction;
mod processor;
mod state;
mod utils;
mod validation;

use solana_program::{account_info::AccountInfo, entrypoint::ProgramResult, pubkey::Pubkey};

pub use instruction::{decode_instruction_name, CoreInstruction};

/// Protocol fee (in lamports) that Core adds on top of the rent-exempt
/// minimum when it creates an asset account (`CreateV2`). The fee stays in the
/// asset account (it is also left behind when the asset is burned).
pub const CREATE_FEE_LAMPORTS: u64 = 1_500_000;

/// Address of the SPL Noop program, the only log wrapper Core accepts.
pub const SPL_NOOP_ID: Pubkey = solana_program::pubkey!("noopb9bkMVfRPU8AsbpTUg8AQkHtKwMYZiFUjNRtMmV");

/// Entrypoint of the native Core implementation.
///
/// Decodes `instruction_data` with the `mpl-core` instruction types and
/// executes the supported instructions (`CreateV2`, `CreateCollectionV2`,
/// `TransferV1`, `BurnV1`, `UpdatePluginV1`, `AddPluginV1`). Every other Core
/// instruction is logged by name and rejected with
/// [`ProgramError::InvalidInstructionData`](solana_program::program_error::ProgramError::InvalidInstructionData).
///
/// Accounts passed with the Core program id as their key are treated as
/// "not provided", exactly like Core's optional account convention.
pub fn process_instruction(
    program_id: &Pubkey,
    accounts: &[AccountInfo],
    instruction_data: &[u8],
) -> ProgramResult {
    processor::process(program_id, accounts, instruction_data)
}

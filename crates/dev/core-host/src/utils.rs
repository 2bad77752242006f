//! Small guards and helpers shared by the instruction processors.

use mpl_core::{
    errors::MplCoreError,
    types::{PluginAuthority, PluginType},
};
use solana_program::{account_info::AccountInfo, program_error::ProgramError};

use crate::SPL_NOOP_ID;

/// Write a line to the transaction log (`Program log: ...`).
///
/// `msg!` prints to stdout on the host; the syscall stub used here is the one
/// `solana-program-test` captures into the transaction's log messages. (This
/// crate is a host-only builtin and is never built for the SBF target.)
pub(crate) fn log(message: &str) {
    solana_program::program_stubs::sol_log(message);
}

/// Convert a Core error into the `ProgramError::Custom` code Core returns.
pub(crate) fn core_err(error: MplCoreError) -> ProgramError {
    ProgramError::from(error)
}

/// Core's `assert_signer`: `MissingRequiredSignature` if the account did not sign.
pub(crate) fn assert_signer(account: &AccountInfo) -> Result<(), ProgramError> {
    if account.is_signer {
        Ok(())
    } else {
        Err(ProgramError::MissingRequiredSignature)
    }
}

/// Core's optional-authority pattern: the authority must sign if it is
/// provided, otherwise the payer acts as the authority.
pub(crate) fn resolve_authority<'a, 'b>(
    payer: &'a AccountInfo<'b>,
    authority: Option<&'a AccountInfo<'b>>,
) -> Result<&'a AccountInfo<'b>, ProgramError> {
    match authority {
        Some(authority) => {
            assert_signer(authority)?;
            Ok(authority)
        }
        None => Ok(payer),
    }
}

/// `InvalidSystemProgram` unless the account is the system program.
pub(crate) fn assert_system_program(account: &AccountInfo) -> Result<(), ProgramError> {
    if *account.key == solana_system_interface::program::ID {
        Ok(())
    } else {
        Err(core_err(MplCoreError::InvalidSystemProgram))
    }
}

/// `InvalidLogWrapperProgram` unless the (optional) log wrapper is SPL Noop.
pub(crate) fn assert_log_wrapper(account: Option<&AccountInfo>) -> Result<(), ProgramError> {
    match account {
        Some(account) if *account.key != SPL_NOOP_ID => Err(core_err(MplCoreError::InvalidLogWrapperProgram)),
        _ => Ok(()),
    }
}

/// The runtime rejects writes to read-only accounts (`ReadonlyDataModified` /
/// `ReadonlyLamportChange`), but a native builtin's writes to read-only
/// accounts are silently dropped by `solana-program-test`. This guard keeps the
/// host from "succeeding" where the real chain would fail.
pub(crate) fn assert_writable(account: &AccountInfo, what: &str) -> Result<(), ProgramError> {
    if account.is_writable {
        Ok(())
    } else {
        log(&format!("core-host: {what} account {} must be writable", account.key));
        Err(ProgramError::Immutable)
    }
}

/// Plugin types whose lifecycle rules this host implements.
pub(crate) fn is_supported_plugin(plugin_type: &PluginType) -> bool {
    matches!(
        plugin_type,
        PluginType::FreezeDelegate
            | PluginType::BurnDelegate
            | PluginType::TransferDelegate
            | PluginType::UpdateDelegate
            | PluginType::PermanentFreezeDelegate
            | PluginType::Attributes
            | PluginType::PermanentTransferDelegate
            | PluginType::PermanentBurnDelegate
    )
}

/// `NotAvailable` (with a log line) for plugin types this host does not implement.
pub(crate) fn assert_supported_plugin(plugin_type: &PluginType) -> Result<(), ProgramError> {
    if is_supported_plugin(plugin_type) {
        Ok(())
    } else {
        log(&format!("core-host: plugin {plugin_type:?} is not implemented by the native Core host"));
        Err(core_err(MplCoreError::NotAvailable))
    }
}

/// Core's `PluginType::manager()`: the default authority of a plugin type.
pub(crate) fn plugin_manager(plugin_type: &PluginType) -> PluginAuthority {
    match plugin_type {
        PluginType::FreezeDelegate
        | PluginType::BurnDelegate
        | PluginType::TransferDelegate
        | PluginType::Autograph
        | PluginType::FreezeExecute => PluginAuthority::Owner,
        _ => PluginAuthority::UpdateAuthority,
    }
}

/// Convert an on-chain `u64` offset into a `usize`.
pub(crate) fn to_usize(value: u64) -> Result<usize, ProgramError> {
    usize::try_from(value).map_err(|_| core_err(MplCoreError::NumericalOverflow))
}

/// Convert a `usize` offset into the on-chain `u64` representation.
pub(crate) fn to_u64(value: usize) -> Result<u64, ProgramError> {
    u64::try_from(value).map_err(|_| core_err(MplCoreError::NumericalOverflow))
}

//! Program errors by name and message: Autofactor's own codes from the IDL
//! (embedded at build time), Anchor's built-in codes from a table.

use serde::Serialize;
use solana_rpc_client_api::client_error::{Error as ClientError, ErrorKind};
use solana_rpc_client_api::request::{RpcError, RpcResponseErrorData};
use solana_sdk::instruction::InstructionError;
use solana_sdk::transaction::TransactionError;

/// The committed IDL of the program.
pub const IDL_JSON: &str = include_str!("../../idl/autofactor.json");

/// A decoded program error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProgramError {
    /// Numeric code (`Custom(n)`).
    pub code: u32,
    /// Variant name, e.g. `PoolPaused`.
    pub name: String,
    /// Human message.
    pub message: String,
}

/// A CLI failure with a stable machine-readable `code`, printed as
/// `{"error": {...}}` under `--output json`.
#[derive(Debug, Clone, Serialize)]
pub struct CliError {
    /// Stable identifier, e.g. `program_error`, `credit_note`, `rpc_error`.
    pub code: String,
    /// Human message.
    pub message: String,
    /// The program error, when a transaction failed in the program.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub program_error: Option<ProgramError>,
    /// Index of the failing instruction in the transaction.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instruction_index: Option<u8>,
    /// Program logs of the failed simulation, when the node returned them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub logs: Vec<String>,
}

impl CliError {
    /// An error with a code and a message.
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
            program_error: None,
            instruction_index: None,
            logs: vec![],
        }
    }
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CliError {}

/// Looks up an Autofactor error code (6000+) in the IDL.
pub fn idl_error(code: u32) -> Option<ProgramError> {
    let idl: serde_json::Value = serde_json::from_str(IDL_JSON).ok()?;
    idl.get("errors")?.as_array()?.iter().find_map(|e| {
        if e.get("code")?.as_u64()? != code as u64 {
            return None;
        }
        Some(ProgramError {
            code,
            name: e.get("name")?.as_str()?.to_string(),
            message: e.get("msg").and_then(|m| m.as_str()).unwrap_or("").to_string(),
        })
    })
}

/// Looks up an Anchor framework error code (100–5000).
pub fn anchor_error(code: u32) -> Option<ProgramError> {
    ANCHOR_ERRORS.iter().find(|(c, _, _)| *c == code).map(|(c, n, m)| ProgramError {
        code: *c,
        name: n.to_string(),
        message: m.to_string(),
    })
}

/// Names a `Custom(n)` program error.
pub fn program_error(code: u32) -> ProgramError {
    idl_error(code).or_else(|| anchor_error(code)).unwrap_or(ProgramError {
        code,
        name: format!("Custom({code})"),
        message: format!(
            "custom program error 0x{code:x} (not an Autofactor or Anchor code: probably raised by a program \
             called by the transaction, e.g. SPL Token; see the logs)"
        ),
    })
}

/// Turns an RPC client error into a [`CliError`], naming program errors.
pub fn explain_client_error(e: &ClientError) -> CliError {
    let mut logs = Vec::new();
    if let ErrorKind::RpcError(RpcError::RpcResponseError {
        data: RpcResponseErrorData::SendTransactionPreflightFailure(sim),
        ..
    }) = e.kind()
    {
        logs = sim.logs.clone().unwrap_or_default();
    }
    match e.get_transaction_error() {
        Some(te) => explain_transaction_error(&te, logs),
        None => CliError { logs, ..CliError::new("rpc_error", format!("RPC request failed: {e}")) },
    }
}

/// Turns a failed transaction's error into a [`CliError`], naming program errors.
pub fn explain_transaction_error(te: &TransactionError, logs: Vec<String>) -> CliError {
    match te.clone() {
        TransactionError::InstructionError(idx, InstructionError::Custom(n)) => {
            let pe = program_error(n);
            CliError {
                code: "program_error".into(),
                message: format!(
                    "transaction failed in instruction {idx}: {} ({}): {}",
                    pe.name, pe.code, pe.message
                ),
                program_error: Some(pe),
                instruction_index: Some(idx),
                logs,
            }
        }
        TransactionError::InstructionError(idx, ie) => CliError {
            code: "instruction_error".into(),
            message: format!("transaction failed in instruction {idx}: {ie}"),
            program_error: None,
            instruction_index: Some(idx),
            logs,
        },
        te => CliError { logs, ..CliError::new("transaction_error", format!("transaction failed: {te}")) },
    }
}

/// Anchor's built-in error codes (anchor-lang 1.2.2 `ErrorCode`).
#[rustfmt::skip]
pub const ANCHOR_ERRORS: &[(u32, &str, &str)] = &[
    (100, "InstructionMissing", "Instruction discriminator not provided"),
    (101, "InstructionFallbackNotFound", "Fallback functions are not supported"),
    (102, "InstructionDidNotDeserialize", "The program could not deserialize the given instruction"),
    (103, "InstructionDidNotSerialize", "The program could not serialize the given instruction"),
    (1000, "IdlInstructionStub", "The program was compiled without idl instructions"),
    (1001, "IdlInstructionInvalidProgram", "Invalid program given to the IDL instruction"),
    (1002, "IdlAccountNotEmpty", "IDL account must be empty in order to resize, try closing first"),
    (1500, "EventInstructionStub", "The program was compiled without `event-cpi` feature"),
    (2000, "ConstraintMut", "A mut constraint was violated"),
    (2001, "ConstraintHasOne", "A has one constraint was violated"),
    (2002, "ConstraintSigner", "A signer constraint was violated"),
    (2003, "ConstraintRaw", "A raw constraint was violated"),
    (2004, "ConstraintOwner", "An owner constraint was violated"),
    (2005, "ConstraintRentExempt", "A rent exemption constraint was violated"),
    (2006, "ConstraintSeeds", "A seeds constraint was violated"),
    (2007, "ConstraintExecutable", "An executable constraint was violated"),
    (2008, "ConstraintState", "Deprecated Error, feel free to replace with something else"),
    (2009, "ConstraintAssociated", "An associated constraint was violated"),
    (2010, "ConstraintAssociatedInit", "An associated init constraint was violated"),
    (2011, "ConstraintClose", "A close constraint was violated"),
    (2012, "ConstraintAddress", "An address constraint was violated"),
    (2013, "ConstraintZero", "Expected zero account discriminant"),
    (2014, "ConstraintTokenMint", "A token mint constraint was violated"),
    (2015, "ConstraintTokenOwner", "A token owner constraint was violated"),
    (2016, "ConstraintMintMintAuthority", "A mint mint authority constraint was violated"),
    (2017, "ConstraintMintFreezeAuthority", "A mint freeze authority constraint was violated"),
    (2018, "ConstraintMintDecimals", "A mint decimals constraint was violated"),
    (2019, "ConstraintSpace", "A space constraint was violated"),
    (2020, "ConstraintAccountIsNone", "A required account for the constraint is None"),
    (2021, "ConstraintTokenTokenProgram", "A token account token program constraint was violated"),
    (2022, "ConstraintMintTokenProgram", "A mint token program constraint was violated"),
    (2023, "ConstraintAssociatedTokenTokenProgram", "An associated token account token program constraint was violated"),
    (2024, "ConstraintMintGroupPointerExtension", "A group pointer extension constraint was violated"),
    (2025, "ConstraintMintGroupPointerExtensionAuthority", "A group pointer extension authority constraint was violated"),
    (2026, "ConstraintMintGroupPointerExtensionGroupAddress", "A group pointer extension group address constraint was violated"),
    (2027, "ConstraintMintGroupMemberPointerExtension", "A group member pointer extension constraint was violated"),
    (2028, "ConstraintMintGroupMemberPointerExtensionAuthority", "A group member pointer extension authority constraint was violated"),
    (2029, "ConstraintMintGroupMemberPointerExtensionMemberAddress", "A group member pointer extension group address constraint was violated"),
    (2030, "ConstraintMintMetadataPointerExtension", "A metadata pointer extension constraint was violated"),
    (2031, "ConstraintMintMetadataPointerExtensionAuthority", "A metadata pointer extension authority constraint was violated"),
    (2032, "ConstraintMintMetadataPointerExtensionMetadataAddress", "A metadata pointer extension metadata address constraint was violated"),
    (2033, "ConstraintMintCloseAuthorityExtension", "A close authority constraint was violated"),
    (2034, "ConstraintMintCloseAuthorityExtensionAuthority", "A close authority extension authority constraint was violated"),
    (2035, "ConstraintMintPermanentDelegateExtension", "A permanent delegate extension constraint was violated"),
    (2036, "ConstraintMintPermanentDelegateExtensionDelegate", "A permanent delegate extension delegate constraint was violated"),
    (2037, "ConstraintMintTransferHookExtension", "A transfer hook extension constraint was violated"),
    (2038, "ConstraintMintTransferHookExtensionAuthority", "A transfer hook extension authority constraint was violated"),
    (2039, "ConstraintMintTransferHookExtensionProgramId", "A transfer hook extension transfer hook program id constraint was violated"),
    (2040, "ConstraintDuplicateMutableAccount", "A duplicate mutable account constraint was violated"),
    (2041, "AccountAlreadyMigrated", "Account is already migrated"),
    (2042, "AccountNotMigrated", "Account must be migrated before exiting"),
    (2043, "ConstraintMintPausableExtension", "A pausable extension constraint was violated"),
    (2044, "ConstraintMintPausableAuthority", "A pausable extension authority constraint was violated"),
    (2500, "RequireViolated", "A require expression was violated"),
    (2501, "RequireEqViolated", "A require_eq expression was violated"),
    (2502, "RequireKeysEqViolated", "A require_keys_eq expression was violated"),
    (2503, "RequireNeqViolated", "A require_neq expression was violated"),
    (2504, "RequireKeysNeqViolated", "A require_keys_neq expression was violated"),
    (2505, "RequireGtViolated", "A require_gt expression was violated"),
    (2506, "RequireGteViolated", "A require_gte expression was violated"),
    (3000, "AccountDiscriminatorAlreadySet", "The account discriminator was already set on this account"),
    (3001, "AccountDiscriminatorNotFound", "No discriminator was found on the account"),
    (3002, "AccountDiscriminatorMismatch", "Account discriminator did not match what was expected"),
    (3003, "AccountDidNotDeserialize", "Failed to deserialize the account"),
    (3004, "AccountDidNotSerialize", "Failed to serialize the account"),
    (3005, "AccountNotEnoughKeys", "Not enough account keys given to the instruction"),
    (3006, "AccountNotMutable", "The given account is not mutable"),
    (3007, "AccountOwnedByWrongProgram", "The given account is owned by a different program than expected"),
    (3008, "InvalidProgramId", "Program ID was not as expected"),
    (3009, "InvalidProgramExecutable", "Program account is not executable"),
    (3010, "AccountNotSigner", "The given account did not sign"),
    (3011, "AccountNotSystemOwned", "The given account is not owned by the system program"),
    (3012, "AccountNotInitialized", "The program expected this account to be already initialized"),
    (3013, "AccountNotProgramData", "The given account is not a program data account"),
    (3014, "AccountNotAssociatedTokenAccount", "The given account is not the associated token account"),
    (3015, "AccountSysvarMismatch", "The given public key does not match the required sysvar"),
    (3016, "AccountReallocExceedsLimit", "The account reallocation exceeds the MAX_PERMITTED_DATA_INCREASE limit"),
    (3017, "AccountDuplicateReallocs", "The account was duplicated for more than one reallocation"),
    (4100, "DeclaredProgramIdMismatch", "The declared program id does not match the actual program id"),
    (4101, "TryingToInitPayerAsProgramAccount", "You cannot/should not initialize the payer account as a program account"),
    (4102, "InvalidNumericConversion", "Error during numeric conversion"),
    (5000, "Deprecated", "The API being used is deprecated and should no longer be used"),
];

/// A [`CliError`] with a code and a message.
pub fn err(code: &str, msg: impl Into<String>) -> anyhow::Error {
    anyhow::anyhow!(CliError::new(code, msg))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_codes() {
        assert_eq!(program_error(6000).name, "MathOverflow");
        assert_eq!(program_error(2006).name, "ConstraintSeeds");
        assert_eq!(program_error(3012).name, "AccountNotInitialized");
        assert!(program_error(1).name.starts_with("Custom"));
        let pool_paused = autofactor_client::error_code(autofactor_client::AutofactorError::PoolPaused);
        assert_eq!(program_error(pool_paused).name, "PoolPaused");
    }
}

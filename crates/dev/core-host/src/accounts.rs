//! Account contexts of the supported instructions.
//!
//! Mirrors Core's (shank-generated) account parsing: the instruction must carry
//! at least as many accounts as the instruction declares (optional slots
//! included), and an optional account whose key is the Core program id counts
//! as "not provided".

use solana_program::{account_info::AccountInfo, program_error::ProgramError, pubkey::Pubkey};

/// Return the first `N` accounts, or `NotEnoughAccountKeys`.
fn take<'a, 'b, const N: usize>(
    accounts: &'a [AccountInfo<'b>],
) -> Result<&'a [AccountInfo<'b>; N], ProgramError> {
    accounts.get(..N).and_then(|slice| slice.try_into().ok()).ok_or(ProgramError::NotEnoughAccountKeys)
}

/// Map the "program id means absent" convention to an `Option`.
fn optional<'a, 'b>(program_id: &Pubkey, account: &'a AccountInfo<'b>) -> Option<&'a AccountInfo<'b>> {
    (account.key != program_id).then_some(account)
}

/// Accounts of `CreateV2`.
pub(crate) struct CreateV2Accounts<'a, 'b> {
    pub asset: &'a AccountInfo<'b>,
    pub collection: Option<&'a AccountInfo<'b>>,
    pub authority: Option<&'a AccountInfo<'b>>,
    pub payer: &'a AccountInfo<'b>,
    pub owner: Option<&'a AccountInfo<'b>>,
    pub update_authority: Option<&'a AccountInfo<'b>>,
    pub system_program: &'a AccountInfo<'b>,
    pub log_wrapper: Option<&'a AccountInfo<'b>>,
}

impl<'a, 'b> CreateV2Accounts<'a, 'b> {
    pub fn parse(program_id: &Pubkey, accounts: &'a [AccountInfo<'b>]) -> Result<Self, ProgramError> {
        let [asset, collection, authority, payer, owner, update_authority, system_program, log_wrapper] =
            take::<8>(accounts)?;
        Ok(Self {
            asset,
            collection: optional(program_id, collection),
            authority: optional(program_id, authority),
            payer,
            owner: optional(program_id, owner),
            update_authority: optional(program_id, update_authority),
            system_program,
            log_wrapper: optional(program_id, log_wrapper),
        })
    }
}

/// Accounts of `CreateCollectionV2`.
pub(crate) struct CreateCollectionV2Accounts<'a, 'b> {
    pub collection: &'a AccountInfo<'b>,
    pub update_authority: Option<&'a AccountInfo<'b>>,
    pub payer: &'a AccountInfo<'b>,
    pub system_program: &'a AccountInfo<'b>,
}

impl<'a, 'b> CreateCollectionV2Accounts<'a, 'b> {
    pub fn parse(program_id: &Pubkey, accounts: &'a [AccountInfo<'b>]) -> Result<Self, ProgramError> {
        let [collection, update_authority, payer, system_program] = take::<4>(accounts)?;
        Ok(Self {
            collection,
            update_authority: optional(program_id, update_authority),
            payer,
            system_program,
        })
    }
}

/// Accounts of `TransferV1`.
pub(crate) struct TransferV1Accounts<'a, 'b> {
    pub asset: &'a AccountInfo<'b>,
    pub collection: Option<&'a AccountInfo<'b>>,
    pub payer: &'a AccountInfo<'b>,
    pub authority: Option<&'a AccountInfo<'b>>,
    pub new_owner: &'a AccountInfo<'b>,
    pub system_program: Option<&'a AccountInfo<'b>>,
    pub log_wrapper: Option<&'a AccountInfo<'b>>,
}

impl<'a, 'b> TransferV1Accounts<'a, 'b> {
    pub fn parse(program_id: &Pubkey, accounts: &'a [AccountInfo<'b>]) -> Result<Self, ProgramError> {
        let [asset, collection, payer, authority, new_owner, system_program, log_wrapper] =
            take::<7>(accounts)?;
        Ok(Self {
            asset,
            collection: optional(program_id, collection),
            payer,
            authority: optional(program_id, authority),
            new_owner,
            system_program: optional(program_id, system_program),
            log_wrapper: optional(program_id, log_wrapper),
        })
    }
}

/// Accounts of `BurnV1`, `UpdatePluginV1` and `AddPluginV1` (one layout).
/// The system program is optional for `BurnV1` only
/// ([`AssetV1Accounts::optional_system_program`]).
pub(crate) struct AssetV1Accounts<'a, 'b> {
    pub asset: &'a AccountInfo<'b>,
    pub collection: Option<&'a AccountInfo<'b>>,
    pub payer: &'a AccountInfo<'b>,
    pub authority: Option<&'a AccountInfo<'b>>,
    pub system_program: &'a AccountInfo<'b>,
    pub log_wrapper: Option<&'a AccountInfo<'b>>,
}

impl<'a, 'b> AssetV1Accounts<'a, 'b> {
    pub fn parse(program_id: &Pubkey, accounts: &'a [AccountInfo<'b>]) -> Result<Self, ProgramError> {
        let [asset, collection, payer, authority, system_program, log_wrapper] = take::<6>(accounts)?;
        Ok(Self {
            asset,
            collection: optional(program_id, collection),
            payer,
            authority: optional(program_id, authority),
            system_program,
            log_wrapper: optional(program_id, log_wrapper),
        })
    }

    /// The system program slot where it is optional (`BurnV1`).
    pub fn optional_system_program(&self, program_id: &Pubkey) -> Option<&'a AccountInfo<'b>> {
        optional(program_id, self.system_program)
    }
}

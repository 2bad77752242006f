//! Instruction decoding with the `mpl-core` crate's own instruction types.

use borsh::{BorshDeserialize, BorshSerialize};
use mpl_core::instructions::{
    AddAssetsToGroupV1InstructionData, AddCollectionExternalPluginAdapterV1InstructionData,
    AddCollectionPluginV1InstructionData, AddCollectionsToGroupV1InstructionData,
    AddExternalPluginAdapterV1InstructionData, AddGroupsToGroupV1InstructionData, AddPluginV1InstructionArgs,
    AddPluginV1InstructionData, ApproveCollectionPluginAuthorityV1InstructionData,
    ApprovePluginAuthorityV1InstructionData, BurnCollectionV1InstructionData, BurnV1InstructionArgs,
    BurnV1InstructionData, CloseGroupV1InstructionData, CollectInstructionData, CompressV1InstructionData,
    CreateCollectionV1InstructionData, CreateCollectionV2InstructionArgs, CreateCollectionV2InstructionData,
    CreateGroupV1InstructionData, CreateV1InstructionData, CreateV2InstructionArgs, CreateV2InstructionData,
    DecompressV1InstructionData, ExecuteV1InstructionData, RemoveAssetsFromGroupV1InstructionData,
    RemoveCollectionExternalPluginAdapterV1InstructionData, RemoveCollectionPluginV1InstructionData,
    RemoveCollectionsFromGroupV1InstructionData, RemoveExternalPluginAdapterV1InstructionData,
    RemoveGroupsFromGroupV1InstructionData, RemovePluginV1InstructionData,
    RevokeCollectionPluginAuthorityV1InstructionData, RevokePluginAuthorityV1InstructionData,
    TransferV1InstructionArgs, TransferV1InstructionData,
    UpdateCollectionExternalPluginAdapterV1InstructionData, UpdateCollectionInfoV1InstructionData,
    UpdateCollectionPluginV1InstructionData, UpdateCollectionV1InstructionData,
    UpdateExternalPluginAdapterV1InstructionData, UpdateGroupV1InstructionData,
    UpdatePluginV1InstructionArgs, UpdatePluginV1InstructionData, UpdateV1InstructionData,
    UpdateV2InstructionData, WriteCollectionExternalPluginAdapterDataV1InstructionData,
    WriteExternalPluginAdapterDataV1InstructionData,
};
use solana_program::program_error::ProgramError;

/// A decoded Core instruction that this host implements.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CoreInstruction {
    /// `CreateV2` (discriminator 20).
    CreateV2(CreateV2InstructionArgs),
    /// `CreateCollectionV2` (discriminator 21).
    CreateCollectionV2(CreateCollectionV2InstructionArgs),
    /// `TransferV1` (discriminator 14).
    TransferV1(TransferV1InstructionArgs),
    /// `BurnV1` (discriminator 12).
    BurnV1(BurnV1InstructionArgs),
    /// `UpdatePluginV1` (discriminator 6).
    UpdatePluginV1(UpdatePluginV1InstructionArgs),
    /// `AddPluginV1` (discriminator 2).
    AddPluginV1(AddPluginV1InstructionArgs),
}

/// Serialize an `mpl-core` `*InstructionData` value and return its one-byte
/// discriminator.
fn disc<T: BorshSerialize>(data: T) -> Option<u8> {
    borsh::to_vec(&data).ok()?.first().copied()
}

/// Every Core instruction known to `mpl-core` 0.12.1 with its name, keyed by
/// the discriminator produced by the crate's own `*InstructionData` types.
fn known_instructions() -> [(Option<u8>, &'static str); 42] {
    [
        (disc(CreateV1InstructionData::new()), "CreateV1"),
        (disc(CreateCollectionV1InstructionData::new()), "CreateCollectionV1"),
        (disc(AddPluginV1InstructionData::new()), "AddPluginV1"),
        (disc(AddCollectionPluginV1InstructionData::new()), "AddCollectionPluginV1"),
        (disc(RemovePluginV1InstructionData::new()), "RemovePluginV1"),
        (disc(RemoveCollectionPluginV1InstructionData::new()), "RemoveCollectionPluginV1"),
        (disc(UpdatePluginV1InstructionData::new()), "UpdatePluginV1"),
        (disc(UpdateCollectionPluginV1InstructionData::new()), "UpdateCollectionPluginV1"),
        (disc(ApprovePluginAuthorityV1InstructionData::new()), "ApprovePluginAuthorityV1"),
        (
            disc(ApproveCollectionPluginAuthorityV1InstructionData::new()),
            "ApproveCollectionPluginAuthorityV1",
        ),
        (disc(RevokePluginAuthorityV1InstructionData::new()), "RevokePluginAuthorityV1"),
        (disc(RevokeCollectionPluginAuthorityV1InstructionData::new()), "RevokeCollectionPluginAuthorityV1"),
        (disc(BurnV1InstructionData::new()), "BurnV1"),
        (disc(BurnCollectionV1InstructionData::new()), "BurnCollectionV1"),
        (disc(TransferV1InstructionData::new()), "TransferV1"),
        (disc(UpdateV1InstructionData::new()), "UpdateV1"),
        (disc(UpdateCollectionV1InstructionData::new()), "UpdateCollectionV1"),
        (disc(CompressV1InstructionData::new()), "CompressV1"),
        (disc(DecompressV1InstructionData::new()), "DecompressV1"),
        (disc(CollectInstructionData::new()), "Collect"),
        (disc(CreateV2InstructionData::new()), "CreateV2"),
        (disc(CreateCollectionV2InstructionData::new()), "CreateCollectionV2"),
        (disc(AddExternalPluginAdapterV1InstructionData::new()), "AddExternalPluginAdapterV1"),
        (
            disc(AddCollectionExternalPluginAdapterV1InstructionData::new()),
            "AddCollectionExternalPluginAdapterV1",
        ),
        (disc(RemoveExternalPluginAdapterV1InstructionData::new()), "RemoveExternalPluginAdapterV1"),
        (
            disc(RemoveCollectionExternalPluginAdapterV1InstructionData::new()),
            "RemoveCollectionExternalPluginAdapterV1",
        ),
        (disc(UpdateExternalPluginAdapterV1InstructionData::new()), "UpdateExternalPluginAdapterV1"),
        (
            disc(UpdateCollectionExternalPluginAdapterV1InstructionData::new()),
            "UpdateCollectionExternalPluginAdapterV1",
        ),
        (disc(WriteExternalPluginAdapterDataV1InstructionData::new()), "WriteExternalPluginAdapterDataV1"),
        (
            disc(WriteCollectionExternalPluginAdapterDataV1InstructionData::new()),
            "WriteCollectionExternalPluginAdapterDataV1",
        ),
        (disc(UpdateV2InstructionData::new()), "UpdateV2"),
        (disc(ExecuteV1InstructionData::new()), "ExecuteV1"),
        (disc(UpdateCollectionInfoV1InstructionData::new()), "UpdateCollectionInfoV1"),
        (disc(AddCollectionsToGroupV1InstructionData::new()), "AddCollectionsToGroupV1"),
        (disc(RemoveCollectionsFromGroupV1InstructionData::new()), "RemoveCollectionsFromGroupV1"),
        (disc(AddAssetsToGroupV1InstructionData::new()), "AddAssetsToGroupV1"),
        (disc(RemoveAssetsFromGroupV1InstructionData::new()), "RemoveAssetsFromGroupV1"),
        (disc(AddGroupsToGroupV1InstructionData::new()), "AddGroupsToGroupV1"),
        (disc(RemoveGroupsFromGroupV1InstructionData::new()), "RemoveGroupsFromGroupV1"),
        (disc(CreateGroupV1InstructionData::new()), "CreateGroupV1"),
        (disc(CloseGroupV1InstructionData::new()), "CloseGroupV1"),
        (disc(UpdateGroupV1InstructionData::new()), "UpdateGroupV1"),
    ]
}

/// Name of the Core instruction whose data starts with `instruction_data`'s
/// discriminator, if it is one `mpl-core` 0.12.1 knows about.
pub fn decode_instruction_name(instruction_data: &[u8]) -> Option<&'static str> {
    let discriminator = *instruction_data.first()?;
    known_instructions().into_iter().find(|(d, _)| *d == Some(discriminator)).map(|(_, name)| name)
}

/// Decode the arguments of a supported instruction. Like Core, the whole
/// remainder of the data must be consumed by the borsh decoding.
fn args<T: BorshDeserialize>(rest: &[u8]) -> Result<T, ProgramError> {
    T::try_from_slice(rest).map_err(|_| ProgramError::BorshIoError)
}

impl CoreInstruction {
    /// The instruction's name, as Core logs it (`Instruction: CreateV2`).
    pub fn name(&self) -> &'static str {
        match self {
            Self::CreateV2(_) => "CreateV2",
            Self::CreateCollectionV2(_) => "CreateCollectionV2",
            Self::TransferV1(_) => "TransferV1",
            Self::BurnV1(_) => "BurnV1",
            Self::UpdatePluginV1(_) => "UpdatePluginV1",
            Self::AddPluginV1(_) => "AddPluginV1",
        }
    }

    /// Decode `instruction_data` into a supported instruction.
    ///
    /// Returns `Ok(None)` when the data is a valid Core discriminator of an
    /// instruction this host does not implement. Empty data, an unknown
    /// discriminator and malformed arguments of a supported instruction yield
    /// [`ProgramError::BorshIoError`], as in Core (which borsh-decodes its
    /// instruction enum from the whole data).
    pub fn unpack(instruction_data: &[u8]) -> Result<Option<Self>, ProgramError> {
        let (&discriminator, rest) = instruction_data.split_first().ok_or(ProgramError::BorshIoError)?;
        let is = |d: Option<u8>| d == Some(discriminator);

        let instruction = if is(disc(CreateV2InstructionData::new())) {
            Self::CreateV2(args(rest)?)
        } else if is(disc(CreateCollectionV2InstructionData::new())) {
            Self::CreateCollectionV2(args(rest)?)
        } else if is(disc(TransferV1InstructionData::new())) {
            Self::TransferV1(args(rest)?)
        } else if is(disc(BurnV1InstructionData::new())) {
            Self::BurnV1(args(rest)?)
        } else if is(disc(UpdatePluginV1InstructionData::new())) {
            Self::UpdatePluginV1(args(rest)?)
        } else if is(disc(AddPluginV1InstructionData::new())) {
            Self::AddPluginV1(args(rest)?)
        } else if decode_instruction_name(instruction_data).is_some() {
            return Ok(None);
        } else {
            return Err(ProgramError::BorshIoError);
        };
        Ok(Some(instruction))
    }
}

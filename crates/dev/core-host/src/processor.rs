//! Instruction processors of the supported Core instructions.

use borsh::BorshSerialize;
use mpl_core::{
    accounts::{BaseAssetV1, BaseCollectionV1},
    errors::MplCoreError,
    instructions::{
        AddPluginV1InstructionArgs, BurnV1InstructionArgs, CreateCollectionV2InstructionArgs,
        CreateV2InstructionArgs, TransferV1InstructionArgs, UpdatePluginV1InstructionArgs,
    },
    types::{
        DataState, ExternalPluginAdapterInitInfo, Key, Plugin, PluginAuthority, PluginAuthorityPair,
        PluginType, UpdateAuthority,
    },
};
use solana_program::{
    account_info::AccountInfo, entrypoint::ProgramResult, program::invoke, program_error::ProgramError,
    pubkey::Pubkey, rent::Rent, sysvar::Sysvar,
};

use crate::{
    accounts::{AssetV1Accounts, CreateCollectionV2Accounts, CreateV2Accounts, TransferV1Accounts},
    instruction::{decode_instruction_name, CoreInstruction},
    state::{
        close_account, create_meta_idempotent, initialize_plugin, load_base, load_core, load_key,
        replace_plugin, save_at, CoreData,
    },
    utils::{
        assert_log_wrapper, assert_signer, assert_supported_plugin, assert_system_program, assert_writable,
        core_err, log, plugin_manager, resolve_authority,
    },
    validation::{new_plugin_rejects_addition, validate_asset_permissions, AssetPermissions, Event},
    CREATE_FEE_LAMPORTS,
};

/// Decode and dispatch one instruction.
pub(crate) fn process(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> ProgramResult {
    let instruction = match CoreInstruction::unpack(data) {
        Ok(Some(instruction)) => instruction,
        Ok(None) => {
            let name = decode_instruction_name(data).unwrap_or("unknown");
            log(&format!("core-host: Core instruction {name} is not implemented by the native Core host"));
            return Err(ProgramError::InvalidInstructionData);
        }
        Err(error) => {
            log("core-host: invalid Core instruction data");
            return Err(error);
        }
    };

    log(&format!("Instruction: {}", instruction.name()));
    match instruction {
        CoreInstruction::CreateV2(args) => create_v2(program_id, accounts, args),
        CoreInstruction::CreateCollectionV2(args) => create_collection_v2(program_id, accounts, args),
        CoreInstruction::TransferV1(args) => transfer_v1(program_id, accounts, args),
        CoreInstruction::BurnV1(args) => burn_v1(program_id, accounts, args),
        CoreInstruction::UpdatePluginV1(args) => update_plugin_v1(program_id, accounts, args),
        CoreInstruction::AddPluginV1(args) => add_plugin_v1(program_id, accounts, args),
    }
}

/// External plugin adapters are not implemented by the host.
fn reject_external_adapters(adapters: &Option<Vec<ExternalPluginAdapterInitInfo>>) -> ProgramResult {
    match adapters {
        Some(adapters) if !adapters.is_empty() => {
            log("core-host: external plugin adapters are not implemented by the native Core host");
            Err(core_err(MplCoreError::NotAvailable))
        }
        _ => Ok(()),
    }
}

/// Create a program-owned account holding `data` through a system-program CPI
/// (`create_account` with `lamports`, space = `data.len()`), then write `data`.
fn create_core_account<'a>(
    program_id: &Pubkey,
    payer: &AccountInfo<'a>,
    new_account: &AccountInfo<'a>,
    system_program: &AccountInfo<'a>,
    data: &[u8],
    lamports: u64,
) -> ProgramResult {
    assert_writable(payer, "payer")?;
    assert_writable(new_account, "new")?;
    invoke(
        &solana_system_interface::instruction::create_account(
            payer.key,
            new_account.key,
            lamports,
            serialized_space(data.len())?,
            program_id,
        ),
        &[payer.clone(), new_account.clone(), system_program.clone()],
    )?;
    new_account
        .try_borrow_mut_data()?
        .get_mut(..data.len())
        .ok_or_else(|| core_err(MplCoreError::SerializationError))?
        .copy_from_slice(data);
    Ok(())
}

fn serialized_space(len: usize) -> Result<u64, ProgramError> {
    u64::try_from(len).map_err(|_| core_err(MplCoreError::NumericalOverflow))
}

fn to_vec<T: BorshSerialize>(value: &T) -> Result<Vec<u8>, ProgramError> {
    borsh::to_vec(value).map_err(|_| core_err(MplCoreError::SerializationError))
}

/// The authority a plugin is created with: the explicit one or its manager.
fn pair_authority(pair: &PluginAuthorityPair) -> PluginAuthority {
    pair.authority.clone().unwrap_or_else(|| plugin_manager(&PluginType::from(&pair.plugin)))
}

/// `CreateV2`: create an asset, optionally in a collection, with plugins.
fn create_v2(program_id: &Pubkey, accounts: &[AccountInfo], args: CreateV2InstructionArgs) -> ProgramResult {
    let ctx = CreateV2Accounts::parse(program_id, accounts)?;
    let rent = Rent::get()?;

    assert_signer(ctx.asset)?;
    assert_signer(ctx.payer)?;
    let authority = resolve_authority(ctx.payer, ctx.authority)?;
    assert_system_program(ctx.system_program)?;
    assert_log_wrapper(ctx.log_wrapper)?;

    if ctx.update_authority.is_some() && ctx.collection.is_some() {
        return Err(core_err(MplCoreError::ConflictingAuthority));
    }

    let (update_authority, collection) = match ctx.collection {
        Some(info) => {
            (UpdateAuthority::Collection(*info.key), Some(load_base::<BaseCollectionV1>(program_id, info)?))
        }
        None => (UpdateAuthority::Address(*ctx.update_authority.unwrap_or(ctx.payer).key), None),
    };

    let owner = *ctx.owner.unwrap_or(ctx.update_authority.unwrap_or(ctx.payer)).key;
    let asset =
        BaseAssetV1 { key: Key::AssetV1, owner, update_authority, name: args.name, uri: args.uri, seq: None };

    if args.data_state == DataState::LedgerState {
        log("Error: Minting compressed is currently not available");
        return Err(core_err(MplCoreError::NotAvailable));
    }
    reject_external_adapters(&args.external_plugin_adapters)?;
    let plugins = args.plugins.unwrap_or_default();
    for pair in &plugins {
        let plugin_type = PluginType::from(&pair.plugin);
        if matches!(plugin_type, PluginType::MasterEdition | PluginType::BubblegumV2) {
            return Err(core_err(MplCoreError::InvalidPlugin));
        }
        assert_supported_plugin(&plugin_type)?;
    }

    let data = to_vec(&asset)?;
    let lamports = rent
        .minimum_balance(data.len())
        .checked_add(CREATE_FEE_LAMPORTS)
        .ok_or_else(|| core_err(MplCoreError::NumericalOverflowError))?;
    create_core_account(program_id, ctx.payer, ctx.asset, ctx.system_program, &data, lamports)?;

    // The new asset must be approved by itself or, in a collection, by the
    // collection's update authority or its update delegate.
    let core = validate_asset_permissions(AssetPermissions {
        program_id,
        event: Event::Create,
        authority,
        asset: ctx.asset,
        collection: ctx.collection,
        target_plugin: None,
        target_plugin_authority: None,
    })?;

    if !plugins.is_empty() {
        let mut meta = create_meta_idempotent(&core, ctx.asset, ctx.payer, ctx.system_program)?;
        for pair in &plugins {
            initialize_plugin(
                &pair.plugin,
                &pair_authority(pair),
                &mut meta,
                ctx.asset,
                ctx.payer,
                ctx.system_program,
            )?;
        }
    }

    if let (Some(info), Some(collection)) = (ctx.collection, collection) {
        save_collection_counts(info, collection, CollectionChange::Minted)?;
    }
    Ok(())
}

/// What happened to one asset of a collection.
enum CollectionChange {
    /// Created in it: counts towards `num_minted` and `current_size`.
    Minted,
    /// Burned: leaves `current_size`.
    Burned,
}

/// Saves `collection` with its counts updated for `change`.
fn save_collection_counts(
    info: &AccountInfo,
    mut collection: BaseCollectionV1,
    change: CollectionChange,
) -> ProgramResult {
    assert_writable(info, "collection")?;
    let overflow = || core_err(MplCoreError::NumericalOverflowError);
    match change {
        CollectionChange::Minted => {
            collection.num_minted = collection.num_minted.checked_add(1).ok_or_else(overflow)?;
            collection.current_size = collection.current_size.checked_add(1).ok_or_else(overflow)?;
        }
        CollectionChange::Burned => {
            collection.current_size = collection.current_size.checked_sub(1).ok_or_else(overflow)?;
        }
    }
    save_at(info, 0, &collection)
}

/// `CreateCollectionV2`: create a collection with plugins.
fn create_collection_v2(
    program_id: &Pubkey,
    accounts: &[AccountInfo],
    args: CreateCollectionV2InstructionArgs,
) -> ProgramResult {
    let ctx = CreateCollectionV2Accounts::parse(program_id, accounts)?;
    let rent = Rent::get()?;

    assert_signer(ctx.collection)?;
    assert_signer(ctx.payer)?;
    let update_authority = ctx.update_authority.unwrap_or(ctx.payer);
    assert_system_program(ctx.system_program)?;

    reject_external_adapters(&args.external_plugin_adapters)?;
    let plugins = args.plugins.unwrap_or_default();
    for pair in &plugins {
        let plugin_type = PluginType::from(&pair.plugin);
        // Owner-managed plugins cannot live on a collection.
        if plugin_manager(&plugin_type) == PluginAuthority::Owner {
            return Err(core_err(MplCoreError::InvalidAuthority));
        }
        if plugin_type == PluginType::Edition {
            return Err(core_err(MplCoreError::InvalidPlugin));
        }
        assert_supported_plugin(&plugin_type)?;
    }

    let collection = BaseCollectionV1 {
        key: Key::CollectionV1,
        update_authority: *update_authority.key,
        name: args.name,
        uri: args.uri,
        num_minted: 0,
        current_size: 0,
    };
    let data = to_vec(&collection)?;
    create_core_account(
        program_id,
        ctx.payer,
        ctx.collection,
        ctx.system_program,
        &data,
        rent.minimum_balance(data.len()),
    )?;

    if !plugins.is_empty() {
        let core = CoreData { base_len: data.len(), base: collection, plugins: None };
        let mut meta = create_meta_idempotent(&core, ctx.collection, ctx.payer, ctx.system_program)?;
        for pair in &plugins {
            initialize_plugin(
                &pair.plugin,
                &pair_authority(pair),
                &mut meta,
                ctx.collection,
                ctx.payer,
                ctx.system_program,
            )?;
        }
    }
    Ok(())
}

/// Reject compressed (hashed) assets and anything that is not an asset.
fn assert_account_state_asset(program_id: &Pubkey, asset: &AccountInfo, what: &str) -> ProgramResult {
    crate::state::assert_core_owned(program_id, asset)?;
    match load_key(asset, 0)? {
        Key::AssetV1 => Ok(()),
        Key::HashedAssetV1 => {
            log(&format!("Error: {what} compressed is currently not available"));
            Err(core_err(MplCoreError::NotAvailable))
        }
        _ => Err(core_err(MplCoreError::IncorrectAccount)),
    }
}

/// `TransferV1`: change the owner of an asset.
fn transfer_v1(
    program_id: &Pubkey,
    accounts: &[AccountInfo],
    args: TransferV1InstructionArgs,
) -> ProgramResult {
    let ctx = TransferV1Accounts::parse(program_id, accounts)?;

    assert_signer(ctx.payer)?;
    let authority = resolve_authority(ctx.payer, ctx.authority)?;
    if let Some(system_program) = ctx.system_program {
        assert_system_program(system_program)?;
    }
    assert_log_wrapper(ctx.log_wrapper)?;
    assert_account_state_asset(program_id, ctx.asset, "Transferring")?;
    if args.compression_proof.is_some() {
        log("core-host: compression proofs are ignored for uncompressed assets");
    }

    let mut core = validate_asset_permissions(AssetPermissions {
        program_id,
        event: Event::Transfer,
        authority,
        asset: ctx.asset,
        collection: ctx.collection,
        target_plugin: None,
        target_plugin_authority: None,
    })?;
    assert_writable(ctx.asset, "asset")?;

    // Owner-managed plugins (freeze/transfer/burn delegates) go back to the
    // new owner: their delegations end with the transfer.
    if let Some((header, registry)) = &mut core.plugins {
        for record in &mut registry.registry {
            if plugin_manager(&record.plugin_type) == PluginAuthority::Owner {
                record.authority = PluginAuthority::Owner;
            }
        }
        save_at(ctx.asset, crate::utils::to_usize(header.plugin_registry_offset)?, registry)?;
    }

    core.base.owner = *ctx.new_owner.key;
    core.base.seq = core.base.seq.map(|seq| seq.saturating_add(1));
    save_at(ctx.asset, 0, &core.base)
}

/// `BurnV1`: close an asset.
fn burn_v1(program_id: &Pubkey, accounts: &[AccountInfo], _args: BurnV1InstructionArgs) -> ProgramResult {
    let ctx = AssetV1Accounts::parse(program_id, accounts)?;
    let collection = match ctx.collection {
        Some(info) => Some(load_base::<BaseCollectionV1>(program_id, info)?),
        None => None,
    };

    assert_signer(ctx.payer)?;
    let authority = resolve_authority(ctx.payer, ctx.authority)?;
    if let Some(system_program) = ctx.optional_system_program(program_id) {
        assert_system_program(system_program)?;
    }
    assert_log_wrapper(ctx.log_wrapper)?;
    assert_account_state_asset(program_id, ctx.asset, "Burning")?;

    validate_asset_permissions(AssetPermissions {
        program_id,
        event: Event::Burn,
        authority,
        asset: ctx.asset,
        collection: ctx.collection,
        target_plugin: None,
        target_plugin_authority: None,
    })?;

    close_account(ctx.asset, ctx.payer)?;

    if let (Some(info), Some(collection)) = (ctx.collection, collection) {
        save_collection_counts(info, collection, CollectionChange::Burned)?;
    }
    Ok(())
}

/// Shared guards of `UpdatePluginV1` and `AddPluginV1`.
fn plugin_instruction_guards<'a, 'b>(
    program_id: &Pubkey,
    ctx: &AssetV1Accounts<'a, 'b>,
    what: &str,
) -> Result<&'a AccountInfo<'b>, ProgramError> {
    assert_signer(ctx.payer)?;
    let authority = resolve_authority(ctx.payer, ctx.authority)?;
    assert_system_program(ctx.system_program)?;
    assert_log_wrapper(ctx.log_wrapper)?;
    assert_account_state_asset(program_id, ctx.asset, what)?;
    Ok(authority)
}

/// The permission check of `UpdatePluginV1` and `AddPluginV1` (`event`) for
/// `plugin` held by `plugin_authority`; then the asset's sequence number is
/// bumped. Returns the asset.
fn authorize_plugin_change<'a, 'b>(
    program_id: &Pubkey,
    ctx: &AssetV1Accounts<'a, 'b>,
    event: Event,
    authority: &'a AccountInfo<'b>,
    plugin: &Plugin,
    plugin_authority: &PluginAuthority,
) -> Result<CoreData<BaseAssetV1>, ProgramError> {
    let mut core = validate_asset_permissions(AssetPermissions {
        program_id,
        event,
        authority,
        asset: ctx.asset,
        collection: ctx.collection,
        target_plugin: Some(plugin),
        target_plugin_authority: Some(plugin_authority),
    })?;
    assert_writable(ctx.asset, "asset")?;
    bump_seq(&mut core, ctx.asset)?;
    Ok(core)
}

/// Increment the asset's sequence number if it has one (compression support).
fn bump_seq(core: &mut CoreData<BaseAssetV1>, asset: &AccountInfo) -> ProgramResult {
    if let Some(seq) = &mut core.base.seq {
        *seq = seq.saturating_add(1);
        save_at(asset, 0, &core.base)?;
    }
    Ok(())
}

/// `UpdatePluginV1`: replace the data of a plugin on an asset.
fn update_plugin_v1(
    program_id: &Pubkey,
    accounts: &[AccountInfo],
    args: UpdatePluginV1InstructionArgs,
) -> ProgramResult {
    let ctx = AssetV1Accounts::parse(program_id, accounts)?;
    let authority = plugin_instruction_guards(program_id, &ctx, "Updating plugin of")?;
    assert_supported_plugin(&PluginType::from(&args.plugin))?;

    // The authority of the plugin being updated, as recorded on the asset.
    // Like Core, a plugin the asset does not have (none at all, or only on
    // its collection) is `PluginNotFound` before any permission check.
    let target_type = PluginType::from(&args.plugin);
    let target_authority = load_core::<BaseAssetV1>(program_id, ctx.asset)?
        .plugins
        .and_then(|(_, registry)| {
            registry
                .registry
                .into_iter()
                .find(|record| record.plugin_type == target_type)
                .map(|record| record.authority)
        })
        .ok_or_else(|| core_err(MplCoreError::PluginNotFound))?;

    let core = authorize_plugin_change(
        program_id,
        &ctx,
        Event::UpdatePlugin,
        authority,
        &args.plugin,
        &target_authority,
    )?;
    replace_plugin(&core, &args.plugin, ctx.asset, ctx.payer, ctx.system_program)
}

/// `AddPluginV1`: add a plugin to an existing asset.
fn add_plugin_v1(
    program_id: &Pubkey,
    accounts: &[AccountInfo],
    args: AddPluginV1InstructionArgs,
) -> ProgramResult {
    let ctx = AssetV1Accounts::parse(program_id, accounts)?;
    let authority = plugin_instruction_guards(program_id, &ctx, "Adding plugin to")?;

    let plugin_type = PluginType::from(&args.plugin);
    if plugin_type == PluginType::MasterEdition {
        return Err(core_err(MplCoreError::InvalidPlugin));
    }
    assert_supported_plugin(&plugin_type)?;

    let plugin_authority = args.init_authority.clone().unwrap_or_else(|| plugin_manager(&plugin_type));

    // Permanent plugins can only be added at creation time.
    if new_plugin_rejects_addition(&args.plugin, authority.key, &plugin_authority)? {
        return Err(core_err(MplCoreError::InvalidAuthority));
    }

    let core = authorize_plugin_change(
        program_id,
        &ctx,
        Event::AddPlugin,
        authority,
        &args.plugin,
        &plugin_authority,
    )?;
    let mut meta = create_meta_idempotent(&core, ctx.asset, ctx.payer, ctx.system_program)?;
    initialize_plugin(&args.plugin, &plugin_authority, &mut meta, ctx.asset, ctx.payer, ctx.system_program)
}

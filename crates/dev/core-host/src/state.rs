//! Reading and writing Core accounts in Core's on-chain layout:
//!
//! ```text
//! [BaseAssetV1 | BaseCollectionV1][PluginHeaderV1][plugin 0][plugin 1]...[PluginRegistryV1]
//! ```
//!
//! The header sits right after the base struct and points at the registry; each
//! registry record points at its plugin. The in-place operations below follow
//! Core's own sequence of resizes and writes so that the resulting bytes (and
//! lamports) are the ones Core would produce.

use borsh::{BorshDeserialize, BorshSerialize};
use mpl_core::{
    accounts::{BaseAssetV1, BaseCollectionV1, PluginHeaderV1, PluginRegistryV1},
    errors::MplCoreError,
    types::{Key, Plugin, PluginAuthority, PluginType, RegistryRecord},
};
use solana_program::{
    account_info::AccountInfo, program::invoke, program_error::ProgramError, pubkey::Pubkey, rent::Rent,
    sysvar::Sysvar,
};

use crate::utils::{assert_writable, core_err, to_u64, to_usize};

/// A Core base account type (`BaseAssetV1` or `BaseCollectionV1`).
pub(crate) trait CoreBase: BorshSerialize + BorshDeserialize {
    /// The account discriminator.
    const KEY: Key;
}

impl CoreBase for BaseAssetV1 {
    const KEY: Key = Key::AssetV1;
}

impl CoreBase for BaseCollectionV1 {
    const KEY: Key = Key::CollectionV1;
}

/// A Core account: its base struct plus the plugin header and registry, if any.
pub(crate) struct CoreData<T> {
    /// The deserialized base struct.
    pub base: T,
    /// Serialized length of the base struct, i.e. the plugin header offset.
    pub base_len: usize,
    /// Plugin header and registry, when the account has plugin metadata.
    pub plugins: Option<(PluginHeaderV1, PluginRegistryV1)>,
}

/// Serialized length of a borsh value.
pub(crate) fn serialized_len<T: BorshSerialize>(value: &T) -> Result<usize, ProgramError> {
    borsh::to_vec(value).map(|bytes| bytes.len()).map_err(|_| core_err(MplCoreError::SerializationError))
}

/// Read the one-byte `Key` at `offset` (`DeserializationError` if absent/unknown).
pub(crate) fn load_key(account: &AccountInfo, offset: usize) -> Result<Key, ProgramError> {
    let data = account.try_borrow_data()?;
    Key::from_slice(&data, offset).map_err(|_| core_err(MplCoreError::DeserializationError))
}

/// Deserialize a borsh value at `offset` (`DeserializationError` on failure).
pub(crate) fn load_at<T: BorshDeserialize>(account: &AccountInfo, offset: usize) -> Result<T, ProgramError> {
    let data = account.try_borrow_data()?;
    let mut bytes = data.get(offset..).ok_or_else(|| core_err(MplCoreError::DeserializationError))?;
    T::deserialize(&mut bytes).map_err(|_| core_err(MplCoreError::DeserializationError))
}

/// Serialize a borsh value at `offset` (`SerializationError` if it does not fit).
pub(crate) fn save_at<T: BorshSerialize>(
    account: &AccountInfo,
    offset: usize,
    value: &T,
) -> Result<(), ProgramError> {
    let mut data = account.try_borrow_mut_data()?;
    let mut target = data.get_mut(offset..).ok_or_else(|| core_err(MplCoreError::SerializationError))?;
    value.serialize(&mut target).map_err(|_| core_err(MplCoreError::SerializationError))
}

/// Load a value whose first byte must be `key` (Core's `SolanaAccount::load`).
fn load_keyed<T: BorshDeserialize>(
    account: &AccountInfo,
    offset: usize,
    key: Key,
) -> Result<T, ProgramError> {
    if load_key(account, offset)? != key {
        return Err(core_err(MplCoreError::DeserializationError));
    }
    load_at(account, offset)
}

/// `IncorrectAccount` unless the account is owned by the Core program.
pub(crate) fn assert_core_owned(program_id: &Pubkey, account: &AccountInfo) -> Result<(), ProgramError> {
    if account.owner == program_id {
        Ok(())
    } else {
        Err(core_err(MplCoreError::IncorrectAccount))
    }
}

/// Load the base struct of a Core account (owner and discriminator checked).
pub(crate) fn load_base<T: CoreBase>(program_id: &Pubkey, account: &AccountInfo) -> Result<T, ProgramError> {
    assert_core_owned(program_id, account)?;
    load_keyed(account, 0, T::KEY)
}

/// Load a Core account with its plugin header and registry (Core's `fetch_core_data`).
pub(crate) fn load_core<T: CoreBase>(
    program_id: &Pubkey,
    account: &AccountInfo,
) -> Result<CoreData<T>, ProgramError> {
    let base: T = load_base(program_id, account)?;
    let base_len = serialized_len(&base)?;
    let plugins = if base_len != account.data_len() {
        let header: PluginHeaderV1 = load_keyed(account, base_len, Key::PluginHeaderV1)?;
        let registry: PluginRegistryV1 =
            load_keyed(account, to_usize(header.plugin_registry_offset)?, Key::PluginRegistryV1)?;
        Some((header, registry))
    } else {
        None
    };
    Ok(CoreData { base, base_len, plugins })
}

/// Deserialize the plugin a registry record points at.
pub(crate) fn load_plugin(account: &AccountInfo, record: &RegistryRecord) -> Result<Plugin, ProgramError> {
    load_at(account, to_usize(record.offset)?)
}

/// Core's `resize_or_reallocate_account`: move the rent difference between the
/// current and the new size (payer -> account via a system transfer when
/// growing, account -> payer directly when shrinking), then resize.
pub(crate) fn resize_account<'a>(
    target: &AccountInfo<'a>,
    payer: &AccountInfo<'a>,
    system_program: &AccountInfo<'a>,
    new_size: usize,
) -> Result<(), ProgramError> {
    let current_size = target.data_len();
    if new_size == current_size {
        return Ok(());
    }
    assert_writable(target, "resized")?;

    let rent = Rent::get()?;
    let new_minimum = rent.minimum_balance(new_size);
    let current_minimum = rent.minimum_balance(current_size);

    if new_minimum > current_minimum {
        assert_writable(payer, "payer")?;
        invoke(
            &solana_system_interface::instruction::transfer(
                payer.key,
                target.key,
                new_minimum - current_minimum,
            ),
            &[payer.clone(), target.clone(), system_program.clone()],
        )?;
    } else if new_minimum < current_minimum {
        assert_writable(payer, "payer")?;
        let refund = current_minimum - new_minimum;
        let target_lamports = target
            .lamports()
            .checked_sub(refund)
            .ok_or_else(|| core_err(MplCoreError::NumericalOverflowError))?;
        let payer_lamports = payer
            .lamports()
            .checked_add(refund)
            .ok_or_else(|| core_err(MplCoreError::NumericalOverflowError))?;
        **target.try_borrow_mut_lamports()? = target_lamports;
        **payer.try_borrow_mut_lamports()? = payer_lamports;
    }

    target.resize(new_size)
}

/// Core's `close_program_account`: return the rent of everything but one byte
/// to `destination`, shrink the account to one byte and mark it
/// `Key::Uninitialized`. Any lamports above the rent-exempt minimum (Core's
/// creation fee) stay in the account.
pub(crate) fn close_account(account: &AccountInfo, destination: &AccountInfo) -> Result<(), ProgramError> {
    assert_writable(account, "closed")?;
    assert_writable(destination, "lamport destination")?;

    let rent = Rent::get()?;
    let refund = rent
        .minimum_balance(account.data_len())
        .checked_sub(rent.minimum_balance(1))
        .ok_or_else(|| core_err(MplCoreError::NumericalOverflowError))?;

    let destination_lamports = destination
        .lamports()
        .checked_add(refund)
        .ok_or_else(|| core_err(MplCoreError::NumericalOverflowError))?;
    let account_lamports = account
        .lamports()
        .checked_sub(refund)
        .ok_or_else(|| core_err(MplCoreError::NumericalOverflowError))?;
    **destination.try_borrow_mut_lamports()? = destination_lamports;
    **account.try_borrow_mut_lamports()? = account_lamports;

    account.resize(1)?;
    let mut data = account.try_borrow_mut_data()?;
    if let Some(first) = data.first_mut() {
        *first = Key::Uninitialized as u8;
    }
    Ok(())
}

/// Plugin metadata of an account being modified: where the header lives and
/// the current header and registry.
pub(crate) struct PluginMeta {
    pub header_offset: usize,
    pub header: PluginHeaderV1,
    pub registry: PluginRegistryV1,
}

/// Core's `create_meta_idempotent`: return the existing plugin header and
/// registry, or append an empty header and registry after the base struct.
pub(crate) fn create_meta_idempotent<'a, T>(
    core: &CoreData<T>,
    account: &AccountInfo<'a>,
    payer: &AccountInfo<'a>,
    system_program: &AccountInfo<'a>,
) -> Result<PluginMeta, ProgramError> {
    if let Some((header, registry)) = &core.plugins {
        return Ok(PluginMeta {
            header_offset: core.base_len,
            header: header.clone(),
            registry: registry.clone(),
        });
    }

    let header_len = serialized_len(&PluginHeaderV1 { key: Key::PluginHeaderV1, plugin_registry_offset: 0 })?;
    let registry_offset =
        core.base_len.checked_add(header_len).ok_or_else(|| core_err(MplCoreError::NumericalOverflow))?;
    let header =
        PluginHeaderV1 { key: Key::PluginHeaderV1, plugin_registry_offset: to_u64(registry_offset)? };
    let registry =
        PluginRegistryV1 { key: Key::PluginRegistryV1, registry: vec![], external_registry: vec![] };
    let new_size = registry_offset
        .checked_add(serialized_len(&registry)?)
        .ok_or_else(|| core_err(MplCoreError::NumericalOverflow))?;

    resize_account(account, payer, system_program, new_size)?;
    save_at(account, core.base_len, &header)?;
    save_at(account, registry_offset, &registry)?;

    Ok(PluginMeta { header_offset: core.base_len, header, registry })
}

/// Core's `initialize_plugin`: write `plugin` where the registry used to start,
/// move the registry behind it and add a registry record for it.
pub(crate) fn initialize_plugin<'a>(
    plugin: &Plugin,
    authority: &PluginAuthority,
    meta: &mut PluginMeta,
    account: &AccountInfo<'a>,
    payer: &AccountInfo<'a>,
    system_program: &AccountInfo<'a>,
) -> Result<(), ProgramError> {
    let plugin_type = PluginType::from(plugin);
    if meta.registry.registry.iter().any(|record| record.plugin_type == plugin_type) {
        return Err(core_err(MplCoreError::PluginAlreadyExists));
    }

    let plugin_size = serialized_len(plugin)?;
    let old_registry_offset = meta.header.plugin_registry_offset;
    let record = RegistryRecord { plugin_type, authority: authority.clone(), offset: old_registry_offset };
    let size_increase = plugin_size
        .checked_add(serialized_len(&record)?)
        .ok_or_else(|| core_err(MplCoreError::NumericalOverflow))?;
    let new_registry_offset = old_registry_offset
        .checked_add(to_u64(plugin_size)?)
        .ok_or_else(|| core_err(MplCoreError::NumericalOverflow))?;

    meta.header.plugin_registry_offset = new_registry_offset;
    meta.registry.registry.push(record);

    let new_size = account
        .data_len()
        .checked_add(size_increase)
        .ok_or_else(|| core_err(MplCoreError::NumericalOverflow))?;
    resize_account(account, payer, system_program, new_size)?;

    save_at(account, meta.header_offset, &meta.header)?;
    save_at(account, to_usize(old_registry_offset)?, plugin)?;
    save_at(account, to_usize(new_registry_offset)?, &meta.registry)?;
    Ok(())
}

/// Shift an offset by a signed size difference.
fn shift(offset: usize, diff: isize) -> Result<usize, ProgramError> {
    offset.checked_add_signed(diff).ok_or_else(|| core_err(MplCoreError::NumericalOverflow))
}

/// Core's `process_update_plugin`: replace the data of an existing plugin,
/// shifting the plugins behind it and the registry when the size changes, and
/// adjusting the account size (and rent) accordingly.
pub(crate) fn replace_plugin<'a, T>(
    core: &CoreData<T>,
    new_plugin: &Plugin,
    account: &AccountInfo<'a>,
    payer: &AccountInfo<'a>,
    system_program: &AccountInfo<'a>,
) -> Result<(), ProgramError> {
    let (header, registry) =
        core.plugins.as_ref().ok_or_else(|| core_err(MplCoreError::PluginsNotInitialized))?;
    let (mut header, mut registry) = (header.clone(), registry.clone());

    let plugin_type = PluginType::from(new_plugin);
    let record = registry
        .registry
        .iter()
        .find(|record| record.plugin_type == plugin_type)
        .cloned()
        .ok_or_else(|| core_err(MplCoreError::PluginNotFound))?;

    let plugin_offset = to_usize(record.offset)?;
    let old_size = serialized_len(&load_plugin(account, &record)?)?;
    let new_size = serialized_len(new_plugin)?;
    let overflow = || core_err(MplCoreError::NumericalOverflow);
    let diff = isize::try_from(new_size)
        .ok()
        .zip(isize::try_from(old_size).ok())
        .and_then(|(new, old)| new.checked_sub(old))
        .ok_or_else(overflow)?;

    let registry_offset = to_usize(header.plugin_registry_offset)?;
    let new_registry_offset = shift(registry_offset, diff)?;
    let next_plugin_offset = plugin_offset.checked_add(old_size).ok_or_else(overflow)?;
    let new_next_plugin_offset = shift(next_plugin_offset, diff)?;
    let new_account_size = shift(account.data_len(), diff)?;

    // Copy the plugins that follow the updated one before resizing, so a
    // shrink cannot truncate them.
    let trailing = account
        .try_borrow_data()?
        .get(next_plugin_offset..registry_offset)
        .ok_or_else(|| core_err(MplCoreError::DeserializationError))?
        .to_vec();

    resize_account(account, payer, system_program, new_account_size)?;

    {
        let mut data = account.try_borrow_mut_data()?;
        let end = new_next_plugin_offset.checked_add(trailing.len()).ok_or_else(overflow)?;
        data.get_mut(new_next_plugin_offset..end)
            .ok_or_else(|| core_err(MplCoreError::SerializationError))?
            .copy_from_slice(&trailing);
    }

    header.plugin_registry_offset = to_u64(new_registry_offset)?;
    save_at(account, core.base_len, &header)?;

    for other in &mut registry.registry {
        if other.offset > record.offset {
            other.offset = to_u64(shift(to_usize(other.offset)?, diff)?)?;
        }
    }
    for other in &mut registry.external_registry {
        if other.offset > record.offset {
            other.offset = to_u64(shift(to_usize(other.offset)?, diff)?)?;
            if let Some(data_offset) = other.data_offset {
                if data_offset > record.offset {
                    other.data_offset = Some(to_u64(shift(to_usize(data_offset)?, diff)?)?);
                }
            }
        }
    }

    save_at(account, new_registry_offset, &registry)?;
    save_at(account, plugin_offset, new_plugin)?;
    Ok(())
}

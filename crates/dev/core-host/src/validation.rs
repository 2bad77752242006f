//! Core's lifecycle validation (`validate_asset_permissions`) for the
//! supported lifecycle events and plugins.
//!
//! For an event, the asset itself, its collection and every plugin on the
//! collection and the asset (asset plugins override collection plugins of the
//! same type) may approve, reject, pass or force-approve:
//!
//! * any force approval (permanent delegates) wins immediately;
//! * otherwise any rejection fails with `InvalidAuthority`;
//! * otherwise at least one approval is required, else `NoApprovals`.

use std::collections::BTreeMap;

use mpl_core::{
    accounts::{BaseAssetV1, BaseCollectionV1},
    errors::MplCoreError,
    types::{Key, Plugin, PluginAuthority, PluginType, RegistryRecord, UpdateAuthority},
};
use solana_program::{account_info::AccountInfo, program_error::ProgramError, pubkey::Pubkey};

use crate::{
    state::{load_base, load_core, load_plugin, CoreData},
    utils::{assert_supported_plugin, core_err, log, plugin_manager},
};

/// The lifecycle events this host validates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Event {
    Create,
    Transfer,
    Burn,
    UpdatePlugin,
    AddPlugin,
}

/// Whether a participant may take part in the decision for an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CheckResult {
    CanApprove,
    CanReject,
    None,
}

/// A participant's vote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Vote {
    Approved,
    Rejected,
    Pass,
    ForceApproved,
}

/// Everything a plugin needs to cast its vote.
struct VoteContext<'c> {
    event: Event,
    authority: &'c Pubkey,
    resolved: &'c [PluginAuthority],
    target_plugin: Option<&'c Plugin>,
    target_plugin_authority: Option<&'c PluginAuthority>,
}

impl VoteContext<'_> {
    fn holds(&self, authority: &PluginAuthority) -> bool {
        self.resolved.contains(authority)
    }

    fn target_type(&self) -> Option<PluginType> {
        self.target_plugin.map(PluginType::from)
    }
}

/// Core's `CheckResult` of the asset itself for an event.
fn asset_check(event: Event) -> CheckResult {
    match event {
        Event::UpdatePlugin => CheckResult::None,
        Event::Create | Event::Transfer | Event::Burn | Event::AddPlugin => CheckResult::CanApprove,
    }
}

/// Core's `CheckResult` of the collection for an asset event.
fn collection_check(event: Event) -> CheckResult {
    match event {
        Event::Create | Event::AddPlugin => CheckResult::CanApprove,
        Event::Transfer | Event::Burn | Event::UpdatePlugin => CheckResult::None,
    }
}

/// Core's `PluginType::check_*` tables, restricted to the supported plugins.
fn plugin_check(event: Event, plugin_type: &PluginType) -> CheckResult {
    use PluginType as T;
    match (event, plugin_type) {
        (Event::Create, T::UpdateDelegate) => CheckResult::CanApprove,
        (Event::Transfer, T::FreezeDelegate | T::PermanentFreezeDelegate) => CheckResult::CanReject,
        (Event::Transfer, T::TransferDelegate | T::PermanentTransferDelegate) => CheckResult::CanApprove,
        (Event::Burn, T::FreezeDelegate | T::PermanentFreezeDelegate) => CheckResult::CanReject,
        (Event::Burn, T::BurnDelegate | T::PermanentBurnDelegate) => CheckResult::CanApprove,
        (Event::UpdatePlugin, _) => CheckResult::CanApprove,
        (Event::AddPlugin, T::UpdateDelegate) => CheckResult::CanApprove,
        (
            Event::AddPlugin,
            T::PermanentFreezeDelegate | T::PermanentTransferDelegate | T::PermanentBurnDelegate,
        ) => CheckResult::CanReject,
        _ => CheckResult::None,
    }
}

/// The asset's own vote (Core's `AssetV1::validate_*`).
fn asset_vote(asset: &BaseAssetV1, ctx: &VoteContext) -> Result<Vote, ProgramError> {
    Ok(match ctx.event {
        Event::Create => match asset.update_authority {
            // An asset in a collection needs the collection's approval.
            UpdateAuthority::Collection(_) => Vote::Pass,
            _ => Vote::Approved,
        },
        Event::Transfer | Event::Burn => {
            if *ctx.authority == asset.owner {
                Vote::Approved
            } else {
                Vote::Pass
            }
        }
        Event::AddPlugin => {
            let manager =
                plugin_manager(&ctx.target_type().ok_or_else(|| core_err(MplCoreError::InvalidPlugin))?);
            if (*ctx.authority == asset.owner && manager == PluginAuthority::Owner)
                || (asset.update_authority == UpdateAuthority::Address(*ctx.authority)
                    && manager == PluginAuthority::UpdateAuthority)
            {
                Vote::Approved
            } else {
                Vote::Pass
            }
        }
        Event::UpdatePlugin => Vote::Pass,
    })
}

/// The collection's vote on an asset event (Core's `CollectionV1::validate_*`).
fn collection_vote(collection: &BaseCollectionV1, ctx: &VoteContext) -> Result<Vote, ProgramError> {
    let is_update_authority = *ctx.authority == collection.update_authority;
    Ok(match ctx.event {
        Event::Create if is_update_authority => Vote::Approved,
        Event::AddPlugin => {
            let manager =
                plugin_manager(&ctx.target_type().ok_or_else(|| core_err(MplCoreError::InvalidPlugin))?);
            if is_update_authority && manager == PluginAuthority::UpdateAuthority {
                Vote::Approved
            } else {
                Vote::Pass
            }
        }
        _ => Vote::Pass,
    })
}

/// A plugin's vote (Core's `Plugin::validate_*` for the supported plugins).
fn plugin_vote(
    plugin: &Plugin,
    self_authority: &PluginAuthority,
    ctx: &VoteContext,
) -> Result<Vote, ProgramError> {
    let plugin_type = PluginType::from(plugin);
    assert_supported_plugin(&plugin_type)?;
    let targets_self = ctx.target_type().as_ref() == Some(&plugin_type);

    let vote = match (ctx.event, plugin) {
        // Freezes block transfers and burns.
        (
            Event::Transfer | Event::Burn,
            Plugin::FreezeDelegate(mpl_core::types::FreezeDelegate { frozen })
            | Plugin::PermanentFreezeDelegate(mpl_core::types::PermanentFreezeDelegate { frozen }),
        ) => {
            if *frozen {
                Vote::Rejected
            } else {
                Vote::Pass
            }
        }
        // Owner-managed delegates approve their authority.
        (Event::Transfer, Plugin::TransferDelegate(_)) | (Event::Burn, Plugin::BurnDelegate(_)) => {
            if ctx.holds(self_authority) {
                Vote::Approved
            } else {
                Vote::Pass
            }
        }
        // Permanent delegates force-approve, overriding any freeze.
        (Event::Transfer, Plugin::PermanentTransferDelegate(_))
        | (Event::Burn, Plugin::PermanentBurnDelegate(_)) => {
            if ctx.holds(self_authority) {
                Vote::ForceApproved
            } else {
                Vote::Pass
            }
        }
        // Permanent plugins can only be added at creation.
        (
            Event::AddPlugin,
            Plugin::PermanentFreezeDelegate(_)
            | Plugin::PermanentTransferDelegate(_)
            | Plugin::PermanentBurnDelegate(_),
        ) => {
            if targets_self {
                Vote::Rejected
            } else {
                Vote::Pass
            }
        }
        (Event::Create, Plugin::UpdateDelegate(delegate)) => {
            if ctx.holds(self_authority) || delegate.additional_delegates.contains(ctx.authority) {
                Vote::Approved
            } else {
                Vote::Pass
            }
        }
        (Event::AddPlugin, Plugin::UpdateDelegate(delegate)) => {
            let target = ctx.target_type().ok_or_else(|| core_err(MplCoreError::InvalidPlugin))?;
            if (ctx.holds(self_authority) || delegate.additional_delegates.contains(ctx.authority))
                && plugin_manager(&target) == PluginAuthority::UpdateAuthority
            {
                Vote::Approved
            } else {
                Vote::Pass
            }
        }
        (Event::UpdatePlugin, _) => update_plugin_vote(plugin, self_authority, targets_self, ctx)?,
        _ => Vote::Pass,
    };
    Ok(vote)
}

/// Vote of a plugin when some plugin (possibly itself) is being updated.
///
/// The holder of a plugin's authority may update that plugin. An update
/// delegate may additionally update plugins whose authority is the update
/// authority; updating the `UpdateDelegate` plugin itself is only allowed for
/// an additional delegate removing itself from the list.
fn update_plugin_vote(
    plugin: &Plugin,
    self_authority: &PluginAuthority,
    targets_self: bool,
    ctx: &VoteContext,
) -> Result<Vote, ProgramError> {
    let target = ctx.target_plugin.ok_or_else(|| core_err(MplCoreError::InvalidPlugin))?;

    let base = if targets_self && ctx.holds(self_authority) { Vote::Approved } else { Vote::Pass };

    let specific = match plugin {
        Plugin::UpdateDelegate(delegate)
            if ctx.holds(self_authority) || delegate.additional_delegates.contains(ctx.authority) =>
        {
            match target {
                Plugin::UpdateDelegate(new) => {
                    let removed: Vec<&Pubkey> = delegate
                        .additional_delegates
                        .iter()
                        .filter(|key| !new.additional_delegates.contains(key))
                        .collect();
                    let added = new
                        .additional_delegates
                        .iter()
                        .any(|key| !delegate.additional_delegates.contains(key));
                    if removed == [ctx.authority] && !added {
                        Vote::Approved
                    } else {
                        Vote::Pass
                    }
                }
                _ if ctx.target_plugin_authority == Some(&PluginAuthority::UpdateAuthority) => Vote::Approved,
                _ => Vote::Pass,
            }
        }
        _ => Vote::Pass,
    };

    Ok(match (base, specific) {
        (Vote::Pass, other) | (other, Vote::Pass) => other,
        (Vote::Rejected, _) | (_, Vote::Rejected) => Vote::Rejected,
        (Vote::ForceApproved, _) | (_, Vote::ForceApproved) => Vote::ForceApproved,
        (Vote::Approved, Vote::Approved) => Vote::Approved,
    })
}

/// Core's `resolve_pubkey_to_authorities`: which plugin authorities the
/// signing authority holds on this asset.
fn resolve_authorities(
    program_id: &Pubkey,
    authority: &Pubkey,
    collection: Option<&AccountInfo>,
    asset: &BaseAssetV1,
) -> Result<Vec<PluginAuthority>, ProgramError> {
    let mut resolved = Vec::with_capacity(3);
    if *authority == asset.owner {
        resolved.push(PluginAuthority::Owner);
    }
    match asset.update_authority {
        UpdateAuthority::Address(address) if address == *authority => {
            resolved.push(PluginAuthority::UpdateAuthority);
        }
        UpdateAuthority::Collection(address) => {
            let collection = collection.ok_or_else(|| core_err(MplCoreError::MissingCollection))?;
            if *collection.key != address {
                return Err(core_err(MplCoreError::InvalidCollection));
            }
            let collection: BaseCollectionV1 = load_base(program_id, collection)?;
            if collection.update_authority == *authority {
                resolved.push(PluginAuthority::UpdateAuthority);
            }
        }
        _ => {}
    }
    resolved.push(PluginAuthority::Address { address: *authority });
    Ok(resolved)
}

/// Input of [`validate_asset_permissions`].
pub(crate) struct AssetPermissions<'a, 'b, 'c> {
    pub program_id: &'c Pubkey,
    pub event: Event,
    pub authority: &'a AccountInfo<'b>,
    pub asset: &'a AccountInfo<'b>,
    pub collection: Option<&'a AccountInfo<'b>>,
    /// The plugin being added or updated (with its new data).
    pub target_plugin: Option<&'c Plugin>,
    /// The authority of the plugin being added or updated.
    pub target_plugin_authority: Option<&'c PluginAuthority>,
}

/// A plugin taking part in the decision: where it lives and its record.
struct Participant {
    key: Key,
    check: CheckResult,
    record: RegistryRecord,
}

/// Core's `validate_asset_permissions`. Returns the loaded asset on success.
pub(crate) fn validate_asset_permissions(
    input: AssetPermissions,
) -> Result<CoreData<BaseAssetV1>, ProgramError> {
    let program_id = input.program_id;
    let asset = load_core::<BaseAssetV1>(program_id, input.asset)?;
    let authority = input.authority.key;
    let resolved = resolve_authorities(program_id, authority, input.collection, &asset.base)?;

    // The asset's collection must be passed exactly when it has one.
    match (&asset.base.update_authority, input.collection) {
        (UpdateAuthority::Collection(_), None) => return Err(core_err(MplCoreError::MissingCollection)),
        (UpdateAuthority::Collection(address), Some(collection)) if collection.key != address => {
            return Err(core_err(MplCoreError::InvalidCollection))
        }
        (UpdateAuthority::Address(_) | UpdateAuthority::None, Some(_)) => {
            return Err(core_err(MplCoreError::InvalidCollection))
        }
        _ => {}
    }

    let ctx = VoteContext {
        event: input.event,
        authority,
        resolved: &resolved,
        target_plugin: input.target_plugin,
        target_plugin_authority: input.target_plugin_authority,
    };

    // Collection plugins first, then asset plugins (same type overrides).
    let mut participants: BTreeMap<u8, Participant> = BTreeMap::new();
    let collection = match input.collection {
        Some(info) => Some((info, load_core::<BaseCollectionV1>(program_id, info)?)),
        None => None,
    };
    let registries = collection
        .as_ref()
        .and_then(|(_, c)| c.plugins.as_ref().map(|(_, r)| (Key::CollectionV1, r)))
        .into_iter()
        .chain(asset.plugins.as_ref().map(|(_, r)| (Key::AssetV1, r)));
    for (key, registry) in registries {
        for record in &registry.registry {
            participants.insert(
                record.plugin_type.clone() as u8,
                Participant {
                    key,
                    check: plugin_check(input.event, &record.plugin_type),
                    record: record.clone(),
                },
            );
        }
    }

    let mut approved = false;
    let mut rejected = false;
    let mut tally = |vote: Vote| -> bool {
        match vote {
            Vote::Approved => approved = true,
            Vote::Rejected => rejected = true,
            Vote::Pass => {}
            Vote::ForceApproved => return true,
        }
        false
    };

    if asset_check(input.event) != CheckResult::None && tally(asset_vote(&asset.base, &ctx)?) {
        return Ok(asset);
    }
    if let Some((_, collection)) = &collection {
        if collection_check(input.event) != CheckResult::None
            && tally(collection_vote(&collection.base, &ctx)?)
        {
            return Ok(asset);
        }
    }

    for key in [Key::CollectionV1, Key::AssetV1] {
        let account = match key {
            Key::CollectionV1 => collection.as_ref().map(|(info, _)| *info),
            _ => Some(input.asset),
        };
        for participant in participants.values() {
            if participant.key != key || participant.check == CheckResult::None {
                continue;
            }
            let account = account.ok_or_else(|| core_err(MplCoreError::InvalidCollection))?;
            let plugin = load_plugin(account, &participant.record)?;
            let vote = plugin_vote(&plugin, &participant.record.authority, &ctx)?;
            if vote == Vote::ForceApproved {
                log(&format!(
                    "core-host: {:?} force-approved {:?}",
                    participant.record.plugin_type, input.event
                ));
            }
            if tally(vote) {
                return Ok(asset);
            }
        }
    }

    if rejected {
        log(&format!("core-host: {:?} rejected by a plugin", input.event));
        Err(core_err(MplCoreError::InvalidAuthority))
    } else if !approved {
        log(&format!("core-host: {:?} has no approvals", input.event));
        Err(core_err(MplCoreError::NoApprovals))
    } else {
        Ok(asset)
    }
}

/// Core's check of a new plugin against itself before it is added
/// (`Plugin::validate_add_plugin` on the target): permanent plugins reject
/// being added after creation.
pub(crate) fn new_plugin_rejects_addition(
    plugin: &Plugin,
    authority: &Pubkey,
    plugin_authority: &PluginAuthority,
) -> Result<bool, ProgramError> {
    let ctx = VoteContext {
        event: Event::AddPlugin,
        authority,
        resolved: &[],
        target_plugin: Some(plugin),
        target_plugin_authority: Some(plugin_authority),
    };
    Ok(plugin_vote(plugin, plugin_authority, &ctx)? == Vote::Rejected)
}

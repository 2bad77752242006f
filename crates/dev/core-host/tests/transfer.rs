//! `TransferV1`.

mod common;

use common::*;
use mpl_core::{
    errors::MplCoreError,
    instructions::TransferV1Builder,
    types::{
        FreezeDelegate, PermanentFreezeDelegate, PermanentTransferDelegate, Plugin, PluginAuthority,
        PluginAuthorityPair, TransferDelegate, UpdateAuthority,
    },
};
use solana_sdk::{
    instruction::{Instruction, InstructionError},
    pubkey::Pubkey,
    signature::Keypair,
    signer::Signer,
};

/// A transfer instruction paid by the chain payer with `authority` signing.
fn transfer_ix(
    ctx: &Chain,
    asset: &Pubkey,
    collection: Option<Pubkey>,
    authority: Option<&Keypair>,
    new_owner: &Pubkey,
) -> Instruction {
    TransferV1Builder::new()
        .asset(*asset)
        .collection(collection)
        .payer(ctx.payer.pubkey())
        .authority(authority.map(|a| a.pubkey()))
        .new_owner(*new_owner)
        .instruction()
}

async fn transfer(
    ctx: &mut Chain,
    asset: &Pubkey,
    collection: Option<Pubkey>,
    authority: &Keypair,
    new_owner: &Pubkey,
) -> Result<(), solana_program_test::BanksClientError> {
    let ix = transfer_ix(ctx, asset, collection, Some(authority), new_owner);
    send(ctx, &[ix], &[authority]).await
}

#[tokio::test]
async fn owner_can_transfer() {
    let (mut ctx, owner, asset) = start_with_owned_asset(Plugin::Attributes(attributes(1))).await;
    let before = account(&mut ctx, &asset.pubkey()).await;
    let new_owner = Pubkey::new_unique();

    transfer(&mut ctx, &asset.pubkey(), None, &owner, &new_owner).await.unwrap();

    let after = account(&mut ctx, &asset.pubkey()).await;
    let decoded = fetch_asset(&mut ctx, &asset.pubkey()).await;
    assert_eq!(decoded.base.owner, new_owner);
    assert_eq!(decoded.base.update_authority, UpdateAuthority::Address(ctx.payer.pubkey()));
    assert_eq!(decoded.plugin_list.attributes.unwrap().attributes, attributes(1));
    // Only the owner bytes changed.
    assert_eq!(after.data.len(), before.data.len());
    assert_eq!(after.data[33..], before.data[33..]);
    assert_eq!(after.lamports, before.lamports);
}

#[tokio::test]
async fn payer_as_owner_can_transfer_without_authority_account() {
    let mut ctx = start().await;
    let asset = create_asset(&mut ctx, AssetOptions::default()).await.unwrap();
    let new_owner = Pubkey::new_unique();
    let ix = transfer_ix(&ctx, &asset.pubkey(), None, None, &new_owner);
    send(&mut ctx, &[ix], &[]).await.unwrap();
    assert_eq!(fetch_asset(&mut ctx, &asset.pubkey()).await.base.owner, new_owner);
}

#[tokio::test]
async fn stranger_cannot_transfer() {
    let mut ctx = start().await;
    let owner = Pubkey::new_unique();
    let asset = create_asset(&mut ctx, AssetOptions::owned_by(owner)).await.unwrap();
    let stranger = wallet(&mut ctx).await;

    let result = transfer(&mut ctx, &asset.pubkey(), None, &stranger, &stranger.pubkey()).await;
    assert_core_error(result, MplCoreError::NoApprovals);
    assert_eq!(fetch_asset(&mut ctx, &asset.pubkey()).await.base.owner, owner);
}

#[tokio::test]
async fn transfer_requires_authority_signature() {
    let mut ctx = start().await;
    let owner = Keypair::new();
    let asset = create_asset(&mut ctx, AssetOptions::owned_by(owner.pubkey())).await.unwrap();
    let ix = unsign(transfer_ix(&ctx, &asset.pubkey(), None, Some(&owner), &Pubkey::new_unique()), 3);
    let result = send(&mut ctx, &[ix], &[]).await;
    assert_eq!(instruction_error(result), InstructionError::MissingRequiredSignature);
}

#[tokio::test]
async fn frozen_asset_blocks_owner_and_outsider_but_not_permanent_transfer_delegate() {
    let mut ctx = start().await;
    let owner = wallet(&mut ctx).await;
    let delegate = wallet(&mut ctx).await;
    let outsider = wallet(&mut ctx).await;
    let plugins = invoice_plugins(&delegate.pubkey(), true);
    let asset = create_asset(&mut ctx, AssetOptions { plugins, ..AssetOptions::owned_by(owner.pubkey()) })
        .await
        .unwrap();
    let before = account(&mut ctx, &asset.pubkey()).await;

    // The owner approves, but the frozen permanent freeze rejects.
    let result = transfer(&mut ctx, &asset.pubkey(), None, &owner, &Pubkey::new_unique()).await;
    assert_core_error(result, MplCoreError::InvalidAuthority);

    // An outside wallet gets no approval and the freeze rejects.
    let result = transfer(&mut ctx, &asset.pubkey(), None, &outsider, &outsider.pubkey()).await;
    assert_core_error(result, MplCoreError::InvalidAuthority);
    assert_eq!(account(&mut ctx, &asset.pubkey()).await.data, before.data);

    // The permanent transfer delegate force-approves despite the freeze.
    let buyer = Pubkey::new_unique();
    transfer(&mut ctx, &asset.pubkey(), None, &delegate, &buyer).await.unwrap();

    let after = account(&mut ctx, &asset.pubkey()).await;
    let decoded = fetch_asset(&mut ctx, &asset.pubkey()).await;
    assert_eq!(decoded.base.owner, buyer);
    let freeze = decoded.plugin_list.permanent_freeze_delegate.unwrap();
    assert!(freeze.permanent_freeze_delegate.frozen, "still frozen");
    assert_eq!(freeze.base.authority, PluginAuthority::Address { address: delegate.pubkey() }.into());
    // Permanent plugins keep their authorities and offsets.
    assert_eq!(after.data[33..], before.data[33..]);
}

#[tokio::test]
async fn unfrozen_permanent_freeze_does_not_block_owner() {
    let (mut ctx, owner, asset) =
        start_with_owned_asset(Plugin::PermanentFreezeDelegate(PermanentFreezeDelegate { frozen: false }))
            .await;
    let new_owner = Pubkey::new_unique();
    transfer(&mut ctx, &asset.pubkey(), None, &owner, &new_owner).await.unwrap();
    assert_eq!(fetch_asset(&mut ctx, &asset.pubkey()).await.base.owner, new_owner);
}

#[tokio::test]
async fn owner_managed_freeze_blocks_transfer() {
    let (mut ctx, owner, asset) =
        start_with_owned_asset(Plugin::FreezeDelegate(FreezeDelegate { frozen: true })).await;
    let result = transfer(&mut ctx, &asset.pubkey(), None, &owner, &Pubkey::new_unique()).await;
    assert_core_error(result, MplCoreError::InvalidAuthority);
}

#[tokio::test]
async fn transfer_delegate_can_transfer_once_and_delegation_resets() {
    let mut ctx = start().await;
    let owner = wallet(&mut ctx).await;
    let delegate = wallet(&mut ctx).await;
    let asset = create_asset(
        &mut ctx,
        AssetOptions {
            owner: Some(owner.pubkey()),
            plugins: vec![
                PluginAuthorityPair {
                    plugin: Plugin::TransferDelegate(TransferDelegate {}),
                    authority: Some(PluginAuthority::Address { address: delegate.pubkey() }),
                },
                PluginAuthorityPair { plugin: Plugin::Attributes(attributes(1)), authority: None },
            ],
            ..Default::default()
        },
    )
    .await
    .unwrap();

    let new_owner = wallet(&mut ctx).await;
    transfer(&mut ctx, &asset.pubkey(), None, &delegate, &new_owner.pubkey()).await.unwrap();

    let after = account(&mut ctx, &asset.pubkey()).await;
    let decoded = fetch_asset(&mut ctx, &asset.pubkey()).await;
    assert_eq!(decoded.base.owner, new_owner.pubkey());
    // Owner-managed delegations end with the transfer (Core resets the record
    // authority to Owner in place; plugin offsets are unchanged).
    let records = mpl_core::fetch_plugins(&after.data).unwrap();
    assert_eq!(records[0].authority, PluginAuthority::Owner);
    assert_eq!(records[1].authority, PluginAuthority::UpdateAuthority);
    let base_len = asset_base_len(&decoded.base);
    assert_eq!(records[0].offset as usize, base_len + 9);
    assert_eq!(records[1].offset as usize, base_len + 10);
    assert_eq!(decoded.plugin_list.attributes.unwrap().attributes, attributes(1));

    // The former delegate has no power any more.
    let result = transfer(&mut ctx, &asset.pubkey(), None, &delegate, &delegate.pubkey()).await;
    assert_core_error(result, MplCoreError::NoApprovals);
}

#[tokio::test]
async fn collection_asset_requires_matching_collection() {
    let mut ctx = start().await;
    let owner = wallet(&mut ctx).await;
    let collection = create_collection(&mut ctx, None, vec![]).await.unwrap();
    let asset = create_asset(
        &mut ctx,
        AssetOptions {
            owner: Some(owner.pubkey()),
            collection: Some(collection.pubkey()),
            ..Default::default()
        },
    )
    .await
    .unwrap();

    let result = transfer(&mut ctx, &asset.pubkey(), None, &owner, &Pubkey::new_unique()).await;
    assert_core_error(result, MplCoreError::MissingCollection);

    let other = create_collection(&mut ctx, None, vec![]).await.unwrap();
    let result =
        transfer(&mut ctx, &asset.pubkey(), Some(other.pubkey()), &owner, &Pubkey::new_unique()).await;
    assert_core_error(result, MplCoreError::InvalidCollection);

    let new_owner = Pubkey::new_unique();
    transfer(&mut ctx, &asset.pubkey(), Some(collection.pubkey()), &owner, &new_owner).await.unwrap();
    assert_eq!(fetch_asset(&mut ctx, &asset.pubkey()).await.base.owner, new_owner);
}

#[tokio::test]
async fn collection_permanent_plugins_apply_to_assets() {
    let mut ctx = start().await;
    let owner = wallet(&mut ctx).await;
    let (collection_authority, collection) = collection_with_authority(
        &mut ctx,
        vec![
            PluginAuthorityPair {
                plugin: Plugin::PermanentFreezeDelegate(PermanentFreezeDelegate { frozen: true }),
                authority: None,
            },
            PluginAuthorityPair {
                plugin: Plugin::PermanentTransferDelegate(PermanentTransferDelegate {}),
                authority: None,
            },
        ],
    )
    .await;
    let asset = create_asset(
        &mut ctx,
        AssetOptions {
            owner: Some(owner.pubkey()),
            ..AssetOptions::in_collection(collection.pubkey(), &collection_authority)
        },
    )
    .await
    .unwrap();

    // The collection's freeze binds the owner.
    let result =
        transfer(&mut ctx, &asset.pubkey(), Some(collection.pubkey()), &owner, &Pubkey::new_unique()).await;
    assert_core_error(result, MplCoreError::InvalidAuthority);

    // The collection update authority holds the collection's permanent
    // transfer delegate (authority UpdateAuthority) and overrides the freeze.
    let new_owner = Pubkey::new_unique();
    transfer(&mut ctx, &asset.pubkey(), Some(collection.pubkey()), &collection_authority, &new_owner)
        .await
        .unwrap();
    assert_eq!(fetch_asset(&mut ctx, &asset.pubkey()).await.base.owner, new_owner);
}

#[tokio::test]
async fn transfer_rejects_wrong_system_program() {
    let mut ctx = start().await;
    let asset = create_asset(&mut ctx, AssetOptions::default()).await.unwrap();
    let ix = TransferV1Builder::new()
        .asset(asset.pubkey())
        .payer(ctx.payer.pubkey())
        .new_owner(Pubkey::new_unique())
        .system_program(Some(Pubkey::new_unique()))
        .instruction();
    let result = send(&mut ctx, &[ix], &[]).await;
    assert_core_error(result, MplCoreError::InvalidSystemProgram);
}

#[tokio::test]
async fn transfer_rejects_non_core_account() {
    let mut ctx = start().await;
    let not_an_asset = wallet(&mut ctx).await;
    let ix = transfer_ix(&ctx, &not_an_asset.pubkey(), None, None, &Pubkey::new_unique());
    // Documented difference: the host checks the owner first; the real
    // program reads the empty wallet account as an asset and aborts.
    let outcomes = send_each(&mut ctx, &[ix], &[]).await;
    assert_outcomes(
        &outcomes,
        failed(InstructionError::Custom(MplCoreError::IncorrectAccount as u32)),
        failed(InstructionError::ProgramFailedToComplete),
    );
    assert_eq!(account(&mut ctx, &not_an_asset.pubkey()).await.owner, solana_system_interface::program::ID);
}

#[tokio::test]
async fn transfer_requires_writable_asset() {
    let mut ctx = start().await;
    let asset = create_asset(&mut ctx, AssetOptions::default()).await.unwrap();
    let mut ix = transfer_ix(&ctx, &asset.pubkey(), None, None, &Pubkey::new_unique());
    ix.accounts[0].is_writable = false;
    // Documented difference: the runtime fails the real program's write
    // with ReadonlyDataModified; the host refuses up front (program-test
    // would silently drop a builtin's write).
    let outcomes = send_each(&mut ctx, &[ix], &[]).await;
    assert_outcomes(
        &outcomes,
        failed(InstructionError::Immutable),
        failed(InstructionError::ReadonlyDataModified),
    );
    assert_eq!(fetch_asset(&mut ctx, &asset.pubkey()).await.base.owner, ctx.payer.pubkey());
}

/// Autofactor's invoice asset: frozen, with permanent freeze / transfer
/// delegates held by a program address that is also the update authority.
/// The owner adds a transfer delegate of its own (allowed: owner-managed),
/// then tries to transfer: the permanent freeze still refuses it.
#[tokio::test]
async fn owner_added_transfer_delegate_does_not_beat_the_permanent_freeze() {
    let mut ctx = start().await;
    let owner = wallet(&mut ctx).await;
    let program = Pubkey::new_unique();
    let asset = create_asset(
        &mut ctx,
        AssetOptions {
            update_authority: Some(program),
            plugins: invoice_plugins(&program, true),
            ..AssetOptions::owned_by(owner.pubkey())
        },
    )
    .await
    .unwrap();
    let add = mpl_core::instructions::AddPluginV1Builder::new()
        .asset(asset.pubkey())
        .payer(owner.pubkey())
        .authority(Some(owner.pubkey()))
        .plugin(Plugin::TransferDelegate(TransferDelegate {}))
        .instruction();
    send_as(&mut ctx, &owner, &[add], &[]).await.unwrap();
    let before = account(&mut ctx, &asset.pubkey()).await;
    let ix = TransferV1Builder::new()
        .asset(asset.pubkey())
        .payer(owner.pubkey())
        .authority(Some(owner.pubkey()))
        .new_owner(Pubkey::new_unique())
        .instruction();
    let result = send_as(&mut ctx, &owner, &[ix], &[]).await;
    assert_core_error(result, MplCoreError::InvalidAuthority);
    assert_eq!(account(&mut ctx, &asset.pubkey()).await, before);
}

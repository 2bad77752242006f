//! `UpdatePluginV1`.

mod common;

use common::*;
use mpl_core::{
    errors::MplCoreError,
    instructions::{TransferV1Builder, UpdatePluginV1Builder},
    types::{
        Attributes, FreezeDelegate, PermanentBurnDelegate, PermanentFreezeDelegate,
        PermanentTransferDelegate, Plugin, PluginAuthority, PluginAuthorityPair, UpdateDelegate,
    },
};
use solana_program_test::BanksClientError;
use solana_sdk::{pubkey::Pubkey, signature::Keypair, signer::Signer};

/// Update a plugin; the chain payer pays, `authority` (if any) signs.
async fn update_plugin(
    ctx: &mut Chain,
    asset: &Pubkey,
    collection: Option<Pubkey>,
    authority: Option<&Keypair>,
    plugin: Plugin,
) -> Result<(), BanksClientError> {
    let ix = UpdatePluginV1Builder::new()
        .asset(*asset)
        .collection(collection)
        .payer(ctx.payer.pubkey())
        .authority(authority.map(|a| a.pubkey()))
        .plugin(plugin)
        .instruction();
    let signers: Vec<&Keypair> = authority.into_iter().collect();
    send(ctx, &[ix], &signers).await
}

/// An invoice asset ([`invoice_plugins`], frozen) owned by `owner`; the
/// chain payer is its update authority.
async fn invoice(ctx: &mut Chain, owner: &Pubkey, delegate: &Pubkey) -> Keypair {
    let plugins = invoice_plugins(delegate, true);
    create_asset(ctx, AssetOptions { plugins, ..AssetOptions::owned_by(*owner) }).await.unwrap()
}

/// The asset's Attributes plugin holds `expected`.
async fn assert_attributes(ctx: &mut Chain, asset: &Pubkey, expected: Attributes) {
    assert_eq!(fetch_asset(ctx, asset).await.plugin_list.attributes.unwrap().attributes, expected);
}

fn expected_layout(attrs: Attributes, frozen: bool, delegate: &Pubkey) -> Vec<(Plugin, PluginAuthority)> {
    let address = PluginAuthority::Address { address: *delegate };
    vec![
        (Plugin::Attributes(attrs), PluginAuthority::UpdateAuthority),
        (Plugin::PermanentFreezeDelegate(PermanentFreezeDelegate { frozen }), address.clone()),
        (Plugin::PermanentTransferDelegate(PermanentTransferDelegate {}), address.clone()),
        (Plugin::PermanentBurnDelegate(PermanentBurnDelegate {}), address),
    ]
}

/// The update authority (the chain payer) sets an invoice asset's
/// Attributes to `n` entries; the plugin layout and the rent follow. Returns
/// the account's size before and after, and the decoded asset.
async fn set_invoice_attributes(n: usize) -> (usize, usize, Box<mpl_core::Asset>) {
    let mut ctx = start().await;
    let delegate = Pubkey::new_unique();
    let asset = invoice(&mut ctx, &Pubkey::new_unique(), &delegate).await;
    let before = account(&mut ctx, &asset.pubkey()).await;

    update_plugin(&mut ctx, &asset.pubkey(), None, None, Plugin::Attributes(attributes(n))).await.unwrap();

    let after = account(&mut ctx, &asset.pubkey()).await;
    let decoded = fetch_asset(&mut ctx, &asset.pubkey()).await;
    assert_plugin_layout(
        &after.data,
        asset_base_len(&decoded.base),
        &expected_layout(attributes(n), true, &delegate),
    );
    assert_eq!(after.lamports, rent_for(&mut ctx, after.data.len()).await + core_host::CREATE_FEE_LAMPORTS);
    (before.data.len(), after.data.len(), decoded)
}

#[tokio::test]
async fn update_authority_grows_attributes_and_pays_rent() {
    let (before, after, decoded) = set_invoice_attributes(6).await;
    let grown = borsh::to_vec(&attributes(6)).unwrap().len() - borsh::to_vec(&attributes(2)).unwrap().len();
    assert_eq!(after, before + grown);
    assert_eq!(decoded.plugin_list.attributes.unwrap().attributes, attributes(6));
}

#[tokio::test]
async fn update_authority_shrinks_attributes_and_gets_rent_back() {
    let (before, after, decoded) = set_invoice_attributes(0).await;
    assert!(after < before);
    assert_eq!(decoded.plugin_list.attributes.unwrap().attributes, attributes(0));
}

#[tokio::test]
async fn permanent_freeze_authority_unfreezes_then_owner_can_transfer() {
    let mut ctx = start().await;
    let owner = wallet(&mut ctx).await;
    let delegate = wallet(&mut ctx).await;
    let asset = invoice(&mut ctx, &owner.pubkey(), &delegate.pubkey()).await;

    update_plugin(
        &mut ctx,
        &asset.pubkey(),
        None,
        Some(&delegate),
        Plugin::PermanentFreezeDelegate(PermanentFreezeDelegate { frozen: false }),
    )
    .await
    .unwrap();

    let after = account(&mut ctx, &asset.pubkey()).await;
    let decoded = fetch_asset(&mut ctx, &asset.pubkey()).await;
    assert_plugin_layout(
        &after.data,
        asset_base_len(&decoded.base),
        &expected_layout(attributes(2), false, &delegate.pubkey()),
    );

    let new_owner = Pubkey::new_unique();
    let ix = TransferV1Builder::new()
        .asset(asset.pubkey())
        .payer(ctx.payer.pubkey())
        .authority(Some(owner.pubkey()))
        .new_owner(new_owner)
        .instruction();
    send(&mut ctx, &[ix], &[&owner]).await.unwrap();
    assert_eq!(fetch_asset(&mut ctx, &asset.pubkey()).await.base.owner, new_owner);
}

#[tokio::test]
async fn owner_and_update_authority_cannot_unfreeze_delegated_freeze() {
    let mut ctx = start().await;
    let owner = wallet(&mut ctx).await;
    let delegate = Pubkey::new_unique();
    let asset = invoice(&mut ctx, &owner.pubkey(), &delegate).await;
    let unfreeze = Plugin::PermanentFreezeDelegate(PermanentFreezeDelegate { frozen: false });

    let result = update_plugin(&mut ctx, &asset.pubkey(), None, Some(&owner), unfreeze.clone()).await;
    assert_core_error(result, MplCoreError::NoApprovals);

    // The chain payer is the asset's update authority.
    let result = update_plugin(&mut ctx, &asset.pubkey(), None, None, unfreeze).await;
    assert_core_error(result, MplCoreError::NoApprovals);

    let decoded = fetch_asset(&mut ctx, &asset.pubkey()).await;
    assert!(decoded.plugin_list.permanent_freeze_delegate.unwrap().permanent_freeze_delegate.frozen);
}

#[tokio::test]
async fn stranger_cannot_update_attributes() {
    let mut ctx = start().await;
    let asset = invoice(&mut ctx, &Pubkey::new_unique(), &Pubkey::new_unique()).await;
    let stranger = wallet(&mut ctx).await;
    let result =
        update_plugin(&mut ctx, &asset.pubkey(), None, Some(&stranger), Plugin::Attributes(attributes(1)))
            .await;
    assert_core_error(result, MplCoreError::NoApprovals);
}

#[tokio::test]
async fn owner_updates_owner_managed_freeze() {
    let (mut ctx, owner, asset) =
        start_with_owned_asset(Plugin::FreezeDelegate(FreezeDelegate { frozen: false })).await;
    update_plugin(
        &mut ctx,
        &asset.pubkey(),
        None,
        Some(&owner),
        Plugin::FreezeDelegate(FreezeDelegate { frozen: true }),
    )
    .await
    .unwrap();
    let decoded = fetch_asset(&mut ctx, &asset.pubkey()).await;
    let freeze = decoded.plugin_list.freeze_delegate.unwrap();
    assert!(freeze.freeze_delegate.frozen);
    assert_eq!(freeze.base.authority, PluginAuthority::Owner.into());
}

#[tokio::test]
async fn collection_update_authority_updates_asset_plugin() {
    let mut ctx = start().await;
    let (collection_authority, collection) = collection_with_authority(&mut ctx, vec![]).await;
    let asset = create_asset(
        &mut ctx,
        AssetOptions {
            collection: Some(collection.pubkey()),
            authority: Some(&collection_authority),
            plugins: vec![PluginAuthorityPair { plugin: Plugin::Attributes(attributes(1)), authority: None }],
            ..Default::default()
        },
    )
    .await
    .unwrap();

    // The payer is not the collection authority any more.
    let result = update_plugin(
        &mut ctx,
        &asset.pubkey(),
        Some(collection.pubkey()),
        None,
        Plugin::Attributes(attributes(3)),
    )
    .await;
    assert_core_error(result, MplCoreError::NoApprovals);

    update_plugin(
        &mut ctx,
        &asset.pubkey(),
        Some(collection.pubkey()),
        Some(&collection_authority),
        Plugin::Attributes(attributes(3)),
    )
    .await
    .unwrap();
    assert_attributes(&mut ctx, &asset.pubkey(), attributes(3)).await;
}

#[tokio::test]
async fn update_delegate_updates_update_authority_plugins() {
    let mut ctx = start().await;
    let delegate = wallet(&mut ctx).await;
    let asset = create_asset(
        &mut ctx,
        AssetOptions {
            plugins: vec![
                PluginAuthorityPair {
                    plugin: Plugin::UpdateDelegate(UpdateDelegate {
                        additional_delegates: vec![delegate.pubkey()],
                    }),
                    authority: None,
                },
                PluginAuthorityPair { plugin: Plugin::Attributes(attributes(1)), authority: None },
            ],
            ..Default::default()
        },
    )
    .await
    .unwrap();
    update_plugin(&mut ctx, &asset.pubkey(), None, Some(&delegate), Plugin::Attributes(attributes(4)))
        .await
        .unwrap();
    assert_attributes(&mut ctx, &asset.pubkey(), attributes(4)).await;
}

#[tokio::test]
async fn update_plugin_rejects_wrong_system_program() {
    let mut ctx = start().await;
    let asset = invoice(&mut ctx, &Pubkey::new_unique(), &Pubkey::new_unique()).await;
    let ix = UpdatePluginV1Builder::new()
        .asset(asset.pubkey())
        .payer(ctx.payer.pubkey())
        .system_program(Pubkey::new_unique())
        .plugin(Plugin::Attributes(attributes(1)))
        .instruction();
    let result = send(&mut ctx, &[ix], &[]).await;
    assert_core_error(result, MplCoreError::InvalidSystemProgram);
}

#[tokio::test]
async fn update_plugin_on_asset_without_plugins_is_plugin_not_found() {
    let mut ctx = start().await;
    let asset = create_asset(&mut ctx, AssetOptions::default()).await.unwrap();
    let before = account(&mut ctx, &asset.pubkey()).await;
    // The update authority (the payer) asks: still not found, as in Core,
    // which looks the plugin up before checking permissions.
    let result =
        update_plugin(&mut ctx, &asset.pubkey(), None, None, Plugin::Attributes(attributes(1))).await;
    assert_core_error(result, MplCoreError::PluginNotFound);
    // So does a stranger.
    let stranger = wallet(&mut ctx).await;
    let result =
        update_plugin(&mut ctx, &asset.pubkey(), None, Some(&stranger), Plugin::Attributes(attributes(1)))
            .await;
    assert_core_error(result, MplCoreError::PluginNotFound);
    assert_eq!(account(&mut ctx, &asset.pubkey()).await, before);
}

#[tokio::test]
async fn update_plugin_of_a_collection_plugin_on_the_asset_is_plugin_not_found() {
    let mut ctx = start().await;
    let (collection_authority, collection) = collection_with_authority(
        &mut ctx,
        vec![PluginAuthorityPair { plugin: Plugin::Attributes(attributes(1)), authority: None }],
    )
    .await;
    let asset =
        create_asset(&mut ctx, AssetOptions::in_collection(collection.pubkey(), &collection_authority))
            .await
            .unwrap();
    // The plugin lives on the collection, not on the asset.
    let result = update_plugin(
        &mut ctx,
        &asset.pubkey(),
        Some(collection.pubkey()),
        Some(&collection_authority),
        Plugin::Attributes(attributes(2)),
    )
    .await;
    assert_core_error(result, MplCoreError::PluginNotFound);
    let decoded = fetch_collection(&mut ctx, &collection.pubkey()).await;
    assert_eq!(decoded.plugin_list.attributes.unwrap().attributes, attributes(1));
}

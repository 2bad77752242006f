//! `UpdatePluginV1`.

mod common;

use common::*;
use mpl_core::{
    errors::MplCoreError,
    instructions::{TransferV1Builder, UpdatePluginV1Builder},
    types::{
        Attribute, Attributes, FreezeDelegate, PermanentBurnDelegate, PermanentFreezeDelegate,
        PermanentTransferDelegate, Plugin, PluginAuthority, PluginAuthorityPair, UpdateDelegate,
    },
};
use solana_program_test::BanksClientError;
use solana_sdk::{pubkey::Pubkey, signature::Keypair, signer::Signer};

fn attributes(n: usize) -> Attributes {
    Attributes {
        attribute_list: (0..n)
            .map(|i| Attribute { key: format!("key_{i}"), value: format!("value_{i}") })
            .collect(),
    }
}

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

/// An asset with Attributes (update authority = chain payer) followed by the
/// three permanent delegates held by `delegate`.
async fn invoice(ctx: &mut Chain, owner: &Pubkey, delegate: &Pubkey) -> Keypair {
    let authority = Some(PluginAuthority::Address { address: *delegate });
    create_asset(
        ctx,
        AssetOptions {
            owner: Some(*owner),
            plugins: vec![
                PluginAuthorityPair { plugin: Plugin::Attributes(attributes(2)), authority: None },
                PluginAuthorityPair {
                    plugin: Plugin::PermanentFreezeDelegate(PermanentFreezeDelegate { frozen: true }),
                    authority: authority.clone(),
                },
                PluginAuthorityPair {
                    plugin: Plugin::PermanentTransferDelegate(PermanentTransferDelegate {}),
                    authority: authority.clone(),
                },
                PluginAuthorityPair {
                    plugin: Plugin::PermanentBurnDelegate(PermanentBurnDelegate {}),
                    authority,
                },
            ],
            ..Default::default()
        },
    )
    .await
    .unwrap()
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

#[tokio::test]
async fn update_authority_grows_attributes_and_pays_rent() {
    let mut ctx = start().await;
    let delegate = Pubkey::new_unique();
    let asset = invoice(&mut ctx, &Pubkey::new_unique(), &delegate).await;
    let before = account(&mut ctx, &asset.pubkey()).await;

    update_plugin(&mut ctx, &asset.pubkey(), None, None, Plugin::Attributes(attributes(6))).await.unwrap();

    let after = account(&mut ctx, &asset.pubkey()).await;
    let decoded = fetch_asset(&mut ctx, &asset.pubkey()).await;
    let grown = borsh::to_vec(&attributes(6)).unwrap().len() - borsh::to_vec(&attributes(2)).unwrap().len();
    assert_eq!(after.data.len(), before.data.len() + grown);
    assert_plugin_layout(
        &after.data,
        asset_base_len(&decoded.base),
        &expected_layout(attributes(6), true, &delegate),
    );
    assert_eq!(after.lamports, rent_for(&mut ctx, after.data.len()).await + core_host::CREATE_FEE_LAMPORTS);
    assert_eq!(decoded.plugin_list.attributes.unwrap().attributes, attributes(6));
}

#[tokio::test]
async fn update_authority_shrinks_attributes_and_gets_rent_back() {
    let mut ctx = start().await;
    let delegate = Pubkey::new_unique();
    let asset = invoice(&mut ctx, &Pubkey::new_unique(), &delegate).await;
    let before = account(&mut ctx, &asset.pubkey()).await;

    update_plugin(&mut ctx, &asset.pubkey(), None, None, Plugin::Attributes(attributes(0))).await.unwrap();

    let after = account(&mut ctx, &asset.pubkey()).await;
    let decoded = fetch_asset(&mut ctx, &asset.pubkey()).await;
    assert!(after.data.len() < before.data.len());
    assert_plugin_layout(
        &after.data,
        asset_base_len(&decoded.base),
        &expected_layout(attributes(0), true, &delegate),
    );
    assert_eq!(after.lamports, rent_for(&mut ctx, after.data.len()).await + core_host::CREATE_FEE_LAMPORTS);
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
    let mut ctx = start().await;
    let owner = wallet(&mut ctx).await;
    let asset = owned_asset_with(
        &mut ctx,
        owner.pubkey(),
        Plugin::FreezeDelegate(FreezeDelegate { frozen: false }),
        None,
    )
    .await;
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
    let collection_authority = wallet(&mut ctx).await;
    let collection = create_collection(&mut ctx, Some(collection_authority.pubkey()), vec![]).await.unwrap();
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
    assert_eq!(
        fetch_asset(&mut ctx, &asset.pubkey()).await.plugin_list.attributes.unwrap().attributes,
        attributes(3)
    );
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
    assert_eq!(
        fetch_asset(&mut ctx, &asset.pubkey()).await.plugin_list.attributes.unwrap().attributes,
        attributes(4)
    );
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
    let collection_authority = wallet(&mut ctx).await;
    let collection = create_collection(
        &mut ctx,
        Some(collection_authority.pubkey()),
        vec![PluginAuthorityPair { plugin: Plugin::Attributes(attributes(1)), authority: None }],
    )
    .await
    .unwrap();
    let asset = create_asset(
        &mut ctx,
        AssetOptions {
            collection: Some(collection.pubkey()),
            authority: Some(&collection_authority),
            ..Default::default()
        },
    )
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

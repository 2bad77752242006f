//! `AddPluginV1`.

mod common;

use common::*;
use mpl_core::{
    errors::MplCoreError,
    instructions::AddPluginV1Builder,
    types::{
        Attributes, FreezeDelegate, PermanentBurnDelegate, PermanentFreezeDelegate,
        PermanentTransferDelegate, Plugin, PluginAuthority, PluginAuthorityPair,
    },
};
use solana_program_test::BanksClientError;
use solana_sdk::{pubkey::Pubkey, signature::Keypair, signer::Signer};

async fn add_plugin(
    ctx: &mut Chain,
    asset: &Pubkey,
    authority: Option<&Keypair>,
    plugin: Plugin,
    init_authority: Option<PluginAuthority>,
) -> Result<(), BanksClientError> {
    let mut builder = AddPluginV1Builder::new();
    builder.asset(*asset).payer(ctx.payer.pubkey()).authority(authority.map(|a| a.pubkey())).plugin(plugin);
    if let Some(init_authority) = init_authority {
        builder.init_authority(init_authority);
    }
    let ix = builder.instruction();
    let signers: Vec<&Keypair> = authority.into_iter().collect();
    send(ctx, &[ix], &signers).await
}

#[tokio::test]
async fn update_authority_adds_attributes_to_plain_asset() {
    let mut ctx = start().await;
    let asset = create_asset(&mut ctx, AssetOptions::default()).await.unwrap();

    add_plugin(&mut ctx, &asset.pubkey(), None, Plugin::Attributes(attributes(1)), None).await.unwrap();

    let account = account(&mut ctx, &asset.pubkey()).await;
    let decoded = fetch_asset(&mut ctx, &asset.pubkey()).await;
    assert_plugin_layout(
        &account.data,
        asset_base_len(&decoded.base),
        &[(Plugin::Attributes(attributes(1)), PluginAuthority::UpdateAuthority)],
    );
    assert_eq!(
        account.lamports,
        rent_for(&mut ctx, account.data.len()).await + core_host::CREATE_FEE_LAMPORTS
    );
}

#[tokio::test]
async fn owner_adds_owner_managed_plugin_after_existing_ones() {
    let mut ctx = start().await;
    let owner = wallet(&mut ctx).await;
    let delegate = Pubkey::new_unique();
    let asset = owned_asset_with(&mut ctx, owner.pubkey(), Plugin::Attributes(attributes(1)), None).await;

    add_plugin(
        &mut ctx,
        &asset.pubkey(),
        Some(&owner),
        Plugin::FreezeDelegate(FreezeDelegate { frozen: true }),
        Some(PluginAuthority::Address { address: delegate }),
    )
    .await
    .unwrap();

    let account = account(&mut ctx, &asset.pubkey()).await;
    let decoded = fetch_asset(&mut ctx, &asset.pubkey()).await;
    assert_plugin_layout(
        &account.data,
        asset_base_len(&decoded.base),
        &[
            (Plugin::Attributes(attributes(1)), PluginAuthority::UpdateAuthority),
            (
                Plugin::FreezeDelegate(FreezeDelegate { frozen: true }),
                PluginAuthority::Address { address: delegate },
            ),
        ],
    );
}

#[tokio::test]
async fn permanent_plugins_cannot_be_added_after_creation() {
    let mut ctx = start().await;
    let asset = create_asset(&mut ctx, AssetOptions::default()).await.unwrap();
    for plugin in [
        Plugin::PermanentFreezeDelegate(PermanentFreezeDelegate { frozen: true }),
        Plugin::PermanentTransferDelegate(PermanentTransferDelegate {}),
        Plugin::PermanentBurnDelegate(PermanentBurnDelegate {}),
    ] {
        let result = add_plugin(&mut ctx, &asset.pubkey(), None, plugin, None).await;
        assert_core_error(result, MplCoreError::InvalidAuthority);
    }
    assert!(fetch_asset(&mut ctx, &asset.pubkey()).await.plugin_header.is_none());
}

#[tokio::test]
async fn owner_cannot_add_authority_managed_plugin() {
    let mut ctx = start().await;
    let owner = wallet(&mut ctx).await;
    let asset = create_asset(&mut ctx, AssetOptions::owned_by(owner.pubkey())).await.unwrap();
    let result =
        add_plugin(&mut ctx, &asset.pubkey(), Some(&owner), Plugin::Attributes(attributes(1)), None).await;
    assert_core_error(result, MplCoreError::NoApprovals);
}

#[tokio::test]
async fn duplicate_plugin_cannot_be_added() {
    let mut ctx = start().await;
    let asset = create_asset(
        &mut ctx,
        AssetOptions {
            plugins: vec![PluginAuthorityPair { plugin: Plugin::Attributes(attributes(1)), authority: None }],
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let result = add_plugin(
        &mut ctx,
        &asset.pubkey(),
        None,
        Plugin::Attributes(Attributes { attribute_list: vec![] }),
        None,
    )
    .await;
    assert_core_error(result, MplCoreError::PluginAlreadyExists);
}

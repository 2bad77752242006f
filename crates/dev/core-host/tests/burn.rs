//! `BurnV1`.

mod common;

use common::*;
use mpl_core::{
    errors::MplCoreError,
    instructions::BurnV1Builder,
    types::{BurnDelegate, PermanentFreezeDelegate, Plugin, PluginAuthority},
};
use solana_program_test::BanksClientError;
use solana_sdk::{pubkey::Pubkey, signature::Keypair, signer::Signer};

/// Burn `asset` with `payer` paying (and receiving the rent) and `authority` signing.
async fn burn(
    ctx: &mut Chain,
    payer: &Keypair,
    asset: &Pubkey,
    collection: Option<Pubkey>,
    authority: Option<&Keypair>,
) -> Result<(), BanksClientError> {
    let ix = BurnV1Builder::new()
        .asset(*asset)
        .collection(collection)
        .payer(payer.pubkey())
        .authority(authority.map(|a| a.pubkey()))
        .instruction();
    let signers: Vec<&Keypair> = authority.into_iter().collect();
    send_as(ctx, payer, &[ix], &signers).await
}

/// Assert the account is in Core's burned state: one `Uninitialized` byte,
/// holding only the one-byte rent plus the creation fee.
async fn assert_burned(ctx: &mut Chain, asset: &Pubkey) {
    let account = account(ctx, asset).await;
    assert_eq!(account.owner, mpl_core::ID);
    assert_eq!(account.data, vec![0u8]);
    assert_eq!(account.lamports, rent_for(ctx, 1).await + core_host::CREATE_FEE_LAMPORTS);
}

#[tokio::test]
async fn owner_can_burn_and_payer_gets_rent_back() {
    let (mut ctx, owner, asset) =
        start_with_owned_asset(Plugin::PermanentFreezeDelegate(PermanentFreezeDelegate { frozen: false }))
            .await;
    let size = account(&mut ctx, &asset.pubkey()).await.data.len();
    let owner_before = balance(&mut ctx, &owner.pubkey()).await;

    // The owner pays the fee and is the payer: it receives the refund.
    burn(&mut ctx, &owner, &asset.pubkey(), None, None).await.unwrap();

    assert_burned(&mut ctx, &asset.pubkey()).await;
    let refund = rent_for(&mut ctx, size).await - rent_for(&mut ctx, 1).await;
    let fee = 5_000;
    assert_eq!(balance(&mut ctx, &owner.pubkey()).await, owner_before + refund - fee);
    // mpl-core no longer reads it as an asset.
    let data = account(&mut ctx, &asset.pubkey()).await.data;
    assert!(mpl_core::Asset::from_bytes(&data).is_err());
}

#[tokio::test]
async fn stranger_cannot_burn() {
    let mut ctx = start().await;
    let asset = create_asset(&mut ctx, AssetOptions::owned_by(Pubkey::new_unique())).await.unwrap();
    let stranger = wallet(&mut ctx).await;
    let result = burn(&mut ctx, &stranger, &asset.pubkey(), None, None).await;
    assert_core_error(result, MplCoreError::NoApprovals);
    fetch_asset(&mut ctx, &asset.pubkey()).await;
}

#[tokio::test]
async fn frozen_asset_cannot_be_burned_by_owner_but_by_permanent_burn_delegate() {
    let mut ctx = start().await;
    let owner = wallet(&mut ctx).await;
    let delegate = wallet(&mut ctx).await;
    let plugins = invoice_plugins(&delegate.pubkey(), true);
    let asset = create_asset(&mut ctx, AssetOptions { plugins, ..AssetOptions::owned_by(owner.pubkey()) })
        .await
        .unwrap();

    let result = burn(&mut ctx, &owner, &asset.pubkey(), None, None).await;
    assert_core_error(result, MplCoreError::InvalidAuthority);
    fetch_asset(&mut ctx, &asset.pubkey()).await;

    let outsider = wallet(&mut ctx).await;
    let result = burn(&mut ctx, &outsider, &asset.pubkey(), None, None).await;
    assert_core_error(result, MplCoreError::InvalidAuthority);

    let payer = ctx.payer.insecure_clone();
    burn(&mut ctx, &payer, &asset.pubkey(), None, Some(&delegate)).await.unwrap();
    assert_burned(&mut ctx, &asset.pubkey()).await;
}

#[tokio::test]
async fn burn_delegate_can_burn() {
    let mut ctx = start().await;
    let delegate = wallet(&mut ctx).await;
    let asset = owned_asset_with(
        &mut ctx,
        Pubkey::new_unique(),
        Plugin::BurnDelegate(BurnDelegate {}),
        Some(PluginAuthority::Address { address: delegate.pubkey() }),
    )
    .await;
    burn(&mut ctx, &delegate, &asset.pubkey(), None, None).await.unwrap();
    assert_burned(&mut ctx, &asset.pubkey()).await;
}

#[tokio::test]
async fn burn_in_collection_decrements_current_size() {
    let mut ctx = start().await;
    let owner = wallet(&mut ctx).await;
    let collection = create_collection(&mut ctx, None, vec![]).await.unwrap();
    let mut assets = vec![];
    for name in ["Invoice A", "Invoice B"] {
        assets.push(
            create_asset(
                &mut ctx,
                AssetOptions {
                    collection: Some(collection.pubkey()),
                    name: Some(name.to_owned()),
                    ..AssetOptions::owned_by(owner.pubkey())
                },
            )
            .await
            .unwrap(),
        );
    }

    let result = burn(&mut ctx, &owner, &assets[0].pubkey(), None, None).await;
    assert_core_error(result, MplCoreError::MissingCollection);

    burn(&mut ctx, &owner, &assets[0].pubkey(), Some(collection.pubkey()), None).await.unwrap();
    assert_burned(&mut ctx, &assets[0].pubkey()).await;
    let decoded = fetch_collection(&mut ctx, &collection.pubkey()).await;
    assert_eq!(decoded.base.num_minted, 2);
    assert_eq!(decoded.base.current_size, 1);
}

#[tokio::test]
async fn burned_asset_cannot_be_burned_again() {
    let mut ctx = start().await;
    let owner = wallet(&mut ctx).await;
    let asset = create_asset(&mut ctx, AssetOptions::owned_by(owner.pubkey())).await.unwrap();
    burn(&mut ctx, &owner, &asset.pubkey(), None, None).await.unwrap();
    let payer = ctx.payer.insecure_clone();
    let result = burn(&mut ctx, &payer, &asset.pubkey(), None, Some(&owner)).await;
    assert_core_error(result, MplCoreError::IncorrectAccount);
}

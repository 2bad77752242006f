//! `CreateV2` and `CreateCollectionV2`.

mod common;

use common::*;
use mpl_core::{
    accounts::BaseAssetV1,
    errors::MplCoreError,
    fetch_asset_plugin, fetch_collection_plugin,
    instructions::CreateV2Builder,
    types::{
        Attribute, Attributes, DataState, FreezeDelegate, Key, PermanentBurnDelegate,
        PermanentFreezeDelegate, PermanentTransferDelegate, Plugin, PluginAuthority, PluginAuthorityPair,
        PluginType, Royalties, RuleSet, UpdateAuthority, UpdateDelegate,
    },
};
use solana_sdk::{instruction::InstructionError, pubkey::Pubkey, signature::Keypair, signer::Signer};

fn invoice_attributes() -> Attributes {
    Attributes {
        attribute_list: vec![
            Attribute { key: "amount".to_owned(), value: "125000".to_owned() },
            Attribute { key: "due".to_owned(), value: "2025-12-31".to_owned() },
        ],
    }
}

/// The plugin set Autofactor puts on an invoice, each with an address authority.
fn autofactor_plugins(program: &Pubkey) -> Vec<PluginAuthorityPair> {
    let address = PluginAuthority::Address { address: *program };
    vec![
        PluginAuthorityPair { plugin: Plugin::Attributes(invoice_attributes()), authority: None },
        PluginAuthorityPair {
            plugin: Plugin::PermanentFreezeDelegate(PermanentFreezeDelegate { frozen: true }),
            authority: Some(address.clone()),
        },
        PluginAuthorityPair {
            plugin: Plugin::PermanentTransferDelegate(PermanentTransferDelegate {}),
            authority: Some(address.clone()),
        },
        PluginAuthorityPair {
            plugin: Plugin::PermanentBurnDelegate(PermanentBurnDelegate {}),
            authority: Some(address),
        },
    ]
}

#[tokio::test]
async fn create_v2_without_plugins_writes_base_asset_only() {
    let mut ctx = start().await;
    let owner = Pubkey::new_unique();
    let payer = ctx.payer.pubkey();
    let asset = create_asset(&mut ctx, AssetOptions::owned_by(owner)).await.unwrap();

    let account = account(&mut ctx, &asset.pubkey()).await;
    let expected = BaseAssetV1 {
        key: Key::AssetV1,
        owner,
        update_authority: UpdateAuthority::Address(payer),
        name: "Invoice #1".to_owned(),
        uri: "https://example.com/invoice/1.json".to_owned(),
        seq: None,
    };
    assert_eq!(account.owner, mpl_core::ID);
    assert_eq!(account.data, borsh::to_vec(&expected).unwrap());
    assert_eq!(
        account.lamports,
        rent_for(&mut ctx, account.data.len()).await + core_host::CREATE_FEE_LAMPORTS
    );

    let decoded = fetch_asset(&mut ctx, &asset.pubkey()).await;
    assert_eq!(decoded.base, expected);
    assert!(decoded.plugin_header.is_none());
}

#[tokio::test]
async fn create_v2_with_autofactor_plugins_matches_core_layout() {
    let mut ctx = start().await;
    let program = Pubkey::new_unique();
    let owner = Pubkey::new_unique();
    let update_authority = Pubkey::new_unique();
    let plugins = autofactor_plugins(&program);
    let asset = create_asset(
        &mut ctx,
        AssetOptions {
            owner: Some(owner),
            update_authority: Some(update_authority),
            plugins: plugins.clone(),
            ..Default::default()
        },
    )
    .await
    .unwrap();

    let account = account(&mut ctx, &asset.pubkey()).await;
    let decoded = fetch_asset(&mut ctx, &asset.pubkey()).await;
    assert_eq!(decoded.base.owner, owner);
    assert_eq!(decoded.base.update_authority, UpdateAuthority::Address(update_authority));
    assert_eq!(decoded.base.name, "Invoice #1");
    assert_eq!(decoded.base.uri, "https://example.com/invoice/1.json");

    // Exact byte layout: header, plugins in order, registry last.
    let address = PluginAuthority::Address { address: program };
    let expected = vec![
        (Plugin::Attributes(invoice_attributes()), PluginAuthority::UpdateAuthority),
        (Plugin::PermanentFreezeDelegate(PermanentFreezeDelegate { frozen: true }), address.clone()),
        (Plugin::PermanentTransferDelegate(PermanentTransferDelegate {}), address.clone()),
        (Plugin::PermanentBurnDelegate(PermanentBurnDelegate {}), address.clone()),
    ];
    let base_len = asset_base_len(&decoded.base);
    assert_plugin_layout(&account.data, base_len, &expected);
    assert_eq!(
        account.lamports,
        rent_for(&mut ctx, account.data.len()).await + core_host::CREATE_FEE_LAMPORTS
    );

    // mpl-core's plugin list reader.
    let list = &decoded.plugin_list;
    let attributes = list.attributes.as_ref().unwrap();
    assert_eq!(attributes.attributes, invoice_attributes());
    assert_eq!(attributes.base.authority, PluginAuthority::UpdateAuthority.into());
    let freeze = list.permanent_freeze_delegate.as_ref().unwrap();
    assert!(freeze.permanent_freeze_delegate.frozen);
    assert_eq!(freeze.base.authority, address.clone().into());
    assert_eq!(list.permanent_transfer_delegate.as_ref().unwrap().base.authority, address.clone().into());
    assert_eq!(list.permanent_burn_delegate.as_ref().unwrap().base.authority, address.clone().into());

    // mpl-core's AccountInfo-based plugin fetchers.
    with_account_info(&asset.pubkey(), &account, |info| {
        let (authority, attributes, offset) =
            fetch_asset_plugin::<Attributes>(info, PluginType::Attributes).unwrap();
        assert_eq!(authority, PluginAuthority::UpdateAuthority);
        assert_eq!(attributes, invoice_attributes());
        assert_eq!(offset, base_len + 9);

        let (authority, freeze, _) =
            fetch_asset_plugin::<PermanentFreezeDelegate>(info, PluginType::PermanentFreezeDelegate).unwrap();
        assert_eq!(authority, address);
        assert!(freeze.frozen);

        assert!(fetch_asset_plugin::<FreezeDelegate>(info, PluginType::FreezeDelegate).is_err());
    });
    assert_eq!(
        mpl_core::list_plugins(&account.data).unwrap(),
        vec![
            PluginType::Attributes,
            PluginType::PermanentFreezeDelegate,
            PluginType::PermanentTransferDelegate,
            PluginType::PermanentBurnDelegate,
        ]
    );
}

#[tokio::test]
async fn create_v2_in_collection_by_collection_authority() {
    let mut ctx = start().await;
    let (collection_authority, collection) = collection_with_authority(&mut ctx, vec![]).await;
    let owner = Pubkey::new_unique();

    let asset = create_asset(
        &mut ctx,
        AssetOptions {
            owner: Some(owner),
            ..AssetOptions::in_collection(collection.pubkey(), &collection_authority)
        },
    )
    .await
    .unwrap();

    let decoded = fetch_asset(&mut ctx, &asset.pubkey()).await;
    assert_eq!(decoded.base.owner, owner);
    assert_eq!(decoded.base.update_authority, UpdateAuthority::Collection(collection.pubkey()));
    let collection = fetch_collection(&mut ctx, &collection.pubkey()).await;
    assert_eq!(collection.base.num_minted, 1);
    assert_eq!(collection.base.current_size, 1);
}

#[tokio::test]
async fn create_v2_in_collection_by_update_delegate() {
    let mut ctx = start().await;
    let delegate = wallet(&mut ctx).await;
    let collection_authority = Pubkey::new_unique();
    let collection = create_collection(
        &mut ctx,
        Some(collection_authority),
        vec![PluginAuthorityPair {
            plugin: Plugin::UpdateDelegate(UpdateDelegate { additional_delegates: vec![] }),
            authority: Some(PluginAuthority::Address { address: delegate.pubkey() }),
        }],
    )
    .await
    .unwrap();

    let asset =
        create_asset(&mut ctx, AssetOptions::in_collection(collection.pubkey(), &delegate)).await.unwrap();
    let decoded = fetch_asset(&mut ctx, &asset.pubkey()).await;
    assert_eq!(decoded.base.update_authority, UpdateAuthority::Collection(collection.pubkey()));
    assert_eq!(fetch_collection(&mut ctx, &collection.pubkey()).await.base.num_minted, 1);
}

#[tokio::test]
async fn create_v2_in_collection_without_collection_authority_fails() {
    let mut ctx = start().await;
    let collection = create_collection(&mut ctx, Some(Pubkey::new_unique()), vec![]).await.unwrap();
    let stranger = wallet(&mut ctx).await;

    let result =
        create_asset(&mut ctx, AssetOptions::in_collection(collection.pubkey(), &stranger)).await.map(|_| ());
    assert_core_error(result, MplCoreError::NoApprovals);
    let collection = fetch_collection(&mut ctx, &collection.pubkey()).await;
    assert_eq!(collection.base.num_minted, 0);
}

#[tokio::test]
async fn create_v2_requires_asset_signature() {
    let mut ctx = start().await;
    let asset = Keypair::new();
    let ix = unsign(create_asset_ix(&ctx.payer.pubkey(), &asset.pubkey(), &AssetOptions::default()), 0);
    let result = send(&mut ctx, &[ix], &[]).await;
    assert_eq!(instruction_error(result), InstructionError::MissingRequiredSignature);
}

#[tokio::test]
async fn create_v2_requires_authority_signature() {
    let mut ctx = start().await;
    let asset = Keypair::new();
    let authority = Keypair::new();
    let options = AssetOptions { authority: Some(&authority), ..Default::default() };
    let ix = unsign(create_asset_ix(&ctx.payer.pubkey(), &asset.pubkey(), &options), 2);
    let result = send(&mut ctx, &[ix], &[&asset]).await;
    assert_eq!(instruction_error(result), InstructionError::MissingRequiredSignature);
}

#[tokio::test]
async fn create_v2_rejects_wrong_system_program() {
    let mut ctx = start().await;
    let asset = Keypair::new();
    let ix = CreateV2Builder::new()
        .asset(asset.pubkey())
        .payer(ctx.payer.pubkey())
        .system_program(Pubkey::new_unique())
        .data_state(DataState::AccountState)
        .name("x".to_owned())
        .uri("y".to_owned())
        .instruction();
    let result = send(&mut ctx, &[ix], &[&asset]).await;
    assert_core_error(result, MplCoreError::InvalidSystemProgram);
}

#[tokio::test]
async fn create_v2_rejects_existing_account() {
    let mut ctx = start().await;
    let asset = Keypair::new();
    // Someone already sent lamports to the address: the system program's
    // create_account refuses it (SystemError::AccountAlreadyInUse = 0).
    airdrop(&mut ctx, &asset.pubkey(), 1_000_000).await;
    let ix = create_asset_ix(&ctx.payer.pubkey(), &asset.pubkey(), &AssetOptions::default());
    let result = send(&mut ctx, &[ix], &[&asset]).await;
    assert_eq!(instruction_error(result), InstructionError::Custom(0));
    assert_eq!(account(&mut ctx, &asset.pubkey()).await.owner, solana_system_interface::program::ID);
}

#[tokio::test]
async fn create_v2_rejects_collection_and_update_authority() {
    let mut ctx = start().await;
    let collection = create_collection(&mut ctx, None, vec![]).await.unwrap();
    let result = create_asset(
        &mut ctx,
        AssetOptions {
            collection: Some(collection.pubkey()),
            update_authority: Some(Pubkey::new_unique()),
            ..Default::default()
        },
    )
    .await
    .map(|_| ());
    assert_core_error(result, MplCoreError::ConflictingAuthority);
}

#[tokio::test]
async fn create_v2_rejects_foreign_collection_account() {
    let mut ctx = start().await;
    let not_a_collection = wallet(&mut ctx).await;
    let asset = Keypair::new();
    let options = AssetOptions { collection: Some(not_a_collection.pubkey()), ..Default::default() };
    let ix = create_asset_ix(&ctx.payer.pubkey(), &asset.pubkey(), &options);
    // Documented difference: the host checks the owner first; the real
    // program reads the empty wallet account as a collection and aborts.
    let outcomes = send_each(&mut ctx, &[ix], &[&asset]).await;
    assert_outcomes(
        &outcomes,
        failed(InstructionError::Custom(MplCoreError::IncorrectAccount as u32)),
        failed(InstructionError::ProgramFailedToComplete),
    );
    assert!(account_is_missing(&mut ctx, &asset.pubkey()).await);
}

#[tokio::test]
async fn create_v2_rejects_duplicate_plugin() {
    let mut ctx = start().await;
    let freeze = PluginAuthorityPair {
        plugin: Plugin::PermanentFreezeDelegate(PermanentFreezeDelegate { frozen: false }),
        authority: None,
    };
    let result =
        create_asset(&mut ctx, AssetOptions { plugins: vec![freeze.clone(), freeze], ..Default::default() })
            .await
            .map(|_| ());
    assert_core_error(result, MplCoreError::PluginAlreadyExists);
}

#[tokio::test]
async fn create_v2_rejects_unimplemented_plugin() {
    let mut ctx = start().await;
    let asset = Keypair::new();
    let options = AssetOptions {
        plugins: vec![PluginAuthorityPair {
            plugin: Plugin::Royalties(Royalties {
                basis_points: 500,
                creators: vec![],
                rule_set: RuleSet::None,
            }),
            authority: None,
        }],
        ..Default::default()
    };
    let ix = create_asset_ix(&ctx.payer.pubkey(), &asset.pubkey(), &options);
    // Documented difference: the host has no Royalties plugin; the real
    // program validates it (creators must share 100%).
    let outcomes = send_each(&mut ctx, &[ix], &[&asset]).await;
    assert_outcomes(
        &outcomes,
        failed(InstructionError::Custom(MplCoreError::NotAvailable as u32)),
        failed(InstructionError::Custom(MplCoreError::InvalidPluginSetting as u32)),
    );
    assert!(account_is_missing(&mut ctx, &asset.pubkey()).await);
}

#[tokio::test]
async fn create_collection_v2_matches_core_layout() {
    let mut ctx = start().await;
    let update_authority = Pubkey::new_unique();
    let plugins = vec![
        PluginAuthorityPair {
            plugin: Plugin::PermanentFreezeDelegate(PermanentFreezeDelegate { frozen: false }),
            authority: None,
        },
        PluginAuthorityPair {
            plugin: Plugin::Attributes(invoice_attributes()),
            authority: Some(PluginAuthority::Address { address: update_authority }),
        },
    ];
    let collection = create_collection(&mut ctx, Some(update_authority), plugins).await.unwrap();

    let account = account(&mut ctx, &collection.pubkey()).await;
    let decoded = fetch_collection(&mut ctx, &collection.pubkey()).await;
    assert_eq!(decoded.base.key, Key::CollectionV1);
    assert_eq!(decoded.base.update_authority, update_authority);
    assert_eq!(decoded.base.name, "Autofactor invoices");
    assert_eq!(decoded.base.uri, "https://example.com/collection.json");
    assert_eq!(decoded.base.num_minted, 0);
    assert_eq!(decoded.base.current_size, 0);

    let base_len = collection_base_len(&decoded.base);
    assert_plugin_layout(
        &account.data,
        base_len,
        &[
            (
                Plugin::PermanentFreezeDelegate(PermanentFreezeDelegate { frozen: false }),
                PluginAuthority::UpdateAuthority,
            ),
            (
                Plugin::Attributes(invoice_attributes()),
                PluginAuthority::Address { address: update_authority },
            ),
        ],
    );
    // Collections pay no creation fee.
    assert_eq!(account.lamports, rent_for(&mut ctx, account.data.len()).await);
    with_account_info(&collection.pubkey(), &account, |info| {
        let (authority, attributes, _) =
            fetch_collection_plugin::<Attributes>(info, PluginType::Attributes).unwrap();
        assert_eq!(authority, PluginAuthority::Address { address: update_authority });
        assert_eq!(attributes, invoice_attributes());
    });
    assert!(
        !decoded.plugin_list.permanent_freeze_delegate.as_ref().unwrap().permanent_freeze_delegate.frozen
    );
}

#[tokio::test]
async fn create_collection_v2_defaults_update_authority_to_payer() {
    let mut ctx = start().await;
    let payer = ctx.payer.pubkey();
    let collection = create_collection(&mut ctx, None, vec![]).await.unwrap();
    let account = account(&mut ctx, &collection.pubkey()).await;
    let decoded = fetch_collection(&mut ctx, &collection.pubkey()).await;
    assert_eq!(decoded.base.update_authority, payer);
    assert!(decoded.plugin_header.is_none());
    assert_eq!(account.data.len(), collection_base_len(&decoded.base));
}

#[tokio::test]
async fn create_collection_v2_requires_collection_signature() {
    let mut ctx = start().await;
    let collection = Keypair::new();
    let ix = unsign(create_collection_ix(&ctx.payer.pubkey(), &collection.pubkey(), None, vec![]), 0);
    let result = send(&mut ctx, &[ix], &[]).await;
    assert_eq!(instruction_error(result), InstructionError::MissingRequiredSignature);
}

#[tokio::test]
async fn create_collection_v2_rejects_owner_managed_plugin() {
    let mut ctx = start().await;
    let result = create_collection(
        &mut ctx,
        None,
        vec![PluginAuthorityPair {
            plugin: Plugin::FreezeDelegate(FreezeDelegate { frozen: false }),
            authority: None,
        }],
    )
    .await
    .map(|_| ());
    assert_core_error(result, MplCoreError::InvalidAuthority);
}

//! Differential matrix: every plugin the host implementation supports, with
//! every kind of plugin authority, through every instruction it implements,
//! on an asset, added later, and on a collection — run on the host
//! implementation and on the real Metaplex Core program side by side.
//!
//! Every other test of this crate is also a differential test when a real
//! binary is configured (see `common`); this file adds the combinations
//! those tests do not spell out. Each sequence keeps going whatever a step
//! returns (failing steps included); after every transaction both banks
//! must have returned the same result and hold the same bytes, lamports and
//! owner for every account the transaction references. Differences are
//! collected per matrix and must be exactly the documented ones (none
//! today; see the crate README).
//!
//! Without a real binary the matrix is skipped with a message (there is
//! nothing to compare with); `AUTOFACTOR_CORE=real` makes a missing binary
//! an error instead.

mod common;

use common::*;
use mpl_core::{
    instructions::{AddPluginV1Builder, BurnV1Builder, TransferV1Builder, UpdatePluginV1Builder},
    types::{
        BurnDelegate, FreezeDelegate, PermanentBurnDelegate, PermanentFreezeDelegate,
        PermanentTransferDelegate, Plugin, PluginAuthority, PluginAuthorityPair, TransferDelegate,
        UpdateDelegate,
    },
};
use solana_sdk::{pubkey::Pubkey, signature::Keypair, signer::Signer};

/// A plugin as created and the data an update writes.
struct Variant {
    name: &'static str,
    created: Plugin,
    updated: Plugin,
}

/// The eight supported plugins, the freezes both frozen and thawed, the
/// update delegate with and without an additional delegate (`extra`).
fn variants(extra: &Pubkey) -> Vec<Variant> {
    vec![
        Variant {
            name: "Attributes",
            created: Plugin::Attributes(attributes(1)),
            updated: Plugin::Attributes(attributes(3)),
        },
        Variant {
            name: "PermanentFreezeDelegate(frozen)",
            created: Plugin::PermanentFreezeDelegate(PermanentFreezeDelegate { frozen: true }),
            updated: Plugin::PermanentFreezeDelegate(PermanentFreezeDelegate { frozen: false }),
        },
        Variant {
            name: "PermanentFreezeDelegate(thawed)",
            created: Plugin::PermanentFreezeDelegate(PermanentFreezeDelegate { frozen: false }),
            updated: Plugin::PermanentFreezeDelegate(PermanentFreezeDelegate { frozen: true }),
        },
        Variant {
            name: "PermanentTransferDelegate",
            created: Plugin::PermanentTransferDelegate(PermanentTransferDelegate {}),
            updated: Plugin::PermanentTransferDelegate(PermanentTransferDelegate {}),
        },
        Variant {
            name: "PermanentBurnDelegate",
            created: Plugin::PermanentBurnDelegate(PermanentBurnDelegate {}),
            updated: Plugin::PermanentBurnDelegate(PermanentBurnDelegate {}),
        },
        Variant {
            name: "FreezeDelegate(frozen)",
            created: Plugin::FreezeDelegate(FreezeDelegate { frozen: true }),
            updated: Plugin::FreezeDelegate(FreezeDelegate { frozen: false }),
        },
        Variant {
            name: "FreezeDelegate(thawed)",
            created: Plugin::FreezeDelegate(FreezeDelegate { frozen: false }),
            updated: Plugin::FreezeDelegate(FreezeDelegate { frozen: true }),
        },
        Variant {
            name: "TransferDelegate",
            created: Plugin::TransferDelegate(TransferDelegate {}),
            updated: Plugin::TransferDelegate(TransferDelegate {}),
        },
        Variant {
            name: "BurnDelegate",
            created: Plugin::BurnDelegate(BurnDelegate {}),
            updated: Plugin::BurnDelegate(BurnDelegate {}),
        },
        Variant {
            name: "UpdateDelegate",
            created: Plugin::UpdateDelegate(UpdateDelegate { additional_delegates: vec![] }),
            updated: Plugin::UpdateDelegate(UpdateDelegate { additional_delegates: vec![*extra] }),
        },
        Variant {
            name: "UpdateDelegate(additional)",
            created: Plugin::UpdateDelegate(UpdateDelegate { additional_delegates: vec![*extra] }),
            updated: Plugin::UpdateDelegate(UpdateDelegate { additional_delegates: vec![] }),
        },
    ]
}

/// The plugin authorities a plugin can be created with: the plugin type's
/// default (none given), the three roles, and an address.
fn authorities(delegate: &Pubkey) -> Vec<(&'static str, Option<PluginAuthority>)> {
    vec![
        ("default", None),
        ("Owner", Some(PluginAuthority::Owner)),
        ("UpdateAuthority", Some(PluginAuthority::UpdateAuthority)),
        ("None", Some(PluginAuthority::None)),
        ("Address(delegate)", Some(PluginAuthority::Address { address: *delegate })),
    ]
}

/// The wallets of one sequence.
struct Actors {
    owner: Keypair,
    delegate: Keypair,
    buyer: Keypair,
    /// The collection's update authority (collection sequences).
    collection_authority: Keypair,
}

async fn actors(chain: &mut Chain) -> Actors {
    Actors {
        owner: wallet(chain).await,
        delegate: wallet(chain).await,
        buyer: wallet(chain).await,
        collection_authority: wallet(chain).await,
    }
}

/// `TransferV1` of `asset` to `new_owner`, `authority` signing.
async fn transfer(
    chain: &mut Chain,
    asset: &Pubkey,
    collection: Option<Pubkey>,
    authority: &Keypair,
    new_owner: &Pubkey,
) {
    let ix = TransferV1Builder::new()
        .asset(*asset)
        .collection(collection)
        .payer(chain.payer.pubkey())
        .authority(Some(authority.pubkey()))
        .new_owner(*new_owner)
        .instruction();
    let _ = send(chain, &[ix], &[authority]).await;
}

/// `BurnV1` of `asset`, the chain payer paying, `authority` signing.
async fn burn(chain: &mut Chain, asset: &Pubkey, collection: Option<Pubkey>, authority: &Keypair) {
    let ix = BurnV1Builder::new()
        .asset(*asset)
        .collection(collection)
        .payer(chain.payer.pubkey())
        .authority(Some(authority.pubkey()))
        .instruction();
    let _ = send(chain, &[ix], &[authority]).await;
}

/// `UpdatePluginV1` on `asset`; `authority` `None` = the chain payer (the
/// asset's update authority in the asset sequences).
async fn update_plugin(
    chain: &mut Chain,
    asset: &Pubkey,
    collection: Option<Pubkey>,
    authority: Option<&Keypair>,
    plugin: &Plugin,
) {
    let ix = UpdatePluginV1Builder::new()
        .asset(*asset)
        .collection(collection)
        .payer(chain.payer.pubkey())
        .authority(authority.map(|a| a.pubkey()))
        .plugin(plugin.clone())
        .instruction();
    let signers: Vec<&Keypair> = authority.into_iter().collect();
    let _ = send(chain, &[ix], &signers).await;
}

/// `AddPluginV1` on `asset`.
async fn add_plugin(
    chain: &mut Chain,
    asset: &Pubkey,
    collection: Option<Pubkey>,
    authority: Option<&Keypair>,
    plugin: &Plugin,
    init_authority: Option<PluginAuthority>,
) -> bool {
    let mut builder = AddPluginV1Builder::new();
    builder
        .asset(*asset)
        .collection(collection)
        .payer(chain.payer.pubkey())
        .authority(authority.map(|a| a.pubkey()))
        .plugin(plugin.clone());
    if let Some(init_authority) = init_authority {
        builder.init_authority(init_authority);
    }
    let ix = builder.instruction();
    let signers: Vec<&Keypair> = authority.into_iter().collect();
    send(chain, &[ix], &signers).await.is_ok()
}

/// Create → update the plugin (owner, update authority, delegate) → add it
/// again → transfer (delegate, owner) → burn (delegate, owner, buyer).
async fn asset_sequence(
    chain: &mut Chain,
    variant: &Variant,
    authority: &Option<PluginAuthority>,
    a: &Actors,
) {
    let options = AssetOptions {
        owner: Some(a.owner.pubkey()),
        plugins: vec![PluginAuthorityPair { plugin: variant.created.clone(), authority: authority.clone() }],
        ..Default::default()
    };
    let Ok(asset) = create_asset(chain, options).await else { return };
    let asset = asset.pubkey();
    update_plugin(chain, &asset, None, Some(&a.owner), &variant.updated).await;
    update_plugin(chain, &asset, None, None, &variant.created).await;
    update_plugin(chain, &asset, None, Some(&a.delegate), &variant.updated).await;
    add_plugin(chain, &asset, None, None, &variant.created, None).await;
    transfer(chain, &asset, None, &a.delegate, &a.buyer.pubkey()).await;
    transfer(chain, &asset, None, &a.owner, &a.buyer.pubkey()).await;
    burn(chain, &asset, None, &a.delegate).await;
    burn(chain, &asset, None, &a.owner).await;
    burn(chain, &asset, None, &a.buyer).await;
}

/// A plain asset; the owner adds the plugin, then the update authority; on
/// the asset that got it: transfer and burn by the delegate, then the owner.
async fn add_sequence(chain: &mut Chain, variant: &Variant, authority: &Option<PluginAuthority>, a: &Actors) {
    for signer in [Some(&a.owner), None] {
        let options = AssetOptions { owner: Some(a.owner.pubkey()), ..Default::default() };
        let Ok(asset) = create_asset(chain, options).await else { return };
        let asset = asset.pubkey();
        if !add_plugin(chain, &asset, None, signer, &variant.created, authority.clone()).await {
            continue;
        }
        update_plugin(chain, &asset, None, Some(&a.delegate), &variant.updated).await;
        transfer(chain, &asset, None, &a.delegate, &a.buyer.pubkey()).await;
        burn(chain, &asset, None, &a.delegate).await;
        burn(chain, &asset, None, &a.owner).await;
        burn(chain, &asset, None, &a.buyer).await;
    }
}

/// A collection with the plugin, an asset minted into it by the collection
/// authority, then: update and add the plugin on the asset, transfers
/// (owner without and with the collection account, delegate, collection
/// authority), burns (delegate, collection authority, owner, buyer).
async fn collection_sequence(
    chain: &mut Chain,
    variant: &Variant,
    authority: &Option<PluginAuthority>,
    a: &Actors,
) {
    let plugins = vec![PluginAuthorityPair { plugin: variant.created.clone(), authority: authority.clone() }];
    let Ok(collection) = create_collection(chain, Some(a.collection_authority.pubkey()), plugins).await
    else {
        return;
    };
    let collection = Some(collection.pubkey());
    let options = AssetOptions {
        owner: Some(a.owner.pubkey()),
        collection,
        authority: Some(&a.collection_authority),
        ..Default::default()
    };
    let Ok(asset) = create_asset(chain, options).await else { return };
    let asset = asset.pubkey();
    let ca = &a.collection_authority;
    update_plugin(chain, &asset, collection, Some(ca), &variant.updated).await;
    update_plugin(chain, &asset, collection, Some(&a.delegate), &variant.updated).await;
    add_plugin(chain, &asset, collection, Some(ca), &variant.updated, None).await;
    transfer(chain, &asset, None, &a.owner, &a.buyer.pubkey()).await;
    transfer(chain, &asset, collection, &a.owner, &a.buyer.pubkey()).await;
    transfer(chain, &asset, collection, &a.delegate, &a.owner.pubkey()).await;
    transfer(chain, &asset, collection, ca, &a.owner.pubkey()).await;
    burn(chain, &asset, collection, &a.delegate).await;
    burn(chain, &asset, collection, ca).await;
    burn(chain, &asset, collection, &a.owner).await;
    burn(chain, &asset, collection, &a.buyer).await;
}

#[derive(Clone, Copy, Debug)]
enum Matrix {
    Asset,
    AddPlugin,
    Collection,
}

/// Runs one matrix over every variant and authority on a fresh chain per
/// variant; returns the differences found.
async fn run_matrix(matrix: Matrix) -> Vec<String> {
    let mut chain = start().await;
    if !chain.is_differential() {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "[differential] {matrix:?} matrix skipped: no real Metaplex Core binary to compare with \
             (set AUTOFACTOR_CORE_SO=<path>)"
        );
        return vec![];
    }
    let mut differences = vec![];
    let (mut sequences, mut transactions, mut successes) = (0, 0, 0);
    let extra = Pubkey::new_unique();
    for variant in variants(&extra) {
        chain.collect_differences();
        let actors = actors(&mut chain).await;
        let (transactions_before, successes_before) = (chain.transactions(), chain.successes());
        for (authority_name, authority) in authorities(&actors.delegate.pubkey()) {
            chain.set_label(format!("{matrix:?} / {} / authority {authority_name}", variant.name));
            match matrix {
                Matrix::Asset => asset_sequence(&mut chain, &variant, &authority, &actors).await,
                Matrix::AddPlugin => add_sequence(&mut chain, &variant, &authority, &actors).await,
                Matrix::Collection => collection_sequence(&mut chain, &variant, &authority, &actors).await,
            }
            sequences += 1;
        }
        differences.extend(chain.take_differences());
        transactions += chain.transactions() - transactions_before;
        successes += chain.successes() - successes_before;
        chain = start().await;
    }
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "[differential] {matrix:?} matrix: {sequences} sequences, {transactions} transactions on both \
         implementations ({successes} succeeded, {} failed), {} differences",
        transactions - successes,
        differences.len()
    );
    differences
}

#[tokio::test]
async fn asset_matrix_matches_real_core() {
    let differences = run_matrix(Matrix::Asset).await;
    assert!(differences.is_empty(), "{} differences:\n{}", differences.len(), differences.join("\n"));
}

#[tokio::test]
async fn add_plugin_matrix_matches_real_core() {
    let differences = run_matrix(Matrix::AddPlugin).await;
    assert!(differences.is_empty(), "{} differences:\n{}", differences.len(), differences.join("\n"));
}

#[tokio::test]
async fn collection_matrix_matches_real_core() {
    let differences = run_matrix(Matrix::Collection).await;
    assert!(differences.is_empty(), "{} differences:\n{}", differences.len(), differences.join("\n"));
}

//! Core plugin authority: the invoice asset's owner (the supplier, before
//! financing) and its former owner (after the pool bought it) call Metaplex
//! Core directly — burn, transfer, update, update / add / remove plugins —
//! to unfreeze, move, rename or destroy the asset outside the program. The
//! asset is minted frozen with permanent freeze, transfer and burn delegates
//! and attributes held by the program's `asset_authority` PDA, and with that
//! PDA as update authority, so every such call is refused by Core and the
//! asset is byte-for-byte unchanged. Runs against whichever Core the harness
//! loads (the host implementation, or the real binary with
//! `AUTOFACTOR_CORE_SO`); the error each backend reports is asserted.

use super::world::*;
use autofactor_tests::*;
use mpl_core::errors::MplCoreError;
use mpl_core::instructions::{
    AddPluginV1Builder, BurnV1Builder, RemovePluginV1Builder, TransferV1Builder, UpdatePluginV1Builder,
    UpdateV1Builder,
};
use mpl_core::types::{Attribute, Attributes, PermanentFreezeDelegate, Plugin, PluginType, TransferDelegate};
use solana_sdk::instruction::{Instruction, InstructionError};
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signer};

fn core_error(e: MplCoreError) -> InstructionError {
    InstructionError::Custom(e as u32)
}

/// The owner's direct Core calls on `asset`, each with the error the host
/// implementation and the real Core binary report.
fn attacks(
    asset: Pubkey,
    owner: &Pubkey,
    to: &Pubkey,
    is_owner: bool,
) -> Vec<(&'static str, Instruction, InstructionError, InstructionError)> {
    let auth = Some(*owner);
    let invalid_authority = core_error(MplCoreError::InvalidAuthority);
    let no_approvals = core_error(MplCoreError::NoApprovals);
    let unsupported = InstructionError::InvalidInstructionData;
    let mut v = vec![
        (
            "BurnV1",
            BurnV1Builder::new().asset(asset).payer(*owner).authority(auth).instruction(),
            invalid_authority.clone(),
            invalid_authority.clone(),
        ),
        (
            "TransferV1",
            TransferV1Builder::new().asset(asset).payer(*owner).authority(auth).new_owner(*to).instruction(),
            invalid_authority.clone(),
            invalid_authority.clone(),
        ),
        (
            "UpdateV1 (rename)",
            UpdateV1Builder::new()
                .asset(asset)
                .payer(*owner)
                .authority(auth)
                .new_name("Paid".into())
                .instruction(),
            unsupported.clone(),
            no_approvals.clone(),
        ),
        (
            "UpdatePluginV1 (unfreeze)",
            UpdatePluginV1Builder::new()
                .asset(asset)
                .payer(*owner)
                .authority(auth)
                .plugin(Plugin::PermanentFreezeDelegate(PermanentFreezeDelegate { frozen: false }))
                .instruction(),
            no_approvals.clone(),
            no_approvals.clone(),
        ),
        (
            "UpdatePluginV1 (status attribute)",
            UpdatePluginV1Builder::new()
                .asset(asset)
                .payer(*owner)
                .authority(auth)
                .plugin(Plugin::Attributes(Attributes {
                    attribute_list: vec![Attribute { key: "status".into(), value: "Repaid".into() }],
                }))
                .instruction(),
            no_approvals.clone(),
            no_approvals.clone(),
        ),
        (
            "AddPluginV1 (attributes)",
            AddPluginV1Builder::new()
                .asset(asset)
                .payer(*owner)
                .authority(auth)
                .plugin(Plugin::Attributes(Attributes { attribute_list: vec![] }))
                .instruction(),
            no_approvals.clone(),
            no_approvals.clone(),
        ),
        (
            "RemovePluginV1 (permanent freeze)",
            RemovePluginV1Builder::new()
                .asset(asset)
                .payer(*owner)
                .authority(auth)
                .plugin_type(PluginType::PermanentFreezeDelegate)
                .instruction(),
            unsupported.clone(),
            invalid_authority.clone(),
        ),
        (
            "RemovePluginV1 (permanent burn delegate)",
            RemovePluginV1Builder::new()
                .asset(asset)
                .payer(*owner)
                .authority(auth)
                .plugin_type(PluginType::PermanentBurnDelegate)
                .instruction(),
            unsupported,
            invalid_authority.clone(),
        ),
    ];
    // An owner-managed plugin is the owner's to add (see the test below);
    // anyone else is refused.
    if !is_owner {
        v.push((
            "AddPluginV1 (transfer delegate) by a non-owner",
            add_transfer_delegate(asset, owner),
            no_approvals.clone(),
            no_approvals,
        ));
    }
    v
}

fn add_transfer_delegate(asset: Pubkey, owner: &Pubkey) -> Instruction {
    AddPluginV1Builder::new()
        .asset(asset)
        .payer(*owner)
        .authority(Some(*owner))
        .plugin(Plugin::TransferDelegate(TransferDelegate {}))
        .instruction()
}

async fn run_attacks(env: &mut Env, asset: Pubkey, owner: &Keypair, to: &Pubkey, is_owner: bool) -> usize {
    let real = env.core.is_real();
    let cases: Vec<Case> = attacks(asset, &owner.pubkey(), to, is_owner)
        .into_iter()
        .map(|(name, ix, host, real_core)| Case::new(name, ix, &[owner], if real { real_core } else { host }))
        .collect();
    run(env, cases).await
}

#[tokio::test]
async fn the_asset_owner_cannot_touch_the_invoice_asset_through_core() {
    let mut w = world().await;
    let (supplier, buyer) = (w.supplier.insecure_clone(), w.buyer.pubkey());
    // Before financing the supplier owns the asset.
    let created = w.created(w.pool).await;
    assert_eq!(w.env.asset(&created).await.base.owner, supplier.pubkey());
    let n = run_attacks(&mut w.env, created.keys.asset, &supplier, &buyer, true).await;
    // The one thing Core lets the owner do is add an owner-managed plugin
    // (a transfer delegate of its own): it gains nothing — the permanent
    // freeze still refuses the transfer, and the program still cancels (burns)
    // the asset at the end.
    w.env.ok(&[add_transfer_delegate(created.keys.asset, &supplier.pubkey())], &[&supplier]).await;
    let real = w.env.core.is_real();
    let transfer = TransferV1Builder::new()
        .asset(created.keys.asset)
        .payer(supplier.pubkey())
        .authority(Some(supplier.pubkey()))
        .new_owner(buyer)
        .instruction();
    let refused = core_error(MplCoreError::InvalidAuthority);
    let _ = real;
    w.env.assert_failure(&[transfer], &[&supplier], refused).await;
    assert_eq!(w.env.asset(&created).await.base.owner, supplier.pubkey());
    // After financing the pool owns it; the former owner tries again.
    let financed = w.financed().await;
    assert_eq!(w.env.asset(&financed).await.base.owner, w.pool.pool);
    let m = run_attacks(&mut w.env, financed.keys.asset, &supplier, &buyer, false).await;
    assert_eq!(n + m, 8 + 9);
    // The program still drives both assets: the created one is cancelled,
    // the financed one repaid and settled (asset burned by the program).
    let keeper = w.env.payer().pubkey();
    w.env
        .ok(
            &[autofactor_client::ix::invoice_cancel(
                &created.keys,
                &created.terms.document_hash,
                &created.terms.invoice_number,
            )],
            &[&supplier],
        )
        .await;
    w.repay_all(&financed).await;
    w.env.ok(&[autofactor_client::ix::invoice_settle(&financed.keys, &keeper)], &[]).await;
    assert_eq!(w.env.account(&financed.keys.asset).await.unwrap().data, vec![0u8], "burned by the program");
}

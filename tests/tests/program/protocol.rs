//! protocol_initialize, protocol_update, protocol_set_paused, admin transfer
//! (their tables of rejections: `rejections/`).

use autofactor_client::events::*;
use autofactor_client::state::ProtocolConfig;
use autofactor_client::{ix, pda, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::{Keypair, Signer};

#[tokio::test]
async fn initialize_writes_config_and_emits() {
    let mut env = Env::bare().await;
    let admin = env.admin.insecure_clone();
    let usdc = env.usdc_mint;
    let treasury = env.treasury.pubkey();
    let out = env.ok(&[ix::protocol_initialize(&admin.pubkey(), &usdc, &treasury, 1_500)], &[&admin]).await;
    let cfg: ProtocolConfig = env.get(&pda::protocol()).await;
    assert_eq!(cfg.admin, admin.pubkey());
    assert_eq!(cfg.treasury, treasury);
    assert_eq!(cfg.usdc_mint, usdc);
    assert_eq!(cfg.protocol_fee_bps, 1_500);
    assert!(!cfg.paused);
    assert!(!cfg.has_pending_admin());
    let ev = out.event::<ProtocolInitialized>();
    assert_eq!(
        (ev.admin, ev.treasury, ev.usdc_mint, ev.protocol_fee_bps),
        (admin.pubkey(), treasury, usdc, 1_500)
    );
}

#[tokio::test]
async fn update_sets_fee_and_treasury() {
    let mut env = Env::new().await;
    let admin = env.admin.insecure_clone();
    let new_treasury = Keypair::new().pubkey();
    let out = env.ok(&[ix::protocol_update(&admin.pubkey(), 2_000, &new_treasury)], &[&admin]).await;
    let cfg: ProtocolConfig = env.get(&pda::protocol()).await;
    assert_eq!((cfg.protocol_fee_bps, cfg.treasury), (2_000, new_treasury));
    let ev = out.event::<ProtocolFeeUpdated>();
    assert_eq!((ev.protocol_fee_bps, ev.treasury), (2_000, new_treasury));
}

#[tokio::test]
async fn pause_and_unpause() {
    let mut env = Env::new().await;
    let admin = env.admin.insecure_clone();
    let out = env.ok(&[ix::protocol_set_paused(&admin.pubkey(), true)], &[&admin]).await;
    assert!(out.event::<ProtocolPauseSet>().paused);
    assert!(env.get::<ProtocolConfig>(&pda::protocol()).await.paused);

    // While paused, pools cannot be created.
    let manager = env.user(autofactor_client::constants::ROLE_MANAGER).await;
    let usdc = env.usdc_mint;
    env.assert_program_error(
        &[ix::pool_create(&manager.pubkey(), &usdc, 1, default_params(), default_policy())],
        &[&manager],
        E::ProtocolPaused,
    )
    .await;

    env.ok(&[ix::protocol_set_paused(&admin.pubkey(), false)], &[&admin]).await;
    assert!(!env.get::<ProtocolConfig>(&pda::protocol()).await.paused);
    env.ok(&[ix::pool_create(&manager.pubkey(), &usdc, 1, default_params(), default_policy())], &[&manager])
        .await;
}

#[tokio::test]
async fn two_step_admin_transfer() {
    let mut env = Env::new().await;
    let admin = env.admin.insecure_clone();
    let next = Keypair::new();

    let out = env.ok(&[ix::protocol_admin_propose(&admin.pubkey(), &next.pubkey())], &[&admin]).await;
    assert_eq!(out.event::<AdminTransferProposed>().pending_admin, next.pubkey());
    // Proposing does not hand over any power yet.
    let cfg: ProtocolConfig = env.get(&pda::protocol()).await;
    assert_eq!((cfg.admin, cfg.pending_admin), (admin.pubkey(), next.pubkey()));

    let out = env.ok(&[ix::protocol_admin_accept(&next.pubkey())], &[&next]).await;
    let ev = out.event::<AdminTransferAccepted>();
    assert_eq!((ev.previous_admin, ev.admin), (admin.pubkey(), next.pubkey()));
    let cfg: ProtocolConfig = env.get(&pda::protocol()).await;
    assert_eq!((cfg.admin, cfg.pending_admin), (next.pubkey(), Default::default()));

    // The old admin has lost its rights; the new one has them.
    env.assert_program_error(
        &[ix::protocol_set_paused(&admin.pubkey(), true)],
        &[&admin],
        E::NotProtocolAdmin,
    )
    .await;
    env.ok(&[ix::protocol_set_paused(&next.pubkey(), true)], &[&next]).await;
}

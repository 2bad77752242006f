//! pool_create, pool_update_config, pool_set_paused, pool_refresh.

use anchor_spl::token_2022::spl_token_2022::{
    extension::{default_account_state::DefaultAccountState, BaseStateWithExtensions, StateWithExtensions},
    state::{AccountState, Mint},
};
use autofactor_client::constants::*;
use autofactor_client::events::*;
use autofactor_client::state::{Pool, PoolParams, PoolPolicy, Tranche};
use autofactor_client::{ix, pda, AutofactorError as E, TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID};
use autofactor_tests::*;
use solana_sdk::signature::Signer;

#[tokio::test]
async fn create_pool_with_vault_and_default_frozen_tranche_mints() {
    let mut env = Env::new().await;
    let manager = env.user(ROLE_MANAGER).await;
    let usdc = env.usdc_mint;
    let out = env
        .ok(&[ix::pool_create(&manager.pubkey(), &usdc, 7, default_params(), default_policy())], &[&manager])
        .await;
    let keys = ix::PoolKeys::derive(&manager.pubkey(), 7, &usdc);
    let pool: Pool = env.get(&keys.pool).await;
    assert_eq!(pool.manager, manager.pubkey());
    assert_eq!(pool.pool_id, 7);
    assert_eq!(pool.usdc_mint, usdc);
    assert_eq!(pool.vault, pda::vault(&keys.pool));
    assert_eq!(pool.params, default_params());
    assert_eq!(pool.policy, default_policy());
    assert_eq!(pool.ledger.nav_usdc().unwrap(), 0);
    assert_eq!(pool.ledger.senior_index_wad, WAD);
    assert!(!pool.paused);

    let vault = env.token_account(&keys.vault).await;
    assert_eq!((vault.owner, vault.mint, vault.amount), (keys.pool, usdc, 0));
    assert_eq!(env.account(&keys.vault).await.unwrap().owner, TOKEN_PROGRAM_ID);

    for mint in [keys.senior_mint, keys.junior_mint] {
        let acc = env.account(&mint).await.unwrap();
        assert_eq!(acc.owner, TOKEN_2022_PROGRAM_ID);
        let m = StateWithExtensions::<Mint>::unpack(&acc.data).unwrap();
        assert_eq!(m.base.decimals, TRANCHE_DECIMALS);
        assert_eq!(m.base.mint_authority, Some(keys.pool).into());
        assert_eq!(m.base.freeze_authority, Some(keys.pool).into());
        let das = m.get_extension::<DefaultAccountState>().unwrap();
        assert_eq!(das.state, AccountState::Frozen as u8);
    }
    let ev = out.event::<PoolCreated>();
    assert_eq!(
        (ev.pool, ev.pool_id, ev.senior_mint, ev.junior_mint),
        (keys.pool, 7, keys.senior_mint, keys.junior_mint)
    );
}

#[tokio::test]
async fn new_share_accounts_start_frozen_and_only_verified_investors_get_thawed() {
    let mut env = Env::new().await;
    let (_m, keys) = env.pool().await;
    let investor = env.investor(0).await;
    let buyer = env.user(ROLE_BUYER).await;
    let payer = env.payer();
    for who in [&investor, &buyer] {
        env.ok(&[ix::create_shares_ata(&payer.pubkey(), &who.pubkey(), &keys, Tranche::Senior)], &[]).await;
        let acc = env.token_account(&keys.shares_ata(&who.pubkey(), Tranche::Senior)).await;
        assert_eq!(acc.state, AccountState::Frozen);
    }
    let out = env.ok(&[ix::tranche_account_thaw(&keys, &investor.pubkey(), Tranche::Senior)], &[]).await;
    assert_eq!(out.event::<TrancheAccountThawed>().owner, investor.pubkey());
    let acc = env.token_account(&keys.shares_ata(&investor.pubkey(), Tranche::Senior)).await;
    assert_eq!(acc.state, AccountState::Initialized);

    let issuer = env.issuer.insecure_clone();
    env.ok(&[ix::identity_revoke(&issuer.pubkey(), &investor.pubkey())], &[&issuer]).await;
    // Freezing a lapsed holder works even while the protocol is paused.
    let admin = env.admin.insecure_clone();
    env.ok(&[ix::protocol_set_paused(&admin.pubkey(), true)], &[&admin]).await;
    let out = env.ok(&[ix::tranche_account_freeze(&keys, &investor.pubkey(), Tranche::Senior)], &[]).await;
    env.ok(&[ix::protocol_set_paused(&admin.pubkey(), false)], &[&admin]).await;
    assert_eq!(out.event::<TrancheAccountFrozen>().owner, investor.pubkey());
    let acc = env.token_account(&keys.shares_ata(&investor.pubkey(), Tranche::Senior)).await;
    assert_eq!(acc.state, AccountState::Frozen);
}

#[tokio::test]
async fn update_config_and_pause() {
    let mut env = Env::new().await;
    let (manager, keys) = env.pool().await;
    let params = PoolParams { senior_apr_bps: 900, ..default_params() };
    let policy = PoolPolicy { grace_days: 10, ..default_policy() };
    let now = env.now().await;
    let out =
        env.ok(&[ix::pool_update_config(&manager.pubkey(), &keys.pool, params, policy)], &[&manager]).await;
    // The policy applies at once; the senior APR (a risk parameter) only
    // after the announced delay (attacks::parameter_changes_currency).
    let ev = out.event::<PoolConfigUpdated>();
    assert_eq!((ev.params, ev.policy), (default_params(), policy));
    let scheduled = out.event::<PoolRiskChangeScheduled>();
    assert_eq!((scheduled.senior_apr_bps, scheduled.effective_ts), (900, now + RISK_CHANGE_DELAY_SECS));
    let pool = env.pool_state(&keys).await;
    assert_eq!((pool.params, pool.policy), (default_params(), policy));
    assert_eq!(pool.pending_risk_change.senior_apr_bps, 900);

    let out = env.ok(&[ix::pool_set_paused(&manager.pubkey(), &keys.pool, true)], &[&manager]).await;
    assert!(out.event::<PoolPauseSet>().paused);

    // A paused pool takes no deposits and no refreshes.
    let inv = env.investor(100 * USDC).await;
    let payer = env.payer();
    env.ok(&[ix::create_shares_ata(&payer.pubkey(), &inv.pubkey(), &keys, Tranche::Junior)], &[]).await;
    env.assert_program_error(
        &[ix::tranche_deposit(&keys, &inv.pubkey(), Tranche::Junior, 100 * USDC, 0)],
        &[&inv],
        E::PoolPaused,
    )
    .await;
    env.assert_program_error(&[ix::pool_refresh(&keys.pool)], &[], E::PoolPaused).await;
    env.ok(&[ix::pool_set_paused(&manager.pubkey(), &keys.pool, false)], &[&manager]).await;
    env.ok(&[ix::tranche_deposit(&keys, &inv.pubkey(), Tranche::Junior, 100 * USDC, 0)], &[&inv]).await;
}

#[tokio::test]
async fn refresh_accrues_the_senior_apr() {
    let mut env = Env::new().await;
    let (_m, keys) = env.pool().await;
    let j = env.investor(1_000_000 * USDC).await;
    let s = env.investor(4_000_000 * USDC).await;
    env.deposit(&keys, &j, Tranche::Junior, 1_000_000 * USDC).await;
    env.deposit(&keys, &s, Tranche::Senior, 4_000_000 * USDC).await;
    env.warp_seconds(SECONDS_PER_YEAR as i64).await;
    let out = env.ok(&[ix::pool_refresh(&keys.pool)], &[]).await;
    let ev = out.event::<PoolRefreshed>();
    // 8% of 4,000,000 USDC over one year, exactly.
    assert_eq!(ev.accrued_to_senior_usdc, 320_000 * USDC);
    assert_eq!(ev.snapshot.senior_value_usdc, 4_320_000 * USDC);
    assert_eq!(ev.snapshot.junior_value_usdc, 680_000 * USDC);
    assert_eq!(ev.snapshot.nav_usdc, 5_000_000 * USDC);
    let pool = env.pool_state(&keys).await;
    assert_eq!(pool.ledger.senior_index_wad, WAD * 108 / 100);
    assert_eq!(pool.ledger.tranche_values().unwrap(), (4_320_000 * USDC, 680_000 * USDC));
}

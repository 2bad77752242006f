//! tranche_deposit and immediate tranche_withdraw (their tables of
//! rejections: `rejections/`).

use anchor_spl::token_2022::spl_token_2022::state::AccountState;
use autofactor_client::constants::*;
use autofactor_client::events::*;
use autofactor_client::state::Tranche;
use autofactor_client::{ix, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::Signer;

#[tokio::test]
async fn junior_then_senior_deposits_mint_shares_at_price() {
    let mut env = Env::new().await;
    let (_m, keys) = env.pool().await;
    let j = env.investor(1_000 * USDC).await;
    let s = env.investor(5_000 * USDC).await;

    let out = env.deposit(&keys, &j, Tranche::Junior, 1_000 * USDC).await;
    let ev = out.event::<Deposited>();
    // First deposit: 1:1 minus the locked shares.
    assert_eq!(ev.shares, 1_000 * USDC - LOCKED_SHARES);
    assert_eq!(ev.snapshot.nav_usdc, 1_000 * USDC);
    assert_eq!(ev.snapshot.junior_price, 1_000_000);
    let j_shares = keys.shares_ata(&j.pubkey(), Tranche::Junior);
    let acc = env.token_account(&j_shares).await;
    assert_eq!(acc.amount, 1_000 * USDC - LOCKED_SHARES);
    // Thawed for the mint, frozen again for the one-day holding period.
    assert_eq!(acc.state, AccountState::Frozen, "the holding period keeps the shares in place");
    assert_eq!(out.event::<Deposited>().unlock_ts, ev.ts + DEFAULT_MIN_HOLD_SECS as i64);
    assert_eq!(env.token_balance(&keys.vault).await, 1_000 * USDC);
    assert_eq!(env.token_balance(&keys.usdc_ata(&j.pubkey())).await, 0);

    env.deposit(&keys, &s, Tranche::Senior, 4_000 * USDC).await;
    let pool = env.pool_state(&keys).await;
    assert_eq!(pool.ledger.nav_usdc().unwrap(), 5_000 * USDC);
    assert_eq!(pool.ledger.tranche_values().unwrap(), (4_000 * USDC, 1_000 * USDC));
    assert_eq!(env.mint_supply(&keys.senior_mint).await, pool.ledger.senior.shares_outstanding);
    assert_eq!(env.mint_supply(&keys.junior_mint).await, pool.ledger.junior.shares_outstanding);

    // Junior is now exactly 20%: one more senior micro-USDC would break it.
    env.assert_program_error(
        &[ix::tranche_deposit(&keys, &s.pubkey(), Tranche::Senior, 1, 0)],
        &[&s],
        E::SubordinationBreached,
    )
    .await;

    // A later junior deposit after the senior tranche earned 8% for a year
    // is priced at the lower junior price.
    env.warp_seconds(SECONDS_PER_YEAR as i64).await;
    env.mint_usdc(&j.pubkey(), 680 * USDC).await;
    let out = env.deposit(&keys, &j, Tranche::Junior, 680 * USDC).await;
    let ev = out.event::<Deposited>();
    // junior value 1,000 − 320 = 680 USDC for 1,000 USDC of shares
    assert_eq!(ev.shares, 1_000 * USDC);
    assert_eq!(ev.snapshot.junior_price, 680_000);
}

#[tokio::test]
async fn senior_cannot_deposit_into_an_empty_junior() {
    let mut env = Env::new().await;
    let (_m, keys) = env.pool().await;
    let s = env.investor(100 * USDC).await;
    let payer = env.payer();
    env.ok(&[ix::create_shares_ata(&payer.pubkey(), &s.pubkey(), &keys, Tranche::Senior)], &[]).await;
    env.assert_program_error(
        &[ix::tranche_deposit(&keys, &s.pubkey(), Tranche::Senior, 100 * USDC, 0)],
        &[&s],
        E::SubordinationBreached,
    )
    .await;
}

#[tokio::test]
async fn immediate_withdrawals_pay_the_current_price() {
    let mut env = Env::new().await;
    let (_m, keys) = env.pool().await;
    let j = env.investor(2_000 * USDC).await;
    let s = env.investor(8_000 * USDC).await;
    env.deposit(&keys, &j, Tranche::Junior, 2_000 * USDC).await;
    env.deposit(&keys, &s, Tranche::Senior, 8_000 * USDC).await;
    env.warp_seconds(SECONDS_PER_YEAR as i64 / 2).await;

    // Half a year at 8% on 8,000 USDC: the senior claim is 8,320 USDC.
    let shares = 4_000 * USDC;
    let pool = env.pool_state(&keys).await;
    let out = env
        .ok(
            &[ix::tranche_withdraw(
                &keys,
                &s.pubkey(),
                Tranche::Senior,
                shares,
                pool.ledger.senior.queue_tail,
            )],
            &[&s],
        )
        .await;
    let ev = out.event::<Withdrawn>();
    // 4,000e6 × 8,320e6 / 8,000e6 = 4,160 USDC exactly.
    assert_eq!(ev.amount_usdc, 4_160 * USDC);
    assert_eq!(env.token_balance(&keys.usdc_ata(&s.pubkey())).await, 4_160 * USDC);
    assert_eq!(
        env.token_balance(&keys.shares_ata(&s.pubkey(), Tranche::Senior)).await,
        4_000 * USDC - LOCKED_SHARES
    );
    let pool = env.pool_state(&keys).await;
    assert_eq!(pool.ledger.tranche_values().unwrap(), (4_160 * USDC, 1_680 * USDC));
    assert_eq!(env.token_balance(&keys.vault).await, 5_840 * USDC);
    assert_eq!(env.mint_supply(&keys.senior_mint).await, pool.ledger.senior.shares_outstanding);

    let tail = pool.ledger.junior.queue_tail;
    let wd = |t, n| ix::tranche_withdraw(&keys, &j.pubkey(), t, n, tail);
    env.assert_program_error(&[wd(Tranche::Junior, 0)], &[&j], E::ZeroAmount).await;
    env.assert_program_error(&[wd(Tranche::Junior, 2_000 * USDC)], &[&j], E::InsufficientShares).await;
    // Junior may leave only down to 20% of NAV: 1,680 − x ≥ 0.2 (5,840 − x) → x ≤ 640 USDC.
    env.assert_program_error(&[wd(Tranche::Junior, 1_000 * USDC)], &[&j], E::SubordinationBreached).await;
    let out = env.ok(&[wd(Tranche::Junior, 500 * USDC)], &[&j]).await;
    // junior price 1,680 / 2,000 = 0.84
    assert_eq!(out.event::<Withdrawn>().amount_usdc, 420 * USDC);
}

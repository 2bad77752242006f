//! Subordination on every path that can lower junior value / NAV: senior
//! deposits (exact 20% boundary), immediate junior withdrawals, queued
//! junior withdrawals filled by a keeper, and the senior-first queue order.

use super::world::*;
use autofactor_client::state::Tranche;
use autofactor_client::{ix, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::Signer;

#[tokio::test]
async fn senior_deposits_stop_exactly_at_the_minimum_junior_ratio() {
    let mut env = Env::new().await;
    let (_m, pool) = env.pool().await;
    let junior = env.investor(1_000 * USDC).await;
    let senior = env.investor(10_000 * USDC).await;
    let payer = env.payer();
    env.ok(&[ix::create_shares_ata(&payer.pubkey(), &senior.pubkey(), &pool, Tranche::Senior)], &[]).await;
    let dep = |amount| ix::tranche_deposit(&pool, &senior.pubkey(), Tranche::Senior, amount, 0);
    // No junior at all: any senior deposit breaches.
    env.assert_program_error(&[dep(USDC)], &[&senior], E::SubordinationBreached).await;
    env.deposit(&pool, &junior, Tranche::Junior, 1_000 * USDC).await;
    // 1,000 junior carries at most 4,000 senior at a 20% minimum.
    env.assert_program_error(&[dep(4_000 * USDC + 1)], &[&senior], E::SubordinationBreached).await;
    env.deposit(&pool, &senior, Tranche::Senior, 4_000 * USDC).await;
    let l = env.pool_state(&pool).await.ledger;
    assert_eq!(l.tranche_values().unwrap(), (4_000 * USDC, 1_000 * USDC));
    env.assert_program_error(&[dep(1)], &[&senior], E::SubordinationBreached).await;
}

#[tokio::test]
async fn junior_withdrawals_cannot_break_subordination_now_or_queued() {
    let mut w = world().await;
    let pool = w.pool;
    let keeper = w.env.payer().pubkey();
    let (junior, senior) = (w.junior.insecure_clone(), w.senior.insecure_clone());
    // 1,100 junior for 4,000 senior: taking 150 junior out would leave
    // 950 / 4,950 = 19.2%.
    let l = w.env.pool_state(&pool).await.ledger;
    let tail = l.junior.queue_tail;
    let wd = ix::tranche_withdraw(&pool, &junior.pubkey(), Tranche::Junior, 150 * USDC, tail);
    w.env.assert_program_error(&[wd], &[&junior], E::SubordinationBreached).await;
    // Senior redemptions raise the ratio and are always allowed.
    let s_tail = l.senior.queue_tail;
    w.env
        .ok(
            &[ix::tranche_withdraw(&pool, &senior.pubkey(), Tranche::Senior, 1_000 * USDC, s_tail)],
            &[&senior],
        )
        .await;
    // Now a junior request is queued (cash deployed) …
    let cash = w.env.pool_state(&pool).await.ledger.cash_usdc;
    w.env.inject_financing(&pool, cash).await;
    let tail = w.env.pool_state(&pool).await.ledger.junior.queue_tail;
    w.env
        .ok(&[ix::tranche_withdraw(&pool, &junior.pubkey(), Tranche::Junior, 500 * USDC, tail)], &[&junior])
        .await;
    assert_eq!(w.env.pool_state(&pool).await.ledger.junior.queue_tail, tail + 1, "queued");
    // … and when cash returns, filling it would leave ~600 junior for
    // ~3,000 senior (16.7%): refused, every account unchanged.
    w.env.inject_repayment(&pool, 1_000 * USDC, 0).await;
    w.env
        .assert_program_error(
            &[ix::withdrawal_fill(&pool, &keeper, Tranche::Junior, tail, &junior.pubkey())],
            &[],
            E::SubordinationBreached,
        )
        .await;
    let l = w.env.pool_state(&pool).await.ledger;
    assert_eq!(l.junior.shares_pending, 500 * USDC, "the request keeps its shares");
}

#[tokio::test]
async fn senior_requests_are_filled_before_junior_ones() {
    let mut w = world().await;
    let pool = w.pool;
    let keeper = w.env.payer().pubkey();
    let (junior, senior) = (w.junior.insecure_clone(), w.senior.insecure_clone());
    let s_seq = w.queued_senior(pool, 1_000 * USDC).await;
    // A junior request while the senior queue is not empty is queued, not
    // paid, even with cash in the pool.
    w.env.inject_repayment(&pool, 2_000 * USDC, 0).await;
    let tail = w.env.pool_state(&pool).await.ledger.junior.queue_tail;
    let before = w.env.token_balance(&pool.usdc_ata(&junior.pubkey())).await;
    w.env
        .ok(&[ix::tranche_withdraw(&pool, &junior.pubkey(), Tranche::Junior, 20 * USDC, tail)], &[&junior])
        .await;
    assert_eq!(w.env.token_balance(&pool.usdc_ata(&junior.pubkey())).await, before, "queued behind senior");
    w.env
        .assert_program_error(
            &[ix::withdrawal_fill(&pool, &keeper, Tranche::Junior, tail, &junior.pubkey())],
            &[],
            E::SeniorQueueNotEmpty,
        )
        .await;
    w.env.ok(&[ix::withdrawal_fill(&pool, &keeper, Tranche::Senior, s_seq, &senior.pubkey())], &[]).await;
    let l = w.env.pool_state(&pool).await.ledger;
    assert!(l.senior.queue_is_empty());
    assert_eq!(l.junior.shares_pending, 20 * USDC);
}

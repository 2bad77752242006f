//! Rounding: at a share price that is not a round number, repeated tiny
//! deposits and tiny redemptions are rounded in the pool's favour every
//! time, so a round trip of dust extracts nothing (exact figures).

use autofactor_client::constants::*;
use autofactor_client::events::{Deposited, Withdrawn};
use autofactor_client::state::Tranche;
use autofactor_client::{ix, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::Signer;

#[tokio::test]
async fn dust_round_trips_extract_nothing() {
    let mut env = Env::new().await;
    let (_m, pool) = env.pool().await;
    let junior = env.investor(1_000 * USDC).await;
    let senior = env.investor(4_000 * USDC).await;
    let attacker = env.investor(USDC).await;
    env.deposit(&pool, &junior, Tranche::Junior, 1_000 * USDC).await;
    env.deposit(&pool, &senior, Tranche::Senior, 4_000 * USDC).await;
    // 333.333333 USDC of income: junior is worth 1,333.333333 USDC for
    // 1,000,000,000 shares, a price of 1.333333333 micro-USDC per share.
    env.inject_repayment(&pool, 0, 333_333_333).await;
    let l = env.pool_state(&pool).await.ledger;
    assert_eq!(l.tranche_values().unwrap(), (4_000 * USDC, 1_333_333_333));
    let payer = env.payer();
    env.ok(&[ix::create_shares_ata(&payer.pubkey(), &attacker.pubkey(), &pool, Tranche::Junior)], &[]).await;
    env.ok(&[ix::create_shares_ata(&payer.pubkey(), &attacker.pubkey(), &pool, Tranche::Senior)], &[]).await;
    let dep = |t, amount| ix::tranche_deposit(&pool, &attacker.pubkey(), t, amount, 0);

    // 1 micro-USDC buys floor(1 / 1.333…) = 0 shares: refused.
    env.assert_program_error(&[dep(Tranche::Junior, 1)], &[&attacker], E::DepositTooSmall).await;

    // 20 deposits of 2 micro-USDC: floor(2 / 1.333…) = 1 share each.
    for _ in 0..20 {
        let out = env.ok(&[dep(Tranche::Junior, 2)], &[&attacker]).await;
        assert_eq!(out.event::<Deposited>().shares, 1);
    }
    let cash_after_deposits = env.pool_state(&pool).await.ledger.cash_usdc;
    env.warp_seconds(DEFAULT_MIN_HOLD_SECS as i64 + 1).await;
    // 20 redemptions of 1 share: floor(1 × 1.33…) = 1 micro-USDC each.
    for _ in 0..20 {
        let tail = env.pool_state(&pool).await.ledger.junior.queue_tail;
        let out = env
            .ok(&[ix::tranche_withdraw(&pool, &attacker.pubkey(), Tranche::Junior, 1, tail)], &[&attacker])
            .await;
        assert_eq!(out.event::<Withdrawn>().amount_usdc, 1);
    }
    // Paid 40, got 20: the 20 micro-USDC stay in the pool.
    assert_eq!(env.token_balance(&pool.usdc_ata(&attacker.pubkey())).await, USDC - 40 + 20);
    assert_eq!(env.pool_state(&pool).await.ledger.cash_usdc, cash_after_deposits - 20);
    assert_eq!(env.token_balance(&pool.shares_ata(&attacker.pubkey(), Tranche::Junior)).await, 0);

    // Senior, after a day of accrual, is worth a little more than 1.0 per
    // share: 1 micro-USDC mints nothing and is refused too.
    let l = env.pool_state(&pool).await.ledger;
    assert!(l.share_price(Tranche::Senior).unwrap() > USDC);
    env.assert_program_error(&[dep(Tranche::Senior, 1)], &[&attacker], E::DepositTooSmall).await;
}

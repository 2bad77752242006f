//! Inflation and donation: the first-depositor share-inflation attack run
//! against a fresh pool, and USDC donated straight to a vault. Prices come
//! from the ledger (cash booked by the program), never from the vault
//! balance, and the first deposit locks `LOCKED_SHARES`, so a donation
//! moves no price and the attacker gains nothing (exact figures).

use anchor_spl::token::spl_token;
use autofactor_client::constants::*;
use autofactor_client::events::{Deposited, Withdrawn};
use autofactor_client::state::Tranche;
use autofactor_client::{ix, AutofactorError as E, TOKEN_PROGRAM_ID};
use autofactor_tests::*;
use solana_sdk::signature::{Keypair, Signer};

async fn donate(env: &mut Env, from: &Keypair, vault: &solana_sdk::pubkey::Pubkey, amount: u64) {
    let src = env.mint_usdc(&from.pubkey(), 0).await;
    let t = spl_token::instruction::transfer(&TOKEN_PROGRAM_ID, &src, vault, &from.pubkey(), &[], amount)
        .unwrap();
    env.ok(&[t], &[from]).await;
}

#[tokio::test]
async fn first_depositor_inflation_gains_nothing() {
    let mut env = Env::new().await;
    let (_m, pool) = env.pool().await;
    let attacker = env.investor(1_000_001 * USDC).await;
    let victim = env.investor(1_000 * USDC).await;
    let payer = env.payer();
    env.ok(&[ix::create_shares_ata(&payer.pubkey(), &attacker.pubkey(), &pool, Tranche::Junior)], &[]).await;

    // A first deposit that would mint nothing beyond the locked shares.
    env.assert_program_error(
        &[ix::tranche_deposit(&pool, &attacker.pubkey(), Tranche::Junior, LOCKED_SHARES, 0)],
        &[&attacker],
        E::DepositTooSmall,
    )
    .await;
    // The smallest first deposit: LOCKED_SHARES + 1 micro-USDC, one share.
    let out = env.deposit(&pool, &attacker, Tranche::Junior, LOCKED_SHARES + 1).await;
    assert_eq!(out.event::<Deposited>().shares, 1);
    // The donation: 1,000,000 USDC straight into the vault.
    donate(&mut env, &attacker, &pool.vault, 1_000_000 * USDC).await;
    let ledger = env.pool_state(&pool).await.ledger;
    assert_eq!(ledger.cash_usdc, LOCKED_SHARES + 1, "the donation is not booked");
    assert_eq!(ledger.share_price(Tranche::Junior).unwrap(), USDC, "price still 1.000000");
    // The victim's 1,000 USDC mint 1,000,000,000 shares: nothing rounded away.
    let out = env.deposit(&pool, &victim, Tranche::Junior, 1_000 * USDC).await;
    assert_eq!(out.event::<Deposited>().shares, 1_000 * USDC);
    env.warp_seconds(DEFAULT_MIN_HOLD_SECS as i64 + 1).await;
    // Both redeem: the victim gets back exactly 1,000 USDC, the attacker
    // exactly 1 micro-USDC for its share; the donation stays stranded.
    let tail = env.pool_state(&pool).await.ledger.junior.queue_tail;
    let out = env
        .ok(&[ix::tranche_withdraw(&pool, &victim.pubkey(), Tranche::Junior, 1_000 * USDC, tail)], &[&victim])
        .await;
    assert_eq!(out.event::<Withdrawn>().amount_usdc, 1_000 * USDC);
    let out = env
        .ok(&[ix::tranche_withdraw(&pool, &attacker.pubkey(), Tranche::Junior, 1, tail)], &[&attacker])
        .await;
    assert_eq!(out.event::<Withdrawn>().amount_usdc, 1);
    assert_eq!(env.token_balance(&pool.usdc_ata(&victim.pubkey())).await, 1_000 * USDC);
    assert_eq!(
        env.token_balance(&pool.usdc_ata(&attacker.pubkey())).await,
        1_000_001 * USDC - (LOCKED_SHARES + 1) - 1_000_000 * USDC + 1,
        "the attacker lost the donation and the locked shares' micro-USDC"
    );
    let ledger = env.pool_state(&pool).await.ledger;
    assert_eq!(ledger.cash_usdc, LOCKED_SHARES, "the locked shares' value stays");
    assert_eq!(env.token_balance(&pool.vault).await, LOCKED_SHARES + 1_000_000 * USDC);
}

#[tokio::test]
async fn a_donation_to_a_live_pool_moves_no_price() {
    let mut env = Env::new().await;
    let (_m, pool) = env.pool().await;
    let junior = env.investor(1_000 * USDC).await;
    let senior = env.investor(4_000 * USDC).await;
    let donor = env.investor(0).await;
    let newcomer = env.investor(500 * USDC).await;
    env.deposit(&pool, &junior, Tranche::Junior, 1_000 * USDC).await;
    env.deposit(&pool, &senior, Tranche::Senior, 4_000 * USDC).await;
    env.inject_financing(&pool, 3_000 * USDC).await;
    env.warp_seconds(30 * 86_400).await;
    env.ok(&[ix::pool_refresh(&pool.pool)], &[]).await;
    let before = env.pool_state(&pool).await.ledger;
    let preview = before.preview_deposit(Tranche::Junior, 500 * USDC).unwrap();
    env.mint_usdc(&donor.pubkey(), 2_000 * USDC).await;
    donate(&mut env, &donor, &pool.vault, 2_000 * USDC).await;
    env.ok(&[ix::pool_refresh(&pool.pool)], &[]).await;
    let after = env.pool_state(&pool).await.ledger;
    assert_eq!(after.nav_usdc().unwrap(), before.nav_usdc().unwrap());
    assert_eq!(after.share_price(Tranche::Junior).unwrap(), before.share_price(Tranche::Junior).unwrap());
    assert_eq!(after.share_price(Tranche::Senior).unwrap(), before.share_price(Tranche::Senior).unwrap());
    let out = env.deposit(&pool, &newcomer, Tranche::Junior, 500 * USDC).await;
    assert_eq!(out.event::<Deposited>().shares, preview, "the donation did not dilute the newcomer");
    assert_eq!(env.token_balance(&pool.vault).await, 2_000 * USDC + 2_000 * USDC + 500 * USDC);
}

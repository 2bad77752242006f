//! Per-investor cap bypass (F-10): the cap applies to the owner's holding,
//! not to the token account passed. Deposits go only to the owner's share
//! ATA (one per owner and tranche), which also holds any shares received.

use super::token2022::{non_ata_share_account, transfer_ix};
use anchor_lang::error::ErrorCode as AnchorError;
use autofactor_client::constants::*;
use autofactor_client::events::*;
use autofactor_client::state::{PoolParams, Position, Tranche};
use autofactor_client::{ix, pda, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::Signer;

/// A 10,000 USDC pool with a 30 % per-investor cap: 3,000 USDC.
async fn capped_pool(env: &mut Env) -> ix::PoolKeys {
    let params =
        PoolParams { liquidity_cap_usdc: 10_000 * USDC, max_investor_share_bps: 3_000, ..default_params() };
    env.pool_with(params, default_policy()).await.1
}

/// The F-10 attack: fill the cap in one share account, then deposit again
/// into a second one. The second account is refused, so the investor holds
/// at most the cap (the review's run reached 5,999.999 against 3,000).
#[tokio::test]
async fn a_second_share_account_cannot_lift_the_per_investor_cap() {
    let mut env = Env::new().await;
    let keys = capped_pool(&mut env).await;
    let i = env.investor(6_000 * USDC).await;
    env.deposit(&keys, &i, Tranche::Junior, 3_000 * USDC).await;
    let second = non_ata_share_account(&mut env, &keys, Tranche::Junior, &i.pubkey()).await;
    let dep = |amount| ix::tranche_deposit(&keys, &i.pubkey(), Tranche::Junior, amount, 0);
    let ata = keys.shares_ata(&i.pubkey(), Tranche::Junior);
    env.assert_error(
        &[substitute(dep(2_999_999_000), &ata, &second)],
        &[&i],
        AnchorError::ConstraintAssociated.into(),
    )
    .await;
    env.assert_program_error(&[dep(USDC)], &[&i], E::InvestorCapExceeded).await;
    assert_eq!(env.token_balance(&ata).await, 3_000 * USDC - LOCKED_SHARES);
    assert_eq!(env.token_balance(&second).await, 0);
    assert_eq!(env.token_balance(&keys.usdc_ata(&i.pubkey())).await, 3_000 * USDC);
}

/// The cap counts the owner's whole holding over repeated deposits: 2,000 +
/// 1,000 USDC fit (2,999.999 shares worth 2,999.999 USDC), one more USDC
/// does not.
#[tokio::test]
async fn the_cap_is_per_owner_across_repeated_deposits() {
    let mut env = Env::new().await;
    let keys = capped_pool(&mut env).await;
    let i = env.investor(4_000 * USDC).await;
    env.deposit(&keys, &i, Tranche::Junior, 2_000 * USDC).await;
    env.ok(&[ix::tranche_deposit(&keys, &i.pubkey(), Tranche::Junior, 1_000 * USDC, 0)], &[&i]).await;
    assert_eq!(env.token_balance(&keys.shares_ata(&i.pubkey(), Tranche::Junior)).await, 2_999_999_000);
    env.assert_program_error(
        &[ix::tranche_deposit(&keys, &i.pubkey(), Tranche::Junior, USDC, 0)],
        &[&i],
        E::InvestorCapExceeded,
    )
    .await;
}

/// Shares received from another verified investor sit in the same ATA and
/// count towards the receiver's cap on its next deposit.
#[tokio::test]
async fn shares_received_by_transfer_count_towards_the_cap() {
    let mut env = Env::new().await;
    let keys = capped_pool(&mut env).await;
    let a = env.investor(3_000 * USDC).await;
    let b = env.investor(2_000 * USDC).await;
    env.deposit(&keys, &a, Tranche::Junior, 2_000 * USDC).await;
    env.deposit(&keys, &b, Tranche::Junior, 2_000 * USDC).await;
    env.warp_seconds(DEFAULT_MIN_HOLD_SECS as i64).await;
    for w in [&a, &b] {
        env.ok(&[ix::tranche_account_thaw(&keys, &w.pubkey(), Tranche::Junior)], &[]).await;
    }
    let (a_ata, b_ata) =
        (keys.shares_ata(&a.pubkey(), Tranche::Junior), keys.shares_ata(&b.pubkey(), Tranche::Junior));
    env.ok(&[transfer_ix(&keys, Tranche::Junior, &b_ata, &a_ata, &b.pubkey(), 500 * USDC)], &[&b]).await;
    // 1,999.999 + 500 + 600 = 3,099.999 USDC at price 1 > 3,000 (without the
    // received 500 it would be 2,599.999 and pass).
    env.assert_program_error(
        &[ix::tranche_deposit(&keys, &a.pubkey(), Tranche::Junior, 600 * USDC, 0)],
        &[&a],
        E::InvestorCapExceeded,
    )
    .await;
    let out = env.ok(&[ix::tranche_deposit(&keys, &a.pubkey(), Tranche::Junior, 500 * USDC, 0)], &[&a]).await;
    assert_eq!(out.event::<Deposited>().shares, 500 * USDC);
    assert_eq!(env.token_balance(&a_ata).await, 2_999_999_000);
}

/// Shares `owner` has escrowed in queued withdrawals of `tranche`.
async fn queued_shares(env: &mut Env, keys: &ix::PoolKeys, owner: &solana_sdk::pubkey::Pubkey) -> u64 {
    env.get::<Position>(&pda::position(&keys.pool, Tranche::Junior, owner)).await.queued_shares
}

/// The queue → deposit → cancel attack: with the cap full (2,999.999 USDC
/// of shares), queue 1,000 shares while cash is short (burned from the
/// ATA), deposit 1,000 USDC into the room that seems free, then cancel to
/// get the 1,000 shares minted back (3,999.999 against 3,000). The queued
/// shares still count towards the cap, so the deposit is refused and the
/// cancel only restores the 2,999.999.
#[tokio::test]
async fn queued_shares_count_towards_the_cap_so_queue_deposit_cancel_gains_nothing() {
    let mut env = Env::new().await;
    let keys = capped_pool(&mut env).await;
    let i = env.investor(6_000 * USDC).await;
    env.deposit(&keys, &i, Tranche::Junior, 3_000 * USDC).await;
    let ata = keys.shares_ata(&i.pubkey(), Tranche::Junior);
    env.warp_seconds(DEFAULT_MIN_HOLD_SECS as i64).await;
    env.inject_financing(&keys, 3_000 * USDC).await;
    let out =
        env.ok(&[ix::tranche_withdraw(&keys, &i.pubkey(), Tranche::Junior, 1_000 * USDC, 0)], &[&i]).await;
    assert_eq!(out.event::<WithdrawalQueued>().shares, 1_000 * USDC);
    assert_eq!(env.token_balance(&ata).await, 1_999_999_000);
    assert_eq!(queued_shares(&mut env, &keys, &i.pubkey()).await, 1_000 * USDC);
    // 1,999.999 (ATA) + 1,000 (queued) + 1,000 = 3,999.999 > 3,000.
    env.assert_program_error(
        &[ix::tranche_deposit(&keys, &i.pubkey(), Tranche::Junior, 1_000 * USDC, 0)],
        &[&i],
        E::InvestorCapExceeded,
    )
    .await;
    // Even 1 USDC does not fit: 3,000.999 > 3,000.
    env.assert_program_error(
        &[ix::tranche_deposit(&keys, &i.pubkey(), Tranche::Junior, USDC, 0)],
        &[&i],
        E::InvestorCapExceeded,
    )
    .await;
    let out = env.ok(&[ix::withdrawal_cancel(&keys, &i.pubkey(), Tranche::Junior, 0)], &[&i]).await;
    assert_eq!(out.event::<WithdrawalCancelled>().shares_returned, 1_000 * USDC);
    assert_eq!(env.token_balance(&ata).await, 2_999_999_000);
    assert_eq!(queued_shares(&mut env, &keys, &i.pubkey()).await, 0);
    assert_eq!(env.token_balance(&keys.usdc_ata(&i.pubkey())).await, 3_000 * USDC);
}

/// Honest paths: a partial fill releases the paid shares from the count
/// (1,000 queued, 400 filled: 600 still count), so the investor may deposit
/// into the room the payout freed (400 USDC, not 401); cancelling the rest
/// after the fill returns 600 and leaves nothing counted.
#[tokio::test]
async fn fills_and_cancels_release_queued_shares_from_the_cap() {
    let mut env = Env::new().await;
    let keys = capped_pool(&mut env).await;
    let keeper = env.payer();
    let i = env.investor(6_000 * USDC).await;
    env.deposit(&keys, &i, Tranche::Junior, 3_000 * USDC).await;
    let ata = keys.shares_ata(&i.pubkey(), Tranche::Junior);
    env.warp_seconds(DEFAULT_MIN_HOLD_SECS as i64).await;
    env.inject_financing(&keys, 3_000 * USDC).await;
    env.ok(&[ix::tranche_withdraw(&keys, &i.pubkey(), Tranche::Junior, 1_000 * USDC, 0)], &[&i]).await;
    env.inject_repayment(&keys, 400 * USDC, 0).await;
    let out =
        env.ok(&[ix::withdrawal_fill(&keys, &keeper.pubkey(), Tranche::Junior, 0, &i.pubkey())], &[]).await;
    let fill = out.event::<WithdrawalFilled>();
    assert_eq!((fill.shares, fill.amount_usdc, fill.shares_remaining), (400 * USDC, 400 * USDC, 600 * USDC));
    assert_eq!(queued_shares(&mut env, &keys, &i.pubkey()).await, 600 * USDC);
    // 1,999.999 + 600 + 401 = 3,000.999 > 3,000; 400 fits (2,999.999).
    env.assert_program_error(
        &[ix::tranche_deposit(&keys, &i.pubkey(), Tranche::Junior, 401 * USDC, 0)],
        &[&i],
        E::InvestorCapExceeded,
    )
    .await;
    env.ok(&[ix::tranche_deposit(&keys, &i.pubkey(), Tranche::Junior, 400 * USDC, 0)], &[&i]).await;
    assert_eq!(queued_shares(&mut env, &keys, &i.pubkey()).await, 600 * USDC);
    // The deposit froze the ATA for its holding period; cancel after it.
    env.warp_seconds(DEFAULT_MIN_HOLD_SECS as i64).await;
    env.ok(&[ix::tranche_account_thaw(&keys, &i.pubkey(), Tranche::Junior)], &[]).await;
    let out = env.ok(&[ix::withdrawal_cancel(&keys, &i.pubkey(), Tranche::Junior, 0)], &[&i]).await;
    assert_eq!(out.event::<WithdrawalCancelled>().shares_returned, 600 * USDC);
    assert_eq!(queued_shares(&mut env, &keys, &i.pubkey()).await, 0);
    assert_eq!(env.token_balance(&ata).await, 2_999_999_000);
    // 3,000 deposited + 400 deposited − 400 paid out.
    assert_eq!(env.token_balance(&keys.usdc_ata(&i.pubkey())).await, 3_000 * USDC);
}

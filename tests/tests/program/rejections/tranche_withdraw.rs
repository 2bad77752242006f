//! `tranche_withdraw`: a non-zero number of shares the investor holds, and
//! for junior only down to the subordination floor.

use autofactor_client::state::Tranche;
use autofactor_client::{ix, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::Signer;

#[tokio::test]
async fn rejections() {
    let mut env = Env::new().await;
    let (_m, keys) = env.pool().await;
    let j = env.investor(2_000 * USDC).await;
    let s = env.investor(8_000 * USDC).await;
    env.deposit(&keys, &j, Tranche::Junior, 2_000 * USDC).await;
    env.deposit(&keys, &s, Tranche::Senior, 8_000 * USDC).await;
    env.warp_seconds(autofactor_client::constants::DEFAULT_MIN_HOLD_SECS as i64).await;
    let tail = env.pool_state(&keys).await.ledger.junior.queue_tail;
    let wd = |shares| ix::tranche_withdraw(&keys, &j.pubkey(), Tranche::Junior, shares, tail);
    env.assert_rejections(vec![
        reject("zero shares", wd(0), &[&j], E::ZeroAmount),
        reject("more shares than held", wd(2_000 * USDC), &[&j], E::InsufficientShares),
        // Junior was exactly 20% of NAV; a day of senior accrual put it just
        // below, so no junior share may leave.
        reject("junior below 20% of NAV", wd(100 * USDC), &[&j], E::SubordinationBreached),
    ])
    .await;
}

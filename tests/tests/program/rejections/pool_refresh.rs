//! `pool_refresh`: not while the pool is paused.

use autofactor_client::{ix, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::Signer;

#[tokio::test]
async fn rejections() {
    let mut env = Env::new().await;
    let (manager, keys) = env.pool().await;
    env.ok(&[ix::pool_set_paused(&manager.pubkey(), &keys.pool, true)], &[&manager]).await;
    env.assert_rejections(vec![reject("the pool paused", ix::pool_refresh(&keys.pool), &[], E::PoolPaused)])
        .await;
}

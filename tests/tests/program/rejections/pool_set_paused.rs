//! `pool_set_paused`: only the pool's manager, only a change.

use autofactor_client::constants::*;
use autofactor_client::{ix, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::Signer;

#[tokio::test]
async fn rejections() {
    let mut env = Env::new().await;
    let (manager, keys) = env.pool().await;
    let mallory = env.user(ROLE_MANAGER).await;
    env.assert_rejections(vec![
        reject(
            "another manager",
            ix::pool_set_paused(&mallory.pubkey(), &keys.pool, true),
            &[&mallory],
            E::NotPoolManager,
        ),
        reject(
            "unpausing a running pool",
            ix::pool_set_paused(&manager.pubkey(), &keys.pool, false),
            &[&manager],
            E::PoolPauseUnchanged,
        ),
    ])
    .await;
}

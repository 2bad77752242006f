//! `pool_update_config`: only the pool's manager, a valid policy.

use autofactor_client::constants::*;
use autofactor_client::state::{PoolParams, PoolPolicy};
use autofactor_client::{ix, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::Signer;

#[tokio::test]
async fn rejections() {
    let mut env = Env::new().await;
    let (manager, keys) = env.pool().await;
    let mallory = env.user(ROLE_MANAGER).await;
    let params = PoolParams { senior_apr_bps: 900, ..default_params() };
    let policy = PoolPolicy { grace_days: 10, ..default_policy() };
    env.assert_rejections(vec![
        reject(
            "another manager",
            ix::pool_update_config(&mallory.pubkey(), &keys.pool, params, policy),
            &[&mallory],
            E::NotPoolManager,
        ),
        reject(
            "an invalid policy (zero invoice cap)",
            ix::pool_update_config(
                &manager.pubkey(),
                &keys.pool,
                params,
                PoolPolicy { max_invoice_usdc: 0, ..policy },
            ),
            &[&manager],
            E::InvalidPolicy,
        ),
    ])
    .await;
}

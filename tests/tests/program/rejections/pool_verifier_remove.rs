//! `pool_verifier_remove`: only the pool's manager.

use crate::invoices::{market, Market};
use autofactor_client::constants::*;
use autofactor_client::{ix, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::Signer;

#[tokio::test]
async fn rejections() {
    let Market { mut env, pool, verifier, .. } = market().await;
    let mallory = env.user(ROLE_MANAGER).await;
    env.assert_rejections(vec![reject(
        "another manager",
        ix::pool_verifier_remove(&mallory.pubkey(), &pool.pool, &verifier.pubkey()),
        &[&mallory],
        E::NotPoolManager,
    )])
    .await;
}

//! `pool_verifier_add`: only the pool's manager, only a wallet with the
//! verifier role, only once.

use crate::invoices::{market, Market};
use autofactor_client::constants::*;
use autofactor_client::{ix, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::Signer;

#[tokio::test]
async fn rejections() {
    let Market { mut env, pool, manager, verifier, .. } = market().await;
    let candidate = env.user(ROLE_VERIFIER).await;
    let not_a_verifier = env.user(ROLE_BUYER).await;
    let mallory = env.user(ROLE_MANAGER).await;
    env.assert_rejections(vec![
        reject(
            "another manager",
            ix::pool_verifier_add(&mallory.pubkey(), &pool.pool, &candidate.pubkey()),
            &[&mallory],
            E::NotPoolManager,
        ),
        reject(
            "a wallet without the verifier role",
            ix::pool_verifier_add(&manager.pubkey(), &pool.pool, &not_a_verifier.pubkey()),
            &[&manager],
            E::IdentityMissingRole,
        ),
        reject(
            "a verifier already registered",
            ix::pool_verifier_add(&manager.pubkey(), &pool.pool, &verifier.pubkey()),
            &[&manager],
            ALREADY_IN_USE,
        ),
    ])
    .await;
}

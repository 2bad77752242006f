//! `tranche_account_thaw`: only the share account of a verified investor.

use autofactor_client::constants::*;
use autofactor_client::state::Tranche;
use autofactor_client::{ix, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::Signer;

#[tokio::test]
async fn rejections() {
    let mut env = Env::new().await;
    let (_m, keys) = env.pool().await;
    let buyer = env.user(ROLE_BUYER).await;
    let payer = env.payer();
    env.ok(&[ix::create_shares_ata(&payer.pubkey(), &buyer.pubkey(), &keys, Tranche::Senior)], &[]).await;
    env.assert_rejections(vec![reject(
        "a wallet without the investor role",
        ix::tranche_account_thaw(&keys, &buyer.pubkey(), Tranche::Senior),
        &[],
        E::IdentityMissingRole,
    )])
    .await;
}

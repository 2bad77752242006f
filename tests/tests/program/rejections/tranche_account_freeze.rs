//! `tranche_account_freeze`: only a holder whose identity is no longer
//! valid, with the tranche's own mint.

use autofactor_client::state::Tranche;
use autofactor_client::{ix, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::Signer;

#[tokio::test]
async fn rejections() {
    let mut env = Env::new().await;
    let (_m, keys) = env.pool().await;
    let investor = env.investor(0).await;
    let payer = env.payer();
    for t in [Tranche::Senior, Tranche::Junior] {
        env.ok(&[ix::create_shares_ata(&payer.pubkey(), &investor.pubkey(), &keys, t)], &[]).await;
    }
    env.ok(&[ix::tranche_account_thaw(&keys, &investor.pubkey(), Tranche::Senior)], &[]).await;
    env.assert_rejections(vec![reject(
        "a holder whose identity is valid",
        ix::tranche_account_freeze(&keys, &investor.pubkey(), Tranche::Senior),
        &[],
        E::IdentityStillValid,
    )])
    .await;

    let issuer = env.issuer.insecure_clone();
    env.ok(&[ix::identity_revoke(&issuer.pubkey(), &investor.pubkey())], &[&issuer]).await;
    let mut wrong = keys;
    wrong.senior_mint = keys.junior_mint;
    env.assert_rejections(vec![reject(
        "the other tranche's mint",
        ix::tranche_account_freeze(&wrong, &investor.pubkey(), Tranche::Senior),
        &[],
        E::WrongTrancheMint,
    )])
    .await;
}

//! `identity_revoke`: only the record's own issuer, only once.

use autofactor_client::constants::*;
use autofactor_client::{ix, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::{Keypair, Signer};

#[tokio::test]
async fn rejections() {
    let mut env = Env::new().await;
    let admin = env.admin.insecure_clone();
    let issuer = env.issuer.insecure_clone();
    let other = Keypair::new();
    env.airdrop(&other.pubkey(), 1_000_000_000).await;
    env.ok(&[ix::issuer_register(&admin.pubkey(), &other.pubkey(), "Other KYC")], &[&admin]).await;
    let wallet = Keypair::new().pubkey();
    let terms = identity_terms(ROLE_BUYER, env.now().await + 1_000);
    env.ok(&[ix::identity_issue(&issuer.pubkey(), &wallet, terms)], &[&issuer]).await;
    env.assert_rejections(vec![reject(
        "another registered issuer",
        ix::identity_revoke(&other.pubkey(), &wallet),
        &[&other],
        E::NotRecordIssuer,
    )])
    .await;
    env.ok(&[ix::identity_revoke(&issuer.pubkey(), &wallet)], &[&issuer]).await;
    env.assert_rejections(vec![reject(
        "revoked twice",
        ix::identity_revoke(&issuer.pubkey(), &wallet),
        &[&issuer],
        E::IdentityAlreadyRevoked,
    )])
    .await;
}

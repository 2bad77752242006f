//! `issuer_set_active`: only the admin.

use autofactor_client::{ix, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::{Keypair, Signer};

#[tokio::test]
async fn rejections() {
    let mut env = Env::new().await;
    let mallory = Keypair::new();
    env.airdrop(&mallory.pubkey(), 1_000_000_000).await;
    let issuer = env.issuer.pubkey();
    env.assert_rejections(vec![reject(
        "not the admin",
        ix::issuer_set_active(&mallory.pubkey(), &issuer, false),
        &[&mallory],
        E::NotProtocolAdmin,
    )])
    .await;
}

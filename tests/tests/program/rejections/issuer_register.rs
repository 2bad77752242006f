//! `issuer_register`: only the admin, a name of 1–64 characters.

use autofactor_client::{ix, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::{Keypair, Signer};

#[tokio::test]
async fn rejections() {
    let mut env = Env::new().await;
    let admin = env.admin.insecure_clone();
    let mallory = Keypair::new();
    env.airdrop(&mallory.pubkey(), 1_000_000_000).await;
    let kyc = Keypair::new().pubkey();
    env.assert_rejections(vec![
        reject(
            "not the admin",
            ix::issuer_register(&mallory.pubkey(), &kyc, "x"),
            &[&mallory],
            E::NotProtocolAdmin,
        ),
        reject(
            "a blank name",
            ix::issuer_register(&admin.pubkey(), &kyc, "  "),
            &[&admin],
            E::InvalidIssuerName,
        ),
        reject(
            "a 65-character name",
            ix::issuer_register(&admin.pubkey(), &kyc, &"n".repeat(65)),
            &[&admin],
            E::InvalidIssuerName,
        ),
    ])
    .await;
}

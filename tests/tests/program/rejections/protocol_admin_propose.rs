//! `protocol_admin_propose`: only the admin.

use autofactor_client::{ix, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::{Keypair, Signer};

#[tokio::test]
async fn rejections() {
    let mut env = Env::new().await;
    let mallory = Keypair::new();
    env.assert_rejections(vec![reject(
        "not the admin (proposing itself)",
        ix::protocol_admin_propose(&mallory.pubkey(), &mallory.pubkey()),
        &[&mallory],
        E::NotProtocolAdmin,
    )])
    .await;
}

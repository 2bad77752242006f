//! `protocol_set_paused`: only the admin, only a change.

use autofactor_client::{ix, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::{Keypair, Signer};

#[tokio::test]
async fn rejections() {
    let mut env = Env::new().await;
    let admin = env.admin.insecure_clone();
    let mallory = Keypair::new();
    env.assert_rejections(vec![
        reject(
            "not the admin",
            ix::protocol_set_paused(&mallory.pubkey(), true),
            &[&mallory],
            E::NotProtocolAdmin,
        ),
        reject(
            "unpausing while running",
            ix::protocol_set_paused(&admin.pubkey(), false),
            &[&admin],
            E::PauseUnchanged,
        ),
    ])
    .await;
    env.ok(&[ix::protocol_set_paused(&admin.pubkey(), true)], &[&admin]).await;
    env.assert_rejections(vec![reject(
        "pausing while paused",
        ix::protocol_set_paused(&admin.pubkey(), true),
        &[&admin],
        E::PauseUnchanged,
    )])
    .await;
}

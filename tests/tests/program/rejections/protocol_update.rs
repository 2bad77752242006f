//! `protocol_update`: only the admin, a fee of at most 50%, a treasury.

use autofactor_client::{ix, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::{Keypair, Signer};

#[tokio::test]
async fn rejections() {
    let mut env = Env::new().await;
    let admin = env.admin.insecure_clone();
    let mallory = Keypair::new();
    let t = Keypair::new().pubkey();
    env.assert_rejections(vec![
        reject(
            "not the admin",
            ix::protocol_update(&mallory.pubkey(), 100, &t),
            &[&mallory],
            E::NotProtocolAdmin,
        ),
        reject(
            "a fee above 50%",
            ix::protocol_update(&admin.pubkey(), 5_001, &t),
            &[&admin],
            E::ProtocolFeeTooHigh,
        ),
        reject(
            "no treasury",
            ix::protocol_update(&admin.pubkey(), 100, &Default::default()),
            &[&admin],
            E::InvalidTreasury,
        ),
    ])
    .await;
}

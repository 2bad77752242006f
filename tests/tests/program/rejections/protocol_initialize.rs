//! `protocol_initialize`: a fee of at most 50%, a treasury, and only once.
//! (Only the program's upgrade authority may call it: unit-tested in the
//! program on synthetic loader accounts, `protocol_initialize::tests`.)

use autofactor_client::{ix, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::{Keypair, Signer};

#[tokio::test]
async fn rejections() {
    let mut env = Env::bare().await;
    let admin = env.admin.insecure_clone();
    let usdc = env.usdc_mint;
    let treasury = env.treasury.pubkey();
    env.assert_rejections(vec![
        reject(
            "a fee above 50%",
            ix::protocol_initialize(&admin.pubkey(), &usdc, &treasury, 5_001),
            &[&admin],
            E::ProtocolFeeTooHigh,
        ),
        reject(
            "no treasury",
            ix::protocol_initialize(&admin.pubkey(), &usdc, &Default::default(), 100),
            &[&admin],
            E::InvalidTreasury,
        ),
    ])
    .await;

    env.ok(&[ix::protocol_initialize(&admin.pubkey(), &usdc, &treasury, 100)], &[&admin]).await;
    // A second initialization (by anyone) fails: the account already exists.
    let other = Keypair::new();
    env.airdrop(&other.pubkey(), 1_000_000_000).await;
    env.assert_rejections(vec![reject(
        "a second initialization",
        ix::protocol_initialize(&other.pubkey(), &usdc, &treasury, 100),
        &[&other],
        ALREADY_IN_USE,
    )])
    .await;
}

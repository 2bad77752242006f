//! `protocol_admin_accept`: only with a proposal pending, only by the
//! proposed admin.

use autofactor_client::{ix, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::{Keypair, Signer};

#[tokio::test]
async fn rejections() {
    let mut env = Env::new().await;
    let admin = env.admin.insecure_clone();
    let next = Keypair::new();
    let mallory = Keypair::new();
    env.assert_rejections(vec![reject(
        "nothing proposed",
        ix::protocol_admin_accept(&next.pubkey()),
        &[&next],
        E::NoPendingAdmin,
    )])
    .await;
    env.ok(&[ix::protocol_admin_propose(&admin.pubkey(), &next.pubkey())], &[&admin]).await;
    env.assert_rejections(vec![reject(
        "not the proposed admin",
        ix::protocol_admin_accept(&mallory.pubkey()),
        &[&mallory],
        E::NotPendingAdmin,
    )])
    .await;
    // A proposal of the default address withdraws the proposal.
    env.ok(&[ix::protocol_admin_propose(&admin.pubkey(), &Default::default())], &[&admin]).await;
    env.assert_rejections(vec![reject(
        "a withdrawn proposal",
        ix::protocol_admin_accept(&next.pubkey()),
        &[&next],
        E::NoPendingAdmin,
    )])
    .await;
}

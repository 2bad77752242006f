//! `identity_issue`: valid terms, a registered and active issuer, one
//! record per wallet.

use anchor_lang::error::ErrorCode as AnchorError;
use autofactor_client::constants::*;
use autofactor_client::state::IdentityTerms;
use autofactor_client::{ix, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::{Keypair, Signer};

#[tokio::test]
async fn rejects_bad_terms() {
    let mut env = Env::new().await;
    let issuer = env.issuer.insecure_clone();
    let wallet = Keypair::new().pubkey();
    let now = env.now().await;
    let good = identity_terms(ROLE_BUYER, now + 1_000);
    let issue = |case, terms: IdentityTerms, err: E| {
        reject(case, ix::identity_issue(&issuer.pubkey(), &wallet, terms), &[&issuer], err)
    };
    env.assert_rejections(vec![
        issue("no roles", IdentityTerms { roles: 0, ..good.clone() }, E::InvalidRoles),
        issue("an unknown role bit", IdentityTerms { roles: 0x40, ..good.clone() }, E::InvalidRoles),
        issue(
            "a jurisdiction not A–Z",
            IdentityTerms { jurisdiction: *b"n0", ..good.clone() },
            E::InvalidJurisdiction,
        ),
        issue("accreditation 9", IdentityTerms { accreditation: 9, ..good.clone() }, E::InvalidAccreditation),
        issue("not a DID", IdentityTerms { did: "acct:me".into(), ..good.clone() }, E::InvalidDid),
        issue(
            "a DID of 129 characters",
            IdentityTerms { did: format!("did:{}", "x".repeat(125)), ..good.clone() },
            E::InvalidDid,
        ),
        issue("expiring now", IdentityTerms { expires_ts: now, ..good.clone() }, E::InvalidExpiry),
    ])
    .await;
}

#[tokio::test]
async fn rejects_unregistered_or_inactive_issuers_and_a_second_record() {
    let mut env = Env::new().await;
    let admin = env.admin.insecure_clone();
    let issuer = env.issuer.insecure_clone();
    let rogue = Keypair::new();
    env.airdrop(&rogue.pubkey(), 1_000_000_000).await;
    let wallet = Keypair::new().pubkey();
    let now = env.now().await;
    let terms = identity_terms(ROLE_BUYER, now + 1_000);
    env.assert_rejections(vec![reject(
        "not a registered issuer (its issuer account does not exist)",
        ix::identity_issue(&rogue.pubkey(), &wallet, terms.clone()),
        &[&rogue],
        AnchorError::AccountNotInitialized,
    )])
    .await;

    env.ok(&[ix::identity_issue(&issuer.pubkey(), &wallet, terms.clone())], &[&issuer]).await;
    env.ok(&[ix::issuer_register(&admin.pubkey(), &rogue.pubkey(), "Other KYC")], &[&admin]).await;
    env.assert_rejections(vec![reject(
        "a second record for the same wallet, by another issuer",
        ix::identity_issue(&rogue.pubkey(), &wallet, terms.clone()),
        &[&rogue],
        ALREADY_IN_USE,
    )])
    .await;

    env.ok(&[ix::issuer_set_active(&admin.pubkey(), &rogue.pubkey(), false)], &[&admin]).await;
    let other_wallet = Keypair::new().pubkey();
    env.assert_rejections(vec![reject(
        "a deactivated issuer",
        ix::identity_issue(&rogue.pubkey(), &other_wallet, terms),
        &[&rogue],
        E::IssuerInactive,
    )])
    .await;
}

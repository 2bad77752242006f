//! Identity issuers and records, and the role checks that use them.

use anchor_lang::error::ErrorCode as AnchorError;
use autofactor_client::constants::*;
use autofactor_client::events::*;
use autofactor_client::state::{IdentityIssuer, IdentityRecord, IdentityTerms, Tranche};
use autofactor_client::{ix, pda, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::{Keypair, Signer};

#[tokio::test]
async fn register_and_deactivate_issuer() {
    let mut env = Env::new().await;
    let admin = env.admin.insecure_clone();
    let kyc = Keypair::new();
    let out =
        env.ok(&[ix::issuer_register(&admin.pubkey(), &kyc.pubkey(), "Nordic KYC AS")], &[&admin]).await;
    let ev = out.event::<IssuerRegistered>();
    assert_eq!((ev.authority, ev.name.as_str()), (kyc.pubkey(), "Nordic KYC AS"));
    let issuer: IdentityIssuer = env.get(&pda::issuer(&kyc.pubkey())).await;
    assert!(issuer.active);
    assert_eq!(issuer.authority, kyc.pubkey());

    let out = env.ok(&[ix::issuer_set_active(&admin.pubkey(), &kyc.pubkey(), false)], &[&admin]).await;
    assert!(!out.event::<IssuerStatusSet>().active);
    assert!(!env.get::<IdentityIssuer>(&pda::issuer(&kyc.pubkey())).await.active);

    // A deactivated issuer cannot issue.
    env.airdrop(&kyc.pubkey(), 1_000_000_000).await;
    let now = env.now().await;
    let wallet = Keypair::new().pubkey();
    env.assert_program_error(
        &[ix::identity_issue(&kyc.pubkey(), &wallet, identity_terms(ROLE_BUYER, now + 1_000))],
        &[&kyc],
        E::IssuerInactive,
    )
    .await;
}

#[tokio::test]
async fn register_issuer_failures() {
    let mut env = Env::new().await;
    let admin = env.admin.insecure_clone();
    let mallory = Keypair::new();
    env.airdrop(&mallory.pubkey(), 1_000_000_000).await;
    let kyc = Keypair::new().pubkey();
    env.assert_program_error(
        &[ix::issuer_register(&mallory.pubkey(), &kyc, "x")],
        &[&mallory],
        E::NotProtocolAdmin,
    )
    .await;
    env.assert_program_error(
        &[ix::issuer_register(&admin.pubkey(), &kyc, "  ")],
        &[&admin],
        E::InvalidIssuerName,
    )
    .await;
    env.assert_program_error(
        &[ix::issuer_register(&admin.pubkey(), &kyc, &"n".repeat(65))],
        &[&admin],
        E::InvalidIssuerName,
    )
    .await;
    env.assert_program_error(
        &[ix::issuer_set_active(&mallory.pubkey(), &env.issuer.pubkey(), false)],
        &[&mallory],
        E::NotProtocolAdmin,
    )
    .await;
}

#[tokio::test]
async fn issue_update_revoke_reinstate() {
    let mut env = Env::new().await;
    let issuer = env.issuer.insecure_clone();
    let wallet = Keypair::new().pubkey();
    let now = env.now().await;
    let terms = identity_terms(ROLE_SUPPLIER | ROLE_BUYER, now + 86_400);
    let out = env.ok(&[ix::identity_issue(&issuer.pubkey(), &wallet, terms.clone())], &[&issuer]).await;
    let ev = out.event::<IdentityIssued>();
    assert_eq!((ev.wallet, ev.issuer, ev.terms.clone()), (wallet, issuer.pubkey(), terms.clone()));
    let r: IdentityRecord = env.get(&pda::identity(&wallet)).await;
    assert_eq!(r.roles, ROLE_SUPPLIER | ROLE_BUYER);
    assert_eq!(&r.jurisdiction, b"NO");
    assert_eq!(r.did, terms.did);
    assert_eq!(r.expires_ts, now + 86_400);
    assert!(!r.revoked);
    assert_eq!(env.get::<IdentityIssuer>(&pda::issuer(&issuer.pubkey())).await.records_issued, 1);

    let new_terms =
        IdentityTerms { roles: ROLE_INVESTOR, jurisdiction: *b"SE", accreditation: 2, ..terms.clone() };
    let out = env.ok(&[ix::identity_update(&issuer.pubkey(), &wallet, new_terms.clone())], &[&issuer]).await;
    assert!(!out.event::<IdentityUpdated>().reinstated);
    let r: IdentityRecord = env.get(&pda::identity(&wallet)).await;
    assert_eq!((r.roles, r.jurisdiction, r.accreditation), (ROLE_INVESTOR, *b"SE", 2));

    let out = env.ok(&[ix::identity_revoke(&issuer.pubkey(), &wallet)], &[&issuer]).await;
    assert_eq!(out.event::<IdentityRevoked>().wallet, wallet);
    assert!(env.get::<IdentityRecord>(&pda::identity(&wallet)).await.revoked);
    env.assert_program_error(
        &[ix::identity_revoke(&issuer.pubkey(), &wallet)],
        &[&issuer],
        E::IdentityAlreadyRevoked,
    )
    .await;

    let out = env.ok(&[ix::identity_update(&issuer.pubkey(), &wallet, new_terms)], &[&issuer]).await;
    assert!(out.event::<IdentityUpdated>().reinstated);
    assert!(!env.get::<IdentityRecord>(&pda::identity(&wallet)).await.revoked);
}

#[tokio::test]
async fn issue_rejects_bad_terms() {
    let mut env = Env::new().await;
    let issuer = env.issuer.insecure_clone();
    let wallet = Keypair::new().pubkey();
    let now = env.now().await;
    let good = identity_terms(ROLE_BUYER, now + 1_000);
    let cases: Vec<(IdentityTerms, E)> = vec![
        (IdentityTerms { roles: 0, ..good.clone() }, E::InvalidRoles),
        (IdentityTerms { roles: 0x40, ..good.clone() }, E::InvalidRoles),
        (IdentityTerms { jurisdiction: *b"n0", ..good.clone() }, E::InvalidJurisdiction),
        (IdentityTerms { accreditation: 9, ..good.clone() }, E::InvalidAccreditation),
        (IdentityTerms { did: "acct:me".into(), ..good.clone() }, E::InvalidDid),
        (IdentityTerms { did: format!("did:{}", "x".repeat(125)), ..good.clone() }, E::InvalidDid),
        (IdentityTerms { expires_ts: now, ..good.clone() }, E::InvalidExpiry),
    ];
    for (terms, err) in cases {
        env.assert_program_error(&[ix::identity_issue(&issuer.pubkey(), &wallet, terms)], &[&issuer], err)
            .await;
    }
}

#[tokio::test]
async fn only_registered_issuers_and_the_records_own_issuer() {
    let mut env = Env::new().await;
    let admin = env.admin.insecure_clone();
    let issuer = env.issuer.insecure_clone();
    let rogue = Keypair::new();
    env.airdrop(&rogue.pubkey(), 1_000_000_000).await;
    let wallet = Keypair::new().pubkey();
    let now = env.now().await;
    let terms = identity_terms(ROLE_BUYER, now + 1_000);
    // Not a registered issuer: its issuer account does not exist.
    env.assert_error(
        &[ix::identity_issue(&rogue.pubkey(), &wallet, terms.clone())],
        &[&rogue],
        AnchorError::AccountNotInitialized.into(),
    )
    .await;
    env.ok(&[ix::identity_issue(&issuer.pubkey(), &wallet, terms.clone())], &[&issuer]).await;

    // A second registered issuer may not touch the first issuer's record.
    env.ok(&[ix::issuer_register(&admin.pubkey(), &rogue.pubkey(), "Other KYC")], &[&admin]).await;
    env.assert_program_error(
        &[ix::identity_update(&rogue.pubkey(), &wallet, terms.clone())],
        &[&rogue],
        E::NotRecordIssuer,
    )
    .await;
    env.assert_program_error(&[ix::identity_revoke(&rogue.pubkey(), &wallet)], &[&rogue], E::NotRecordIssuer)
        .await;
    // Nor issue a second record for the same wallet.
    env.assert_failure(&[ix::identity_issue(&rogue.pubkey(), &wallet, terms)], &[&rogue], ALREADY_IN_USE)
        .await;
}

#[tokio::test]
async fn role_checks_use_valid_records() {
    let mut env = Env::new().await;
    let (_manager, keys) = env.pool().await;
    let issuer = env.issuer.insecure_clone();
    let amount = 1_000 * USDC;

    // Wrong role: a buyer cannot invest.
    let buyer = env.user(ROLE_BUYER).await;
    env.mint_usdc(&buyer.pubkey(), amount).await;
    let payer = env.payer();
    env.ok(&[ix::create_shares_ata(&payer.pubkey(), &buyer.pubkey(), &keys, Tranche::Junior)], &[]).await;
    env.assert_program_error(
        &[ix::tranche_deposit(&keys, &buyer.pubkey(), Tranche::Junior, amount, 0)],
        &[&buyer],
        E::IdentityMissingRole,
    )
    .await;

    // Revoked.
    let inv = env.investor(amount).await;
    env.ok(&[ix::create_shares_ata(&payer.pubkey(), &inv.pubkey(), &keys, Tranche::Junior)], &[]).await;
    env.ok(&[ix::identity_revoke(&issuer.pubkey(), &inv.pubkey())], &[&issuer]).await;
    env.assert_program_error(
        &[ix::tranche_deposit(&keys, &inv.pubkey(), Tranche::Junior, amount, 0)],
        &[&inv],
        E::IdentityRevoked,
    )
    .await;

    // Expired.
    let inv2 = env.investor(amount).await;
    env.ok(&[ix::create_shares_ata(&payer.pubkey(), &inv2.pubkey(), &keys, Tranche::Junior)], &[]).await;
    env.warp_seconds(IDENTITY_VALIDITY_SECS + 1).await;
    env.assert_program_error(
        &[ix::tranche_deposit(&keys, &inv2.pubkey(), Tranche::Junior, amount, 0)],
        &[&inv2],
        E::IdentityExpired,
    )
    .await;

    // No record at all.
    let stranger = Keypair::new();
    env.airdrop(&stranger.pubkey(), 1_000_000_000).await;
    env.mint_usdc(&stranger.pubkey(), amount).await;
    env.ok(&[ix::create_shares_ata(&payer.pubkey(), &stranger.pubkey(), &keys, Tranche::Junior)], &[]).await;
    env.assert_error(
        &[ix::tranche_deposit(&keys, &stranger.pubkey(), Tranche::Junior, amount, 0)],
        &[&stranger],
        AnchorError::AccountNotInitialized.into(),
    )
    .await;
}

//! Identity issuers and records, and the role checks that use them (the
//! issuer and identity instructions' tables of rejections: `rejections/`).

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

    let out = env.ok(&[ix::identity_update(&issuer.pubkey(), &wallet, new_terms)], &[&issuer]).await;
    assert!(out.event::<IdentityUpdated>().reinstated);
    assert!(!env.get::<IdentityRecord>(&pda::identity(&wallet)).await.revoked);
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

//! Signer attacks: every privileged instruction sent (a) with the right key
//! listed but not signing, and (b) signed by a wrong key that holds every
//! other credential (identity, token accounts) — the relation between the
//! signer and the state it acts on is what refuses it.

use super::world::*;
use anchor_lang::error::ErrorCode as AnchorError;
use autofactor_client::constants::*;
use autofactor_client::state::{PoolParams, Tranche};
use autofactor_client::{ix, pda, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::instruction::Instruction;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signer};

/// `ix` acted by `fake` instead of `real`: the wallet, its identity record
/// and its USDC / share token accounts in `pool` are all swapped.
fn impersonate(ix: Instruction, pool: &ix::PoolKeys, real: &Pubkey, fake: &Pubkey) -> Instruction {
    let mut ix = substitute(ix, real, fake);
    ix = substitute(ix, &pda::identity(real), &pda::identity(fake));
    ix = substitute(ix, &pool.usdc_ata(real), &pool.usdc_ata(fake));
    for t in [Tranche::Senior, Tranche::Junior] {
        ix = substitute(ix, &pool.shares_ata(real, t), &pool.shares_ata(fake, t));
        ix = substitute(ix, &pda::position(&pool.pool, t, real), &pda::position(&pool.pool, t, fake));
    }
    ix
}

#[tokio::test]
async fn privileged_instructions_refuse_a_wrong_signer() {
    let mut w = world().await;
    let admin = w.env.admin.insecure_clone();
    let stranger = w.env.user(ALL_ROLES).await;
    w.env.mint_usdc(&stranger.pubkey(), 10 * USDC).await;
    // A second, active identity issuer.
    let issuer2 = Keypair::new();
    w.env.airdrop(&issuer2.pubkey(), 1_000_000_000).await;
    w.env.ok(&[ix::issuer_register(&admin.pubkey(), &issuer2.pubkey(), "Other KYC")], &[&admin]).await;
    let (m, mb, pool) = (w.manager.insecure_clone(), w.manager_b.insecure_clone(), w.pool);
    let created = w.created(pool).await;
    let verified = w.verified().await;
    let (supplier, buyer, senior) =
        (w.supplier.insecure_clone(), w.buyer.insecure_clone(), w.senior.insecure_clone());
    // The stranger needs a share account to pass every check but the
    // relation one.
    let payer = w.env.payer();
    w.env
        .ok(&[ix::create_shares_ata(&payer.pubkey(), &stranger.pubkey(), &pool, Tranche::Senior)], &[])
        .await;
    let seq = w.queued_senior(pool, 100 * USDC).await;
    let holder = w.env.user(ROLE_INVESTOR).await;
    let terms = identity_terms(ROLE_INVESTOR, w.env.now().await + 86_400);

    let p: PoolParams = default_params();
    let s = &stranger.pubkey();
    let cases = vec![
        Case::new(
            "protocol_update by a stranger",
            ix::protocol_update(s, 500, s),
            &[&stranger],
            program(E::NotProtocolAdmin),
        ),
        Case::new(
            "protocol_set_paused by a stranger",
            ix::protocol_set_paused(s, true),
            &[&stranger],
            program(E::NotProtocolAdmin),
        ),
        Case::new(
            "protocol_admin_propose by a stranger",
            ix::protocol_admin_propose(s, s),
            &[&stranger],
            program(E::NotProtocolAdmin),
        ),
        Case::new(
            "protocol_admin_accept with nothing proposed",
            ix::protocol_admin_accept(s),
            &[&stranger],
            program(E::NoPendingAdmin),
        ),
        Case::new(
            "issuer_register by a stranger",
            ix::issuer_register(s, s, "Fake KYC"),
            &[&stranger],
            program(E::NotProtocolAdmin),
        ),
        Case::new(
            "issuer_set_active by a stranger",
            ix::issuer_set_active(s, &issuer2.pubkey(), false),
            &[&stranger],
            program(E::NotProtocolAdmin),
        ),
        Case::new(
            "protocol_set_usdc_guard by a stranger",
            ix::protocol_set_usdc_guard(s, [1; 32], 9_900, 60),
            &[&stranger],
            program(E::NotProtocolAdmin),
        ),
        Case::new(
            "identity_update by another issuer",
            ix::identity_update(&issuer2.pubkey(), &holder.pubkey(), terms.clone()),
            &[&issuer2],
            program(E::NotRecordIssuer),
        ),
        Case::new(
            "identity_revoke by another issuer",
            ix::identity_revoke(&issuer2.pubkey(), &holder.pubkey()),
            &[&issuer2],
            program(E::NotRecordIssuer),
        ),
        Case::new(
            "pool_update_config by another manager",
            ix::pool_update_config(&mb.pubkey(), &pool.pool, p, default_policy()),
            &[&mb],
            program(E::NotPoolManager),
        ),
        Case::new(
            "pool_set_paused by another manager",
            ix::pool_set_paused(&mb.pubkey(), &pool.pool, true),
            &[&mb],
            program(E::NotPoolManager),
        ),
        Case::new(
            "pool_verifier_add by another manager",
            ix::pool_verifier_add(&mb.pubkey(), &pool.pool, s),
            &[&mb],
            program(E::NotPoolManager),
        ),
        Case::new(
            "pool_verifier_remove by another manager",
            ix::pool_verifier_remove(&mb.pubkey(), &pool.pool, &w.verifier.pubkey()),
            &[&mb],
            program(E::NotPoolManager),
        ),
        Case::new(
            "invoice_acknowledge by another buyer",
            impersonate(ix::invoice_acknowledge(&created.keys), &pool, &buyer.pubkey(), s),
            &[&stranger],
            program(E::NotInvoiceBuyer),
        ),
        Case::new(
            "invoice_dispute by another buyer",
            impersonate(ix::invoice_dispute(&created.keys, [3; 32]), &pool, &buyer.pubkey(), s),
            &[&stranger],
            program(E::NotInvoiceBuyer),
        ),
        Case::new(
            "invoice_attest by the verifier of another pool",
            ix::invoice_attest(&created.keys, &w.verifier_b.pubkey(), [7; 32], 900),
            &[&w.verifier_b],
            program(E::VerifierNotRegistered),
        ),
        Case::new(
            "invoice_finance by another supplier",
            impersonate(ix::invoice_finance(&verified.keys, 0), &pool, &supplier.pubkey(), s),
            &[&stranger],
            program(E::NotInvoiceSupplier),
        ),
        Case::new(
            "invoice_cancel by another supplier",
            substitute(
                ix::invoice_cancel(
                    &created.keys,
                    &created.terms.document_hash,
                    &created.terms.invoice_number,
                ),
                &supplier.pubkey(),
                s,
            ),
            &[&stranger],
            program(E::NotInvoiceSupplier),
        ),
        Case::new(
            "withdrawal_cancel of someone else's request",
            impersonate(
                ix::withdrawal_cancel(&pool, &senior.pubkey(), Tranche::Senior, seq),
                &pool,
                &senior.pubkey(),
                s,
            ),
            &[&stranger],
            program(E::NotRequestOwner),
        ),
        Case::new(
            "tranche_deposit from someone else's USDC account",
            replace_first(
                impersonate(
                    ix::tranche_deposit(&pool, &senior.pubkey(), Tranche::Senior, USDC, 0),
                    &pool,
                    &senior.pubkey(),
                    s,
                ),
                &pool.usdc_ata(s),
                &pool.usdc_ata(&senior.pubkey()),
            ),
            &[&stranger],
            anchor(AnchorError::ConstraintTokenOwner),
        ),
    ];
    let n = run(&mut w.env, cases).await;
    // Burning someone else's shares (with the right request PDA and the
    // stranger's own identity, USDC account and position): the share
    // account's owner check refuses it.
    let tail = w.env.pool_state(&pool).await.ledger.senior.queue_tail;
    let steal = substitute(
        substitute(
            ix::tranche_withdraw(&pool, &senior.pubkey(), Tranche::Senior, USDC, tail),
            &senior.pubkey(),
            s,
        ),
        &pda::identity(&senior.pubkey()),
        &pda::identity(s),
    );
    let steal = replace_first(steal, &pool.usdc_ata(&senior.pubkey()), &pool.usdc_ata(s));
    let steal = substitute(
        steal,
        &pda::position(&pool.pool, Tranche::Senior, &senior.pubkey()),
        &pda::position(&pool.pool, Tranche::Senior, s),
    );
    w.env.assert_failure(&[steal], &[&stranger], anchor(AnchorError::ConstraintTokenOwner)).await;
    let _ = m;
    assert_eq!(n + 1, 21);
}

#[tokio::test]
async fn privileged_instructions_refuse_the_right_key_not_signing() {
    let mut w = world().await;
    let admin = w.env.admin.insecure_clone();
    let issuer = w.env.issuer.insecure_clone();
    let (m, pool) = (w.manager.insecure_clone(), w.pool);
    let created = w.created(pool).await;
    let verified = w.verified().await;
    let (supplier, buyer, senior) = (w.supplier.pubkey(), w.buyer.pubkey(), w.senior.insecure_clone());
    let seq = w.queued_senior(pool, 100 * USDC).await;
    let holder = w.env.user(ROLE_INVESTOR).await;
    let a = admin.pubkey();
    let not_signer = anchor(AnchorError::AccountNotSigner);
    let tail = w.env.pool_state(&pool).await.ledger.senior.queue_tail;
    let cases = vec![
        Case::new("protocol_update", unsigned(ix::protocol_update(&a, 500, &a), &a), &[], not_signer.clone()),
        Case::new(
            "protocol_set_paused",
            unsigned(ix::protocol_set_paused(&a, true), &a),
            &[],
            not_signer.clone(),
        ),
        Case::new(
            "issuer_set_active",
            unsigned(ix::issuer_set_active(&a, &issuer.pubkey(), false), &a),
            &[],
            not_signer.clone(),
        ),
        Case::new(
            "identity_revoke",
            unsigned(ix::identity_revoke(&issuer.pubkey(), &holder.pubkey()), &issuer.pubkey()),
            &[],
            not_signer.clone(),
        ),
        Case::new(
            "pool_set_paused",
            unsigned(ix::pool_set_paused(&m.pubkey(), &pool.pool, true), &m.pubkey()),
            &[],
            not_signer.clone(),
        ),
        Case::new(
            "pool_update_config",
            unsigned(
                ix::pool_update_config(&m.pubkey(), &pool.pool, default_params(), default_policy()),
                &m.pubkey(),
            ),
            &[],
            not_signer.clone(),
        ),
        Case::new(
            "invoice_acknowledge",
            unsigned(ix::invoice_acknowledge(&created.keys), &buyer),
            &[],
            not_signer.clone(),
        ),
        Case::new(
            "invoice_finance",
            unsigned(ix::invoice_finance(&verified.keys, 0), &supplier),
            &[],
            not_signer.clone(),
        ),
        Case::new(
            "tranche_withdraw",
            unsigned(
                ix::tranche_withdraw(&pool, &senior.pubkey(), Tranche::Senior, USDC, tail),
                &senior.pubkey(),
            ),
            &[],
            not_signer.clone(),
        ),
        Case::new(
            "withdrawal_cancel",
            unsigned(ix::withdrawal_cancel(&pool, &senior.pubkey(), Tranche::Senior, seq), &senior.pubkey()),
            &[],
            not_signer.clone(),
        ),
    ];
    assert_eq!(run(&mut w.env, cases).await, 10);
}

//! Type cosplay: a genuine Autofactor account (owned by the program, so the
//! owner check passes) of one type passed where another type is expected.
//! Anchor's 8-byte discriminators tell them apart, including in the one
//! place the program deserializes by hand (the head withdrawal request).

use super::world::*;
use anchor_lang::error::ErrorCode as AnchorError;
use autofactor_client::state::Tranche;
use autofactor_client::{ix, pda};
use autofactor_tests::*;
use solana_sdk::signature::Signer;

#[tokio::test]
async fn accounts_of_another_type_are_refused() {
    let mut w = world().await;
    let pool = w.pool;
    let keeper = w.env.payer();
    let (senior, buyer, supplier) =
        (w.senior.insecure_clone(), w.buyer.insecure_clone(), w.supplier.insecure_clone());
    let buyer_entity = w.env.entity_key(&buyer.pubkey()).await;
    let verified = w.verified().await;
    let financed = w.financed().await;
    let repaid = w.repaid().await;
    let seq = w.queued_senior(pool, 100 * USDC).await;
    let request = pda::withdrawal_request(&pool.pool, Tranche::Senior, seq);
    let face = financed.terms.face_minor;
    let deposit = ix::tranche_deposit(&pool, &senior.pubkey(), Tranche::Senior, USDC, 0);
    let buyer_exposure = pda::buyer_exposure(&pool.pool, &verified.keys.buyer_entity);
    let mismatch = anchor(AnchorError::AccountDiscriminatorMismatch);
    let issuer = pda::issuer(&w.env.issuer.pubkey());
    let registration = pda::pool_verifier(&pool.pool, &w.verifier.pubkey());

    let cases = vec![
        Case::new(
            "an invoice as the pool (refresh)",
            ix::pool_refresh(&financed.keys.invoice),
            &[],
            mismatch.clone(),
        ),
        Case::new(
            "the protocol config as the pool (deposit)",
            substitute(deposit.clone(), &pool.pool, &pda::protocol()),
            &[&senior],
            mismatch.clone(),
        ),
        Case::new(
            "a withdrawal request as the pool (deposit)",
            substitute(deposit.clone(), &pool.pool, &request),
            &[&senior],
            mismatch.clone(),
        ),
        Case::new(
            "the issuer as the investor's identity (deposit)",
            substitute(deposit.clone(), &pda::identity(&senior.pubkey()), &issuer),
            &[&senior],
            mismatch.clone(),
        ),
        Case::new(
            "a verifier registration as the investor's identity (deposit)",
            substitute(deposit.clone(), &pda::identity(&senior.pubkey()), &registration),
            &[&senior],
            mismatch.clone(),
        ),
        Case::new(
            "the pool as the invoice (mature)",
            substitute(ix::invoice_mature(&financed.keys), &financed.keys.invoice, &pool.pool),
            &[],
            mismatch.clone(),
        ),
        Case::new(
            "an exposure record as the invoice (repay)",
            substitute(
                ix::invoice_repay(&financed.keys, &buyer.pubkey(), face, face * 10_000),
                &financed.keys.invoice,
                &buyer_exposure,
            ),
            &[&buyer],
            mismatch.clone(),
        ),
        Case::new(
            "a registry entry as the invoice (settle)",
            substitute(
                ix::invoice_settle(&repaid.keys, &keeper.pubkey()),
                &repaid.keys.invoice,
                &pda::document_entry(&repaid.terms.document_hash),
            ),
            &[],
            mismatch.clone(),
        ),
        Case::new(
            "the buyer's reputation as its exposure (finance)",
            substitute(
                ix::invoice_finance(&verified.keys, 0),
                &buyer_exposure,
                &pda::buyer_reputation(&buyer_entity),
            ),
            &[&supplier],
            mismatch.clone(),
        ),
        Case::new(
            "an invoice as the withdrawal request (cancel)",
            substitute(
                ix::withdrawal_cancel(&pool, &senior.pubkey(), Tranche::Senior, seq),
                &request,
                &verified.keys.invoice,
            ),
            &[&senior],
            mismatch.clone(),
        ),
    ];
    assert_eq!(run(&mut w.env, cases).await, 10);

    // The keeper's fill reads the head request by hand: an invoice's bytes
    // at the request's address are refused by the discriminator too.
    let invoice_bytes = w.env.account(&verified.keys.invoice).await.unwrap();
    w.env.ctx.set_account(&request, &invoice_bytes.into());
    w.env
        .assert_failure(
            &[ix::withdrawal_fill(&pool, &keeper.pubkey(), Tranche::Senior, seq, &senior.pubkey())],
            &[],
            mismatch,
        )
        .await;
}

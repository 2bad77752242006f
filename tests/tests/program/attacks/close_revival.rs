//! Close and revival: accounts the program closed (settled or cancelled
//! invoices, cancelled withdrawal requests, removed verifier registrations
//! and currency configurations) are "revived" by sending lamports to their
//! address, then used again; closed registries are re-initialized. A
//! revived address is a system account with no data: it is never read as
//! the closed account.

use super::world::*;
use anchor_lang::error::ErrorCode as AnchorError;
use autofactor_client::events::{WithdrawalFilled, WithdrawalSkipped};
use autofactor_client::state::Tranche;
use autofactor_client::{ix, pda, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::{Keypair, Signer};

#[tokio::test]
async fn revived_invoices_registrations_and_configs_are_refused() {
    let mut w = world().await;
    let pool = w.pool;
    let keeper = w.env.payer();
    let (m, buyer, supplier, verifier) = (
        w.manager.insecure_clone(),
        w.buyer.insecure_clone(),
        w.supplier.insecure_clone(),
        w.verifier.insecure_clone(),
    );

    // A settled invoice, revived.
    let settled = w.repaid().await;
    w.env.ok(&[ix::invoice_settle(&settled.keys, &keeper.pubkey())], &[]).await;
    assert!(w.env.account(&settled.keys.invoice).await.is_none(), "closed");
    w.fund(&settled.keys.invoice, 10_000_000).await;

    // A cancelled invoice, revived.
    let cancelled = w.created(pool).await;
    w.env
        .ok(
            &[ix::invoice_cancel(
                &cancelled.keys,
                &cancelled.terms.document_hash,
                &cancelled.terms.invoice_number,
            )],
            &[&supplier],
        )
        .await;
    w.fund(&cancelled.keys.invoice, 10_000_000).await;

    // A removed verifier registration, revived; an invoice to attest.
    let to_attest = {
        let inv = w.created(pool).await;
        w.env.ok(&[ix::invoice_acknowledge(&inv.keys)], &[&buyer]).await;
        inv
    };
    w.env.ok(&[ix::pool_verifier_remove(&m.pubkey(), &pool.pool, &verifier.pubkey())], &[&m]).await;
    w.fund(&pda::pool_verifier(&pool.pool, &verifier.pubkey()), 10_000_000).await;

    // A removed currency configuration, revived.
    w.env.ok(&[ix::pool_currency_set(&m.pubkey(), &pool.pool, nok_terms())], &[&m]).await;
    w.env.ok(&[ix::pool_currency_remove(&m.pubkey(), &pool.pool, b"NOK")], &[&m]).await;
    w.fund(&pda::currency_config(&pool.pool, b"NOK"), 10_000_000).await;
    let mut nok = w.terms(1_000_00, 60).await;
    nok.currency = *b"NOK";
    let asset = Keypair::new();
    let nok_keys = w.env.invoice_keys(&pool, &asset.pubkey(), &supplier.pubkey(), &buyer.pubkey()).await;

    let face = settled.terms.face_minor;
    let wrong_owner = anchor(AnchorError::AccountOwnedByWrongProgram);
    let cases = vec![
        Case::new(
            "settle a revived settled invoice",
            ix::invoice_settle(&settled.keys, &keeper.pubkey()),
            &[],
            wrong_owner.clone(),
        ),
        Case::new(
            "repay a revived settled invoice",
            ix::invoice_repay(&settled.keys, &buyer.pubkey(), face, face * 10_000),
            &[&buyer],
            wrong_owner.clone(),
        ),
        Case::new(
            "mark a revived settled invoice late",
            ix::invoice_mark_late(&settled.keys, &keeper.pubkey()),
            &[],
            wrong_owner.clone(),
        ),
        Case::new(
            "acknowledge a revived cancelled invoice",
            ix::invoice_acknowledge(&cancelled.keys),
            &[&buyer],
            wrong_owner.clone(),
        ),
        Case::new(
            "attest with a revived verifier registration",
            ix::invoice_attest(&to_attest.keys, &verifier.pubkey(), [7; 32], 900),
            &[&verifier],
            program(E::VerifierNotRegistered),
        ),
    ];
    assert_eq!(run(&mut w.env, cases).await, 5);
    w.env
        .assert_program_error(
            &[ix::invoice_create(&nok_keys, &nok)],
            &[&supplier, &asset],
            E::CurrencyNotSupported,
        )
        .await;

    // Re-initialization: the settled invoice's document and number stay
    // registered, so the paid invoice cannot be originated (and financed)
    // again, in this pool or another.
    for p in [pool, w.pool_b] {
        let again = Keypair::new();
        let keys = w.env.invoice_keys(&p, &again.pubkey(), &supplier.pubkey(), &buyer.pubkey()).await;
        w.env
            .assert_program_error(
                &[ix::invoice_create(&keys, &settled.terms)],
                &[&supplier, &again],
                E::DuplicateDocument,
            )
            .await;
    }
}

/// A cancelled request in the middle of the queue, revived with lamports:
/// the keeper skips it and pays no one.
#[tokio::test]
async fn a_revived_cancelled_request_is_skipped_and_pays_nothing() {
    let mut w = world().await;
    let pool = w.pool;
    let keeper = w.env.payer();
    let senior = w.senior.insecure_clone();
    let first = w.queued_senior(pool, 100 * USDC).await;
    let tail = w.env.pool_state(&pool).await.ledger.senior.queue_tail;
    w.env
        .ok(&[ix::tranche_withdraw(&pool, &senior.pubkey(), Tranche::Senior, 200 * USDC, tail)], &[&senior])
        .await;
    let second = tail;
    w.env.ok(&[ix::withdrawal_cancel(&pool, &senior.pubkey(), Tranche::Senior, second)], &[&senior]).await;
    let revived = pda::withdrawal_request(&pool.pool, Tranche::Senior, second);
    w.fund(&revived, 50_000_000).await;
    // Cancelling it again: refused (a system account, not a request).
    w.env
        .assert_failure(
            &[ix::withdrawal_cancel(&pool, &senior.pubkey(), Tranche::Senior, second)],
            &[&senior],
            anchor(AnchorError::AccountOwnedByWrongProgram),
        )
        .await;
    // Cash arrives; the first request is paid in full at the current price.
    w.env.inject_repayment(&pool, 1_000 * USDC, 0).await;
    let expected = w.accrued(&pool).await.preview_redeem(Tranche::Senior, 100 * USDC).unwrap();
    let out = w
        .env
        .ok(&[ix::withdrawal_fill(&pool, &keeper.pubkey(), Tranche::Senior, first, &senior.pubkey())], &[])
        .await;
    assert_eq!(out.event::<WithdrawalFilled>().amount_usdc, expected);
    // The revived second request: skipped, nothing paid.
    let usdc_before = w.env.token_balance(&pool.usdc_ata(&senior.pubkey())).await;
    let cash_before = w.env.pool_state(&pool).await.ledger.cash_usdc;
    let out = w
        .env
        .ok(&[ix::withdrawal_fill(&pool, &keeper.pubkey(), Tranche::Senior, second, &senior.pubkey())], &[])
        .await;
    assert_eq!(out.event::<WithdrawalSkipped>().sequence, second);
    assert_eq!(w.env.token_balance(&pool.usdc_ata(&senior.pubkey())).await, usdc_before);
    let after = w.env.pool_state(&pool).await.ledger;
    assert_eq!(after.cash_usdc, cash_before);
    assert_eq!(after.senior.queue_head, after.senior.queue_tail, "queue drained");
    assert_eq!(after.senior.shares_pending, 0);
}

//! Lifecycle skipping: every invoice instruction sent at every stage where
//! it is out of order (financing before acknowledgement or attestation,
//! repaying before financing, settling before repayment, writing down
//! before lateness, cancelling after financing, …), plus the withdrawal
//! queue driven out of order.

use super::world::*;
use autofactor_client::state::Tranche;
use autofactor_client::{ix, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::instruction::Instruction;
use solana_sdk::signature::{Keypair, Signer};

#[tokio::test]
async fn every_out_of_order_invoice_step_is_refused() {
    let mut w = world().await;
    let pool = w.pool;
    let k = w.env.payer().pubkey();
    let (buyer, supplier, verifier) =
        (w.buyer.insecure_clone(), w.supplier.insecure_clone(), w.verifier.insecure_clone());
    let created = w.created(pool).await;
    let acknowledged = {
        let inv = w.created(pool).await;
        w.env.ok(&[ix::invoice_acknowledge(&inv.keys)], &[&buyer]).await;
        inv
    };
    let disputed = {
        let inv = w.created(pool).await;
        w.env.ok(&[ix::invoice_dispute(&inv.keys, [4; 32])], &[&buyer]).await;
        inv
    };
    let verified = w.verified().await;
    let financed = w.financed().await;
    let repaid = w.repaid().await;

    // (stage, instruction, signer, error)
    let s = |i: Instruction| (i, supplier.insecure_clone());
    let b = |i: Instruction| (i, buyer.insecure_clone());
    let v = |i: Instruction| (i, verifier.insecure_clone());
    let anyone = |i: Instruction| (i, Keypair::new());
    let pay = |inv: &TestInvoice| ix::invoice_repay(&inv.keys, &buyer.pubkey(), 100, 1_000_000);
    let cancel = |inv: &TestInvoice| {
        ix::invoice_cancel(&inv.keys, &inv.terms.document_hash, &inv.terms.invoice_number)
    };
    let attest = |inv: &TestInvoice| ix::invoice_attest(&inv.keys, &verifier.pubkey(), [7; 32], 900);
    let table: Vec<(&'static str, (Instruction, Keypair), E)> = vec![
        ("created: finance", s(ix::invoice_finance(&created.keys, 0)), E::InvoiceNotAcknowledged),
        ("created: attest", v(attest(&created)), E::InvoiceNotAcknowledged),
        ("created: repay", b(pay(&created)), E::InvoiceNotFinanced),
        ("created: mature", anyone(ix::invoice_mature(&created.keys)), E::InvalidInvoiceStatus),
        ("created: mark late", anyone(ix::invoice_mark_late(&created.keys, &k)), E::InvalidInvoiceStatus),
        ("created: write down", anyone(ix::invoice_write_down(&created.keys, &k)), E::InvalidInvoiceStatus),
        ("created: settle", anyone(ix::invoice_settle(&created.keys, &k)), E::InvalidInvoiceStatus),
        ("acknowledged: finance", s(ix::invoice_finance(&acknowledged.keys, 0)), E::InvoiceNotVerified),
        (
            "acknowledged: acknowledge again",
            b(ix::invoice_acknowledge(&acknowledged.keys)),
            E::InvalidInvoiceStatus,
        ),
        ("acknowledged: repay", b(pay(&acknowledged)), E::InvoiceNotFinanced),
        ("disputed: acknowledge", b(ix::invoice_acknowledge(&disputed.keys)), E::InvalidInvoiceStatus),
        ("disputed: attest", v(attest(&disputed)), E::InvalidInvoiceStatus),
        ("disputed: finance", s(ix::invoice_finance(&disputed.keys, 0)), E::InvalidInvoiceStatus),
        ("disputed: dispute again", b(ix::invoice_dispute(&disputed.keys, [5; 32])), E::InvalidInvoiceStatus),
        ("verified: attest again", v(attest(&verified)), E::InvalidInvoiceStatus),
        ("verified: settle", anyone(ix::invoice_settle(&verified.keys, &k)), E::InvalidInvoiceStatus),
        ("verified: mark late", anyone(ix::invoice_mark_late(&verified.keys, &k)), E::InvalidInvoiceStatus),
        ("financed: finance again", s(ix::invoice_finance(&financed.keys, 0)), E::InvalidInvoiceStatus),
        ("financed: cancel", s(cancel(&financed)), E::InvoiceFinanced),
        ("financed: dispute", b(ix::invoice_dispute(&financed.keys, [6; 32])), E::InvalidInvoiceStatus),
        ("financed: attest", v(attest(&financed)), E::InvalidInvoiceStatus),
        ("financed: settle", anyone(ix::invoice_settle(&financed.keys, &k)), E::NotFullyRepaid),
        (
            "financed: write down before late",
            anyone(ix::invoice_write_down(&financed.keys, &k)),
            E::InvalidInvoiceStatus,
        ),
        ("financed: mature before due", anyone(ix::invoice_mature(&financed.keys)), E::NotYetDue),
        (
            "financed: mark late before due + grace",
            anyone(ix::invoice_mark_late(&financed.keys, &k)),
            E::NotYetLate,
        ),
        ("repaid: repay again", b(pay(&repaid)), E::InvalidInvoiceStatus),
        ("repaid: finance again", s(ix::invoice_finance(&repaid.keys, 0)), E::InvalidInvoiceStatus),
        ("repaid: cancel", s(cancel(&repaid)), E::InvoiceFinanced),
        ("repaid: mark late", anyone(ix::invoice_mark_late(&repaid.keys, &k)), E::InvalidInvoiceStatus),
        ("repaid: mature", anyone(ix::invoice_mature(&repaid.keys)), E::InvalidInvoiceStatus),
    ];
    let n = table.len();
    for (name, (i, signer), e) in table {
        eprintln!("lifecycle case: {name}");
        // Keepers' instructions are signed by the fee payer only.
        let signers: Vec<&Keypair> = if signer.pubkey() == buyer.pubkey()
            || signer.pubkey() == supplier.pubkey()
            || signer.pubkey() == verifier.pubkey()
        {
            vec![&signer]
        } else {
            vec![]
        };
        w.env.assert_program_error(&[i], &signers, e).await;
    }
    assert_eq!(n, 30);
}

#[tokio::test]
async fn the_withdrawal_queue_cannot_be_driven_out_of_order() {
    let mut w = world().await;
    let pool = w.pool;
    let k = w.env.payer().pubkey();
    let (senior, junior) = (w.senior.insecure_clone(), w.junior.insecure_clone());
    // Filling an empty queue.
    w.env
        .assert_program_error(
            &[ix::withdrawal_fill(&pool, &k, Tranche::Senior, 0, &senior.pubkey())],
            &[],
            E::QueueEmpty,
        )
        .await;
    // A senior and a junior request queued; the junior one cannot be filled
    // before the senior queue is empty, even with cash.
    let s_seq = w.queued_senior(pool, 100 * USDC).await;
    let tail = w.env.pool_state(&pool).await.ledger.junior.queue_tail;
    w.env
        .ok(&[ix::tranche_withdraw(&pool, &junior.pubkey(), Tranche::Junior, 20 * USDC, tail)], &[&junior])
        .await;
    w.env.inject_repayment(&pool, 1_000 * USDC, 0).await;
    w.env
        .assert_program_error(
            &[ix::withdrawal_fill(&pool, &k, Tranche::Junior, tail, &junior.pubkey())],
            &[],
            E::SeniorQueueNotEmpty,
        )
        .await;
    // Filling a request that is no longer at the head (already filled):
    // its PDA is not the head's.
    w.env.ok(&[ix::withdrawal_fill(&pool, &k, Tranche::Senior, s_seq, &senior.pubkey())], &[]).await;
    w.env
        .assert_failure(
            &[ix::withdrawal_fill(&pool, &k, Tranche::Senior, s_seq, &senior.pubkey())],
            &[],
            anchor(anchor_lang::error::ErrorCode::ConstraintSeeds),
        )
        .await;
}

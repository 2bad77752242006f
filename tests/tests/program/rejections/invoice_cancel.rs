//! `invoice_cancel`: only the supplier, only before financing, with the
//! invoice's own registry entries.

use crate::invoices::{market, Market};
use autofactor_client::constants::*;
use autofactor_client::state::InvoiceStatus;
use autofactor_client::{ix, pda, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::Signer;

#[tokio::test]
async fn rejections() {
    let Market { mut env, pool, supplier, buyer, verifier, .. } = market().await;
    let t = env.usd_terms("CAN-1", 100_00, 30).await;
    let inv = env.new_invoice(&pool, &supplier, &buyer.pubkey(), t.clone()).await;
    let third = env.usd_terms("CAN-2", 100_00, 60).await;
    let third_inv = env.new_invoice(&pool, &supplier, &buyer.pubkey(), third.clone()).await;
    let mallory = env.user(ROLE_SUPPLIER).await;
    env.assert_rejections(vec![
        reject(
            "another supplier cancels",
            substitute(
                ix::invoice_cancel(&inv.keys, &t.document_hash, "CAN-1"),
                &supplier.pubkey(),
                &mallory.pubkey(),
            ),
            &[&mallory],
            E::NotInvoiceSupplier,
        ),
        reject(
            "another invoice's document entry",
            substitute(
                ix::invoice_cancel(&inv.keys, &t.document_hash, "CAN-1"),
                &pda::document_entry(&t.document_hash),
                &pda::document_entry(&third.document_hash),
            ),
            &[&supplier],
            anchor_lang::error::ErrorCode::ConstraintSeeds,
        ),
    ])
    .await;
    assert_eq!(env.invoice_state(&third_inv).await.status, InvoiceStatus::Created);

    let f = env.usd_terms("CAN-3", 100_00, 60).await;
    let financed = env.verified_invoice(&pool, &supplier, &buyer, &verifier, f.clone(), 900).await;
    env.finance(&financed, &supplier).await;
    env.assert_rejections(vec![reject(
        "after financing",
        ix::invoice_cancel(&financed.keys, &f.document_hash, "CAN-3"),
        &[&supplier],
        E::InvoiceFinanced,
    )])
    .await;
}

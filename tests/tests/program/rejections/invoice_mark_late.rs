//! `invoice_mark_late`: only past the due date plus the grace period.

use crate::invoices::{market, Market};
use autofactor_client::{ix, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::Signer;

#[tokio::test]
async fn rejections() {
    let Market { mut env, pool, supplier, buyer, verifier, .. } = market().await;
    let keeper = env.payer();
    let t = env.usd_terms("LATE-1", 1_000_00, 60).await;
    let inv = env.verified_invoice(&pool, &supplier, &buyer, &verifier, t, 700).await;
    env.assert_rejections(vec![reject(
        "an invoice the pool has not bought",
        ix::invoice_mark_late(&inv.keys, &keeper.pubkey()),
        &[],
        E::InvalidInvoiceStatus,
    )])
    .await;
    env.finance(&inv, &supplier).await;
    env.assert_rejections(vec![reject(
        "before the due date",
        ix::invoice_mark_late(&inv.keys, &keeper.pubkey()),
        &[],
        E::NotYetLate,
    )])
    .await;
    // At the due date the grace period (default_policy: 5 days) has not run.
    env.warp_seconds(60 * 86_400).await;
    env.assert_rejections(vec![reject(
        "due but within the grace period",
        ix::invoice_mark_late(&inv.keys, &keeper.pubkey()),
        &[],
        E::NotYetLate,
    )])
    .await;
}

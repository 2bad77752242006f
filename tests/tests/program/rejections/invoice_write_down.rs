//! `invoice_write_down`: only an invoice marked late.

use crate::invoices::{market, Market};
use autofactor_client::{ix, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::Signer;

#[tokio::test]
async fn rejections() {
    let Market { mut env, pool, supplier, buyer, verifier, .. } = market().await;
    let keeper = env.payer();
    let t = env.usd_terms("WD-1", 1_000_00, 60).await;
    let inv = env.verified_invoice(&pool, &supplier, &buyer, &verifier, t, 700).await;
    env.finance(&inv, &supplier).await;
    env.assert_rejections(vec![reject(
        "a financed invoice not late",
        ix::invoice_write_down(&inv.keys, &keeper.pubkey()),
        &[],
        E::InvalidInvoiceStatus,
    )])
    .await;
}

//! `invoice_mature`: only an accruing financed invoice, at or after its
//! due date.

use crate::invoices::{market, Market};
use autofactor_client::{ix, AutofactorError as E};
use autofactor_tests::*;

#[tokio::test]
async fn rejections() {
    let Market { mut env, pool, supplier, buyer, verifier, .. } = market().await;
    let t = env.usd_terms("MAT-1", 1_000_00, 60).await;
    let inv = env.verified_invoice(&pool, &supplier, &buyer, &verifier, t, 700).await;
    env.finance(&inv, &supplier).await;
    env.assert_rejections(vec![reject(
        "before the due date",
        ix::invoice_mature(&inv.keys),
        &[],
        E::NotYetDue,
    )])
    .await;
    env.warp_seconds(60 * 86_400).await;
    env.ok(&[ix::invoice_mature(&inv.keys)], &[]).await;
    env.assert_rejections(vec![reject(
        "matured twice (no longer accruing)",
        ix::invoice_mature(&inv.keys),
        &[],
        E::InvalidInvoiceStatus,
    )])
    .await;
}

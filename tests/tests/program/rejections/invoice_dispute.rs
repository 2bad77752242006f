//! `invoice_dispute`: only the invoice's buyer, only before financing.

use crate::invoices::{market, Market};
use autofactor_client::constants::*;
use autofactor_client::{ix, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::Signer;

#[tokio::test]
async fn rejections() {
    let Market { mut env, pool, supplier, buyer, verifier, .. } = market().await;
    let t = env.usd_terms("DSP-1", 100_00, 60).await;
    let inv = env.verified_invoice(&pool, &supplier, &buyer, &verifier, t, 900).await;
    let other = env.user(ROLE_BUYER).await;
    let mut as_other = inv.keys;
    as_other.buyer = other.pubkey();
    env.assert_rejections(vec![reject(
        "another buyer disputes",
        ix::invoice_dispute(&as_other, [0; 32]),
        &[&other],
        E::NotInvoiceBuyer,
    )])
    .await;

    env.finance(&inv, &supplier).await;
    env.assert_rejections(vec![reject(
        "after financing",
        ix::invoice_dispute(&inv.keys, [0; 32]),
        &[&buyer],
        E::InvalidInvoiceStatus,
    )])
    .await;
}

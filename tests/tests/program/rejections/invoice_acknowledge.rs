//! `invoice_acknowledge`: only the invoice's buyer, only once.

use crate::invoices::{market, Market};
use autofactor_client::constants::*;
use autofactor_client::{ix, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::Signer;

#[tokio::test]
async fn rejections() {
    let Market { mut env, pool, supplier, buyer, .. } = market().await;
    let t = env.usd_terms("ACK-1", 500_00, 60).await;
    let inv = env.new_invoice(&pool, &supplier, &buyer.pubkey(), t).await;
    let other_buyer = env.user(ROLE_BUYER).await;
    let mut as_other = inv.keys;
    as_other.buyer = other_buyer.pubkey();
    env.assert_rejections(vec![reject(
        "another buyer acknowledges",
        ix::invoice_acknowledge(&as_other),
        &[&other_buyer],
        E::NotInvoiceBuyer,
    )])
    .await;

    env.ok(&[ix::invoice_acknowledge(&inv.keys)], &[&buyer]).await;
    env.assert_rejections(vec![reject(
        "acknowledged twice",
        ix::invoice_acknowledge(&inv.keys),
        &[&buyer],
        E::InvalidInvoiceStatus,
    )])
    .await;
}

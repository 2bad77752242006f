//! `invoice_settle`: only once the invoice is repaid in full.

use crate::invoices::{market, Market};
use autofactor_client::{ix, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::Signer;

#[tokio::test]
async fn rejections() {
    let Market { mut env, pool, supplier, buyer, verifier, .. } = market().await;
    let keeper = env.payer();
    let t = env.usd_terms("SET-1", 1_000_00, 60).await;
    let inv = env.verified_invoice(&pool, &supplier, &buyer, &verifier, t, 700).await;
    env.finance(&inv, &supplier).await;
    env.assert_rejections(vec![reject(
        "nothing repaid",
        ix::invoice_settle(&inv.keys, &keeper.pubkey()),
        &[],
        E::NotFullyRepaid,
    )])
    .await;
    env.ok(&[ix::invoice_repay(&inv.keys, &buyer.pubkey(), 999_99, 1_000 * USDC)], &[&buyer]).await;
    env.assert_rejections(vec![reject(
        "one cent outstanding",
        ix::invoice_settle(&inv.keys, &keeper.pubkey()),
        &[],
        E::NotFullyRepaid,
    )])
    .await;
}

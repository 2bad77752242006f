//! `invoice_repay`: only a financed invoice, no more than is outstanding,
//! no more USDC than the payer allows, not zero, into the pool's own vault
//! for the invoice's own asset.

use crate::invoices::{market, Market};
use autofactor_client::{ix, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::{Keypair, Signer};

#[tokio::test]
async fn rejections() {
    let Market { mut env, pool, supplier, buyer, verifier, .. } = market().await;
    let t = env.usd_terms("REP-1", 1_000_00, 60).await;
    let inv = env.verified_invoice(&pool, &supplier, &buyer, &verifier, t, 700).await;
    env.assert_rejections(vec![reject(
        "an invoice the pool has not bought",
        ix::invoice_repay(&inv.keys, &buyer.pubkey(), 100, 10_000 * USDC),
        &[&buyer],
        E::InvoiceNotFinanced,
    )])
    .await;

    env.finance(&inv, &supplier).await;
    let other_vault = env.mint_usdc(&Keypair::new().pubkey(), 0).await;
    let t2 = env.usd_terms("REP-2", 100_00, 60).await;
    let other = env.new_invoice(&pool, &supplier, &buyer.pubkey(), t2).await;
    let repay = |minor: u64, max_usdc: u64| ix::invoice_repay(&inv.keys, &buyer.pubkey(), minor, max_usdc);
    env.assert_rejections(vec![
        reject("one cent more than outstanding", repay(1_000_01, 10_000 * USDC), &[&buyer], E::Overpayment),
        reject("more USDC than the payer allows", repay(100_00, 99 * USDC), &[&buyer], E::PaymentAboveMax),
        reject("zero", repay(0, 0), &[&buyer], E::ZeroAmount),
        reject(
            "another vault",
            substitute(repay(100_00, 100 * USDC), &pool.vault, &other_vault),
            &[&buyer],
            E::WrongVault,
        ),
        reject(
            "another invoice's asset",
            substitute(repay(100_00, 100 * USDC), &inv.keys.asset, &other.keys.asset),
            &[&buyer],
            E::WrongAsset,
        ),
    ])
    .await;
}

//! `pool_collect_fees`: only when fees are owed (they are booked as
//! invoices are repaid).

use crate::invoices::{market, Market};
use autofactor_client::{ix, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::Signer;

#[tokio::test]
async fn rejections() {
    let Market { mut env, pool, manager, supplier, buyer, verifier } = market().await;
    let treasury = env.treasury.pubkey();
    let usdc = env.usdc_mint;
    env.create_ata(&treasury, &usdc, &autofactor_client::TOKEN_PROGRAM_ID).await;
    env.create_ata(&manager.pubkey(), &usdc, &autofactor_client::TOKEN_PROGRAM_ID).await;
    env.assert_rejections(vec![reject(
        "nothing owed",
        ix::pool_collect_fees(&pool, &treasury, &manager.pubkey()),
        &[],
        E::ZeroAmount,
    )])
    .await;
    // Fees are booked as invoices are repaid, not when they are financed.
    let t = env.usd_terms("FEE-1", 100_00, 60).await;
    let inv = env.verified_invoice(&pool, &supplier, &buyer, &verifier, t, 900).await;
    env.finance(&inv, &supplier).await;
    env.assert_rejections(vec![reject(
        "an invoice financed, nothing repaid",
        ix::pool_collect_fees(&pool, &treasury, &manager.pubkey()),
        &[],
        E::ZeroAmount,
    )])
    .await;
}

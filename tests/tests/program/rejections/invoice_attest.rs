//! `invoice_attest`: only after acknowledgement, only by a verifier
//! registered for the invoice's pool (and still registered), with a score
//! of at most 1,000.

use crate::invoices::{market, Market};
use autofactor_client::{ix, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::Signer;

#[tokio::test]
async fn rejections() {
    let Market { mut env, pool, manager, supplier, buyer, verifier } = market().await;
    let t = env.usd_terms("ATT-1", 500_00, 60).await;
    let inv = env.new_invoice(&pool, &supplier, &buyer.pubkey(), t).await;
    env.assert_rejections(vec![reject(
        "before the buyer acknowledges",
        ix::invoice_attest(&inv.keys, &verifier.pubkey(), [1; 32], 900),
        &[&verifier],
        E::InvoiceNotAcknowledged,
    )])
    .await;

    env.ok(&[ix::invoice_acknowledge(&inv.keys)], &[&buyer]).await;
    let (m2, pool2) = env.pool().await;
    let outsider = env.pool_verifier(&pool2, &m2).await;
    env.assert_rejections(vec![
        reject(
            "a verifier of another pool",
            ix::invoice_attest(&inv.keys, &outsider.pubkey(), [1; 32], 900),
            &[&outsider],
            E::VerifierNotRegistered,
        ),
        reject(
            "a score above 1,000",
            ix::invoice_attest(&inv.keys, &verifier.pubkey(), [1; 32], 1_001),
            &[&verifier],
            E::InvalidCreditScore,
        ),
    ])
    .await;

    env.ok(&[ix::pool_verifier_remove(&manager.pubkey(), &pool.pool, &verifier.pubkey())], &[&manager]).await;
    env.assert_rejections(vec![reject(
        "a verifier the manager removed",
        ix::invoice_attest(&inv.keys, &verifier.pubkey(), [1; 32], 700),
        &[&verifier],
        E::VerifierNotRegistered,
    )])
    .await;
}

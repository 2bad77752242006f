//! `invoice_create`: terms within the pool's rules, a supplier and a buyer
//! with their roles (not the same wallet), and a document and invoice
//! number never originated before in any pool.

use crate::invoices::{market, Market};
use autofactor_client::constants::*;
use autofactor_client::{ix, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::{Keypair, Signer};

#[tokio::test]
async fn rejects_bad_terms_and_roles() {
    let Market { mut env, pool, supplier, buyer, .. } = market().await;
    let base = env.usd_terms("INV-2", 100_00, 60).await;
    let now = env.now().await;
    let supplier_entity = env.entity_key(&supplier.pubkey()).await;
    let buyer_entity = env.entity_key(&buyer.pubkey()).await;
    // Each row needs its own asset keypair (a signer), kept alive here.
    let assets: Vec<Keypair> = (0..11).map(|_| Keypair::new()).collect();
    let create = |t: &ix::NewInvoice,
                  asset: &Keypair,
                  buyer: &solana_sdk::pubkey::Pubkey,
                  entity: [u8; 32]| {
        ix::invoice_create(
            &ix::InvoiceKeys::new(pool, asset.pubkey(), supplier.pubkey(), *buyer, supplier_entity, entity),
            t,
        )
    };
    let terms = |case, t: ix::NewInvoice, asset, err: E| {
        reject(case, create(&t, asset, &buyer.pubkey(), buyer_entity), &[&supplier, asset], err)
    };
    let not_buyer = env.user(ROLE_INVESTOR).await;
    let not_buyer_entity = env.entity_key(&not_buyer.pubkey()).await;
    let both = env.user(ROLE_SUPPLIER | ROLE_BUYER).await;
    let self_keys = env.invoice_keys(&pool, &assets[9].pubkey(), &both.pubkey(), &both.pubkey()).await;
    let by_buyer_keys = env.invoice_keys(&pool, &assets[10].pubkey(), &buyer.pubkey(), &both.pubkey()).await;
    let b = &base;
    env.assert_rejections(vec![
        terms("zero face", ix::NewInvoice { face_minor: 0, ..b.clone() }, &assets[0], E::InvalidFaceAmount),
        terms(
            "a currency the pool does not accept",
            ix::NewInvoice { currency: *b"VND", ..b.clone() },
            &assets[1],
            E::CurrencyNotSupported,
        ),
        terms(
            "due on the issue date",
            ix::NewInvoice { due_ts: b.issue_ts, ..b.clone() },
            &assets[2],
            E::InvalidInvoiceDates,
        ),
        terms(
            "issued in the future",
            ix::NewInvoice { issue_ts: now + 100, ..b.clone() },
            &assets[3],
            E::InvalidInvoiceDates,
        ),
        terms(
            "due in 400 days",
            ix::NewInvoice { due_ts: now + 400 * 86_400, ..b.clone() },
            &assets[4],
            E::TenorOutOfBounds,
        ),
        terms(
            "no metadata URI",
            ix::NewInvoice { metadata_uri: String::new(), ..b.clone() },
            &assets[5],
            E::InvalidMetadataUri,
        ),
        terms(
            "a zero document hash",
            ix::NewInvoice { document_hash: [0; 32], ..b.clone() },
            &assets[6],
            E::InvalidDocumentHash,
        ),
        terms(
            "a 65-character invoice number",
            ix::NewInvoice { invoice_number: "x".repeat(65), ..b.clone() },
            &assets[7],
            E::InvalidInvoiceNumber,
        ),
        reject(
            "a buyer without the buyer role",
            create(b, &assets[8], &not_buyer.pubkey(), not_buyer_entity),
            &[&supplier, &assets[8]],
            E::IdentityMissingRole,
        ),
        reject(
            "the supplier as its own buyer",
            ix::invoice_create(&self_keys, b),
            &[&both, &assets[9]],
            E::BuyerIsSupplier,
        ),
        reject(
            "a wallet without the supplier role",
            ix::invoice_create(&by_buyer_keys, b),
            &[&buyer, &assets[10]],
            E::IdentityMissingRole,
        ),
    ])
    .await;
}

#[tokio::test]
async fn rejects_a_document_or_number_originated_before_in_any_pool() {
    let Market { mut env, pool, supplier, buyer, .. } = market().await;
    let terms = env.usd_terms("INV-3", 100_00, 60).await;
    env.new_invoice(&pool, &supplier, &buyer.pubkey(), terms.clone()).await;
    let (_m2, pool2) = env.pool().await;
    let mut renumbered = terms.clone();
    renumbered.document_hash = [9; 32];
    let assets: Vec<Keypair> = (0..3).map(|_| Keypair::new()).collect();
    let (s, b) = (supplier.pubkey(), buyer.pubkey());
    let same_pool = env.invoice_keys(&pool, &assets[0].pubkey(), &s, &b).await;
    let other_pool = env.invoice_keys(&pool2, &assets[1].pubkey(), &s, &b).await;
    let other_pool_2 = env.invoice_keys(&pool2, &assets[2].pubkey(), &s, &b).await;
    env.assert_rejections(vec![
        reject(
            "the same document in the same pool",
            ix::invoice_create(&same_pool, &terms),
            &[&supplier, &assets[0]],
            E::DuplicateDocument,
        ),
        reject(
            "the same document in another manager's pool",
            ix::invoice_create(&other_pool, &terms),
            &[&supplier, &assets[1]],
            E::DuplicateDocument,
        ),
        reject(
            "another document with the same supplier invoice number",
            ix::invoice_create(&other_pool_2, &renumbered),
            &[&supplier, &assets[2]],
            E::DuplicateInvoiceNumber,
        ),
    ])
    .await;
}

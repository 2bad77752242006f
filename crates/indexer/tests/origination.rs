//! Origination against the local chain with the demo: a supplier signs in
//! with its wallet, uploads a UBL e-invoice, gets the parsed terms, the
//! document's SHA-256 and a metadata URL that resolves; creates the invoice
//! on chain with them; once indexed, the document is readable by the
//! supplier, the buyer, the pool's manager and verifier, and refused to
//! anyone else (403) and to requests without a valid signed sign-in (401).

use autofactor_indexer::IndexerArgs;
use base64::Engine as _;
use reqwest::StatusCode;
use serde_json::{json, Value};
use solana_sdk::signature::{read_keypair_file, Keypair, Signer};
use std::time::{Duration, Instant};

mod common;
use common::*;

/// A document read: its status and bytes.
async fn read_xml(api: &str, sha: &str, auth: Option<&str>) -> (StatusCode, Vec<u8>) {
    let (status, _, bytes) = read_document(api, sha, auth).await;
    (status, bytes)
}

fn ubl(number: &str, issue: &str, due: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
         xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
         xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>
  <cbc:ID>{number}</cbc:ID>
  <cbc:IssueDate>{issue}</cbc:IssueDate>
  <cbc:DueDate>{due}</cbc:DueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
  <cbc:DocumentCurrencyCode>USD</cbc:DocumentCurrencyCode>
  <cac:AccountingSupplierParty><cac:Party>
    <cac:PartyName><cbc:Name>Nordic Supplier AS</cbc:Name></cac:PartyName>
    <cac:PostalAddress><cac:Country><cbc:IdentificationCode>NO</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
    <cac:PartyLegalEntity><cbc:RegistrationName>Nordic Supplier AS</cbc:RegistrationName><cbc:CompanyID schemeID="0192">923609016</cbc:CompanyID></cac:PartyLegalEntity>
  </cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party>
    <cac:PartyName><cbc:Name>Svensk Buyer AB</cbc:Name></cac:PartyName>
    <cac:PostalAddress><cac:Country><cbc:IdentificationCode>SE</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
    <cac:PartyLegalEntity><cbc:RegistrationName>Svensk Buyer AB</cbc:RegistrationName><cbc:CompanyID schemeID="0007">5560125790</cbc:CompanyID></cac:PartyLegalEntity>
  </cac:Party></cac:AccountingCustomerParty>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="USD">1234.50</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="USD">1234.50</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="USD">1234.50</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="USD">1234.50</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
</Invoice>
"#
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn documents_are_originated_and_readable_only_by_the_invoice_parties() {
    quiet_logs();
    let dir = fresh_dir("origination");
    let net = start_demo(&dir, None).await;
    let demo = net.demo.as_ref().unwrap();
    let kp = |name: &str| read_keypair_file(demo.keys_dir.join(format!("{name}.json"))).unwrap();
    let (supplier, buyer, manager, verifier, outsider) =
        (kp("supplier-1"), kp("buyer-1"), kp("manager"), kp("verifier"), kp("junior-investor-1"));

    let args = IndexerArgs::local(&net.rpc_url, &net.ws_url, &dir.join("index.sqlite"));
    let services = autofactor_indexer::start_services(&args, "127.0.0.1:0", true, None).await.unwrap();
    let api = services.api_url.clone();

    // Upload: signed in as the supplier.
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let number = format!("NO-{}", std::process::id());
    let xml = ubl(&number, &date(now - 86_400), &date(now + 30 * 86_400)).into_bytes();
    let (status, body) = upload(&api, None, "application/xml", &[], xml.clone()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    let supplier_auth = sign_in(&api, &supplier).await;
    let (status, up) = upload(&api, Some(&supplier_auth), "application/xml", &[], xml.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{up}");
    let sha = up["document_sha256"].as_str().unwrap().to_string();
    assert_eq!(sha, hex::encode(autofactor_einvoice::sha256(&xml)));
    assert_eq!(up["terms"]["amount_minor"], 123_450);
    assert_eq!(up["terms"]["currency"], "USD");
    assert_eq!(up["terms"]["invoice_number"], number);
    let metadata_uri = up["metadata_uri"].as_str().unwrap().to_string();
    assert_eq!(metadata_uri, format!("{api}/metadata/{sha}.json"));
    // The same bytes again: already stored.
    let (status, _) = upload(&api, Some(&supplier_auth), "text/xml; charset=utf-8", &[], xml.clone()).await;
    assert_eq!(status, StatusCode::OK);

    // Bad uploads get specific errors.
    let (status, e) = upload(&api, Some(&supplier_auth), "text/plain", &[], xml.clone()).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{e}");
    let (status, e) = upload(&api, Some(&supplier_auth), "application/xml", &[], b"<Order/>".to_vec()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(e["code"], "unknown_document", "{e}");
    let (status, e) = upload(&api, Some(&supplier_auth), "application/xml", &[], b"<Invoice".to_vec()).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("malformed_xml")),
        "{e}"
    );
    // (PDFs: tests/pdf_upload.rs.) A file that only starts like a PDF:
    let (status, e) =
        upload(&api, Some(&supplier_auth), "application/pdf", &[], b"%PDF-1.7 ...".to_vec()).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("malformed_pdf")),
        "{e}"
    );
    // A PDF sent as XML: the parser's own refusal.
    let (status, e) =
        upload(&api, Some(&supplier_auth), "application/xml", &[], b"%PDF-1.7 ...".to_vec()).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("pdf")), "{e}");
    let big = vec![b' '; autofactor_indexer::origination::MAX_DOCUMENT_BYTES + 10];
    let (status, _) = upload(&api, Some(&supplier_auth), "application/xml", &[], big).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);

    // The metadata resolves, publicly.
    let meta: Value = reqwest::get(&metadata_uri).await.unwrap().json().await.unwrap();
    assert_eq!(meta["properties"]["document"]["sha256"], sha);
    assert_eq!(meta["properties"]["files"][0]["uri"], format!("{api}/documents/{sha}"));
    assert_eq!(reqwest::get(format!("{api}/metadata/{}.json", "0".repeat(64))).await.unwrap().status(), 404);

    // Before the invoice is on chain only the uploader reads it.
    let buyer_auth = sign_in(&api, &buyer).await;
    assert_eq!(read_xml(&api, &sha, Some(&supplier_auth)).await, (StatusCode::OK, xml.clone()));
    assert_eq!(read_xml(&api, &sha, Some(&buyer_auth)).await.0, StatusCode::FORBIDDEN);

    // The supplier creates the invoice on chain with the document's hash and
    // the metadata URI (entity keys as in the demo's supplier-1 → buyer-1
    // invoices).
    // (Waits for the indexer's backfill of the demo.)
    let t0 = Instant::now();
    let listed = loop {
        let v: Value = reqwest::get(format!(
            "{api}/invoices?supplier={}&buyer={}&limit=1",
            supplier.pubkey(),
            buyer.pubkey()
        ))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
        if v["total"].as_u64().unwrap_or(0) > 0 {
            break v;
        }
        assert!(t0.elapsed() < Duration::from_secs(30), "the demo was not indexed");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let sample: autofactor::state::Invoice =
        account(&net.rpc_url, listed["items"][0]["invoice"].as_str().unwrap()).await;
    let asset = Keypair::new();
    let keys = autofactor_client::ix::InvoiceKeys::new(
        demo.pool,
        asset.pubkey(),
        supplier.pubkey(),
        buyer.pubkey(),
        sample.supplier_entity,
        sample.buyer_entity,
    );
    let day = |s: &str| {
        chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
            .and_utc()
            .timestamp()
    };
    let terms = autofactor_client::ix::NewInvoice {
        face_minor: up["terms"]["amount_minor"].as_u64().unwrap(),
        currency: *b"USD",
        issue_ts: day(up["terms"]["issue_date"].as_str().unwrap()),
        due_ts: day(up["terms"]["due_date"].as_str().unwrap()),
        document_hash: hex::decode(&sha).unwrap().try_into().unwrap(),
        invoice_number: number.clone(),
        metadata_uri: metadata_uri.clone(),
    };
    let ix = autofactor_client::ix::invoice_create(&keys, &terms);
    let bh = rpc_call(&net.rpc_url, "getLatestBlockhash", json!([])).await;
    let hash: solana_sdk::hash::Hash = bh["value"]["blockhash"].as_str().unwrap().parse().unwrap();
    let tx = solana_sdk::transaction::Transaction::new_signed_with_payer(
        &[ix],
        Some(&supplier.pubkey()),
        &[&supplier, &asset],
        hash,
    );
    rpc_call(
        &net.rpc_url,
        "sendTransaction",
        json!([base64::engine::general_purpose::STANDARD.encode(bincode::serialize(&tx).unwrap()), { "encoding": "base64" }]),
    )
    .await;
    let invoice = keys.invoice.to_string();
    let t0 = Instant::now();
    loop {
        let r = reqwest::get(format!("{api}/invoices/{invoice}")).await.unwrap();
        if r.status() == 200 {
            let v: Value = r.json().await.unwrap();
            assert_eq!(v["document_hash"], sha);
            break;
        }
        assert!(t0.elapsed() < Duration::from_secs(30), "the new invoice was not indexed");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // The asset's URI (as stored on chain) resolves to the metadata.
    let on_chain: autofactor::state::Invoice = account(&net.rpc_url, &invoice).await;
    assert_eq!(on_chain.metadata_uri, metadata_uri);
    assert_eq!(reqwest::get(&on_chain.metadata_uri).await.unwrap().status(), 200);

    // Now the parties read it; nobody else does.
    for (who, k) in
        [("buyer", &buyer), ("manager", &manager), ("verifier", &verifier), ("supplier", &supplier)]
    {
        let auth = sign_in(&api, k).await;
        assert_eq!(read_xml(&api, &sha, Some(&auth)).await, (StatusCode::OK, xml.clone()), "{who}");
    }
    let outsider_auth = sign_in(&api, &outsider).await;
    let (status, body) = read_xml(&api, &sha, Some(&outsider_auth)).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{}", String::from_utf8_lossy(&body));
    assert_eq!(read_xml(&api, &sha, None).await.0, StatusCode::UNAUTHORIZED);

    // Forged or stale credentials are refused with 401.
    let nonce_of = |auth: &str| auth.split(':').nth(1).unwrap().to_string();
    let forged = format!(
        "Solana {}:{}:{}",
        buyer.pubkey(),
        nonce_of(&buyer_auth),
        outsider.sign_message(b"something else")
    );
    assert_eq!(read_xml(&api, &sha, Some(&forged)).await.0, StatusCode::UNAUTHORIZED);
    // The outsider's nonce used with the buyer's key: issued to another wallet.
    let stolen = format!(
        "Solana {}:{}:{}",
        buyer.pubkey(),
        nonce_of(&outsider_auth),
        outsider_auth.rsplit(':').next().unwrap()
    );
    assert_eq!(read_xml(&api, &sha, Some(&stolen)).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(read_xml(&api, &sha, Some("Bearer x")).await.0, StatusCode::UNAUTHORIZED);
    // Expired sign-in.
    let db = autofactor_indexer::db::Target::Sqlite(dir.join("index.sqlite"));
    let n = nonce_of(&buyer_auth);
    tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
        let mut c = db.connect()?;
        c.execute("UPDATE auth_nonces SET expires_ts = 0 WHERE nonce = ?", &[n.into()])?;
        Ok(())
    })
    .await
    .unwrap()
    .unwrap();
    let (status, body) = read_xml(&api, &sha, Some(&buyer_auth)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(String::from_utf8_lossy(&body).contains("expired"));

    println!(
        "document {sha} ({} bytes): invoice {invoice} created on chain, read by 4 parties, refused to others",
        xml.len()
    );
    services.stop().await;
    net.shutdown().await.unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}

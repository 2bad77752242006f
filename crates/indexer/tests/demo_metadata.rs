//! The demo's invoices go through origination like uploads: the local chain
//! seeds them with real UBL e-invoices whose SHA-256 is the on-chain
//! document hash and whose asset URI is the API's
//! `/metadata/<sha256>.json`; the indexer stores the documents
//! (`store_documents`, as `autofactor localnet --demo` does) and the API
//! serves them. Every demo invoice's asset URI is fetched over HTTP and its
//! JSON compared with the invoice account, the Core asset and the manifest.

use autofactor::state::Invoice;
use autofactor_indexer::origination::NewDocument;
use autofactor_indexer::IndexerArgs;

mod common;
use common::*;
use serde_json::{json, Value};
use solana_sdk::signature::read_keypair_file;

/// The `uri` of a Metaplex Core `AssetV1` account: key (1), owner (32),
/// update authority (1 + 32 unless None), name and uri (Borsh strings).
fn core_asset_uri(data: &[u8]) -> String {
    assert_eq!(data[0], 1, "Key::AssetV1");
    let mut at = 1 + 32;
    at += if data[at] == 0 { 1 } else { 33 };
    let mut string = || {
        let len = u32::from_le_bytes(data[at..at + 4].try_into().unwrap()) as usize;
        let s = String::from_utf8(data[at + 4..at + 4 + len].to_vec()).unwrap();
        at += 4 + len;
        s
    };
    let _name = string();
    string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_demo_invoice_uri_resolves_to_its_metadata() {
    quiet_logs();
    let dir = fresh_dir("demo-metadata");
    let api_port = free_port();
    let api_url = format!("http://127.0.0.1:{api_port}");
    let net = start_demo(&dir, Some(api_url.clone())).await;
    let demo = net.demo.as_ref().unwrap();
    assert_eq!(demo.api_url, api_url);

    // What `autofactor localnet --demo` does: store the demo's documents,
    // then serve the API on the port the URIs name.
    let args = IndexerArgs::local(&net.rpc_url, &net.ws_url, &dir.join("index.sqlite"));
    let docs: Vec<NewDocument> =
        demo.documents().unwrap().into_iter().map(|(s, xml)| NewDocument::xml(s, xml)).collect();
    assert_eq!(docs.len(), demo.invoices.len());
    let uris = autofactor_indexer::store_documents(&args, &demo.api_url, docs.clone()).await.unwrap();
    // Idempotent (a restored demo stores them again).
    assert_eq!(autofactor_indexer::store_documents(&args, &demo.api_url, docs).await.unwrap(), uris);
    let services = autofactor_indexer::start_services(&args, &format!("127.0.0.1:{api_port}"), true, None)
        .await
        .unwrap();
    assert_eq!(services.api_url, api_url);

    let http = reqwest::Client::new();
    let mut open = 0;
    for (inv, uri) in demo.invoices.iter().zip(&uris) {
        assert_eq!(&inv.metadata_uri, uri, "{}", inv.number);
        assert_eq!(inv.metadata_uri, format!("{api_url}/metadata/{}.json", inv.document_sha256));
        let r = http.get(&inv.metadata_uri).send().await.unwrap();
        assert_eq!(r.status(), 200, "{} {}", inv.number, inv.metadata_uri);
        assert_eq!(r.headers()["content-type"], "application/json");
        let meta: Value = r.json().await.unwrap();
        let terms = &meta["properties"]["invoice"];
        assert_eq!(meta["name"], format!("Invoice {}", inv.number));
        assert!(meta["description"].as_str().unwrap().contains(&inv.number));
        assert_eq!(meta["properties"]["document"]["sha256"], inv.document_sha256);
        assert_eq!(meta["properties"]["document"]["format"], "ubl");
        assert_eq!(attribute(&meta, "Document SHA-256"), &json!(inv.document_sha256));
        assert_eq!(terms["amount_minor"], inv.face_minor);
        assert_eq!(attribute(&meta, "Face amount (minor units)"), &json!(inv.face_minor.to_string()));
        assert_eq!(terms["currency"], inv.currency);
        assert_eq!(terms["currency_exponent"], inv.decimals);
        assert_eq!(terms["invoice_number"], inv.number);
        assert_eq!(terms["issue_date"], date(inv.issue_ts));
        assert_eq!(terms["due_date"], date(inv.due_ts));
        // The e-invoice file the manifest lists hashes to the same value.
        let file = std::fs::read(demo.keys_dir.join(&inv.document_file)).unwrap();
        assert_eq!(hex::encode(autofactor_einvoice::sha256(&file)), inv.document_sha256);

        // Open invoices: the invoice account and the Core asset carry that
        // URI and hash; the metadata states the account's amount and currency.
        let Some(data) = account_data(&net.rpc_url, &inv.invoice).await else {
            assert!(inv.stage.status().is_none(), "{} has no account", inv.number);
            continue;
        };
        let acc: Invoice = autofactor_client::decode::account(&data).unwrap();
        assert_eq!(acc.metadata_uri, inv.metadata_uri);
        assert_eq!(hex::encode(acc.document_hash), inv.document_sha256);
        assert_eq!(terms["amount_minor"], acc.face_minor);
        assert_eq!(terms["currency"], String::from_utf8(acc.currency.to_vec()).unwrap());
        assert_eq!(terms["due_date"], date(acc.due_ts));
        let asset = account_data(&net.rpc_url, &inv.asset).await.expect("asset");
        assert_eq!(core_asset_uri(&asset), inv.metadata_uri, "{}", inv.number);
        open += 1;
    }
    assert!(open >= 9, "{open} open invoices");

    // The document itself: the supplier (its uploader) reads it once signed in.
    let supplier =
        read_keypair_file(demo.keys_dir.join(format!("{}.json", demo.invoices[0].supplier))).unwrap();
    let auth = sign_in(&api_url, &supplier).await;
    let first = &demo.invoices[0];
    let (status, _, bytes) = read_document(&api_url, &first.document_sha256, Some(&auth)).await;
    assert_eq!(status, 200);
    assert_eq!(bytes, std::fs::read(demo.keys_dir.join(&first.document_file)).unwrap());

    println!(
        "{} demo invoices: every asset URI resolves to metadata matching the chain ({open} open)",
        uris.len()
    );
    services.stop().await;
    net.shutdown().await.unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}

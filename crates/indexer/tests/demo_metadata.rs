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
use autofactor_localnet::{Config, Localnet};
use base64::Engine as _;
use serde_json::{json, Value};
use solana_sdk::signature::{read_keypair_file, Signer};

fn free_port() -> u16 {
    for _ in 0..100 {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        if port < 65_000 && std::net::TcpListener::bind(("127.0.0.1", port + 1)).is_ok() {
            return port;
        }
    }
    panic!("no free port pair");
}

async fn rpc_call(url: &str, method: &str, params: Value) -> Value {
    let body = json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params });
    let v: Value = reqwest::Client::new().post(url).json(&body).send().await.unwrap().json().await.unwrap();
    assert!(v.get("error").is_none(), "{method}: {v}");
    v["result"].clone()
}

async fn account_data(url: &str, key: &str) -> Option<Vec<u8>> {
    let v = rpc_call(url, "getAccountInfo", json!([key, { "encoding": "base64" }])).await;
    let data = v["value"]["data"][0].as_str()?;
    Some(base64::engine::general_purpose::STANDARD.decode(data).unwrap())
}

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

fn attribute<'a>(meta: &'a Value, trait_type: &str) -> &'a Value {
    &meta["attributes"].as_array().unwrap().iter().find(|a| a["trait_type"] == trait_type).unwrap()["value"]
}

fn date(ts: i64) -> String {
    chrono::DateTime::from_timestamp(ts, 0).unwrap().format("%Y-%m-%d").to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_demo_invoice_uri_resolves_to_its_metadata() {
    if std::env::var_os("RUST_LOG").is_none() {
        std::env::set_var("RUST_LOG", "error");
    }
    let dir = std::env::temp_dir().join(format!("af-indexer-demo-metadata-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let api_port = free_port();
    let api_url = format!("http://127.0.0.1:{api_port}");
    let net = Localnet::start(Config {
        port: free_port(),
        demo: true,
        ledger_dir: Some(dir.join("ledger")),
        api_url: Some(api_url.clone()),
        ..Config::default()
    })
    .await
    .unwrap();
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
    let n: Value = http
        .post(format!("{api_url}/auth/nonce"))
        .json(&json!({ "wallet": supplier.pubkey().to_string() }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let sig = supplier.sign_message(n["message"].as_str().unwrap().as_bytes());
    let auth = format!("Solana {}:{}:{sig}", supplier.pubkey(), n["nonce"].as_str().unwrap());
    let first = &demo.invoices[0];
    let r = http
        .get(format!("{api_url}/documents/{}", first.document_sha256))
        .header("authorization", auth)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.bytes().await.unwrap().to_vec(),
        std::fs::read(demo.keys_dir.join(&first.document_file)).unwrap()
    );

    println!(
        "{} demo invoices: every asset URI resolves to metadata matching the chain ({open} open)",
        uris.len()
    );
    services.stop().await;
    net.shutdown().await.unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}

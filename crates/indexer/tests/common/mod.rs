//! What the indexer's integration tests share: ports, the demo chain,
//! JSON-RPC reads, the API's sign-in, uploads and document reads, and the
//! metadata's attributes. Each test file uses part of it.
#![allow(dead_code)]

use autofactor_localnet::{Config, Localnet};
use base64::Engine as _;
use reqwest::StatusCode;
use serde_json::{json, Value};
use solana_sdk::signature::{Keypair, Signer};
use std::path::PathBuf;

/// A free port whose successor (the WebSocket's) is free too.
pub fn free_port() -> u16 {
    for _ in 0..100 {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        if port < 65_000 && std::net::TcpListener::bind(("127.0.0.1", port + 1)).is_ok() {
            return port;
        }
    }
    panic!("no free port pair");
}

/// Errors only in the logs, unless `RUST_LOG` says otherwise.
pub fn quiet_logs() {
    if std::env::var_os("RUST_LOG").is_none() {
        std::env::set_var("RUST_LOG", "error");
    }
}

/// An empty folder `af-indexer-<name>-<pid>` in the temp directory.
pub fn fresh_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("af-indexer-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// `autofactor localnet --demo` in process, its ledger in `dir/ledger`,
/// its invoices' metadata URIs naming `api_url` when given.
pub async fn start_demo(dir: &std::path::Path, api_url: Option<String>) -> Localnet {
    Localnet::start(Config {
        port: free_port(),
        demo: true,
        ledger_dir: Some(dir.join("ledger")),
        api_url,
        ..Config::default()
    })
    .await
    .unwrap()
}

/// A JSON-RPC call that must succeed; its `result`.
pub async fn rpc_call(url: &str, method: &str, params: Value) -> Value {
    let body = json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params });
    let v: Value = reqwest::Client::new().post(url).json(&body).send().await.unwrap().json().await.unwrap();
    assert!(v.get("error").is_none(), "{method}: {v}");
    v["result"].clone()
}

/// The data of account `key`, if it exists.
pub async fn account_data(url: &str, key: &str) -> Option<Vec<u8>> {
    let v = rpc_call(url, "getAccountInfo", json!([key, { "encoding": "base64" }])).await;
    let data = v["value"]["data"][0].as_str()?;
    Some(base64::engine::general_purpose::STANDARD.decode(data).unwrap())
}

/// Program account `key`, decoded.
pub async fn account<T: anchor_lang::AccountDeserialize>(url: &str, key: &str) -> T {
    let data = account_data(url, key).await.unwrap_or_else(|| panic!("no account {key}"));
    autofactor_client::decode::account::<T>(&data).unwrap()
}

/// `Authorization` header value for `kp`, signed in through the API (the
/// message it signs names its wallet and the nonce).
pub async fn sign_in(api: &str, kp: &Keypair) -> String {
    let r: Value = reqwest::Client::new()
        .post(format!("{api}/auth/nonce"))
        .json(&json!({ "wallet": kp.pubkey().to_string() }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let (message, nonce) = (r["message"].as_str().unwrap(), r["nonce"].as_str().unwrap());
    assert!(message.contains(&kp.pubkey().to_string()) && message.contains(nonce), "{message}");
    let sig = kp.sign_message(message.as_bytes());
    format!("Solana {}:{nonce}:{sig}", kp.pubkey())
}

/// `POST /documents` with `body` as `content_type`, the query and, when
/// given, the sign-in; the status and the JSON answer (`{"raw": text}` if
/// it is not JSON).
pub async fn upload(
    api: &str,
    auth: Option<&str>,
    content_type: &str,
    query: &[(&str, &str)],
    body: Vec<u8>,
) -> (StatusCode, Value) {
    let mut req = reqwest::Client::new()
        .post(format!("{api}/documents"))
        .query(query)
        .header("content-type", content_type)
        .body(body);
    if let Some(a) = auth {
        req = req.header("authorization", a);
    }
    let r = req.send().await.unwrap();
    let status = r.status();
    let text = r.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(json!({ "raw": text })))
}

/// `GET /documents/{sha}`: the status, the content type and the bytes.
pub async fn read_document(api: &str, sha: &str, auth: Option<&str>) -> (StatusCode, String, Vec<u8>) {
    let mut req = reqwest::Client::new().get(format!("{api}/documents/{sha}"));
    if let Some(a) = auth {
        req = req.header("authorization", a);
    }
    let r = req.send().await.unwrap();
    let ct = r.headers().get("content-type").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    (r.status(), ct, r.bytes().await.unwrap().to_vec())
}

/// The value of the metadata attribute `trait_type`.
pub fn attribute<'a>(meta: &'a Value, trait_type: &str) -> &'a Value {
    &meta["attributes"].as_array().unwrap().iter().find(|a| a["trait_type"] == trait_type).unwrap()["value"]
}

/// `YYYY-MM-DD` of a unix time.
pub fn date(ts: i64) -> String {
    chrono::DateTime::from_timestamp(ts, 0).unwrap().format("%Y-%m-%d").to_string()
}

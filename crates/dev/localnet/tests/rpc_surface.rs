//! The JSON-RPC and WebSocket surface of an in-process local chain: every
//! listed method is served, bad input gets JSON-RPC errors (never a panic
//! or a dropped connection), and the WebSocket answers and notifies.

mod common;

use autofactor_localnet::Config;
use common::TestChain;
use futures::{SinkExt as _, StreamExt as _};
use serde_json::{json, Value};
use solana_rpc_client::nonblocking::rpc_client::RpcClient;
use solana_sdk::signature::{Keypair, Signer};
use tokio_tungstenite::tungstenite::Message;

/// Posts a raw body, returns the parsed JSON answer.
async fn post(url: &str, body: &str) -> Value {
    let client = reqwest::Client::new();
    let resp = client
        .post(url)
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .expect("the server answers");
    assert!(resp.status().is_success(), "HTTP {}", resp.status());
    resp.json().await.expect("a JSON answer")
}

async fn call(url: &str, method: &str, params: Value) -> Value {
    post(url, &json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}).to_string()).await
}

fn code(v: &Value) -> i64 {
    v["error"]["code"].as_i64().unwrap_or_else(|| panic!("expected an error, got {v}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_method_is_served_and_bad_input_gets_json_rpc_errors() {
    let chain = TestChain::start("rpc-surface", Config::default()).await;
    let net = &chain.net;
    let url = net.rpc_url.clone();
    let rpc = RpcClient::new(url.clone());
    let wallet = Keypair::new();
    let sig = rpc.request_airdrop(&wallet.pubkey(), 5_000_000_000).await.unwrap();
    let who = wallet.pubkey().to_string();
    let program = autofactor_client::PROGRAM_ID.to_string();

    // Every advertised method answers something other than "Method not found".
    let sample = |m: &str| -> Value {
        match m {
            "getAccountInfo" | "getBalance" | "getTokenAccountBalance" | "getTokenSupply" => json!([who]),
            "getMultipleAccounts" => json!([[who]]),
            "getProgramAccounts" => json!([program, {"encoding": "base64"}]),
            "getTokenAccountsByOwner" => {
                json!([who, {"programId": autofactor_client::TOKEN_PROGRAM_ID.to_string()}])
            }
            "getSignatureStatuses" => json!([[sig.to_string()]]),
            "getSignaturesForAddress" => json!([who]),
            "getTransaction" => json!([sig.to_string(), "json"]),
            "getMinimumBalanceForRentExemption" => json!([165]),
            "isBlockhashValid" => json!(["11111111111111111111111111111111"]),
            "requestAirdrop" => json!([who, 1]),
            "getFeeForMessage" | "sendTransaction" | "simulateTransaction" => json!(["AA=="]),
            _ => json!([]),
        }
    };
    for m in autofactor_localnet::rpc::METHODS {
        let v = call(&url, m, sample(m)).await;
        assert!(v["error"]["code"].as_i64() != Some(-32601), "{m} is not served: {v}");
        assert_eq!(v["jsonrpc"], "2.0");
    }

    // Shapes a client relies on.
    let v = call(&url, "getSignatureStatuses", json!([[sig.to_string()]])).await;
    assert_eq!(v["result"]["value"][0]["confirmationStatus"], "finalized");
    assert_eq!(v["result"]["value"][0]["err"], Value::Null);
    let v = call(&url, "getTransaction", json!([sig.to_string(), {"encoding": "base64"}])).await;
    assert_eq!(v["result"]["transaction"][1], "base64");
    assert!(v["result"]["meta"]["preBalances"].is_array());
    let v = call(&url, "getTransaction", json!([sig.to_string(), {"encoding": "jsonParsed"}])).await;
    assert_eq!(v["result"]["transaction"]["message"]["instructions"][1]["parsed"]["type"], "transfer");
    let v = call(&url, "getBalance", json!([who, {"commitment": "processed"}])).await;
    assert_eq!(v["result"]["value"], 5_000_000_000u64 + 1);
    let feed = autofactor_localnet::pyth::FEEDS[0].address().to_string();
    let v =
        call(&url, "getAccountInfo", json!([feed, {"encoding": "base64", "commitment": "finalized"}])).await;
    assert_eq!(v["result"]["value"]["owner"], autofactor_localnet::pyth::RECEIVER_PROGRAM_ID.to_string());
    let v = call(&url, "getHealth", json!([])).await;
    assert_eq!(v["result"], "ok");

    // The FX publisher: fresh PriceUpdateV2 accounts, publish_time = bank clock.
    let now = || std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let mut last = 0;
    for round in 0..2 {
        for f in autofactor_localnet::pyth::FEEDS {
            let account = rpc.get_account(&f.address()).await.unwrap();
            assert_eq!(account.owner, autofactor_localnet::pyth::RECEIVER_PROGRAM_ID);
            let u = autofactor_localnet::pyth::decode_price_update(&account.data).unwrap();
            assert_eq!(u.price_message.feed_id, f.feed_id());
            assert_eq!(u.price_message.exponent, f.exponent);
            assert!((u.price_message.publish_time - now()).abs() <= 3, "{} is stale", f.symbol);
            let clock = anchor_lang::prelude::Clock { unix_timestamp: now(), ..Default::default() };
            u.get_price_no_older_than(&clock, 10, &f.feed_id()).unwrap();
            if f.currency == "EUR" {
                assert!(u.price_message.publish_time > last || round == 0);
                last = u.price_message.publish_time;
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(2_100)).await;
    }

    // Errors, not panics.
    assert_eq!(code(&call(&url, "getNothing", json!([])).await), -32601);
    assert_eq!(code(&post(&url, "{not json").await), -32700);
    assert_eq!(code(&post(&url, r#"{"jsonrpc":"2.0","id":1}"#).await), -32600);
    assert_eq!(code(&call(&url, "getAccountInfo", json!(["not-a-key"])).await), -32602);
    assert_eq!(code(&call(&url, "getAccountInfo", json!([])).await), -32602);
    assert_eq!(code(&call(&url, "getAccountInfo", json!([who, {"encoding": "nonsense"}])).await), -32602);
    assert_eq!(code(&call(&url, "getBalance", json!([42])).await), -32602);
    assert_eq!(code(&call(&url, "getMultipleAccounts", json!([vec![who.clone(); 101]])).await), -32602);
    assert_eq!(code(&call(&url, "sendTransaction", json!(["!!!", {"encoding": "base64"}])).await), -32602);
    assert_eq!(code(&call(&url, "sendTransaction", json!(["AAAA", {"encoding": "base64"}])).await), -32602);
    assert_eq!(code(&call(&url, "sendTransaction", json!(["AAAA", {"encoding": "json"}])).await), -32602);
    assert_eq!(code(&call(&url, "sendTransaction", json!([["x"]])).await), -32602);
    assert_eq!(
        code(&call(&url, "sendTransaction", json!(["A".repeat(5000), {"encoding": "base64"}])).await),
        -32602
    );
    assert_eq!(
        code(&call(&url, "simulateTransaction", json!(["AAAA", {"encoding": "base64"}])).await),
        -32602
    );
    assert_eq!(code(&call(&url, "getFeeForMessage", json!(["AAAA"])).await), -32602);
    assert_eq!(code(&call(&url, "getSignatureStatuses", json!([["abc"]])).await), -32602);
    assert_eq!(code(&call(&url, "getTransaction", json!(["abc"])).await), -32602);
    assert_eq!(code(&call(&url, "getTokenAccountBalance", json!([who])).await), -32602);
    assert_eq!(code(&call(&url, "getTokenAccountsByOwner", json!([who, {"programId": who}])).await), -32602);
    assert_eq!(code(&call(&url, "requestAirdrop", json!([who, 0])).await), -32602);
    assert_eq!(code(&call(&url, "getSlot", json!([{"minContextSlot": u64::MAX}])).await), -32016);
    let big_filter = json!([program, {"filters": [{"memcmp": {"offset": 0, "bytes": "1".repeat(300)}}]}]);
    assert_eq!(code(&call(&url, "getProgramAccounts", big_filter).await), -32602);
    // Base58 account data over 128 bytes needs base64, as on a validator.
    assert_eq!(code(&call(&url, "getAccountInfo", json!([feed])).await), -32602);
    // Unknown signature: null, not an error.
    let unknown = solana_sdk::signature::Signature::default().to_string();
    assert_eq!(call(&url, "getTransaction", json!([unknown])).await["result"], Value::Null);
    // Batches.
    let batch = post(
        &url,
        r#"[{"jsonrpc":"2.0","id":1,"method":"getSlot"},{"jsonrpc":"2.0","id":2,"method":"nope"}]"#,
    )
    .await;
    assert_eq!(batch.as_array().unwrap().len(), 2);
    // The server is still healthy after all that.
    assert_eq!(call(&url, "getHealth", json!([])).await["result"], "ok");

    // WebSocket: errors and notifications.
    let (mut ws, _) = tokio_tungstenite::connect_async(net.ws_url.as_str()).await.unwrap();
    async fn recv(
        ws: &mut (impl futures::Stream<Item = Result<Message, tokio_tungstenite::tungstenite::Error>> + Unpin),
    ) -> Value {
        loop {
            let m = tokio::time::timeout(std::time::Duration::from_secs(15), ws.next())
                .await
                .unwrap()
                .unwrap()
                .unwrap();
            if let Message::Text(t) = m {
                return serde_json::from_str(t.as_str()).unwrap();
            }
        }
    }
    ws.send(Message::Text("{garbage".into())).await.unwrap();
    assert_eq!(recv(&mut ws).await["error"]["code"], -32700);
    ws.send(Message::Text(
        json!({"jsonrpc":"2.0","id":1,"method":"nopeSubscribe","params":[]}).to_string().into(),
    ))
    .await
    .unwrap();
    assert_eq!(recv(&mut ws).await["error"]["code"], -32601);
    ws.send(Message::Text(
        json!({"jsonrpc":"2.0","id":2,"method":"accountSubscribe","params":["bad"]}).to_string().into(),
    ))
    .await
    .unwrap();
    assert_eq!(recv(&mut ws).await["error"]["code"], -32602);
    ws.send(Message::Text(
        json!({"jsonrpc":"2.0","id":3,"method":"slotUnsubscribe","params":[999_999]}).to_string().into(),
    ))
    .await
    .unwrap();
    assert_eq!(recv(&mut ws).await["error"]["code"], -32602);
    // A signature that already executed is notified at once.
    ws.send(Message::Text(json!({"jsonrpc":"2.0","id":4,"method":"signatureSubscribe","params":[sig.to_string(), {"commitment":"finalized"}]}).to_string().into())).await.unwrap();
    let ack = recv(&mut ws).await;
    assert_eq!(ack["id"], 4);
    let sub = ack["result"].as_u64().unwrap();
    let note = recv(&mut ws).await;
    assert_eq!(note["method"], "signatureNotification");
    assert_eq!(note["params"]["subscription"], sub);
    assert_eq!(note["params"]["result"]["value"]["err"], Value::Null);
    // Account and logs notifications for a new transfer.
    ws.send(Message::Text(
        json!({"jsonrpc":"2.0","id":5,"method":"accountSubscribe","params":[who, {"encoding":"base64"}]})
            .to_string()
            .into(),
    ))
    .await
    .unwrap();
    let account_sub = recv(&mut ws).await["result"].as_u64().unwrap();
    ws.send(Message::Text(
        json!({"jsonrpc":"2.0","id":6,"method":"logsSubscribe","params":[{"mentions":[who]}]})
            .to_string()
            .into(),
    ))
    .await
    .unwrap();
    let logs_sub = recv(&mut ws).await["result"].as_u64().unwrap();
    let airdrop = rpc.request_airdrop(&wallet.pubkey(), 7).await.unwrap();
    let mut seen_account = false;
    let mut seen_logs = false;
    while !(seen_account && seen_logs) {
        let n = recv(&mut ws).await;
        if n["params"]["subscription"] == account_sub {
            assert_eq!(n["method"], "accountNotification");
            assert_eq!(n["params"]["result"]["value"]["lamports"], 5_000_000_008u64);
            seen_account = true;
        } else if n["params"]["subscription"] == logs_sub {
            assert_eq!(n["method"], "logsNotification");
            assert_eq!(n["params"]["result"]["value"]["signature"], airdrop.to_string());
            seen_logs = true;
        }
    }
    ws.send(Message::Text(
        json!({"jsonrpc":"2.0","id":7,"method":"accountUnsubscribe","params":[account_sub]})
            .to_string()
            .into(),
    ))
    .await
    .unwrap();
    let mut answer = recv(&mut ws).await;
    while answer.get("id").is_none() {
        answer = recv(&mut ws).await;
    }
    assert_eq!(answer["result"], true);

    chain.finish().await;
}

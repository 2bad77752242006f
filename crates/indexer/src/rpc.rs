//! The little JSON-RPC the indexer needs (`getSignaturesForAddress`,
//! `getTransaction`), over reqwest, with retries and exponential backoff
//! for transport errors, HTTP 429/5xx and the node's transient errors.

use anyhow::{anyhow, bail, Context as _};
use serde_json::{json, Value as Json};
use std::time::Duration;

/// A signature as listed by `getSignaturesForAddress`.
#[derive(Clone, Debug)]
pub struct SignatureInfo {
    pub signature: String,
    pub slot: u64,
    pub failed: bool,
}

/// One inner (or outer) instruction with its program and accounts resolved.
#[derive(Clone, Debug)]
pub struct Instruction {
    pub program_id: String,
    pub accounts: Vec<String>,
    pub data: Vec<u8>,
}

/// What the indexer keeps of a transaction.
#[derive(Clone, Debug)]
pub struct Transaction {
    pub signature: String,
    pub slot: u64,
    pub block_time: Option<i64>,
    pub failed: bool,
    /// Inner instructions of every outer instruction, in execution order.
    pub inner_instructions: Vec<Instruction>,
}

/// Retry policy.
#[derive(Clone, Debug)]
pub struct Backoff {
    pub attempts: u32,
    pub initial: Duration,
    pub max: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Self { attempts: 8, initial: Duration::from_millis(200), max: Duration::from_secs(10) }
    }
}

impl Backoff {
    /// Delay before retry number `n` (0-based): initial × 2ⁿ, capped.
    pub fn delay(&self, n: u32) -> Duration {
        self.initial.saturating_mul(1u32 << n.min(16)).min(self.max)
    }
}

#[derive(Clone)]
pub struct RpcClient {
    url: String,
    http: reqwest::Client,
    pub backoff: Backoff,
    pub commitment: String,
}

/// Whether an error is worth retrying.
enum Failure {
    Transient(anyhow::Error),
    Fatal(anyhow::Error),
}

impl RpcClient {
    pub fn new(url: &str, commitment: &str) -> anyhow::Result<Self> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .build()
            .context("cannot build the HTTP client")?;
        Ok(Self {
            url: url.to_string(),
            http,
            backoff: Backoff::default(),
            commitment: commitment.to_string(),
        })
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    async fn call_once(&self, method: &str, params: &Json) -> Result<Json, Failure> {
        let body = json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params });
        let resp = self
            .http
            .post(&self.url)
            .json(&body)
            .send()
            .await
            .map_err(|e| Failure::Transient(anyhow!("{method}: request to {} failed: {e}", self.url)))?;
        let status = resp.status();
        if status.as_u16() == 429 || status.is_server_error() {
            return Err(Failure::Transient(anyhow!("{method}: HTTP {status} from {}", self.url)));
        }
        if !status.is_success() {
            return Err(Failure::Fatal(anyhow!("{method}: HTTP {status} from {}", self.url)));
        }
        let v: Json = resp.json().await.map_err(|e| {
            Failure::Transient(anyhow!("{method}: unreadable response from {}: {e}", self.url))
        })?;
        if let Some(err) = v.get("error") {
            let code = err.get("code").and_then(Json::as_i64).unwrap_or(0);
            let msg = anyhow!("{method}: RPC error {err}");
            // -32602/-32601: our request is wrong; anything else (node
            // behind, slot skipped, rate limits, internal) may pass later.
            return Err(if code == -32602 || code == -32601 || code == -32600 {
                Failure::Fatal(msg)
            } else {
                Failure::Transient(msg)
            });
        }
        v.get("result")
            .cloned()
            .ok_or_else(|| Failure::Transient(anyhow!("{method}: response without result")))
    }

    /// Calls `method`, retrying transient failures with backoff.
    pub async fn call(&self, method: &str, params: Json) -> anyhow::Result<Json> {
        let mut last = None;
        for attempt in 0..self.backoff.attempts.max(1) {
            if attempt > 0 {
                tokio::time::sleep(self.backoff.delay(attempt - 1)).await;
            }
            match self.call_once(method, &params).await {
                Ok(v) => return Ok(v),
                Err(Failure::Fatal(e)) => return Err(e),
                Err(Failure::Transient(e)) => last = Some(e),
            }
        }
        Err(last
            .unwrap_or_else(|| anyhow!("{method}: no attempt made"))
            .context(format!("gave up after {} attempts", self.backoff.attempts)))
    }

    /// One page of `getSignaturesForAddress`, newest first.
    pub async fn signatures(
        &self,
        address: &str,
        before: Option<&str>,
        until: Option<&str>,
        limit: usize,
    ) -> anyhow::Result<Vec<SignatureInfo>> {
        let mut cfg = json!({ "limit": limit, "commitment": self.commitment });
        if let Some(b) = before {
            cfg["before"] = json!(b);
        }
        if let Some(u) = until {
            cfg["until"] = json!(u);
        }
        let v = self.call("getSignaturesForAddress", json!([address, cfg])).await?;
        let list = v.as_array().ok_or_else(|| anyhow!("getSignaturesForAddress: not an array"))?;
        list.iter()
            .map(|s| {
                Ok(SignatureInfo {
                    signature: s["signature"]
                        .as_str()
                        .ok_or_else(|| anyhow!("getSignaturesForAddress: entry without signature"))?
                        .to_string(),
                    slot: s["slot"]
                        .as_u64()
                        .ok_or_else(|| anyhow!("getSignaturesForAddress: entry without slot"))?,
                    failed: !s["err"].is_null(),
                })
            })
            .collect()
    }

    /// `getTransaction` (JSON encoding); waits (with backoff) while the
    /// node does not have it yet at our commitment.
    pub async fn transaction(&self, signature: &str) -> anyhow::Result<Transaction> {
        let cfg =
            json!({ "encoding": "json", "maxSupportedTransactionVersion": 0, "commitment": self.commitment });
        for attempt in 0..self.backoff.attempts.max(1) {
            if attempt > 0 {
                tokio::time::sleep(self.backoff.delay(attempt - 1)).await;
            }
            let v = self.call("getTransaction", json!([signature, cfg])).await?;
            if !v.is_null() {
                return parse_transaction(signature, &v);
            }
        }
        bail!("getTransaction {signature}: not found after {} attempts", self.backoff.attempts)
    }
}

/// Parses a `getTransaction` JSON-encoded result.
pub fn parse_transaction(signature: &str, v: &Json) -> anyhow::Result<Transaction> {
    let ctx = || format!("transaction {signature}");
    let slot = v["slot"].as_u64().ok_or_else(|| anyhow!("no slot")).with_context(ctx)?;
    let meta = &v["meta"];
    let failed = !meta["err"].is_null();
    let mut keys: Vec<String> = v["transaction"]["message"]["accountKeys"]
        .as_array()
        .ok_or_else(|| anyhow!("no accountKeys (was the encoding json?)"))
        .with_context(ctx)?
        .iter()
        .map(|k| k.as_str().map(str::to_string).ok_or_else(|| anyhow!("bad account key")))
        .collect::<anyhow::Result<_>>()
        .with_context(ctx)?;
    for part in ["writable", "readonly"] {
        if let Some(list) = meta["loadedAddresses"][part].as_array() {
            keys.extend(list.iter().filter_map(|k| k.as_str().map(str::to_string)));
        }
    }
    let key = |i: &Json| -> anyhow::Result<String> {
        let i = i.as_u64().ok_or_else(|| anyhow!("bad account index"))? as usize;
        keys.get(i).cloned().ok_or_else(|| anyhow!("account index {i} out of range"))
    };
    let mut inner = Vec::new();
    let mut groups: Vec<&Json> =
        meta["innerInstructions"].as_array().map(|a| a.iter().collect()).unwrap_or_default();
    groups.sort_by_key(|g| g["index"].as_u64().unwrap_or(0));
    for group in groups {
        for ix in group["instructions"].as_array().into_iter().flatten() {
            let data = bs58::decode(ix["data"].as_str().unwrap_or(""))
                .into_vec()
                .map_err(|e| anyhow!("inner instruction data is not base58: {e}"))
                .with_context(ctx)?;
            let accounts = ix["accounts"]
                .as_array()
                .into_iter()
                .flatten()
                .map(&key)
                .collect::<anyhow::Result<Vec<_>>>()
                .with_context(ctx)?;
            inner.push(Instruction {
                program_id: key(&ix["programIdIndex"]).with_context(ctx)?,
                accounts,
                data,
            });
        }
    }
    Ok(Transaction {
        signature: signature.to_string(),
        slot,
        block_time: v["blockTime"].as_i64(),
        failed,
        inner_instructions: inner,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A JSON-RPC endpoint that answers 503, then a node error, then the
    /// result; and -32602 for `bad` requests.
    async fn flaky_endpoint() -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let hits = std::sync::Arc::new(AtomicUsize::new(0));
        let h = hits.clone();
        let app = axum::Router::new().route(
            "/",
            axum::routing::post(move |axum::Json(req): axum::Json<Json>| {
                let h = h.clone();
                async move {
                    use axum::response::IntoResponse;
                    let n = h.fetch_add(1, Ordering::SeqCst);
                    if req["method"] == "bad" {
                        return axum::Json(json!({ "jsonrpc": "2.0", "id": 1, "error": { "code": -32602, "message": "Invalid params" } })).into_response();
                    }
                    match n {
                        0 => axum::http::StatusCode::SERVICE_UNAVAILABLE.into_response(),
                        1 => axum::Json(json!({ "jsonrpc": "2.0", "id": 1, "error": { "code": -32005, "message": "Node is behind" } })).into_response(),
                        _ => axum::Json(json!({ "jsonrpc": "2.0", "id": 1, "result": [] })).into_response(),
                    }
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        (url, hits)
    }

    #[tokio::test]
    async fn transient_rpc_errors_are_retried_with_backoff_and_bad_requests_are_not() {
        use std::sync::atomic::Ordering;
        let (url, hits) = flaky_endpoint().await;
        let mut rpc = RpcClient::new(&url, "confirmed").unwrap();
        rpc.backoff =
            Backoff { attempts: 4, initial: Duration::from_millis(20), max: Duration::from_millis(50) };
        let t0 = std::time::Instant::now();
        let sigs = rpc.signatures("11111111111111111111111111111111", None, None, 10).await.unwrap();
        assert!(sigs.is_empty());
        assert_eq!(hits.load(Ordering::SeqCst), 3, "503, node behind, then success");
        assert!(t0.elapsed() >= Duration::from_millis(60), "waited 20 + 40 ms between attempts");

        hits.store(10, Ordering::SeqCst);
        let err = rpc.call("bad", json!([])).await.unwrap_err();
        assert!(format!("{err:#}").contains("-32602"), "{err:#}");
        assert_eq!(hits.load(Ordering::SeqCst), 11, "a bad request is not retried");

        // An endpoint that never answers: gives up after the attempts.
        let mut dead = RpcClient::new("http://127.0.0.1:9", "confirmed").unwrap();
        dead.backoff =
            Backoff { attempts: 3, initial: Duration::from_millis(1), max: Duration::from_millis(2) };
        let err = dead.call("getSlot", json!([])).await.unwrap_err();
        assert!(format!("{err:#}").contains("gave up after 3 attempts"), "{err:#}");
    }

    #[test]
    fn backoff_doubles_and_caps() {
        let b = Backoff { attempts: 5, initial: Duration::from_millis(100), max: Duration::from_secs(1) };
        assert_eq!(b.delay(0), Duration::from_millis(100));
        assert_eq!(b.delay(2), Duration::from_millis(400));
        assert_eq!(b.delay(10), Duration::from_secs(1));
    }

    #[test]
    fn parses_inner_instructions_with_loaded_addresses() {
        let v = json!({
            "slot": 7, "blockTime": 1000,
            "meta": { "err": null,
                "loadedAddresses": { "writable": ["W"], "readonly": ["R"] },
                "innerInstructions": [
                    { "index": 1, "instructions": [{ "programIdIndex": 3, "accounts": [0, 2], "data": bs58::encode([9u8, 8]).into_string() }] },
                    { "index": 0, "instructions": [{ "programIdIndex": 1, "accounts": [], "data": "" }] }
                ] },
            "transaction": { "message": { "accountKeys": ["A", "P"] } }
        });
        let t = parse_transaction("sig", &v).unwrap();
        assert_eq!(t.slot, 7);
        assert_eq!(t.block_time, Some(1000));
        assert!(!t.failed);
        assert_eq!(t.inner_instructions.len(), 2);
        assert_eq!(t.inner_instructions[0].program_id, "P");
        assert_eq!(t.inner_instructions[1].program_id, "R");
        assert_eq!(t.inner_instructions[1].accounts, vec!["A".to_string(), "W".to_string()]);
        assert_eq!(t.inner_instructions[1].data, vec![9, 8]);
    }
}

//! The indexer and API against the local chain with the demo seeded
//! (`autofactor_localnet`, in process — the chain `autofactor localnet
//! --demo` runs):
//! - the indexer replays the demo's history; the API's latest NAV, cash,
//!   receivables, tranche values, prices and supply equal the pool account,
//!   and its open invoices equal the invoice accounts;
//! - every documented route answers;
//! - a crash inside a batch (transaction never committed) and `kill -9` of
//!   the indexer process at random points of the backfill lose and
//!   duplicate nothing: the tables end identical to an uninterrupted run;
//! - dropping everything and rebuilding gives identical tables;
//! - live: a new transaction is picked up while following;
//! - PostgreSQL (when `AUTOFACTOR_TEST_POSTGRES_URL` is set): the same
//!   history gives the same digest and the same API answers as SQLite.

use autofactor::state::{Invoice, Pool};
use autofactor_indexer::db::Target;
use autofactor_indexer::indexer::{self, IndexerConfig};
use autofactor_indexer::{api, digest, drop_all, rpc};
use base64::Engine as _;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

mod common;
use common::*;

/// Every program account with the discriminator of `T`, decoded.
async fn program_accounts<T: anchor_lang::AccountDeserialize + anchor_lang::Discriminator>(
    url: &str,
) -> BTreeMap<String, T> {
    let filter = json!({ "memcmp": { "offset": 0, "bytes": bs58::encode(T::DISCRIMINATOR).into_string() } });
    let list = rpc_call(
        url,
        "getProgramAccounts",
        json!([autofactor::ID.to_string(), { "encoding": "base64", "filters": [filter] }]),
    )
    .await;
    list.as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let data = base64::engine::general_purpose::STANDARD
                .decode(a["account"]["data"][0].as_str().unwrap())
                .unwrap();
            (
                a["pubkey"].as_str().unwrap().to_string(),
                autofactor_client::decode::account::<T>(&data).unwrap(),
            )
        })
        .collect()
}

async fn get(api_url: &str, path: &str) -> Value {
    let r = reqwest::get(format!("{api_url}{path}")).await.unwrap();
    let status = r.status();
    let body: Value = r.json().await.unwrap();
    assert!(status.is_success(), "GET {path}: {status} {body}");
    body
}

fn sqlite(dir: &Path, name: &str) -> Target {
    Target::Sqlite(dir.join(name))
}

fn config(rpc_url: &str, db: Target, batch_size: usize) -> IndexerConfig {
    let mut c = IndexerConfig::new(rpc_url, db);
    c.batch_size = batch_size;
    c.once = true;
    c
}

async fn index_once(cfg: IndexerConfig) -> indexer::Progress {
    let (_stop_tx, stop) = tokio::sync::watch::channel(false);
    indexer::run(cfg, stop).await.unwrap()
}

async fn digest_of(target: &Target) -> String {
    let t = target.clone();
    tokio::task::spawn_blocking(move || digest(&mut t.connect()?)).await.unwrap().unwrap()
}

async fn tx_count(target: &Target) -> i64 {
    let t = target.clone();
    tokio::task::spawn_blocking(move || -> anyhow::Result<i64> {
        let mut c = indexer::open(&t)?;
        Ok(indexer::cursor(&mut c, &autofactor::ID.to_string())?.1)
    })
    .await
    .unwrap()
    .unwrap()
}

/// The pre-aggregated answers (exposure, ageing, repayment health, 1 h / 1 d
/// history — maintained at ingest) equal a recount over the API's invoice
/// rows and raw snapshots.
async fn assert_aggregates_match_recount(api_url: &str, pool: &str) {
    let list = get(api_url, &format!("/invoices?pool={pool}&limit=500")).await;
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len() as u64, list["total"].as_u64().unwrap());
    let outstanding: Vec<&Value> = items.iter().filter(|i| i["outstanding_usdc"].is_u64()).collect();
    assert!(!outstanding.is_empty());
    for by in ["buyer", "supplier", "currency"] {
        let mut groups: BTreeMap<String, (u64, u64, u64)> = BTreeMap::new();
        for i in &outstanding {
            let g = groups.entry(i[by].as_str().unwrap().to_string()).or_default();
            g.0 += 1;
            g.1 += i["face_usdc"].as_u64().unwrap_or(0);
            g.2 += i["outstanding_usdc"].as_u64().unwrap();
        }
        let e = get(api_url, &format!("/pools/{pool}/exposure?by={by}")).await;
        let api_groups: BTreeMap<String, (u64, u64, u64)> = e["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| {
                let n = |k: &str| g[k].as_u64().unwrap();
                (g[by].as_str().unwrap().to_string(), (n("count"), n("face_usdc"), n("outstanding_usdc")))
            })
            .collect();
        assert_eq!(api_groups, groups, "exposure by {by}");
        assert_eq!(e["outstanding_usdc"].as_u64().unwrap(), groups.values().map(|g| g.2).sum::<u64>());
    }
    for now in [1_700_000_000i64, 1_900_000_000, chrono::Utc::now().timestamp()] {
        let mut buckets: BTreeMap<String, (u64, u64)> = BTreeMap::new();
        for i in &outstanding {
            let b = api::ageing_bucket(i["status"].as_str().unwrap(), i["due_ts"].as_i64().unwrap(), now);
            let e = buckets.entry(b.to_string()).or_default();
            e.0 += 1;
            e.1 += i["outstanding_usdc"].as_u64().unwrap();
        }
        let a = get(api_url, &format!("/pools/{pool}/ageing?now_ts={now}")).await;
        for b in a["buckets"].as_array().unwrap() {
            let want = buckets.get(b["bucket"].as_str().unwrap()).copied().unwrap_or_default();
            assert_eq!(
                (b["count"].as_u64().unwrap(), b["outstanding_usdc"].as_u64().unwrap()),
                want,
                "{now}: {a}"
            );
        }
    }
    // Repayment health per buyer, recounted from the invoice rows.
    let mut buyers: BTreeMap<String, [i64; 7]> = BTreeMap::new();
    for i in items.iter().filter(|i| i["financed_ts"].is_i64()) {
        let h = buyers.entry(i["buyer"].as_str().unwrap().to_string()).or_default();
        let repaid = i["repaid_ts"].as_i64();
        let defaulted = i["defaulted_ts"].is_i64();
        let recovered = i["recovered_usdc"].as_i64().unwrap();
        h[0] += 1;
        h[1] += i64::from(repaid.is_some());
        h[2] += i64::from(
            repaid.is_some_and(|t| t <= i["late_after_ts"].as_i64().unwrap_or(t)) && recovered == 0,
        );
        h[3] += repaid.map_or(0, |t| (t - i["due_ts"].as_i64().unwrap()).max(0));
        h[4] += i64::from(defaulted);
        h[5] += if defaulted { i["face_usdc"].as_i64().unwrap() } else { 0 };
        h[6] += if defaulted { recovered } else { 0 };
    }
    let health = get(api_url, &format!("/pools/{pool}/repayment-health")).await;
    let api_buyers: BTreeMap<String, [i64; 7]> = health["buyers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            let n = |k: &str| b[k].as_i64().unwrap();
            let late_secs = b["avg_days_late"]
                .as_f64()
                .map_or(0, |d| (d * 86_400.0 * n("repaid_count") as f64).round() as i64);
            (
                b["buyer"].as_str().unwrap().to_string(),
                [
                    n("financed_count"),
                    n("repaid_count"),
                    n("on_time_count"),
                    late_secs,
                    n("defaulted_count"),
                    n("defaulted_face_usdc"),
                    n("recovered_usdc"),
                ],
            )
        })
        .collect();
    assert_eq!(api_buyers, buyers, "{health}");
    // History: the last raw snapshot per bucket, whole range and windows cut
    // mid-bucket.
    let raw = get(api_url, &format!("/pools/{pool}/history?resolution=raw")).await;
    let raw = raw["points"].as_array().unwrap();
    let (t0, t1) = (raw[0]["ts"].as_i64().unwrap(), raw.last().unwrap()["ts"].as_i64().unwrap());
    for res in [3_600i64, 86_400] {
        for (from, to) in
            [(None, None), (Some(t0 + 1_800), Some(t1 - 1_000)), (Some(t1 - 86_400 * 3 + 7), Some(t1 - 5))]
        {
            let mut want: Vec<&Value> = Vec::new();
            for p in raw {
                let ts = p["ts"].as_i64().unwrap();
                if from.is_some_and(|f| ts < f) || to.is_some_and(|t| ts > t) {
                    continue;
                }
                match want.last_mut() {
                    Some(last) if last["ts"].as_i64().unwrap().div_euclid(res) == ts.div_euclid(res) => {
                        *last = p
                    }
                    _ => want.push(p),
                }
            }
            let mut q = format!("/pools/{pool}/history?resolution={res}");
            if let (Some(f), Some(t)) = (from, to) {
                q.push_str(&format!("&from={f}&to={t}"));
            }
            let got = get(api_url, &q).await;
            let got = got["points"].as_array().unwrap();
            assert_eq!(got.len(), want.len(), "{q}");
            for (g, w) in got.iter().zip(&want) {
                for k in ["ts", "nav_usdc", "cash_usdc", "senior_price", "junior_price", "senior_supply"] {
                    assert_eq!(g[k], w[k], "{q} {k}");
                }
                assert_eq!(g["bucket_ts"].as_i64().unwrap(), w["ts"].as_i64().unwrap().div_euclid(res) * res);
            }
        }
    }
}

/// API figures equal the chain: pools' snapshots and the open invoices.
async fn assert_api_equals_chain(api_url: &str, rpc_url: &str) -> usize {
    let chain_pools = program_accounts::<Pool>(rpc_url).await;
    assert!(!chain_pools.is_empty());
    let api_pools = get(api_url, "/pools").await;
    let api_pools: BTreeMap<String, Value> = api_pools["pools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["pool"].as_str().unwrap().to_string(), p.clone()))
        .collect();
    assert_eq!(api_pools.keys().collect::<Vec<_>>(), chain_pools.keys().collect::<Vec<_>>());
    for (key, pool) in &chain_pools {
        let s = pool.ledger.snapshot().unwrap();
        let a = &api_pools[key];
        let field = |f: &str| a[f].as_u64().unwrap_or_else(|| panic!("{f} in {a}"));
        assert_eq!(field("nav_usdc"), s.nav_usdc, "NAV of {key}");
        assert_eq!(field("cash_usdc"), s.cash_usdc);
        assert_eq!(field("receivables_usdc"), pool.ledger.receivables_value_usdc().unwrap());
        assert_eq!(field("senior_value_usdc"), s.senior_value_usdc);
        assert_eq!(field("junior_value_usdc"), s.junior_value_usdc);
        assert_eq!(field("senior_supply"), s.senior_supply);
        assert_eq!(field("junior_supply"), s.junior_supply);
        assert_eq!(field("senior_price"), s.senior_price);
        assert_eq!(field("junior_price"), s.junior_price);
        assert_eq!(field("pool_id"), pool.pool_id);
        assert_eq!(a["manager"], pool.manager.to_string());
        assert_eq!(a["paused"], pool.paused);
        assert_eq!(field("open_invoices"), pool.ledger.open_invoices, "open financed invoices of {key}");
        assert_eq!(
            field("total_written_down_usdc"),
            pool.ledger.total_written_down_usdc,
            "write-downs of {key}"
        );
        assert!(s.nav_usdc > 0, "the demo pool has money");
    }

    let chain_invoices = program_accounts::<Invoice>(rpc_url).await;
    let listed = get(api_url, "/invoices?open=true&limit=500").await;
    assert_eq!(listed["total"].as_u64().unwrap() as usize, chain_invoices.len());
    let api_invoices: BTreeMap<String, Value> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["invoice"].as_str().unwrap().to_string(), i.clone()))
        .collect();
    assert_eq!(api_invoices.keys().collect::<Vec<_>>(), chain_invoices.keys().collect::<Vec<_>>());
    for (key, inv) in &chain_invoices {
        let a = &api_invoices[key];
        assert_eq!(a["status"], inv.status.name(), "status of {key}");
        assert_eq!(a["face_minor"].as_u64().unwrap(), inv.face_minor);
        assert_eq!(a["repaid_minor"].as_u64().unwrap(), inv.repaid_minor, "repaid of {key}");
        assert_eq!(a["currency"], String::from_utf8(inv.currency.to_vec()).unwrap());
        assert_eq!(a["pool"], inv.pool.to_string());
        assert_eq!(a["asset"], inv.asset.to_string());
        assert_eq!(a["supplier"], inv.supplier.to_string());
        assert_eq!(a["buyer"], inv.buyer.to_string());
        assert_eq!(a["due_ts"].as_i64().unwrap(), inv.due_ts);
        assert_eq!(a["invoice_number"], inv.invoice_number);
        assert_eq!(a["document_hash"], hex::encode(inv.document_hash));
        assert_eq!(
            a["written_down_usdc"].as_u64().unwrap(),
            inv.book.written_down_usdc,
            "write-down of {key}"
        );
        if inv.financed_ts != 0 {
            assert_eq!(a["financed_ts"].as_i64().unwrap(), inv.financed_ts);
            assert_eq!(a["face_usdc"].as_u64().unwrap(), inv.book.pricing.face_usdc);
            assert_eq!(a["late_after_ts"].as_i64().unwrap(), inv.late_after_ts);
        }
        if inv.credit_score != 0 {
            assert_eq!(a["credit_score"].as_u64().unwrap(), u64::from(inv.credit_score));
        }
    }
    chain_invoices.len()
}

fn kill9(child: &mut std::process::Child) {
    // SIGKILL: no cleanup, no flush — the crash case.
    child.kill().unwrap();
    child.wait().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn indexer_replays_the_demo_and_the_api_equals_the_chain() {
    quiet_logs();
    let dir: PathBuf = fresh_dir("demo");
    std::fs::create_dir_all(&dir).unwrap();
    let net = start_demo(&dir, None).await;
    let rpc_url = net.rpc_url.clone();

    // 1. Full replay into SQLite, in batches of 7.
    let a = sqlite(&dir, "a.sqlite");
    let t0 = Instant::now();
    let progress = index_once(config(&rpc_url, a.clone(), 7)).await;
    println!(
        "replayed {} transactions in {} batches in {:?}",
        progress.transactions,
        progress.batches,
        t0.elapsed()
    );
    assert!(progress.transactions >= 40, "the demo has dozens of transactions: {progress:?}");
    assert!(progress.batches >= 6);
    let digest_a = digest_of(&a).await;
    // Nothing new: a second run adds nothing and changes nothing.
    assert_eq!(index_once(config(&rpc_url, a.clone(), 7)).await.transactions, 0);
    assert_eq!(digest_of(&a).await, digest_a);

    // 2. The API over that database equals the chain.
    let args = autofactor_indexer::IndexerArgs {
        rpc: rpc_url.clone(),
        ws: None,
        no_ws: true,
        db: dir.join("a.sqlite").display().to_string(),
        program: None,
        batch_size: 7,
        poll_secs: 1,
        commitment: "confirmed".into(),
        batch_pause_ms: 0,
        verbose: false,
    };
    let services = autofactor_indexer::start_services(&args, "127.0.0.1:0", false, None).await.unwrap();
    let api_url = services.api_url.clone();
    let open = assert_api_equals_chain(&api_url, &rpc_url).await;
    assert!(open >= 8, "the demo keeps invoices at many stages open: {open}");

    // Every event the demo emitted decodes; the event names cover the
    // lifecycle.
    let status = get(&api_url, "/status").await;
    assert_eq!(status["schema_version"], autofactor_indexer::schema::latest_version());
    assert_eq!(status["cursors"][0]["tx_count"].as_u64().unwrap() as usize, progress.transactions);
    let names: Vec<String> = get(&api_url, "/events?limit=500").await["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect();
    for n in [
        "ProtocolInitialized",
        "PoolCreated",
        "Deposited",
        "InvoiceCreated",
        "InvoiceAcknowledged",
        "InvoiceDisputed",
        "InvoiceAttested",
        "InvoiceFinanced",
        "InvoicePaid",
        "InvoiceMarkedLate",
        "InvoiceWrittenDown",
        "InvoiceSettled",
        "InvoiceCancelled",
    ] {
        assert!(names.iter().any(|x| x == n), "no {n} event indexed");
    }

    // 3. Dashboards: every documented route answers; figures are coherent.
    let pool = net.demo.as_ref().unwrap().pool.pool.to_string();
    let any_invoice =
        get(&api_url, "/invoices?limit=1").await["items"][0]["invoice"].as_str().unwrap().to_string();
    let investor =
        net.demo.as_ref().unwrap().wallets.iter().find(|w| w.0 == "junior-investor-1").unwrap().1.to_string();
    for (path, _, _) in api::ROUTES {
        let p =
            path.replace("{pool}", &pool).replace("{invoice}", &any_invoice).replace("{investor}", &investor);
        get(&api_url, &p).await;
    }
    let doc = get(&api_url, "/openapi.json").await;
    assert_eq!(doc["openapi"], "3.0.3");
    assert_eq!(
        doc["paths"].as_object().unwrap().len(),
        api::ROUTES.len() + 4,
        "GET routes + nonce, upload, document, metadata"
    );

    let history = get(&api_url, &format!("/pools/{pool}/history?resolution=1d")).await;
    let points = history["points"].as_array().unwrap();
    assert!(points.len() >= 3, "the demo spans 130 days: {history}");
    let raw = get(&api_url, &format!("/pools/{pool}/history")).await;
    assert!(raw["points"].as_array().unwrap().len() >= points.len());
    // The last point of any resolution is the pool's latest snapshot.
    let latest = get(&api_url, &format!("/pools/{pool}")).await;
    assert_eq!(points.last().unwrap()["nav_usdc"], latest["nav_usdc"]);
    for p in points {
        assert_eq!(
            p["nav_usdc"].as_u64().unwrap(),
            p["cash_usdc"].as_u64().unwrap() + p["receivables_usdc"].as_u64().unwrap()
        );
        assert_eq!(
            p["nav_usdc"].as_u64().unwrap(),
            p["senior_value_usdc"].as_u64().unwrap() + p["junior_value_usdc"].as_u64().unwrap()
        );
    }
    let apy = get(&api_url, &format!("/pools/{pool}/apy")).await;
    assert!(apy["senior"]["apy_inception_bps"].is_i64(), "{apy}");
    assert!(apy["junior"]["apy_inception_bps"].is_i64(), "{apy}");
    // Junior absorbed AF-1001's default: its price fell below 1.0 at some point.
    assert!(apy["junior"]["inception_price"].as_u64().unwrap() > 0);

    let ageing = get(&api_url, &format!("/pools/{pool}/ageing")).await;
    let bucket = |name: &str| {
        ageing["buckets"].as_array().unwrap().iter().find(|b| b["bucket"] == name).unwrap()["count"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(bucket("defaulted"), 1, "AF-1001: {ageing}");
    assert_eq!(bucket("61-90"), 1, "AF-1002 is 70 days past due: {ageing}");
    assert_eq!(bucket("current"), 2, "AF-1005, AF-1006: {ageing}");
    let exposure = get(&api_url, &format!("/pools/{pool}/exposure?by=currency")).await;
    let currencies: Vec<&str> =
        exposure["groups"].as_array().unwrap().iter().map(|g| g["currency"].as_str().unwrap()).collect();
    assert_eq!(currencies, vec!["EUR", "NOK"], "{exposure}");
    let total: u64 =
        exposure["groups"].as_array().unwrap().iter().map(|g| g["outstanding_usdc"].as_u64().unwrap()).sum();
    assert_eq!(total, exposure["outstanding_usdc"].as_u64().unwrap());
    let health = get(&api_url, &format!("/pools/{pool}/repayment-health")).await;
    assert_eq!(health["pool"]["financed_count"], 6, "{health}");
    assert_eq!(health["pool"]["defaulted_count"], 1);
    assert_eq!(health["pool"]["repaid_count"], 2);
    assert_eq!(health["pool"]["on_time_count"], 2);
    assert_eq!(health["pool"]["default_rate_bps"], 1666);
    assert_aggregates_match_recount(&api_url, &pool).await;
    let positions = get(&api_url, &format!("/investors/{investor}/positions")).await;
    assert_eq!(positions["positions"][0]["deposited_usdc"], 300_000_000_000u64, "{positions}");
    let timeline = get(&api_url, &format!("/invoices/{any_invoice}/timeline")).await;
    assert_eq!(timeline["events"][0]["name"], "InvoiceCreated");

    // Bad input gets a specific 400, unknown keys a 404.
    let r = reqwest::get(format!("{api_url}/invoices?status=Paid")).await.unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("unknown status \\\"Paid\\\""));
    let r = reqwest::get(format!("{api_url}/pools/{}", autofactor::ID)).await.unwrap();
    assert_eq!(r.status(), 404);
    let r = reqwest::get(format!("{api_url}/pools/{pool}/history?resolution=1w")).await.unwrap();
    assert_eq!(r.status(), 400);
    services.stop().await;

    // 4. Crash inside a batch: 10 transactions committed, then 5 more
    // applied in a transaction that never commits (connection dropped).
    let b = sqlite(&dir, "b.sqlite");
    let client = rpc::RpcClient::new(&rpc_url, "confirmed").unwrap();
    let mut sigs = client.signatures(&autofactor::ID.to_string(), None, None, 1000).await.unwrap();
    sigs.reverse();
    let mut txs = Vec::new();
    for s in sigs.iter().take(15) {
        txs.push(client.transaction(&s.signature).await.unwrap());
    }
    let tb = b.clone();
    tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
        let mut c = indexer::open(&tb)?;
        let program = autofactor::ID.to_string();
        assert_eq!(indexer::store_batch(&mut c, &program, &txs[..10])?, 10);
        c.begin()?;
        assert_eq!(indexer::store_batch_in(&mut c, &program, &txs[10..])?, 5);
        drop(c); // the process dies here: no commit
        let mut c = indexer::open(&tb)?;
        assert_eq!(indexer::cursor(&mut c, &program)?.1, 10, "the uncommitted batch left no trace");
        // Storing an already stored transaction again changes nothing.
        assert_eq!(indexer::store_batch(&mut c, &program, &txs[5..10])?, 0);
        Ok(())
    })
    .await
    .unwrap()
    .unwrap();
    index_once(config(&rpc_url, b.clone(), 4)).await;
    assert_eq!(digest_of(&b).await, digest_a, "resumed after a crash mid-batch");

    // 5. kill -9 of the indexer process at random points of the backfill.
    let c_db = dir.join("c.sqlite");
    let c_target = Target::Sqlite(c_db.clone());
    let bin = env!("CARGO_BIN_EXE_autofactor-indexer");
    let spawn = || {
        std::process::Command::new(bin)
            .args([
                "indexer",
                "--once",
                "--no-ws",
                "--batch-size",
                "3",
                "--batch-pause-ms",
                "60",
                "--rpc",
                &rpc_url,
            ])
            .arg("--db")
            .arg(&c_db)
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    let mut kills = 0;
    let mut seen = Vec::new();
    for round in 0..3u64 {
        let mut child = spawn();
        // Wait for progress beyond the previous kill, then kill at a
        // pseudo-random moment.
        let before = tx_count(&c_target).await;
        let deadline = Instant::now() + Duration::from_secs(60);
        while tx_count(&c_target).await <= before && Instant::now() < deadline {
            if let Some(status) = child.try_wait().unwrap() {
                assert!(status.success(), "the indexer failed on its own: {status}");
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        tokio::time::sleep(Duration::from_millis(37 * (round + 1) + (std::process::id() as u64 % 50))).await;
        if child.try_wait().unwrap().is_none() {
            kill9(&mut child);
            kills += 1;
        }
        seen.push(tx_count(&c_target).await);
    }
    println!("killed the indexer {kills} times, at {seen:?} of {} transactions", progress.transactions);
    assert!(kills >= 2, "the backfill was killed mid-way: {seen:?}");
    assert!(seen.iter().all(|n| (*n as usize) < progress.transactions), "killed before the end: {seen:?}");
    let status = std::process::Command::new(bin)
        .args(["indexer", "--once", "--no-ws", "--rpc", &rpc_url])
        .arg("--db")
        .arg(&c_db)
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(digest_of(&c_target).await, digest_a, "killed and restarted: identical tables");
    let printed = std::process::Command::new(bin)
        .args(["indexer", "--digest"])
        .arg("--db")
        .arg(&c_db)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(printed.stdout).unwrap().trim(), digest_a);

    // 6. Rebuild from scratch: identical.
    let ta = a.clone();
    tokio::task::spawn_blocking(move || drop_all(&mut ta.connect()?)).await.unwrap().unwrap();
    index_once(config(&rpc_url, a.clone(), 50)).await;
    assert_eq!(digest_of(&a).await, digest_a, "rebuilt database is identical");

    // 7. Live: follow the chain (WebSocket wake-up), send a keeper refresh,
    // see its snapshot in the API.
    let mut live_args = args.clone();
    live_args.no_ws = false;
    // Polls only once a minute: the WebSocket notification is what wakes it.
    live_args.poll_secs = 60;
    let services = autofactor_indexer::start_services(&live_args, "127.0.0.1:0", true, None).await.unwrap();
    let before = get(&services.api_url, "/status").await["events"].as_u64().unwrap();
    let keys_dir = net.demo.as_ref().unwrap().keys_dir.clone();
    let payer = solana_sdk::signature::read_keypair_file(keys_dir.join("admin.json")).unwrap();
    let sent_at = Instant::now();
    send(&rpc_url, &payer, autofactor_client::ix::pool_refresh(&net.demo.as_ref().unwrap().pool.pool)).await;
    loop {
        let now = get(&services.api_url, "/status").await["events"].as_u64().unwrap();
        if now > before {
            break;
        }
        assert!(sent_at.elapsed() < Duration::from_secs(30), "live update not indexed");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    println!("live transaction indexed {:?} after sending", sent_at.elapsed());
    let refreshed = get(&services.api_url, "/events?name=PoolRefreshed&limit=500").await;
    assert!(!refreshed["events"].as_array().unwrap().is_empty());
    assert_api_equals_chain(&services.api_url, &rpc_url).await;
    services.stop().await;
    let live_digest = digest_of(&a).await;

    // 8. PostgreSQL: the same history, the same tables and answers.
    match std::env::var("AUTOFACTOR_TEST_POSTGRES_URL") {
        Err(_) => println!(
            "SKIPPED PostgreSQL path: AUTOFACTOR_TEST_POSTGRES_URL is not set (crates/indexer/ci-postgres.sh sets it)"
        ),
        Ok(url) => {
            let pg = Target::parse(&url).unwrap();
            let tp = pg.clone();
            tokio::task::spawn_blocking(move || drop_all(&mut tp.connect()?)).await.unwrap().unwrap();
            let t0 = Instant::now();
            index_once(config(&rpc_url, pg.clone(), 7)).await;
            println!("PostgreSQL replay in {:?}", t0.elapsed());
            assert_eq!(digest_of(&pg).await, live_digest, "PostgreSQL holds the same tables as SQLite");
            let mut pg_args = args.clone();
            pg_args.db = url.clone();
            let pg_api = autofactor_indexer::start_services(&pg_args, "127.0.0.1:0", false, None).await.unwrap();
            let sq_api = autofactor_indexer::start_services(&args, "127.0.0.1:0", false, None).await.unwrap();
            assert_api_equals_chain(&pg_api.api_url, &rpc_url).await;
            for path in [
                "/pools".to_string(),
                "/invoices?limit=500".to_string(),
                format!("/pools/{pool}/history?resolution=1h"),
                format!("/pools/{pool}/apy"),
                format!("/pools/{pool}/exposure?by=buyer"),
                format!("/pools/{pool}/ageing?now_ts=1900000000"),
                format!("/pools/{pool}/repayment-health"),
                format!("/investors/{investor}/positions"),
                format!("/invoices/{any_invoice}"),
            ] {
                let mut x = get(&pg_api.api_url, &path).await;
                let mut y = get(&sq_api.api_url, &path).await;
                // Derived "days past due" depend on the wall clock of each call.
                for v in [&mut x, &mut y] {
                    strip_clock(v);
                }
                assert_eq!(x, y, "{path}: PostgreSQL and SQLite answers differ");
            }
            pg_api.stop().await;
            sq_api.stop().await;
        }
    }

    net.shutdown().await.unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}

fn strip_clock(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.remove("days_past_due");
            m.remove("ageing_bucket");
            for x in m.values_mut() {
                strip_clock(x);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(strip_clock),
        _ => {}
    }
}

async fn send(
    rpc_url: &str,
    payer: &solana_sdk::signature::Keypair,
    ix: anchor_lang::solana_program::instruction::Instruction,
) {
    use solana_sdk::signer::Signer as _;
    let bh = rpc_call(rpc_url, "getLatestBlockhash", json!([])).await;
    let hash: solana_sdk::hash::Hash = bh["value"]["blockhash"].as_str().unwrap().parse().unwrap();
    let tx = solana_sdk::transaction::Transaction::new_signed_with_payer(
        &[ix],
        Some(&payer.pubkey()),
        &[payer],
        hash,
    );
    let bytes = bincode::serialize(&tx).unwrap();
    rpc_call(
        rpc_url,
        "sendTransaction",
        json!([base64::engine::general_purpose::STANDARD.encode(bytes), { "encoding": "base64" }]),
    )
    .await;
}

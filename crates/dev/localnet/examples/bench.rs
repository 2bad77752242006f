//! Benchmark of a running local chain (or any Solana RPC endpoint).
//!
//! ```text
//! autofactor localnet --demo &            # or without --demo
//! cargo run --release -p autofactor-localnet --example bench -- \
//!     [--url http://127.0.0.1:8899] [--samples 200] [--concurrency 16] \
//!     [--seconds 10] [--keys .localnet/keys]
//! ```
//!
//! Prints:
//! - sendAndConfirm latency (p50, p90, p99, max) of SOL transfers, measured
//!   as a wallet does it: `getLatestBlockhash`, `sendTransaction`, then the
//!   `signatureSubscribe` notification over the WebSocket;
//! - the same through `RpcClient::send_and_confirm_transaction` (HTTP
//!   status polling);
//! - with `--keys` (a demo keys directory), the latency of an Autofactor
//!   junior deposit (CPIs into SPL Token and Token-2022);
//! - sustained throughput: `--concurrency` clients sending and confirming
//!   (WebSocket) transfers back to back for `--seconds`.

use futures::StreamExt as _;
use solana_commitment_config::CommitmentConfig;
use solana_pubsub_client::nonblocking::pubsub_client::PubsubClient;
use solana_rpc_client::nonblocking::rpc_client::RpcClient;
use solana_rpc_client_types::config::RpcSignatureSubscribeConfig;
use solana_rpc_client_types::response::RpcSignatureResult;
use solana_sdk::hash::Hash;
use solana_sdk::instruction::Instruction;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signer};
use solana_sdk::transaction::Transaction;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

struct Args {
    url: String,
    ws: String,
    samples: usize,
    concurrency: usize,
    seconds: u64,
    keys: Option<std::path::PathBuf>,
}

fn args() -> Result<Args> {
    let mut a = Args {
        url: "http://127.0.0.1:8899".into(),
        ws: String::new(),
        samples: 200,
        concurrency: 16,
        seconds: 10,
        keys: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--url" => a.url = value()?,
            "--ws" => a.ws = value()?,
            "--samples" => a.samples = value()?.parse()?,
            "--concurrency" => a.concurrency = value()?.parse()?,
            "--seconds" => a.seconds = value()?.parse()?,
            "--keys" => a.keys = Some(value()?.into()),
            "-h" | "--help" => {
                println!(
                    "bench [--url URL] [--ws URL] [--samples N] [--concurrency N] [--seconds N] [--keys DIR]"
                );
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    if a.ws.is_empty() {
        let port: u16 =
            a.url.rsplit(':').next().and_then(|p| p.trim_end_matches('/').parse().ok()).unwrap_or(8899);
        let host = a.url.trim_start_matches("http://").trim_start_matches("https://");
        let host = host.rsplit_once(':').map_or(host, |(h, _)| h);
        a.ws = format!("ws://{host}:{}", port + 1);
    }
    Ok(a)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn report(name: &str, mut v: Vec<Duration>) {
    v.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name:<44} n={:<4} p50 {:>7.2} ms  p90 {:>7.2} ms  p99 {:>7.2} ms  max {:>7.2} ms",
        v.len(),
        ms(percentile(&v, 0.50)),
        ms(percentile(&v, 0.90)),
        ms(percentile(&v, 0.99)),
        ms(v.last().copied().unwrap_or_default()),
    );
}

/// Sends `tx` over HTTP and waits for its signatureSubscribe notification.
async fn send_and_confirm_ws(rpc: &RpcClient, pubsub: &PubsubClient, tx: &Transaction) -> Result<()> {
    let sig = tx.signatures[0];
    let (mut stream, unsubscribe) = pubsub
        .signature_subscribe(
            &sig,
            Some(RpcSignatureSubscribeConfig {
                commitment: Some(CommitmentConfig::confirmed()),
                enable_received_notification: Some(false),
            }),
        )
        .await?;
    rpc.send_transaction(tx).await?;
    let note =
        tokio::time::timeout(Duration::from_secs(30), stream.next()).await?.ok_or("subscription closed")?;
    drop(stream);
    unsubscribe().await;
    match note.value {
        RpcSignatureResult::ProcessedSignature(p) if p.err.is_none() => Ok(()),
        other => Err(format!("transaction failed: {other:?}").into()),
    }
}

fn transfer(payer: &Keypair, to: &Pubkey, lamports: u64, blockhash: Hash) -> Transaction {
    let ix = anchor_lang::solana_program::system_instruction::transfer(&payer.pubkey(), to, lamports);
    Transaction::new_signed_with_payer(&[ix], Some(&payer.pubkey()), &[payer], blockhash)
}

async fn fund(rpc: &RpcClient, to: &Pubkey, lamports: u64) -> Result<()> {
    let sig = rpc.request_airdrop(to, lamports).await?;
    let start = Instant::now();
    while !rpc.confirm_transaction(&sig).await? {
        if start.elapsed() > Duration::from_secs(30) {
            return Err("airdrop not confirmed".into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Ok(())
}

/// The junior deposit instruction of the demo's `junior-investor-1`.
fn demo_deposit(keys: &std::path::Path) -> Result<(Keypair, impl Fn(u64) -> Instruction)> {
    use autofactor_client::{ix, state::Tranche};
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(keys.join("demo.json"))?)?;
    let key = |v: &serde_json::Value| -> Result<Pubkey> { Ok(v.as_str().ok_or("missing address")?.parse()?) };
    let manager = key(&manifest["pools"][0]["manager"])?;
    let usdc = key(&manifest["usdcMint"])?;
    let investor =
        autofactor_localnet::keys::read(&keys.join("junior-investor-1.json")).map_err(|e| e.to_string())?;
    let pool = ix::PoolKeys::derive(&manager, autofactor_localnet::demo::POOL_ID, &usdc);
    let who = investor.pubkey();
    Ok((investor, move |amount| ix::tranche_deposit(&pool, &who, Tranche::Junior, amount, 0)))
}

#[tokio::main(flavor = "multi_thread")]
async fn main() -> Result<()> {
    let a = args()?;
    let rpc = Arc::new(RpcClient::new_with_commitment(a.url.clone(), CommitmentConfig::confirmed()));
    let version = rpc.get_version().await?;
    println!("endpoint {} / {} (solana-core {})", a.url, a.ws, version.solana_core);
    let pubsub = Arc::new(PubsubClient::new(&a.ws).await?);

    let payer = Arc::new(Keypair::new());
    fund(&rpc, &payer.pubkey(), 1_000_000_000_000).await?;
    let sink = Pubkey::new_unique();
    let counter = Arc::new(AtomicU64::new(1_000_000));

    // Warm-up.
    for _ in 0..10 {
        let bh = rpc.get_latest_blockhash().await?;
        let tx = transfer(&payer, &sink, counter.fetch_add(1, Ordering::Relaxed), bh);
        send_and_confirm_ws(&rpc, &pubsub, &tx).await?;
    }

    // 1. Latency, WebSocket confirmation.
    let mut lat = Vec::with_capacity(a.samples);
    for _ in 0..a.samples {
        let t = Instant::now();
        let bh = rpc.get_latest_blockhash().await?;
        let tx = transfer(&payer, &sink, counter.fetch_add(1, Ordering::Relaxed), bh);
        send_and_confirm_ws(&rpc, &pubsub, &tx).await?;
        lat.push(t.elapsed());
    }
    report("sendAndConfirm transfer (blockhash+send+WS)", lat);

    // 2. Latency, RpcClient::send_and_confirm_transaction (HTTP polling).
    let mut lat = Vec::with_capacity(a.samples);
    for _ in 0..a.samples {
        let t = Instant::now();
        let bh = rpc.get_latest_blockhash().await?;
        let tx = transfer(&payer, &sink, counter.fetch_add(1, Ordering::Relaxed), bh);
        rpc.send_and_confirm_transaction(&tx).await?;
        lat.push(t.elapsed());
    }
    report("RpcClient::send_and_confirm_transaction", lat);

    // 3. Latency of an Autofactor deposit (demo chains only).
    if let Some(keys) = &a.keys {
        let (investor, deposit) = demo_deposit(keys)?;
        let mut lat = Vec::with_capacity(a.samples);
        for i in 0..a.samples as u64 {
            let t = Instant::now();
            let bh = rpc.get_latest_blockhash().await?;
            let tx = Transaction::new_signed_with_payer(
                &[deposit(1_000_000 + i)],
                Some(&investor.pubkey()),
                &[&investor],
                bh,
            );
            send_and_confirm_ws(&rpc, &pubsub, &tx).await?;
            lat.push(t.elapsed());
        }
        report("sendAndConfirm Autofactor junior deposit (WS)", lat);
    }

    // 4. Sustained throughput: `concurrency` clients, send + WS confirm,
    //    blockhash refreshed every 400 ms in the background.
    let blockhash = Arc::new(RwLock::new(rpc.get_latest_blockhash().await?));
    let refresher = {
        let (rpc, blockhash) = (rpc.clone(), blockhash.clone());
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_millis(400)).await;
                if let Ok(h) = rpc.get_latest_blockhash().await {
                    *blockhash.write().unwrap_or_else(|e| e.into_inner()) = h;
                }
            }
        })
    };
    let done = Arc::new(AtomicU64::new(0));
    let failed = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(a.seconds);
    let start = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..a.concurrency {
        let (rpc, pubsub, payer, counter, blockhash, done, failed) = (
            rpc.clone(),
            pubsub.clone(),
            payer.clone(),
            counter.clone(),
            blockhash.clone(),
            done.clone(),
            failed.clone(),
        );
        workers.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            while Instant::now() < deadline {
                let bh = *blockhash.read().unwrap_or_else(|e| e.into_inner());
                let tx = transfer(&payer, &sink, counter.fetch_add(1, Ordering::Relaxed), bh);
                let t = Instant::now();
                match send_and_confirm_ws(&rpc, &pubsub, &tx).await {
                    Ok(()) => {
                        done.fetch_add(1, Ordering::Relaxed);
                        lat.push(t.elapsed());
                    }
                    Err(_) => {
                        failed.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
            lat
        }));
    }
    let mut lat = Vec::new();
    for w in workers {
        lat.extend(w.await.unwrap_or_default());
    }
    let elapsed = start.elapsed().as_secs_f64();
    refresher.abort();
    let n = done.load(Ordering::Relaxed);
    println!(
        "sustained: {} clients, {:.1} s: {n} confirmed, {} failed -> {:.1} tx/s",
        a.concurrency,
        elapsed,
        failed.load(Ordering::Relaxed),
        n as f64 / elapsed
    );
    report("  latency under load (send+WS)", lat);
    Ok(())
}

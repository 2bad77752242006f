//! Indexer benchmark: ingest rate of a synthetic history and latency of
//! every dashboard query, on SQLite or PostgreSQL.
//!
//! ```text
//! cargo run -p autofactor-indexer --example indexer_bench -- --db /tmp/bench.sqlite
//! cargo run -p autofactor-indexer --example indexer_bench -- --db postgres://u:p@127.0.0.1/db
//! ```
//! Options: `--invoices N` (default 100000), `--pools N` (default 10),
//! `--batch N` transactions per database transaction (default 500),
//! `--queries N` requests per query (default 50), `--queries-only` (time
//! the queries on a database an earlier run filled).
//!
//! The history is built from the program's own event types (serialized
//! exactly as `emit_cpi!` does, wrapped in synthetic transactions: an inner
//! instruction to the program, signed by its event authority, data = the
//! event-CPI tag + discriminator + Borsh), so ingestion runs the real decode
//! (program list + IDL) and the real derived-table updates; only the RPC is
//! left out. Per invoice: created, acknowledged, attested, financed, then
//! matured, then one of four fates (repaid in three payments and settled;
//! late, written down and recovered; defaulted; still open), with keeper
//! refreshes and deposits — over 10 events per invoice on average. Queries go through the HTTP API.

// `..zeroed()` on fully specified events is deliberate: fields the program
// adds later start at zero and the benchmark keeps compiling.
#![allow(clippy::needless_update)]

use anchor_lang::prelude::Pubkey;
use anchor_lang::{AnchorSerialize, Discriminator};
use autofactor::events::*;
use autofactor::state::{PoolParams, PoolPolicy, Tranche};
use autofactor_indexer::db::Target;
use autofactor_indexer::rpc::{Instruction, Transaction};
use autofactor_indexer::{drop_all, indexer};
use std::time::{Duration, Instant};

/// Deterministic xorshift, so every run ingests the same history.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn key(&mut self) -> Pubkey {
        let mut b = [0u8; 32];
        for c in b.chunks_mut(8) {
            c.copy_from_slice(&self.next().to_le_bytes());
        }
        Pubkey::new_from_array(b)
    }
}

fn zeroed<T: anchor_lang::AnchorDeserialize>() -> T {
    T::deserialize(&mut &[0u8; 4096][..]).expect("zeros decode")
}

fn payload<E: AnchorSerialize + Discriminator>(e: &E) -> Vec<u8> {
    let mut v = anchor_lang::event::EVENT_IX_TAG_LE.to_vec();
    v.extend_from_slice(E::DISCRIMINATOR);
    e.serialize(&mut v).unwrap();
    v
}

struct History {
    txs: Vec<Transaction>,
    events: usize,
    pools: Vec<Pubkey>,
    invoices: Vec<Pubkey>,
    investors: Vec<Pubkey>,
    buyers: Vec<Pubkey>,
}

/// An invoice marked late at `book_usdc`, then written down to
/// `to_book_usdc` (defaulted or not): the two events' payloads.
fn late_then_written_down(
    invoice: Pubkey,
    book_usdc: u64,
    to_book_usdc: u64,
    defaulted: bool,
    snapshot: PoolSnapshot,
    ts: i64,
) -> [Vec<u8>; 2] {
    [
        payload(&InvoiceMarkedLate { invoice, book_usdc, written_down_usdc: 0, snapshot, ts, ..zeroed() }),
        payload(&InvoiceWrittenDown {
            invoice,
            previous_book_usdc: book_usdc,
            book_usdc: to_book_usdc,
            written_down_usdc: book_usdc - to_book_usdc,
            defaulted,
            snapshot,
            ts,
            ..zeroed()
        }),
    ]
}

fn snapshot(nav: u64, i: u64) -> PoolSnapshot {
    PoolSnapshot {
        nav_usdc: nav,
        cash_usdc: nav / 3,
        senior_value_usdc: nav * 4 / 5,
        junior_value_usdc: nav - nav * 4 / 5,
        senior_supply: 8_000_000_000_000,
        junior_supply: 2_000_000_000_000,
        senior_price: 1_000_000 + i / 1000,
        junior_price: 1_000_000 + i / 400,
    }
}

fn build(invoice_count: usize, pool_count: usize) -> History {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let program = autofactor::ID.to_string();
    let authority = autofactor_client::pda::event_authority().to_string();
    let mut txs = Vec::new();
    let mut events = 0;
    let mut slot = 1u64;
    let mut ts = 1_700_000_000i64;
    let mut push = |txs: &mut Vec<Transaction>, datas: Vec<Vec<u8>>, ts: i64, rng: &mut Rng| {
        events += datas.len();
        slot += 1;
        let sig = bs58::encode(rng.key().to_bytes()).into_string()
            + &bs58::encode(rng.key().to_bytes()).into_string();
        txs.push(Transaction {
            signature: sig,
            slot,
            block_time: Some(ts),
            failed: false,
            inner_instructions: datas
                .into_iter()
                .map(|data| Instruction {
                    program_id: program.clone(),
                    accounts: vec![authority.clone()],
                    data,
                })
                .collect(),
        });
    };
    let pools: Vec<Pubkey> = (0..pool_count).map(|_| rng.key()).collect();
    let investors: Vec<Pubkey> = (0..200).map(|_| rng.key()).collect();
    let buyers: Vec<Pubkey> = (0..500).map(|_| rng.key()).collect();
    let suppliers: Vec<Pubkey> = (0..300).map(|_| rng.key()).collect();
    for (i, pool) in pools.iter().enumerate() {
        let e = PoolCreated {
            pool: *pool,
            manager: rng.key(),
            pool_id: i as u64,
            usdc_mint: rng.key(),
            vault: rng.key(),
            senior_mint: rng.key(),
            junior_mint: rng.key(),
            // All-zero terms: the benchmark does not depend on the
            // policy's fields (decoded from zeros, whatever they are).
            params: zeroed::<PoolParams>(),
            policy: zeroed::<PoolPolicy>(),
            ..zeroed()
        };
        push(&mut txs, vec![payload(&e)], ts, &mut rng);
    }
    let currencies = [*b"USD", *b"EUR", *b"NOK", *b"JPY", *b"GBP"];
    let mut nav = 10_000_000_000_000u64;
    let mut invoices = Vec::with_capacity(invoice_count);
    for i in 0..invoice_count as u64 {
        ts += 60;
        let pool = pools[(i % pool_count as u64) as usize];
        if i % 10 == 0 {
            let investor = investors[rng.below(investors.len() as u64) as usize];
            let e = Deposited {
                pool,
                investor,
                tranche: if rng.below(2) == 0 { Tranche::Senior } else { Tranche::Junior },
                amount_usdc: 1_000_000_000,
                shares: 990_000_000,
                snapshot: snapshot(nav, i),
                ts,
                unlock_ts: ts,
                ..zeroed()
            };
            nav += 1_000_000_000;
            push(&mut txs, vec![payload(&e)], ts, &mut rng);
            push(
                &mut txs,
                vec![payload(&PoolRefreshed {
                    pool,
                    accrued_to_senior_usdc: 1234,
                    snapshot: snapshot(nav, i),
                    ts,
                })],
                ts,
                &mut rng,
            );
        }
        let invoice = rng.key();
        invoices.push(invoice);
        let buyer = buyers[rng.below(buyers.len() as u64) as usize];
        let supplier = suppliers[rng.below(suppliers.len() as u64) as usize];
        let face = 1_000_000 + rng.below(100_000_000_000);
        let due = ts + 30 * 86_400 + rng.below(60) as i64 * 86_400;
        push(
            &mut txs,
            vec![payload(&InvoiceCreated {
                invoice,
                asset: rng.key(),
                pool,
                supplier,
                buyer,
                face_minor: face,
                currency: currencies[rng.below(5) as usize],
                issue_ts: ts,
                due_ts: due,
                document_hash: [7; 32],
                invoice_number: format!("INV-{i:07}"),
                ..zeroed()
            })],
            ts,
            &mut rng,
        );
        push(&mut txs, vec![payload(&InvoiceAcknowledged { invoice, buyer, ts })], ts, &mut rng);
        push(
            &mut txs,
            vec![payload(&InvoiceAttested {
                invoice,
                verifier: suppliers[0],
                delivery_proof_hash: [1; 32],
                credit_score: 700,
                risk_grade: 1,
                ts,
                ..zeroed()
            })],
            ts,
            &mut rng,
        );
        let face_usdc = face;
        push(
            &mut txs,
            vec![payload(&InvoiceFinanced {
                invoice,
                pool,
                supplier,
                buyer,
                risk_grade: 1,
                face_usdc,
                advance_usdc: face_usdc * 9 / 10,
                discount_usdc: face_usdc / 50,
                protocol_fee_usdc: face_usdc / 500,
                manager_fee_usdc: face_usdc / 500,
                reserve_usdc: face_usdc / 10,
                fx_rate_scaled: 1_000_000_000_000,
                overdue_ts: due,
                late_after_ts: due + 5 * 86_400,
                writeoff_ts: due + 90 * 86_400,
                snapshot: snapshot(nav, i),
                ts,
                ..zeroed()
            })],
            ts,
            &mut rng,
        );
        let refresh = PoolRefreshed { pool, accrued_to_senior_usdc: 99, snapshot: snapshot(nav, i), ts };
        push(&mut txs, vec![payload(&refresh)], ts, &mut rng);
        push(
            &mut txs,
            vec![payload(&InvoiceMatured {
                invoice,
                pool,
                book_usdc: face_usdc,
                written_down_usdc: 0,
                snapshot: snapshot(nav, i),
                ts,
                ..zeroed()
            })],
            ts,
            &mut rng,
        );
        let paid = |amount: u64, outstanding: u64, recovery: bool, written: u64| InvoicePaid {
            invoice,
            pool,
            payer: buyer,
            amount_minor: amount,
            amount_usdc: amount,
            outstanding_minor: outstanding,
            to_pool_usdc: amount * 9 / 10,
            recovery,
            fully_repaid: outstanding == 0,
            written_down_usdc: written,
            fx_rate_scaled: 0,
            snapshot: snapshot(nav, i),
            ts,
            ..zeroed()
        };
        match rng.below(20) {
            // 70%: three payments, settled.
            0..=13 => {
                let third = face / 3;
                push(&mut txs, vec![payload(&paid(third, face - third, false, 0))], ts, &mut rng);
                push(&mut txs, vec![payload(&paid(third, face - 2 * third, false, 0))], ts, &mut rng);
                push(&mut txs, vec![payload(&paid(face - 2 * third, 0, false, 0))], ts, &mut rng);
                push(&mut txs, vec![payload(&refresh)], ts, &mut rng);
                push(
                    &mut txs,
                    vec![payload(&InvoiceSettled {
                        invoice,
                        asset: Pubkey::default(),
                        pool,
                        supplier,
                        reserve_released_usdc: face / 10,
                        reserve_owed_usdc: 0,
                        ts,
                        ..zeroed()
                    })],
                    ts,
                    &mut rng,
                );
                push(&mut txs, vec![], ts, &mut rng); // a transaction with no event of ours
            }
            // 15%: late, written down, recovered in full.
            14..=16 => {
                let book = face_usdc * 95 / 100;
                let down = late_then_written_down(invoice, book, book / 2, false, snapshot(nav, i), ts);
                for event in down {
                    push(&mut txs, vec![event], ts, &mut rng);
                }
                push(
                    &mut txs,
                    vec![payload(&paid(face / 2, face - face / 2, true, book - book / 2))],
                    ts,
                    &mut rng,
                );
                push(&mut txs, vec![payload(&paid(face - face / 2, 0, true, 0))], ts, &mut rng);
            }
            // 5%: defaulted.
            17 => {
                let down = late_then_written_down(invoice, face_usdc, 0, true, snapshot(nav, i), ts);
                for event in down {
                    push(&mut txs, vec![event], ts, &mut rng);
                }
                push(
                    &mut txs,
                    vec![payload(&paid(face / 10, face - face / 10, true, face_usdc))],
                    ts,
                    &mut rng,
                );
            }
            // 10%: open, partly paid twice.
            _ => {
                push(&mut txs, vec![payload(&paid(face / 4, face - face / 4, false, 0))], ts, &mut rng);
                push(&mut txs, vec![payload(&paid(face / 4, face - 2 * (face / 4), false, 0))], ts, &mut rng);
            }
        }
    }
    History { txs, events, pools, invoices, investors, buyers }
}

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned()
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    sorted[((sorted.len() * p).div_ceil(100)).saturating_sub(1).min(sorted.len() - 1)]
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let db = arg(&args, "--db").unwrap_or_else(|| "/tmp/autofactor-bench.sqlite".into());
    let invoice_count: usize = arg(&args, "--invoices").map_or(Ok(100_000), |v| v.parse())?;
    let pool_count: usize = arg(&args, "--pools").map_or(Ok(10), |v| v.parse())?;
    let batch: usize = arg(&args, "--batch").map_or(Ok(500), |v| v.parse())?;
    let queries: usize = arg(&args, "--queries").map_or(Ok(50), |v| v.parse())?;
    let target = Target::parse(&db)?;

    let t = Instant::now();
    let mut h = build(invoice_count, pool_count);
    println!(
        "synthetic history: {} invoices, {} pools, {} transactions, {} events (built in {:.1?})",
        h.invoices.len(),
        h.pools.len(),
        h.txs.len(),
        h.events,
        t.elapsed()
    );

    // `--queries-only`: time the queries on a database already filled by
    // an earlier run with the same options (same deterministic history).
    let queries_only = args.iter().any(|a| a == "--queries-only");
    if !queries_only {
        // Fresh database.
        if let Target::Sqlite(p) = &target {
            autofactor_indexer::reset_sqlite(p)?;
        }
        let t2 = target.clone();
        tokio::task::spawn_blocking(move || drop_all(&mut t2.connect()?)).await??;

        // Ingest.
        let t2 = target.clone();
        let txs = std::mem::take(&mut h.txs);
        let ingest = tokio::task::spawn_blocking(move || -> anyhow::Result<Duration> {
            let mut conn = indexer::open(&t2)?;
            let program = autofactor::ID.to_string();
            let t = Instant::now();
            for chunk in txs.chunks(batch.max(1)) {
                indexer::store_batch(&mut conn, &program, chunk)?;
            }
            Ok(t.elapsed())
        })
        .await??;
        println!(
            "ingest ({}): {} events in {:.1?} = {:.0} events/s ({} transactions per database transaction)",
            if target.is_postgres() { "PostgreSQL" } else { "SQLite" },
            h.events,
            ingest,
            h.events as f64 / ingest.as_secs_f64(),
            batch
        );
    }

    // Queries through the HTTP API.
    let api_args =
        autofactor_indexer::IndexerArgs::local("http://127.0.0.1:1", "", std::path::Path::new(&db));
    let mut api_args = api_args;
    api_args.db = db.clone();
    let services = autofactor_indexer::start_services(&api_args, "127.0.0.1:0", false, None).await?;
    let client = reqwest::Client::new();
    let mut rng = Rng(42);
    type PathFn<'a> = Box<dyn Fn(&mut Rng) -> String + 'a>;
    let pool = |r: &mut Rng| h.pools[r.below(h.pools.len() as u64) as usize].to_string();
    let cases: Vec<(&str, PathFn)> = vec![
        ("pools", Box::new(|_| "/pools".into())),
        ("pool", Box::new(|r| format!("/pools/{}", pool(r)))),
        ("history 1d", Box::new(|r| format!("/pools/{}/history?resolution=1d", pool(r)))),
        ("history 1h", Box::new(|r| format!("/pools/{}/history?resolution=1h", pool(r)))),
        // Not a pre-aggregated resolution: the window query over the snapshots.
        ("history 6h (scan)", Box::new(|r| format!("/pools/{}/history?resolution=6h", pool(r)))),
        ("apy", Box::new(|r| format!("/pools/{}/apy", pool(r)))),
        (
            "invoices page (pool, status, offset)",
            Box::new(|r| {
                format!(
                    "/invoices?pool={}&status=Financed,PartiallyRepaid,Late&limit=50&offset={}",
                    pool(r),
                    r.below(1000)
                )
            }),
        ),
        (
            "invoices by buyer",
            Box::new(|r| {
                format!("/invoices?buyer={}&limit=50", h.buyers[r.below(h.buyers.len() as u64) as usize])
            }),
        ),
        (
            "invoice + timeline",
            Box::new(|r| format!("/invoices/{}", h.invoices[r.below(h.invoices.len() as u64) as usize])),
        ),
        ("exposure by buyer", Box::new(|r| format!("/pools/{}/exposure?by=buyer", pool(r)))),
        ("ageing", Box::new(|r| format!("/pools/{}/ageing", pool(r)))),
        ("repayment health", Box::new(|r| format!("/pools/{}/repayment-health", pool(r)))),
        (
            "investor positions",
            Box::new(|r| {
                format!("/investors/{}/positions", h.investors[r.below(h.investors.len() as u64) as usize])
            }),
        ),
        ("withdrawal queue", Box::new(|r| format!("/pools/{}/withdrawals?status=queued", pool(r)))),
    ];
    println!("{:<40} {:>10} {:>10}   ({queries} requests each)", "query", "p50", "p95");
    for (name, path) in &cases {
        let mut times = Vec::with_capacity(queries);
        for _ in 0..queries {
            let url = format!("{}{}", services.api_url, path(&mut rng));
            let t = Instant::now();
            let r = client.get(&url).send().await?;
            let status = r.status();
            let body = r.bytes().await?;
            times.push(t.elapsed());
            anyhow::ensure!(status.is_success(), "{url}: {status} {}", String::from_utf8_lossy(&body));
        }
        times.sort();
        println!("{:<40} {:>10.2?} {:>10.2?}", name, percentile(&times, 50), percentile(&times, 95));
    }
    services.stop().await;
    Ok(())
}

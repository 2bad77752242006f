//! Measurement (not a test): do financing and repayment cost the same with
//! 10 and with 1,000 invoices already in the pool?
//!
//! `cargo run --release -p autofactor-tests --example invoice_scaling`
//!
//! For each pool size it finances N background invoices, then finances and
//! repays 20 more, and prints for `invoice_finance` and `invoice_repay`: the
//! number of accounts the transaction references, compute units consumed
//! (simulation), and the median / p90 wall time of processing.

use autofactor_client::constants::*;
use autofactor_client::ix;
use autofactor_client::state::{PoolParams, Tranche};
use autofactor_tests::*;
use solana_sdk::signature::{Keypair, Signer};
use std::time::{Duration, Instant};

struct Sample {
    accounts: usize,
    units: u64,
    wall: Duration,
}

async fn measure(env: &mut Env, ix: solana_sdk::instruction::Instruction, signer: &Keypair) -> Sample {
    let tx = env.transaction(&[ix], &[signer]).await;
    let accounts = tx.message.account_keys.len();
    let sim = env.ctx.banks_client.simulate_transaction(tx.clone()).await.expect("simulate");
    let units = sim.simulation_details.map(|d| d.units_consumed).unwrap_or(0);
    let start = Instant::now();
    env.ctx.banks_client.process_transaction(tx).await.expect("process");
    Sample { accounts, units, wall: start.elapsed() }
}

fn summary(samples: &mut [Sample]) -> (usize, u64, u64, Duration, Duration) {
    samples.sort_by_key(|s| s.wall);
    let min_accounts = samples.iter().map(|s| s.accounts).min().unwrap();
    let max_accounts = samples.iter().map(|s| s.accounts).max().unwrap();
    assert_eq!(min_accounts, max_accounts, "every sample references the same number of accounts");
    let units_min = samples.iter().map(|s| s.units).min().unwrap();
    let units_max = samples.iter().map(|s| s.units).max().unwrap();
    let p50 = samples[samples.len() / 2].wall;
    let p90 = samples[samples.len() * 9 / 10].wall;
    (min_accounts, units_min, units_max, p50, p90)
}

async fn run(background: usize) -> [(usize, u64, u64, Duration, Duration); 2] {
    let mut env = Env::new().await;
    let params = PoolParams { max_investor_share_bps: 10_000, ..default_params() };
    let mut policy = default_policy();
    policy.max_buyer_concentration_bps = 10_000;
    policy.max_supplier_concentration_bps = 10_000;
    let (manager, pool) = env.pool_with(params, policy).await;
    let verifier = env.pool_verifier(&pool, &manager).await;
    let junior = env.investor(2_000_000 * USDC).await;
    let senior = env.investor(8_000_000 * USDC).await;
    env.deposit(&pool, &junior, Tranche::Junior, 2_000_000 * USDC).await;
    env.deposit(&pool, &senior, Tranche::Senior, 8_000_000 * USDC).await;
    let supplier = env.user(ROLE_SUPPLIER).await;
    // Originating an invoice costs the supplier its accounts' rent.
    env.airdrop(&supplier.pubkey(), 20_000_000_000 + background as u64 * 10_000_000).await;
    let buyer = env.user(ROLE_BUYER).await;
    env.mint_usdc(&buyer.pubkey(), 1_000_000 * USDC).await;

    for i in 0..background {
        let t = env.usd_terms(&format!("BG-{background}-{i}"), 100_00, 60).await;
        let inv = env.verified_invoice(&pool, &supplier, &buyer, &verifier, t, 900).await;
        env.finance(&inv, &supplier).await;
    }
    let open = env.pool_state(&pool).await.ledger.open_invoices;
    assert_eq!(open as usize, background);

    let mut measured = vec![];
    for i in 0..20 {
        let t = env.usd_terms(&format!("M-{background}-{i}"), 100_00, 60).await;
        measured.push(env.verified_invoice(&pool, &supplier, &buyer, &verifier, t, 900).await);
    }
    let mut finance = vec![];
    for inv in &measured {
        finance.push(measure(&mut env, ix::invoice_finance(&inv.keys, 0), &supplier).await);
    }
    env.warp_seconds(30 * 86_400).await;
    let mut repay = vec![];
    for inv in &measured {
        repay.push(
            measure(&mut env, ix::invoice_repay(&inv.keys, &buyer.pubkey(), 50_00, 50 * USDC), &buyer).await,
        );
    }
    [summary(&mut finance), summary(&mut repay)]
}

#[tokio::main]
async fn main() {
    println!("Metaplex Core: {}", core_backend());
    println!(
        "{:>9} | {:<16} | {:>8} | {:>17} | {:>10} | {:>10}",
        "invoices", "instruction", "accounts", "compute units", "p50", "p90"
    );
    for n in [10usize, 1_000] {
        let [f, r] = run(n).await;
        for (name, (accounts, cu_min, cu_max, p50, p90)) in [("invoice_finance", f), ("invoice_repay", r)] {
            println!(
                "{n:>9} | {name:<16} | {accounts:>8} | {:>17} | {:>10.3?} | {:>10.3?}",
                if cu_min == cu_max { format!("{cu_min}") } else { format!("{cu_min}–{cu_max}") },
                p50,
                p90
            );
        }
    }
    println!("(compute units: native builtin instructions are not metered by the runtime; the figure counts");
    println!(" the metered BPF programs they call — SPL Token — plus fixed costs.)");
}

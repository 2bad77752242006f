//! Simulation (not a test): what the credit policy on repayment history
//! does to a synthetic portfolio over two years, with the policy off and
//! on, on the real program (in-process chain, the same harness as the
//! tests).
//!
//! `cargo run -p autofactor-tests --example credit_simulation`
//!
//! Four behaviour classes of three buyers each. Every 30 days each buyer
//! owes a new 1,000 USD invoice due in 45 days (grade A: 100 % advance,
//! 12 % discount APR), which its supplier asks the pool to finance:
//! - reliable: pays in full 5 days before the due date;
//! - late: pays in full 20 days after the due date (Late after the 5-day grace);
//! - defaulter: never pays one invoice in three (it defaults at the
//!   90-day write-off horizon), pays the others on time;
//! - deteriorating: reliable for a year, then never pays.
//!
//! Keepers apply every deadline on the day it falls (mature, mark late,
//! write down). For each class the program prints: invoices offered,
//! financed and refused, the credit extended (advances paid), the average
//! discount APR charged, and the pool's loss (claim financed and never
//! collected).

use autofactor_client::events::{InvoiceFinanced, InvoicePaid};
use autofactor_client::ix;
use autofactor_client::state::{CreditPolicy, InvoiceStatus, PoolParams, PoolPolicy, Tranche};
use autofactor_tests::*;
use solana_sdk::signature::{Keypair, Signer};

const DAY: i64 = 86_400;
const DAYS: i64 = 730;
const ROUND_DAYS: i64 = 30;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    Reliable,
    Late,
    Defaulter,
    Deteriorating,
}

const CLASSES: [Class; 4] = [Class::Reliable, Class::Late, Class::Defaulter, Class::Deteriorating];

/// The history terms of the "on" run.
const ON: CreditPolicy = CreditPolicy {
    block_open_default: true,
    max_open_late: 1,
    proven_min_on_time: 3,
    proven_discount_cut_bps: 200,
    watch_discount_add_bps: 400,
    limit_base_usdc: 2_500 * USDC,
    limit_on_time_bps: 2_500,
    limit_late_bps: 10_000,
    limit_default_bps: 20_000,
    limit_floor_usdc: 0,
    limit_cap_usdc: 50_000 * USDC,
    ..CreditPolicy::OFF
};

#[derive(Default, Clone, Copy)]
struct Figures {
    offered: u64,
    financed: u64,
    refused: u64,
    advanced_usdc: u64,
    discount_apr_bps_sum: u64,
    claim_usdc: u64,
    collected_to_pool_usdc: u64,
    /// Claims of invoices Defaulted at the end, never paid: the loss.
    defaulted_claim_usdc: u64,
    /// Claims of invoices not yet due or not yet defaulted at the end.
    open_claim_usdc: u64,
}

struct Open {
    inv: TestInvoice,
    buyer: usize,
    /// Day the buyer pays in full (`None`: never).
    pays_on: Option<i64>,
    claim_usdc: u64,
}

struct Sim {
    env: Env,
    pool: ix::PoolKeys,
    supplier: Keypair,
    verifier: Keypair,
    buyers: Vec<(Class, Keypair)>,
    /// Invoices offered per buyer so far.
    offered: Vec<u64>,
    open: Vec<Open>,
    figures: [Figures; 4],
    start: i64,
    issued: u64,
    /// Refusals by class and error.
    refusals: std::collections::BTreeMap<String, u64>,
}

impl Sim {
    async fn new(credit: CreditPolicy) -> Sim {
        let mut env = Env::new().await;
        let policy = PoolPolicy {
            max_buyer_concentration_bps: 10_000,
            max_supplier_concentration_bps: 10_000,
            min_tenor_days: 7,
            credit,
            ..default_policy()
        };
        let (manager, pool) = env
            .pool_with(PoolParams { min_hold_secs: 0, min_junior_ratio_bps: 0, ..default_params() }, policy)
            .await;
        let verifier = env.pool_verifier(&pool, &manager).await;
        // Subordination is not what this measures (an idle pool's senior
        // coupon would erode the junior tranche): no minimum junior ratio.
        let junior = env.investor(100_000 * USDC).await;
        let senior = env.investor(100_000 * USDC).await;
        env.deposit(&pool, &junior, Tranche::Junior, 100_000 * USDC).await;
        env.deposit(&pool, &senior, Tranche::Senior, 100_000 * USDC).await;
        let supplier = env.user(autofactor_client::constants::ROLE_SUPPLIER).await;
        let mut buyers = vec![];
        for class in CLASSES {
            for _ in 0..3 {
                let b = env.user(autofactor_client::constants::ROLE_BUYER).await;
                env.mint_usdc(&b.pubkey(), 1_000_000 * USDC).await;
                buyers.push((class, b));
            }
        }
        let start = env.now().await;
        Sim {
            env,
            pool,
            supplier,
            verifier,
            offered: vec![0; buyers.len()],
            buyers,
            open: vec![],
            figures: [Figures::default(); 4],
            start,
            issued: 0,
            refusals: Default::default(),
        }
    }

    fn day(&self, now: i64) -> i64 {
        (now - self.start) / DAY
    }

    /// A new invoice for every buyer, offered to the pool.
    async fn round(&mut self, day: i64) {
        for b in 0..self.buyers.len() {
            let (class, buyer) = (self.buyers[b].0, self.buyers[b].1.insecure_clone());
            self.issued += 1;
            let terms = self.env.usd_terms(&format!("SIM-{}", self.issued), 1_000_00, 45).await;
            let (s, v) = (self.supplier.insecure_clone(), self.verifier.insecure_clone());
            let pool = self.pool;
            let inv = self.env.verified_invoice(&pool, &s, &buyer, &v, terms, 900).await;
            let f = &mut self.figures[class as usize];
            f.offered += 1;
            self.offered[b] += 1;
            let nth = self.offered[b];
            let usdc = self.env.usdc_mint;
            self.env.create_ata(&s.pubkey(), &usdc, &autofactor_client::TOKEN_PROGRAM_ID).await;
            match self.env.send(&[ix::invoice_finance(&inv.keys, 0)], &[&s]).await {
                Ok(out) => {
                    let e = out.event::<InvoiceFinanced>();
                    let claim = e.advance_usdc + e.discount_usdc - e.protocol_fee_usdc - e.manager_fee_usdc;
                    let f = &mut self.figures[class as usize];
                    f.financed += 1;
                    f.advanced_usdc += e.advance_usdc;
                    f.discount_apr_bps_sum += e.discount_apr_bps as u64;
                    f.claim_usdc += claim;
                    let pays_on = match class {
                        Class::Reliable => Some(day + 40),
                        Class::Late => Some(day + 65),
                        // Every third invoice of each such buyer is never paid.
                        Class::Defaulter => (!nth.is_multiple_of(3)).then_some(day + 40),
                        Class::Deteriorating => (day < 365).then_some(day + 40),
                    };
                    self.open.push(Open { inv, buyer: b, pays_on, claim_usdc: claim });
                }
                Err(e) => {
                    self.figures[class as usize].refused += 1;
                    *self.refusals.entry(format!("{class:?}: {e:?}")).or_default() += 1;
                }
            }
        }
    }

    /// The keeper actions and repayments due today.
    async fn settle_day(&mut self, day: i64) {
        let keeper = self.env.payer().pubkey();
        let now = self.env.now().await;
        let mut i = 0;
        while i < self.open.len() {
            let o = &self.open[i];
            let state = self.env.invoice_state(&o.inv).await;
            let (keys, buyer) = (o.inv.keys, self.buyers[o.buyer].1.insecure_clone());
            if o.pays_on == Some(day) {
                let face = o.inv.terms.face_minor;
                // A payment applies a passed deadline itself.
                let out = self
                    .env
                    .ok(&[ix::invoice_repay(&keys, &buyer.pubkey(), face, face * 10_000)], &[&buyer])
                    .await;
                let class = self.buyers[o.buyer].0 as usize;
                self.figures[class].collected_to_pool_usdc += out.event::<InvoicePaid>().to_pool_usdc;
                self.env.ok(&[ix::invoice_settle(&keys, &keeper)], &[]).await;
                self.open.swap_remove(i);
                continue;
            }
            match state.status {
                InvoiceStatus::Financed if now >= state.late_after_ts => {
                    self.env.ok(&[ix::invoice_mark_late(&keys, &keeper)], &[]).await;
                }
                InvoiceStatus::Financed if now >= state.overdue_ts && state.book.rate_scaled != 0 => {
                    self.env.ok(&[ix::invoice_mature(&keys)], &[]).await;
                }
                InvoiceStatus::Late if now >= state.writeoff_ts => {
                    self.env.ok(&[ix::invoice_write_down(&keys, &keeper)], &[]).await;
                }
                _ => {}
            }
            i += 1;
        }
    }

    async fn run(mut self) -> [Figures; 4] {
        for d in 0..DAYS {
            // Deadlines first: financing waits for passed ones.
            self.settle_day(d).await;
            if d % ROUND_DAYS == 0 {
                self.round(d).await;
            }
            self.env.warp_seconds(DAY).await;
            let now = self.env.now().await;
            assert_eq!(self.day(now), d + 1, "one day per step");
        }
        for i in 0..self.open.len() {
            let (class, claim) = (self.buyers[self.open[i].buyer].0 as usize, self.open[i].claim_usdc);
            let inv = self.open[i].inv.clone();
            match self.env.invoice_state(&inv).await.status {
                InvoiceStatus::Defaulted => self.figures[class].defaulted_claim_usdc += claim,
                _ => self.figures[class].open_claim_usdc += claim,
            }
        }
        for (why, n) in &self.refusals {
            eprintln!("refused {n} × {why}");
        }
        self.figures
    }
}

fn usdc(v: u64) -> String {
    format!("{}.{:02}", v / USDC, (v % USDC) / 10_000)
}

fn print(name: &str, figures: &[Figures; 4]) {
    println!("\npolicy {name}");
    println!(
        "{:<14} {:>8} {:>9} {:>8} {:>16} {:>13} {:>16} {:>16}",
        "class",
        "offered",
        "financed",
        "refused",
        "advanced USDC",
        "avg APR bps",
        "loss USDC",
        "still open USDC"
    );
    for (c, f) in CLASSES.iter().zip(figures) {
        let loss = f.defaulted_claim_usdc;
        let avg = f.discount_apr_bps_sum.checked_div(f.financed).unwrap_or(0);
        println!(
            "{:<14} {:>8} {:>9} {:>8} {:>16} {:>13} {:>16} {:>16}",
            format!("{c:?}"),
            f.offered,
            f.financed,
            f.refused,
            usdc(f.advanced_usdc),
            avg,
            usdc(loss),
            usdc(f.open_claim_usdc)
        );
    }
}

#[tokio::main]
async fn main() {
    println!("credit policy simulation: 12 buyers in 4 classes, a 1,000 USD invoice each every {ROUND_DAYS} days for {DAYS} days");
    let off = Sim::new(CreditPolicy::OFF).await.run().await;
    print("off (CreditPolicy::OFF)", &off);
    let on = Sim::new(ON).await.run().await;
    print(&format!("on ({ON:?})"), &on);
}

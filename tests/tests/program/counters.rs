//! Counters that mean what their docs say (issue 17 item 3), recomputed
//! from the events alone and compared with the accounts: the pool's
//! `total_written_down_usdc` (write-downs net of write-backs and
//! recoveries), each invoice's `written_down_usdc`, the ledger's
//! `open_invoices` (financed, not yet settled or closed), an exposure's
//! `open_invoices` and `outstanding_usdc` (financed, still owed),
//! `total_advanced_usdc` and `total_collected_usdc` — across an invoice
//! repaid on time, one written down, recovered beyond its book and repaid,
//! one defaulted, partly recovered and closed, and one defaulted and left
//! open.

use crate::attacks::world::*;
use autofactor_client::events::*;
use autofactor_client::state::{Exposure, InvoiceStatus, PoolParams, PoolPolicy};
use autofactor_client::{ix, pda};
use autofactor_tests::*;
use solana_sdk::instruction::Instruction;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signer};
use std::collections::BTreeMap;

/// Every event of the scenario, in order, by kind.
#[derive(Default)]
struct Events {
    financed: Vec<InvoiceFinanced>,
    paid: Vec<InvoicePaid>,
    settled: Vec<InvoiceSettled>,
    closed: Vec<InvoiceClosedDefaulted>,
    /// Each invoice's `written_down_usdc` as last reported by an event.
    written_down: BTreeMap<Pubkey, u64>,
}

impl Events {
    fn record(&mut self, out: &TxOutcome) {
        let reported = out
            .events::<InvoiceMatured>()
            .into_iter()
            .map(|e| (e.invoice, e.written_down_usdc))
            .chain(out.events::<InvoiceMarkedLate>().into_iter().map(|e| (e.invoice, e.written_down_usdc)))
            .chain(out.events::<InvoiceWrittenDown>().into_iter().map(|e| (e.invoice, e.written_down_usdc)))
            .chain(out.events::<InvoicePaid>().into_iter().map(|e| (e.invoice, e.written_down_usdc)));
        for (invoice, w) in reported {
            self.written_down.insert(invoice, w);
        }
        for e in out.events::<InvoiceFinanced>() {
            self.written_down.entry(e.invoice).or_insert(0);
            self.financed.push(e);
        }
        self.paid.extend(out.events::<InvoicePaid>());
        self.settled.extend(out.events::<InvoiceSettled>());
        self.closed.extend(out.events::<InvoiceClosedDefaulted>());
    }
}

struct Scenario {
    w: World,
    ev: Events,
}

impl Scenario {
    async fn ok(&mut self, ixs: &[Instruction], signers: &[&Keypair]) {
        let out = self.w.env.ok(ixs, signers).await;
        self.ev.record(&out);
    }

    /// A financed 1,000 USD grade-B invoice (95 % advance), due in 60 days.
    async fn financed(&mut self) -> TestInvoice {
        let (s, b, v) = (
            self.w.supplier.insecure_clone(),
            self.w.buyer.insecure_clone(),
            self.w.verifier.insecure_clone(),
        );
        let terms = self.w.terms(1_000_00, 60).await;
        let pool = self.w.pool;
        let inv = self.w.env.verified_invoice(&pool, &s, &b, &v, terms, 700).await;
        let out = self.w.env.finance(&inv, &s).await;
        self.ev.record(&out);
        inv
    }

    async fn repay(&mut self, inv: &TestInvoice, cents: u64) {
        let b = self.w.buyer.insecure_clone();
        self.ok(&[ix::invoice_repay(&inv.keys, &b.pubkey(), cents, cents * 10_000)], &[&b]).await;
    }

    async fn keeper(&mut self, ix: Instruction) {
        self.ok(&[ix], &[]).await;
    }

    async fn warp_to(&mut self, ts: i64) {
        let now = self.w.env.now().await;
        self.w.env.warp_seconds(ts - now).await;
    }
}

#[tokio::test]
async fn every_counter_equals_its_recomputation_from_the_events() {
    let policy = PoolPolicy {
        max_buyer_concentration_bps: 10_000,
        max_supplier_concentration_bps: 10_000,
        ..default_policy()
    };
    let w = world_with(PoolParams { min_junior_ratio_bps: 0, ..default_params() }, policy).await;
    let mut s = Scenario { w, ev: Events::default() };
    let keeper = s.w.env.payer().pubkey();
    let pool = s.w.pool;

    let a = s.financed().await;
    let b = s.financed().await;
    let c = s.financed().await;
    let d = s.financed().await;
    let st = s.w.env.invoice_state(&b).await;

    // A: repaid in full on time, settled.
    s.repay(&a, 1_000_00).await;
    s.keeper(ix::invoice_settle(&a.keys, &keeper)).await;
    // B, C, D late.
    s.warp_to(st.late_after_ts).await;
    for inv in [&b, &c, &d] {
        s.keeper(ix::invoice_mark_late(&inv.keys, &keeper)).await;
    }
    // Half-way to the horizon: B and D written down; B paid 600 USD,
    // beyond its book (a recovery of part of what was written down), then
    // the rest, and settled.
    s.warp_to((st.late_after_ts + st.writeoff_ts) / 2).await;
    s.keeper(ix::invoice_write_down(&b.keys, &keeper)).await;
    s.keeper(ix::invoice_write_down(&d.keys, &keeper)).await;
    let book_b = s.w.env.invoice_state(&b).await.book;
    assert!(book_b.book_usdc < 600 * USDC && book_b.written_down_usdc > 0, "{book_b:?}");
    s.repay(&b, 600_00).await;
    assert!(
        s.w.env.invoice_state(&b).await.book.written_down_usdc < book_b.written_down_usdc,
        "a recovery counts back"
    );
    s.repay(&b, 400_00).await;
    s.keeper(ix::invoice_settle(&b.keys, &keeper)).await;
    // At the horizon C and D default; C recovers 300 USD and is closed at
    // the end of its recovery period; D stays open.
    s.warp_to(st.writeoff_ts).await;
    s.keeper(ix::invoice_write_down(&c.keys, &keeper)).await;
    s.keeper(ix::invoice_write_down(&d.keys, &keeper)).await;
    s.repay(&c, 300_00).await;
    s.warp_to(st.close_after_ts).await;
    s.keeper(ix::invoice_close_defaulted(&c.keys, &keeper)).await;
    assert_eq!(s.w.env.invoice_state(&d).await.status, InvoiceStatus::Defaulted);

    let ev = &s.ev;
    let l = s.w.env.pool_state(&pool).await.ledger;
    // Written down: the sum of each invoice's last reported figure.
    let total: u64 = ev.written_down.values().sum();
    assert_eq!(l.total_written_down_usdc, total);
    // … and each figure is what its definition says: a repaid invoice has
    // none left, a default the claim it never collected.
    let claim_of = |inv: &TestInvoice| {
        let f = ev.financed.iter().find(|f| f.invoice == inv.keys.invoice).unwrap();
        f.advance_usdc + f.discount_usdc - f.protocol_fee_usdc - f.manager_fee_usdc
    };
    let to_pool = |inv: &TestInvoice| -> u64 {
        ev.paid.iter().filter(|p| p.invoice == inv.keys.invoice).map(|p| p.to_pool_usdc).sum()
    };
    // A default's book was written down from what its income accrual had
    // booked, rounded down: the claim it never collected is its written
    // down value plus at most 1 micro-USDC of income never booked (which
    // is not a write-down).
    assert_eq!(ev.written_down[&a.keys.invoice], 0);
    assert_eq!(ev.written_down[&b.keys.invoice], 0);
    let unbooked_c = claim_of(&c) - to_pool(&c) - ev.written_down[&c.keys.invoice];
    let unbooked_d = claim_of(&d) - ev.written_down[&d.keys.invoice];
    assert!(unbooked_c <= 1 && unbooked_d <= 1, "{unbooked_c} {unbooked_d}");
    assert_eq!(s.w.env.invoice_state(&d).await.book.written_down_usdc, ev.written_down[&d.keys.invoice]);
    assert!(total > 0);

    // Open invoices: financed, not yet settled or closed.
    assert_eq!(l.open_invoices, (ev.financed.len() - ev.settled.len() - ev.closed.len()) as u64);
    assert_eq!(l.open_invoices, 1);
    // Exposures: financed and still owed (not repaid in full nor closed).
    let repaid_in_full = ev.paid.iter().filter(|p| p.fully_repaid).count();
    let claims: u64 = ev
        .financed
        .iter()
        .map(|f| f.advance_usdc + f.discount_usdc - f.protocol_fee_usdc - f.manager_fee_usdc)
        .sum();
    let collected_to_pool: u64 = ev.paid.iter().map(|p| p.to_pool_usdc).sum();
    let unpaid_at_close: u64 = ev.closed.iter().map(|c| c.claim_unpaid_usdc).sum();
    for key in [
        pda::buyer_exposure(&pool.pool, &a.keys.buyer_entity),
        pda::supplier_exposure(&pool.pool, &a.keys.supplier_entity),
    ] {
        let e: Exposure = s.w.env.get(&key).await;
        assert_eq!(e.open_invoices as usize, ev.financed.len() - repaid_in_full - ev.closed.len());
        assert_eq!(e.outstanding_usdc, claims - collected_to_pool - unpaid_at_close);
        assert_eq!(e.outstanding_usdc, claim_of(&d));
    }
    // Cumulative advances and collections.
    assert_eq!(l.total_advanced_usdc, ev.financed.iter().map(|f| f.advance_usdc).sum::<u64>());
    assert_eq!(l.total_collected_usdc, ev.paid.iter().map(|p| p.amount_usdc).sum::<u64>());
}

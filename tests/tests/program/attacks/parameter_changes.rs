//! F-07 (lifecycle part): the manager changes the grace or write-off days
//! while an invoice is open, to move its value, its default or its Late
//! date — e.g. the review's "write-back without payment": grace 5 → 300
//! days, then `invoice_write_down` lifted a Late invoice back to 100 % and a
//! junior holder left at the inflated price.
//!
//! Defence: `invoice_finance` fixes `overdue_ts`, `late_after_ts` and
//! `writeoff_ts` in the invoice; `invoice_mature`, `invoice_mark_late`,
//! `invoice_write_down`, `invoice_repay` (write-backs, on-time reputation)
//! and the schedule read only those. A policy change reaches invoices
//! financed afterwards.
//!
//! Setting: [`super::stale_nav::stale`] (J1 3,000 and J2 2,000 junior USDC,
//! a 4,000 USD invoice X, grace 5 and write-off 90 days at financing).

use super::stale_nav::{open_policy, stale, Stale};
use crate::model::*;
use autofactor_client::events::{InvoiceFinanced, Withdrawn};
use autofactor_client::state::{BuyerReputation, InvoiceStatus, PoolPolicy};
use autofactor_client::{ix, pda, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::Signer;

impl Stale {
    /// The manager sets grace and write-off days (everything else as at creation).
    fn set_days(&self, grace_days: u16, writeoff_days: u16) -> solana_sdk::instruction::Instruction {
        let policy = PoolPolicy { grace_days, writeoff_days, ..open_policy() };
        ix::pool_update_config(&self.manager.pubkey(), &self.pool.pool, default_params(), policy)
    }

    /// X's fixed terms as stored now.
    async fn x_terms(&mut self) -> (i64, i64, i64) {
        let x = self.env.invoice_state(&self.x).await;
        (x.overdue_ts, x.late_after_ts, x.writeoff_ts)
    }
}

/// The review's attack, in one transaction by the manager: grace 5 → 300
/// (write-off 365), then `invoice_write_down` on X, Late and written down to
/// a third. X stays exactly on its schedule; NAV does not move; J1's exit
/// right after pays the same as without the change.
#[tokio::test]
async fn raising_grace_does_not_write_back_a_late_invoice() {
    let mut s = stale().await;
    let (o, l, w) = (s.terms.overdue_ts, s.terms.late_after_ts, s.terms.writeoff_ts);
    let keeper = s.keeper();
    s.at(l).await;
    s.env.ok(&[ix::invoice_mark_late(&s.x.keys, &keeper)], &[]).await;
    let t = o + 60 * DAY;
    s.at(t).await;
    s.env.ok(&[ix::invoice_write_down(&s.x.keys, &keeper)], &[]).await;
    let third = scheduled(s.claim, o, w, t);
    assert_eq!(third, s.claim / 3, "a third of the claim left at o + 60 days");
    assert_eq!(s.env.invoice_state(&s.x).await.book.book_usdc, third);
    let nav = s.cash + third;
    assert_eq!(s.env.pool_state(&s.pool).await.ledger.nav_usdc().unwrap(), nav);

    let manager = s.manager.insecure_clone();
    s.env.ok(&[s.set_days(300, 365), ix::invoice_write_down(&s.x.keys, &keeper)], &[&manager]).await;
    let x = s.env.invoice_state(&s.x).await;
    assert_eq!((x.status, x.book.book_usdc), (InvoiceStatus::Late, third), "no write-back without payment");
    assert_eq!(s.x_terms().await, (o, l, w));
    assert_eq!(s.env.pool_state(&s.pool).await.ledger.nav_usdc().unwrap(), nav);
    let j1 = s.j1.insecure_clone();
    let exit = s.j1_withdraw(1_000 * USDC).await;
    let out = s.env.ok(&[exit], &[&j1]).await;
    assert_eq!(
        out.event::<Withdrawn>().amount_usdc,
        (1_000 * USDC as u128 * nav as u128 / (5_000 * USDC) as u128) as u64
    );
}

/// Grace and write-off changes of every kind, each followed by a keeper
/// write-down 10 days later: X's book is always the schedule under its own
/// terms (overdue + 90 days), never under the new ones; it does not default
/// early when the write-off is shortened.
#[tokio::test]
async fn no_policy_change_moves_an_open_invoices_schedule() {
    let mut s = stale().await;
    let (o, l, w) = (s.terms.overdue_ts, s.terms.late_after_ts, s.terms.writeoff_ts);
    let keeper = s.keeper();
    let manager = s.manager.insecure_clone();
    s.at(l).await;
    s.env.ok(&[ix::invoice_mark_late(&s.x.keys, &keeper)], &[]).await;
    // (grace, write-off) set by the manager; then a write-down.
    let changes: [(u16, u16, &str); 5] = [
        (300, 365, "grace raised"),
        (0, 1, "write-off shortened to one day"),
        (5, 365, "write-off lengthened"),
        (60, 61, "both moved past now"),
        (5, 90, "restored"),
    ];
    for (i, (grace, writeoff, what)) in changes.iter().enumerate() {
        let t = o + (10 + 10 * i as i64) * DAY;
        s.at(t).await;
        s.env
            .ok(&[s.set_days(*grace, *writeoff), ix::invoice_write_down(&s.x.keys, &keeper)], &[&manager])
            .await;
        let x = s.env.invoice_state(&s.x).await;
        assert_eq!(x.status, InvoiceStatus::Late, "{what}");
        assert_eq!(x.book.book_usdc, scheduled(s.claim, o, w, t), "{what}");
        assert_eq!((x.overdue_ts, x.late_after_ts, x.writeoff_ts), (o, l, w), "{what}");
    }
    // At its own horizon (not before) it defaults.
    s.at(w).await;
    s.env.ok(&[ix::invoice_write_down(&s.x.keys, &keeper)], &[]).await;
    let x = s.env.invoice_state(&s.x).await;
    assert_eq!((x.status, x.book.book_usdc, x.defaulted_ts), (InvoiceStatus::Defaulted, 0, w));
}

/// The Late date is the one fixed at financing: grace 0 does not let a
/// keeper mark X late early (NotYetLate, nothing changed); grace 300 does
/// not stop it at `late_after_ts`.
#[tokio::test]
async fn grace_changes_do_not_move_the_late_date() {
    let mut s = stale().await;
    let (o, l) = (s.terms.overdue_ts, s.terms.late_after_ts);
    let keeper = s.keeper();
    let manager = s.manager.insecure_clone();
    s.at(o + DAY).await;
    s.env.ok(&[s.set_days(0, 90)], &[&manager]).await;
    s.env.assert_program_error(&[ix::invoice_mark_late(&s.x.keys, &keeper)], &[], E::NotYetLate).await;
    s.env.ok(&[s.set_days(300, 365)], &[&manager]).await;
    s.at(l).await;
    s.env.ok(&[ix::invoice_mark_late(&s.x.keys, &keeper)], &[]).await;
    let x = s.env.invoice_state(&s.x).await;
    assert_eq!((x.status, x.late_ts), (InvoiceStatus::Late, l));
}

/// "Repaid on time" is judged by the terms at financing: with grace cut to
/// 0, Y paid in full 3 days after its due date is still on time; with grace
/// raised to 300 days, X paid in full 6 days after its due date is not.
#[tokio::test]
async fn on_time_reputation_uses_the_terms_at_financing() {
    let mut s = stale().await;
    let manager = s.manager.insecure_clone();
    let buyer = s.buyer.insecure_clone();
    // Y: a second invoice of the same buyer, financed with grace 5 too.
    let t = s.env.usd_terms("STALE-Y", 100_00, 60).await;
    let (supplier, verifier) = (s.supplier.insecure_clone(), s.verifier.insecure_clone());
    let y = s.env.verified_invoice(&s.pool, &supplier, &buyer, &verifier, t, 900).await;
    s.env.finance(&y, &supplier).await;
    let y_terms = s.env.invoice_state(&y).await;
    assert_eq!(y_terms.late_after_ts, y_terms.overdue_ts + 5 * DAY);
    let rep = pda::buyer_reputation(&s.env.entity_key(&buyer.pubkey()).await);
    let before: BuyerReputation = s.env.get(&rep).await;
    s.env.ok(&[s.set_days(0, 90)], &[&manager]).await;
    s.at(y_terms.overdue_ts + 3 * DAY).await;
    s.env.ok(&[ix::invoice_repay(&y.keys, &buyer.pubkey(), 100_00, 100 * USDC)], &[&buyer]).await;
    let after: BuyerReputation = s.env.get(&rep).await;
    assert_eq!(
        (after.repaid_on_time_count, after.repaid_on_time_volume_usdc),
        (before.repaid_on_time_count + 1, before.repaid_on_time_volume_usdc + 100 * USDC),
        "Y is on time by its own terms"
    );
    s.env.ok(&[s.set_days(300, 365)], &[&manager]).await;
    s.at(s.terms.overdue_ts + 6 * DAY).await;
    s.env.ok(&[ix::invoice_repay(&s.x.keys, &buyer.pubkey(), 4_000_00, 4_000 * USDC)], &[&buyer]).await;
    let last: BuyerReputation = s.env.get(&rep).await;
    assert_eq!(
        (last.repaid_on_time_count, last.repaid_on_time_volume_usdc),
        (after.repaid_on_time_count, after.repaid_on_time_volume_usdc),
        "X is late by its own terms"
    );
}

/// A change applies to invoices financed afterwards: Y, financed after grace
/// 10 / write-off 120, gets those terms; X keeps grace 5 / write-off 90.
#[tokio::test]
async fn new_terms_apply_to_invoices_financed_later() {
    let mut s = stale().await;
    let manager = s.manager.insecure_clone();
    s.env.ok(&[s.set_days(10, 120)], &[&manager]).await;
    let t = s.env.usd_terms("STALE-Z", 100_00, 30).await;
    let (supplier, buyer, verifier) =
        (s.supplier.insecure_clone(), s.buyer.insecure_clone(), s.verifier.insecure_clone());
    let y = s.env.verified_invoice(&s.pool, &supplier, &buyer, &verifier, t, 900).await;
    let ev = s.env.finance(&y, &supplier).await.event::<InvoiceFinanced>();
    let y_state = s.env.invoice_state(&y).await;
    let o = due_day_start(y_state.due_ts);
    assert_eq!((ev.overdue_ts, ev.late_after_ts, ev.writeoff_ts), (o, o + 10 * DAY, o + 120 * DAY));
    assert_eq!(
        (y_state.overdue_ts, y_state.late_after_ts, y_state.writeoff_ts),
        (o, o + 10 * DAY, o + 120 * DAY)
    );
    let xo = s.terms.overdue_ts;
    assert_eq!(s.x_terms().await, (xo, xo + 5 * DAY, xo + 90 * DAY));
}

/// The write-off horizon is bounded (it sizes the deadline calendar): 366
/// days is refused, at creation and in an update, with nothing changed.
#[tokio::test]
async fn the_write_off_horizon_is_bounded() {
    let mut s = stale().await;
    let manager = s.manager.insecure_clone();
    s.env.assert_program_error(&[s.set_days(5, 366)], &[&manager], E::InvalidPolicy).await;
    s.env.ok(&[s.set_days(5, 365)], &[&manager]).await;
    let other = s.env.user(autofactor_client::constants::ROLE_MANAGER).await;
    let usdc = s.env.usdc_mint;
    let policy = PoolPolicy { grace_days: 5, writeoff_days: 366, ..default_policy() };
    s.env
        .assert_program_error(
            &[ix::pool_create(&other.pubkey(), &usdc, 1, default_params(), policy)],
            &[&other],
            E::InvalidPolicy,
        )
        .await;
}

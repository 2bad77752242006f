//! F-03, stale NAV: an investor who knows an invoice is past due tries to
//! leave (or a depositor to buy in, or a keeper to fill a queued request)
//! at a price that ignores it, before the keeper touches the invoice.
//!
//! Defence: a past-due invoice is valued by its write-down schedule from the
//! start of its due date — claim × (writeoff − t) / (writeoff − overdue) —
//! continuously, through the ledger's write-down aggregate; and the pool's
//! deadline calendar refuses deposits, redemptions and fills while a passed
//! deadline (overdue time, write-off horizon) waits for its keeper action.
//! Anyone can apply that action first, in the same transaction.
//!
//! Setting: a pool with junior holders J1 (3,000 USDC, the informed one)
//! and J2 (2,000 USDC), concentration caps lifted, one 4,000 USD invoice X
//! (grade A: 100 % advance, 12 % APR, 60 days; grace 5, write-off 90 days).

use crate::model::*;
use autofactor_client::constants::{ROLE_BUYER, ROLE_SUPPLIER};
use autofactor_client::events::{InvoiceFinanced, WithdrawalFilled, Withdrawn};
use autofactor_client::state::{Invoice, PoolPolicy, Tranche};
use autofactor_client::{ix, pda, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::{Keypair, Signer};

/// The F-03 setting, with X financed.
pub struct Stale {
    pub env: Env,
    pub manager: Keypair,
    pub pool: ix::PoolKeys,
    pub j1: Keypair,
    pub j2: Keypair,
    pub senior: Option<Keypair>,
    pub supplier: Keypair,
    pub buyer: Keypair,
    pub verifier: Keypair,
    pub x: TestInvoice,
    /// X's advance and the pool's claim on it.
    pub advance: u64,
    pub claim: u64,
    /// Cash after financing X.
    pub cash: u64,
    /// X as financed (its fixed terms).
    pub terms: Invoice,
}

/// Policy with the concentration caps and the cash reserve lifted.
pub fn open_policy() -> PoolPolicy {
    PoolPolicy {
        max_buyer_concentration_bps: 10_000,
        max_supplier_concentration_bps: 10_000,
        cash_reserve_bps: 0,
        ..default_policy()
    }
}

/// Junior J1/J2 deposit `j1`/`j2` USDC (and a senior investor `senior`
/// USDC if non-zero); X (face `face_cents`) is financed.
pub async fn stale_with(j1: u64, j2: u64, senior: u64, face_cents: u64) -> Stale {
    let mut env = Env::new().await;
    let (manager, pool) = env.pool_with(default_params(), open_policy()).await;
    let a = env.investor(j1 + 1_000 * USDC).await;
    let b = env.investor(j2 + 1_000 * USDC).await;
    env.deposit(&pool, &a, Tranche::Junior, j1).await;
    env.deposit(&pool, &b, Tranche::Junior, j2).await;
    let s = if senior > 0 {
        let s = env.investor(senior).await;
        env.deposit(&pool, &s, Tranche::Senior, senior).await;
        Some(s)
    } else {
        None
    };
    // The deposits count for financing limits after two holding windows.
    env.pass_holding_windows().await;
    let verifier = env.pool_verifier(&pool, &manager).await;
    let supplier = env.user(ROLE_SUPPLIER).await;
    let buyer = env.user(ROLE_BUYER).await;
    env.mint_usdc(&buyer.pubkey(), 100_000 * USDC).await;
    let t = env.usd_terms("STALE-X", face_cents, 60).await;
    let x = env.verified_invoice(&pool, &supplier, &buyer, &verifier, t, 900).await;
    let ev = env.finance(&x, &supplier).await.event::<InvoiceFinanced>();
    let terms: Invoice = env.invoice_state(&x).await;
    let claim = terms.book.pricing.claim_usdc();
    let cash = env.pool_state(&pool).await.ledger.cash_usdc;
    // The terms fixed at financing: UTC midnights from the due date.
    let o = due_day_start(terms.due_ts);
    assert_eq!((terms.overdue_ts, terms.late_after_ts, terms.writeoff_ts), (o, o + 5 * DAY, o + 90 * DAY));
    assert_eq!((ev.overdue_ts, ev.late_after_ts, ev.writeoff_ts), (o, o + 5 * DAY, o + 90 * DAY));
    assert_eq!(cash, j1 + j2 + senior - ev.advance_usdc);
    Stale {
        env,
        manager,
        pool,
        j1: a,
        j2: b,
        senior: s,
        supplier,
        buyer,
        verifier,
        x,
        advance: ev.advance_usdc,
        claim,
        cash,
        terms,
    }
}

/// The junior-only setting: J1 3,000, J2 2,000, X 4,000 USD.
pub async fn stale() -> Stale {
    stale_with(3_000 * USDC, 2_000 * USDC, 0, 4_000_00).await
}

impl Stale {
    /// Moves the clock to `t`.
    pub async fn at(&mut self, t: i64) {
        let now = self.env.now().await;
        self.env.warp_seconds(t - now).await;
    }

    pub fn keeper(&self) -> solana_sdk::pubkey::Pubkey {
        self.env.ctx.payer.pubkey()
    }

    /// J1's immediate withdrawal of `shares` junior shares.
    pub async fn j1_withdraw(&mut self, shares: u64) -> solana_sdk::instruction::Instruction {
        let tail = self.env.pool_state(&self.pool).await.ledger.junior.queue_tail;
        ix::tranche_withdraw(&self.pool, &self.j1.pubkey(), Tranche::Junior, shares, tail)
    }
}

/// The junior supply of the setting: 5,000 USDC of shares at price 1.
const SUPPLY: u64 = 5_000 * USDC;

/// The review's attack: J1 leaves at due + grace, X still booked at par.
/// Refused until the overdue deadline is applied; applied in the same
/// transaction, J1 is paid the schedule's value (85/90 of X's claim), not par.
#[tokio::test]
async fn exit_at_due_plus_grace_pays_the_schedule_not_par() {
    let mut s = stale().await;
    let (o, l, w) = (s.terms.overdue_ts, s.terms.late_after_ts, s.terms.writeoff_ts);
    s.at(l).await;
    let j1 = s.j1.insecure_clone();
    let exit = s.j1_withdraw(1_000 * USDC).await;
    s.env.assert_program_error(&[exit.clone()], &[&j1], E::PastDueNotApplied).await;

    // J1 applies the keeper action itself, then exits in the same transaction.
    let out = s.env.ok(&[ix::invoice_mature(&s.x.keys), exit], &[&j1]).await;
    let x_value = scheduled(s.claim, o, w, l);
    assert_eq!(x_value, (s.claim as u128 * 85 / 90) as u64);
    let nav = s.cash + x_value;
    let paid = (1_000 * USDC as u128 * nav as u128 / SUPPLY as u128) as u64;
    let par = (1_000 * USDC as u128 * (s.cash + s.claim) as u128 / SUPPLY as u128) as u64;
    assert_eq!(out.event::<Withdrawn>().amount_usdc, paid);
    assert!(paid < par);
    println!("F-03 exit at due + grace: paid {paid} (schedule), par would have been {par}");
    let state = s.env.pool_state(&s.pool).await;
    assert_eq!(state.ledger.nav_usdc().unwrap(), nav - paid);
    assert_eq!(state.ledger.receivables_value_usdc().unwrap(), x_value);
}

/// Past the overdue time, before any keeper: immediate redemptions,
/// deposits and queue fills are all refused with every account unchanged —
/// at the overdue time itself, at due + grace, and 30 days later. One
/// second before the overdue time nothing is pending yet.
#[tokio::test]
async fn deposits_exits_and_fills_wait_for_the_overdue_deadline() {
    let mut s = stale().await;
    let (o, l, w) = (s.terms.overdue_ts, s.terms.late_after_ts, s.terms.writeoff_ts);
    let (j1, j2) = (s.j1.insecure_clone(), s.j2.insecure_clone());
    // J2 queues a withdrawal larger than the cash before the due date.
    let tail = s.env.pool_state(&s.pool).await.ledger.junior.queue_tail;
    s.env
        .ok(&[ix::tranche_withdraw(&s.pool, &j2.pubkey(), Tranche::Junior, 1_500 * USDC, tail)], &[&j2])
        .await;
    assert_eq!(s.env.pool_state(&s.pool).await.ledger.junior.queue_tail, tail + 1, "queued");
    // One second before the deadline: the fill is not blocked (it pays
    // what cash allows at the accrual price).
    s.at(o - 1).await;
    let keeper = s.env.payer();
    let out = s
        .env
        .ok(&[ix::withdrawal_fill(&s.pool, &keeper.pubkey(), Tranche::Junior, tail, &j2.pubkey())], &[])
        .await;
    let first = out.event::<WithdrawalFilled>();
    let accrued = (income_rate(s.claim, s.advance, s.terms.financed_ts, o)
        * (o - 1 - s.terms.financed_ts) as u128
        / RATE_SCALE) as u64;
    let nav_then = s.cash + s.advance + accrued;
    let affordable = (s.cash as u128 * SUPPLY as u128 / nav_then as u128) as u64;
    assert_eq!(first.shares, affordable.min(1_500 * USDC));
    assert_eq!(first.amount_usdc, (first.shares as u128 * nav_then as u128 / SUPPLY as u128) as u64);
    // Repaid in part by the buyer (before the due date) so there is cash to fill with.
    let buyer = s.buyer.insecure_clone();
    s.env.ok(&[ix::invoice_repay(&s.x.keys, &buyer.pubkey(), 500_00, 500 * USDC)], &[&buyer]).await;
    for t in [o, l, o + 30 * DAY] {
        s.at(t).await;
        let keeper = s.env.payer();
        let cases = [
            (ix::tranche_deposit(&s.pool, &j1.pubkey(), Tranche::Junior, 100 * USDC, 0), j1.insecure_clone()),
            (
                ix::tranche_withdraw(&s.pool, &j1.pubkey(), Tranche::Junior, 100 * USDC, tail + 1),
                j1.insecure_clone(),
            ),
            (ix::withdrawal_fill(&s.pool, &keeper.pubkey(), Tranche::Junior, tail, &j2.pubkey()), keeper),
        ];
        for (ix_, signer) in cases {
            s.env.assert_program_error(&[ix_], &[&signer], E::PastDueNotApplied).await;
        }
    }
    // Applied, the fill pays the schedule's price at o + 30 days: X at 60/90.
    let t = o + 30 * DAY;
    let state = s.env.pool_state(&s.pool).await;
    let (cash, supply) = (state.ledger.cash_usdc, state.ledger.junior.supply().unwrap());
    let x = s.env.invoice_state(&s.x).await;
    let keeper = s.env.payer();
    let out = s
        .env
        .ok(
            &[
                ix::invoice_mature(&s.x.keys),
                ix::withdrawal_fill(&s.pool, &keeper.pubkey(), Tranche::Junior, tail, &j2.pubkey()),
            ],
            &[],
        )
        .await;
    let ev = out.event::<WithdrawalFilled>();
    let x_value = scheduled(x.book.claim_outstanding_usdc(), o, w, t);
    let nav = cash + x_value;
    let affordable = (cash as u128 * supply as u128 / nav as u128) as u64;
    let filled = affordable.min(1_500 * USDC - first.shares);
    assert_eq!(ev.shares, filled);
    assert_eq!(ev.amount_usdc, (filled as u128 * nav as u128 / supply as u128) as u64);
}

/// Between keeper touches NAV follows the schedule on its own: X is matured
/// at the overdue time and marked late at due + grace; 40 days later, with no
/// write-down ever sent, J1's exit pays the continuously written-down value.
#[tokio::test]
async fn a_late_invoice_never_written_down_is_still_priced_by_the_schedule() {
    let mut s = stale().await;
    let (o, l, w) = (s.terms.overdue_ts, s.terms.late_after_ts, s.terms.writeoff_ts);
    let keeper = s.keeper();
    s.at(o).await;
    s.env.ok(&[ix::invoice_mature(&s.x.keys)], &[]).await;
    // At the overdue time the schedule values the whole claim.
    assert_eq!(s.env.invoice_state(&s.x).await.book.book_usdc, s.claim);
    s.at(l).await;
    s.env.ok(&[ix::invoice_mark_late(&s.x.keys, &keeper)], &[]).await;
    let book_l = scheduled(s.claim, o, w, l);
    assert_eq!(s.env.invoice_state(&s.x).await.book.book_usdc, book_l);
    let rate = write_down_rate(book_l, l, w);
    let t = o + 45 * DAY;
    s.at(t).await;
    let j1 = s.j1.insecure_clone();
    let exit = s.j1_withdraw(1_000 * USDC).await;
    let out = s.env.ok(&[exit], &[&j1]).await;
    let x_value = book_l - written_down(rate, t - l);
    let nav = s.cash + x_value;
    assert_eq!(
        out.event::<Withdrawn>().amount_usdc,
        (1_000 * USDC as u128 * nav as u128 / SUPPLY as u128) as u64
    );
    // Within a micro-USDC of the schedule's exact value at t (rounding in the pool's favour).
    let exact = scheduled(s.claim, o, w, t);
    assert!(x_value <= exact && exact - x_value <= 1, "{x_value} vs {exact}");
    assert_eq!(s.env.invoice_state(&s.x).await.book.book_usdc, book_l, "no keeper touched the invoice");
}

/// A senior holder tries to leave at par ahead of a loss larger than the
/// junior tranche (X is 80 % of NAV; junior is 22 %). 30 days past the due
/// date, before any keeper, the exit is refused; with the overdue deadline
/// applied in the same transaction the senior tranche is impaired and the
/// exit pays NAV / supply.
#[tokio::test]
async fn senior_cannot_exit_at_par_ahead_of_a_loss_larger_than_junior() {
    let mut s = stale_with(700 * USDC, 400 * USDC, 3_900 * USDC, 4_000_00).await;
    let (o, w) = (s.terms.overdue_ts, s.terms.writeoff_ts);
    let senior = s.senior.as_ref().unwrap().insecure_clone();
    let t = o + 30 * DAY;
    s.at(t).await;
    let tail = s.env.pool_state(&s.pool).await.ledger.senior.queue_tail;
    let exit = ix::tranche_withdraw(&s.pool, &senior.pubkey(), Tranche::Senior, 500 * USDC, tail);
    s.env.assert_program_error(&[exit.clone()], &[&senior], E::PastDueNotApplied).await;
    let out = s.env.ok(&[ix::invoice_mature(&s.x.keys), exit], &[&senior]).await;
    let nav = s.cash + scheduled(s.claim, o, w, t);
    let senior_supply = 3_900 * USDC;
    let paid = out.event::<Withdrawn>().amount_usdc;
    assert_eq!(paid, (500 * USDC as u128 * nav as u128 / senior_supply as u128) as u64);
    println!("F-03 senior exit 30 days past due: paid {paid} for 500 shares (par 500,000,000+)");
    let state = s.env.pool_state(&s.pool).await;
    assert!(state.ledger.senior_claim_usdc().unwrap() > nav - paid, "senior is impaired");
    assert_eq!(state.ledger.tranche_values().unwrap(), (nav - paid, 0), "junior is worth nothing");
    assert!(paid < 500 * USDC, "below par: {paid}");
}

/// The guard cannot be side-stepped with another pool's calendar (one with
/// nothing pending).
#[tokio::test]
async fn another_pools_calendar_cannot_vouch_for_this_one() {
    let mut s = stale().await;
    let (_, other) = s.env.pool().await;
    s.at(s.terms.late_after_ts).await;
    let j1 = s.j1.insecure_clone();
    let exit = s.j1_withdraw(1_000 * USDC).await;
    let forged = substitute(exit, &pda::calendar(&s.pool.pool), &pda::calendar(&other.pool));
    s.env.assert_program_error(&[forged], &[&j1], E::WrongPool).await;
}

/// A payment clears or applies the deadline itself: a partial payment past
/// the overdue time moves X onto the schedule (the paid part written back),
/// so exits need no keeper; a full payment removes X from the calendar.
#[tokio::test]
async fn repayments_apply_the_deadline_themselves() {
    let mut s = stale().await;
    let (o, w) = (s.terms.overdue_ts, s.terms.writeoff_ts);
    let buyer = s.buyer.insecure_clone();
    let t = o + 2 * DAY;
    s.at(t).await;
    s.env.ok(&[ix::invoice_repay(&s.x.keys, &buyer.pubkey(), 1_000_00, 1_000 * USDC)], &[&buyer]).await;
    let x_value = scheduled(s.claim - 1_000 * USDC, o, w, t);
    let nav = s.cash + 1_000 * USDC + x_value;
    assert_eq!(s.env.pool_state(&s.pool).await.ledger.nav_usdc().unwrap(), nav);
    let j1 = s.j1.insecure_clone();
    let exit = s.j1_withdraw(1_000 * USDC).await;
    let out = s.env.ok(&[exit], &[&j1]).await;
    let paid = (1_000 * USDC as u128 * nav as u128 / SUPPLY as u128) as u64;
    assert_eq!(out.event::<Withdrawn>().amount_usdc, paid);
    // Paid in full after the write-off horizon would have passed: nothing pending.
    s.env.ok(&[ix::invoice_repay(&s.x.keys, &buyer.pubkey(), 3_000_00, 3_000 * USDC)], &[&buyer]).await;
    s.at(w + DAY).await;
    let calendar = s.env.account(&pda::calendar(&s.pool.pool)).await.unwrap();
    let pending = u64::from_le_bytes(calendar.data[48..56].try_into().unwrap());
    assert_eq!(pending, 0);
    let j2 = s.j2.insecure_clone();
    let tail = s.env.pool_state(&s.pool).await.ledger.junior.queue_tail;
    s.env.ok(&[ix::tranche_withdraw(&s.pool, &j2.pubkey(), Tranche::Junior, 100 * USDC, tail)], &[&j2]).await;
}

/// At the write-off horizon the write-down must end: exits wait for the
/// default (`invoice_write_down`), after which X is worth exactly zero.
#[tokio::test]
async fn exits_wait_for_the_default_at_the_horizon() {
    let mut s = stale().await;
    let (o, w) = (s.terms.overdue_ts, s.terms.writeoff_ts);
    let keeper = s.keeper();
    s.at(o + 10 * DAY).await;
    s.env.ok(&[ix::invoice_mark_late(&s.x.keys, &keeper)], &[]).await;
    s.at(w + 3 * DAY).await;
    let j1 = s.j1.insecure_clone();
    let exit = s.j1_withdraw(500 * USDC).await;
    s.env.assert_program_error(&[exit.clone()], &[&j1], E::PastDueNotApplied).await;
    let out = s.env.ok(&[ix::invoice_write_down(&s.x.keys, &keeper), exit], &[&j1]).await;
    let nav = s.cash;
    assert_eq!(
        out.event::<Withdrawn>().amount_usdc,
        (500 * USDC as u128 * nav as u128 / SUPPLY as u128) as u64
    );
    assert_eq!(s.env.pool_state(&s.pool).await.ledger.receivables_value_usdc().unwrap(), 0);
}

//! Round trips (F-02, F-06): deposit, let value be booked (a recovery, an
//! early repayment) or stretch a limit (financing measured on the inflated
//! NAV), and leave again — in one transaction or a few consecutive ones.
//!
//! Defences: every deposit locks the depositor's position for the pool's
//! `min_hold_secs` (redemptions, immediate or queued, are refused with
//! HoldingPeriodActive and the share ATA stays frozen so the shares cannot
//! move to another wallet); financing limits ignore deposits of the last
//! holding window.

use super::token2022::{token_error, transfer_ix};
use anchor_spl::token_2022::spl_token_2022::error::TokenError;
use anchor_spl::token_2022::spl_token_2022::state::AccountState;
use autofactor_client::constants::*;
use autofactor_client::events::*;
use autofactor_client::state::{InvoiceStatus, PoolPolicy, Position, Tranche};
use autofactor_client::{ix, pda, AutofactorError as E, TOKEN_PROGRAM_ID};
use autofactor_tests::*;
use solana_sdk::signature::{Keypair, Signer};

const DAY: i64 = 86_400;
const HOLD: i64 = DEFAULT_MIN_HOLD_SECS as i64;

/// A junior-only pool funded by `seed_usdc` of settled junior capital, with
/// a verifier, supplier and a buyer holding 100,000 USDC.
struct World {
    env: Env,
    manager: Keypair,
    keys: ix::PoolKeys,
    verifier: Keypair,
    supplier: Keypair,
    buyer: Keypair,
}

async fn world(policy: PoolPolicy, seed_usdc: u64) -> World {
    let mut env = Env::new().await;
    let (manager, keys) = env.pool_with(default_params(), policy).await;
    let j0 = env.investor(seed_usdc).await;
    env.deposit(&keys, &j0, Tranche::Junior, seed_usdc).await;
    env.pass_holding_windows().await;
    let verifier = env.pool_verifier(&keys, &manager).await;
    let supplier = env.user(ROLE_SUPPLIER).await;
    let buyer = env.user(ROLE_BUYER).await;
    env.mint_usdc(&buyer.pubkey(), 100_000 * USDC).await;
    let usdc = env.usdc_mint;
    env.create_ata(&supplier.pubkey(), &usdc, &TOKEN_PROGRAM_ID).await;
    World { env, manager, keys, verifier, supplier, buyer }
}

impl World {
    async fn invoice(&mut self, number: &str, face_cents: u64, due_days: i64) -> TestInvoice {
        let t = self.env.usd_terms(number, face_cents, due_days).await;
        self.env.verified_invoice(&self.keys, &self.supplier, &self.buyer, &self.verifier, t, 900).await
    }

    /// The attacker: a verified investor with `usdc`, its share ATA created.
    async fn attacker(&mut self, usdc: u64) -> Keypair {
        let a = self.env.investor(usdc).await;
        let payer = self.env.payer();
        self.env
            .ok(&[ix::create_shares_ata(&payer.pubkey(), &a.pubkey(), &self.keys, Tranche::Junior)], &[])
            .await;
        a
    }

    fn withdraw(&self, who: &Keypair, shares: u64, queue_tail: u64) -> solana_sdk::instruction::Instruction {
        ix::tranche_withdraw(&self.keys, &who.pubkey(), Tranche::Junior, shares, queue_tail)
    }

    fn deposit(&self, who: &Keypair, usdc: u64) -> solana_sdk::instruction::Instruction {
        ix::tranche_deposit(&self.keys, &who.pubkey(), Tranche::Junior, usdc, 0)
    }
}

/// A 1,000 USD invoice financed, gone past its write-off horizon and booked
/// at zero (Defaulted): a later full payment raises NAV by its whole claim.
async fn defaulted_world() -> (World, TestInvoice) {
    let mut w = world(default_policy(), 5_000 * USDC).await;
    let inv = w.invoice("RT-1", 1_000_00, 30).await;
    w.env.finance(&inv, &w.supplier).await;
    let keeper = w.env.payer();
    w.env.warp_seconds((30 + 5) * DAY + 1).await;
    w.env.ok(&[ix::invoice_mark_late(&inv.keys, &keeper.pubkey())], &[]).await;
    w.env.warp_seconds(85 * DAY).await;
    if w.env.invoice_state(&inv).await.status != InvoiceStatus::Defaulted {
        w.env.ok(&[ix::invoice_write_down(&inv.keys, &keeper.pubkey())], &[]).await;
    }
    let state = w.env.invoice_state(&inv).await;
    assert_eq!((state.status, state.book.book_usdc), (InvoiceStatus::Defaulted, 0));
    (w, inv)
}

/// F-02 in one transaction: deposit → the buyer's recovery payment →
/// withdraw. Refused; nothing moves (the review's run captured 83.4 % of
/// the recovery).
#[tokio::test]
async fn deposit_recovery_withdraw_in_one_transaction_is_refused() {
    let (mut w, inv) = defaulted_world().await;
    let a = w.attacker(20_000 * USDC).await;
    let ixs = [
        w.deposit(&a, 20_000 * USDC),
        ix::invoice_repay(&inv.keys, &w.buyer.pubkey(), 1_000_00, 1_000 * USDC),
        w.withdraw(&a, USDC, 0),
    ];
    let buyer = w.buyer.insecure_clone();
    w.env.assert_program_error(&ixs, &[&a, &buyer], E::HoldingPeriodActive).await;
    assert_eq!(w.env.token_balance(&w.keys.usdc_ata(&a.pubkey())).await, 20_000 * USDC);
}

/// F-02 over consecutive transactions: the deposit and the recovery go
/// through, the exit does not — the whole recovery stays with the holders
/// who carried the loss, and the attacker's USDC stays in the pool.
#[tokio::test]
async fn deposit_recovery_withdraw_in_consecutive_transactions_is_refused() {
    let (mut w, inv) = defaulted_world().await;
    let a = w.attacker(20_000 * USDC).await;
    let out = w.env.ok(&[w.deposit(&a, 20_000 * USDC)], &[&a]).await;
    let dep = out.event::<Deposited>();
    assert_eq!(dep.unlock_ts, dep.ts + HOLD);
    let buyer = w.buyer.insecure_clone();
    w.env.ok(&[ix::invoice_repay(&inv.keys, &buyer.pubkey(), 1_000_00, 1_000 * USDC)], &[&buyer]).await;
    let shares = w.env.token_balance(&w.keys.shares_ata(&a.pubkey(), Tranche::Junior)).await;
    assert_eq!(shares, dep.shares);
    for n in [shares, USDC] {
        w.env.assert_program_error(&[w.withdraw(&a, n, 0)], &[&a], E::HoldingPeriodActive).await;
    }
    let position: Position = w.env.get(&pda::position(&w.keys.pool, Tranche::Junior, &a.pubkey())).await;
    assert_eq!((position.owner, position.unlock_ts), (a.pubkey(), dep.unlock_ts));
    assert_eq!(w.env.token_balance(&w.keys.usdc_ata(&a.pubkey())).await, 0);
}

/// F-02 with an early full repayment of a performing invoice (its unearned
/// income is recognised at once): refused the same way.
#[tokio::test]
async fn deposit_early_repayment_withdraw_is_refused() {
    let mut w = world(default_policy(), 5_000 * USDC).await;
    let inv = w.invoice("RT-2", 1_000_00, 90).await;
    w.env.finance(&inv, &w.supplier).await;
    w.env.warp_seconds(DAY).await;
    let a = w.attacker(20_000 * USDC).await;
    let buyer = w.buyer.insecure_clone();
    let ixs = [
        w.deposit(&a, 20_000 * USDC),
        ix::invoice_repay(&inv.keys, &buyer.pubkey(), 1_000_00, 1_000 * USDC),
        w.withdraw(&a, USDC, 0),
    ];
    w.env.assert_program_error(&ixs, &[&a, &buyer], E::HoldingPeriodActive).await;
    // And as three transactions.
    w.env.ok(&ixs[..1], &[&a]).await;
    w.env.ok(&ixs[1..2], &[&buyer]).await;
    assert_eq!(w.env.invoice_state(&inv).await.status, InvoiceStatus::Repaid);
    w.env.assert_program_error(&ixs[2..], &[&a], E::HoldingPeriodActive).await;
}

/// A withdrawal that would be queued (cash short) is refused during the
/// lock too, so a request cannot be parked to exit at a later price.
#[tokio::test]
async fn a_queued_withdrawal_is_refused_during_the_lock() {
    let mut env = Env::new().await;
    let (_m, keys) = env.pool().await;
    let j0 = env.investor(1_000 * USDC).await;
    let a = env.investor(1_000 * USDC).await;
    env.deposit(&keys, &j0, Tranche::Junior, 1_000 * USDC).await;
    env.deposit(&keys, &a, Tranche::Junior, 1_000 * USDC).await;
    env.inject_financing(&keys, 1_900 * USDC).await;
    env.assert_program_error(
        &[ix::tranche_withdraw(&keys, &a.pubkey(), Tranche::Junior, 1_000 * USDC, 0)],
        &[&a],
        E::HoldingPeriodActive,
    )
    .await;
    assert!(env.account(&pda::withdrawal_request(&keys.pool, Tranche::Junior, 0)).await.is_none());
}

/// The lock ends exactly at `unlock_ts`: one second before, refused; at
/// it, the round trip pays back exactly the deposit (nothing was booked).
#[tokio::test]
async fn the_lock_ends_exactly_at_unlock_ts() {
    let mut env = Env::new().await;
    let (_m, keys) = env.pool().await;
    let j0 = env.investor(1_000 * USDC).await;
    let a = env.investor(1_000 * USDC).await;
    env.deposit(&keys, &j0, Tranche::Junior, 1_000 * USDC).await;
    let dep = env.deposit(&keys, &a, Tranche::Junior, 1_000 * USDC).await.event::<Deposited>();
    assert_eq!(dep.shares, 1_000 * USDC);
    let ata = keys.shares_ata(&a.pubkey(), Tranche::Junior);
    assert_eq!(env.token_account(&ata).await.state, AccountState::Frozen);
    let now = env.now().await;
    env.warp_seconds(dep.unlock_ts - 1 - now).await;
    let wd = ix::tranche_withdraw(&keys, &a.pubkey(), Tranche::Junior, 1_000 * USDC, 0);
    env.assert_program_error(&[wd.clone()], &[&a], E::HoldingPeriodActive).await;
    env.warp_seconds(1).await;
    let out = env.ok(&[wd], &[&a]).await;
    assert_eq!(out.event::<Withdrawn>().amount_usdc, 1_000 * USDC);
    assert_eq!(env.token_balance(&keys.usdc_ata(&a.pubkey())).await, 1_000 * USDC);
    assert_eq!(env.token_account(&ata).await.state, AccountState::Initialized, "thawed for the burn");
}

/// Dodging the lock by moving the shares to an accomplice's (verified,
/// thawed) ATA and redeeming there: the depositor's ATA is frozen, and
/// nobody can thaw it before the lock ends.
#[tokio::test]
async fn shares_cannot_be_moved_to_another_wallet_to_dodge_the_lock() {
    let mut env = Env::new().await;
    let (_m, keys) = env.pool().await;
    let b = env.investor(1_000 * USDC).await;
    env.deposit(&keys, &b, Tranche::Junior, 1_000 * USDC).await;
    env.warp_seconds(HOLD).await;
    env.ok(&[ix::tranche_account_thaw(&keys, &b.pubkey(), Tranche::Junior)], &[]).await;
    let a = env.investor(1_000 * USDC).await;
    env.deposit(&keys, &a, Tranche::Junior, 1_000 * USDC).await;
    let (a_ata, b_ata) =
        (keys.shares_ata(&a.pubkey(), Tranche::Junior), keys.shares_ata(&b.pubkey(), Tranche::Junior));
    env.assert_error(
        &[transfer_ix(&keys, Tranche::Junior, &a_ata, &b_ata, &a.pubkey(), 1_000 * USDC)],
        &[&a],
        token_error(TokenError::AccountFrozen),
    )
    .await;
    env.assert_program_error(
        &[ix::tranche_account_thaw(&keys, &a.pubkey(), Tranche::Junior)],
        &[],
        E::HoldingPeriodActive,
    )
    .await;
    assert_eq!(env.token_balance(&b_ata).await, 1_000 * USDC - LOCKED_SHARES);
    // A further deposit re-locks the whole position (never shortened).
    env.warp_seconds(HOLD / 2).await;
    env.mint_usdc(&a.pubkey(), USDC).await;
    let dep = env.deposit(&keys, &a, Tranche::Junior, USDC).await.event::<Deposited>();
    assert_eq!(dep.unlock_ts, dep.ts + HOLD);
    env.warp_seconds(HOLD / 2 + 1).await;
    env.assert_program_error(
        &[ix::tranche_account_thaw(&keys, &a.pubkey(), Tranche::Junior)],
        &[],
        E::HoldingPeriodActive,
    )
    .await;
}

/// F-06 in one transaction: deposit 4,995,000 USDC → finance an invoice of
/// ~4,900 USDC to one buyer → withdraw. Concentration is measured without
/// the fresh deposit (NAV 5,000 → buyer cap 1,250), so the purchase is
/// refused and nothing moves (the review's run left 97.6 % of NAV on one
/// buyer with a 25 % cap).
#[tokio::test]
async fn deposit_finance_withdraw_in_one_transaction_is_refused() {
    let mut w = world(default_policy(), 5_000 * USDC).await;
    let inv = w.invoice("RT-3", 4_900_00, 60).await;
    let a = w.attacker(4_995_000 * USDC).await;
    let supplier = w.supplier.insecure_clone();
    let ixs = [w.deposit(&a, 4_995_000 * USDC), ix::invoice_finance(&inv.keys, 0), w.withdraw(&a, USDC, 0)];
    w.env.assert_program_error(&ixs, &[&a, &supplier], E::BuyerConcentrationExceeded).await;
    w.env.assert_program_error(&ixs[..2], &[&a, &supplier], E::BuyerConcentrationExceeded).await;
}

/// F-06 over consecutive transactions: the deposit counts for the caps only
/// once it is two holding windows old (one window later it still does not).
#[tokio::test]
async fn young_deposits_do_not_raise_the_concentration_caps() {
    let mut w = world(default_policy(), 5_000 * USDC).await;
    let inv = w.invoice("RT-4", 4_900_00, 60).await;
    let a = w.attacker(4_995_000 * USDC).await;
    let supplier = w.supplier.insecure_clone();
    w.env.ok(&[w.deposit(&a, 4_995_000 * USDC)], &[&a]).await;
    let pool = w.env.pool_state(&w.keys).await;
    let now = w.env.now().await;
    assert_eq!(pool.ledger.nav_usdc().unwrap(), 5_000_000 * USDC);
    assert_eq!(pool.settled_nav_and_cash(now).unwrap(), (5_000 * USDC, 5_000 * USDC));
    w.env
        .assert_program_error(
            &[ix::invoice_finance(&inv.keys, 0)],
            &[&supplier],
            E::BuyerConcentrationExceeded,
        )
        .await;
    w.env.warp_seconds(HOLD).await;
    w.env
        .assert_program_error(
            &[ix::invoice_finance(&inv.keys, 0)],
            &[&supplier],
            E::BuyerConcentrationExceeded,
        )
        .await;
    w.env.warp_seconds(HOLD).await;
    let now = w.env.now().await;
    let pool = w.env.pool_state(&w.keys).await;
    assert_eq!(pool.settled_nav_and_cash(now).unwrap(), (5_000_000 * USDC, 5_000_000 * USDC));
    w.env.ok(&[ix::invoice_finance(&inv.keys, 0)], &[&supplier]).await;
}

/// F-06, cash reserve: a fresh deposit cannot fund an advance that would
/// take the pool's own cash below its 5 % reserve (5,000 USDC settled, an
/// advance of ~4,803 USDC leaves less than 250).
#[tokio::test]
async fn young_deposits_do_not_fund_the_cash_reserve() {
    let policy = PoolPolicy {
        max_buyer_concentration_bps: 10_000,
        max_supplier_concentration_bps: 10_000,
        ..default_policy()
    };
    let mut w = world(policy, 5_000 * USDC).await;
    let inv = w.invoice("RT-5", 4_900_00, 60).await;
    let a = w.attacker(100_000 * USDC).await;
    let supplier = w.supplier.insecure_clone();
    w.env
        .assert_program_error(&[ix::invoice_finance(&inv.keys, 0)], &[&supplier], E::CashReserveBreached)
        .await;
    let ixs = [w.deposit(&a, 100_000 * USDC), ix::invoice_finance(&inv.keys, 0), w.withdraw(&a, USDC, 0)];
    w.env.assert_program_error(&ixs, &[&a, &supplier], E::CashReserveBreached).await;
    w.env.assert_program_error(&ixs[..2], &[&a, &supplier], E::CashReserveBreached).await;
    // The manager lowering the holding period to 0 is what it takes (and it
    // shows the limit is the window, not the deposit); the change is only
    // announced, and applies RISK_CHANGE_DELAY_SECS later.
    let manager = w.manager.insecure_clone();
    let params = autofactor_client::state::PoolParams { min_hold_secs: 0, ..default_params() };
    w.env.ok(&[ix::pool_update_config(&manager.pubkey(), &w.keys.pool, params, policy)], &[&manager]).await;
    w.env.assert_program_error(&ixs[..2], &[&a, &supplier], E::CashReserveBreached).await;
    w.env.warp_seconds(RISK_CHANGE_DELAY_SECS).await;
    w.env.ok(&ixs[..2], &[&a, &supplier]).await;
}

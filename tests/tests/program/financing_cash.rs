//! The financing cash check, pinned at its boundary by the documented
//! formula (docs/ARCHITECTURE.md, "Autopilot financing checks"):
//!
//! ```text
//! settled cash ≥ advance + ⌈cash_reserve_bps × settled NAV / 10⁴⌉ + value of queued withdrawals
//! ```
//!
//! with the queued withdrawals valued ⌊pending shares × tranche value /
//! supply⌋ at the current price. One micro-USDC of cash short: refused
//! (`CashReserveBreached`, nothing changes); exactly at it: financed.

use crate::attacks::world::*;
use autofactor_client::events::InvoiceFinanced;
use autofactor_client::math::Pricing;
use autofactor_client::state::ProtocolConfig;
use autofactor_client::{ix, pda, AutofactorError as E};
use autofactor_tests::*;

#[tokio::test]
async fn the_cash_check_holds_at_its_boundary() {
    let mut w = world().await;
    let pool = w.pool;
    let supplier = w.supplier.insecure_clone();
    // A queued senior withdrawal of 200 shares (the cash is deployed for a
    // moment so that it queues, then returned).
    let cash = w.env.pool_state(&pool).await.ledger.cash_usdc;
    w.queued_senior(pool, 200 * USDC).await;
    w.env.inject_repayment(&pool, cash, 0).await;
    let inv = w.verified().await;

    // The figures the program will see at this clock.
    let state = w.env.pool_state(&pool).await;
    let l = w.accrued(&pool).await;
    let now = w.env.now().await;
    let due = w.env.invoice_state(&inv).await.due_ts;
    let fee = w.env.get::<ProtocolConfig>(&pda::protocol()).await.protocol_fee_bps;
    let grade = state.policy.grades[0];
    let pricing = Pricing::compute(
        1_000 * USDC,
        grade.advance_rate_bps,
        grade.discount_apr_bps,
        (due - now) as u64,
        fee,
        state.params.manager_fee_bps,
    )
    .unwrap();
    let nav = l.nav_usdc().unwrap();
    let reserve = (nav as u128 * state.policy.cash_reserve_bps as u128).div_ceil(10_000) as u64;
    let (senior_value, _) = l.tranche_values().unwrap();
    let queued =
        (l.senior.shares_pending as u128 * senior_value as u128 / l.senior.supply().unwrap() as u128) as u64;
    assert!(queued >= 199 * USDC && reserve > 0, "queued {queued}, reserve {reserve}");
    let boundary = pricing.advance_usdc + reserve + queued;
    assert!(l.cash_usdc > boundary);

    // One micro-USDC short: refused, every account unchanged.
    w.env.inject_financing(&pool, l.cash_usdc - (boundary - 1)).await;
    w.env
        .assert_program_error(&[ix::invoice_finance(&inv.keys, 0)], &[&supplier], E::CashReserveBreached)
        .await;
    // Exactly at it: financed, leaving the reserve and the queued value.
    w.env.inject_repayment(&pool, 1, 0).await;
    let f = w.env.finance(&inv, &supplier).await.event::<InvoiceFinanced>();
    assert_eq!(f.advance_usdc, pricing.advance_usdc);
    let after = w.env.pool_state(&pool).await.ledger;
    assert_eq!(after.cash_usdc, reserve + queued);
    assert_eq!(after.senior.shares_pending, l.senior.shares_pending);
}

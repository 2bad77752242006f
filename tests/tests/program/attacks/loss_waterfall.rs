//! A loss larger than the junior tranche, through the real invoice
//! lifecycle: a 3,000 USD invoice financed by a pool with 1,100 junior and
//! 4,000 senior defaults. Junior goes to exactly zero, senior takes the
//! rest; junior money cannot flow in to prop senior up; senior redeems
//! exactly its share of what is left.

use super::world::*;
use crate::model::DAY;
use autofactor_client::events::{InvoiceFinanced, InvoiceWrittenDown, Withdrawn};
use autofactor_client::state::{InvoiceStatus, PoolPolicy, Tranche};
use autofactor_client::{ix, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::Signer;

#[tokio::test]
async fn a_loss_larger_than_junior_wipes_junior_and_hits_senior_exactly() {
    // Concentration caps lifted so one invoice can exceed the junior tranche.
    let policy = PoolPolicy {
        max_buyer_concentration_bps: 10_000,
        max_supplier_concentration_bps: 10_000,
        ..default_policy()
    };
    let mut w = world_with(default_params(), policy).await;
    let pool = w.pool;
    let keeper = w.env.payer().pubkey();
    let (junior, senior, supplier) =
        (w.junior.insecure_clone(), w.senior.insecure_clone(), w.supplier.insecure_clone());
    let inv = w.verified_face(3_000_00, 60).await;
    let ev = w.env.finance(&inv, &supplier).await.event::<InvoiceFinanced>();
    let advance = ev.advance_usdc;
    assert!(advance > 1_100 * USDC, "the advance exceeds the junior tranche");

    // Due + grace: late. At its write-off horizon (due date + 90 days,
    // fixed at financing): written off entirely.
    w.env.warp_seconds(65 * DAY).await;
    w.env.ok(&[ix::invoice_mark_late(&inv.keys, &keeper)], &[]).await;
    let horizon = w.env.invoice_state(&inv).await.writeoff_ts;
    let now = w.env.now().await;
    w.env.warp_seconds(horizon - now).await;
    let ev = w.env.ok(&[ix::invoice_write_down(&inv.keys, &keeper)], &[]).await.event::<InvoiceWrittenDown>();
    assert!(ev.defaulted);
    assert_eq!(ev.book_usdc, 0);
    assert_eq!(w.env.invoice_state(&inv).await.status, InvoiceStatus::Defaulted);

    let l = w.env.pool_state(&pool).await.ledger;
    let nav = 5_100 * USDC - advance;
    assert_eq!(l.nav_usdc().unwrap(), nav, "NAV lost exactly the advance");
    assert_eq!(l.cash_usdc, nav);
    let claim = l.senior_claim_usdc().unwrap();
    assert!(claim > 4_000 * USDC, "the senior claim kept accruing");
    let (senior_value, junior_value) = l.tranche_values().unwrap();
    assert_eq!(junior_value, 0, "junior is wiped out");
    assert_eq!(senior_value, nav, "senior holds everything left");
    assert_eq!(l.share_price(Tranche::Junior).unwrap(), 0);
    println!(
        "loss {advance} > junior 1,100 USDC: junior 0, senior {senior_value} of claim {claim} (senior loss {})",
        claim - senior_value
    );

    // Junior money cannot come in to pay the senior claim.
    let payer = w.env.payer();
    w.env.ok(&[ix::create_shares_ata(&payer.pubkey(), &junior.pubkey(), &pool, Tranche::Junior)], &[]).await;
    w.env
        .assert_program_error(
            &[ix::tranche_deposit(&pool, &junior.pubkey(), Tranche::Junior, 100 * USDC, 0)],
            &[&junior],
            E::JuniorImpaired,
        )
        .await;
    // The junior holder keeps its shares, worth nothing now.
    let shares = w.env.token_balance(&pool.shares_ata(&junior.pubkey(), Tranche::Junior)).await;
    assert_eq!(shares, 1_100 * USDC - autofactor_client::constants::LOCKED_SHARES);

    // Senior redeems everything at once: floor(shares × NAV / supply).
    let l = w.env.pool_state(&pool).await.ledger;
    let supply = l.senior.supply().unwrap();
    let s_shares = w.env.token_balance(&pool.shares_ata(&senior.pubkey(), Tranche::Senior)).await;
    let nav_now = l.nav_usdc().unwrap();
    let expected = (s_shares as u128 * nav_now as u128 / supply as u128) as u64;
    let tail = l.senior.queue_tail;
    let out = w
        .env
        .ok(&[ix::tranche_withdraw(&pool, &senior.pubkey(), Tranche::Senior, s_shares, tail)], &[&senior])
        .await;
    assert_eq!(out.event::<Withdrawn>().amount_usdc, expected);
    let l = w.env.pool_state(&pool).await.ledger;
    assert_eq!(l.cash_usdc, nav_now - expected, "only the locked shares' part stays");
    assert_eq!(l.tranche_values().unwrap().1, 0, "junior still worth nothing");
}

//! End to end: a senior and a junior investor, three suppliers, three
//! buyers, ten invoices — financed, repaid on time, one partially, one late
//! then recovered, one defaulted — settled, fees collected, investors paid
//! out. The expected figures are computed here from the documented formulas
//! (docs/ARCHITECTURE.md, "Money rules" and "Invoice lifecycle"), not read
//! from the program.

use autofactor_client::constants::*;
use autofactor_client::events::*;
use autofactor_client::ix;
use autofactor_client::state::{BuyerReputation, InvoiceStatus, Tranche};
use autofactor_tests::*;
use solana_sdk::signature::{Keypair, Signer};

use crate::model::{due_day_start, price, scheduled, SeniorModel, DAY};

/// Grade terms of the default policy for a credit score: (advance bps, APR bps).
fn terms_for(score: u16) -> (u64, u64) {
    match score {
        800.. => (10_000, 1_200),
        650.. => (9_500, 1_600),
        500.. => (9_000, 2_200),
        _ => (8_000, 3_000),
    }
}

#[tokio::test]
async fn ten_invoices_through_every_outcome() {
    let mut env = Env::new().await;
    let admin = env.admin.insecure_clone();
    let keeper = env.payer();
    // No holding period: the invoices are financed at the deposit instant
    // (attacks::round_trips tests the holding period).
    let params = autofactor_client::state::PoolParams { min_hold_secs: 0, ..default_params() };
    let (manager, pool) = env.pool_with(params, default_policy()).await;
    let verifier = env.pool_verifier(&pool, &manager).await;
    let junior = env.investor(20_000 * USDC).await;
    let senior = env.investor(80_000 * USDC).await;
    let mut suppliers = vec![];
    for _ in 0..3 {
        suppliers.push(env.user(ROLE_SUPPLIER).await);
    }
    let mut buyers = vec![];
    for _ in 0..3 {
        let b = env.user(ROLE_BUYER).await;
        env.mint_usdc(&b.pubkey(), 50_000 * USDC).await;
        buyers.push(b);
    }
    env.deposit(&pool, &junior, Tranche::Junior, 20_000 * USDC).await;
    env.deposit(&pool, &senior, Tranche::Senior, 80_000 * USDC).await;
    let t0 = env.now().await;

    // (supplier, buyer, face in dollars, credit score)
    let book: [(usize, usize, u64, u16); 10] = [
        (0, 0, 4_000, 900),
        (1, 1, 3_000, 700),
        (2, 2, 5_000, 550),
        (0, 1, 2_500, 900),
        (1, 2, 3_500, 820),
        (2, 0, 4_500, 660),
        (0, 2, 2_000, 300),
        (1, 0, 6_000, 900), // paid partially at due, the rest within grace
        (2, 1, 3_200, 700), // late, written down, then recovered
        (0, 0, 2_800, 520), // defaulted
    ];
    let mut invoices = vec![];
    let mut priced = vec![];
    for (i, (s, b, dollars, score)) in book.iter().enumerate() {
        let terms = env.usd_terms(&format!("E2E-{i}"), dollars * 100, 60).await;
        let inv = env.verified_invoice(&pool, &suppliers[*s], &buyers[*b], &verifier, terms, *score).await;
        let out = env.finance(&inv, &suppliers[*s]).await;
        let ev = out.event::<InvoiceFinanced>();
        let (adv_bps, apr_bps) = terms_for(*score);
        let p = price(dollars * USDC, adv_bps, apr_bps, 60 * DAY);
        assert_eq!(
            (ev.advance_usdc, ev.discount_usdc, ev.protocol_fee_usdc, ev.manager_fee_usdc, ev.reserve_usdc),
            p,
            "pricing of invoice {i}"
        );
        assert!(env.token_balance(&pool.usdc_ata(&suppliers[*s].pubkey())).await >= p.0);
        invoices.push(inv);
        priced.push(p);
    }
    // Senior claim model: a function of time and the senior cash flows
    // only (here the one deposit), however often the pool is touched.
    let start_ts = env.pool_state(&pool).await.ledger.senior_rate_start_ts;
    let mut senior_model = SeniorModel::new(800, start_ts);
    senior_model.deposit(80_000 * USDC as u128, t0);
    let pay = |k: &ix::InvoiceKeys, payer: &Keypair, cents: u64| {
        (ix::invoice_repay(k, &payer.pubkey(), cents, cents * 10_000), payer.insecure_clone())
    };

    // Day 60 (due): invoices 0–6 paid in full, invoice 7 half.
    env.warp_seconds(60 * DAY).await;
    for i in 0..7 {
        let (ix_, payer) = pay(&invoices[i].keys, &buyers[book[i].1], book[i].2 * 100);
        let out = env.ok(&[ix_], &[&payer]).await;
        assert!(out.event::<InvoicePaid>().fully_repaid);
    }
    let (ix_, payer) = pay(&invoices[7].keys, &buyers[0], 3_000_00);
    let out = env.ok(&[ix_], &[&payer]).await;
    let ev = out.event::<InvoicePaid>();
    assert_eq!((ev.outstanding_minor, ev.fully_repaid), (3_000_00, false));
    assert_eq!(env.invoice_state(&invoices[7]).await.status, InvoiceStatus::PartiallyRepaid);

    // Day 63: the rest of invoice 7, within the grace period.
    env.warp_seconds(3 * DAY).await;
    let (ix_, payer) = pay(&invoices[7].keys, &buyers[0], 3_000_00);
    assert!(env.ok(&[ix_], &[&payer]).await.event::<InvoicePaid>().fully_repaid);

    // Day 65 (due + 5 days of grace): invoices 8 and 9 are late. Their
    // terms were fixed at financing: written down from the start of the due
    // date (UTC) to zero 90 days later, so at due + grace 5/90 are gone.
    env.warp_seconds(2 * DAY).await;
    let t65 = env.now().await;
    let mut late_snapshot = None;
    for i in [8, 9] {
        let out = env.ok(&[ix::invoice_mark_late(&invoices[i].keys, &keeper.pubkey())], &[]).await;
        let (adv, disc, pf, mf, _) = priced[i];
        let x = env.invoice_state(&invoices[i]).await;
        let (o, w) = (x.overdue_ts, x.writeoff_ts);
        assert_eq!((o, x.late_after_ts, w), (due_day_start(x.due_ts), o + 5 * DAY, o + 90 * DAY));
        let ev = out.event::<InvoiceMarkedLate>();
        assert_eq!(ev.book_usdc, scheduled(adv + disc - pf - mf, o, w, t65));
        late_snapshot = Some(ev.snapshot);
    }

    // Day 107.5: no keeper has touched them since, yet NAV already carries
    // the schedule; the keeper's write-down only recognizes it in the books.
    env.warp_seconds(42 * DAY + DAY / 2).await;
    let t = env.now().await;
    let before = env.ok(&[ix::pool_refresh(&pool.pool)], &[]).await.event::<PoolRefreshed>().snapshot;
    assert!(
        before.junior_price < late_snapshot.unwrap().junior_price,
        "the schedule reached the junior price"
    );
    for i in [8, 9] {
        let out = env.ok(&[ix::invoice_write_down(&invoices[i].keys, &keeper.pubkey())], &[]).await;
        let ev = out.event::<InvoiceWrittenDown>();
        let (adv, disc, pf, mf, _) = priced[i];
        let x = env.invoice_state(&invoices[i]).await;
        assert_eq!(ev.book_usdc, scheduled(adv + disc - pf - mf, x.overdue_ts, x.writeoff_ts, t));
        assert!(!ev.defaulted);
    }
    let after = env.pool_state(&pool).await.ledger.snapshot().unwrap();
    assert!(
        before.nav_usdc.abs_diff(after.nav_usdc) <= 2,
        "the write-downs were already in NAV (rounding only)"
    );
    assert_eq!(after.senior_price, before.senior_price, "…and not in the senior price");

    // Day 110: the buyer of invoice 8 pays everything — a recovery.
    env.warp_seconds(2 * DAY + DAY / 2).await;
    let (ix_, payer) = pay(&invoices[8].keys, &buyers[1], 3_200_00);
    let ev = env.ok(&[ix_], &[&payer]).await.event::<InvoicePaid>();
    assert!(ev.recovery && ev.fully_repaid);

    // Day 150 (due + 90): invoice 9 defaults.
    env.warp_seconds(40 * DAY).await;
    let ev = env
        .ok(&[ix::invoice_write_down(&invoices[9].keys, &keeper.pubkey())], &[])
        .await
        .event::<InvoiceWrittenDown>();
    assert!(ev.defaulted);
    assert_eq!(ev.book_usdc, 0);
    assert_eq!(env.invoice_state(&invoices[9]).await.status, InvoiceStatus::Defaulted);

    // Settle the nine repaid invoices: reserves released, assets burned.
    for (i, inv) in invoices.iter().enumerate().take(9) {
        let supplier = suppliers[book[i].0].pubkey();
        let usdc_before = env.token_balance(&pool.usdc_ata(&supplier)).await;
        let out = env.ok(&[ix::invoice_settle(&inv.keys, &keeper.pubkey())], &[]).await;
        assert_eq!(out.event::<InvoiceSettled>().reserve_released_usdc, priced[i].4);
        assert_eq!(env.token_balance(&pool.usdc_ata(&supplier)).await, usdc_before + priced[i].4);
        assert!(env.account(&inv.keys.invoice).await.is_none());
        assert_eq!(env.account(&inv.keys.asset).await.unwrap().data, vec![0u8], "asset burned");
    }

    // Fees: 10% + 10% of every collected discount (invoice 9's never were).
    let treasury = env.treasury.pubkey();
    let usdc = env.usdc_mint;
    env.create_ata(&treasury, &usdc, &autofactor_client::TOKEN_PROGRAM_ID).await;
    env.create_ata(&manager.pubkey(), &usdc, &autofactor_client::TOKEN_PROGRAM_ID).await;
    env.ok(&[ix::pool_collect_fees(&pool, &treasury, &manager.pubkey())], &[]).await;
    let protocol_fees: u64 = priced[..9].iter().map(|p| p.2).sum();
    let manager_fees: u64 = priced[..9].iter().map(|p| p.3).sum();
    assert_eq!(env.token_balance(&pool.usdc_ata(&treasury)).await, protocol_fees);
    assert_eq!(env.token_balance(&pool.usdc_ata(&manager.pubkey())).await, manager_fees);

    // Day 180: final NAV = deposits + net income of the nine collected
    // invoices − the advance lost on the defaulted one.
    env.warp_seconds(30 * DAY).await;
    env.ok(&[ix::pool_refresh(&pool.pool)], &[]).await;
    let net: u64 = priced[..9].iter().map(|p| p.1 - p.2 - p.3).sum();
    let nav = 100_000 * USDC + net - priced[9].0;
    let claim_fp = senior_model.claim_fp(t0 + 180 * DAY);
    let claim = (claim_fp / CLAIM_SCALE) as u64;
    let state = env.pool_state(&pool).await;
    assert_eq!(state.ledger.nav_usdc().unwrap(), nav);
    assert_eq!(state.ledger.cash_usdc, nav, "no receivables left");
    assert_eq!(state.ledger.senior_claim_fp, claim_fp);
    assert_eq!(state.ledger.open_invoices, 1, "the defaulted invoice stays open for recoveries");
    let (senior_value, junior_value) = state.ledger.tranche_values().unwrap();
    // The senior tranche earned its APR (simple interest within the first
    // year: exactly 180/365 of 8 %) …
    assert_eq!(senior_value, claim);
    assert_eq!(claim as u128, 80_000 * USDC as u128 * (10_000 * 365 + 800 * 180) / (10_000 * 365));
    // … and the junior tranche absorbed the loss and paid that coupon.
    assert_eq!(junior_value, nav - claim);
    assert!(junior_value < 20_000 * USDC + net, "junior bore the default");
    assert_eq!(vault_balance(&mut env, &pool).await, nav);

    // Both investors redeem everything they hold, senior first.
    let s_shares = 80_000 * USDC - LOCKED_SHARES;
    let s_expected = (s_shares as u128 * senior_value as u128 / (80_000 * USDC) as u128) as u64;
    let tail = state.ledger.senior.queue_tail;
    let out = env
        .ok(&[ix::tranche_withdraw(&pool, &senior.pubkey(), Tranche::Senior, s_shares, tail)], &[&senior])
        .await;
    assert_eq!(out.event::<Withdrawn>().amount_usdc, s_expected);
    assert_eq!(env.token_balance(&pool.usdc_ata(&senior.pubkey())).await, s_expected);
    let j_shares = 20_000 * USDC - LOCKED_SHARES;
    let j_expected = (j_shares as u128 * junior_value as u128 / (20_000 * USDC) as u128) as u64;
    let tail = env.pool_state(&pool).await.ledger.junior.queue_tail;
    let out = env
        .ok(&[ix::tranche_withdraw(&pool, &junior.pubkey(), Tranche::Junior, j_shares, tail)], &[&junior])
        .await;
    assert_eq!(out.event::<Withdrawn>().amount_usdc, j_expected);
    assert_eq!(env.token_balance(&pool.usdc_ata(&junior.pubkey())).await, j_expected);
    println!(
        "senior paid {s_expected} (deposit 80,000 USDC), junior paid {j_expected} (deposit 20,000 USDC), \
         net income {net}, loss {}",
        priced[9].0
    );

    // Buyer reputations.
    let rep: BuyerReputation = env.buyer_reputation(&buyers[0].pubkey()).await;
    assert_eq!(rep.acknowledged_count, 4);
    assert_eq!(rep.repaid_on_time_count, 3, "invoices 0, 5 and 7");
    assert_eq!((rep.late_count, rep.defaulted_count), (1, 1));
    assert_eq!(rep.defaulted_volume_usdc, 2_800 * USDC);
    let rep: BuyerReputation = env.buyer_reputation(&buyers[1].pubkey()).await;
    assert_eq!((rep.repaid_on_time_count, rep.late_count, rep.recovered_count), (2, 1, 1));

    // The protocol admin can still pause the pool's world afterwards.
    env.ok(&[ix::protocol_set_paused(&admin.pubkey(), true)], &[&admin]).await;
}

async fn vault_balance(env: &mut Env, pool: &ix::PoolKeys) -> u64 {
    env.token_balance(&pool.vault).await
}

//! Senior accrual (F-15, issue 17 item 2): the senior claim is a function of
//! time and cash flows only. Before, it compounded at every pool update and
//! `pool_refresh` is permissionless: daily refreshes turned 8 % APR into
//! 8.327 % (13,110.29 USDC a year on 4,000,000 USDC, paid by junior), and
//! `invoice_settle`, `pool_collect_fees` and `withdrawal_cancel` did not
//! accrue, so the realised yield depended on which instructions ran. Now
//! the same cash flows at the same times give the same senior value to the
//! micro-USDC whatever else runs in between.

use crate::model::{price, SeniorModel, DAY};
use autofactor_client::constants::*;
use autofactor_client::events::*;
use autofactor_client::state::{PoolPolicy, Tranche};
use autofactor_client::{ix, TOKEN_PROGRAM_ID};
use autofactor_tests::*;
use solana_sdk::signature::{Keypair, Signer};

/// Three identical pools (1,000,000 junior, 4,000,000 senior at 8 %): one
/// never refreshed, one refreshed daily, one hourly for the first 30 days
/// (daily afterwards). At day 30 and at day 365 their senior values are
/// identical and exactly the stated rate: 4,026,301.369863 USDC
/// (8 % × 30/365) and 4,320,000.000000 USDC (8.000 %, not 8.327 %).
#[tokio::test]
async fn refreshing_daily_hourly_or_never_gives_the_same_senior_value() {
    let mut env = Env::new().await;
    let mut pools = vec![];
    for _ in 0..3 {
        let (_m, keys) = env.pool().await;
        let j = env.investor(1_000_000 * USDC).await;
        let s = env.investor(4_000_000 * USDC).await;
        env.deposit(&keys, &j, Tranche::Junior, 1_000_000 * USDC).await;
        env.deposit(&keys, &s, Tranche::Senior, 4_000_000 * USDC).await;
        pools.push(keys);
    }
    let t0 = env.now().await;
    let ledger = env.pool_state(&pools[0]).await.ledger;
    assert_eq!(ledger.last_accrual_ts, t0);
    let mut model = SeniorModel::new(800, ledger.senior_rate_start_ts);
    model.deposit(4_000_000 * USDC as u128, t0);
    let mut refreshes = [0u32; 3];

    async fn refresh(env: &mut Env, keys: &ix::PoolKeys, count: &mut u32) {
        env.send(&[ix::pool_refresh(&keys.pool)], &[]).await.expect("pool_refresh");
        *count += 1;
    }
    async fn values(env: &mut Env, pools: &[ix::PoolKeys]) -> Vec<(u128, (u64, u64))> {
        let mut out = vec![];
        for p in pools {
            let l = env.pool_state(p).await.ledger;
            out.push((l.senior_claim_fp, l.tranche_values().unwrap()));
        }
        out
    }

    // 30 days hour by hour.
    for hour in 1..=30 * 24 {
        env.warp_seconds(3_600).await;
        refresh(&mut env, &pools[2], &mut refreshes[2]).await;
        if hour % 24 == 0 {
            refresh(&mut env, &pools[1], &mut refreshes[1]).await;
        }
    }
    for (i, p) in pools.iter().enumerate() {
        refresh(&mut env, p, &mut refreshes[i]).await;
    }
    let v = values(&mut env, &pools).await;
    assert_eq!(v[0], v[1]);
    assert_eq!(v[0], v[2]);
    assert_eq!(v[0].0, model.claim_fp(t0 + 30 * DAY));
    assert_eq!(v[0].1, (4_026_301_369_863, 973_698_630_137));

    // To day 365, daily (pools 1 and 2) or never (pool 0).
    for _ in 31..=365 {
        env.warp_seconds(DAY).await;
        refresh(&mut env, &pools[1], &mut refreshes[1]).await;
        refresh(&mut env, &pools[2], &mut refreshes[2]).await;
    }
    for (i, p) in pools.iter().enumerate() {
        refresh(&mut env, p, &mut refreshes[i]).await;
    }
    assert_eq!(refreshes, [2, 367, 1_057]);
    let v = values(&mut env, &pools).await;
    assert_eq!(v[0], v[1]);
    assert_eq!(v[0], v[2]);
    assert_eq!(v[0].0, model.claim_fp(t0 + 365 * DAY));
    assert_eq!(v[0].1, (4_320_000 * USDC, 680_000 * USDC));
}

/// Two pools, the same cash flows at the same times (deposits, an invoice
/// financed and repaid, a senior redemption) — and different interleavings
/// of `pool_refresh`, `invoice_settle`, `pool_collect_fees` and
/// `withdrawal_cancel` (pool P: early and often; pool Q: late, once). After
/// 60 days both have identical senior claims, tranche values and NAV, equal
/// to the model's figures.
#[tokio::test]
async fn settle_collect_cancel_and_refresh_interleavings_do_not_move_the_senior_value() {
    let mut env = Env::new().await;
    let policy = PoolPolicy {
        max_buyer_concentration_bps: 10_000,
        max_supplier_concentration_bps: 10_000,
        ..default_policy()
    };
    let treasury = env.treasury.pubkey();
    let usdc = env.usdc_mint;
    env.create_ata(&treasury, &usdc, &TOKEN_PROGRAM_ID).await;
    struct Side {
        manager: Keypair,
        keys: ix::PoolKeys,
        junior: Keypair,
        senior: Keypair,
        supplier: Keypair,
        buyer: Keypair,
        verifier: Keypair,
    }
    let mut sides = vec![];
    for _ in 0..2 {
        let (manager, keys) = env.pool_with(default_params(), policy).await;
        env.create_ata(&manager.pubkey(), &usdc, &TOKEN_PROGRAM_ID).await;
        let verifier = env.pool_verifier(&keys, &manager).await;
        let supplier = env.user(ROLE_SUPPLIER).await;
        let buyer = env.user(ROLE_BUYER).await;
        env.mint_usdc(&buyer.pubkey(), 1_000 * USDC).await;
        let junior = env.investor(300 * USDC).await;
        let senior = env.investor(700 * USDC).await;
        env.deposit(&keys, &junior, Tranche::Junior, 300 * USDC).await;
        env.deposit(&keys, &senior, Tranche::Senior, 700 * USDC).await;
        sides.push(Side { manager, keys, junior, senior, supplier, buyer, verifier });
    }
    let t0 = env.now().await;
    let start = env.pool_state(&sides[0].keys).await.ledger.senior_rate_start_ts;
    assert_eq!(env.pool_state(&sides[1].keys).await.ledger.senior_rate_start_ts, start);

    env.pass_holding_windows().await;
    let t_fin = env.now().await;
    let mut invoices = vec![];
    for (i, s) in sides.iter().enumerate() {
        let terms = env.usd_terms(&format!("INTERLEAVE-{i}"), 917_00, 60).await;
        let inv = env.verified_invoice(&s.keys, &s.supplier, &s.buyer, &s.verifier, terms, 900).await;
        env.finance(&inv, &s.supplier).await;
        invoices.push(inv);
    }
    assert_eq!(env.now().await, t_fin, "both financed at the same time");
    // Junior queues 200 shares in both (cash ~101 is short).
    for s in &sides {
        let out = env
            .ok(
                &[ix::tranche_withdraw(&s.keys, &s.junior.pubkey(), Tranche::Junior, 200 * USDC, 0)],
                &[&s.junior],
            )
            .await;
        assert_eq!(out.event::<WithdrawalQueued>().sequence, 0);
    }
    let (p, q) = (&sides[0], &sides[1]);
    let keeper = env.payer();
    let cancel = |s: &Side| ix::withdrawal_cancel(&s.keys, &s.junior.pubkey(), Tranche::Junior, 0);
    let collect = |s: &Side| ix::pool_collect_fees(&s.keys, &treasury, &s.manager.pubkey());
    let refresh = |s: &Side| ix::pool_refresh(&s.keys.pool);

    async fn at(env: &mut Env, t: i64) {
        let now = env.now().await;
        env.warp_seconds(t - now).await;
    }
    at(&mut env, t_fin + 5 * DAY).await;
    env.ok(&[refresh(p)], &[]).await;
    at(&mut env, t_fin + 10 * DAY).await;
    env.ok(&[cancel(p)], &[&p.junior]).await;
    // Day 30: both buyers pay in full (the same cash flow in both pools).
    at(&mut env, t_fin + 30 * DAY).await;
    for (s, inv) in sides.iter().zip(&invoices) {
        env.ok(&[ix::invoice_repay(&inv.keys, &s.buyer.pubkey(), 917_00, 917 * USDC)], &[&s.buyer]).await;
    }
    // Day 31: the senior redeems 100 shares at once in both.
    at(&mut env, t_fin + 31 * DAY).await;
    let mut paid = vec![];
    for s in &sides {
        let tail = env.pool_state(&s.keys).await.ledger.senior.queue_tail;
        let out = env
            .ok(
                &[ix::tranche_withdraw(&s.keys, &s.senior.pubkey(), Tranche::Senior, 100 * USDC, tail)],
                &[&s.senior],
            )
            .await;
        paid.push(out.event::<Withdrawn>().amount_usdc);
    }
    assert_eq!(paid[0], paid[1]);
    env.ok(&[ix::invoice_settle(&invoices[0].keys, &keeper.pubkey())], &[]).await;
    at(&mut env, t_fin + 32 * DAY).await;
    env.ok(&[collect(p)], &[]).await;
    for d in 33..=60 {
        at(&mut env, t_fin + d * DAY).await;
        env.ok(&[refresh(p)], &[]).await;
        match d {
            40 => env.ok(&[cancel(q)], &[&q.junior]).await,
            45 => env.ok(&[collect(q)], &[]).await,
            50 => env.ok(&[ix::invoice_settle(&invoices[1].keys, &keeper.pubkey())], &[]).await,
            60 => env.ok(&[refresh(q)], &[]).await,
            _ => continue,
        };
    }

    let (lp, lq) = (env.pool_state(&p.keys).await.ledger, env.pool_state(&q.keys).await.ledger);
    assert_eq!(lp.senior_claim_fp, lq.senior_claim_fp);
    assert_eq!(lp.tranche_values().unwrap(), lq.tranche_values().unwrap());
    assert_eq!(lp.nav_usdc().unwrap(), lq.nav_usdc().unwrap());
    // The model: 700 USDC in at t0, the redemption out at day 31.
    let mut model = SeniorModel::new(800, start);
    model.deposit(700 * USDC as u128, t0);
    model.pay(paid[0] as u128, t_fin + 31 * DAY);
    assert_eq!(lp.senior_claim_fp, model.claim_fp(t_fin + 60 * DAY));
    // NAV: deposits + the invoice's net income − the redemption.
    let (_, discount, pf, mf, _) = price(917 * USDC, 10_000, 1_200, 60 * DAY);
    assert_eq!(lp.nav_usdc().unwrap(), 1_000 * USDC + discount - pf - mf - paid[0]);
    let (senior_value, junior_value) = lp.tranche_values().unwrap();
    assert_eq!(senior_value as u128, model.claim_usdc(t_fin + 60 * DAY));
    assert_eq!(junior_value, lp.nav_usdc().unwrap() - senior_value);
}

/// Review (compute grows with pool age): the senior index looped once per
/// whole year since the rate period began. Now each accrual rolls the
/// period's start and base forward to its last anniversary (the index is
/// unchanged by rolling), so the loop only covers the years since the
/// previous accrual. Two identical pools, one refreshed after 2.5 and 3.5
/// years, one only at 3.5 years: the same senior value, equal to the model,
/// and the refreshed pool's period starts at its third anniversary with base
/// 1.08³ = 1.259712.
#[tokio::test]
async fn the_rate_period_rolls_forward_by_whole_years_without_moving_the_value() {
    const YEAR: i64 = 365 * DAY;
    let mut env = Env::new().await;
    let mut pools = vec![];
    for _ in 0..2 {
        let (_m, keys) = env.pool().await;
        let j = env.investor(1_000_000 * USDC).await;
        let s = env.investor(4_000_000 * USDC).await;
        env.deposit(&keys, &j, Tranche::Junior, 1_000_000 * USDC).await;
        env.deposit(&keys, &s, Tranche::Senior, 4_000_000 * USDC).await;
        pools.push(keys);
    }
    let t0 = env.now().await;
    let start = env.pool_state(&pools[0]).await.ledger.senior_rate_start_ts;
    assert_eq!(env.pool_state(&pools[1]).await.ledger.senior_rate_start_ts, start);
    let mut model = SeniorModel::new(800, start);
    model.deposit(4_000_000 * USDC as u128, t0);

    env.warp_seconds(start + 5 * YEAR / 2 - t0).await;
    env.ok(&[ix::pool_refresh(&pools[0].pool)], &[]).await;
    let l = env.pool_state(&pools[0]).await.ledger;
    assert_eq!(l.senior_rate_start_ts, start + 2 * YEAR);
    assert_eq!(l.senior_rate_base_wad, 1_166_400_000_000_000_000);

    env.warp_seconds(YEAR).await;
    let now = env.now().await;
    for p in &pools {
        env.ok(&[ix::pool_refresh(&p.pool)], &[]).await;
    }
    let (a, b) = (env.pool_state(&pools[0]).await.ledger, env.pool_state(&pools[1]).await.ledger);
    assert_eq!((a.senior_rate_start_ts, b.senior_rate_start_ts), (start + 3 * YEAR, start + 3 * YEAR));
    assert_eq!(
        (a.senior_rate_base_wad, b.senior_rate_base_wad),
        (1_259_712_000_000_000_000, 1_259_712_000_000_000_000)
    );
    assert_eq!(a.senior_index_wad, b.senior_index_wad);
    assert_eq!(a.senior_claim_fp, b.senior_claim_fp);
    assert_eq!(a.senior_claim_fp, model.claim_fp(now));
    assert_eq!(a.tranche_values().unwrap(), b.tranche_values().unwrap());
}

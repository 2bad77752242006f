//! Overflow: extreme amounts, bounds and dates in every user-supplied
//! number. Each is refused with a specific error (or `MathOverflow`), never
//! a panic, and leaves every account unchanged; a clock warped decades
//! ahead still accrues without overflowing.

use super::world::*;
use autofactor_client::constants::*;
use autofactor_client::state::{PoolParams, Tranche};
use autofactor_client::{ix, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::Signer;

#[tokio::test]
async fn extreme_amounts_are_refused_with_specific_errors() {
    let mut w = world().await;
    let pool = w.pool;
    let admin = w.env.admin.insecure_clone();
    let (senior, buyer, supplier, verifier, m) = (
        w.senior.insecure_clone(),
        w.buyer.insecure_clone(),
        w.supplier.insecure_clone(),
        w.verifier.insecure_clone(),
        w.manager.insecure_clone(),
    );
    let created = {
        let inv = w.created(pool).await;
        w.env.ok(&[ix::invoice_acknowledge(&inv.keys)], &[&buyer]).await;
        inv
    };
    let verified = w.verified().await;
    let financed = w.financed().await;
    let tail = w.env.pool_state(&pool).await.ledger.senior.queue_tail;
    let max = u64::MAX;
    let usdc = w.env.usdc_mint;
    let p = default_params();
    let bad_params = |f: &dyn Fn(&mut PoolParams)| {
        let mut q = p;
        f(&mut q);
        q
    };
    let create_pool = |q: PoolParams| ix::pool_create(&m.pubkey(), &usdc, 2, q, default_policy());
    let mut huge = w.terms(1_000_00, 60).await;
    huge.face_minor = max;
    let asset = solana_sdk::signature::Keypair::new();
    let huge_keys = w.env.invoice_keys(&pool, &asset.pubkey(), &supplier.pubkey(), &buyer.pubkey()).await;

    let cases = vec![
        Case::new(
            "deposit u64::MAX",
            ix::tranche_deposit(&pool, &senior.pubkey(), Tranche::Senior, max, 0),
            &[&senior],
            program(E::MathOverflow),
        ),
        Case::new(
            "deposit the whole liquidity cap on top of the NAV",
            ix::tranche_deposit(&pool, &senior.pubkey(), Tranche::Senior, p.liquidity_cap_usdc, 0),
            &[&senior],
            program(E::LiquidityCapExceeded),
        ),
        Case::new(
            "deposit demanding u64::MAX shares",
            ix::tranche_deposit(&pool, &senior.pubkey(), Tranche::Senior, USDC, max),
            &[&senior],
            program(E::SlippageExceeded),
        ),
        Case::new(
            "withdraw u64::MAX shares",
            ix::tranche_withdraw(&pool, &senior.pubkey(), Tranche::Senior, max, tail),
            &[&senior],
            program(E::InsufficientShares),
        ),
        Case::new(
            "repay u64::MAX",
            ix::invoice_repay(&financed.keys, &buyer.pubkey(), max, max),
            &[&buyer],
            program(E::Overpayment),
        ),
        Case::new(
            "repay with a zero USDC maximum",
            ix::invoice_repay(&financed.keys, &buyer.pubkey(), 100_00, 0),
            &[&buyer],
            program(E::PaymentAboveMax),
        ),
        Case::new(
            "finance demanding a u64::MAX advance",
            ix::invoice_finance(&verified.keys, max),
            &[&supplier],
            program(E::SlippageExceeded),
        ),
        Case::new(
            "attest a u16::MAX credit score",
            ix::invoice_attest(&created.keys, &verifier.pubkey(), [7; 32], u16::MAX),
            &[&verifier],
            program(E::InvalidCreditScore),
        ),
        Case::new(
            "protocol fee u16::MAX",
            ix::protocol_update(&admin.pubkey(), u16::MAX, &admin.pubkey()),
            &[&admin],
            program(E::ProtocolFeeTooHigh),
        ),
        Case::new(
            "pool with senior APR u16::MAX",
            create_pool(bad_params(&|q| q.senior_apr_bps = u16::MAX)),
            &[&m],
            program(E::SeniorAprTooHigh),
        ),
        Case::new(
            "pool with manager fee u16::MAX",
            create_pool(bad_params(&|q| q.manager_fee_bps = u16::MAX)),
            &[&m],
            program(E::ManagerFeeTooHigh),
        ),
        Case::new(
            "pool with junior ratio u16::MAX",
            create_pool(bad_params(&|q| q.min_junior_ratio_bps = u16::MAX)),
            &[&m],
            program(E::InvalidJuniorRatio),
        ),
        Case::new(
            "pool with investor cap u16::MAX",
            create_pool(bad_params(&|q| q.max_investor_share_bps = u16::MAX)),
            &[&m],
            program(E::InvalidInvestorCap),
        ),
        Case::new(
            "pool with a zero liquidity cap",
            create_pool(bad_params(&|q| q.liquidity_cap_usdc = 0)),
            &[&m],
            program(E::InvalidLiquidityCap),
        ),
        Case::new(
            "pool with a u32::MAX holding period",
            create_pool(bad_params(&|q| q.min_hold_secs = u32::MAX)),
            &[&m],
            program(E::InvalidHoldingPeriod),
        ),
    ];

    let (se, be) = (huge_keys.supplier_entity, huge_keys.buyer_entity);
    let dated = |issue_ts: i64, due_ts: i64| {
        let mut t = huge.clone();
        t.face_minor = 1_000_00;
        t.document_hash[0] ^= (issue_ts ^ due_ts) as u8 | 1;
        t.invoice_number = format!("DATE-{issue_ts}-{due_ts}")[..20].to_string();
        t.issue_ts = issue_ts;
        t.due_ts = due_ts;
        let a = solana_sdk::signature::Keypair::new();
        (
            ix::invoice_create(
                &ix::InvoiceKeys::new(pool, a.pubkey(), supplier.pubkey(), buyer.pubkey(), se, be),
                &t,
            ),
            a,
        )
    };
    let (far_due, far_due_asset) = dated(0, i64::MAX);
    let mut cases = cases;
    cases.push(Case::new(
        "invoice due at i64::MAX",
        far_due,
        &[&supplier, &far_due_asset],
        program(E::TenorOutOfBounds),
    ));
    assert_eq!(run(&mut w.env, cases).await, 16);
    // An invoice of u64::MAX cents: originated (the face is only a claim),
    // but the buyer's acknowledgement books its volume on the buyer's
    // reputation, which overflows: refused with MathOverflow, unchanged.
    w.env.ok(&[ix::invoice_create(&huge_keys, &huge)], &[&supplier, &asset]).await;
    w.env.assert_program_error(&[ix::invoice_acknowledge(&huge_keys)], &[&buyer], E::MathOverflow).await;
}

/// A century of senior accrual. At the default 8% APR (compounded yearly,
/// ×2,200) the claim grows without overflow; at the maximum APR (50%,
/// ×1.5^100 ≈ 4·10^17) the senior index overflows u128 and the pool refuses
/// every accrual with `MathOverflow` — a refusal with every account
/// unchanged, never a panic or a wrapped number.
#[tokio::test]
async fn a_century_of_accrual_overflows_only_at_the_maximum_apr() {
    let mut w = world().await;
    let pool = w.pool;
    w.env.warp_seconds(100 * 365 * 86_400).await;
    w.env.ok(&[ix::pool_refresh(&pool.pool)], &[]).await;
    let l = w.env.pool_state(&pool).await.ledger;
    assert!(l.senior_claim_usdc().unwrap() > 2_000 * 4_000 * USDC, "≈ 1.08^100 × 4,000 USDC");
    assert_eq!(l.tranche_values().unwrap(), (l.nav_usdc().unwrap(), 0), "the claim exceeds NAV");

    let params = PoolParams { senior_apr_bps: MAX_SENIOR_APR_BPS, ..default_params() };
    let mut w = world_with(params, default_policy()).await;
    let pool = w.pool;
    w.env.warp_seconds(100 * 365 * 86_400).await;
    w.env.assert_program_error(&[ix::pool_refresh(&pool.pool)], &[], E::MathOverflow).await;
}

/// A grade whose discount eats the whole advance (5% advance, 100% discount
/// APR over 60 days: a 16.4% discount): financing is refused with
/// `AdvanceTooSmall` rather than paying a zero or wrapped advance.
#[tokio::test]
async fn a_discount_larger_than_the_advance_is_refused() {
    let mut policy = open_policy();
    for g in policy.grades.iter_mut() {
        g.advance_rate_bps = 500;
        g.discount_apr_bps = MAX_DISCOUNT_APR_BPS;
    }
    let mut w = world_with(default_params(), policy).await;
    let supplier = w.supplier.insecure_clone();
    let inv = w.verified().await;
    w.env.assert_program_error(&[ix::invoice_finance(&inv.keys, 0)], &[&supplier], E::AdvanceTooSmall).await;
}

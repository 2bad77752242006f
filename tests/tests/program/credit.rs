//! The autopilot's credit policy on repayment history (issue 16): one
//! buyer's limit and price move as its invoices are repaid on time, paid
//! late and defaulted, asserted exactly from the documented formula
//! (docs/ARCHITECTURE.md, "Credit policy"; `state/credit.rs`); an open
//! late invoice and an open default refuse financing until recovered; the
//! default policy decides as before.

use crate::attacks::world::*;
use autofactor_client::events::InvoiceFinanced;
use autofactor_client::state::{BuyerReputation, CreditPolicy, HistoryTier, IdentityRecord, PoolPolicy};
use autofactor_client::{ix, pda, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::Signer;

/// The pool's history terms in these tests.
const CREDIT: CreditPolicy = CreditPolicy {
    block_open_default: true,
    max_open_late: 0,
    proven_min_on_time: 1,
    proven_discount_cut_bps: 300,
    watch_discount_add_bps: 500,
    limit_base_usdc: 1_500 * USDC,
    limit_on_time_bps: 5_000,
    limit_late_bps: 10_000,
    limit_default_bps: 20_000,
    limit_floor_usdc: 500 * USDC,
    limit_cap_usdc: 100_000 * USDC,
    ..CreditPolicy::OFF
};

/// A verified USD invoice of `face_cents`, due in 60 days, grade A (score
/// 900: 100 % advance, 12 % discount APR).
async fn grade_a(w: &mut World, face_cents: u64) -> TestInvoice {
    let (s, b, v) = (w.supplier.insecure_clone(), w.buyer.insecure_clone(), w.verifier.insecure_clone());
    let terms = w.terms(face_cents, 60).await;
    let pool = w.pool;
    w.env.verified_invoice(&pool, &s, &b, &v, terms, 900).await
}

/// The documented limit under `c`: clamp(base + ⌊on-time × on-time bps⌋
/// − ⌈(late − defaulted) × late bps⌉ − ⌈defaulted × default bps⌉, floor,
/// cap) — a defaulted invoice (always marked late first) pays the default
/// penalty only.
fn limit_under(c: &CreditPolicy, r: &BuyerReputation) -> u64 {
    let gained = r.repaid_on_time_volume_usdc as i128 * c.limit_on_time_bps as i128 / 10_000;
    let ceil = |v: u64, bps: u16| (v as i128 * bps as i128 + 9_999) / 10_000;
    let raw = c.limit_base_usdc as i128 + gained
        - ceil(r.late_volume_usdc - r.defaulted_volume_usdc, c.limit_late_bps)
        - ceil(r.defaulted_volume_usdc, c.limit_default_bps);
    raw.clamp(c.limit_floor_usdc as i128, c.limit_cap_usdc as i128) as u64
}

/// The documented limit under the test terms (50 %, 100 %, 200 %).
fn limit(r: &BuyerReputation) -> u64 {
    limit_under(&CREDIT, r)
}

async fn reputation(w: &mut World) -> BuyerReputation {
    let buyer = w.buyer.pubkey();
    let entity = w.env.entity_key(&buyer).await;
    w.env.get(&pda::buyer_reputation(&entity)).await
}

async fn warp_to(w: &mut World, ts: i64) {
    let now = w.env.now().await;
    w.env.warp_seconds(ts - now).await;
}

/// Finances `inv` and checks the decision the event reports against the
/// documented tier, discount APR and limit.
async fn finance_as(w: &mut World, inv: &TestInvoice, tier: HistoryTier, apr_bps: u16) -> InvoiceFinanced {
    let rep = reputation(w).await;
    let due = w.env.invoice_state(inv).await.due_ts;
    let now = w.env.now().await;
    let s = w.supplier.insecure_clone();
    let f = w.env.finance(inv, &s).await.event::<InvoiceFinanced>();
    assert_eq!((f.history_tier, f.discount_apr_bps), (tier, apr_bps));
    assert_eq!(f.buyer_credit_limit_usdc, limit(&rep));
    assert_eq!(f.discount_usdc, documented_discount_usdc(f.face_usdc, apr_bps, due - now));
    f
}

#[tokio::test]
async fn a_buyers_limit_and_price_move_with_its_history() {
    let mut w = credit_world(CREDIT).await;
    let keeper = w.env.payer().pubkey();
    let buyer = w.buyer.insecure_clone();
    let supplier = w.supplier.insecure_clone();

    // No history: Standard, the grade's 12 %, limit = base 1,500 USDC.
    let first = grade_a(&mut w, 1_000_00).await;
    let f1 = finance_as(&mut w, &first, HistoryTier::Standard, 1_200).await;
    assert_eq!(f1.buyer_credit_limit_usdc, 1_500 * USDC);
    // A second 1,000 USD invoice would put ~1,990 USDC on the buyer.
    let second = grade_a(&mut w, 1_000_00).await;
    let refused = ix::invoice_finance(&second.keys, 0);
    w.env.assert_program_error(&[refused.clone()], &[&supplier], E::BuyerCreditLimitExceeded).await;

    // Repaid on time: Proven (12 % − 3 %), limit 1,500 + 50 % × 1,000.
    w.repay_all(&first).await;
    let r = reputation(&mut w).await;
    assert_eq!((r.repaid_on_time_count, r.repaid_on_time_volume_usdc), (1, 1_000 * USDC));
    assert_eq!(limit(&r), 2_000 * USDC);
    finance_as(&mut w, &second, HistoryTier::Proven, 900).await;

    // Late: one open late invoice refuses the next financing.
    let st = w.env.invoice_state(&second).await;
    warp_to(&mut w, st.late_after_ts).await;
    w.env.ok(&[ix::invoice_mark_late(&second.keys, &keeper)], &[]).await;
    assert_eq!(reputation(&mut w).await.open_late_count, 1);
    let third = grade_a(&mut w, 100_00).await;
    w.env
        .assert_program_error(
            &[ix::invoice_finance(&third.keys, 0)],
            &[&supplier],
            E::BuyerTooManyLateInvoices,
        )
        .await;

    // Defaulted at the horizon: the open default refuses it.
    warp_to(&mut w, st.writeoff_ts).await;
    w.env.ok(&[ix::invoice_write_down(&second.keys, &keeper)], &[]).await;
    let r = reputation(&mut w).await;
    assert_eq!((r.open_late_count, r.open_default_count, r.defaulted_count), (0, 1, 1));
    let fourth = grade_a(&mut w, 100_00).await;
    w.env
        .assert_program_error(&[ix::invoice_finance(&fourth.keys, 0)], &[&supplier], E::BuyerHasOpenDefault)
        .await;
    // A second wallet of the same buyer entity inherits the record (it is
    // the entity's): the open default refuses it too.
    let entity_id = w.env.get::<IdentityRecord>(&pda::identity(&buyer.pubkey())).await.entity_id;
    let second_wallet = w.env.user_of_entity(autofactor_client::constants::ROLE_BUYER, &entity_id).await;
    let terms = w.terms(100_00, 60).await;
    let (pool, v) = (w.pool, w.verifier.insecure_clone());
    let via_second = w.env.verified_invoice(&pool, &supplier, &second_wallet, &v, terms, 900).await;
    assert_eq!(via_second.keys.buyer_entity, fourth.keys.buyer_entity);
    w.env
        .assert_program_error(
            &[ix::invoice_finance(&via_second.keys, 0)],
            &[&supplier],
            E::BuyerHasOpenDefault,
        )
        .await;

    // Recovered in full: admitted again, on Watch (12 % + 5 %), and the
    // limit falls to the floor: 1,500 + 500 − 0 (late, not defaulted) −
    // 2,000 (defaulted) < 500.
    w.env.ok(&[ix::invoice_repay(&second.keys, &buyer.pubkey(), 1_000_00, 1_000 * USDC)], &[&buyer]).await;
    let r = reputation(&mut w).await;
    assert_eq!((r.open_default_count, r.recovered_count), (0, 1));
    assert_eq!(limit(&r), 500 * USDC);
    let big = grade_a(&mut w, 1_000_00).await;
    w.env
        .assert_program_error(&[ix::invoice_finance(&big.keys, 0)], &[&supplier], E::BuyerCreditLimitExceeded)
        .await;
    let small = grade_a(&mut w, 400_00).await;
    let f = finance_as(&mut w, &small, HistoryTier::Watch, 1_700).await;
    assert_eq!(f.buyer_credit_limit_usdc, 500 * USDC);

    // The default counts once, at the default penalty: with a 50 % default
    // penalty and no floor the limit is 1,500 + 500 − 0 − 500 = 1,500 (it
    // would be 500 if the defaulted 1,000 also paid the 100 % late penalty).
    let manager = w.manager.insecure_clone();
    let pool = w.pool;
    let base = w.env.pool_state(&pool).await;
    let milder = CreditPolicy { limit_default_bps: 5_000, limit_floor_usdc: 0, ..CREDIT };
    let policy = PoolPolicy { credit: milder, ..base.policy };
    w.env
        .ok(&[ix::pool_update_config(&manager.pubkey(), &pool.pool, base.params, policy)], &[&manager])
        .await;
    let r = reputation(&mut w).await;
    assert_eq!((r.late_volume_usdc, r.defaulted_volume_usdc), (1_000 * USDC, 1_000 * USDC));
    assert_eq!(limit_under(&milder, &r), 1_500 * USDC);
    let next = grade_a(&mut w, 100_00).await;
    let f = w.env.finance(&next, &supplier).await.event::<InvoiceFinanced>();
    assert_eq!(f.buyer_credit_limit_usdc, 1_500 * USDC);
}

/// Without history terms (the default) the same history changes nothing:
/// the grade's APR, no limit, no block (the tier is reported: Watch once
/// late, and moves nothing).
#[tokio::test]
async fn the_default_policy_decides_as_before() {
    let mut w = credit_world(CreditPolicy::OFF).await;
    let keeper = w.env.payer().pubkey();
    let first = grade_a(&mut w, 1_000_00).await;
    let s = w.supplier.insecure_clone();
    let f = w.env.finance(&first, &s).await.event::<InvoiceFinanced>();
    let st = w.env.invoice_state(&first).await;
    assert_eq!(
        (f.history_tier, f.discount_apr_bps, f.buyer_credit_limit_usdc),
        (HistoryTier::Standard, 1_200, 0)
    );
    warp_to(&mut w, st.writeoff_ts).await;
    w.env.ok(&[ix::invoice_mark_late(&first.keys, &keeper)], &[]).await;
    let r = reputation(&mut w).await;
    assert_eq!((r.late_count, r.defaulted_count, r.open_default_count), (1, 1, 1));
    let next = grade_a(&mut w, 1_000_00).await;
    let f = w.env.finance(&next, &s).await.event::<InvoiceFinanced>();
    assert_eq!(
        (f.history_tier, f.discount_apr_bps, f.buyer_credit_limit_usdc),
        (HistoryTier::Watch, 1_200, 0)
    );
}

/// A manager's credit terms are validated like the rest of the policy.
#[tokio::test]
async fn invalid_credit_terms_are_refused() {
    let mut w = credit_world(CreditPolicy::OFF).await;
    let manager = w.manager.insecure_clone();
    let pool = w.pool;
    let base = w.env.pool_state(&pool).await;
    for credit in [
        CreditPolicy { limit_floor_usdc: 2_000 * USDC, ..CREDIT },
        CreditPolicy { limit_base_usdc: 200_000 * USDC, ..CREDIT },
        CreditPolicy { watch_discount_add_bps: 10_001, ..CREDIT },
        CreditPolicy { limit_on_time_bps: 1, ..CreditPolicy::OFF },
    ] {
        let policy = PoolPolicy { credit, ..base.policy };
        let update = ix::pool_update_config(&manager.pubkey(), &pool.pool, base.params, policy);
        w.env.assert_program_error(&[update], &[&manager], E::InvalidPolicy).await;
    }
    let policy = PoolPolicy { credit: CREDIT, ..base.policy };
    w.env
        .ok(&[ix::pool_update_config(&manager.pubkey(), &pool.pool, base.params, policy)], &[&manager])
        .await;
    assert_eq!(w.env.pool_state(&pool).await.policy.credit, CREDIT);
}

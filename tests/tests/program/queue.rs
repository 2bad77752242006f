//! The FIFO withdrawal queues: queued when cash is short, filled by keepers
//! at the then-current price, partial fills, senior priority, cancellation.
//!
//! Cash is deployed with `Env::inject_financing` / `inject_repayment`
//! (direct account writes standing in for invoice financing and repayment,
//! which the invoice lifecycle provides); everything else runs through the
//! program. Expected amounts are computed here from the documented formulas
//! (docs/ARCHITECTURE.md, "Money rules"), independently of the program.

use autofactor_client::constants::*;
use autofactor_client::events::*;
use autofactor_client::state::{Tranche, WithdrawalRequest};
use autofactor_client::{ix, pda, AutofactorError as E};
use autofactor_tests::*;

use crate::model::{mul_div, SeniorModel};
use solana_sdk::signature::Signer;

#[tokio::test]
async fn senior_and_junior_withdrawals_queue_and_fill_at_the_then_current_price() {
    let mut env = Env::new().await;
    let (_m, keys) = env.pool().await;
    let keeper = env.payer();
    let j = env.investor(300 * USDC).await;
    let s = env.investor(700 * USDC).await;
    env.deposit(&keys, &j, Tranche::Junior, 300 * USDC).await;
    env.deposit(&keys, &s, Tranche::Senior, 700 * USDC).await;
    let ledger = env.pool_state(&keys).await.ledger;
    let t0 = ledger.last_accrual_ts;

    // 900 of the 1,000 USDC go into invoices; 100 USDC cash remain.
    env.inject_financing(&keys, 900 * USDC).await;
    let day = 86_400i64;
    env.warp_seconds(30 * 86_400).await;

    // --- model --------------------------------------------------------
    let mut senior = SeniorModel::new(800, ledger.senior_rate_start_ts);
    senior.deposit(700 * USDC as u128, t0);
    let mut cash = 100 * USDC as u128;
    let receivables = 900 * USDC as u128;
    let s_supply = 700 * USDC as u128; // incl. 1,000 locked
    let j_supply = 300 * USDC as u128;
    let mut now = t0 + 30 * day;

    // Senior asks for half its position: 350 USDC of shares ≈ 352.30 USDC > 100 cash.
    let s_req = 350 * USDC;
    let pool = env.pool_state(&keys).await;
    let out = env
        .ok(
            &[ix::tranche_withdraw(
                &keys,
                &s.pubkey(),
                Tranche::Senior,
                s_req,
                pool.ledger.senior.queue_tail,
            )],
            &[&s],
        )
        .await;
    let q = out.event::<WithdrawalQueued>();
    assert_eq!((q.tranche, q.sequence, q.shares), (Tranche::Senior, 0, s_req));
    assert!(out.events::<Withdrawn>().is_empty());
    assert_eq!(
        env.token_balance(&keys.shares_ata(&s.pubkey(), Tranche::Senior)).await,
        700 * USDC - LOCKED_SHARES - s_req,
        "queued shares are burned from the investor"
    );
    assert_eq!(env.token_balance(&keys.usdc_ata(&s.pubkey())).await, 0);
    let req: WithdrawalRequest = env.get(&pda::withdrawal_request(&keys.pool, Tranche::Senior, 0)).await;
    assert_eq!((req.investor, req.shares_remaining, req.usdc_paid), (s.pubkey(), s_req, 0));

    // Junior asks for 50 USDC of shares: cash would cover it, but it must
    // wait behind the senior queue.
    let j_req = 50 * USDC;
    let pool = env.pool_state(&keys).await;
    let out = env
        .ok(
            &[ix::tranche_withdraw(
                &keys,
                &j.pubkey(),
                Tranche::Junior,
                j_req,
                pool.ledger.junior.queue_tail,
            )],
            &[&j],
        )
        .await;
    assert_eq!(out.event::<WithdrawalQueued>().sequence, 0);
    env.assert_program_error(
        &[ix::withdrawal_fill(&keys, &keeper.pubkey(), Tranche::Junior, 0, &j.pubkey())],
        &[],
        E::SeniorQueueNotEmpty,
    )
    .await;

    // Keeper fills what cash allows now, at today's senior price.
    let s_value = senior.claim_usdc(now).min(cash + receivables);
    let fill1_shares = mul_div(cash, s_supply, s_value);
    let fill1_usdc = mul_div(fill1_shares, s_value, s_supply);
    let out =
        env.ok(&[ix::withdrawal_fill(&keys, &keeper.pubkey(), Tranche::Senior, 0, &s.pubkey())], &[]).await;
    let f = out.event::<WithdrawalFilled>();
    assert_eq!(f.shares as u128, fill1_shares);
    assert_eq!(f.amount_usdc as u128, fill1_usdc);
    assert_eq!(f.shares_remaining as u128, s_req as u128 - fill1_shares);
    assert_eq!(env.token_balance(&keys.usdc_ata(&s.pubkey())).await as u128, fill1_usdc);
    cash -= fill1_usdc;
    senior.pay(fill1_usdc, now);
    let s_supply = s_supply - fill1_shares;
    // Nothing left to pay with: the next fill is refused.
    assert!(cash < 2, "cash left: {cash}");
    if cash == 0 {
        env.assert_program_error(
            &[ix::withdrawal_fill(&keys, &keeper.pubkey(), Tranche::Senior, 0, &s.pubkey())],
            &[],
            E::InsufficientCash,
        )
        .await;
    }

    // 30 days later the invoices are repaid with 27 USDC of income.
    env.warp_seconds(30 * 86_400).await;
    env.inject_repayment(&keys, 900 * USDC, 27 * USDC).await;
    cash += 927 * USDC as u128;
    let receivables = 0u128;
    now += 30 * day;

    // The rest of the senior request is paid at the new, higher price.
    let s_value = senior.claim_usdc(now).min(cash + receivables);
    let rest = s_req as u128 - fill1_shares;
    let fill2_usdc = mul_div(rest, s_value, s_supply);
    let investor_lamports = env.account(&s.pubkey()).await.unwrap().lamports;
    let request_rent =
        env.account(&pda::withdrawal_request(&keys.pool, Tranche::Senior, 0)).await.unwrap().lamports;
    let out =
        env.ok(&[ix::withdrawal_fill(&keys, &keeper.pubkey(), Tranche::Senior, 0, &s.pubkey())], &[]).await;
    let f = out.event::<WithdrawalFilled>();
    assert_eq!((f.shares as u128, f.amount_usdc as u128, f.shares_remaining), (rest, fill2_usdc, 0));
    assert!(fill2_usdc * fill1_shares > fill1_usdc * rest, "the later fill is at a higher price");
    assert_eq!(env.token_balance(&keys.usdc_ata(&s.pubkey())).await as u128, fill1_usdc + fill2_usdc);
    // The request is closed and its rent returned to the investor.
    assert!(env.account(&pda::withdrawal_request(&keys.pool, Tranche::Senior, 0)).await.is_none());
    assert_eq!(env.account(&s.pubkey()).await.unwrap().lamports, investor_lamports + request_rent);
    cash -= fill2_usdc;
    senior.pay(fill2_usdc, now);
    let s_supply = s_supply - rest;

    // Now the junior request: junior value = NAV − senior claim.
    let nav = cash + receivables;
    let s_value = senior.claim_usdc(now).min(nav);
    let j_value = nav - s_value;
    let j_usdc = mul_div(j_req as u128, j_value, j_supply);
    let out =
        env.ok(&[ix::withdrawal_fill(&keys, &keeper.pubkey(), Tranche::Junior, 0, &j.pubkey())], &[]).await;
    assert_eq!(out.event::<WithdrawalFilled>().amount_usdc as u128, j_usdc);
    assert_eq!(env.token_balance(&keys.usdc_ata(&j.pubkey())).await as u128, j_usdc);
    cash -= j_usdc;
    let j_supply = j_supply - j_req as u128;

    // Final pool state, exactly as modelled.
    let pool = env.pool_state(&keys).await;
    assert_eq!(pool.ledger.cash_usdc as u128, cash);
    assert_eq!(pool.ledger.senior_claim_fp, senior.claim_fp(now));
    assert_eq!(pool.ledger.senior.supply().unwrap() as u128, s_supply);
    assert_eq!(pool.ledger.junior.supply().unwrap() as u128, j_supply);
    assert_eq!(pool.ledger.senior.shares_pending + pool.ledger.junior.shares_pending, 0);
    assert!(pool.ledger.senior.queue_is_empty() && pool.ledger.junior.queue_is_empty());
    assert_eq!(pool.ledger.last_accrual_ts, t0 + 60 * 86_400);
    let (sv, jv) = pool.ledger.tranche_values().unwrap();
    assert_eq!(sv as u128, senior.claim_usdc(now));
    assert_eq!((sv + jv) as u128, cash);
    assert_eq!(env.token_balance(&keys.vault).await as u128, cash);
    // Junior absorbed the senior coupon and still gained from the income:
    // 60 days of 8% on ~700 USDC ≈ 9.2 USDC < 27 USDC income.
    assert!(j_usdc > 50 * USDC as u128);

    // Hand-checked figures (see the module docs for the formulas):
    // after 30 days the senior claim is 704.602739 USDC …
    assert_eq!(fill1_shares, 99_346_761);
    assert_eq!(fill1_usdc, 99_999_999);
}

/// Cancelling the head request moves the queue head on at once, so the
/// next fill pays the next request; cancelling a request in the middle
/// leaves a gap that a fill skips when the head reaches it
/// (docs/ARCHITECTURE.md, "Withdrawals and the FIFO queues").
#[tokio::test]
async fn cancel_returns_shares_and_keepers_skip_cancelled_requests() {
    let mut env = Env::new().await;
    let (_m, keys) = env.pool().await;
    let keeper = env.payer();
    let a = env.investor(500 * USDC).await;
    let b = env.investor(500 * USDC).await;
    env.deposit(&keys, &a, Tranche::Junior, 500 * USDC).await;
    env.deposit(&keys, &b, Tranche::Junior, 500 * USDC).await;
    env.warp_seconds(DEFAULT_MIN_HOLD_SECS as i64).await;
    env.inject_financing(&keys, 1_000 * USDC).await;

    // a queues #0, b queues #1, a queues #2, b queues #3.
    for (who, seq) in [(&a, 0u64), (&b, 1), (&a, 2), (&b, 3)] {
        let out = env
            .ok(&[ix::tranche_withdraw(&keys, &who.pubkey(), Tranche::Junior, 100 * USDC, seq)], &[who])
            .await;
        assert_eq!(out.event::<WithdrawalQueued>().sequence, seq);
    }
    let queue = |p: &autofactor_client::state::Pool| {
        (p.ledger.junior.queue_head, p.ledger.junior.queue_tail, p.ledger.junior.shares_pending)
    };
    assert_eq!(queue(&env.pool_state(&keys).await), (0, 4, 400 * USDC));
    // Only the owner may cancel.
    let as_b = substitute(
        substitute(ix::withdrawal_cancel(&keys, &a.pubkey(), Tranche::Junior, 0), &a.pubkey(), &b.pubkey()),
        &keys.shares_ata(&a.pubkey(), Tranche::Junior),
        &keys.shares_ata(&b.pubkey(), Tranche::Junior),
    );
    env.assert_program_error(&[as_b], &[&b], E::NotRequestOwner).await;

    // a cancels #0, the head: its shares come back and the head moves to #1 at once.
    let a_shares = keys.shares_ata(&a.pubkey(), Tranche::Junior);
    let before = env.token_balance(&a_shares).await;
    let out = env.ok(&[ix::withdrawal_cancel(&keys, &a.pubkey(), Tranche::Junior, 0)], &[&a]).await;
    let cancelled = out.event::<WithdrawalCancelled>();
    assert_eq!((cancelled.sequence, cancelled.shares_returned), (0, 100 * USDC));
    assert_eq!(env.token_balance(&a_shares).await, before + 100 * USDC);
    assert!(env.account(&pda::withdrawal_request(&keys.pool, Tranche::Junior, 0)).await.is_none());
    assert_eq!(queue(&env.pool_state(&keys).await), (1, 4, 300 * USDC));

    // a cancels #2, in the middle of the queue: its shares come back, the
    // head stays at #1 and #2 is left as a gap.
    let before = env.token_balance(&a_shares).await;
    let out = env.ok(&[ix::withdrawal_cancel(&keys, &a.pubkey(), Tranche::Junior, 2)], &[&a]).await;
    assert_eq!(out.event::<WithdrawalCancelled>().shares_returned, 100 * USDC);
    assert_eq!(env.token_balance(&a_shares).await, before + 100 * USDC);
    assert!(env.account(&pda::withdrawal_request(&keys.pool, Tranche::Junior, 2)).await.is_none());
    assert_eq!(queue(&env.pool_state(&keys).await), (1, 4, 200 * USDC));

    // Cash arrives. The cancelled head is no longer the head: a fill naming
    // it is refused, and the next fill pays the next request, b's #1.
    env.inject_repayment(&keys, 1_000 * USDC, 0).await;
    env.assert_error(
        &[ix::withdrawal_fill(&keys, &keeper.pubkey(), Tranche::Junior, 0, &a.pubkey())],
        &[],
        anchor_lang::error::ErrorCode::ConstraintSeeds.into(),
    )
    .await;
    let out =
        env.ok(&[ix::withdrawal_fill(&keys, &keeper.pubkey(), Tranche::Junior, 1, &b.pubkey())], &[]).await;
    let filled = out.event::<WithdrawalFilled>();
    assert_eq!((filled.sequence, filled.investor), (1, b.pubkey()));
    assert_eq!((filled.shares, filled.amount_usdc, filled.shares_remaining), (100 * USDC, 100 * USDC, 0));
    assert!(out.events::<WithdrawalSkipped>().is_empty());
    assert_eq!(env.token_balance(&keys.usdc_ata(&b.pubkey())).await, 100 * USDC);
    assert_eq!(queue(&env.pool_state(&keys).await), (2, 4, 100 * USDC));

    // The head reaches the gap #2: the fill skips it and pays nothing.
    let ledger_before = env.pool_state(&keys).await.ledger;
    let vault_before = env.token_balance(&keys.vault).await;
    let out =
        env.ok(&[ix::withdrawal_fill(&keys, &keeper.pubkey(), Tranche::Junior, 2, &a.pubkey())], &[]).await;
    assert_eq!(out.event::<WithdrawalSkipped>().sequence, 2);
    assert!(out.events::<WithdrawalFilled>().is_empty());
    let ledger_after = env.pool_state(&keys).await.ledger;
    assert_eq!(ledger_after.cash_usdc, ledger_before.cash_usdc);
    assert_eq!(env.token_balance(&keys.vault).await, vault_before);
    assert_eq!(queue(&env.pool_state(&keys).await), (3, 4, 100 * USDC));

    // Wrong investor for the head request.
    env.assert_program_error(
        &[ix::withdrawal_fill(&keys, &keeper.pubkey(), Tranche::Junior, 3, &a.pubkey())],
        &[],
        E::NotRequestOwner,
    )
    .await;
    // A request that is not the head.
    env.assert_error(
        &[ix::withdrawal_fill(&keys, &keeper.pubkey(), Tranche::Junior, 4, &b.pubkey())],
        &[],
        anchor_lang::error::ErrorCode::ConstraintSeeds.into(),
    )
    .await;
    // The next fill pays b's #3.
    let out =
        env.ok(&[ix::withdrawal_fill(&keys, &keeper.pubkey(), Tranche::Junior, 3, &b.pubkey())], &[]).await;
    assert_eq!(out.event::<WithdrawalFilled>().sequence, 3);
    assert_eq!(env.token_balance(&keys.usdc_ata(&b.pubkey())).await, 200 * USDC);
    assert_eq!(env.token_balance(&keys.usdc_ata(&a.pubkey())).await, 0);
    let pool = env.pool_state(&keys).await;
    assert!(pool.ledger.junior.queue_is_empty());
    assert_eq!(queue(&pool), (4, 4, 0));
    env.assert_program_error(
        &[ix::withdrawal_fill(&keys, &keeper.pubkey(), Tranche::Junior, 4, &a.pubkey())],
        &[],
        E::QueueEmpty,
    )
    .await;
}

/// The same queue, with cash deployed by a real invoice purchase and
/// returned by the buyer's real repayment.
#[tokio::test]
async fn senior_withdrawal_waits_for_a_real_invoice_repayment() {
    use autofactor_client::state::PoolPolicy;
    let mut env = Env::new().await;
    let policy = PoolPolicy {
        max_buyer_concentration_bps: 10_000,
        max_supplier_concentration_bps: 10_000,
        ..default_policy()
    };
    // No holding period: the invoice is financed at the deposit instant
    // (attacks::round_trips tests the holding period).
    let params = autofactor_client::state::PoolParams { min_hold_secs: 0, ..default_params() };
    let (manager, keys) = env.pool_with(params, policy).await;
    let keeper = env.payer();
    let verifier = env.pool_verifier(&keys, &manager).await;
    let supplier = env.user(ROLE_SUPPLIER).await;
    let buyer = env.user(ROLE_BUYER).await;
    env.mint_usdc(&buyer.pubkey(), 1_000 * USDC).await;
    let j = env.investor(300 * USDC).await;
    let s = env.investor(700 * USDC).await;
    env.deposit(&keys, &j, Tranche::Junior, 300 * USDC).await;
    env.deposit(&keys, &s, Tranche::Senior, 700 * USDC).await;
    let ledger = env.pool_state(&keys).await.ledger;
    let mut senior = SeniorModel::new(800, ledger.senior_rate_start_ts);
    senior.deposit(700 * USDC as u128, ledger.last_accrual_ts);

    // A $917 invoice due in 60 days at grade A: the advance takes ~899 USDC.
    let terms = env.usd_terms("Q-1", 917_00, 60).await;
    let inv = env.verified_invoice(&keys, &supplier, &buyer, &verifier, terms, 900).await;
    let advance = env.finance(&inv, &supplier).await.event::<InvoiceFinanced>().advance_usdc;
    let cash = 1_000 * USDC - advance;
    assert!(cash < 102 * USDC, "cash left: {cash}");

    env.warp_seconds(30 * 86_400).await;
    let mut now = env.now().await;
    let s_value = senior.claim_usdc(now);
    let supply = 700 * USDC as u128;
    let out =
        env.ok(&[ix::tranche_withdraw(&keys, &s.pubkey(), Tranche::Senior, 350 * USDC, 0)], &[&s]).await;
    assert_eq!(out.event::<WithdrawalQueued>().shares, 350 * USDC, "cash is short: queued");
    let f = env
        .ok(&[ix::withdrawal_fill(&keys, &keeper.pubkey(), Tranche::Senior, 0, &s.pubkey())], &[])
        .await
        .event::<WithdrawalFilled>();
    let shares1 = mul_div(cash as u128, supply, s_value);
    assert_eq!((f.shares as u128, f.amount_usdc as u128), (shares1, mul_div(shares1, s_value, supply)));
    let paid1 = f.amount_usdc;

    // The buyer pays at the due date; the keeper fills the rest at the
    // senior price of that day.
    env.warp_seconds(30 * 86_400).await;
    env.ok(&[ix::invoice_repay(&inv.keys, &buyer.pubkey(), 917_00, 917 * USDC)], &[&buyer]).await;
    senior.pay(paid1 as u128, now);
    now += 30 * 86_400;
    let s_value = senior.claim_usdc(now);
    let supply = supply - shares1;
    let rest = 350 * USDC as u128 - shares1;
    let f = env
        .ok(&[ix::withdrawal_fill(&keys, &keeper.pubkey(), Tranche::Senior, 0, &s.pubkey())], &[])
        .await
        .event::<WithdrawalFilled>();
    assert_eq!(
        (f.shares as u128, f.amount_usdc as u128, f.shares_remaining),
        (rest, mul_div(rest, s_value, supply), 0)
    );
    assert_eq!(env.token_balance(&keys.usdc_ata(&s.pubkey())).await, paid1 + f.amount_usdc);
    assert!(env.pool_state(&keys).await.ledger.senior.queue_is_empty());
}

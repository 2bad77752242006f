//! F-07 (currency terms and risk parameters): a manager — or a stolen or
//! revoked manager key — changes the terms that value open invoices, or the
//! parameters that split NAV between the tranches, to move value.
//!
//! - The decimals, feed and quote direction of a currency cannot change,
//!   and the currency cannot be removed, while a financed invoice in it is
//!   open (`CurrencyConfig::open_invoices`); valuation and repayment use the
//!   decimals fixed in the invoice at origination.
//! - The minimum junior ratio and the senior APR change only
//!   `RISK_CHANGE_DELAY_SECS` after they are announced.
//! - A full FX repayment at a worse rate releases all of the invoice's
//!   exposure (code review (c) 2).

use crate::invoices::{market, Market};
use crate::model::{price, SeniorModel, DAY};
use autofactor_client::constants::*;
use autofactor_client::events::*;
use autofactor_client::ix::{self, Prices};
use autofactor_client::state::{
    CurrencyConfig, CurrencyTerms, Exposure, InvoiceStatus, PendingRiskChange, PoolParams, QuoteDirection,
    Tranche,
};
use autofactor_client::{pda, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::Signer;

/// USD/CCY: micro-USDC = minor × 10^(6 − decimals − exponent) / price.
fn usdccy(minor: u64, price: u64, exponent: i32, decimals: u8, ceil: bool) -> u64 {
    let num = minor as u128 * 10u128.pow((6 - decimals as i32 - exponent) as u32);
    let q = if ceil { num.div_ceil(price as u128) } else { num / price as u128 };
    q as u64
}

/// A market accepting NOK with a verified NOK 10,500.00 invoice (60 days).
struct Nok {
    m: Market,
    inv: TestInvoice,
    price_account: Pubkey,
    prices: Prices,
}

async fn nok_market(number: &str) -> Nok {
    let mut m = market().await;
    let manager = m.manager.insecure_clone();
    m.env.ok(&[ix::pool_currency_set(&manager.pubkey(), &m.pool.pool, nok_terms())], &[&manager]).await;
    let (supplier, buyer, verifier, pool) =
        (m.supplier.insecure_clone(), m.buyer.insecure_clone(), m.verifier.insecure_clone(), m.pool);
    let mut terms = m.env.usd_terms(number, 0, 60).await;
    terms.currency = *b"NOK";
    terms.face_minor = 1_050_000;
    let inv = m.env.verified_invoice(&pool, &supplier, &buyer, &verifier, terms, 900).await;
    let usdc = m.env.usdc_mint;
    m.env.create_ata(&supplier.pubkey(), &usdc, &autofactor_client::TOKEN_PROGRAM_ID).await;
    let price_account = Pubkey::new_unique();
    Nok { m, inv, price_account, prices: Prices { fx: Some((*b"NOK", price_account)), usdc: None } }
}

impl Nok {
    async fn quote(&mut self, price: i64, conf: u64) {
        let now = self.m.env.now().await;
        let a = self.price_account;
        self.m.env.set_price(&a, TestPrice::new(TEST_NOK_FEED, price, conf, -5, now));
    }

    async fn finance(&mut self) -> InvoiceFinanced {
        self.quote(1_050_000, 100).await;
        let s = self.m.supplier.insecure_clone();
        self.m.env.ok(&[ix::invoice_finance_with(&self.inv.keys, 0, &self.prices)], &[&s]).await.event()
    }

    async fn config(&mut self) -> CurrencyConfig {
        let pool = self.m.pool.pool;
        self.m.env.get(&pda::currency_config(&pool, b"NOK")).await
    }
}

#[tokio::test]
async fn currency_terms_that_value_an_open_invoice_cannot_change() {
    let mut fx = nok_market("NOK-LOCK").await;
    let ev = fx.finance().await;
    assert_eq!(ev.face_usdc, 999_904_770);
    assert_eq!(fx.config().await.open_invoices, 1);
    let manager = fx.m.manager.insecure_clone();
    let pool = fx.m.pool.pool;

    // The review's attack: NOK decimals 2 → 4 would let the buyer settle
    // 999.90 USDC of claim with NOK 105.00 (10.00 USDC). Feed and direction
    // changes re-value the invoice the same way; removal makes it unpayable.
    let cases = [
        ("decimals 2 → 4", CurrencyTerms { decimals: 4, ..nok_terms() }),
        ("decimals 2 → 0", CurrencyTerms { decimals: 0, ..nok_terms() }),
        ("another feed", CurrencyTerms { feed_id: [0x99; 32], ..nok_terms() }),
        ("inverted direction", CurrencyTerms { direction: QuoteDirection::CcyUsd, ..nok_terms() }),
    ];
    for (name, terms) in cases {
        println!("attack: {name}");
        fx.m.env
            .assert_program_error(
                &[ix::pool_currency_set(&manager.pubkey(), &pool, terms)],
                &[&manager],
                E::CurrencyTermsLocked,
            )
            .await;
    }
    fx.m.env
        .assert_program_error(
            &[ix::pool_currency_remove(&manager.pubkey(), &pool, b"NOK")],
            &[&manager],
            E::CurrencyHasOpenInvoices,
        )
        .await;
    // Terms that do not value the invoice may still change.
    let looser = CurrencyTerms { max_age_secs: 120, max_conf_bps: 80, ..nok_terms() };
    fx.m.env.ok(&[ix::pool_currency_set(&manager.pubkey(), &pool, looser)], &[&manager]).await;
    let cfg = fx.config().await;
    assert_eq!((cfg.terms, cfg.open_invoices), (looser, 1));

    // The buyer pays the whole NOK 10,500.00 at price − conf (USD/NOK
    // 10.49900): ⌈1,050,000 × 10⁹ / 1,049,900⌉ = 1,000,095,248 micro-USDC,
    // not the 10.00 USDC the decimals change would have allowed.
    fx.quote(1_050_000, 100).await;
    let buyer = fx.m.buyer.insecure_clone();
    let paid =
        fx.m.env
            .ok(
                &[ix::invoice_repay_with(&fx.inv.keys, &buyer.pubkey(), 1_050_000, u64::MAX, &fx.prices)],
                &[&buyer],
            )
            .await
            .event::<InvoicePaid>();
    assert_eq!(paid.amount_usdc, usdccy(1_050_000, 1_049_900, -5, 2, true));
    assert_eq!(paid.amount_usdc, 1_000_095_248);
    assert!(paid.fully_repaid);
    // Closed: the terms are free again, and the currency can be removed.
    assert_eq!(fx.config().await.open_invoices, 0);
    fx.m.env
        .ok(
            &[ix::pool_currency_set(&manager.pubkey(), &pool, CurrencyTerms { decimals: 3, ..nok_terms() })],
            &[&manager],
        )
        .await;
    fx.m.env.ok(&[ix::pool_currency_remove(&manager.pubkey(), &pool, b"NOK")], &[&manager]).await;
}

/// Review (FX price checks): with a NOK invoice open, the manager tightens
/// the plausibility band, the maximum price age or the confidence limit so
/// the buyer's repayments fail (`FxPriceOutOfBounds`) until the invoice is
/// written down, then restores them. While invoices are open each check may
/// only loosen (up to the protocol caps); every tightening, including back
/// to the original after a loosening, is refused with every account
/// unchanged. With no invoice open, any valid terms are accepted.
#[tokio::test]
async fn fx_price_checks_only_loosen_while_an_invoice_is_open() {
    let mut fx = nok_market("NOK-TIGHTEN").await;
    fx.finance().await;
    assert_eq!(fx.config().await.open_invoices, 1);
    let manager = fx.m.manager.insecure_clone();
    let pool = fx.m.pool.pool;
    let set = |terms| ix::pool_currency_set(&manager.pubkey(), &pool, terms);

    let tighter = [
        ("band floor raised", CurrencyTerms { min_usdc_per_unit: 50_001, ..nok_terms() }),
        ("band ceiling lowered", CurrencyTerms { max_usdc_per_unit: 199_999, ..nok_terms() }),
        (
            "band around today's price only",
            CurrencyTerms { min_usdc_per_unit: 95_000, max_usdc_per_unit: 95_300, ..nok_terms() },
        ),
        ("max age shorter", CurrencyTerms { max_age_secs: 59, ..nok_terms() }),
        ("confidence limit smaller", CurrencyTerms { max_conf_bps: 1, ..nok_terms() }),
        (
            "wider band but shorter age",
            CurrencyTerms { min_usdc_per_unit: 1, max_age_secs: 30, ..nok_terms() },
        ),
    ];
    for (name, terms) in tighter {
        println!("tighten: {name}");
        fx.m.env.assert_program_error(&[set(terms)], &[&manager], E::CurrencyTermsLocked).await;
    }
    assert_eq!(fx.config().await.terms, nok_terms());

    // Loosening, one check at a time, up to the protocol caps.
    let mut now_terms = nok_terms();
    for (name, terms) in [
        ("band floor lowered", CurrencyTerms { min_usdc_per_unit: 40_000, ..now_terms }),
        (
            "band ceiling raised",
            CurrencyTerms { min_usdc_per_unit: 40_000, max_usdc_per_unit: 300_000, ..now_terms },
        ),
        (
            "max age to the cap",
            CurrencyTerms {
                min_usdc_per_unit: 40_000,
                max_usdc_per_unit: 300_000,
                max_age_secs: MAX_PRICE_AGE_SECS,
                ..now_terms
            },
        ),
        (
            "confidence to the cap",
            CurrencyTerms {
                min_usdc_per_unit: 40_000,
                max_usdc_per_unit: 300_000,
                max_age_secs: MAX_PRICE_AGE_SECS,
                max_conf_bps: MAX_PRICE_CONF_BPS,
                ..now_terms
            },
        ),
    ] {
        println!("loosen: {name}");
        fx.m.env.ok(&[set(terms)], &[&manager]).await;
        assert_eq!(fx.config().await.terms, terms);
        now_terms = terms;
    }
    assert_eq!(
        (
            now_terms.min_usdc_per_unit,
            now_terms.max_usdc_per_unit,
            now_terms.max_age_secs,
            now_terms.max_conf_bps
        ),
        (40_000, 300_000, 3_600, 1_000)
    );
    // Beyond the caps: invalid whatever the direction.
    fx.m.env
        .assert_program_error(
            &[set(CurrencyTerms { max_age_secs: MAX_PRICE_AGE_SECS + 1, ..now_terms })],
            &[&manager],
            E::InvalidCurrencyConfig,
        )
        .await;
    // The "restore" half of the attack: back to the original is a tightening.
    fx.m.env.assert_program_error(&[set(nok_terms())], &[&manager], E::CurrencyTermsLocked).await;
    assert_eq!(fx.config().await.terms, now_terms);

    // Repaid in full: nothing open, the terms may tighten again.
    fx.quote(1_050_000, 100).await;
    let buyer = fx.m.buyer.insecure_clone();
    fx.m.env
        .ok(
            &[ix::invoice_repay_with(&fx.inv.keys, &buyer.pubkey(), 1_050_000, u64::MAX, &fx.prices)],
            &[&buyer],
        )
        .await;
    assert_eq!(fx.config().await.open_invoices, 0);
    let tight = CurrencyTerms {
        min_usdc_per_unit: 95_000,
        max_usdc_per_unit: 95_300,
        max_age_secs: 30,
        max_conf_bps: 10,
        ..nok_terms()
    };
    fx.m.env.ok(&[set(tight)], &[&manager]).await;
    assert_eq!(fx.config().await.terms, tight);
}

#[tokio::test]
async fn valuation_and_repayment_use_the_invoices_own_decimals() {
    let mut fx = nok_market("NOK-DEC").await;
    let manager = fx.m.manager.insecure_clone();
    let pool = fx.m.pool.pool;
    // Before financing (no open invoice) the manager switches NOK to 4
    // decimals: the invoice was originated in øre (2 decimals) and keeps them.
    fx.m.env
        .ok(
            &[ix::pool_currency_set(&manager.pubkey(), &pool, CurrencyTerms { decimals: 4, ..nok_terms() })],
            &[&manager],
        )
        .await;
    assert_eq!(fx.m.env.invoice_state(&fx.inv).await.currency_decimals, 2);
    let ev = fx.finance().await;
    // ⌊1,050,000 × 10⁹ / 1,050,100⌋ (2 decimals), not ⌊1,050,000 × 10⁷ / 1,050,100⌋.
    assert_eq!(ev.face_usdc, usdccy(1_050_000, 1_050_100, -5, 2, false));
    assert_eq!(ev.face_usdc, 999_904_770);
    // A payment of NOK 1,000.00 costs ⌈100,000 × 10⁹ / 1,049,900⌉.
    fx.quote(1_050_000, 100).await;
    let buyer = fx.m.buyer.insecure_clone();
    let paid =
        fx.m.env
            .ok(
                &[ix::invoice_repay_with(&fx.inv.keys, &buyer.pubkey(), 100_000, u64::MAX, &fx.prices)],
                &[&buyer],
            )
            .await
            .event::<InvoicePaid>();
    assert_eq!(paid.amount_usdc, 95_247_167);
    assert_eq!(paid.amount_usdc, usdccy(100_000, 1_049_900, -5, 2, true));
}

#[tokio::test]
async fn a_full_fx_repayment_at_a_worse_rate_releases_all_exposure() {
    let mut fx = nok_market("NOK-SHORT").await;
    let ev = fx.finance().await;
    let (advance, discount, pf, mf, _reserve) = price(ev.face_usdc, 10_000, 1_200, 60 * DAY);
    let claim = advance + discount - pf - mf;
    let keys = fx.inv.keys;
    let buyer_exposure = pda::buyer_exposure(&keys.pool.pool, &keys.buyer_entity);
    let supplier_exposure = pda::supplier_exposure(&keys.pool.pool, &keys.supplier_entity);
    for e in [buyer_exposure, supplier_exposure] {
        let x: Exposure = fx.m.env.get(&e).await;
        assert_eq!((x.outstanding_usdc, x.open_invoices), (claim, 1));
    }
    // NOK falls to USD/NOK 12.00000: the buyer pays the whole face for
    // ⌈1,050,000 × 10⁹ / 1,200,000⌉ = 875,000,000 micro-USDC.
    fx.quote(1_200_000, 0).await;
    let buyer = fx.m.buyer.insecure_clone();
    let paid =
        fx.m.env
            .ok(&[ix::invoice_repay_with(&keys, &buyer.pubkey(), 1_050_000, u64::MAX, &fx.prices)], &[&buyer])
            .await
            .event::<InvoicePaid>();
    assert_eq!(paid.amount_usdc, 875_000_000);
    assert_eq!(paid.to_pool_usdc, 875_000_000);
    assert!(paid.fully_repaid);
    let shortfall = claim - 875_000_000;
    assert!(shortfall > 0);
    println!("FX shortfall written off: {shortfall} micro-USDC (claim {claim})");
    // Before the fix this residue stayed in both exposures for ever.
    for e in [buyer_exposure, supplier_exposure] {
        let x: Exposure = fx.m.env.get(&e).await;
        assert_eq!((x.outstanding_usdc, x.open_invoices), (0, 0));
    }
    let state = fx.m.env.invoice_state(&fx.inv).await;
    assert_eq!(state.status, InvoiceStatus::Repaid);
    assert_eq!(fx.config().await.open_invoices, 0);
}

#[tokio::test]
async fn risk_parameters_change_only_after_the_announced_delay() {
    let mut env = Env::new().await;
    let (manager, keys) = env.pool().await;
    let j = env.investor(1_000 * USDC).await;
    let s = env.investor(4_000 * USDC).await;
    env.deposit(&keys, &j, Tranche::Junior, 1_000 * USDC).await;
    env.deposit(&keys, &s, Tranche::Senior, 4_000 * USDC).await;
    env.warp_seconds(2 * DAY).await;

    // The attack: drop the subordination to 0 % (and raise the senior APR
    // to 50 %) and let junior (e.g. the manager's own stake) leave at once.
    let cases = [
        ("ratio 20 % → 0 %", PoolParams { min_junior_ratio_bps: 0, ..default_params() }),
        ("APR 8 % → 50 %", PoolParams { senior_apr_bps: 5_000, ..default_params() }),
        ("both", PoolParams { min_junior_ratio_bps: 0, senior_apr_bps: 5_000, ..default_params() }),
    ];
    for (name, params) in cases {
        println!("announce: {name}");
        let now = env.now().await;
        let out = env
            .ok(
                &[ix::pool_update_config(&manager.pubkey(), &keys.pool, params, default_policy())],
                &[&manager],
            )
            .await;
        let ev = out.event::<PoolRiskChangeScheduled>();
        assert_eq!(
            (ev.min_junior_ratio_bps, ev.senior_apr_bps, ev.effective_ts),
            (params.min_junior_ratio_bps, params.senior_apr_bps, now + RISK_CHANGE_DELAY_SECS)
        );
        // In force: the old values.
        assert_eq!(out.event::<PoolConfigUpdated>().params, default_params());
        let pool = env.pool_state(&keys).await;
        assert_eq!(pool.params, default_params());
        assert_eq!(
            pool.pending_risk_change,
            PendingRiskChange {
                min_junior_ratio_bps: params.min_junior_ratio_bps,
                senior_apr_bps: params.senior_apr_bps,
                min_hold_secs: params.min_hold_secs,
                effective_ts: now + RISK_CHANGE_DELAY_SECS
            }
        );
        // Junior leaving below 20 % is still refused.
        let tail = pool.ledger.junior.queue_tail;
        env.assert_program_error(
            &[ix::tranche_withdraw(&keys, &j.pubkey(), Tranche::Junior, 500 * USDC, tail)],
            &[&j],
            E::SubordinationBreached,
        )
        .await;
        // Sending the values in force withdraws the announcement.
        let out = env
            .ok(
                &[ix::pool_update_config(&manager.pubkey(), &keys.pool, default_params(), default_policy())],
                &[&manager],
            )
            .await;
        assert_eq!(out.events::<PoolRiskChangeCancelled>().len(), 1);
        assert!(!env.pool_state(&keys).await.pending_risk_change.is_pending());
    }

    // Announce ratio 0 % and APR 20 %; re-sending the same values does not
    // restart the delay.
    let params = PoolParams { min_junior_ratio_bps: 0, senior_apr_bps: 2_000, ..default_params() };
    let t_announce = env.now().await;
    env.ok(&[ix::pool_update_config(&manager.pubkey(), &keys.pool, params, default_policy())], &[&manager])
        .await;
    env.warp_seconds(DAY).await;
    let out = env
        .ok(&[ix::pool_update_config(&manager.pubkey(), &keys.pool, params, default_policy())], &[&manager])
        .await;
    assert!(out.events::<PoolRiskChangeScheduled>().is_empty());
    let effective = t_announce + RISK_CHANGE_DELAY_SECS;
    assert_eq!(env.pool_state(&keys).await.pending_risk_change.effective_ts, effective);

    // One second before: a refresh accrues at 8 % and changes nothing.
    let now = env.now().await;
    env.warp_seconds(effective - 1 - now).await;
    let out = env.ok(&[ix::pool_refresh(&keys.pool)], &[]).await;
    assert!(out.events::<PoolRiskChangeApplied>().is_empty());
    let pool = env.pool_state(&keys).await;
    assert_eq!(pool.params, default_params());
    let mut senior =
        SeniorModel { units: pool.ledger.senior_units_fp, ..SeniorModel::new(800, pool.created_ts) };

    // At the effective time the next refresh applies it, after accruing the
    // last second at the old 8 %.
    env.warp_seconds(1).await;
    let out = env.ok(&[ix::pool_refresh(&keys.pool)], &[]).await;
    let applied = out.event::<PoolRiskChangeApplied>();
    assert_eq!((applied.min_junior_ratio_bps, applied.senior_apr_bps, applied.ts), (0, 2_000, effective));
    let pool = env.pool_state(&keys).await;
    assert_eq!(pool.params, params);
    assert!(!pool.pending_risk_change.is_pending());
    assert_eq!(pool.ledger.senior_claim_fp, senior.claim_fp(effective));
    senior.change_apr(2_000, effective);
    // From then on the senior claim grows at 20 %.
    env.warp_seconds(30 * DAY).await;
    env.ok(&[ix::pool_refresh(&keys.pool)], &[]).await;
    assert_eq!(env.pool_state(&keys).await.ledger.senior_claim_fp, senior.claim_fp(effective + 30 * DAY));
    // And junior may now leave below 20 %.
    let tail = env.pool_state(&keys).await.ledger.junior.queue_tail;
    env.ok(&[ix::tranche_withdraw(&keys, &j.pubkey(), Tranche::Junior, 500 * USDC, tail)], &[&j]).await;
}

#[tokio::test]
async fn a_defaulted_fx_invoice_holds_the_currency_until_it_is_closed() {
    let mut fx = nok_market("NOK-DEFAULT").await;
    fx.finance().await;
    let manager = fx.m.manager.insecure_clone();
    let pool = fx.m.pool.pool;
    let keeper = fx.m.env.payer();
    let close_after = fx.m.env.invoice_state(&fx.inv).await.close_after_ts;
    let now = fx.m.env.now().await;
    fx.m.env.warp_seconds(close_after - now + 1).await;
    fx.m.env.ok(&[ix::invoice_mark_late(&fx.inv.keys, &keeper.pubkey())], &[]).await;
    assert_eq!(fx.m.env.invoice_state(&fx.inv).await.status, InvoiceStatus::Defaulted);
    // Defaulted still takes recoveries in NOK: the terms stay locked.
    assert_eq!(fx.config().await.open_invoices, 1);
    fx.m.env
        .assert_program_error(
            &[ix::pool_currency_remove(&manager.pubkey(), &pool, b"NOK")],
            &[&manager],
            E::CurrencyHasOpenInvoices,
        )
        .await;
    // Closing it must name the NOK configuration (else the count would stick).
    fx.m.env
        .assert_program_error(
            &[ix::invoice_close_defaulted(&fx.inv.keys, &keeper.pubkey())],
            &[],
            E::CurrencyNotSupported,
        )
        .await;
    fx.m.env.ok(&[ix::invoice_close_defaulted_in(&fx.inv.keys, &keeper.pubkey(), b"NOK")], &[]).await;
    assert_eq!(fx.config().await.open_invoices, 0);
    fx.m.env.ok(&[ix::pool_currency_remove(&manager.pubkey(), &pool, b"NOK")], &[&manager]).await;
}

/// Holding period vs notice: a pool with the longest holding period (30
/// days, longer than `RISK_CHANGE_DELAY_SECS`) and a 0 % senior APR (every
/// price exactly 1 USDC per share). A senior LP deposits 4,000 USDC; one
/// second later the manager announces the minimum junior ratio 20 % → 0 %.
/// The change takes effect only when the LP's holding period has run
/// (announcement + 30 days, not + 7 days): the LP, refused at
/// `unlock_ts − 1` with `HoldingPeriodActive`, leaves at `unlock_ts` with
/// exactly 3,999.999000 USDC for its 3,999,999,000 shares (1,000 shares of
/// the first deposit stay locked) while the 20 % ratio still holds; the
/// change applies one second after that.
#[tokio::test]
async fn an_lp_locked_in_before_an_announcement_can_leave_before_it_applies() {
    let mut env = Env::new().await;
    let hold = MAX_MIN_HOLD_SECS as i64;
    let params = PoolParams { min_hold_secs: MAX_MIN_HOLD_SECS, senior_apr_bps: 0, ..default_params() };
    let (manager, keys) = env.pool_with(params, default_policy()).await;
    let j = env.investor(1_000 * USDC).await;
    let s = env.investor(4_000 * USDC).await;
    env.deposit(&keys, &j, Tranche::Junior, 1_000 * USDC).await;
    let dep = env.deposit(&keys, &s, Tranche::Senior, 4_000 * USDC).await.event::<Deposited>();
    assert_eq!(dep.unlock_ts, dep.ts + hold);
    // The first deposit of a tranche leaves 1,000 shares locked.
    assert_eq!(dep.shares, 3_999_999_000);

    env.warp_seconds(1).await;
    let t_announce = env.now().await;
    assert_eq!(t_announce, dep.ts + 1);
    let new = PoolParams { min_junior_ratio_bps: 0, ..params };
    let out = env
        .ok(&[ix::pool_update_config(&manager.pubkey(), &keys.pool, new, default_policy())], &[&manager])
        .await;
    let ev = out.event::<PoolRiskChangeScheduled>();
    let effective = t_announce + hold;
    assert_eq!(
        (ev.min_junior_ratio_bps, ev.senior_apr_bps, ev.min_hold_secs, ev.effective_ts),
        (0, 0, MAX_MIN_HOLD_SECS, effective)
    );
    assert!(effective > t_announce + RISK_CHANGE_DELAY_SECS);
    assert_eq!(effective, dep.unlock_ts + 1);

    // One second before its unlock the LP is still locked in.
    let now = env.now().await;
    env.warp_seconds(dep.unlock_ts - 1 - now).await;
    let tail = env.pool_state(&keys).await.ledger.senior.queue_tail;
    env.assert_program_error(
        &[ix::tranche_withdraw(&keys, &s.pubkey(), Tranche::Senior, dep.shares, tail)],
        &[&s],
        E::HoldingPeriodActive,
    )
    .await;
    // At its unlock it leaves with every micro-USDC, under the 20 % ratio.
    env.warp_seconds(1).await;
    assert_eq!(env.now().await, dep.unlock_ts);
    let out =
        env.ok(&[ix::tranche_withdraw(&keys, &s.pubkey(), Tranche::Senior, dep.shares, tail)], &[&s]).await;
    assert!(out.events::<PoolRiskChangeApplied>().is_empty());
    let w = out.event::<Withdrawn>();
    assert_eq!((w.shares, w.amount_usdc), (3_999_999_000, 3_999_999_000));
    assert_eq!(env.token_balance(&keys.usdc_ata(&s.pubkey())).await, 3_999_999_000);
    let pool = env.pool_state(&keys).await;
    assert_eq!(pool.params, params);
    assert_eq!(pool.pending_risk_change.effective_ts, effective);

    // One second later the change applies.
    env.warp_seconds(1).await;
    let out = env.ok(&[ix::pool_refresh(&keys.pool)], &[]).await;
    let applied = out.event::<PoolRiskChangeApplied>();
    assert_eq!((applied.min_junior_ratio_bps, applied.ts), (0, effective));
    assert_eq!(env.pool_state(&keys).await.params, new);
}

/// The holding period is a risk term: `pool_update_config` announces a new
/// one (1 day → 30 days) instead of applying it; a deposit before the
/// effective time is locked for 1 day. The first instruction at or after
/// the effective time — here a deposit, not `pool_refresh` — applies it and
/// emits `PoolRiskChangeApplied` (before its own `Deposited`), and that
/// deposit is locked for 30 days.
#[tokio::test]
async fn a_holding_period_change_is_announced_and_any_accruing_instruction_reports_it() {
    let mut env = Env::new().await;
    let (manager, keys) = env.pool().await;
    let j = env.investor(2_000 * USDC).await;
    let t_announce = env.now().await;
    let new = PoolParams { min_hold_secs: MAX_MIN_HOLD_SECS, ..default_params() };
    let out = env
        .ok(&[ix::pool_update_config(&manager.pubkey(), &keys.pool, new, default_policy())], &[&manager])
        .await;
    let effective = t_announce + RISK_CHANGE_DELAY_SECS;
    let ev = out.event::<PoolRiskChangeScheduled>();
    assert_eq!((ev.min_hold_secs, ev.effective_ts), (MAX_MIN_HOLD_SECS, effective));
    assert_eq!(out.event::<PoolConfigUpdated>().params, default_params());
    assert_eq!(env.pool_state(&keys).await.params.min_hold_secs, DEFAULT_MIN_HOLD_SECS);

    let dep = env.deposit(&keys, &j, Tranche::Junior, 1_000 * USDC).await;
    assert!(dep.events::<PoolRiskChangeApplied>().is_empty());
    let d = dep.event::<Deposited>();
    assert_eq!(d.unlock_ts, d.ts + DEFAULT_MIN_HOLD_SECS as i64);

    let now = env.now().await;
    env.warp_seconds(effective - now).await;
    let ix_dep = ix::tranche_deposit(&keys, &j.pubkey(), Tranche::Junior, 1_000 * USDC, 0);
    let out = env.ok(&[ix_dep], &[&j]).await;
    let applied = out.event::<PoolRiskChangeApplied>();
    assert_eq!(
        (
            applied.pool,
            applied.min_junior_ratio_bps,
            applied.senior_apr_bps,
            applied.min_hold_secs,
            applied.ts
        ),
        (keys.pool, 2_000, 800, MAX_MIN_HOLD_SECS, effective)
    );
    let names = out.event_names();
    let (a, d) = (
        names.iter().position(|n| *n == "PoolRiskChangeApplied").unwrap(),
        names.iter().position(|n| *n == "Deposited").unwrap(),
    );
    assert!(a < d, "{names:?}");
    let d = out.event::<Deposited>();
    assert_eq!((d.ts, d.unlock_ts), (effective, effective + MAX_MIN_HOLD_SECS as i64));
    let pool = env.pool_state(&keys).await;
    assert_eq!(pool.params, new);
    assert!(!pool.pending_risk_change.is_pending());
}

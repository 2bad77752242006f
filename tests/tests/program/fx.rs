//! Cross-border invoices: Pyth FX valuation and settlement, with real
//! `PriceUpdateV2` bytes serialized with the Pyth SDK's own type. Expected
//! USDC amounts are computed here from the documented formulas.

use crate::invoices::{market, Market};
use crate::model::{price, DAY};
use autofactor_client::constants::*;
use autofactor_client::events::*;
use autofactor_client::ix::{self, Prices};
use autofactor_client::state::{CurrencyTerms, InvoiceStatus, QuoteDirection};
use autofactor_client::AutofactorError as E;
use autofactor_tests::*;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signer};

fn feed(hex: &str) -> [u8; 32] {
    let mut out = [0u8; 32];
    for i in 0..32 {
        out[i] = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap();
    }
    out
}

fn nok_feed() -> [u8; 32] {
    feed("235ddea9f40e9af5814dbcc83a418b98e3ee8df1e34e1ae4d45cf5de596023a3")
}
fn jpy_feed() -> [u8; 32] {
    feed("ef2c98c804ba503c6a707e38be4dfbb16683775f195b091252bf24693042fd52")
}
fn usdc_feed() -> [u8; 32] {
    feed("eaa020c61cc479712813461ce153894a96a6c00b21ed0cfc2798d1f9a9e9c94a")
}

fn jpy_terms() -> CurrencyTerms {
    CurrencyTerms {
        code: *b"JPY",
        decimals: 0,
        feed_id: jpy_feed(),
        direction: QuoteDirection::UsdCcy,
        max_age_secs: 60,
        max_conf_bps: 50,
        min_usdc_per_unit: 3_000,
        max_usdc_per_unit: 15_000,
    }
}

/// USD/CCY: micro-USDC = minor × 10^(6 − decimals − exponent) / price.
fn usdccy(minor: u64, price: u64, exponent: i32, decimals: u8, ceil: bool) -> u64 {
    let num = minor as u128 * 10u128.pow((6 - decimals as i32 - exponent) as u32);
    let q = if ceil { num.div_ceil(price as u128) } else { num / price as u128 };
    q as u64
}

struct Fx {
    m: Market,
    price_account: Pubkey,
}

async fn fx_market(terms: CurrencyTerms) -> Fx {
    let mut m = market().await;
    let manager = m.manager.insecure_clone();
    m.env.ok(&[ix::pool_currency_set(&manager.pubkey(), &m.pool.pool, terms)], &[&manager]).await;
    Fx { m, price_account: Pubkey::new_unique() }
}

impl Fx {
    async fn quote(&mut self, feed_id: [u8; 32], price: i64, conf: u64, exponent: i32) {
        let now = self.m.env.now().await;
        let account = self.price_account;
        self.m.env.set_price(&account, TestPrice::new(feed_id, price, conf, exponent, now));
    }
}

#[tokio::test]
async fn nok_invoice_financed_and_repaid_in_parts_at_moving_prices() {
    let mut fx = fx_market(nok_terms_with(nok_feed())).await;
    let (supplier, buyer, verifier, pool) = (
        fx.m.supplier.insecure_clone(),
        fx.m.buyer.insecure_clone(),
        fx.m.verifier.insecure_clone(),
        fx.m.pool,
    );
    let mut terms = fx.m.env.usd_terms("NOK-1", 0, 60).await;
    terms.currency = *b"NOK";
    terms.face_minor = 1_050_000; // NOK 10,500.00
    let inv = fx.m.env.verified_invoice(&pool, &supplier, &buyer, &verifier, terms, 900).await;
    let prices = Prices { fx: Some((*b"NOK", fx.price_account)), usdc: None };

    // USD/NOK 10.50000 ± 0.00100: valued at price + conf (NOK worth less).
    fx.quote(nok_feed(), 1_050_000, 100, -5).await;
    let usdc = fx.m.env.usdc_mint;
    fx.m.env.create_ata(&supplier.pubkey(), &usdc, &autofactor_client::TOKEN_PROGRAM_ID).await;
    let out = fx.m.env.ok(&[ix::invoice_finance_with(&inv.keys, 0, &prices)], &[&supplier]).await;
    let ev = out.event::<InvoiceFinanced>();
    let face_usdc = usdccy(1_050_000, 1_050_100, -5, 2, false);
    // ⌊1,050,000 × 10⁹ / 1,050,100⌋
    assert_eq!(face_usdc, 999_904_770);
    assert_eq!(ev.face_usdc, face_usdc);
    assert_eq!(ev.fx_rate_scaled, usdccy(1_000_000_000_000, 1_050_100, -5, 2, false) as u128);
    let (advance, discount, pf, mf, reserve) = price(face_usdc, 10_000, 1_200, 60 * DAY);
    assert_eq!(
        (ev.advance_usdc, ev.discount_usdc, ev.protocol_fee_usdc, ev.manager_fee_usdc),
        (advance, discount, pf, mf)
    );
    assert_eq!(ev.snapshot.nav_usdc, 5_000 * USDC);

    // Three payments at moving prices, each charged at price − conf (the
    // rate less favourable to the payer), rounded up.
    let mut vault = 5_000 * USDC - advance;
    let mut outstanding = 1_050_000u64;
    let mut collected = 0u64;
    for (days, minor, p, conf) in
        [(20, 300_000u64, 1_040_000u64, 200u64), (20, 400_000, 1_060_000, 100), (20, 350_000, 1_055_000, 150)]
    {
        fx.m.env.warp_seconds(days * DAY).await;
        fx.quote(nok_feed(), p as i64, conf, -5).await;
        let cost = usdccy(minor, p - conf, -5, 2, true);
        let ev =
            fx.m.env
                .ok(&[ix::invoice_repay_with(&inv.keys, &buyer.pubkey(), minor, cost, &prices)], &[&buyer])
                .await
                .event::<InvoicePaid>();
        outstanding -= minor;
        collected += cost;
        vault += cost;
        assert_eq!((ev.amount_usdc, ev.outstanding_minor), (cost, outstanding));
        assert_eq!(fx.m.env.token_balance(&pool.vault).await, vault);
        // One micro-USDC less is refused (the payer's maximum binds).
        assert!(cost > 0);
    }
    // Hand-checked: ⌈300,000 × 10⁹ / 1,039,800⌉ + ⌈400,000 × 10⁹ / 1,059,900⌉ + ⌈350,000 × 10⁹ / 1,054,850⌉
    assert_eq!(collected, 288_517_023 + 377_394_094 + 331_800_730);
    let state = fx.m.env.invoice_state(&inv).await;
    assert_eq!(state.status, InvoiceStatus::Repaid);
    assert_eq!(state.outstanding_minor(), 0);
    // Allocation: the pool's claim, then fees, then the reserve; the rest is FX gain.
    let claim = advance + discount - pf - mf;
    let to_claim = collected.min(claim);
    let rest = collected - to_claim;
    let to_fees = rest.min(pf + mf);
    let gain = rest - to_fees - (rest - to_fees).min(reserve);
    let nav = 5_000 * USDC - advance + to_claim + gain;
    let pool_state = fx.m.env.pool_state(&pool).await;
    assert_eq!(pool_state.ledger.nav_usdc().unwrap(), nav);
    assert_eq!(pool_state.ledger.receivables_usdc, 0);
    assert_eq!(pool_state.ledger.protocol_fees_owed_usdc + pool_state.ledger.manager_fees_owed_usdc, to_fees);
    println!("NOK: face {face_usdc}, advance {advance}, collected {collected}, NAV {nav} (FX gain {gain})");
}

#[tokio::test]
async fn jpy_invoice_with_exponent_minus_eight() {
    let mut fx = fx_market(jpy_terms()).await;
    let (verifier, pool) = (fx.m.verifier.insecure_clone(), fx.m.pool);
    let supplier = fx.m.env.user(ROLE_SUPPLIER).await;
    let buyer = fx.m.env.user(ROLE_BUYER).await;
    fx.m.env.mint_usdc(&buyer.pubkey(), 2_000 * USDC).await;
    let mut terms = fx.m.env.usd_terms("JPY-1", 0, 60).await;
    terms.currency = *b"JPY";
    terms.face_minor = 150_000; // ¥150,000 (no minor digits)
    let inv = fx.m.env.verified_invoice(&pool, &supplier, &buyer, &verifier, terms, 700).await;
    let prices = Prices { fx: Some((*b"JPY", fx.price_account)), usdc: None };
    // USD/JPY 150.12345678 ± 0.01.
    fx.quote(jpy_feed(), 15_012_345_678, 1_000_000, -8).await;
    let usdc = fx.m.env.usdc_mint;
    fx.m.env.create_ata(&supplier.pubkey(), &usdc, &autofactor_client::TOKEN_PROGRAM_ID).await;
    let ev =
        fx.m.env
            .ok(&[ix::invoice_finance_with(&inv.keys, 0, &prices)], &[&supplier])
            .await
            .event::<InvoiceFinanced>();
    let face_usdc = usdccy(150_000, 15_013_345_678, -8, 0, false);
    // ⌊150,000 × 10¹⁴ / 15,013,345,678⌋
    assert_eq!(face_usdc, 999_111_079);
    let (advance, discount, pf, mf, reserve) = price(face_usdc, 9_500, 1_600, 60 * DAY);
    assert_eq!((ev.face_usdc, ev.advance_usdc, ev.reserve_usdc), (face_usdc, advance, reserve));

    let mut collected = 0;
    for (days, minor, p, conf) in [
        (20, 40_000u64, 15_150_000_000u64, 2_000_000u64),
        (20, 60_000, 15_020_000_000, 1_000_000),
        (20, 50_000, 14_900_000_000, 1_500_000),
    ] {
        fx.m.env.warp_seconds(days * DAY).await;
        fx.quote(jpy_feed(), p as i64, conf, -8).await;
        let cost = usdccy(minor, p - conf, -8, 0, true);
        let ev = fx
            .m
            .env
            .ok(&[ix::invoice_repay_with(&inv.keys, &buyer.pubkey(), minor, cost + 5, &prices)], &[&buyer])
            .await
            .event::<InvoicePaid>();
        assert_eq!(ev.amount_usdc, cost);
        collected += cost;
    }
    // ⌈40,000 × 10¹⁴ / 15,148,000,000⌉ + ⌈60,000 × 10¹⁴ / 15,019,000,000⌉ + ⌈50,000 × 10¹⁴ / 14,898,500,000⌉
    assert_eq!(collected, 264_061_263 + 399_493_975 + 335_604_256);
    let claim = advance + discount - pf - mf;
    let rest = collected - claim.min(collected);
    let fees = rest.min(pf + mf);
    let to_reserve = (rest - fees).min(reserve);
    let gain = rest - fees - to_reserve;
    let pool_state = fx.m.env.pool_state(&pool).await;
    assert_eq!(pool_state.ledger.nav_usdc().unwrap(), 5_000 * USDC - advance + claim.min(collected) + gain);
    assert_eq!(pool_state.ledger.reserves_owed_usdc, to_reserve);
    assert_eq!(fx.m.env.invoice_state(&inv).await.status, InvoiceStatus::Repaid);
}

#[tokio::test]
async fn oracle_failures_refuse_financing_and_leave_accounts_unchanged() {
    let mut fx = fx_market(nok_terms_with(nok_feed())).await;
    let (supplier, buyer, verifier, pool, manager) = (
        fx.m.supplier.insecure_clone(),
        fx.m.buyer.insecure_clone(),
        fx.m.verifier.insecure_clone(),
        fx.m.pool,
        fx.m.manager.insecure_clone(),
    );
    let mut terms = fx.m.env.usd_terms("NOK-2", 0, 60).await;
    terms.currency = *b"NOK";
    terms.face_minor = 1_050_000;
    let inv = fx.m.env.verified_invoice(&pool, &supplier, &buyer, &verifier, terms, 900).await;
    let usdc = fx.m.env.usdc_mint;
    fx.m.env.create_ata(&supplier.pubkey(), &usdc, &autofactor_client::TOKEN_PROGRAM_ID).await;
    let account = fx.price_account;
    let prices = Prices { fx: Some((*b"NOK", account)), usdc: None };
    let finance = ix::invoice_finance_with(&inv.keys, 0, &prices);
    let now = fx.m.env.now().await;
    let good = TestPrice::new(nok_feed(), 1_050_000, 100, -5, now);

    let cases: Vec<(TestPrice, E)> = vec![
        // FX markets closed over the weekend: the last price is too old.
        (TestPrice { publish_time: now - 61, ..good }, E::OracleStalePrice),
        (TestPrice { conf: 6_000, ..good }, E::OracleWideConfidence),
        (TestPrice { feed_id: jpy_feed(), ..good }, E::OracleWrongFeed),
        (TestPrice { full: false, ..good }, E::OraclePartialVerification),
        (TestPrice { owner: autofactor_client::TOKEN_PROGRAM_ID, ..good }, E::OracleWrongOwner),
        (TestPrice { price: 0, ..good }, E::OracleInvalidPrice),
    ];
    for (p, err) in cases {
        fx.m.env.set_price(&account, p);
        fx.m.env.assert_program_error(&[finance.clone()], &[&supplier], err).await;
    }
    // No price account at all.
    fx.m.env
        .assert_program_error(&[ix::invoice_finance(&inv.keys, 0)], &[&supplier], E::CurrencyNotSupported)
        .await;
    // The currency configuration but no price account (an optional account
    // passed as the program id means "none").
    let no_price = substitute(finance.clone(), &account, &autofactor_client::PROGRAM_ID);
    fx.m.env.assert_program_error(&[no_price], &[&supplier], E::PriceAccountMissing).await;

    // The USD/NOK feed configured as if it quoted NOK/USD: 1 NOK would be
    // worth $10.50, far outside the band.
    fx.m.env.set_price(&account, good);
    let inverted = CurrencyTerms { direction: QuoteDirection::CcyUsd, ..nok_terms_with(nok_feed()) };
    fx.m.env.ok(&[ix::pool_currency_set(&manager.pubkey(), &pool.pool, inverted)], &[&manager]).await;
    fx.m.env.assert_program_error(&[finance.clone()], &[&supplier], E::FxPriceOutOfBounds).await;
    fx.m.env
        .ok(&[ix::pool_currency_set(&manager.pubkey(), &pool.pool, nok_terms_with(nok_feed()))], &[&manager])
        .await;

    // The same price with exponent −8 values the invoice exactly as with −5.
    let now = fx.m.env.now().await;
    fx.m.env.set_price(&account, TestPrice::new(nok_feed(), 1_050_000_000, 100_000, -8, now));
    let ev = fx.m.env.ok(&[finance], &[&supplier]).await.event::<InvoiceFinanced>();
    assert_eq!(ev.face_usdc, usdccy(1_050_000, 1_050_100, -5, 2, false));
    assert_eq!(ev.face_usdc, usdccy(1_050_000, 1_050_100_000, -8, 2, false));
}

#[tokio::test]
async fn currencies_must_be_accepted_and_have_a_feed() {
    let Market { mut env, pool, manager, supplier, buyer, .. } = market().await;
    // SEK is not accepted by this pool.
    let mut terms = env.usd_terms("SEK-1", 0, 60).await;
    terms.currency = *b"SEK";
    terms.face_minor = 100_000;
    let asset = Keypair::new();
    let keys = env.invoice_keys(&pool, &asset.pubkey(), &supplier.pubkey(), &buyer.pubkey()).await;
    env.assert_program_error(
        &[ix::invoice_create(&keys, &terms)],
        &[&supplier, &asset],
        E::CurrencyNotSupported,
    )
    .await;
    // VND has no Pyth feed: a configuration without one is refused.
    let vnd = CurrencyTerms { code: *b"VND", decimals: 0, feed_id: [0; 32], ..nok_terms_with(nok_feed()) };
    env.assert_program_error(
        &[ix::pool_currency_set(&manager.pubkey(), &pool.pool, vnd)],
        &[&manager],
        E::CurrencyWithoutFeed,
    )
    .await;
    let bad = CurrencyTerms { code: *b"usd", ..nok_terms_with(nok_feed()) };
    env.assert_program_error(
        &[ix::pool_currency_set(&manager.pubkey(), &pool.pool, bad)],
        &[&manager],
        E::InvalidCurrencyConfig,
    )
    .await;
    let mallory = env.user(ROLE_MANAGER).await;
    env.assert_program_error(
        &[ix::pool_currency_set(&mallory.pubkey(), &pool.pool, nok_terms_with(nok_feed()))],
        &[&mallory],
        E::NotPoolManager,
    )
    .await;
    let out = env
        .ok(&[ix::pool_currency_set(&manager.pubkey(), &pool.pool, nok_terms_with(nok_feed()))], &[&manager])
        .await;
    assert_eq!(out.event::<PoolCurrencyUpdated>().terms, nok_terms_with(nok_feed()));
    let out = env.ok(&[ix::pool_currency_remove(&manager.pubkey(), &pool.pool, b"NOK")], &[&manager]).await;
    assert_eq!(out.event::<PoolCurrencyRemoved>().code, *b"NOK");
}

#[tokio::test]
async fn usdc_depeg_guard_pauses_new_financing() {
    let Market { mut env, pool, supplier, buyer, verifier, .. } = market().await;
    let admin = env.admin.insecure_clone();
    let mallory = Keypair::new();
    env.assert_program_error(
        &[ix::protocol_set_usdc_guard(&mallory.pubkey(), usdc_feed(), 9_900, 60)],
        &[&mallory],
        E::NotProtocolAdmin,
    )
    .await;
    env.ok(&[ix::protocol_set_usdc_guard(&admin.pubkey(), usdc_feed(), 9_900, 60)], &[&admin]).await;
    let t = env.usd_terms("G-1", 100_00, 60).await;
    let inv = env.verified_invoice(&pool, &supplier, &buyer, &verifier, t, 900).await;
    let usdc = env.usdc_mint;
    env.create_ata(&supplier.pubkey(), &usdc, &autofactor_client::TOKEN_PROGRAM_ID).await;
    env.assert_program_error(&[ix::invoice_finance(&inv.keys, 0)], &[&supplier], E::PriceAccountMissing)
        .await;
    let account = Pubkey::new_unique();
    let now = env.now().await;
    let prices = Prices { fx: None, usdc: Some(account) };
    env.set_price(&account, TestPrice::new(usdc_feed(), 98_500_000, 10_000, -8, now));
    env.assert_program_error(
        &[ix::invoice_finance_with(&inv.keys, 0, &prices)],
        &[&supplier],
        E::UsdcBelowFloor,
    )
    .await;
    env.set_price(&account, TestPrice::new(usdc_feed(), 99_990_000, 10_000, -8, now));
    env.ok(&[ix::invoice_finance_with(&inv.keys, 0, &prices)], &[&supplier]).await;
}

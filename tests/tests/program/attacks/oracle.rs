//! F-14: oracle manipulation. Every forged, stale, future, inverted,
//! partially verified, too uncertain or out-of-range price is refused, on
//! the financing side AND on the repayment side, with the exact error and
//! every account unchanged; the USDC depeg guard uses `price − conf` and a
//! real confidence limit; no configuration may accept a price older than
//! `MAX_PRICE_AGE_SECS`.

use crate::invoices::market;
use autofactor_client::constants::*;
use autofactor_client::ix::{self, Prices};
use autofactor_client::state::CurrencyTerms;
use autofactor_client::{AutofactorError as E, TOKEN_PROGRAM_ID};
use autofactor_tests::*;
use solana_sdk::account::Account;
use solana_sdk::instruction::Instruction;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signer};

fn usdc_feed() -> [u8; 32] {
    [0xea; 32]
}

/// How a case corrupts the price account.
#[derive(Clone, Copy)]
enum Forge {
    /// A `PriceUpdateV2` with these fields.
    Price(TestPrice),
    /// Pyth-owned bytes that are not a `PriceUpdateV2`.
    NotAPriceUpdate,
}

/// The attack cases against a good USD/NOK 10.50000 ± 0.00100 at `now`.
fn cases(now: i64) -> Vec<(&'static str, Forge, E)> {
    let good = TestPrice::new(TEST_NOK_FEED, 1_050_000, 100, -5, now);
    vec![
        (
            "publish time in the future",
            Forge::Price(TestPrice { publish_time: now + 30, ..good }),
            E::OracleStalePrice,
        ),
        (
            "older than the configured age",
            Forge::Price(TestPrice { publish_time: now - 61, ..good }),
            E::OracleStalePrice,
        ),
        ("negative price", Forge::Price(TestPrice { price: -1_050_000, ..good }), E::OracleInvalidPrice),
        ("zero price", Forge::Price(TestPrice { price: 0, ..good }), E::OracleInvalidPrice),
        ("another feed", Forge::Price(TestPrice { feed_id: [0x77; 32], ..good }), E::OracleWrongFeed),
        ("partially verified", Forge::Price(TestPrice { full: false, ..good }), E::OraclePartialVerification),
        // NOK/USD 0.09524 posted on the USD/NOK feed: 1 NOK "worth" $10.50.
        ("inverted pair", Forge::Price(TestPrice { price: 9_524, conf: 0, ..good }), E::FxPriceOutOfBounds),
        ("confidence too wide", Forge::Price(TestPrice { conf: 5_251, ..good }), E::OracleWideConfidence),
        (
            "exponent below the range",
            Forge::Price(TestPrice { price: 1_050_000, exponent: -19, ..good }),
            E::OracleExponentOutOfRange,
        ),
        (
            "exponent above the range",
            Forge::Price(TestPrice { price: 1, exponent: 13, ..good }),
            E::OracleExponentOutOfRange,
        ),
        (
            "not owned by the receiver",
            Forge::Price(TestPrice { owner: TOKEN_PROGRAM_ID, ..good }),
            E::OracleWrongOwner,
        ),
        ("not a PriceUpdateV2", Forge::NotAPriceUpdate, E::OracleNotPriceUpdate),
    ]
}

fn forge(env: &mut Env, account: &Pubkey, f: Forge) {
    match f {
        Forge::Price(p) => env.set_price(account, p),
        Forge::NotAPriceUpdate => {
            let account_data = Account {
                lamports: 10_000_000,
                data: vec![7; 134],
                owner: pyth_solana_receiver_sdk::ID,
                executable: false,
                rent_epoch: 0,
            };
            env.ctx.set_account(account, &account_data.into());
        }
    }
}

/// Runs every case against `ix` (signed by `signer`), then restores a good price.
async fn refuse_all(env: &mut Env, account: &Pubkey, tx: &Instruction, signer: &Keypair) -> usize {
    let now = env.now().await;
    let all = cases(now);
    for (name, f, err) in all.iter().copied() {
        println!("attack: {name}");
        forge(env, account, f);
        env.assert_program_error(&[tx.clone()], &[signer], err).await;
    }
    env.set_price(account, TestPrice::new(TEST_NOK_FEED, 1_050_000, 100, -5, now));
    all.len()
}

#[tokio::test]
async fn forged_prices_are_refused_when_financing_and_when_repaying() {
    let mut m = market().await;
    let (manager, supplier, buyer, verifier, pool) = (
        m.manager.insecure_clone(),
        m.supplier.insecure_clone(),
        m.buyer.insecure_clone(),
        m.verifier.insecure_clone(),
        m.pool,
    );
    let env = &mut m.env;
    env.ok(&[ix::pool_currency_set(&manager.pubkey(), &pool.pool, nok_terms())], &[&manager]).await;
    let sek = CurrencyTerms { code: *b"SEK", feed_id: [0x55; 32], ..nok_terms() };
    env.ok(&[ix::pool_currency_set(&manager.pubkey(), &pool.pool, sek)], &[&manager]).await;
    let mut terms = env.usd_terms("ORACLE-1", 0, 60).await;
    terms.currency = *b"NOK";
    terms.face_minor = 1_050_000;
    let inv = env.verified_invoice(&pool, &supplier, &buyer, &verifier, terms, 900).await;
    let usdc = env.usdc_mint;
    env.create_ata(&supplier.pubkey(), &usdc, &TOKEN_PROGRAM_ID).await;
    let account = Pubkey::new_unique();
    let prices = Prices { fx: Some((*b"NOK", account)), usdc: None };

    // Financing side.
    let finance = ix::invoice_finance_with(&inv.keys, 0, &prices);
    let n = refuse_all(env, &account, &finance, &supplier).await;
    assert_eq!(n, 12);
    // Another currency's configuration for this NOK invoice.
    let wrong_cfg = substitute(
        finance.clone(),
        &autofactor_client::pda::currency_config(&pool.pool, b"NOK"),
        &autofactor_client::pda::currency_config(&pool.pool, b"SEK"),
    );
    env.assert_program_error(&[wrong_cfg], &[&supplier], E::WrongCurrencyConfig).await;
    let vault_before = env.token_balance(&pool.vault).await;
    assert_eq!(vault_before, 5_000 * USDC);
    env.ok(&[finance], &[&supplier]).await;

    // Repayment side: the same forgeries cannot make a payment cheaper.
    let repay = ix::invoice_repay_with(&inv.keys, &buyer.pubkey(), 1_050_000, u64::MAX, &prices);
    let n = refuse_all(env, &account, &repay, &buyer).await;
    assert_eq!(n, 12);
    let wrong_cfg = substitute(
        repay.clone(),
        &autofactor_client::pda::currency_config(&pool.pool, b"NOK"),
        &autofactor_client::pda::currency_config(&pool.pool, b"SEK"),
    );
    env.assert_program_error(&[wrong_cfg], &[&buyer], E::WrongCurrencyConfig).await;
    // The honest payment: ⌈1,050,000 × 10⁹ / 1,049,900⌉.
    let before = env.token_balance(&pool.usdc_ata(&buyer.pubkey())).await;
    env.ok(&[repay], &[&buyer]).await;
    assert_eq!(before - env.token_balance(&pool.usdc_ata(&buyer.pubkey())).await, 1_000_095_248);
}

#[tokio::test]
async fn no_configuration_accepts_an_old_price() {
    let m = market().await;
    let (mut env, manager, pool) = (m.env, m.manager, m.pool);
    let admin = env.admin.insecure_clone();
    for max_age_secs in [MAX_PRICE_AGE_SECS + 1, 7 * 86_400] {
        let t = CurrencyTerms { max_age_secs, ..nok_terms() };
        env.assert_program_error(
            &[ix::pool_currency_set(&manager.pubkey(), &pool.pool, t)],
            &[&manager],
            E::InvalidCurrencyConfig,
        )
        .await;
        env.assert_program_error(
            &[ix::protocol_set_usdc_guard(&admin.pubkey(), usdc_feed(), 9_900, max_age_secs)],
            &[&admin],
            E::InvalidCurrencyConfig,
        )
        .await;
    }
    let t = CurrencyTerms { max_age_secs: MAX_PRICE_AGE_SECS, ..nok_terms() };
    env.ok(&[ix::pool_currency_set(&manager.pubkey(), &pool.pool, t)], &[&manager]).await;
    let t = CurrencyTerms { max_conf_bps: MAX_PRICE_CONF_BPS + 1, ..nok_terms() };
    env.assert_program_error(
        &[ix::pool_currency_set(&manager.pubkey(), &pool.pool, t)],
        &[&manager],
        E::InvalidCurrencyConfig,
    )
    .await;
}

#[tokio::test]
async fn the_usdc_guard_uses_the_low_bound_and_a_confidence_limit() {
    let m = market().await;
    let (mut env, pool, supplier, buyer, verifier) = (m.env, m.pool, m.supplier, m.buyer, m.verifier);
    let admin = env.admin.insecure_clone();
    env.ok(&[ix::protocol_set_usdc_guard(&admin.pubkey(), usdc_feed(), 9_900, 60)], &[&admin]).await;
    let t = env.usd_terms("GUARD-1", 100_00, 60).await;
    let inv = env.verified_invoice(&pool, &supplier, &buyer, &verifier, t, 900).await;
    let usdc = env.usdc_mint;
    env.create_ata(&supplier.pubkey(), &usdc, &TOKEN_PROGRAM_ID).await;
    let account = Pubkey::new_unique();
    let finance = ix::invoice_finance_with(&inv.keys, 0, &Prices { fx: None, usdc: Some(account) });
    let now = env.now().await;
    let p = |price: i64, conf: u64, exponent: i32| TestPrice::new(usdc_feed(), price, conf, exponent, now);
    let cases: Vec<(&str, TestPrice, E)> = vec![
        // Mid $0.9905 is above the $0.99 floor, but price − conf = $0.9895 is not.
        ("mid above, low bound below the floor", p(99_050_000, 100_000, -8), E::UsdcBelowFloor),
        ("mid below the floor", p(98_500_000, 10_000, -8), E::UsdcBelowFloor),
        // ±1.01 %: wider than USDC_GUARD_MAX_CONF_BPS (1 %).
        ("confidence too wide", p(100_000_000, 1_010_000, -8), E::OracleWideConfidence),
        ("exponent out of range (no panic)", p(1, 0, 40), E::OracleExponentOutOfRange),
        ("exponent far below the range (no panic)", p(i64::MAX, 0, -100), E::OracleExponentOutOfRange),
        (
            "future publish time",
            TestPrice { publish_time: now + 5, ..p(100_000_000, 0, -8) },
            E::OracleStalePrice,
        ),
        ("stale", TestPrice { publish_time: now - 61, ..p(100_000_000, 0, -8) }, E::OracleStalePrice),
        ("negative price", p(-100_000_000, 0, -8), E::OracleInvalidPrice),
        ("another feed", TestPrice { feed_id: TEST_NOK_FEED, ..p(100_000_000, 0, -8) }, E::OracleWrongFeed),
        (
            "partially verified",
            TestPrice { full: false, ..p(100_000_000, 0, -8) },
            E::OraclePartialVerification,
        ),
    ];
    for (name, price, err) in cases {
        println!("attack: {name}");
        env.set_price(&account, price);
        env.assert_program_error(&[finance.clone()], &[&supplier], err).await;
    }
    // Exactly at the floor after conf: $0.9910 − $0.0010 = $0.9900.
    env.set_price(&account, p(99_100_000, 100_000, -8));
    env.ok(&[finance], &[&supplier]).await;
}

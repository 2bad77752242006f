//! `pool currency-set`: a pool's terms for a currency, from the preset
//! terms of its Pyth feed (or the current terms), overridden by flags.

use super::super::args::{parse_currency, parse_hash32, parse_micro, PoolArg};
use super::super::ctx::Ctx;
use crate::errors::err;
use crate::output::Report;
use crate::results::{Addr, Bps, Hex32, Usdc};
use anyhow::Result;
use autofactor_client::format::code_str;
use autofactor_client::state::{CurrencyConfig, CurrencyTerms, QuoteDirection};
use autofactor_client::{ix, pda, presets, pyth};
use clap::{Args, ValueEnum};

/// Quote direction on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DirectionArg {
    /// USD per one unit of the currency (EUR/USD).
    CcyUsd,
    /// Units of the currency per USD (USD/JPY).
    UsdCcy,
}

impl From<DirectionArg> for QuoteDirection {
    fn from(d: DirectionArg) -> Self {
        match d {
            DirectionArg::CcyUsd => QuoteDirection::CcyUsd,
            DirectionArg::UsdCcy => QuoteDirection::UsdCcy,
        }
    }
}

/// `pool currency-set`
#[derive(Args, Debug)]
pub struct CurrencySetArgs {
    #[command(flatten)]
    pool: PoolArg,
    /// ISO 4217 code (not USD).
    #[arg(long, value_parser = parse_currency)]
    code: [u8; 3],
    /// Minor-unit decimals.
    #[arg(long)]
    decimals: Option<u8>,
    /// Pyth feed id (64 hex digits).
    #[arg(long, value_parser = parse_hash32)]
    feed_id: Option<[u8; 32]>,
    /// Quote direction of the feed.
    #[arg(long, value_enum)]
    direction: Option<DirectionArg>,
    /// Maximum price age (seconds).
    #[arg(long)]
    max_age_secs: Option<u32>,
    /// Maximum confidence / price (bps).
    #[arg(long)]
    max_conf_bps: Option<u16>,
    /// Plausibility band: lowest USDC per unit.
    #[arg(long, value_parser = parse_micro)]
    min_usdc_per_unit: Option<u64>,
    /// Plausibility band: highest USDC per unit.
    #[arg(long, value_parser = parse_micro)]
    max_usdc_per_unit: Option<u64>,
}

/// Runs `pool currency-set`.
pub fn set(ctx: &Ctx, a: CurrencySetArgs) -> Result<Report> {
    let (pool, c) = (a.pool.pool, a.code);
    let code_s = code_str(&c);
    let existing: Option<CurrencyConfig> = ctx.maybe_account(&pda::currency_config(&pool, &c))?;
    let base =
        existing.map(|e| e.terms).or_else(|| pyth::feed_for_currency(&code_s).map(presets::currency_terms));
    let base = match base {
        Some(b) => b,
        None => {
            let (Some(feed_id), Some(direction), Some(lo), Some(hi)) =
                (a.feed_id, a.direction, a.min_usdc_per_unit, a.max_usdc_per_unit)
            else {
                return Err(err(
                    "invalid_argument",
                    format!(
                        "{code_s} has no built-in terms: give --feed-id, --direction, --min-usdc-per-unit \
                         and --max-usdc-per-unit"
                    ),
                ));
            };
            CurrencyTerms {
                code: c,
                decimals: autofactor_einvoice::currency_exponent(&code_s).unwrap_or(2),
                feed_id,
                direction: direction.into(),
                max_age_secs: 60,
                max_conf_bps: 50,
                min_usdc_per_unit: lo,
                max_usdc_per_unit: hi,
            }
        }
    };
    let t = CurrencyTerms {
        code: c,
        decimals: a.decimals.unwrap_or(base.decimals),
        feed_id: a.feed_id.unwrap_or(base.feed_id),
        direction: a.direction.map(Into::into).unwrap_or(base.direction),
        max_age_secs: a.max_age_secs.unwrap_or(base.max_age_secs),
        max_conf_bps: a.max_conf_bps.unwrap_or(base.max_conf_bps),
        min_usdc_per_unit: a.min_usdc_per_unit.unwrap_or(base.min_usdc_per_unit),
        max_usdc_per_unit: a.max_usdc_per_unit.unwrap_or(base.max_usdc_per_unit),
    };
    let d = CurrencySet {
        pool: Addr(pool),
        currency: code_s,
        currency_config: Addr(pda::currency_config(&pool, &c)),
        decimals: t.decimals,
        feed_id: Hex32(t.feed_id),
        price_account: Addr(pyth::price_feed_address(&t.feed_id)),
        direction: match t.direction {
            QuoteDirection::CcyUsd => "ccy-usd",
            QuoteDirection::UsdCcy => "usd-ccy",
        },
        max_age_secs: t.max_age_secs,
        max_conf_bps: Bps(t.max_conf_bps),
        min_usdc_per_unit: Usdc(t.min_usdc_per_unit),
        max_usdc_per_unit: Usdc(t.max_usdc_per_unit),
    };
    ctx.send_simple(|me| vec![ix::pool_currency_set(me, &pool, t)], d)
}

crate::result! {
    /// `pool currency-set`
    pub struct CurrencySet {
        /// The pool.
        pool: Addr,
        /// The currency.
        currency: String,
        /// Its config account.
        currency_config: Addr,
        /// Minor-unit decimals.
        decimals: u8,
        /// The Pyth feed id.
        feed_id: Hex32,
        /// The feed's sponsored price account.
        price_account: Addr,
        /// How the feed quotes (`ccy-usd` or `usd-ccy`).
        direction: &'static str,
        /// Maximum price age (seconds).
        max_age_secs: u32,
        /// Maximum confidence / price.
        max_conf_bps: Bps,
        /// Plausibility band: lowest USDC per unit.
        min_usdc_per_unit: Usdc,
        /// Plausibility band: highest USDC per unit.
        max_usdc_per_unit: Usdc,
    }
}

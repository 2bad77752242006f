//! Pyth pull-oracle prices (`PriceUpdateV2` accounts of the Pyth Solana
//! receiver), checked before any use: owner, full verification, feed id,
//! staleness against the bank clock (a future publish time is refused, and
//! no price older than [`MAX_PRICE_AGE_SECS`] whatever the configuration), a
//! positive price, the confidence bound and a supported exponent (so no
//! power of ten can overflow).

use crate::constants::*;
use crate::error::AutofactorError;
use crate::math::{minor_to_usdc, Rounding, SafeMath};
use crate::state::{CurrencyConfig, ProtocolConfig, QuoteDirection};
use anchor_lang::prelude::*;
use pyth_solana_receiver_sdk::price_update::{PriceUpdateV2, VerificationLevel};

/// A checked price: `price ± conf` × 10^`exponent`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CheckedPrice {
    /// Price mantissa (positive).
    pub price: u64,
    /// Confidence mantissa.
    pub conf: u64,
    /// Exponent shared by both.
    pub exponent: i32,
    /// Publish time.
    pub publish_time: i64,
}

/// Reads and checks a `PriceUpdateV2` account for `feed_id`.
pub fn read_price(
    account: &AccountInfo,
    feed_id: &[u8; 32],
    max_age_secs: u32,
    max_conf_bps: u16,
    now_ts: i64,
) -> Result<CheckedPrice> {
    require_keys_eq!(*account.owner, pyth_solana_receiver_sdk::ID, AutofactorError::OracleWrongOwner);
    let update = {
        let data = account.try_borrow_data()?;
        PriceUpdateV2::try_deserialize(&mut &data[..])
            .map_err(|_| error!(AutofactorError::OracleNotPriceUpdate))?
    };
    require!(
        update.verification_level == VerificationLevel::Full,
        AutofactorError::OraclePartialVerification
    );
    let msg = update.price_message;
    require!(msg.feed_id == *feed_id, AutofactorError::OracleWrongFeed);
    let max_age_secs = max_age_secs.min(MAX_PRICE_AGE_SECS) as i64;
    require!(
        msg.publish_time <= now_ts && now_ts.safe_sub(msg.publish_time)? <= max_age_secs,
        AutofactorError::OracleStalePrice
    );
    require!(msg.price > 0, AutofactorError::OracleInvalidPrice);
    require!(
        (MIN_PRICE_EXPONENT..=MAX_PRICE_EXPONENT).contains(&msg.exponent),
        AutofactorError::OracleExponentOutOfRange
    );
    let price = msg.price as u64;
    require!(
        (msg.conf as u128).safe_mul(BPS_DENOMINATOR as u128)?
            <= (price as u128).safe_mul(max_conf_bps as u128)?,
        AutofactorError::OracleWideConfidence
    );
    Ok(CheckedPrice { price, conf: msg.conf, exponent: msg.exponent, publish_time: msg.publish_time })
}

/// An FX quote for one invoice currency, checked against its configuration.
#[derive(Clone, Copy, Debug)]
pub struct FxQuote {
    /// The checked price.
    pub price: CheckedPrice,
    /// Minor-unit decimals of the currency.
    pub decimals: u8,
    /// Quote direction.
    pub direction: QuoteDirection,
}

impl FxQuote {
    /// Reads the price for `config` and checks it against the plausibility
    /// band. `decimals` are the invoice's own minor-unit decimals, fixed when
    /// it was originated (the configuration's feed and direction cannot
    /// change while a financed invoice in the currency is open).
    pub fn read(account: &AccountInfo, config: &CurrencyConfig, decimals: u8, now_ts: i64) -> Result<Self> {
        let t = &config.terms;
        require!(decimals <= MAX_CURRENCY_DECIMALS, AutofactorError::InvalidCurrencyConfig);
        let price = read_price(account, &t.feed_id, t.max_age_secs, t.max_conf_bps, now_ts)?;
        let quote = FxQuote { price, decimals, direction: t.direction };
        let unit = 10u64.pow(decimals as u32);
        let mid = minor_to_usdc(unit, price.price, price.exponent, decimals, t.direction, Rounding::Floor)?;
        require!(
            mid >= t.min_usdc_per_unit && mid <= t.max_usdc_per_unit,
            AutofactorError::FxPriceOutOfBounds
        );
        Ok(quote)
    }

    /// The price bound that makes the currency worth least in USD
    /// (price − conf for CCY/USD, price + conf for USD/CCY).
    fn low_value_price(&self) -> Result<u64> {
        let p = self.price;
        match self.direction {
            QuoteDirection::CcyUsd => p.price.safe_sub(p.conf),
            QuoteDirection::UsdCcy => p.price.safe_add(p.conf),
        }
    }

    /// The price bound that makes the currency worth most in USD.
    fn high_value_price(&self) -> Result<u64> {
        let p = self.price;
        match self.direction {
            QuoteDirection::CcyUsd => p.price.safe_add(p.conf),
            QuoteDirection::UsdCcy => p.price.safe_sub(p.conf),
        }
    }

    /// Conservative value of `minor` units for buying an invoice: the low
    /// bound of the price, rounded down.
    pub fn value_for_purchase(&self, minor: u64) -> Result<u64> {
        minor_to_usdc(
            minor,
            self.low_value_price()?,
            self.price.exponent,
            self.decimals,
            self.direction,
            Rounding::Floor,
        )
    }

    /// USDC a payer must pay to be credited `minor` units: the rate less
    /// favourable to the payer (high bound), rounded up.
    pub fn cost_for_payment(&self, minor: u64) -> Result<u64> {
        minor_to_usdc(
            minor,
            self.high_value_price()?,
            self.price.exponent,
            self.decimals,
            self.direction,
            Rounding::Ceil,
        )
    }

    /// The purchase rate as micro-USDC per minor unit × [`FX_RATE_SCALE`]
    /// (for records).
    pub fn purchase_rate_scaled(&self) -> Result<u128> {
        let per_1e12 = minor_to_usdc(
            FX_RATE_SCALE,
            self.low_value_price()?,
            self.price.exponent,
            self.decimals,
            self.direction,
            Rounding::Floor,
        )?;
        Ok(per_1e12 as u128)
    }

    /// The payment rate as micro-USDC per minor unit × [`FX_RATE_SCALE`]
    /// (for records).
    pub fn payment_rate_scaled(&self) -> Result<u128> {
        let per_1e12 = minor_to_usdc(
            FX_RATE_SCALE,
            self.high_value_price()?,
            self.price.exponent,
            self.decimals,
            self.direction,
            Rounding::Ceil,
        )?;
        Ok(per_1e12 as u128)
    }
}

/// The USDC/USD depeg guard: when the protocol names a USDC/USD feed, new
/// financing needs that price, at most [`USDC_GUARD_MAX_CONF_BPS`] wide, and
/// its low bound `price − conf` must reach the floor
/// (`(price − conf) × 10^exponent ≥ min_usdc_price_bps / 10^4`).
pub fn require_usdc_above_floor(
    protocol: &ProtocolConfig,
    account: Option<&AccountInfo>,
    now_ts: i64,
) -> Result<()> {
    if protocol.usdc_usd_feed_id == [0; 32] {
        return Ok(());
    }
    let account = account.ok_or(error!(AutofactorError::PriceAccountMissing))?;
    let p = read_price(
        account,
        &protocol.usdc_usd_feed_id,
        protocol.usdc_max_age_secs,
        USDC_GUARD_MAX_CONF_BPS,
        now_ts,
    )?;
    let low = p.price.safe_sub(p.conf)? as u128;
    // low × 10^exponent × 10^4 ≥ floor, without a power that can overflow:
    // the exponent is within [MIN_PRICE_EXPONENT, MAX_PRICE_EXPONENT].
    let floor = protocol.min_usdc_price_bps as u128;
    let ok = if p.exponent <= 0 {
        let scale =
            10u128.checked_pow(p.exponent.unsigned_abs()).ok_or(error!(AutofactorError::MathOverflow))?;
        low.safe_mul(BPS_DENOMINATOR as u128)? >= floor.safe_mul(scale)?
    } else {
        let scale = 10u128.checked_pow(p.exponent as u32).ok_or(error!(AutofactorError::MathOverflow))?;
        low.safe_mul(BPS_DENOMINATOR as u128)?.safe_mul(scale)? >= floor
    };
    require!(ok, AutofactorError::UsdcBelowFloor);
    Ok(())
}

//! Exact integer FX conversion between an invoice currency's minor units
//! and micro-USDC, for Pyth prices `price × 10^exponent` of any exponent.
//!
//! ```text
//! CCY/USD feed (USD per CCY):  usdc = minor × price × 10^(exponent + 6 − decimals)
//! USD/CCY feed (CCY per USD):  usdc = minor × 10^(6 − decimals − exponent) / price
//! ```
//! (USDC is taken at par with USD here; a separate guard refuses new
//! financing when USDC trades below the protocol's floor.)

use super::mul_div::{mul_div_ceil_u128, mul_div_floor_u128};
use super::safe_math::{to_u64, SafeMath};
use crate::constants::{USDC_DECIMALS, USD_DECIMALS};
use crate::error::AutofactorError;
use anchor_lang::prelude::*;

/// How a Pyth feed quotes a currency against the US dollar (take it from
/// the feed's attributes, not from its name).
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, PartialEq, Eq, Debug)]
pub enum QuoteDirection {
    /// USD per one unit of the currency (e.g. EUR/USD 1.08).
    CcyUsd,
    /// Units of the currency per one USD (e.g. USD/JPY 150.2).
    UsdCcy,
}

/// Converts minor units of USD to micro-USDC (1 cent = 10,000 micro-USDC).
pub fn usd_minor_to_usdc(minor: u64) -> Result<u64> {
    minor.safe_mul(10u64.pow((USDC_DECIMALS - USD_DECIMALS) as u32))
}

/// Rounding direction of a conversion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rounding {
    /// Towards zero.
    Floor,
    /// Away from zero.
    Ceil,
}

fn pow10(exp: u32) -> Result<u128> {
    10u128.checked_pow(exp).ok_or_else(|| error!(AutofactorError::MathOverflow))
}

fn div(num: u128, den: u128, rounding: Rounding) -> Result<u128> {
    match rounding {
        Rounding::Floor => mul_div_floor_u128(num, 1, den),
        Rounding::Ceil => mul_div_ceil_u128(num, 1, den),
    }
}

/// Micro-USDC worth of `minor` units of a currency with `decimals`
/// minor-unit digits at `price × 10^exponent` quoted in `direction`.
pub fn minor_to_usdc(
    minor: u64,
    price: u64,
    exponent: i32,
    decimals: u8,
    direction: QuoteDirection,
    rounding: Rounding,
) -> Result<u64> {
    require!(price > 0, AutofactorError::OracleInvalidPrice);
    let minor = minor as u128;
    let price = price as u128;
    let value = match direction {
        QuoteDirection::CcyUsd => {
            let k = exponent as i64 + USDC_DECIMALS as i64 - decimals as i64;
            if k >= 0 {
                minor.safe_mul(price)?.safe_mul(pow10(k as u32)?)?
            } else {
                div(minor.safe_mul(price)?, pow10((-k) as u32)?, rounding)?
            }
        }
        QuoteDirection::UsdCcy => {
            let m = USDC_DECIMALS as i64 - decimals as i64 - exponent as i64;
            if m >= 0 {
                div(minor.safe_mul(pow10(m as u32)?)?, price, rounding)?
            } else {
                div(minor, price.safe_mul(pow10((-m) as u32)?)?, rounding)?
            }
        }
    };
    to_u64(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use QuoteDirection::*;
    use Rounding::*;

    #[test]
    fn ccy_usd_with_both_exponents() {
        // EUR/USD 1.08123 as 108123e-5 and as 108123000e-8: €10.00 = 1000 cents.
        assert_eq!(minor_to_usdc(1_000, 108_123, -5, 2, CcyUsd, Floor).unwrap(), 10_812_300);
        assert_eq!(minor_to_usdc(1_000, 108_123_000, -8, 2, CcyUsd, Floor).unwrap(), 10_812_300);
        // A price with more digits than USDC keeps: round as asked.
        assert_eq!(minor_to_usdc(1, 108_123_457, -8, 2, CcyUsd, Floor).unwrap(), 10_812);
        assert_eq!(minor_to_usdc(1, 108_123_457, -8, 2, CcyUsd, Ceil).unwrap(), 10_813);
    }

    #[test]
    fn usd_ccy_with_both_exponents() {
        // USD/JPY 150.00000: ¥1 (JPY has 0 decimals) = 1/150 USD = 6,666.67 micro.
        assert_eq!(minor_to_usdc(1, 15_000_000, -5, 0, UsdCcy, Floor).unwrap(), 6_666);
        assert_eq!(minor_to_usdc(1, 15_000_000, -5, 0, UsdCcy, Ceil).unwrap(), 6_667);
        assert_eq!(minor_to_usdc(1, 15_000_000_000, -8, 0, UsdCcy, Ceil).unwrap(), 6_667);
        // USD/NOK 10.5: NOK 1,050.00 = 105000 øre = $100.
        assert_eq!(minor_to_usdc(105_000, 1_050_000, -5, 2, UsdCcy, Floor).unwrap(), 100_000_000);
        assert_eq!(minor_to_usdc(105_000, 1_050_000_000, -8, 2, UsdCcy, Ceil).unwrap(), 100_000_000);
    }

    #[test]
    fn positive_exponents_and_zero_price() {
        assert_eq!(minor_to_usdc(100, 2, 1, 2, CcyUsd, Floor).unwrap(), 20_000_000);
        assert!(minor_to_usdc(1, 0, -5, 2, CcyUsd, Floor).is_err());
    }
}

//! `a * b / c` with an explicit rounding direction, computed in `u128`.

use super::safe_math::{to_u64, SafeMath};
use anchor_lang::prelude::*;

/// `floor(a * b / c)` in `u128`.
#[inline]
pub fn mul_div_floor_u128(a: u128, b: u128, c: u128) -> Result<u128> {
    a.safe_mul(b)?.safe_div(c)
}

/// `ceil(a * b / c)` in `u128`.
#[inline]
pub fn mul_div_ceil_u128(a: u128, b: u128, c: u128) -> Result<u128> {
    let product = a.safe_mul(b)?;
    let quotient = product.safe_div(c)?;
    if product % c == 0 {
        Ok(quotient)
    } else {
        quotient.safe_add(1)
    }
}

/// `floor(a * b / c)` for `u64` operands, computed without intermediate
/// overflow; errors if the result does not fit in `u64`.
#[inline]
pub fn mul_div_floor(a: u64, b: u64, c: u64) -> Result<u64> {
    to_u64(mul_div_floor_u128(a as u128, b as u128, c as u128)?)
}

/// `ceil(a * b / c)` for `u64` operands; errors if the result does not fit.
#[inline]
pub fn mul_div_ceil(a: u64, b: u64, c: u64) -> Result<u64> {
    to_u64(mul_div_ceil_u128(a as u128, b as u128, c as u128)?)
}

/// `floor(amount * bps / 10_000)`.
#[inline]
pub fn bps_of_floor(amount: u64, bps: u64) -> Result<u64> {
    mul_div_floor(amount, bps, crate::constants::BPS_DENOMINATOR)
}

/// `ceil(amount * bps / 10_000)`.
#[inline]
pub fn bps_of_ceil(amount: u64, bps: u64) -> Result<u64> {
    mul_div_ceil(amount, bps, crate::constants::BPS_DENOMINATOR)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rounding_directions() {
        assert_eq!(mul_div_floor(10, 1, 3).unwrap(), 3);
        assert_eq!(mul_div_ceil(10, 1, 3).unwrap(), 4);
        assert_eq!(mul_div_floor(9, 1, 3).unwrap(), 3);
        assert_eq!(mul_div_ceil(9, 1, 3).unwrap(), 3);
        assert_eq!(mul_div_ceil(0, 5, 7).unwrap(), 0);
        assert_eq!(bps_of_floor(12_345, 1_000).unwrap(), 1_234);
        assert_eq!(bps_of_ceil(12_345, 1_000).unwrap(), 1_235);
    }

    #[test]
    fn no_intermediate_overflow() {
        // u64::MAX * u64::MAX / u64::MAX fits although the product does not fit in u64.
        assert_eq!(mul_div_floor(u64::MAX, u64::MAX, u64::MAX).unwrap(), u64::MAX);
        assert!(mul_div_floor(u64::MAX, 2, 1).is_err());
        assert!(mul_div_floor(1, 1, 0).is_err());
        assert!(mul_div_ceil(1, 1, 0).is_err());
    }

    proptest! {
        #[test]
        fn ceil_is_floor_or_floor_plus_one(a in 0u64.., b in 0u64.., c in 1u64..) {
            let f = mul_div_floor_u128(a as u128, b as u128, c as u128).unwrap();
            let k = mul_div_ceil_u128(a as u128, b as u128, c as u128).unwrap();
            let exact = (a as u128 * b as u128) % c as u128 == 0;
            prop_assert_eq!(k, if exact { f } else { f + 1 });
            prop_assert!(f * c as u128 <= a as u128 * b as u128);
            prop_assert!(k * c as u128 >= a as u128 * b as u128);
        }
    }
}

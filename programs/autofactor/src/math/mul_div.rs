//! `a * b / c` with an explicit rounding direction, computed in `u128`.

use super::safe_math::{to_u64, SafeMath};
use crate::error::AutofactorError;
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

/// `a * b` as a 256-bit number `(high, low)`.
fn full_mul_u128(a: u128, b: u128) -> (u128, u128) {
    const MASK: u128 = u64::MAX as u128;
    let (a_hi, a_lo) = (a >> 64, a & MASK);
    let (b_hi, b_lo) = (b >> 64, b & MASK);
    let lo_lo = a_lo * b_lo;
    let hi_lo = a_hi * b_lo;
    let lo_hi = a_lo * b_hi;
    let hi_hi = a_hi * b_hi;
    let mid = (lo_lo >> 64) + (hi_lo & MASK) + (lo_hi & MASK);
    let low = (mid << 64) | (lo_lo & MASK);
    let high = hi_hi + (hi_lo >> 64) + (lo_hi >> 64) + (mid >> 64);
    (high, low)
}

/// `(floor(a * b / c), (a * b) mod c)` with a 256-bit intermediate product;
/// errors if `c` is zero or the quotient does not fit in `u128`.
fn mul_div_wide(a: u128, b: u128, c: u128) -> Result<(u128, u128)> {
    require!(c > 0, AutofactorError::DivisionByZero);
    let (high, low) = full_mul_u128(a, b);
    require!(high < c, AutofactorError::MathOverflow);
    if high == 0 {
        return Ok((low / c, low % c));
    }
    // Restoring long division, one bit of `low` at a time.
    let mut rem = high;
    let mut quotient = 0u128;
    for i in (0..128).rev() {
        let carry = rem >> 127;
        rem = (rem << 1) | ((low >> i) & 1);
        quotient <<= 1;
        if carry == 1 || rem >= c {
            rem = rem.wrapping_sub(c);
            quotient |= 1;
        }
    }
    Ok((quotient, rem))
}

/// `floor(a * b / c)` with a 256-bit intermediate product (no overflow
/// unless the result itself exceeds `u128`).
#[inline]
pub fn mul_div_floor_u256(a: u128, b: u128, c: u128) -> Result<u128> {
    Ok(mul_div_wide(a, b, c)?.0)
}

/// `ceil(a * b / c)` with a 256-bit intermediate product.
#[inline]
pub fn mul_div_ceil_u256(a: u128, b: u128, c: u128) -> Result<u128> {
    let (q, r) = mul_div_wide(a, b, c)?;
    if r == 0 {
        Ok(q)
    } else {
        q.safe_add(1)
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

    #[test]
    fn wide_products() {
        let w = 1_000_000_000_000_000_000u128;
        // 1e24 × 1.08e18 / 1e18 overflows u128 in the product only.
        assert_eq!(
            mul_div_floor_u256(1_000_000_000_000_000_000_000_000, w * 108 / 100, w).unwrap(),
            1_080_000_000_000_000_000_000_000
        );
        assert_eq!(mul_div_floor_u256(u128::MAX, u128::MAX, u128::MAX).unwrap(), u128::MAX);
        // (2¹²⁸ − 1) × 3 = 7 × 145835300108973627198589117470757804909 + 2
        assert_eq!(
            mul_div_floor_u256(u128::MAX, 3, 7).unwrap(),
            145_835_300_108_973_627_198_589_117_470_757_804_909
        );
        assert_eq!(
            mul_div_ceil_u256(u128::MAX, 3, 7).unwrap(),
            145_835_300_108_973_627_198_589_117_470_757_804_910
        );
        assert!(mul_div_floor_u256(u128::MAX, 2, 1).is_err());
        assert!(mul_div_floor_u256(1, 1, 0).is_err());
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

        #[test]
        fn wide_matches_narrow(a in 0u64.., b in 0u64.., c in 1u64..) {
            let (a, b, c) = (a as u128, b as u128, c as u128);
            prop_assert_eq!(mul_div_floor_u256(a, b, c).unwrap(), mul_div_floor_u128(a, b, c).unwrap());
            prop_assert_eq!(mul_div_ceil_u256(a, b, c).unwrap(), mul_div_ceil_u128(a, b, c).unwrap());
        }

        #[test]
        fn wide_is_exact(a in any::<u128>(), b in 1u128..1u128 << 64, c in 1u128..) {
            // (a·b)/c checked through a·b = q·c + r with q, r recomputed by splitting a.
            if let Ok(q) = mul_div_floor_u256(a, b, c) {
                let (hi, lo) = full_mul_u128(q, c);
                let (_, r) = mul_div_wide(a, b, c).unwrap();
                let (sum_lo, carry) = lo.overflowing_add(r);
                prop_assert_eq!((hi + carry as u128, sum_lo), full_mul_u128(a, b));
                prop_assert!(r < c);
            }
        }
    }
}

//! Checked arithmetic that returns the program's own error instead of
//! panicking or wrapping.

use crate::error::AutofactorError;
use anchor_lang::prelude::*;

/// Checked arithmetic returning [`AutofactorError::MathOverflow`] /
/// [`AutofactorError::DivisionByZero`].
pub trait SafeMath: Sized {
    /// `self + rhs`, or `MathOverflow`.
    fn safe_add(self, rhs: Self) -> Result<Self>;
    /// `self - rhs`, or `MathOverflow` when it would go below zero.
    fn safe_sub(self, rhs: Self) -> Result<Self>;
    /// `self * rhs`, or `MathOverflow`.
    fn safe_mul(self, rhs: Self) -> Result<Self>;
    /// `self / rhs` rounded towards zero, or `DivisionByZero`.
    fn safe_div(self, rhs: Self) -> Result<Self>;
    /// `self - rhs`, or zero when `rhs > self`: a floor, not an error. Only
    /// where a value below zero means zero by the rule it implements (each
    /// call says which); everywhere else money is subtracted with
    /// [`SafeMath::safe_sub`]. The program never uses `saturating_*` on
    /// amounts: this is the one named floor.
    fn sub_or_zero(self, rhs: Self) -> Self;
}

macro_rules! impl_safe_math {
    ($($t:ty),*) => {$(
        impl SafeMath for $t {
            #[inline(always)]
            fn safe_add(self, rhs: Self) -> Result<Self> {
                self.checked_add(rhs).ok_or_else(|| error!(AutofactorError::MathOverflow))
            }
            #[inline(always)]
            fn safe_sub(self, rhs: Self) -> Result<Self> {
                self.checked_sub(rhs).ok_or_else(|| error!(AutofactorError::MathOverflow))
            }
            #[inline(always)]
            fn safe_mul(self, rhs: Self) -> Result<Self> {
                self.checked_mul(rhs).ok_or_else(|| error!(AutofactorError::MathOverflow))
            }
            #[inline(always)]
            fn safe_div(self, rhs: Self) -> Result<Self> {
                if rhs == 0 {
                    return err!(AutofactorError::DivisionByZero);
                }
                self.checked_div(rhs).ok_or_else(|| error!(AutofactorError::MathOverflow))
            }
            #[inline(always)]
            fn sub_or_zero(self, rhs: Self) -> Self {
                self.checked_sub(rhs).unwrap_or(0)
            }
        }
    )*};
}

impl_safe_math!(u16, u32, u64, u128, i64, i128);

/// Narrows a `u128` to `u64`, or `MathOverflow`.
#[inline(always)]
pub fn to_u64(value: u128) -> Result<u64> {
    u64::try_from(value).map_err(|_| error!(AutofactorError::MathOverflow))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(e: anchor_lang::error::Error) -> u32 {
        match e {
            anchor_lang::error::Error::AnchorError(a) => a.error_code_number,
            other => panic!("unexpected error {other:?}"),
        }
    }

    #[test]
    fn add_sub_mul_div() {
        assert_eq!(2u64.safe_add(3).unwrap(), 5);
        assert_eq!(5u64.safe_sub(3).unwrap(), 2);
        assert_eq!(5u64.safe_mul(3).unwrap(), 15);
        assert_eq!(7u64.safe_div(2).unwrap(), 3);
        assert_eq!((-7i64).safe_div(2).unwrap(), -3);
    }

    #[test]
    fn sub_or_zero_floors_at_zero() {
        assert_eq!(5u64.sub_or_zero(3), 2);
        assert_eq!(3u64.sub_or_zero(5), 0);
        assert_eq!(0u16.sub_or_zero(u16::MAX), 0);
    }

    #[test]
    fn errors_are_specific() {
        let overflow = 6000;
        let div0 = 6001;
        assert_eq!(code(u64::MAX.safe_add(1).unwrap_err()), overflow);
        assert_eq!(code(0u64.safe_sub(1).unwrap_err()), overflow);
        assert_eq!(code(u64::MAX.safe_mul(2).unwrap_err()), overflow);
        assert_eq!(code(1u64.safe_div(0).unwrap_err()), div0);
        assert_eq!(code(i64::MIN.safe_div(-1).unwrap_err()), overflow);
        assert_eq!(code(to_u64(u64::MAX as u128 + 1).unwrap_err()), overflow);
        assert_eq!(to_u64(42).unwrap(), 42);
    }
}

//! Exact decimal → minor-unit conversion and the ISO 4217 minor-unit table.
//!
//! No floating point is used anywhere: amounts are parsed digit by digit.

/// Why a decimal string could not be converted to minor units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    /// The string is empty or only whitespace.
    #[error("empty value")]
    Empty,
    /// The string is not an `xsd:decimal` (optional sign, digits, optional `.` and digits).
    #[error("not a decimal number (expected digits with an optional sign and decimal point)")]
    Syntax,
    /// There are more fractional digits than the exponent allows and they are not all zero.
    #[error("more fractional digits than the currency allows")]
    ExcessPrecision,
    /// The value does not fit in 64 bits of minor units.
    #[error("too large")]
    Overflow,
}

/// Converts an `xsd:decimal` lexical value (e.g. `"1234.5"`, `"-0.10"`, `"+7"`, `".5"`) into an
/// integer number of minor units for a currency with `exponent` fractional digits.
///
/// The conversion is exact: `"1234.5"` with exponent 2 gives `123450`. Fractional digits
/// beyond `exponent` are accepted only if they are zeros (`"10.500"` with exponent 2 is
/// `1050`, `"10.505"` is [`AmountError::ExcessPrecision`]). Leading and trailing XML
/// whitespace is ignored. The magnitude must fit in a `u64`; the sign is kept in the
/// returned `i128`.
pub fn decimal_to_minor_units(value: &str, exponent: u8) -> Result<i128, AmountError> {
    let s = value.trim_matches(|c: char| matches!(c, ' ' | '\t' | '\r' | '\n'));
    if s.is_empty() {
        return Err(AmountError::Empty);
    }
    let (negative, unsigned) = match s.as_bytes()[0] {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let (int_part, frac_part) = match unsigned.split_once('.') {
        Some((i, f)) => (i, f),
        None => (unsigned, ""),
    };
    let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if (int_part.is_empty() && frac_part.is_empty()) || !all_digits(int_part) || !all_digits(frac_part) {
        return Err(AmountError::Syntax);
    }
    let exp = usize::from(exponent);
    let (kept, dropped) = if frac_part.len() > exp { frac_part.split_at(exp) } else { (frac_part, "") };
    if dropped.bytes().any(|b| b != b'0') {
        return Err(AmountError::ExcessPrecision);
    }
    let mut magnitude: u128 = 0;
    let padding = exp - kept.len();
    let digits = int_part.bytes().chain(kept.bytes()).chain(std::iter::repeat_n(b'0', padding));
    for d in digits {
        magnitude = magnitude
            .checked_mul(10)
            .and_then(|m| m.checked_add(u128::from(d - b'0')))
            .filter(|m| *m <= u128::from(u64::MAX))
            .ok_or(AmountError::Overflow)?;
    }
    // magnitude <= u64::MAX, so it fits in i128 with either sign.
    let signed = magnitude as i128;
    Ok(if negative { -signed } else { signed })
}

/// Formats an amount in minor units as a plain decimal string with exactly `exponent`
/// fractional digits: `format_minor_units(123450, 2) == "1234.50"`, `(5, 0) == "5"`.
pub fn format_minor_units(minor: u64, exponent: u8) -> String {
    let digits = minor.to_string();
    let exp = usize::from(exponent);
    if exp == 0 {
        return digits;
    }
    let padded =
        if digits.len() <= exp { format!("{}{digits}", "0".repeat(exp + 1 - digits.len())) } else { digits };
    let (int_part, frac_part) = padded.split_at(padded.len() - exp);
    format!("{int_part}.{frac_part}")
}

/// The ISO 4217 minor-unit exponent (number of decimal places) of a currency, or `None` when
/// the code is not in the built-in table.
///
/// The table covers the active ISO 4217 currencies (plus a few recently withdrawn codes that
/// still appear on older invoices, such as HRK). Lookup is case-insensitive. Examples:
/// JPY 0, KRW 0, EUR 2, HUF 2, NOK 2, KWD 3, BHD 3, CLF 4.
pub fn currency_exponent(code: &str) -> Option<u8> {
    let upper = code.trim().to_ascii_uppercase();
    let exp = match upper.as_str() {
        // Zero-decimal currencies.
        "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF" | "UGX" | "UYI"
        | "VND" | "VUV" | "XAF" | "XOF" | "XPF" => 0,
        // Three-decimal currencies.
        "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
        // Four-decimal units of account.
        "CLF" | "UYW" => 4,
        // Two-decimal currencies.
        "AED" | "AFN" | "ALL" | "AMD" | "ANG" | "AOA" | "ARS" | "AUD" | "AWG" | "AZN" | "BAM" | "BBD"
        | "BDT" | "BGN" | "BMD" | "BND" | "BOB" | "BRL" | "BSD" | "BTN" | "BWP" | "BYN" | "BZD" | "CAD"
        | "CDF" | "CHF" | "CNY" | "COP" | "CRC" | "CUP" | "CVE" | "CZK" | "DKK" | "DOP" | "DZD" | "EGP"
        | "ERN" | "ETB" | "EUR" | "FJD" | "FKP" | "GBP" | "GEL" | "GHS" | "GIP" | "GMD" | "GTQ" | "GYD"
        | "HKD" | "HNL" | "HRK" | "HTG" | "HUF" | "IDR" | "ILS" | "INR" | "IRR" | "JMD" | "KES" | "KGS"
        | "KHR" | "KPW" | "KYD" | "KZT" | "LAK" | "LBP" | "LKR" | "LRD" | "LSL" | "MAD" | "MDL" | "MGA"
        | "MKD" | "MMK" | "MNT" | "MOP" | "MRU" | "MUR" | "MVR" | "MWK" | "MXN" | "MYR" | "MZN" | "NAD"
        | "NGN" | "NIO" | "NOK" | "NPR" | "NZD" | "PAB" | "PEN" | "PGK" | "PHP" | "PKR" | "PLN" | "QAR"
        | "RON" | "RSD" | "RUB" | "SAR" | "SBD" | "SCR" | "SDG" | "SEK" | "SGD" | "SHP" | "SLE" | "SLL"
        | "SOS" | "SRD" | "SSP" | "STN" | "SVC" | "SYP" | "SZL" | "THB" | "TJS" | "TMT" | "TOP" | "TRY"
        | "TTD" | "TWD" | "TZS" | "UAH" | "USD" | "UYU" | "UZS" | "VES" | "WST" | "XCD" | "XCG" | "YER"
        | "ZAR" | "ZMW" | "ZWG" => 2,
        _ => return None,
    };
    Some(exp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_exactly() {
        assert_eq!(decimal_to_minor_units("1234.5", 2), Ok(123_450));
        assert_eq!(decimal_to_minor_units("1656.25", 2), Ok(165_625));
        assert_eq!(decimal_to_minor_units("6125.00", 2), Ok(612_500));
        assert_eq!(decimal_to_minor_units("8550", 2), Ok(855_000));
        assert_eq!(decimal_to_minor_units("0.01", 2), Ok(1));
        assert_eq!(decimal_to_minor_units(".5", 2), Ok(50));
        assert_eq!(decimal_to_minor_units("5.", 2), Ok(500));
        assert_eq!(decimal_to_minor_units("+7", 2), Ok(700));
        assert_eq!(decimal_to_minor_units("007.10", 2), Ok(710));
        assert_eq!(decimal_to_minor_units("  \n\t42.42 \r\n", 2), Ok(4242));
        // Sign is kept.
        assert_eq!(decimal_to_minor_units("-25.00", 2), Ok(-2500));
        assert_eq!(decimal_to_minor_units("-0", 2), Ok(0));
        // Zero-decimal and three-decimal currencies.
        assert_eq!(decimal_to_minor_units("87859", 0), Ok(87_859));
        assert_eq!(decimal_to_minor_units("87859.00", 0), Ok(87_859));
        assert_eq!(decimal_to_minor_units("1.5", 3), Ok(1_500));
        assert_eq!(decimal_to_minor_units("1.234", 3), Ok(1_234));
        // A typical 0.1 + 0.2 float trap stays exact.
        assert_eq!(decimal_to_minor_units("0.30", 2), Ok(30));
        assert_eq!(decimal_to_minor_units("19999999.99", 2), Ok(1_999_999_999));
    }

    #[test]
    fn excess_precision_only_if_nonzero() {
        assert_eq!(decimal_to_minor_units("10.500", 2), Ok(1050));
        assert_eq!(decimal_to_minor_units("10.5000000000000000000000", 2), Ok(1050));
        assert_eq!(decimal_to_minor_units("10.505", 2), Err(AmountError::ExcessPrecision));
        assert_eq!(decimal_to_minor_units("10.001", 2), Err(AmountError::ExcessPrecision));
        assert_eq!(decimal_to_minor_units("100.5", 0), Err(AmountError::ExcessPrecision));
        assert_eq!(decimal_to_minor_units("1.2345", 3), Err(AmountError::ExcessPrecision));
    }

    #[test]
    fn rejects_bad_syntax() {
        for bad in
            ["", "   ", ".", "-", "+", "1,5", "1.2.3", "1e3", "12a", "--1", "+-1", "1 000", "0x10", "١٢"]
        {
            let r = decimal_to_minor_units(bad, 2);
            assert!(matches!(r, Err(AmountError::Syntax | AmountError::Empty)), "{bad:?} gave {r:?}");
        }
    }

    #[test]
    fn bounds() {
        let max = u64::MAX.to_string();
        assert_eq!(decimal_to_minor_units(&max, 0), Ok(i128::from(u64::MAX)));
        assert_eq!(decimal_to_minor_units(&format!("-{max}"), 0), Ok(-i128::from(u64::MAX)));
        assert_eq!(decimal_to_minor_units("18446744073709551616", 0), Err(AmountError::Overflow));
        // u64::MAX / 100 + 1 overflows once scaled by 10^2.
        assert_eq!(decimal_to_minor_units("184467440737095516.16", 2), Err(AmountError::Overflow));
        assert_eq!(decimal_to_minor_units(&"9".repeat(200), 2), Err(AmountError::Overflow));
        // Long runs of leading zeros are fine.
        assert_eq!(decimal_to_minor_units(&format!("{}1.00", "0".repeat(100)), 2), Ok(100));
    }

    #[test]
    fn formats() {
        assert_eq!(format_minor_units(123_450, 2), "1234.50");
        assert_eq!(format_minor_units(5, 2), "0.05");
        assert_eq!(format_minor_units(0, 2), "0.00");
        assert_eq!(format_minor_units(87_859, 0), "87859");
        assert_eq!(format_minor_units(1_500, 3), "1.500");
        assert_eq!(format_minor_units(u64::MAX, 4), "1844674407370955.1615");
    }

    #[test]
    fn currency_table() {
        assert_eq!(currency_exponent("JPY"), Some(0));
        assert_eq!(currency_exponent("KRW"), Some(0));
        assert_eq!(currency_exponent("HUF"), Some(2));
        assert_eq!(currency_exponent("EUR"), Some(2));
        assert_eq!(currency_exponent("eur"), Some(2));
        assert_eq!(currency_exponent("NOK"), Some(2));
        assert_eq!(currency_exponent("DKK"), Some(2));
        assert_eq!(currency_exponent("GBP"), Some(2));
        assert_eq!(currency_exponent("USD"), Some(2));
        assert_eq!(currency_exponent("KWD"), Some(3));
        assert_eq!(currency_exponent("BHD"), Some(3));
        assert_eq!(currency_exponent("CLF"), Some(4));
        assert_eq!(currency_exponent("XAU"), None);
        assert_eq!(currency_exponent("EURO"), None);
        assert_eq!(currency_exponent(""), None);
    }
}

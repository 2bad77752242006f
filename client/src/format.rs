//! Amounts, currency codes and dates as text: the exact decimal strings of
//! the CLI's JSON output and the grouped, currency-tagged form of its
//! tables. Integers only (no floats touch money).

use crate::state::iso_date;

/// Micro-USDC decimals.
pub const USDC_DECIMALS: u8 = 6;

/// `minor` with `decimals` fractional digits, ungrouped and exact:
/// `(123_450, 2)` → `"1234.50"`, `(5, 0)` → `"5"`.
pub fn decimal(minor: u64, decimals: u8) -> String {
    if decimals == 0 {
        return minor.to_string();
    }
    let scale = 10u128.pow(decimals as u32);
    let m = minor as u128;
    format!("{}.{:0w$}", m / scale, m % scale, w = decimals as usize)
}

/// Micro-USDC as the exact 6-decimal string of the JSON output:
/// `1_234_500_000` → `"1234.500000"`.
pub fn usdc(micro: u64) -> String {
    decimal(micro, USDC_DECIMALS)
}

/// `minor` with `decimals` and a currency code, digits grouped by
/// thousands, trailing zeros beyond two decimals dropped (nothing is
/// rounded): `(1_234_567, 2, "EUR")` → `"12,345.67 EUR"`.
pub fn money(minor: u64, decimals: u8, code: &str) -> String {
    let exact = decimal(minor, decimals);
    let (int, frac) = exact.split_once('.').unwrap_or((&exact, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let keep = frac.trim_end_matches('0').len().max(2.min(frac.len()));
    if keep == 0 {
        format!("{grouped} {code}")
    } else {
        format!("{grouped}.{} {code}", &frac[..keep])
    }
}

/// Micro-USDC for people: `1_234_500_000` → `"1,234.50 USDC"`.
pub fn usdc_money(micro: u64) -> String {
    money(micro, USDC_DECIMALS, "USDC")
}

/// A 3-letter ISO 4217 code, upper-cased: `"eur"` → `*b"EUR"`.
pub fn currency_code(s: &str) -> Result<[u8; 3], String> {
    let up = s.trim().to_ascii_uppercase();
    up.as_bytes()
        .try_into()
        .ok()
        .filter(|b: &[u8; 3]| b.iter().all(|c| c.is_ascii_uppercase()))
        .ok_or_else(|| format!("{s:?} is not a 3-letter ISO 4217 code"))
}

/// A stored currency code as text.
pub fn code_str(code: &[u8]) -> String {
    String::from_utf8_lossy(code).into_owned()
}

/// Unix seconds as `YYYY-MM-DD HH:MM:SS UTC`.
pub fn datetime(ts: i64) -> String {
    let s = ts.rem_euclid(86_400);
    format!("{} {:02}:{:02}:{:02} UTC", iso_date(ts), s / 3600, s % 3600 / 60, s % 60)
}

/// Basis points as a percentage: `850` → `"8.5%"`.
pub fn bps(bps: u64) -> String {
    let whole = bps / 100;
    let frac = bps % 100;
    match frac {
        0 => format!("{whole}%"),
        f if f % 10 == 0 => format!("{whole}.{}%", f / 10),
        f => format!("{whole}.{f:02}%"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_exact() {
        assert_eq!(usdc(1_234_500_000), "1234.500000");
        assert_eq!(usdc(0), "0.000000");
        assert_eq!(decimal(5, 0), "5");
        assert_eq!(decimal(u64::MAX, 4), "1844674407370955.1615");
        assert_eq!(money(1_234_567, 2, "EUR"), "12,345.67 EUR");
        assert_eq!(money(15_000_000, 0, "JPY"), "15,000,000 JPY");
        assert_eq!(usdc_money(1_234_500_000), "1,234.50 USDC");
        assert_eq!(usdc_money(1_000_001), "1.000001 USDC");
        assert_eq!(usdc_money(0), "0.00 USDC");
    }

    #[test]
    fn codes_dates_and_rates() {
        assert_eq!(currency_code(" eur"), Ok(*b"EUR"));
        assert!(currency_code("EURO").is_err());
        assert!(currency_code("E1R").is_err());
        assert_eq!(datetime(86_400 + 3_661), "1970-01-02 01:01:01 UTC");
        assert_eq!(bps(800), "8%");
        assert_eq!(bps(850), "8.5%");
        assert_eq!(bps(1), "0.01%");
    }
}

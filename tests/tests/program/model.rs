//! Expected figures, computed in the tests from the documented formulas
//! (docs/ARCHITECTURE.md, "Money rules" and "Pricing") independently of the
//! program's own code.

use autofactor_client::constants::SECONDS_PER_YEAR;

/// One day in seconds.
pub const DAY: i64 = 86_400;

/// Senior claim growth over `dt` seconds at `apr_bps`:
/// claim × (10⁴·Y + apr·Δt) / (10⁴·Y), floor, in claim fixed point.
pub fn grow(claim_fp: u128, apr_bps: u128, dt: i64) -> u128 {
    let den = 10_000 * SECONDS_PER_YEAR as u128;
    claim_fp * (den + apr_bps * dt as u128) / den
}

/// floor(a × b / c).
pub fn mul_div(a: u128, b: u128, c: u128) -> u128 {
    a * b / c
}

/// (advance, discount, protocol fee, manager fee, reserve) of an invoice per
/// PRODUCT.md, with the harness's 10% protocol and 10% manager fees.
pub fn price(face_usdc: u64, advance_bps: u64, apr_bps: u64, secs: i64) -> (u64, u64, u64, u64, u64) {
    let num = face_usdc as u128 * apr_bps as u128 * secs as u128;
    let discount = num.div_ceil(10_000 * SECONDS_PER_YEAR as u128) as u64;
    let gross = face_usdc * advance_bps / 10_000;
    (gross - discount, discount, discount / 10, discount / 10, face_usdc - gross)
}

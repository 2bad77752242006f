//! Expected figures, computed in the tests from the documented formulas
//! (docs/ARCHITECTURE.md, "Money rules" and "Pricing") independently of the
//! program's own code.

use autofactor_client::constants::{CLAIM_SCALE, SECONDS_PER_YEAR};

/// One day in seconds.
pub const DAY: i64 = 86_400;

/// Fixed-point one of the senior index.
pub const WAD: u128 = 1_000_000_000_000_000_000;

/// The senior index `secs` into a rate period that started at `base` with
/// `apr_bps` (docs/ARCHITECTURE.md, "Senior accrual rule"): simple interest
/// within each year of the period, compounding at its anniversaries —
/// `base × (1 + apr)^k × (1 + apr × s / Y)` with `k = secs div Y`,
/// `s = secs mod Y`, each factor rounded down.
pub fn senior_index(base: u128, apr_bps: u128, secs: i64) -> u128 {
    let y = SECONDS_PER_YEAR as i64;
    let mut index = base;
    for _ in 0..secs / y {
        index = index * (10_000 + apr_bps) / 10_000;
    }
    let den = 10_000 * SECONDS_PER_YEAR as u128;
    index * (den + apr_bps * (secs % y) as u128) / den
}

/// floor(a × b / c) without overflowing when a × b does not fit in u128
/// (a = q·c + r: q·b + r·b / c).
fn mul_div_split(a: u128, b: u128, c: u128, ceil: bool) -> u128 {
    let (q, r) = (a / c, a % c);
    let rest = r * b;
    q * b + rest / c + u128::from(ceil && !rest.is_multiple_of(c))
}

/// The senior tranche's claim: units that a function of time (the index)
/// turns into micro-USDC × CLAIM_SCALE (docs/ARCHITECTURE.md, "Senior
/// accrual rule"). A deposit or payout moves the claim in whole micro-USDC
/// by exactly its amount: the units are `amount / index`, rounded down for
/// a deposit and up for a payout, and where those leave the whole claim
/// below the target, the fewest units worth the target.
#[derive(Clone, Copy, Debug)]
pub struct SeniorModel {
    /// Claim units (micro-USDC × CLAIM_SCALE at index 1).
    pub units: u128,
    /// The rate period's APR.
    pub apr_bps: u128,
    /// Start of the rate period (pool creation).
    pub start_ts: i64,
    /// Index at the start of the period.
    pub base: u128,
}

impl SeniorModel {
    /// A pool created at `start_ts` with a senior APR of `apr_bps`.
    pub fn new(apr_bps: u128, start_ts: i64) -> Self {
        SeniorModel { units: 0, apr_bps, start_ts, base: WAD }
    }

    /// The index at `ts`.
    pub fn index(&self, ts: i64) -> u128 {
        senior_index(self.base, self.apr_bps, ts - self.start_ts)
    }

    /// The claim at `ts` in micro-USDC × CLAIM_SCALE.
    pub fn claim_fp(&self, ts: i64) -> u128 {
        mul_div_split(self.units, self.index(ts), WAD, false)
    }

    /// The claim at `ts` in micro-USDC.
    pub fn claim_usdc(&self, ts: i64) -> u128 {
        self.claim_fp(ts) / CLAIM_SCALE
    }

    /// The fewest units worth at least `claim_usdc` whole micro-USDC at
    /// `ts`: ceil(claim × CLAIM_SCALE × WAD / index).
    fn fewest_units_worth(&self, claim_usdc: u128, ts: i64) -> u128 {
        mul_div_split(claim_usdc * CLAIM_SCALE, WAD, self.index(ts), true)
    }

    /// Sets the units to `plain` unless they leave the whole claim below
    /// `target`, in which case to the fewest units worth the target; the
    /// claim then equals the target exactly.
    fn settle_units(&mut self, plain: u128, target: u128, ts: i64) {
        self.units = plain;
        if self.claim_usdc(ts) < target {
            self.units = self.fewest_units_worth(target, ts);
        }
        assert_eq!(self.claim_usdc(ts), target, "the documented rule moves the claim by exactly the amount");
    }

    /// A senior deposit of `usdc` at `ts`: the claim rises by exactly `usdc`.
    pub fn deposit(&mut self, usdc: u128, ts: i64) {
        let target = self.claim_usdc(ts) + usdc;
        let plain = self.units + mul_div_split(usdc * CLAIM_SCALE, WAD, self.index(ts), false);
        self.settle_units(plain, target, ts);
    }

    /// A senior payout of `usdc` at `ts`: the claim falls by exactly `usdc`
    /// (stopping at zero).
    pub fn pay(&mut self, usdc: u128, ts: i64) {
        let target = self.claim_usdc(ts).saturating_sub(usdc);
        let plain = self.units.saturating_sub(mul_div_split(usdc * CLAIM_SCALE, WAD, self.index(ts), true));
        self.settle_units(plain, target, ts);
    }

    /// The APR changes to `apr_bps` at `ts` (a new rate period).
    pub fn change_apr(&mut self, apr_bps: u128, ts: i64) {
        self.base = self.index(ts);
        self.start_ts = ts;
        self.apr_bps = apr_bps;
    }
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

/// Fixed-point scale of income-accrual and write-down rates (micro-USDC
/// per second × 10¹²).
pub const RATE_SCALE: u128 = 1_000_000_000_000;

/// The start of the due date: the UTC midnight at or before `due_ts` (an
/// invoice's `overdue_ts`, fixed at financing).
pub fn due_day_start(due_ts: i64) -> i64 {
    due_ts.div_euclid(DAY) * DAY
}

/// The write-down schedule's value of an outstanding claim at `t`, from the
/// overdue time `o` to the write-off horizon `w`:
/// floor(claim × (w − max(t, o)) / (w − o)), zero from `w`.
pub fn scheduled(claim: u64, o: i64, w: i64, t: i64) -> u64 {
    if t >= w {
        return 0;
    }
    (claim as u128 * (w - t.max(o)) as u128 / (w - o) as u128) as u64
}

/// Rate of a running write-down started at `t0` with book `book`, reaching
/// zero at `w`: floor(book × 10¹² / (w − t0)).
pub fn write_down_rate(book: u64, t0: i64, w: i64) -> u128 {
    book as u128 * RATE_SCALE / (w - t0) as u128
}

/// What a running write-down has taken off NAV after `dt` seconds:
/// ceil(rate × dt / 10¹²).
pub fn written_down(rate: u128, dt: i64) -> u64 {
    (rate * dt as u128).div_ceil(RATE_SCALE) as u64
}

/// Rate of an income accrual from `book` at `t0` to `claim` at `o`:
/// floor((claim − book) × 10¹² / (o − t0)).
pub fn income_rate(claim: u64, book: u64, t0: i64, o: i64) -> u128 {
    (claim - book) as u128 * RATE_SCALE / (o - t0) as u128
}

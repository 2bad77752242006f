//! A pool's deadline calendar (F-03): for every UTC day, how many open
//! invoices have a pending deadline at the start of that day, in a fixed
//! ring of [`CALENDAR_DAYS`] days.
//!
//! An open invoice has exactly one pending deadline, a UTC midnight fixed at
//! financing, at which its value formula changes and which a permissionless
//! keeper action applies:
//!
//! | pending deadline | what changes there | keeper action |
//! |---|---|---|
//! | `overdue_ts` | income accrual ends, the write-down starts | `invoice_mature` (or `invoice_mark_late`, or any repayment) |
//! | `writeoff_ts` | the write-down ends at zero; the invoice defaults | `invoice_write_down` or `invoice_mark_late` |
//!
//! Between deadlines the ledger's aggregates value every invoice exactly,
//! so NAV is exact whenever no passed day still holds a deadline. Deposits,
//! immediate redemptions and queue fills require exactly that
//! ([`PoolCalendar::require_current`]); anyone can apply the keeper actions
//! first, in the same transaction. No operation loops over invoices: the
//! checks walk at most [`CALENDAR_DAYS`] day slots.
//!
//! Ring invariant: every pending deadline lies on a day in
//! `[cursor_day, cursor_day + CALENDAR_DAYS)`, so one slot never holds two days.

use crate::constants::*;
use crate::error::AutofactorError;
use anchor_lang::prelude::*;

/// The calendar, PDA `["calendar", pool]`, created with the pool.
#[account(zero_copy)]
#[derive(Debug)]
pub struct PoolCalendar {
    /// The pool.
    pub pool: Pubkey,
    /// No pending deadline lies on a day before this one (days since the
    /// unix epoch, UTC).
    pub cursor_day: i64,
    /// Pending deadlines in total (one per open invoice not yet defaulted).
    pub pending: u64,
    /// Pending deadlines per day; day `d` is slot `d mod CALENDAR_DAYS`.
    pub counts: [u32; CALENDAR_DAYS],
    /// PDA bump.
    pub bump: u8,
    /// Alignment padding (zero).
    pub padding: [u8; 7],
}

impl PoolCalendar {
    /// Account size including the discriminator.
    pub const SPACE: usize = 8 + core::mem::size_of::<PoolCalendar>();

    /// The UTC day (days since the epoch) that contains `ts`.
    pub fn day_of(ts: i64) -> i64 {
        ts.div_euclid(SECONDS_PER_DAY)
    }

    fn slot(day: i64) -> usize {
        day.rem_euclid(CALENDAR_DAYS as i64) as usize
    }

    /// A fresh calendar at `now_ts`.
    pub fn init(&mut self, pool: Pubkey, bump: u8, now_ts: i64) {
        self.pool = pool;
        self.bump = bump;
        self.cursor_day = Self::day_of(now_ts) + 1;
        self.pending = 0;
    }

    /// Moves the cursor over the empty days up to today (at most
    /// [`CALENDAR_DAYS`] steps: a pending deadline lies within the ring).
    fn advance(&mut self, now_ts: i64) {
        let today = Self::day_of(now_ts);
        if self.pending == 0 {
            self.cursor_day = self.cursor_day.max(today + 1);
            return;
        }
        while self.cursor_day <= today && self.counts[Self::slot(self.cursor_day)] == 0 {
            self.cursor_day += 1;
        }
    }

    /// Fails with `PastDueNotApplied` if a deadline at or before `now_ts`
    /// is still pending (walks at most [`CALENDAR_DAYS`] slots).
    pub fn require_current(&self, now_ts: i64) -> Result<()> {
        if self.pending == 0 {
            return Ok(());
        }
        let last = Self::day_of(now_ts).min(self.cursor_day + CALENDAR_DAYS as i64 - 1);
        let mut day = self.cursor_day;
        while day <= last {
            require!(self.counts[Self::slot(day)] == 0, AutofactorError::PastDueNotApplied);
            day += 1;
        }
        Ok(())
    }

    /// Adds a pending deadline at `ts` (a UTC midnight), after moving the
    /// cursor up to `now_ts`. Fails with `PastDueNotApplied` when the day
    /// lies a full ring past the oldest pending deadline (one left
    /// unapplied for the better part of a year).
    pub fn add(&mut self, ts: i64, now_ts: i64) -> Result<()> {
        require!(ts.rem_euclid(SECONDS_PER_DAY) == 0, AutofactorError::InvariantViolated);
        self.advance(now_ts);
        let day = Self::day_of(ts);
        require!(day >= self.cursor_day, AutofactorError::InvariantViolated);
        require!(day < self.cursor_day + CALENDAR_DAYS as i64, AutofactorError::PastDueNotApplied);
        let slot = Self::slot(day);
        self.counts[slot] = self.counts[slot].checked_add(1).ok_or(error!(AutofactorError::MathOverflow))?;
        self.pending = self.pending.checked_add(1).ok_or(error!(AutofactorError::MathOverflow))?;
        Ok(())
    }

    /// Removes the pending deadline at `ts` (its keeper action was applied,
    /// or the invoice was repaid in full).
    pub fn remove(&mut self, ts: i64) -> Result<()> {
        let day = Self::day_of(ts);
        require!(
            day >= self.cursor_day && day < self.cursor_day + CALENDAR_DAYS as i64,
            AutofactorError::InvariantViolated
        );
        let slot = Self::slot(day);
        self.counts[slot] =
            self.counts[slot].checked_sub(1).ok_or(error!(AutofactorError::InvariantViolated))?;
        self.pending = self.pending.checked_sub(1).ok_or(error!(AutofactorError::InvariantViolated))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = SECONDS_PER_DAY;

    fn calendar(now: i64) -> Box<PoolCalendar> {
        let mut c: Box<PoolCalendar> = Box::new(bytemuck::Zeroable::zeroed());
        c.init(Pubkey::default(), 255, now);
        c
    }

    #[test]
    fn passed_deadlines_block_until_removed() {
        let now = 1_000 * DAY + 3_600;
        let mut c = calendar(now);
        c.add(1_010 * DAY, now).unwrap();
        c.add(1_010 * DAY, now).unwrap();
        c.add(1_100 * DAY, now).unwrap();
        c.require_current(1_010 * DAY - 1).unwrap();
        assert_eq!(c.require_current(1_010 * DAY).unwrap_err(), error!(AutofactorError::PastDueNotApplied));
        c.advance(1_010 * DAY);
        assert_eq!(c.cursor_day, 1_010);
        c.remove(1_010 * DAY).unwrap();
        assert!(c.require_current(1_050 * DAY).is_err());
        c.remove(1_010 * DAY).unwrap();
        c.require_current(1_099 * DAY + 5).unwrap();
        c.advance(1_099 * DAY + 5);
        assert_eq!(c.cursor_day, 1_100);
        assert!(c.require_current(1_100 * DAY).is_err());
        c.remove(1_100 * DAY).unwrap();
        c.require_current(5_000 * DAY).unwrap();
        c.advance(5_000 * DAY);
        assert_eq!((c.cursor_day, c.pending), (5_001, 0));
        assert_eq!(c.remove(5_002 * DAY).unwrap_err(), error!(AutofactorError::InvariantViolated));
    }

    #[test]
    fn the_ring_never_wraps_onto_a_pending_deadline() {
        let mut c = calendar(0);
        c.add(10 * DAY, 0).unwrap();
        // 10 + 1024 would share slot 10: refused while day 10 is pending.
        let far = (10 + CALENDAR_DAYS as i64) * DAY;
        assert_eq!(c.add(far, 9 * DAY).unwrap_err(), error!(AutofactorError::PastDueNotApplied));
        assert_eq!(c.cursor_day, 10);
        c.add(far - DAY, 9 * DAY).unwrap();
        // Long after, the old deadline still blocks (the walk covers the ring).
        assert!(c.require_current(3_000 * DAY).is_err());
        assert_eq!(c.add(DAY / 2, 0).unwrap_err(), error!(AutofactorError::InvariantViolated));
    }
}

//! Redemption fairness: an investor's position in one tranche (its holding
//! period) and the pool's O(1) record of recent deposits.
//!
//! Every deposit locks the depositor's position for the pool's
//! `min_hold_secs` (F-02): until `unlock_ts` the investor can neither
//! redeem (immediately or queued) nor move the shares, because the program,
//! the share mint's freeze authority, keeps the share ATA frozen and
//! `tranche_account_thaw` refuses while the lock runs. Deposits younger
//! than one holding window also do not count towards the NAV and cash that
//! `invoice_finance` measures its concentration caps and cash reserve
//! against (F-06), so money that can still leave cannot be used to stretch
//! those limits.

use super::ledger::Tranche;
use crate::math::SafeMath;
use anchor_lang::prelude::*;

/// An investor's position in one tranche of a pool, PDA
/// `["position", pool, tranche (u8), owner]`. Created by the first deposit.
#[account]
#[derive(InitSpace, Debug)]
pub struct Position {
    /// PDA bump.
    pub bump: u8,
    /// The pool.
    pub pool: Pubkey,
    /// The tranche.
    pub tranche: Tranche,
    /// The investor (owner of the share ATA).
    pub owner: Pubkey,
    /// Until this time the shares can be neither redeemed nor moved
    /// (set to deposit time + the pool's `min_hold_secs`, never shortened).
    pub unlock_ts: i64,
    /// Time of the last deposit.
    pub last_deposit_ts: i64,
    /// Shares of the owner's queued withdrawal requests in this tranche not
    /// yet paid (burned from its ATA, escrowed in the queue): they count
    /// towards the per-investor cap, because a cancel mints them back.
    /// Raised when a request is queued, lowered by fills and cancels.
    pub queued_shares: u64,
}

impl Position {
    /// The `unlock_ts` of the position stored at `info` (the caller has
    /// checked the PDA address); 0 (no lock) if no position exists there —
    /// e.g. a holder who received shares by transfer and never deposited.
    /// Only this program can create an account at a position PDA, so a
    /// program-owned account there is a real position (the discriminator is
    /// checked).
    pub fn unlock_ts_at(info: &AccountInfo) -> Result<i64> {
        Ok(Position::load(info)?.map_or(0, |p| p.unlock_ts))
    }

    /// The escrowed `queued_shares` of the position stored at `info` (PDA
    /// checked by the caller); 0 if no position exists there.
    pub fn queued_shares_at(info: &AccountInfo) -> Result<u64> {
        Ok(Position::load(info)?.map_or(0, |p| p.queued_shares))
    }

    /// The position stored at `info` (PDA checked by the caller), `None` if
    /// none exists there.
    pub fn load(info: &AccountInfo) -> Result<Option<Position>> {
        if info.owner != &crate::ID || info.data_is_empty() {
            return Ok(None);
        }
        let data = info.try_borrow_data()?;
        let mut slice: &[u8] = &data;
        Ok(Some(Position::try_deserialize(&mut slice)?))
    }

    /// Lowers the escrowed `queued_shares` of the position at `info` (PDA
    /// checked by the caller) by `shares` paid or returned from the queue.
    /// Every request was queued with its position, so one exists; the
    /// subtraction floors at zero so that a fill can never block the queue.
    pub fn release_queued_at(info: &AccountInfo, shares: u64) -> Result<()> {
        if let Some(mut position) = Position::load(info)? {
            position.queued_shares = position.queued_shares.sub_or_zero(shares);
            let mut data = info.try_borrow_mut_data()?;
            let mut cursor: &mut [u8] = &mut data;
            position.try_serialize(&mut cursor)?;
        }
        Ok(())
    }
}

/// Deposits booked within the last holding window, in two buckets of
/// `min_hold_secs` each. A deposit counts as recent for at least one and
/// less than two windows after it was booked.
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct RecentDeposits {
    /// Start of the current bucket.
    pub bucket_start_ts: i64,
    /// USDC deposited (both tranches) since `bucket_start_ts`.
    pub current_usdc: u64,
    /// USDC deposited in the bucket before the current one.
    pub previous_usdc: u64,
}

impl RecentDeposits {
    /// USDC deposited less than one holding window ago (and possibly up to
    /// two windows ago) as of `now_ts`: the rule `invoice_finance` uses.
    pub fn recent_usdc(&self, now_ts: i64, window_secs: u32) -> Result<u64> {
        let w = window_secs as i64;
        let age = now_ts.safe_sub(self.bucket_start_ts)?;
        Ok(if age >= 2 * w {
            0
        } else if age >= w {
            self.current_usdc
        } else {
            self.current_usdc.safe_add(self.previous_usdc)?
        })
    }

    /// Books a deposit of `amount_usdc` at `now_ts`, starting a new bucket
    /// when the current one is a window old.
    pub fn record(&mut self, now_ts: i64, window_secs: u32, amount_usdc: u64) -> Result<()> {
        let w = window_secs as i64;
        let age = now_ts.safe_sub(self.bucket_start_ts)?;
        if age >= w {
            self.previous_usdc = if age < 2 * w { self.current_usdc } else { 0 };
            self.current_usdc = 0;
            self.bucket_start_ts = now_ts;
        }
        self.current_usdc = self.current_usdc.safe_add(amount_usdc)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deposit_is_recent_for_at_least_one_and_less_than_two_windows() {
        let w = 100u32;
        for start in [0i64, 1, 50, 99] {
            for at in [0i64, 1, 50, 99] {
                let mut r = RecentDeposits { bucket_start_ts: start, current_usdc: 0, previous_usdc: 0 };
                // A deposit at `start + at` (same bucket) …
                let t = start + at;
                r.record(t, w, 7).unwrap();
                for age in 0..(2 * w as i64 + 5) {
                    let now = t + age;
                    let recent = r.recent_usdc(now, w).unwrap();
                    if age < w as i64 {
                        assert_eq!(recent, 7, "start {start} at {at} age {age}");
                    }
                    if age >= 2 * w as i64 {
                        assert_eq!(recent, 0, "start {start} at {at} age {age}");
                    }
                }
                // … stays recent when a later deposit opens a new bucket.
                let mut r2 = r;
                let later = t + w as i64 - 1;
                r2.record(later, w, 5).unwrap();
                assert_eq!(r2.recent_usdc(later, w).unwrap(), 12, "start {start} at {at}");
            }
        }
    }

    #[test]
    fn a_window_of_zero_counts_nothing() {
        let mut r = RecentDeposits::default();
        r.record(10, 0, 1_000).unwrap();
        assert_eq!(r.recent_usdc(10, 0).unwrap(), 0);
    }
}

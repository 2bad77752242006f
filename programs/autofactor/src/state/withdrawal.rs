//! Queued withdrawal requests.

use super::ledger::Tranche;
use anchor_lang::prelude::*;

/// A withdrawal waiting for cash, PDA
/// `["withdrawal", pool, tranche seed, sequence LE]`. Its shares were
/// burned from the investor when it was queued and are counted in the
/// tranche's `shares_pending`; keepers fill it at the price current when
/// cash arrives, in FIFO order; the investor may cancel it at any time
/// unless it holds an undelivered payout (claim that first).
#[account]
#[derive(InitSpace, Debug)]
pub struct WithdrawalRequest {
    /// The pool.
    pub pool: Pubkey,
    /// The investor who queued it (receives the rent back).
    pub investor: Pubkey,
    /// USDC token account the payout goes to.
    pub payout_token_account: Pubkey,
    /// Tranche being redeemed.
    pub tranche: Tranche,
    /// Position in the tranche's queue.
    pub sequence: u64,
    /// Shares queued.
    pub shares_requested: u64,
    /// Shares not yet paid.
    pub shares_remaining: u64,
    /// USDC paid so far (partial fills), delivered or owed.
    pub usdc_paid: u64,
    /// USDC filled but not delivered because the investor's USDC account
    /// could not receive it (frozen, closed, not a USDC account of the
    /// investor): owed to the investor, who claims it with
    /// `withdrawal_claim`. The request stays open (outside the queue once
    /// all its shares are paid) until then.
    pub usdc_claimable: u64,
    /// When it was queued.
    pub requested_ts: i64,
    /// PDA bump.
    pub bump: u8,
}

//! `autofactor tranche …`: deposits, withdrawals and the withdrawal queue
//! of a pool's tranches, share-account freeze and thaw, positions. The
//! investor's and keeper's groups name the same commands.

use super::args::{parse_micro, tranche_name, PoolTrancheArgs, Shares};
use super::ctx::Ctx;
use crate::errors::err;
use crate::output::Report;
use crate::results::{Addr, ShareAmount, Time, Usdc};
use anyhow::Result;
use autofactor_client::events::{
    Deposited, WithdrawalCancelled, WithdrawalClaimed, WithdrawalFilled, WithdrawalQueued, Withdrawn,
};
use autofactor_client::format::usdc;
use autofactor_client::state::WithdrawalRequest;
use autofactor_client::{ix, pda};
use clap::{Args, Subcommand};
use solana_sdk::pubkey::Pubkey;

/// `tranche deposit`
#[derive(Args, Debug)]
pub struct DepositArgs {
    #[command(flatten)]
    at: PoolTrancheArgs,
    /// USDC to deposit.
    #[arg(long, value_parser = parse_micro)]
    amount: u64,
    /// Least shares to accept (slippage guard).
    #[arg(long, value_parser = parse_micro, default_value = "0")]
    min_shares: u64,
}

/// `tranche withdraw`
#[derive(Args, Debug)]
pub struct WithdrawArgs {
    #[command(flatten)]
    at: PoolTrancheArgs,
    /// Shares to redeem, or `all`.
    #[arg(long)]
    shares: Shares,
}

/// A queued withdrawal request.
#[derive(Args, Debug)]
pub struct RequestArgs {
    #[command(flatten)]
    at: PoolTrancheArgs,
    /// The request's sequence number.
    #[arg(long)]
    sequence: u64,
}

/// `tranche claim`
#[derive(Args, Debug)]
pub struct ClaimArgs {
    #[command(flatten)]
    request: RequestArgs,
    /// USDC token account to receive it [default: your associated one].
    #[arg(long)]
    to: Option<Pubkey>,
}

/// A share account: pool, tranche and owner.
#[derive(Args, Debug)]
pub struct ShareAccountArgs {
    #[command(flatten)]
    at: PoolTrancheArgs,
    /// The share account's owner [thaw default: the signer].
    #[arg(long)]
    owner: Option<Pubkey>,
}

/// `--owner`
#[derive(Args, Debug)]
pub struct OwnerArg {
    /// The investor [default: the signer].
    #[arg(long)]
    owner: Option<Pubkey>,
}

/// `autofactor tranche ...`
#[derive(Subcommand, Debug)]
pub enum TrancheCmd {
    /// Deposits USDC into a tranche (creates the share account if needed).
    Deposit(DepositArgs),
    /// Redeems shares now, or queues the withdrawal when cash is short.
    Withdraw(WithdrawArgs),
    /// Cancels a queued withdrawal (its shares are minted back).
    Cancel(RequestArgs),
    /// Claims a redemption payout that could not be delivered to your USDC
    /// account when the request was filled (frozen or closed account).
    Claim(ClaimArgs),
    /// Fills the head of a withdrawal queue (anyone).
    Fill(PoolTrancheArgs),
    /// Thaws a verified investor's share account (anyone).
    Thaw(ShareAccountArgs),
    /// Freezes the share account of an investor who lost its identity (anyone).
    Freeze(ShareAccountArgs),
    /// Positions in every pool and queued withdrawals.
    Positions(OwnerArg),
}

/// Runs a `tranche` command (or its `investor` / `keeper` alias).
pub fn run(ctx: &Ctx, cmd: TrancheCmd) -> Result<Report> {
    match cmd {
        TrancheCmd::Deposit(a) => deposit(ctx, a),
        TrancheCmd::Withdraw(a) => withdraw(ctx, a),
        TrancheCmd::Cancel(RequestArgs { at, sequence }) => {
            let (_, keys) = ctx.pool_keys(&at.pool)?;
            let s = ctx.signer()?;
            let me = solana_sdk::signature::Signer::pubkey(&s);
            let sent = ctx.send(&s, vec![ix::withdrawal_cancel(&keys, &me, at.tranche(), sequence)], &[])?;
            let e = sent.expect_event::<WithdrawalCancelled>()?;
            let d = Cancelled {
                request: Request { pool: Addr(at.pool), tranche: tranche_name(at.tranche()), sequence },
                shares_returned: ShareAmount(e.shares_returned),
            };
            ctx.tx_result(&sent, d)
        }
        TrancheCmd::Claim(ClaimArgs { request: RequestArgs { at, sequence }, to }) => {
            let (_, keys) = ctx.pool_keys(&at.pool)?;
            let to = to.unwrap_or(keys.usdc_ata(&ctx.me()?));
            let s = ctx.signer()?;
            let me = solana_sdk::signature::Signer::pubkey(&s);
            let sent =
                ctx.send(&s, vec![ix::withdrawal_claim(&keys, &me, at.tranche(), sequence, &to)], &[])?;
            let e = sent.expect_event::<WithdrawalClaimed>()?;
            let d = Claimed {
                request: Request { pool: Addr(at.pool), tranche: tranche_name(at.tranche()), sequence },
                to: Addr(e.destination),
                amount_usdc: Usdc(e.amount_usdc),
            };
            ctx.tx_result(&sent, d)
        }
        TrancheCmd::Fill(at) => fill(ctx, at),
        TrancheCmd::Thaw(ShareAccountArgs { at, owner }) => {
            let (_, keys) = ctx.pool_keys(&at.pool)?;
            let owner = owner.unwrap_or(ctx.me()?);
            let t = at.tranche();
            let d = Thawed {
                pool: Addr(at.pool),
                owner: Addr(owner),
                shares_account: Addr(keys.shares_ata(&owner, t)),
            };
            ctx.send_simple(
                |me| {
                    vec![
                        ix::create_shares_ata(me, &owner, &keys, t),
                        ix::tranche_account_thaw(&keys, &owner, t),
                    ]
                },
                d,
            )
        }
        TrancheCmd::Freeze(ShareAccountArgs { at, owner }) => {
            let owner =
                owner.ok_or_else(|| err("invalid_argument", "give --owner: the share account's owner"))?;
            let (_, keys) = ctx.pool_keys(&at.pool)?;
            let d = Frozen { pool: Addr(at.pool), owner: Addr(owner) };
            ctx.send_simple(|_| vec![ix::tranche_account_freeze(&keys, &owner, at.tranche())], d)
        }
        TrancheCmd::Positions(OwnerArg { owner }) => {
            let owner = match owner {
                Some(o) => o,
                None => ctx.me()?,
            };
            super::pool::positions(ctx, &owner)
        }
    }
}

fn deposit(ctx: &Ctx, DepositArgs { at, amount, min_shares }: DepositArgs) -> Result<Report> {
    let s = ctx.signer()?;
    let me = solana_sdk::signature::Signer::pubkey(&s);
    let (_, keys) = ctx.pool_keys(&at.pool)?;
    let t = at.tranche();
    let ata = keys.shares_ata(&me, t);
    let ixs = vec![
        ix::create_shares_ata(&me, &me, &keys, t),
        ix::tranche_deposit(&keys, &me, t, amount, min_shares),
    ];
    let sent = ctx.send(&s, ixs, &[])?;
    let e = sent.expect_event::<Deposited>()?;
    let d = DepositMade {
        pool: Addr(at.pool),
        tranche: tranche_name(t),
        amount_usdc: Usdc(e.amount_usdc),
        shares_received: ShareAmount(e.shares),
        shares_account: Addr(ata),
        unlock_ts: Time(e.unlock_ts),
    };
    ctx.tx_result(&sent, d)
}

fn withdraw(ctx: &Ctx, WithdrawArgs { at, shares }: WithdrawArgs) -> Result<Report> {
    let s = ctx.signer()?;
    let me = solana_sdk::signature::Signer::pubkey(&s);
    let (p, keys) = ctx.pool_keys(&at.pool)?;
    let t = at.tranche();
    let ata = keys.shares_ata(&me, t);
    let held = ctx.token_amount(&ata)?;
    let n = match shares {
        Shares::All => held,
        Shares::Micro(n) => n,
    };
    if n == 0 {
        return Err(err(
            "invalid_argument",
            format!("nothing to withdraw: {ata} holds {} shares", usdc(held)),
        ));
    }
    let tail = p.ledger.tranche(t).queue_tail;
    let sent = ctx.send(&s, vec![ix::tranche_withdraw(&keys, &me, t, n, tail)], &[])?;
    // Redeemed now (`Withdrawn`) or queued (`WithdrawalQueued`).
    let queued = sent.event::<WithdrawalQueued>();
    let paid = match queued {
        Some(_) => 0,
        None => sent.expect_event::<Withdrawn>()?.amount_usdc,
    };
    let d = WithdrawalMade {
        pool: Addr(at.pool),
        tranche: tranche_name(t),
        shares: ShareAmount(n),
        queued: queued.is_some(),
        sequence: queued.as_ref().map(|q| q.sequence),
        withdrawal_request: queued.as_ref().map(|q| Addr(q.request)),
        usdc_received: Usdc(paid),
    };
    ctx.tx_result(&sent, d)
}

/// Whom a fill names as the head request's investor: its owner, or — at a
/// gap a cancelled request left (cancelling the head itself moves the head
/// on) — the keeper itself (the program then skips the gap and checks no
/// investor).
pub fn fill_investor(head_request: Option<&WithdrawalRequest>, keeper: &Pubkey) -> (Pubkey, bool) {
    match head_request {
        Some(r) => (r.investor, false),
        None => (*keeper, true),
    }
}

fn fill(ctx: &Ctx, at: PoolTrancheArgs) -> Result<Report> {
    let s = ctx.signer()?;
    let me = solana_sdk::signature::Signer::pubkey(&s);
    let (p, keys) = ctx.pool_keys(&at.pool)?;
    let t = at.tranche();
    let head = p.ledger.tranche(t).queue_head;
    if p.ledger.tranche(t).queue_is_empty() {
        return Err(err("queue_empty", format!("the {} queue of {} is empty", tranche_name(t), at.pool)));
    }
    // A cancelled head left an empty address: the program skips it.
    let req: Option<WithdrawalRequest> = ctx.maybe_account(&pda::withdrawal_request(&at.pool, t, head))?;
    let (investor, skipped) = fill_investor(req.as_ref(), &me);
    let sent = ctx.send(&s, vec![ix::withdrawal_fill(&keys, &me, t, head, &investor)], &[])?;
    // A skipped gap pays nothing (`WithdrawalSkipped`); a fill always
    // emits `WithdrawalFilled`.
    let usdc_paid =
        if skipped { None } else { Some(Usdc(sent.expect_event::<WithdrawalFilled>()?.amount_usdc)) };
    let d = Filled {
        pool: Addr(at.pool),
        sequence: head,
        skipped_cancelled: skipped,
        investor: (!skipped).then_some(Addr(investor)),
        usdc_paid,
    };
    ctx.tx_result(&sent, d)
}

crate::result! {
    /// A queued withdrawal request.
    pub struct Request {
        /// The pool.
        pool: Addr,
        /// The tranche.
        tranche: String,
        /// The request's sequence number.
        sequence: u64,
    }
}

crate::result! {
    /// `tranche cancel`
    pub struct Cancelled {
        ..request: Request,
        /// Shares minted back (the transaction's `WithdrawalCancelled`).
        shares_returned: ShareAmount,
    }
}

crate::result! {
    /// `tranche claim`
    pub struct Claimed {
        ..request: Request,
        /// The USDC account paid.
        to: Addr,
        /// USDC paid (the transaction's `WithdrawalClaimed`).
        amount_usdc: Usdc,
    }
}

crate::result! {
    /// `tranche thaw`
    pub struct Thawed {
        /// The pool.
        pool: Addr,
        /// The share account's owner.
        owner: Addr,
        /// The share account.
        shares_account: Addr,
    }
}

crate::result! {
    /// `tranche freeze`
    pub struct Frozen {
        /// The pool.
        pool: Addr,
        /// The share account's owner.
        owner: Addr,
    }
}

crate::result! {
    /// `tranche deposit`, from the transaction's `Deposited` event.
    pub struct DepositMade {
        /// The pool.
        pool: Addr,
        /// The tranche.
        tranche: String,
        /// USDC deposited.
        amount_usdc: Usdc,
        /// Shares minted.
        shares_received: ShareAmount,
        /// The share account.
        shares_account: Addr,
        /// End of the holding period of this deposit.
        unlock_ts: Time,
    }
}

crate::result! {
    /// `tranche withdraw`: redeemed now (`Withdrawn`) or queued
    /// (`WithdrawalQueued`).
    pub struct WithdrawalMade {
        /// The pool.
        pool: Addr,
        /// The tranche.
        tranche: String,
        /// Shares redeemed or queued.
        shares: ShareAmount,
        /// Whether it was queued.
        queued: bool,
        /// The queued request's sequence number.
        sequence: Option<u64>,
        /// The queued request.
        withdrawal_request: Option<Addr>,
        /// USDC paid now.
        usdc_received: Usdc,
    }
}

crate::result! {
    /// `tranche fill`
    pub struct Filled {
        /// The pool.
        pool: Addr,
        /// The request filled (or skipped).
        sequence: u64,
        /// Whether the head was a cancelled request, skipped.
        skipped_cancelled: bool,
        /// The request's investor.
        investor: Option<Addr>,
        /// USDC paid (the transaction's `WithdrawalFilled`).
        usdc_paid: Option<Usdc>,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_gets_past_a_cancelled_head() {
        let keeper = Pubkey::new_unique();
        // Cancelled: the request address is empty; the keeper names itself
        // and the program skips the head.
        assert_eq!(fill_investor(None, &keeper), (keeper, true));
        let investor = Pubkey::new_unique();
        let zeros = vec![0u8; 512];
        let mut r =
            <WithdrawalRequest as anchor_lang::AnchorDeserialize>::deserialize(&mut &zeros[..]).unwrap();
        r.investor = investor;
        assert_eq!(fill_investor(Some(&r), &keeper), (investor, false));
    }
}

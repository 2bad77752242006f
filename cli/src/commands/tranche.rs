//! `autofactor tranche …`: deposits, withdrawals and the withdrawal queue
//! of a pool's tranches, share-account freeze and thaw, positions. The
//! investor's and keeper's groups name the same commands.

use super::args::{parse_micro, tranche_name, PoolTrancheArgs, Shares};
use super::chain::err;
use super::ctx::Ctx;
use crate::output::Report;
use anyhow::Result;
use autofactor_client::events::{Deposited, WithdrawalFilled, WithdrawalQueued, Withdrawn};
use autofactor_client::format::usdc;
use autofactor_client::state::WithdrawalRequest;
use autofactor_client::{ix, pda};
use clap::{Args, Subcommand};
use serde_json::json;
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
            let d = json!({"pool": at.pool.to_string(), "tranche": tranche_name(at.tranche()), "sequence": sequence});
            ctx.send_simple(|me| vec![ix::withdrawal_cancel(&keys, me, at.tranche(), sequence)], d)
        }
        TrancheCmd::Claim(ClaimArgs { request: RequestArgs { at, sequence }, to }) => {
            let (_, keys) = ctx.pool_keys(&at.pool)?;
            let to = to.unwrap_or(keys.usdc_ata(&ctx.me()?));
            let d = json!({
                "pool": at.pool.to_string(), "tranche": tranche_name(at.tranche()), "sequence": sequence,
                "to": to.to_string(),
            });
            ctx.send_simple(|me| vec![ix::withdrawal_claim(&keys, me, at.tranche(), sequence, &to)], d)
        }
        TrancheCmd::Fill(at) => fill(ctx, at),
        TrancheCmd::Thaw(ShareAccountArgs { at, owner }) => {
            let (_, keys) = ctx.pool_keys(&at.pool)?;
            let owner = owner.unwrap_or(ctx.me()?);
            let t = at.tranche();
            let d = json!({
                "pool": at.pool.to_string(), "owner": owner.to_string(),
                "shares_account": keys.shares_ata(&owner, t).to_string(),
            });
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
            let d = json!({"pool": at.pool.to_string(), "owner": owner.to_string()});
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
    let shares = sent.event::<Deposited>().map(|e| e.shares).unwrap_or_default();
    Ok(ctx.tx_result(
        &sent,
        json!({
            "pool": at.pool.to_string(), "tranche": tranche_name(t), "amount_usdc": usdc(amount),
            "shares_received": usdc(shares), "shares_account": ata.to_string(),
        }),
    ))
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
    let queued = sent.event::<WithdrawalQueued>();
    let paid = sent.event::<Withdrawn>().map(|w| w.amount_usdc).unwrap_or_default();
    Ok(ctx.tx_result(
        &sent,
        json!({
            "pool": at.pool.to_string(), "tranche": tranche_name(t), "shares": usdc(n),
            "queued": queued.is_some(),
            "sequence": queued.as_ref().map(|q| q.sequence),
            "withdrawal_request": queued.as_ref().map(|q| q.request.to_string()),
            "usdc_received": usdc(paid),
        }),
    ))
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
    let filled = sent.event::<WithdrawalFilled>();
    Ok(ctx.tx_result(
        &sent,
        json!({
            "pool": at.pool.to_string(),
            "sequence": head,
            "skipped_cancelled": skipped,
            "investor": (!skipped).then(|| investor.to_string()),
            "usdc_paid": filled.map(|f| usdc(f.amount_usdc)),
        }),
    ))
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

//! Permissionless keeper action: fills the withdrawal request at the head of
//! a tranche's queue at the current price, as far as cash allows (partial
//! fills leave the rest at the head). A fully paid request is closed and its
//! rent returned to the investor; a request the investor cancelled is
//! skipped. Junior requests wait until the senior queue is empty.
//!
//! A payout the investor's USDC associated token account cannot receive
//! (frozen by the USDC issuer, closed, re-assigned) never blocks the queue:
//! the USDC is booked as owed to the investor (`payouts_owed_usdc`, kept in
//! the vault outside NAV) and recorded on the request (`usdc_claimable`);
//! the head advances as for a delivered payout once the request is fully
//! paid, and the investor claims the USDC with `withdrawal_claim`. A fill never creates an
//! account, so the keeper never pays rent an investor could reclaim.

use super::shared::*;
use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::{WithdrawalFilled, WithdrawalPayoutOwed, WithdrawalSkipped};
use crate::math::SafeMath;
use crate::state::*;
use anchor_lang::prelude::*;

#[event_cpi]
#[derive(Accounts)]
#[instruction(tranche: Tranche)]
pub struct WithdrawalFill<'info> {
    /// Any wallet (pays only the transaction fee).
    pub keeper: Signer<'info>,
    /// The configuration.
    #[account(seeds = [PROTOCOL_SEED], bump = protocol.bump)]
    pub protocol: Box<Account<'info, ProtocolConfig>>,
    /// The pool and its vault.
    pub pool_vault: PoolVault<'info>,
    /// The pool's deadline calendar: no fill while a passed invoice
    /// deadline is unapplied (F-03).
    #[account(constraint = calendar.load()?.pool == pool_vault.pool.key() @ AutofactorError::WrongPool)]
    pub calendar: AccountLoader<'info, PoolCalendar>,
    /// CHECK: the request at the head of the queue, PDA
    /// `["withdrawal", pool, tranche, queue_head]`; empty if it was cancelled.
    #[account(mut, seeds = [WITHDRAWAL_SEED, pool_vault.pool.key().as_ref(), &[tranche.seed()],
                            &pool_vault.pool.ledger.tranche(tranche).queue_head.to_le_bytes()], bump)]
    pub withdrawal_request: UncheckedAccount<'info>,
    /// CHECK: the request's investor (receives the rent when it closes);
    /// checked against the request in `handle`.
    #[account(mut)]
    pub investor: UncheckedAccount<'info>,
    /// CHECK: the investor's USDC associated token account; its address is
    /// checked against the ATA derivation in `handle`. If it cannot receive
    /// the payout (missing, frozen, not the investor's), the payout is owed.
    #[account(mut)]
    pub investor_usdc: UncheckedAccount<'info>,
    /// CHECK: the investor's position in the tranche,
    /// `["position", pool, tranche, investor]` (created when the request
    /// was queued); the filled shares leave its `queued_shares`.
    #[account(mut, seeds = [POSITION_SEED, pool_vault.pool.key().as_ref(), &[tranche.seed()], investor.key().as_ref()], bump)]
    pub position: UncheckedAccount<'info>,
}

impl WithdrawalFill<'_> {
    /// Checks pause flags and that the queue is not empty.
    pub fn validate(&self, tranche: Tranche) -> Result<()> {
        self.protocol.require_not_paused()?;
        let pool = &self.pool_vault.pool;
        pool.require_not_paused()?;
        require!(!pool.ledger.tranche(tranche).queue_is_empty(), AutofactorError::QueueEmpty);
        Ok(())
    }

    /// Fills, skips or closes the head request.
    pub fn handle(ctx: Context<Self>, tranche: Tranche) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let pool_key = ctx.accounts.pool_vault.pool.key();
        let request_info = ctx.accounts.withdrawal_request.to_account_info();

        // A cancelled request left an empty address behind: skip it.
        if request_info.data_is_empty() && request_info.owner == &anchor_lang::system_program::ID {
            let ledger = &mut ctx.accounts.pool_vault.pool.ledger;
            let sequence = ledger.tranche(tranche).queue_head;
            ledger.advance_head(tranche)?;
            ledger.invariant()?;
            emit_cpi!(WithdrawalSkipped { pool: pool_key, tranche, sequence });
            return Ok(());
        }

        require_keys_eq!(*request_info.owner, crate::ID, AutofactorError::WrongWithdrawalRequest);
        let mut request = {
            let data = request_info.try_borrow_data()?;
            WithdrawalRequest::try_deserialize(&mut &data[..])?
        };
        let a = &ctx.accounts;
        require_keys_eq!(request.pool, pool_key, AutofactorError::WrongWithdrawalRequest);
        require_keys_eq!(request.investor, a.investor.key(), AutofactorError::NotRequestOwner);
        let expected_ata = anchor_spl::associated_token::get_associated_token_address_with_program_id(
            &request.investor,
            &a.pool_vault.usdc_mint.key(),
            &a.pool_vault.usdc_token_program.key(),
        );
        require_keys_eq!(a.investor_usdc.key(), expected_ata, AutofactorError::WrongPayoutAccount);

        // The price must value every past-due invoice by its schedule (F-03).
        a.calendar.load()?.require_current(now)?;
        crate::accrue_pool!(ctx, ctx.accounts.pool_vault.pool, now);
        let a = &mut *ctx.accounts;
        let min_junior_ratio_bps = a.pool_vault.pool.params.min_junior_ratio_bps;
        let ledger = &mut a.pool_vault.pool.ledger;
        let out = ledger.fill_head(tranche, request.shares_remaining)?;
        if tranche == Tranche::Junior {
            ledger.require_subordination(min_junior_ratio_bps)?;
        }
        request.shares_remaining = request.shares_remaining.safe_sub(out.shares)?;
        Position::release_queued_at(&a.position, out.shares)?;
        request.usdc_paid = request.usdc_paid.safe_add(out.usdc)?;
        // Paid when the ATA can receive it now, else owed (claimable).
        let (_, owed_usdc) =
            a.pool_vault.pay_or_owe(Some(a.investor_usdc.to_account_info()), &request.investor, out.usdc)?;
        let ledger = &mut a.pool_vault.pool.ledger;
        ledger.owe_payout(owed_usdc)?;
        request.usdc_claimable = request.usdc_claimable.safe_add(owed_usdc)?;
        let done = request.shares_remaining == 0;
        if done {
            ledger.advance_head(tranche)?;
        }
        ledger.invariant()?;
        a.pool_vault.require_vault_covers()?;

        if done && request.usdc_claimable == 0 {
            crate::cpi::close_account(&request_info, &a.investor)?;
        } else {
            crate::cpi::write_account(&request_info, &request)?;
        }
        let filled = WithdrawalFilled {
            pool: pool_key,
            investor: request.investor,
            request: request_info.key(),
            tranche,
            sequence: request.sequence,
            shares: out.shares,
            amount_usdc: out.usdc,
            shares_remaining: request.shares_remaining,
            keeper: a.keeper.key(),
            snapshot: a.pool_vault.pool.ledger.snapshot()?,
            ts: now,
        };
        emit_cpi!(filled);
        if owed_usdc > 0 {
            emit_cpi!(WithdrawalPayoutOwed {
                pool: pool_key,
                investor: request.investor,
                request: request_info.key(),
                tranche,
                sequence: request.sequence,
                amount_usdc: out.usdc,
                usdc_claimable: request.usdc_claimable,
                ts: now,
            });
        }
        Ok(())
    }
}

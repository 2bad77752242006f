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

use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::{WithdrawalFilled, WithdrawalPayoutOwed, WithdrawalSkipped};
use crate::math::SafeMath;
use crate::state::*;
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenInterface};

#[event_cpi]
#[derive(Accounts)]
#[instruction(tranche: Tranche)]
pub struct WithdrawalFill<'info> {
    /// Any wallet (pays only the transaction fee).
    pub keeper: Signer<'info>,
    /// The configuration.
    #[account(seeds = [PROTOCOL_SEED], bump = protocol.bump)]
    pub protocol: Box<Account<'info, ProtocolConfig>>,
    /// The pool.
    #[account(mut,
              has_one = usdc_mint @ AutofactorError::WrongUsdcMint,
              has_one = vault @ AutofactorError::WrongVault)]
    pub pool: Box<Account<'info, Pool>>,
    /// The pool's deadline calendar: no fill while a passed invoice
    /// deadline is unapplied (F-03).
    #[account(constraint = calendar.load()?.pool == pool.key() @ AutofactorError::WrongPool)]
    pub calendar: AccountLoader<'info, PoolCalendar>,
    /// The pool's USDC mint, owned by the USDC token program passed (a
    /// wrong program would derive another, missing, associated account).
    #[account(mint::token_program = usdc_token_program)]
    pub usdc_mint: Box<InterfaceAccount<'info, Mint>>,
    /// CHECK: the pool's vault (checked by `has_one`; a token account).
    #[account(mut)]
    pub vault: UncheckedAccount<'info>,
    /// CHECK: the request at the head of the queue, PDA
    /// `["withdrawal", pool, tranche, queue_head]`; empty if it was cancelled.
    #[account(mut, seeds = [WITHDRAWAL_SEED, pool.key().as_ref(), &[tranche.seed()],
                            &pool.ledger.tranche(tranche).queue_head.to_le_bytes()], bump)]
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
    /// Token program of USDC.
    pub usdc_token_program: Interface<'info, TokenInterface>,
    /// CHECK: the investor's position in the tranche,
    /// `["position", pool, tranche, investor]` (created when the request
    /// was queued); the filled shares leave its `queued_shares`.
    #[account(mut, seeds = [POSITION_SEED, pool.key().as_ref(), &[tranche.seed()], investor.key().as_ref()], bump)]
    pub position: UncheckedAccount<'info>,
}

impl WithdrawalFill<'_> {
    /// Checks pause flags and that the queue is not empty.
    pub fn validate(&self, tranche: Tranche) -> Result<()> {
        self.protocol.require_not_paused()?;
        self.pool.require_not_paused()?;
        require!(!self.pool.ledger.tranche(tranche).queue_is_empty(), AutofactorError::QueueEmpty);
        Ok(())
    }

    /// Fills, skips or closes the head request.
    pub fn handle(ctx: Context<Self>, tranche: Tranche) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let pool_key = ctx.accounts.pool.key();
        let request_info = ctx.accounts.withdrawal_request.to_account_info();

        // A cancelled request left an empty address behind: skip it.
        if request_info.data_is_empty() && request_info.owner == &anchor_lang::system_program::ID {
            let pool = &mut ctx.accounts.pool;
            let sequence = pool.ledger.tranche(tranche).queue_head;
            pool.ledger.advance_head(tranche)?;
            pool.ledger.invariant()?;
            emit_cpi!(WithdrawalSkipped { pool: pool_key, tranche, sequence });
            return Ok(());
        }

        require_keys_eq!(*request_info.owner, crate::ID, AutofactorError::WrongWithdrawalRequest);
        let mut request = {
            let data = request_info.try_borrow_data()?;
            WithdrawalRequest::try_deserialize(&mut &data[..])?
        };
        require_keys_eq!(request.pool, pool_key, AutofactorError::WrongWithdrawalRequest);
        require_keys_eq!(request.investor, ctx.accounts.investor.key(), AutofactorError::NotRequestOwner);
        let expected_ata = anchor_spl::associated_token::get_associated_token_address_with_program_id(
            &request.investor,
            &ctx.accounts.usdc_mint.key(),
            &ctx.accounts.usdc_token_program.key(),
        );
        require_keys_eq!(ctx.accounts.investor_usdc.key(), expected_ata, AutofactorError::WrongPayoutAccount);

        // The price must value every past-due invoice by its schedule (F-03).
        ctx.accounts.calendar.load()?.require_current(now)?;
        crate::accrue_pool!(ctx, now);
        let pool = &mut ctx.accounts.pool;
        let params = pool.params;
        let out = pool.ledger.fill_head(tranche, request.shares_remaining)?;
        if tranche == Tranche::Junior {
            pool.ledger.require_subordination(params.min_junior_ratio_bps)?;
        }
        request.shares_remaining = request.shares_remaining.safe_sub(out.shares)?;
        Position::release_queued_at(&ctx.accounts.position, out.shares)?;
        request.usdc_paid = request.usdc_paid.safe_add(out.usdc)?;
        let deliverable = crate::cpi::can_receive(
            &ctx.accounts.investor_usdc.to_account_info(),
            &ctx.accounts.usdc_mint.key(),
            &request.investor,
            &ctx.accounts.usdc_token_program.key(),
        );
        let pool = &mut ctx.accounts.pool;
        if !deliverable {
            pool.ledger.owe_payout(out.usdc)?;
            request.usdc_claimable = request.usdc_claimable.safe_add(out.usdc)?;
        }
        let done = request.shares_remaining == 0;
        if done {
            pool.ledger.advance_head(tranche)?;
        }
        pool.ledger.invariant()?;

        let a = &ctx.accounts;
        if deliverable {
            crate::cpi::pay_from_vault(
                &a.pool,
                a.vault.to_account_info(),
                a.investor_usdc.to_account_info(),
                a.usdc_mint.to_account_info(),
                a.usdc_mint.decimals,
                a.usdc_token_program.to_account_info(),
                out.usdc,
            )?;
        }
        let vault_balance = {
            let data = a.vault.try_borrow_data()?;
            anchor_spl::token_interface::TokenAccount::try_deserialize(&mut &data[..])?.amount
        };
        a.pool.ledger.require_vault_covers(vault_balance)?;

        let shares_remaining = request.shares_remaining;
        let investor = request.investor;
        let sequence = request.sequence;
        let usdc_claimable = request.usdc_claimable;
        if done && usdc_claimable == 0 {
            crate::cpi::close_account(&request_info, &ctx.accounts.investor.to_account_info())?;
        } else {
            let mut data = request_info.try_borrow_mut_data()?;
            let mut cursor: &mut [u8] = &mut data;
            request.try_serialize(&mut cursor)?;
        }
        let snapshot = ctx.accounts.pool.ledger.snapshot()?;
        emit_cpi!(WithdrawalFilled {
            pool: pool_key,
            investor,
            request: ctx.accounts.withdrawal_request.key(),
            tranche,
            sequence,
            shares: out.shares,
            amount_usdc: out.usdc,
            shares_remaining,
            keeper: ctx.accounts.keeper.key(),
            snapshot,
            ts: now,
        });
        if !deliverable {
            emit_cpi!(WithdrawalPayoutOwed {
                pool: pool_key,
                investor,
                request: ctx.accounts.withdrawal_request.key(),
                tranche,
                sequence,
                amount_usdc: out.usdc,
                usdc_claimable,
                ts: now,
            });
        }
        Ok(())
    }
}

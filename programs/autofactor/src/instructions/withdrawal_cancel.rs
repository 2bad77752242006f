//! The investor cancels a queued withdrawal: the unpaid shares are minted
//! back to it, the request is closed and its rent returned. The shares were
//! counted towards the per-investor cap all along (the position's
//! `queued_shares`), so returning them cannot lift the holding over it.

use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::WithdrawalCancelled;
use crate::state::*;
use anchor_lang::prelude::*;
use anchor_spl::token_2022::Token2022;
use anchor_spl::token_interface::{Mint, TokenAccount};

#[event_cpi]
#[derive(Accounts)]
pub struct WithdrawalCancel<'info> {
    /// The investor who queued the request.
    #[account(mut)]
    pub investor: Signer<'info>,
    /// The configuration.
    #[account(seeds = [PROTOCOL_SEED], bump = protocol.bump)]
    pub protocol: Box<Account<'info, ProtocolConfig>>,
    /// The pool.
    #[account(mut)]
    pub pool: Box<Account<'info, Pool>>,
    /// The request; closed here.
    #[account(mut, close = investor,
              has_one = investor @ AutofactorError::NotRequestOwner,
              has_one = pool @ AutofactorError::WrongWithdrawalRequest,
              seeds = [WITHDRAWAL_SEED, pool.key().as_ref(), &[withdrawal_request.tranche.seed()],
                       &withdrawal_request.sequence.to_le_bytes()], bump = withdrawal_request.bump)]
    pub withdrawal_request: Box<Account<'info, WithdrawalRequest>>,
    /// The tranche's share mint.
    #[account(mut, constraint = tranche_mint.key() == pool.tranche_mint(withdrawal_request.tranche) @ AutofactorError::WrongTrancheMint)]
    pub tranche_mint: Box<InterfaceAccount<'info, Mint>>,
    /// The investor's share associated token account (receives the unpaid
    /// shares): share tokens live in ATAs only.
    #[account(mut, associated_token::mint = tranche_mint, associated_token::authority = investor,
              associated_token::token_program = tranche_token_program)]
    pub investor_shares: Box<InterfaceAccount<'info, TokenAccount>>,
    /// Token-2022.
    pub tranche_token_program: Program<'info, Token2022>,
    /// CHECK: the investor's position in the tranche,
    /// `["position", pool, tranche, investor]` (created when the request
    /// was queued); the returned shares leave its `queued_shares`.
    #[account(mut, seeds = [POSITION_SEED, pool.key().as_ref(), &[withdrawal_request.tranche.seed()],
                            investor.key().as_ref()], bump)]
    pub position: UncheckedAccount<'info>,
}

impl WithdrawalCancel<'_> {
    /// Checks pause flags and that no undelivered payout is waiting on the
    /// request (it would be lost with the account: claim it first).
    pub fn validate(&self) -> Result<()> {
        self.protocol.require_not_paused()?;
        self.pool.require_not_paused()?;
        require!(self.withdrawal_request.usdc_claimable == 0, AutofactorError::ClaimPending);
        Ok(())
    }

    /// Returns the shares and advances the queue head if this was the head.
    pub fn handle(ctx: Context<Self>) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let t = ctx.accounts.withdrawal_request.tranche;
        let shares = ctx.accounts.withdrawal_request.shares_remaining;
        let sequence = ctx.accounts.withdrawal_request.sequence;
        crate::accrue_pool!(ctx, now);
        let pool = &mut ctx.accounts.pool;
        pool.ledger.cancel_pending(t, shares)?;
        if pool.ledger.tranche(t).queue_head == sequence {
            pool.ledger.advance_head(t)?;
        }
        pool.ledger.invariant()?;
        Position::release_queued_at(&ctx.accounts.position, shares)?;
        let a = &ctx.accounts;
        crate::cpi::mint_shares(
            &a.pool,
            a.tranche_mint.to_account_info(),
            a.investor_shares.to_account_info(),
            a.tranche_token_program.to_account_info(),
            shares,
        )?;
        emit_cpi!(WithdrawalCancelled {
            pool: ctx.accounts.pool.key(),
            investor: ctx.accounts.investor.key(),
            request: ctx.accounts.withdrawal_request.key(),
            tranche: t,
            sequence,
            shares_returned: shares,
            ts: now,
        });
        Ok(())
    }
}

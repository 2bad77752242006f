//! The investor claims a redemption payout that a keeper's fill could not
//! deliver (its USDC associated token account was frozen, closed or not
//! its own at the time): the USDC owed on the request is paid to any USDC
//! account the investor owns, and a request with no shares left is closed
//! (rent back to the investor). Not stopped by a pause: the money is
//! already the investor's, outside NAV.

use super::shared::*;
use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::WithdrawalClaimed;
use crate::state::*;
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;

#[event_cpi]
#[derive(Accounts)]
pub struct WithdrawalClaim<'info> {
    /// The investor who queued the request; receives its rent if it closes.
    #[account(mut)]
    pub investor: Signer<'info>,
    /// The pool and its vault.
    pub pool_vault: PoolVault<'info>,
    /// The request holding the undelivered payout.
    #[account(mut,
              has_one = investor @ AutofactorError::NotRequestOwner,
              constraint = withdrawal_request.pool == pool_vault.pool.key() @ AutofactorError::WrongWithdrawalRequest,
              seeds = [WITHDRAWAL_SEED, pool_vault.pool.key().as_ref(), &[withdrawal_request.tranche.seed()],
                       &withdrawal_request.sequence.to_le_bytes()], bump = withdrawal_request.bump)]
    pub withdrawal_request: Box<Account<'info, WithdrawalRequest>>,
    /// Any USDC account of the investor's (it need not be the associated one).
    #[account(mut, token::mint = pool_vault.usdc_mint, token::authority = investor,
              token::token_program = pool_vault.usdc_token_program)]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,
}

impl WithdrawalClaim<'_> {
    /// Something must be owed on the request.
    pub fn validate(&self) -> Result<()> {
        require!(self.withdrawal_request.usdc_claimable > 0, AutofactorError::ZeroAmount);
        Ok(())
    }

    /// Pays the owed USDC and closes a fully paid request.
    pub fn handle(ctx: Context<Self>) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let amount_usdc = ctx.accounts.withdrawal_request.usdc_claimable;
        crate::accrue_pool!(ctx, ctx.accounts.pool_vault.pool, now);
        let a = &mut *ctx.accounts;
        a.pool_vault.pool.ledger.release_payout(amount_usdc)?;
        a.pool_vault.pool.ledger.invariant()?;
        a.withdrawal_request.usdc_claimable = 0;
        a.pool_vault.pay(&a.destination.to_account_info(), amount_usdc)?;
        a.pool_vault.require_vault_covers()?;

        let request = &a.withdrawal_request;
        let (tranche, sequence) = (request.tranche, request.sequence);
        let closed = request.shares_remaining == 0;
        if closed {
            crate::cpi::close_account(&a.withdrawal_request.to_account_info(), &a.investor)?;
        }
        let event = WithdrawalClaimed {
            pool: a.pool_vault.pool.key(),
            investor: a.investor.key(),
            request: a.withdrawal_request.key(),
            tranche,
            sequence,
            amount_usdc,
            destination: a.destination.key(),
            closed,
            ts: now,
        };
        emit_cpi!(event);
        Ok(())
    }
}

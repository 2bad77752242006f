//! The investor claims a redemption payout that a keeper's fill could not
//! deliver (its USDC associated token account was frozen, closed or not
//! its own at the time): the USDC owed on the request is paid to any USDC
//! account the investor owns, and a request with no shares left is closed
//! (rent back to the investor). Not stopped by a pause: the money is
//! already the investor's, outside NAV.

use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::WithdrawalClaimed;
use crate::state::*;
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

#[event_cpi]
#[derive(Accounts)]
pub struct WithdrawalClaim<'info> {
    /// The investor who queued the request; receives its rent if it closes.
    #[account(mut)]
    pub investor: Signer<'info>,
    /// The pool.
    #[account(mut,
              has_one = usdc_mint @ AutofactorError::WrongUsdcMint,
              has_one = vault @ AutofactorError::WrongVault)]
    pub pool: Box<Account<'info, Pool>>,
    /// The pool's USDC mint, owned by the USDC token program passed (a
    /// wrong program would derive another, missing, associated account).
    #[account(mint::token_program = usdc_token_program)]
    pub usdc_mint: Box<InterfaceAccount<'info, Mint>>,
    /// The pool's vault.
    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The request holding the undelivered payout.
    #[account(mut,
              has_one = investor @ AutofactorError::NotRequestOwner,
              has_one = pool @ AutofactorError::WrongWithdrawalRequest,
              seeds = [WITHDRAWAL_SEED, pool.key().as_ref(), &[withdrawal_request.tranche.seed()],
                       &withdrawal_request.sequence.to_le_bytes()], bump = withdrawal_request.bump)]
    pub withdrawal_request: Box<Account<'info, WithdrawalRequest>>,
    /// Any USDC account of the investor's (it need not be the associated one).
    #[account(mut, token::mint = usdc_mint, token::authority = investor,
              token::token_program = usdc_token_program)]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,
    /// Token program of USDC.
    pub usdc_token_program: Interface<'info, TokenInterface>,
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
        let amount = ctx.accounts.withdrawal_request.usdc_claimable;
        crate::accrue_pool!(ctx, now);
        let pool = &mut ctx.accounts.pool;
        pool.ledger.release_payout(amount)?;
        pool.ledger.invariant()?;
        ctx.accounts.withdrawal_request.usdc_claimable = 0;

        let a = &ctx.accounts;
        crate::cpi::pay_from_vault(
            &a.pool,
            a.vault.to_account_info(),
            a.destination.to_account_info(),
            a.usdc_mint.to_account_info(),
            a.usdc_mint.decimals,
            a.usdc_token_program.to_account_info(),
            amount,
        )?;
        ctx.accounts.vault.reload()?;
        ctx.accounts.pool.ledger.require_vault_covers(ctx.accounts.vault.amount)?;

        let request = &ctx.accounts.withdrawal_request;
        let (tranche, sequence) = (request.tranche, request.sequence);
        let closed = request.shares_remaining == 0;
        if closed {
            crate::cpi::close_account(
                &ctx.accounts.withdrawal_request.to_account_info(),
                &ctx.accounts.investor.to_account_info(),
            )?;
        }
        emit_cpi!(WithdrawalClaimed {
            pool: ctx.accounts.pool.key(),
            investor: ctx.accounts.investor.key(),
            request: ctx.accounts.withdrawal_request.key(),
            tranche,
            sequence,
            amount_usdc: amount,
            destination: ctx.accounts.destination.key(),
            closed,
            ts: now,
        });
        Ok(())
    }
}

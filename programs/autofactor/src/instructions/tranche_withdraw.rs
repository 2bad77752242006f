//! An investor redeems shares. Paid at once at the current price when the
//! tranche's queue is empty (for junior, the senior queue too) and cash
//! covers it; otherwise the shares join the tranche's FIFO queue as a
//! withdrawal request that keepers fill, at the price then current, as cash
//! arrives. Either way the shares are burned from the investor here.
//!
//! Refused, immediate or queued, while the investor's position in the
//! tranche is in its holding period (`HoldingPeriodActive`): a deposit
//! cannot be redeemed within `min_hold_secs`, so no round trip can capture
//! value booked in between (a recovery, an early repayment). The share
//! account must be the investor's Token-2022 ATA; once the period is over,
//! an ATA the deposit left frozen is thawed here for the burn.

use super::shared::*;
use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::{ExternalBurnReconciled, WithdrawalQueued, Withdrawn};
use crate::math::SafeMath;
use crate::state::*;
use anchor_lang::prelude::*;
use anchor_spl::associated_token::AssociatedToken;
use anchor_spl::token_2022::{self, Burn};
use anchor_spl::token_interface::TokenAccount;

/// Arguments of `tranche_withdraw`.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub struct TrancheWithdrawArgs {
    /// Tranche to redeem from.
    pub tranche: Tranche,
    /// Shares to redeem.
    pub shares: u64,
}

#[event_cpi]
#[derive(Accounts)]
pub struct TrancheWithdraw<'info> {
    /// The investor's holding in the tranche, with the pool and vault.
    pub holding: InvestorTranche<'info>,
    /// The investor's USDC associated token account (payout destination,
    /// now or when the queued request is filled).
    #[account(mut, associated_token::mint = holding.pool_vault.usdc_mint, associated_token::authority = holding.investor,
              associated_token::token_program = holding.pool_vault.usdc_token_program)]
    pub investor_usdc: Box<InterfaceAccount<'info, TokenAccount>>,
    /// CHECK: the PDA the request gets if this withdrawal is queued:
    /// `["withdrawal", pool, tranche, queue_tail]`; created only then.
    #[account(mut, seeds = [WITHDRAWAL_SEED, holding.pool_vault.pool.key().as_ref(), &[holding.tranche().seed()],
                            &holding.pool_vault.pool.ledger.tranche(holding.tranche()).queue_tail.to_le_bytes()], bump)]
    pub withdrawal_request: UncheckedAccount<'info>,
    /// The associated token program.
    pub associated_token_program: Program<'info, AssociatedToken>,
    /// The system program.
    pub system_program: Program<'info, System>,
}

impl TrancheWithdraw<'_> {
    /// Checks pause flags, identity, the calendar, the share amount and
    /// the holding period.
    pub fn validate(&self, args: &TrancheWithdrawArgs) -> Result<()> {
        let h = &self.holding;
        let now = h.validate()?;
        require!(args.shares > 0, AutofactorError::ZeroAmount);
        require!(h.investor_shares.amount >= args.shares, AutofactorError::InsufficientShares);
        require!(now >= Position::unlock_ts_at(&h.position)?, AutofactorError::HoldingPeriodActive);
        Ok(())
    }

    /// Burns the shares, then pays or queues.
    pub fn handle(ctx: Context<Self>, args: TrancheWithdrawArgs) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let t = args.tranche;
        let a = &ctx.accounts;
        let h = &a.holding;
        let mint_supply = h.tranche_mint.supply;
        let pool_key = h.pool_vault.pool.key();
        // Left frozen by a deposit whose holding period is over (or by a
        // lapsed identity, which `validate` found valid again).
        h.thaw_shares()?;
        token_2022::burn(
            CpiContext::new(
                h.tranche_token_program.key(),
                Burn {
                    mint: h.tranche_mint.to_account_info(),
                    from: h.investor_shares.to_account_info(),
                    authority: h.investor.to_account_info(),
                },
            ),
            args.shares,
        )?;

        crate::accrue_pool!(ctx, ctx.accounts.holding.pool_vault.pool, now);
        // Burned share tokens leave the book before the redemption is priced.
        let burned = ctx.accounts.holding.pool_vault.pool.ledger.reconcile_supply(t, mint_supply)?;
        if burned > 0 {
            emit_cpi!(ExternalBurnReconciled {
                pool: pool_key,
                tranche: t,
                shares_burned: burned,
                shares_outstanding: mint_supply,
                ts: now,
            });
        }
        let a = &mut *ctx.accounts;
        let h = &mut a.holding;
        let pool = &mut h.pool_vault.pool;
        let investor = h.investor.key();
        if pool.ledger.can_redeem_now(t, args.shares)? {
            let out = pool.ledger.redeem_now(t, args.shares)?;
            if t == Tranche::Junior {
                pool.ledger.require_subordination(pool.params.min_junior_ratio_bps)?;
            }
            pool.ledger.invariant()?;
            h.pool_vault.pay(&a.investor_usdc.to_account_info(), out.usdc)?;
            h.pool_vault.require_vault_covers()?;
            let withdrawn = Withdrawn {
                pool: pool_key,
                investor,
                tranche: t,
                shares: out.shares,
                amount_usdc: out.usdc,
                snapshot: h.pool_vault.pool.ledger.snapshot()?,
                ts: now,
            };
            emit_cpi!(withdrawn);
            return Ok(());
        }

        let sequence = pool.ledger.enqueue(t, args.shares)?;
        pool.ledger.invariant()?;
        // The queued shares stay the investor's for the per-investor cap.
        let mut position = Position::load(&h.position)?.unwrap_or(Position {
            bump: ctx.bumps.holding.position,
            pool: pool_key,
            tranche: t,
            owner: investor,
            unlock_ts: 0,
            last_deposit_ts: 0,
            queued_shares: 0,
        });
        position.queued_shares = position.queued_shares.safe_add(args.shares)?;
        h.store_position(&position, &a.system_program)?;
        let request = WithdrawalRequest {
            pool: pool_key,
            investor,
            payout_token_account: a.investor_usdc.key(),
            tranche: t,
            sequence,
            shares_requested: args.shares,
            shares_remaining: args.shares,
            usdc_paid: 0,
            usdc_claimable: 0,
            requested_ts: now,
            bump: ctx.bumps.withdrawal_request,
        };
        let space = 8 + WithdrawalRequest::INIT_SPACE;
        let seq_bytes = sequence.to_le_bytes();
        let seeds: [&[u8]; 5] =
            [WITHDRAWAL_SEED, pool_key.as_ref(), &[t.seed()], &seq_bytes, &[ctx.bumps.withdrawal_request]];
        let request_info = a.withdrawal_request.to_account_info();
        crate::cpi::create_pda_account(
            h.investor.to_account_info(),
            request_info.clone(),
            a.system_program.to_account_info(),
            space,
            &seeds,
        )?;
        crate::cpi::write_account(&request_info, &request)?;
        emit_cpi!(WithdrawalQueued {
            pool: pool_key,
            investor,
            request: request_info.key(),
            tranche: t,
            sequence,
            shares: args.shares,
            ts: now,
        });
        Ok(())
    }
}

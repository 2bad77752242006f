//! An investor deposits USDC into the senior or junior tranche and receives
//! shares at the current price (rounded down), into its Token-2022
//! associated token account (ImmutableOwner, so the shares cannot change
//! hands by reassigning the account; one account per owner, so the
//! per-investor cap is per owner).
//!
//! Each deposit (re)starts the position's holding period: until
//! `now + min_hold_secs` the investor can neither redeem nor move its shares
//! of this tranche — the share ATA is frozen again after the mint. Share
//! tokens that holders burned outside the program are reconciled first, so
//! they raise the price for the remaining holders and never block deposits.

use super::shared::*;
use crate::error::AutofactorError;
use crate::events::{Deposited, ExternalBurnReconciled};
use crate::math::*;
use crate::state::*;
use anchor_lang::prelude::*;
use anchor_spl::associated_token::AssociatedToken;
use anchor_spl::token_interface::TokenAccount;

/// Arguments of `tranche_deposit`.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub struct TrancheDepositArgs {
    /// Tranche to deposit into.
    pub tranche: Tranche,
    /// USDC to deposit (micro-USDC).
    pub amount_usdc: u64,
    /// Refuse if fewer shares would be minted (slippage guard).
    pub min_shares_out: u64,
}

#[event_cpi]
#[derive(Accounts)]
pub struct TrancheDeposit<'info> {
    /// The investor's holding in the tranche, with the pool and vault.
    pub holding: InvestorTranche<'info>,
    /// The investor's USDC account (source).
    #[account(mut, token::mint = holding.pool_vault.usdc_mint, token::authority = holding.investor,
              token::token_program = holding.pool_vault.usdc_token_program)]
    pub investor_usdc: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The associated token program.
    pub associated_token_program: Program<'info, AssociatedToken>,
    /// The system program.
    pub system_program: Program<'info, System>,
}

impl TrancheDeposit<'_> {
    /// Checks pause flags, identity, the calendar and the amount.
    pub fn validate(&self, args: &TrancheDepositArgs) -> Result<()> {
        self.holding.validate()?;
        require!(args.amount_usdc > 0, AutofactorError::ZeroAmount);
        Ok(())
    }

    /// Books the deposit, moves the USDC and mints the shares.
    pub fn handle(ctx: Context<Self>, args: TrancheDepositArgs) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let t = args.tranche;
        let pool_key = ctx.accounts.holding.pool_vault.pool.key();
        let mint_supply = ctx.accounts.holding.tranche_mint.supply;
        crate::accrue_pool!(ctx, ctx.accounts.holding.pool_vault.pool, now);
        let a = &mut *ctx.accounts;
        let h = &mut a.holding;
        let pool = &mut h.pool_vault.pool;
        let params = pool.params;
        // Burned share tokens leave the book before the deposit is priced.
        let burned = pool.ledger.reconcile_supply(t, mint_supply)?;
        require!(
            pool.ledger.nav_usdc()?.safe_add(args.amount_usdc)? <= params.liquidity_cap_usdc,
            AutofactorError::LiquidityCapExceeded
        );
        let outcome = pool.ledger.deposit(t, args.amount_usdc)?;
        require!(outcome.shares >= args.min_shares_out, AutofactorError::SlippageExceeded);
        if t == Tranche::Senior {
            pool.ledger.require_subordination(params.min_junior_ratio_bps)?;
        }
        // Per-investor cap: the holding after the deposit, at the new price,
        // including the shares escrowed in the owner's queued withdrawals
        // (a cancel mints them back).
        let existing = Position::load(&h.position)?;
        let queued_shares = existing.as_ref().map_or(0, |p| p.queued_shares);
        let holding_shares = h.investor_shares.amount.safe_add(outcome.shares)?.safe_add(queued_shares)?;
        let holding_usdc = usdc_for_shares_floor(
            holding_shares,
            pool.ledger.tranche_value(t)?,
            pool.ledger.tranche(t).supply()?,
        )?;
        let cap_usdc = bps_of_floor(params.liquidity_cap_usdc, params.max_investor_share_bps as u64)?;
        require!(holding_usdc <= cap_usdc, AutofactorError::InvestorCapExceeded);
        pool.ledger.invariant()?;
        pool.recent_deposits.record(now, params.min_hold_secs, args.amount_usdc)?;
        let unlock_ts = existing.map_or(0, |p| p.unlock_ts).max(now.safe_add(params.min_hold_secs as i64)?);
        let position = Position {
            bump: ctx.bumps.holding.position,
            pool: pool_key,
            tranche: t,
            owner: h.investor.key(),
            unlock_ts,
            last_deposit_ts: now,
            queued_shares,
        };
        h.store_position(&position, &a.system_program)?;

        h.pool_vault.receive(&a.investor_usdc.to_account_info(), &h.investor, args.amount_usdc)?;
        h.thaw_shares()?;
        h.mint_shares(outcome.shares)?;
        if unlock_ts > now {
            h.freeze_shares()?;
        }
        h.pool_vault.require_vault_covers()?;
        h.tranche_mint.reload()?;
        let ledger = &h.pool_vault.pool.ledger;
        require!(
            h.tranche_mint.supply == ledger.tranche(t).shares_outstanding,
            AutofactorError::InvariantViolated
        );
        let deposited = Deposited {
            pool: pool_key,
            investor: h.investor.key(),
            tranche: t,
            amount_usdc: args.amount_usdc,
            shares: outcome.shares,
            snapshot: ledger.snapshot()?,
            ts: now,
            unlock_ts,
        };
        if burned > 0 {
            emit_cpi!(ExternalBurnReconciled {
                pool: pool_key,
                tranche: t,
                shares_burned: burned,
                shares_outstanding: mint_supply,
                ts: now,
            });
        }
        emit_cpi!(deposited);
        Ok(())
    }
}

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

use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::{Deposited, ExternalBurnReconciled};
use crate::math::*;
use crate::state::*;
use anchor_lang::prelude::*;
use anchor_spl::associated_token::AssociatedToken;
use anchor_spl::token_2022::Token2022;
use anchor_spl::token_interface::{self, Mint, TokenAccount, TokenInterface, TransferChecked};

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
#[instruction(args: TrancheDepositArgs)]
pub struct TrancheDeposit<'info> {
    /// The investor; pays the rent of its position on the first deposit.
    #[account(mut)]
    pub investor: Signer<'info>,
    /// The configuration.
    #[account(seeds = [PROTOCOL_SEED], bump = protocol.bump)]
    pub protocol: Box<Account<'info, ProtocolConfig>>,
    /// The investor's identity record (role: investor).
    #[account(seeds = [IDENTITY_SEED, investor.key().as_ref()], bump = investor_identity.bump)]
    pub investor_identity: Box<Account<'info, IdentityRecord>>,
    /// The pool.
    #[account(mut,
              has_one = usdc_mint @ AutofactorError::WrongUsdcMint,
              has_one = vault @ AutofactorError::WrongVault)]
    pub pool: Box<Account<'info, Pool>>,
    /// The pool's deadline calendar: no deposit while a passed
    /// invoice deadline is unapplied (F-03).
    #[account(constraint = calendar.load()?.pool == pool.key() @ AutofactorError::WrongPool)]
    pub calendar: AccountLoader<'info, PoolCalendar>,
    /// The pool's USDC mint.
    pub usdc_mint: Box<InterfaceAccount<'info, Mint>>,
    /// The pool's vault.
    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The investor's USDC account (source).
    #[account(mut, token::mint = usdc_mint, token::authority = investor, token::token_program = usdc_token_program)]
    pub investor_usdc: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The tranche's share mint.
    #[account(mut, constraint = tranche_mint.key() == pool.tranche_mint(args.tranche) @ AutofactorError::WrongTrancheMint)]
    pub tranche_mint: Box<InterfaceAccount<'info, Mint>>,
    /// The investor's share associated token account (thawed for the mint,
    /// frozen again while the holding period runs).
    #[account(mut, associated_token::mint = tranche_mint, associated_token::authority = investor,
              associated_token::token_program = tranche_token_program)]
    pub investor_shares: Box<InterfaceAccount<'info, TokenAccount>>,
    /// CHECK: the investor's position in this tranche (holding period),
    /// `["position", pool, tranche, investor]`; created by the first
    /// deposit, read and written in `handle`.
    #[account(mut, seeds = [POSITION_SEED, pool.key().as_ref(), &[args.tranche.seed()], investor.key().as_ref()], bump)]
    pub position: UncheckedAccount<'info>,
    /// Token program of USDC.
    pub usdc_token_program: Interface<'info, TokenInterface>,
    /// Token-2022.
    pub tranche_token_program: Program<'info, Token2022>,
    pub associated_token_program: Program<'info, AssociatedToken>,
    pub system_program: Program<'info, System>,
}

impl TrancheDeposit<'_> {
    /// Checks pause flags, identity and the amount.
    pub fn validate(&self, args: &TrancheDepositArgs) -> Result<()> {
        self.protocol.require_not_paused()?;
        self.pool.require_not_paused()?;
        let now = Clock::get()?.unix_timestamp;
        self.investor_identity.require_valid(&self.investor.key(), ROLE_INVESTOR, now)?;
        require!(args.amount_usdc > 0, AutofactorError::ZeroAmount);
        // The price must value every past-due invoice by its schedule.
        self.calendar.load()?.require_current(now)?;
        Ok(())
    }

    /// Books the deposit, moves the USDC and mints the shares.
    pub fn handle(ctx: Context<Self>, args: TrancheDepositArgs) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let t = args.tranche;
        let pool_key = ctx.accounts.pool.key();
        let mint_supply = ctx.accounts.tranche_mint.supply;
        crate::accrue_pool!(ctx, now);
        let pool = &mut ctx.accounts.pool;
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
        let existing = Position::load(&ctx.accounts.position)?;
        let queued_shares = existing.as_ref().map_or(0, |p| p.queued_shares);
        let holding =
            ctx.accounts.investor_shares.amount.safe_add(outcome.shares)?.safe_add(queued_shares)?;
        let holding_value =
            usdc_for_shares_floor(holding, pool.ledger.tranche_value(t)?, pool.ledger.tranche(t).supply()?)?;
        let cap = bps_of_floor(params.liquidity_cap_usdc, params.max_investor_share_bps as u64)?;
        require!(holding_value <= cap, AutofactorError::InvestorCapExceeded);
        pool.ledger.invariant()?;
        pool.recent_deposits.record(now, params.min_hold_secs, args.amount_usdc)?;
        let unlock_ts = existing.map_or(0, |p| p.unlock_ts).max(now.safe_add(params.min_hold_secs as i64)?);
        let position = Position {
            bump: ctx.bumps.position,
            pool: pool_key,
            tranche: t,
            owner: ctx.accounts.investor.key(),
            unlock_ts,
            last_deposit_ts: now,
            queued_shares,
        };
        position.store(
            &ctx.accounts.position,
            ctx.accounts.investor.to_account_info(),
            ctx.accounts.system_program.to_account_info(),
        )?;

        let a = &ctx.accounts;
        token_interface::transfer_checked(
            CpiContext::new(
                a.usdc_token_program.key(),
                TransferChecked {
                    from: a.investor_usdc.to_account_info(),
                    mint: a.usdc_mint.to_account_info(),
                    to: a.vault.to_account_info(),
                    authority: a.investor.to_account_info(),
                },
            ),
            args.amount_usdc,
            a.usdc_mint.decimals,
        )?;
        if a.investor_shares.is_frozen() {
            crate::cpi::thaw(
                &a.pool,
                a.tranche_mint.to_account_info(),
                a.investor_shares.to_account_info(),
                a.tranche_token_program.to_account_info(),
            )?;
        }
        crate::cpi::mint_shares(
            &a.pool,
            a.tranche_mint.to_account_info(),
            a.investor_shares.to_account_info(),
            a.tranche_token_program.to_account_info(),
            outcome.shares,
        )?;
        if unlock_ts > now {
            crate::cpi::freeze(
                &a.pool,
                a.tranche_mint.to_account_info(),
                a.investor_shares.to_account_info(),
                a.tranche_token_program.to_account_info(),
            )?;
        }
        ctx.accounts.vault.reload()?;
        ctx.accounts.tranche_mint.reload()?;
        let pool = &ctx.accounts.pool;
        pool.ledger.require_vault_covers(ctx.accounts.vault.amount)?;
        require!(
            ctx.accounts.tranche_mint.supply == pool.ledger.tranche(t).shares_outstanding,
            AutofactorError::InvariantViolated
        );
        let snapshot = pool.ledger.snapshot()?;
        if burned > 0 {
            emit_cpi!(ExternalBurnReconciled {
                pool: pool_key,
                tranche: t,
                shares_burned: burned,
                shares_outstanding: mint_supply,
                ts: now,
            });
        }
        emit_cpi!(Deposited {
            pool: pool_key,
            investor: ctx.accounts.investor.key(),
            tranche: t,
            amount_usdc: args.amount_usdc,
            shares: outcome.shares,
            snapshot,
            ts: now,
            unlock_ts,
        });
        Ok(())
    }
}

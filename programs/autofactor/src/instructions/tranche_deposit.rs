//! An investor deposits USDC into the senior or junior tranche and receives
//! shares at the current price (rounded down).

use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::Deposited;
use crate::math::*;
use crate::state::*;
use anchor_lang::prelude::*;
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
    /// The investor.
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
    /// The investor's share account (thawed here if still frozen).
    #[account(mut, token::mint = tranche_mint, token::authority = investor, token::token_program = tranche_token_program)]
    pub investor_shares: Box<InterfaceAccount<'info, TokenAccount>>,
    /// Token program of USDC.
    pub usdc_token_program: Interface<'info, TokenInterface>,
    /// Token-2022.
    pub tranche_token_program: Program<'info, Token2022>,
}

impl TrancheDeposit<'_> {
    /// Checks pause flags, identity and the amount.
    pub fn validate(&self, args: &TrancheDepositArgs) -> Result<()> {
        self.protocol.require_not_paused()?;
        self.pool.require_not_paused()?;
        let now = Clock::get()?.unix_timestamp;
        self.investor_identity.require_valid(&self.investor.key(), ROLE_INVESTOR, now)?;
        require!(args.amount_usdc > 0, AutofactorError::ZeroAmount);
        Ok(())
    }

    /// Books the deposit, moves the USDC and mints the shares.
    pub fn handle(ctx: Context<Self>, args: TrancheDepositArgs) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let t = args.tranche;
        let pool = &mut ctx.accounts.pool;
        let params = pool.params;
        pool.ledger.accrue(params.senior_apr_bps, now)?;
        require!(
            pool.ledger.nav_usdc()?.safe_add(args.amount_usdc)? <= params.liquidity_cap_usdc,
            AutofactorError::LiquidityCapExceeded
        );
        let outcome = pool.ledger.deposit(t, args.amount_usdc)?;
        require!(outcome.shares >= args.min_shares_out, AutofactorError::SlippageExceeded);
        if t == Tranche::Senior {
            pool.ledger.require_subordination(params.min_junior_ratio_bps)?;
        }
        // Per-investor cap: the holding after the deposit, at the new price.
        let holding = ctx.accounts.investor_shares.amount.safe_add(outcome.shares)?;
        let holding_value =
            usdc_for_shares_floor(holding, pool.ledger.tranche_value(t)?, pool.ledger.tranche(t).supply()?)?;
        let cap = bps_of_floor(params.liquidity_cap_usdc, params.max_investor_share_bps as u64)?;
        require!(holding_value <= cap, AutofactorError::InvestorCapExceeded);
        pool.ledger.invariant()?;

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
        ctx.accounts.vault.reload()?;
        ctx.accounts.tranche_mint.reload()?;
        let pool = &ctx.accounts.pool;
        pool.ledger.require_vault_covers(ctx.accounts.vault.amount)?;
        require!(
            ctx.accounts.tranche_mint.supply == pool.ledger.tranche(t).shares_outstanding,
            AutofactorError::InvariantViolated
        );
        let snapshot = pool.ledger.snapshot()?;
        emit_cpi!(Deposited {
            pool: ctx.accounts.pool.key(),
            investor: ctx.accounts.investor.key(),
            tranche: t,
            amount_usdc: args.amount_usdc,
            shares: outcome.shares,
            snapshot,
            ts: now,
        });
        Ok(())
    }
}

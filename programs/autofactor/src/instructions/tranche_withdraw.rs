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

use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::{ExternalBurnReconciled, WithdrawalQueued, Withdrawn};
use crate::math::SafeMath;
use crate::state::*;
use anchor_lang::prelude::*;
use anchor_spl::associated_token::AssociatedToken;
use anchor_spl::token_2022::{self, Burn, Token2022};
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

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
#[instruction(args: TrancheWithdrawArgs)]
pub struct TrancheWithdraw<'info> {
    /// The investor; pays the rent of a queued request (returned when it closes).
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
    /// The pool's deadline calendar: no redemption while a
    /// passed invoice deadline is unapplied (F-03).
    #[account(constraint = calendar.load()?.pool == pool.key() @ AutofactorError::WrongPool)]
    pub calendar: AccountLoader<'info, PoolCalendar>,
    /// The pool's USDC mint.
    pub usdc_mint: Box<InterfaceAccount<'info, Mint>>,
    /// The pool's vault.
    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The investor's USDC associated token account (payout destination,
    /// now or when the queued request is filled).
    #[account(mut, associated_token::mint = usdc_mint, associated_token::authority = investor,
              associated_token::token_program = usdc_token_program)]
    pub investor_usdc: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The tranche's share mint.
    #[account(mut, constraint = tranche_mint.key() == pool.tranche_mint(args.tranche) @ AutofactorError::WrongTrancheMint)]
    pub tranche_mint: Box<InterfaceAccount<'info, Mint>>,
    /// The investor's share associated token account.
    #[account(mut, associated_token::mint = tranche_mint, associated_token::authority = investor,
              associated_token::token_program = tranche_token_program)]
    pub investor_shares: Box<InterfaceAccount<'info, TokenAccount>>,
    /// CHECK: the investor's position in the tranche,
    /// `["position", pool, tranche, investor]`; may not exist (shares
    /// received by transfer), which means no holding period. Read with
    /// [`Position::unlock_ts_at`]; a queued request adds its shares to the
    /// position's `queued_shares` (creating the position, rent paid by the
    /// investor, if there is none).
    #[account(mut, seeds = [POSITION_SEED, pool.key().as_ref(), &[args.tranche.seed()], investor.key().as_ref()], bump)]
    pub position: UncheckedAccount<'info>,
    /// CHECK: the PDA the request gets if this withdrawal is queued:
    /// `["withdrawal", pool, tranche, queue_tail]`; created only then.
    #[account(mut, seeds = [WITHDRAWAL_SEED, pool.key().as_ref(), &[args.tranche.seed()],
                            &pool.ledger.tranche(args.tranche).queue_tail.to_le_bytes()], bump)]
    pub withdrawal_request: UncheckedAccount<'info>,
    /// Token program of USDC.
    pub usdc_token_program: Interface<'info, TokenInterface>,
    /// Token-2022.
    pub tranche_token_program: Program<'info, Token2022>,
    pub associated_token_program: Program<'info, AssociatedToken>,
    pub system_program: Program<'info, System>,
}

impl TrancheWithdraw<'_> {
    /// Checks pause flags, identity and the share amount.
    pub fn validate(&self, args: &TrancheWithdrawArgs) -> Result<()> {
        self.protocol.require_not_paused()?;
        self.pool.require_not_paused()?;
        let now = Clock::get()?.unix_timestamp;
        self.investor_identity.require_valid(&self.investor.key(), ROLE_INVESTOR, now)?;
        require!(args.shares > 0, AutofactorError::ZeroAmount);
        require!(self.investor_shares.amount >= args.shares, AutofactorError::InsufficientShares);
        require!(now >= Position::unlock_ts_at(&self.position)?, AutofactorError::HoldingPeriodActive);
        // The price must value every past-due invoice by its schedule (F-03).
        self.calendar.load()?.require_current(now)?;
        Ok(())
    }

    /// Burns the shares, then pays or queues.
    pub fn handle(ctx: Context<Self>, args: TrancheWithdrawArgs) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let t = args.tranche;
        let mint_supply = ctx.accounts.tranche_mint.supply;
        let a = &ctx.accounts;
        if a.investor_shares.is_frozen() {
            // Left frozen by a deposit whose holding period is over (or by a
            // lapsed identity, which `validate` found valid again).
            crate::cpi::thaw(
                &a.pool,
                a.tranche_mint.to_account_info(),
                a.investor_shares.to_account_info(),
                a.tranche_token_program.to_account_info(),
            )?;
        }
        token_2022::burn(
            CpiContext::new(
                a.tranche_token_program.key(),
                Burn {
                    mint: a.tranche_mint.to_account_info(),
                    from: a.investor_shares.to_account_info(),
                    authority: a.investor.to_account_info(),
                },
            ),
            args.shares,
        )?;

        crate::accrue_pool!(ctx, now);
        let pool = &mut ctx.accounts.pool;
        let params = pool.params;
        // Burned share tokens leave the book before the redemption is priced.
        let burned = pool.ledger.reconcile_supply(t, mint_supply)?;
        if burned > 0 {
            emit_cpi!(ExternalBurnReconciled {
                pool: ctx.accounts.pool.key(),
                tranche: t,
                shares_burned: burned,
                shares_outstanding: mint_supply,
                ts: now,
            });
        }
        let pool = &mut ctx.accounts.pool;
        if pool.ledger.can_redeem_now(t, args.shares)? {
            let out = pool.ledger.redeem_now(t, args.shares)?;
            if t == Tranche::Junior {
                pool.ledger.require_subordination(params.min_junior_ratio_bps)?;
            }
            pool.ledger.invariant()?;
            let a = &ctx.accounts;
            crate::cpi::pay_from_vault(
                &a.pool,
                a.vault.to_account_info(),
                a.investor_usdc.to_account_info(),
                a.usdc_mint.to_account_info(),
                a.usdc_mint.decimals,
                a.usdc_token_program.to_account_info(),
                out.usdc,
            )?;
            ctx.accounts.vault.reload()?;
            let pool = &ctx.accounts.pool;
            pool.ledger.require_vault_covers(ctx.accounts.vault.amount)?;
            let snapshot = pool.ledger.snapshot()?;
            emit_cpi!(Withdrawn {
                pool: ctx.accounts.pool.key(),
                investor: ctx.accounts.investor.key(),
                tranche: t,
                shares: out.shares,
                amount_usdc: out.usdc,
                snapshot,
                ts: now,
            });
            return Ok(());
        }

        let sequence = pool.ledger.enqueue(t, args.shares)?;
        pool.ledger.invariant()?;
        let pool_key = pool.key();
        // The queued shares stay the investor's for the per-investor cap.
        let mut position = Position::load(&ctx.accounts.position)?.unwrap_or(Position {
            bump: ctx.bumps.position,
            pool: pool_key,
            tranche: t,
            owner: ctx.accounts.investor.key(),
            unlock_ts: 0,
            last_deposit_ts: 0,
            queued_shares: 0,
        });
        position.queued_shares = position.queued_shares.safe_add(args.shares)?;
        position.store(
            &ctx.accounts.position,
            ctx.accounts.investor.to_account_info(),
            ctx.accounts.system_program.to_account_info(),
        )?;
        let request = WithdrawalRequest {
            pool: pool_key,
            investor: ctx.accounts.investor.key(),
            payout_token_account: ctx.accounts.investor_usdc.key(),
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
        crate::cpi::create_pda_account(
            ctx.accounts.investor.to_account_info(),
            ctx.accounts.withdrawal_request.to_account_info(),
            ctx.accounts.system_program.to_account_info(),
            space,
            &seeds,
        )?;
        {
            let info = ctx.accounts.withdrawal_request.to_account_info();
            let mut data = info.try_borrow_mut_data()?;
            let mut cursor: &mut [u8] = &mut data;
            request.try_serialize(&mut cursor)?;
        }
        emit_cpi!(WithdrawalQueued {
            pool: pool_key,
            investor: ctx.accounts.investor.key(),
            request: ctx.accounts.withdrawal_request.key(),
            tranche: t,
            sequence,
            shares: args.shares,
            ts: now,
        });
        Ok(())
    }
}

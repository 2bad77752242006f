//! A manager creates a pool: the pool account, its USDC vault, its deadline
//! calendar and the two tranche share mints (Token-2022 with default-frozen
//! accounts, so that only accounts the program thaws for verified investors
//! can hold shares).

use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::PoolCreated;
use crate::math::SafeMath;
use crate::state::*;
use anchor_lang::prelude::*;
use anchor_spl::token_2022::spl_token_2022::{
    extension::ExtensionType,
    state::{AccountState, Mint as SplMint},
};
use anchor_spl::token_2022::{initialize_mint2, InitializeMint2, Token2022};
use anchor_spl::token_interface::{
    default_account_state_initialize, initialize_account3, DefaultAccountStateInitialize, InitializeAccount3,
    Mint, TokenInterface,
};

/// Arguments of `pool_create`.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub struct PoolCreateArgs {
    /// Identifier unique among the manager's pools (part of the PDA seeds).
    pub pool_id: u64,
    /// Investor-facing parameters.
    pub params: PoolParams,
    /// Financing policy.
    pub policy: PoolPolicy,
}

#[event_cpi]
#[derive(Accounts)]
#[instruction(args: PoolCreateArgs)]
pub struct PoolCreate<'info> {
    /// The manager; pays for every account created.
    #[account(mut)]
    pub manager: Signer<'info>,
    /// The configuration.
    #[account(mut, seeds = [PROTOCOL_SEED], bump = protocol.bump)]
    pub protocol: Box<Account<'info, ProtocolConfig>>,
    /// The manager's identity record (role: manager).
    #[account(seeds = [IDENTITY_SEED, manager.key().as_ref()], bump = manager_identity.bump)]
    pub manager_identity: Box<Account<'info, IdentityRecord>>,
    /// CHECK: the pool PDA, created and written here (`8 + Pool::INIT_SPACE`
    /// bytes); refused unless still owned by the system program.
    #[account(mut, seeds = [POOL_SEED, manager.key().as_ref(), &args.pool_id.to_le_bytes()], bump)]
    pub pool: UncheckedAccount<'info>,
    /// The protocol's USDC mint.
    #[account(constraint = usdc_mint.key() == protocol.usdc_mint @ AutofactorError::WrongUsdcMint,
              mint::token_program = usdc_token_program)]
    pub usdc_mint: Box<InterfaceAccount<'info, Mint>>,
    /// CHECK: the pool's USDC vault PDA, created here as a token account of
    /// `usdc_mint` under `usdc_token_program` (authority: the pool PDA);
    /// refused unless still owned by the system program.
    #[account(mut, seeds = [VAULT_SEED, pool.key().as_ref()], bump)]
    pub vault: UncheckedAccount<'info>,
    /// CHECK: senior share mint PDA, created and initialized here.
    #[account(mut, seeds = [SENIOR_MINT_SEED, pool.key().as_ref()], bump)]
    pub senior_mint: UncheckedAccount<'info>,
    /// CHECK: junior share mint PDA, created and initialized here.
    #[account(mut, seeds = [JUNIOR_MINT_SEED, pool.key().as_ref()], bump)]
    pub junior_mint: UncheckedAccount<'info>,
    /// CHECK: the pool's deadline calendar PDA (F-03), created and
    /// initialized here (`PoolCalendar::SPACE` bytes); refused unless still
    /// owned by the system program.
    #[account(mut, seeds = [CALENDAR_SEED, pool.key().as_ref()], bump)]
    pub calendar: UncheckedAccount<'info>,
    /// Token program of the USDC mint.
    pub usdc_token_program: Interface<'info, TokenInterface>,
    /// Token-2022, owner of the share mints.
    pub tranche_token_program: Program<'info, Token2022>,
    pub system_program: Program<'info, System>,
}

impl PoolCreate<'_> {
    /// Checks protocol state, the manager's identity and the configuration.
    pub fn validate(&self, args: &PoolCreateArgs) -> Result<()> {
        self.protocol.require_not_paused()?;
        let now = Clock::get()?.unix_timestamp;
        self.manager_identity.require_valid(&self.manager.key(), ROLE_MANAGER, now)?;
        args.params.validate()?;
        args.policy.validate()?;
        Ok(())
    }

    /// Creates the pool, vault, calendar and share mints (tolerating
    /// pre-funded addresses) and writes the pool and calendar.
    pub fn handle(ctx: Context<Self>, args: PoolCreateArgs) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let pool_key = ctx.accounts.pool.key();
        let bump = ctx.bumps.pool;
        let manager_key = ctx.accounts.manager.key();
        let a = &ctx.accounts;
        let pool_id_bytes = args.pool_id.to_le_bytes();

        // The pool, vault and calendar are created by hand rather than with
        // `init` so that lamports sent to their predictable addresses
        // beforehand cannot block the pool id (F-13). A second creation is
        // refused: the pool PDA is then owned by this program.
        for info in [&a.pool, &a.vault, &a.calendar] {
            require_keys_eq!(*info.owner, System::id(), anchor_lang::error::ErrorCode::AccountNotSystemOwned);
        }

        // The pool account; written below, once the other accounts exist.
        crate::cpi::create_pda_account(
            a.manager.to_account_info(),
            a.pool.to_account_info(),
            a.system_program.to_account_info(),
            8 + Pool::INIT_SPACE,
            &[POOL_SEED, manager_key.as_ref(), &pool_id_bytes, &[bump]],
        )?;

        // The USDC vault: a token account of the USDC mint owned by the pool,
        // sized for the extensions the mint requires (as Anchor's `init`).
        let vault_space = token_account_space(&a.usdc_mint.to_account_info())?;
        crate::cpi::create_pda_account_owned_by(
            a.manager.to_account_info(),
            a.vault.to_account_info(),
            a.system_program.to_account_info(),
            vault_space,
            &[VAULT_SEED, pool_key.as_ref(), &[ctx.bumps.vault]],
            &a.usdc_token_program.key(),
        )?;
        initialize_account3(CpiContext::new(
            a.usdc_token_program.key(),
            InitializeAccount3 {
                account: a.vault.to_account_info(),
                mint: a.usdc_mint.to_account_info(),
                authority: a.pool.to_account_info(),
            },
        ))?;

        // The calendar (zero-copy): discriminator, then its fields.
        crate::cpi::create_pda_account(
            a.manager.to_account_info(),
            a.calendar.to_account_info(),
            a.system_program.to_account_info(),
            PoolCalendar::SPACE,
            &[CALENDAR_SEED, pool_key.as_ref(), &[ctx.bumps.calendar]],
        )?;
        {
            let info = a.calendar.to_account_info();
            let disc = PoolCalendar::DISCRIMINATOR;
            let mut data = info.try_borrow_mut_data()?;
            data[..disc.len()].copy_from_slice(disc);
            let calendar: &mut PoolCalendar =
                anchor_lang::__private::bytemuck::from_bytes_mut(&mut data[disc.len()..PoolCalendar::SPACE]);
            calendar.init(pool_key, ctx.bumps.calendar, now);
        }

        for (mint, seed, mint_bump) in [
            (&ctx.accounts.senior_mint, SENIOR_MINT_SEED, ctx.bumps.senior_mint),
            (&ctx.accounts.junior_mint, JUNIOR_MINT_SEED, ctx.bumps.junior_mint),
        ] {
            create_tranche_mint(
                &ctx.accounts.manager,
                mint,
                &[seed, pool_key.as_ref(), &[mint_bump]],
                &pool_key,
                &ctx.accounts.tranche_token_program,
                &ctx.accounts.system_program,
            )?;
        }

        let pool = Box::new(Pool {
            bump,
            vault_bump: ctx.bumps.vault,
            senior_mint_bump: ctx.bumps.senior_mint,
            junior_mint_bump: ctx.bumps.junior_mint,
            paused: false,
            pool_id: args.pool_id,
            manager: manager_key,
            usdc_mint: ctx.accounts.usdc_mint.key(),
            vault: ctx.accounts.vault.key(),
            senior_mint: ctx.accounts.senior_mint.key(),
            junior_mint: ctx.accounts.junior_mint.key(),
            params: args.params,
            policy: args.policy,
            ledger: PoolLedger::new(now),
            created_ts: now,
            pending_risk_change: PendingRiskChange::default(),
            recent_deposits: RecentDeposits { bucket_start_ts: now, current_usdc: 0, previous_usdc: 0 },
            reserved: [0; 212],
        });
        pool.ledger.invariant()?;
        crate::cpi::write_account(&ctx.accounts.pool.to_account_info(), pool.as_ref())?;
        let protocol = &mut ctx.accounts.protocol;
        protocol.pool_count = protocol.pool_count.safe_add(1)?;

        emit_cpi!(PoolCreated {
            pool: pool_key,
            manager: manager_key,
            pool_id: args.pool_id,
            usdc_mint: ctx.accounts.usdc_mint.key(),
            vault: ctx.accounts.vault.key(),
            senior_mint: ctx.accounts.senior_mint.key(),
            junior_mint: ctx.accounts.junior_mint.key(),
            params: args.params,
            policy: args.policy,
        });
        Ok(())
    }
}

/// Size of a token account of `mint`: the base layout plus the extensions
/// a Token-2022 mint requires on its accounts (the computation of Anchor's
/// `init` for token accounts).
fn token_account_space(mint: &AccountInfo) -> Result<usize> {
    use anchor_spl::token_2022::spl_token_2022::extension::{BaseStateWithExtensions, StateWithExtensions};
    use anchor_spl::token_2022::spl_token_2022::state::Account as SplAccount;
    if *mint.owner != Token2022::id() {
        return Ok(anchor_spl::token::TokenAccount::LEN);
    }
    let data = mint.try_borrow_data()?;
    let state = StateWithExtensions::<SplMint>::unpack(&data)?;
    let required = ExtensionType::get_required_init_account_extensions(&state.get_extension_types()?);
    Ok(ExtensionType::try_calculate_account_len::<SplAccount>(&required)?)
}

/// Creates a Token-2022 mint at a PDA with the DefaultAccountState(Frozen)
/// extension; the pool is mint and freeze authority.
fn create_tranche_mint<'info>(
    payer: &Signer<'info>,
    mint: &UncheckedAccount<'info>,
    mint_seeds: &[&[u8]],
    pool: &Pubkey,
    token_program: &Program<'info, Token2022>,
    system_program: &Program<'info, System>,
) -> Result<()> {
    let space = ExtensionType::try_calculate_account_len::<SplMint>(&[ExtensionType::DefaultAccountState])?;
    // Tolerates lamports sent to the predictable mint address beforehand,
    // which would make a plain `create_account` fail (F-13).
    crate::cpi::create_pda_account_owned_by(
        payer.to_account_info(),
        mint.to_account_info(),
        system_program.to_account_info(),
        space,
        mint_seeds,
        &token_program.key(),
    )?;
    default_account_state_initialize(
        CpiContext::new(
            token_program.key(),
            DefaultAccountStateInitialize {
                token_program_id: token_program.to_account_info(),
                mint: mint.to_account_info(),
            },
        ),
        &AccountState::Frozen,
    )?;
    initialize_mint2(
        CpiContext::new(token_program.key(), InitializeMint2 { mint: mint.to_account_info() }),
        TRANCHE_DECIMALS,
        pool,
        Some(pool),
    )?;
    Ok(())
}

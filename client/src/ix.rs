//! One builder per program instruction. Each takes the signers' and
//! arguments' keys and derives every PDA itself.

use crate::{pda, ATA_PROGRAM_ID, PROGRAM_ID, TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID};
use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use anchor_lang::system_program;
use anchor_lang::{InstructionData, ToAccountMetas};
use autofactor::accounts as acc;
use autofactor::instruction as data;
use autofactor::instructions::*;
use autofactor::state::{IdentityTerms, Pool, PoolParams, PoolPolicy, Tranche};

fn build(accounts: impl ToAccountMetas, data: impl InstructionData) -> Instruction {
    Instruction { program_id: PROGRAM_ID, accounts: accounts.to_account_metas(None), data: data.data() }
}

fn ea() -> Pubkey {
    pda::event_authority()
}

/// `protocol_initialize`
pub fn protocol_initialize(
    admin: &Pubkey,
    usdc_mint: &Pubkey,
    treasury: &Pubkey,
    protocol_fee_bps: u16,
) -> Instruction {
    build(
        acc::ProtocolInitialize {
            admin: *admin,
            protocol: pda::protocol(),
            usdc_mint: *usdc_mint,
            system_program: system_program::ID,
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::ProtocolInitialize { args: ProtocolInitializeArgs { treasury: *treasury, protocol_fee_bps } },
    )
}

/// `protocol_update`
pub fn protocol_update(admin: &Pubkey, protocol_fee_bps: u16, treasury: &Pubkey) -> Instruction {
    build(
        acc::ProtocolUpdate {
            admin: *admin,
            protocol: pda::protocol(),
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::ProtocolUpdate { args: ProtocolUpdateArgs { protocol_fee_bps, treasury: *treasury } },
    )
}

/// `protocol_set_paused`
pub fn protocol_set_paused(admin: &Pubkey, paused: bool) -> Instruction {
    build(
        acc::ProtocolSetPaused {
            admin: *admin,
            protocol: pda::protocol(),
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::ProtocolSetPaused { paused },
    )
}

/// `protocol_admin_propose`
pub fn protocol_admin_propose(admin: &Pubkey, new_admin: &Pubkey) -> Instruction {
    build(
        acc::ProtocolAdminPropose {
            admin: *admin,
            protocol: pda::protocol(),
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::ProtocolAdminPropose { new_admin: *new_admin },
    )
}

/// `protocol_admin_accept`
pub fn protocol_admin_accept(new_admin: &Pubkey) -> Instruction {
    build(
        acc::ProtocolAdminAccept {
            new_admin: *new_admin,
            protocol: pda::protocol(),
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::ProtocolAdminAccept {},
    )
}

/// `issuer_register`
pub fn issuer_register(admin: &Pubkey, authority: &Pubkey, name: &str) -> Instruction {
    build(
        acc::IssuerRegister {
            admin: *admin,
            protocol: pda::protocol(),
            authority: *authority,
            issuer: pda::issuer(authority),
            system_program: system_program::ID,
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::IssuerRegister { name: name.to_string() },
    )
}

/// `issuer_set_active`
pub fn issuer_set_active(admin: &Pubkey, authority: &Pubkey, active: bool) -> Instruction {
    build(
        acc::IssuerSetActive {
            admin: *admin,
            protocol: pda::protocol(),
            issuer: pda::issuer(authority),
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::IssuerSetActive { active },
    )
}

/// `identity_issue`
pub fn identity_issue(issuer_authority: &Pubkey, wallet: &Pubkey, terms: IdentityTerms) -> Instruction {
    build(
        acc::IdentityIssue {
            authority: *issuer_authority,
            issuer: pda::issuer(issuer_authority),
            wallet: *wallet,
            record: pda::identity(wallet),
            system_program: system_program::ID,
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::IdentityIssue { terms },
    )
}

/// `identity_update`
pub fn identity_update(issuer_authority: &Pubkey, wallet: &Pubkey, terms: IdentityTerms) -> Instruction {
    build(
        acc::IdentityUpdate {
            authority: *issuer_authority,
            issuer: pda::issuer(issuer_authority),
            record: pda::identity(wallet),
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::IdentityUpdate { terms },
    )
}

/// `identity_revoke`
pub fn identity_revoke(issuer_authority: &Pubkey, wallet: &Pubkey) -> Instruction {
    build(
        acc::IdentityRevoke {
            authority: *issuer_authority,
            record: pda::identity(wallet),
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::IdentityRevoke {},
    )
}

/// `pool_create` (USDC under SPL Token).
pub fn pool_create(
    manager: &Pubkey,
    usdc_mint: &Pubkey,
    pool_id: u64,
    params: PoolParams,
    policy: PoolPolicy,
) -> Instruction {
    let pool = pda::pool(manager, pool_id);
    build(
        acc::PoolCreate {
            manager: *manager,
            protocol: pda::protocol(),
            manager_identity: pda::identity(manager),
            pool,
            usdc_mint: *usdc_mint,
            vault: pda::vault(&pool),
            senior_mint: pda::senior_mint(&pool),
            junior_mint: pda::junior_mint(&pool),
            usdc_token_program: TOKEN_PROGRAM_ID,
            tranche_token_program: TOKEN_2022_PROGRAM_ID,
            system_program: system_program::ID,
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::PoolCreate { args: PoolCreateArgs { pool_id, params, policy } },
    )
}

/// `pool_update_config`
pub fn pool_update_config(
    manager: &Pubkey,
    pool: &Pubkey,
    params: PoolParams,
    policy: PoolPolicy,
) -> Instruction {
    build(
        acc::PoolUpdateConfig {
            manager: *manager,
            protocol: pda::protocol(),
            manager_identity: pda::identity(manager),
            pool: *pool,
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::PoolUpdateConfig { args: PoolUpdateConfigArgs { params, policy } },
    )
}

/// `pool_set_paused`
pub fn pool_set_paused(manager: &Pubkey, pool: &Pubkey, paused: bool) -> Instruction {
    build(
        acc::PoolSetPaused { manager: *manager, pool: *pool, event_authority: ea(), program: PROGRAM_ID },
        data::PoolSetPaused { paused },
    )
}

/// `pool_refresh`
pub fn pool_refresh(pool: &Pubkey) -> Instruction {
    build(
        acc::PoolRefresh {
            protocol: pda::protocol(),
            pool: *pool,
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::PoolRefresh {},
    )
}

/// The addresses every tranche instruction of one pool needs.
#[derive(Clone, Copy, Debug)]
pub struct PoolKeys {
    /// The pool.
    pub pool: Pubkey,
    /// Its USDC mint.
    pub usdc_mint: Pubkey,
    /// Its vault.
    pub vault: Pubkey,
    /// Senior share mint.
    pub senior_mint: Pubkey,
    /// Junior share mint.
    pub junior_mint: Pubkey,
}

impl PoolKeys {
    /// Keys of the pool `pool_id` of `manager` for `usdc_mint`.
    pub fn derive(manager: &Pubkey, pool_id: u64, usdc_mint: &Pubkey) -> Self {
        let pool = pda::pool(manager, pool_id);
        Self {
            pool,
            usdc_mint: *usdc_mint,
            vault: pda::vault(&pool),
            senior_mint: pda::senior_mint(&pool),
            junior_mint: pda::junior_mint(&pool),
        }
    }

    /// Keys read from a decoded pool account.
    pub fn from_pool(pool_address: &Pubkey, pool: &Pool) -> Self {
        Self {
            pool: *pool_address,
            usdc_mint: pool.usdc_mint,
            vault: pool.vault,
            senior_mint: pool.senior_mint,
            junior_mint: pool.junior_mint,
        }
    }

    /// Share mint of a tranche.
    pub fn tranche_mint(&self, t: Tranche) -> Pubkey {
        match t {
            Tranche::Senior => self.senior_mint,
            Tranche::Junior => self.junior_mint,
        }
    }

    /// `owner`'s USDC associated token account.
    pub fn usdc_ata(&self, owner: &Pubkey) -> Pubkey {
        pda::ata(owner, &self.usdc_mint, &TOKEN_PROGRAM_ID)
    }

    /// `owner`'s share associated token account for a tranche.
    pub fn shares_ata(&self, owner: &Pubkey, t: Tranche) -> Pubkey {
        pda::ata(owner, &self.tranche_mint(t), &TOKEN_2022_PROGRAM_ID)
    }
}

/// Creates `owner`'s share ATA for a tranche if missing (idempotent; new
/// accounts start frozen until the pool thaws them).
pub fn create_shares_ata(payer: &Pubkey, owner: &Pubkey, keys: &PoolKeys, t: Tranche) -> Instruction {
    anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent(
        payer,
        owner,
        &keys.tranche_mint(t),
        &TOKEN_2022_PROGRAM_ID,
    )
}

/// `tranche_account_thaw` for `owner`'s share ATA.
pub fn tranche_account_thaw(keys: &PoolKeys, owner: &Pubkey, tranche: Tranche) -> Instruction {
    build(
        acc::TrancheAccountThaw {
            protocol: pda::protocol(),
            pool: keys.pool,
            tranche_mint: keys.tranche_mint(tranche),
            token_account: keys.shares_ata(owner, tranche),
            owner_identity: pda::identity(owner),
            tranche_token_program: TOKEN_2022_PROGRAM_ID,
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::TrancheAccountThaw { tranche },
    )
}

/// `tranche_account_freeze` for `owner`'s share ATA.
pub fn tranche_account_freeze(keys: &PoolKeys, owner: &Pubkey, tranche: Tranche) -> Instruction {
    build(
        acc::TrancheAccountFreeze {
            protocol: pda::protocol(),
            pool: keys.pool,
            tranche_mint: keys.tranche_mint(tranche),
            token_account: keys.shares_ata(owner, tranche),
            owner_identity: pda::identity(owner),
            tranche_token_program: TOKEN_2022_PROGRAM_ID,
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::TrancheAccountFreeze { tranche },
    )
}

/// `tranche_deposit` from `investor`'s USDC ATA into its share ATA.
pub fn tranche_deposit(
    keys: &PoolKeys,
    investor: &Pubkey,
    tranche: Tranche,
    amount_usdc: u64,
    min_shares_out: u64,
) -> Instruction {
    build(
        acc::TrancheDeposit {
            investor: *investor,
            protocol: pda::protocol(),
            investor_identity: pda::identity(investor),
            pool: keys.pool,
            usdc_mint: keys.usdc_mint,
            vault: keys.vault,
            investor_usdc: keys.usdc_ata(investor),
            tranche_mint: keys.tranche_mint(tranche),
            investor_shares: keys.shares_ata(investor, tranche),
            usdc_token_program: TOKEN_PROGRAM_ID,
            tranche_token_program: TOKEN_2022_PROGRAM_ID,
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::TrancheDeposit { args: TrancheDepositArgs { tranche, amount_usdc, min_shares_out } },
    )
}

/// `tranche_withdraw`; `queue_tail` is the tranche's current queue tail
/// (read from the pool) so the would-be request PDA can be passed.
pub fn tranche_withdraw(
    keys: &PoolKeys,
    investor: &Pubkey,
    tranche: Tranche,
    shares: u64,
    queue_tail: u64,
) -> Instruction {
    build(
        acc::TrancheWithdraw {
            investor: *investor,
            protocol: pda::protocol(),
            investor_identity: pda::identity(investor),
            pool: keys.pool,
            usdc_mint: keys.usdc_mint,
            vault: keys.vault,
            investor_usdc: keys.usdc_ata(investor),
            tranche_mint: keys.tranche_mint(tranche),
            investor_shares: keys.shares_ata(investor, tranche),
            withdrawal_request: pda::withdrawal_request(&keys.pool, tranche, queue_tail),
            usdc_token_program: TOKEN_PROGRAM_ID,
            tranche_token_program: TOKEN_2022_PROGRAM_ID,
            associated_token_program: ATA_PROGRAM_ID,
            system_program: system_program::ID,
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::TrancheWithdraw { args: TrancheWithdrawArgs { tranche, shares } },
    )
}

/// `withdrawal_fill` of the request at `queue_head`, owned by `investor`.
pub fn withdrawal_fill(
    keys: &PoolKeys,
    keeper: &Pubkey,
    tranche: Tranche,
    queue_head: u64,
    investor: &Pubkey,
) -> Instruction {
    build(
        acc::WithdrawalFill {
            keeper: *keeper,
            protocol: pda::protocol(),
            pool: keys.pool,
            usdc_mint: keys.usdc_mint,
            vault: keys.vault,
            withdrawal_request: pda::withdrawal_request(&keys.pool, tranche, queue_head),
            investor: *investor,
            investor_usdc: keys.usdc_ata(investor),
            usdc_token_program: TOKEN_PROGRAM_ID,
            associated_token_program: ATA_PROGRAM_ID,
            system_program: system_program::ID,
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::WithdrawalFill { tranche },
    )
}

/// `withdrawal_cancel` of `investor`'s request `sequence`.
pub fn withdrawal_cancel(keys: &PoolKeys, investor: &Pubkey, tranche: Tranche, sequence: u64) -> Instruction {
    build(
        acc::WithdrawalCancel {
            investor: *investor,
            protocol: pda::protocol(),
            pool: keys.pool,
            withdrawal_request: pda::withdrawal_request(&keys.pool, tranche, sequence),
            tranche_mint: keys.tranche_mint(tranche),
            investor_shares: keys.shares_ata(investor, tranche),
            tranche_token_program: TOKEN_2022_PROGRAM_ID,
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::WithdrawalCancel {},
    )
}

//! F-13: anyone can send lamports to a pool's predictable share-mint PDAs
//! before the manager creates the pool. `pool_create` must still succeed,
//! with the mints exactly as without the donation (a donation above the
//! rent stays in the account).
//!
//!
//! The same holds for the pool, vault and calendar PDAs (created by hand
//! with `cpi::create_pda_account*` rather than Anchor's `init`, whose
//! pre-funded path the runtime refuses), and the pool then works: a
//! deposit lands in the vault. A second `pool_create` of the same id is
//! still refused (`AccountNotSystemOwned`), changing nothing.

use anchor_lang::solana_program::system_instruction;
use anchor_spl::token_2022::spl_token_2022::{
    extension::{default_account_state::DefaultAccountState, BaseStateWithExtensions, StateWithExtensions},
    state::{AccountState, Mint},
};
use autofactor_client::constants::*;
use autofactor_client::state::Tranche;
use autofactor_client::{ix, pda, PROGRAM_ID, TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID};
use autofactor_tests::*;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::Signer;

#[tokio::test]
async fn pre_funded_pool_addresses_do_not_block_pool_create() {
    // (pool id, which addresses get lamports, how many)
    let cases: [(u64, &[&str], u64); 5] = [
        (1, &["senior_mint"], 1_000_000),
        // Above the mint's rent (≈ 0.0024 SOL for a mint with one extension).
        (2, &["junior_mint"], 5_000_000),
        (3, &["senior_mint", "junior_mint"], 1_000_000),
        // Far more than the rent: the surplus simply stays in the mint.
        (4, &["senior_mint"], 10_000_000_000),
        (5, &[], 0),
    ];
    let mut env = Env::new().await;
    let manager = env.user(ROLE_MANAGER).await;
    let usdc = env.usdc_mint;
    let rent = env.ctx.banks_client.get_rent().await.unwrap();
    for (pool_id, targets, lamports) in cases {
        let pool = pda::pool(&manager.pubkey(), pool_id);
        let address = |name: &str| -> Pubkey {
            match name {
                "senior_mint" => pda::senior_mint(&pool),
                "junior_mint" => pda::junior_mint(&pool),
                "vault" => pda::vault(&pool),
                _ => pool,
            }
        };
        // The griefer's donations.
        let griefer = env.payer();
        for t in targets {
            let to = address(t);
            env.ok(&[system_instruction::transfer(&griefer.pubkey(), &to, lamports)], &[]).await;
        }
        env.ok(
            &[ix::pool_create(&manager.pubkey(), &usdc, pool_id, default_params(), default_policy())],
            &[&manager],
        )
        .await;
        let keys = ix::PoolKeys::derive(&manager.pubkey(), pool_id, &usdc);
        let state = env.pool_state(&keys).await;
        assert_eq!((state.senior_mint, state.junior_mint), (keys.senior_mint, keys.junior_mint));
        for mint in [keys.senior_mint, keys.junior_mint] {
            let acc = env.account(&mint).await.unwrap();
            assert_eq!(acc.owner, TOKEN_2022_PROGRAM_ID);
            let m = StateWithExtensions::<Mint>::unpack(&acc.data).unwrap();
            assert_eq!((m.base.supply, m.base.decimals, m.base.mint_authority), (0, 6, Some(pool).into()));
            let das = m.get_extension::<DefaultAccountState>().unwrap();
            assert_eq!(das.state, AccountState::Frozen as u8);
            let donated = if targets.iter().any(|t| address(t) == mint) { lamports } else { 0 };
            let min = rent.minimum_balance(acc.data.len());
            assert_eq!(acc.lamports, min.max(donated), "mint lamports: rent, or the donation when larger");
        }
        println!("pool {pool_id}: created despite donations to {targets:?}");
    }
}

#[tokio::test]
async fn pre_funded_pool_vault_and_calendar_do_not_block_pool_create() {
    // (pool id, which addresses get lamports, how many)
    let cases: [(u64, &[&str], u64); 5] = [
        (1, &["pool"], 1_000_000),
        (2, &["vault"], 1_000_000),
        (3, &["calendar"], 1_000_000),
        // Far more than any of the rents: the surplus stays in the account.
        (4, &["pool", "vault", "calendar"], 10_000_000_000),
        (5, &["pool", "vault", "calendar", "senior_mint", "junior_mint"], 1_000_000),
    ];
    let mut env = Env::new().await;
    let manager = env.user(ROLE_MANAGER).await;
    let usdc = env.usdc_mint;
    let rent = env.ctx.banks_client.get_rent().await.unwrap();
    for (pool_id, targets, lamports) in cases {
        let pool = pda::pool(&manager.pubkey(), pool_id);
        let address = |name: &str| -> Pubkey {
            match name {
                "senior_mint" => pda::senior_mint(&pool),
                "junior_mint" => pda::junior_mint(&pool),
                "vault" => pda::vault(&pool),
                "calendar" => pda::calendar(&pool),
                _ => pool,
            }
        };
        let griefer = env.payer();
        for t in targets {
            let to = address(t);
            env.ok(&[system_instruction::transfer(&griefer.pubkey(), &to, lamports)], &[]).await;
        }
        let create = ix::pool_create(&manager.pubkey(), &usdc, pool_id, default_params(), default_policy());
        env.ok(std::slice::from_ref(&create), &[&manager]).await;
        let keys = ix::PoolKeys::derive(&manager.pubkey(), pool_id, &usdc);
        let state = env.pool_state(&keys).await;
        assert_eq!((state.pool_id, state.manager, state.vault), (pool_id, manager.pubkey(), keys.vault));

        // Owners, and lamports: the rent, or the donation when larger.
        for (name, owner) in [("pool", PROGRAM_ID), ("vault", TOKEN_PROGRAM_ID), ("calendar", PROGRAM_ID)] {
            let acc = env.account(&address(name)).await.unwrap();
            assert_eq!(acc.owner, owner, "{name} owner");
            let donated = if targets.contains(&name) { lamports } else { 0 };
            assert_eq!(acc.lamports, rent.minimum_balance(acc.data.len()).max(donated), "{name} lamports");
        }
        let calendar = env.account(&address("calendar")).await.unwrap();
        assert_eq!(calendar.data.len(), autofactor_client::state::PoolCalendar::SPACE);
        assert_eq!(&calendar.data[8..40], pool.as_ref(), "calendar belongs to the pool");

        // The pool works: a deposit lands in the vault.
        let investor = env.investor(100 * USDC).await;
        env.deposit(&keys, &investor, Tranche::Junior, 100 * USDC).await;
        assert_eq!(env.token_balance(&keys.vault).await, 100 * USDC);

        // A second creation of the same pool id is refused, changing nothing.
        env.assert_error(&[create], &[&manager], anchor_lang::error::ErrorCode::AccountNotSystemOwned as u32)
            .await;
    }
}

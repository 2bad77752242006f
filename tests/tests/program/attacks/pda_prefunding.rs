//! F-13: anyone can send lamports to a pool's predictable share-mint PDAs
//! before the manager creates the pool. `pool_create` must still succeed,
//! with the mints exactly as without the donation (a donation above the
//! rent stays in the account).
//!
//! Not covered: the pool, vault and calendar PDAs are created by Anchor's
//! `init`, which on a pre-funded address uses the system program's
//! `CreateAccountAllowPrefund`; the test runtime does not support it yet
//! (`InvalidInstructionData`), so donations to those three addresses still
//! block that pool id (docs/SECURITY.md).

use anchor_lang::solana_program::system_instruction;
use anchor_spl::token_2022::spl_token_2022::{
    extension::{default_account_state::DefaultAccountState, BaseStateWithExtensions, StateWithExtensions},
    state::{AccountState, Mint},
};
use autofactor_client::constants::*;
use autofactor_client::{ix, pda, TOKEN_2022_PROGRAM_ID};
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

//! Token-2022 pitfalls of the share mints (F-01, F-04): a holder burning
//! share tokens outside the program, and handing a share account to another
//! wallet with `SetAuthority`.
//!
//! Also the share-token helpers the other attack modules use.

use anchor_spl::token_2022::spl_token_2022::error::TokenError;
use anchor_spl::token_2022::spl_token_2022::instruction as t22;
use anchor_spl::token_2022::spl_token_2022::state::AccountState;
use autofactor_client::constants::*;
use autofactor_client::events::*;
use autofactor_client::state::Tranche;
use autofactor_client::{ix, TOKEN_2022_PROGRAM_ID};
use autofactor_tests::*;
use solana_sdk::instruction::Instruction;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signer};

/// Token-2022 `Burn` of `amount` share units from `account`, signed by its owner.
pub fn burn_ix(
    keys: &ix::PoolKeys,
    t: Tranche,
    account: &Pubkey,
    owner: &Pubkey,
    amount: u64,
) -> Instruction {
    t22::burn(&TOKEN_2022_PROGRAM_ID, account, &keys.tranche_mint(t), owner, &[], amount).unwrap()
}

/// Token-2022 `TransferChecked` of `amount` share units.
pub fn transfer_ix(
    keys: &ix::PoolKeys,
    t: Tranche,
    from: &Pubkey,
    to: &Pubkey,
    owner: &Pubkey,
    amount: u64,
) -> Instruction {
    t22::transfer_checked(
        &TOKEN_2022_PROGRAM_ID,
        from,
        &keys.tranche_mint(t),
        to,
        owner,
        &[],
        amount,
        TRANCHE_DECIMALS,
    )
    .unwrap()
}

/// Token-2022 `SetAuthority(AccountOwner → new_owner)` on `account`.
pub fn set_owner_ix(account: &Pubkey, owner: &Pubkey, new_owner: &Pubkey) -> Instruction {
    t22::set_authority(
        &TOKEN_2022_PROGRAM_ID,
        account,
        Some(new_owner),
        t22::AuthorityType::AccountOwner,
        owner,
        &[],
    )
    .unwrap()
}

/// A share account of `owner` for the tranche that is NOT its associated
/// token account (CreateAccount + InitializeAccount3, no ImmutableOwner),
/// as the F-04 attack makes it. It starts frozen (the mint's default state).
pub async fn non_ata_share_account(env: &mut Env, keys: &ix::PoolKeys, t: Tranche, owner: &Pubkey) -> Pubkey {
    let account = Keypair::new();
    let payer = env.payer();
    let space = 165usize;
    let rent = env.ctx.banks_client.get_rent().await.unwrap().minimum_balance(space);
    let ixs = [
        anchor_lang::solana_program::system_instruction::create_account(
            &payer.pubkey(),
            &account.pubkey(),
            rent,
            space as u64,
            &TOKEN_2022_PROGRAM_ID,
        ),
        t22::initialize_account3(&TOKEN_2022_PROGRAM_ID, &account.pubkey(), &keys.tranche_mint(t), owner)
            .unwrap(),
    ];
    env.ok(&ixs, &[&account]).await;
    account.pubkey()
}

/// Thaws a token account by writing its state byte. Stands in for a share
/// account thawed before the fix (a deposit into a non-ATA account did
/// that); nothing in the program can thaw a non-ATA account any more.
pub async fn force_thawed(env: &mut Env, account: &Pubkey) {
    let mut acc = env.account(account).await.unwrap();
    acc.data[108] = AccountState::Initialized as u8;
    env.ctx.set_account(account, &acc.into());
}

/// The error code of a Token-2022 failure.
pub fn token_error(e: TokenError) -> u32 {
    e as u32
}

/// A verified investor with `usdc` deposited in the junior tranche of a
/// default pool and the holding period over; its share ATA is thawed.
async fn holder_past_the_lock(env: &mut Env, keys: &ix::PoolKeys, usdc: u64) -> Keypair {
    let j = env.investor(usdc).await;
    env.deposit(keys, &j, Tranche::Junior, usdc).await;
    env.warp_seconds(DEFAULT_MIN_HOLD_SECS as i64).await;
    env.ok(&[ix::tranche_account_thaw(keys, &j.pubkey(), Tranche::Junior)], &[]).await;
    j
}

/// F-01: one share unit burned outside the program used to disable every
/// later deposit (InvariantViolated). Now the burn is reconciled: the next
/// deposit succeeds and is priced with the smaller supply, so the burned
/// unit's value went to the remaining holders.
#[tokio::test]
async fn an_external_burn_never_blocks_deposits_and_raises_the_price() {
    let mut env = Env::new().await;
    let (_m, keys) = env.pool().await;
    let j = holder_past_the_lock(&mut env, &keys, 1_000 * USDC).await;
    let ata = keys.shares_ata(&j.pubkey(), Tranche::Junior);

    // The attack: a top-level Token-2022 Burn of one share unit.
    env.ok(&[burn_ix(&keys, Tranche::Junior, &ata, &j.pubkey(), 1)], &[&j]).await;
    assert_eq!(env.mint_supply(&keys.junior_mint).await, 1_000 * USDC - LOCKED_SHARES - 1);
    assert_eq!(env.pool_state(&keys).await.ledger.junior.shares_outstanding, 1_000 * USDC - LOCKED_SHARES);

    let k = env.investor(200 * USDC).await;
    let out = env.deposit(&keys, &k, Tranche::Junior, 100 * USDC).await;
    let r = out.event::<ExternalBurnReconciled>();
    assert_eq!((r.tranche, r.shares_burned, r.shares_outstanding), (Tranche::Junior, 1, 999_998_999));
    // 100 USDC × 999,999,999 shares (incl. 1,000 locked) / 1,000 USDC, rounded down.
    assert_eq!(out.event::<Deposited>().shares, 99_999_999);
    let pool = env.pool_state(&keys).await;
    assert_eq!(pool.ledger.junior.shares_outstanding, 999_998_999 + 99_999_999);
    assert_eq!(env.mint_supply(&keys.junior_mint).await, pool.ledger.junior.shares_outstanding);

    // In sync again: the next deposit reconciles nothing.
    let out = env.deposit(&keys, &k, Tranche::Junior, 100 * USDC).await;
    assert!(out.events::<ExternalBurnReconciled>().is_empty());
    assert_eq!(out.event::<Deposited>().shares, 99_999_999);
}

/// F-01 on the way out: a burn never blocks withdrawals, and the remaining
/// holders redeem at the price the burn raised.
#[tokio::test]
async fn an_external_burn_never_blocks_withdrawals_and_its_value_goes_to_the_others() {
    let mut env = Env::new().await;
    let (_m, keys) = env.pool().await;
    let j = env.investor(1_000 * USDC).await;
    let k = env.investor(1_000 * USDC).await;
    env.deposit(&keys, &j, Tranche::Junior, 1_000 * USDC).await;
    env.deposit(&keys, &k, Tranche::Junior, 1_000 * USDC).await;
    env.warp_seconds(DEFAULT_MIN_HOLD_SECS as i64).await;
    env.ok(&[ix::tranche_account_thaw(&keys, &j.pubkey(), Tranche::Junior)], &[]).await;
    let ata = keys.shares_ata(&j.pubkey(), Tranche::Junior);
    // j burns one whole share.
    env.ok(&[burn_ix(&keys, Tranche::Junior, &ata, &j.pubkey(), USDC)], &[&j]).await;

    let pool = env.pool_state(&keys).await;
    let out = env
        .ok(
            &[ix::tranche_withdraw(
                &keys,
                &k.pubkey(),
                Tranche::Junior,
                500 * USDC,
                pool.ledger.junior.queue_tail,
            )],
            &[&k],
        )
        .await;
    let r = out.event::<ExternalBurnReconciled>();
    assert_eq!((r.shares_burned, r.shares_outstanding), (USDC, 1_998_999_000));
    // 500 shares × 2,000 USDC / 1,999 shares = 500.250125 USDC (not 500).
    assert_eq!(out.event::<Withdrawn>().amount_usdc, 500_250_125);
    assert_eq!(env.token_balance(&keys.usdc_ata(&k.pubkey())).await, 500_250_125);
    let pool = env.pool_state(&keys).await;
    assert_eq!(pool.ledger.junior.shares_outstanding, 1_498_999_000);
    assert_eq!(env.mint_supply(&keys.junior_mint).await, pool.ledger.junior.shares_outstanding);
}

/// F-01 on the senior mint: reconciled the same way.
#[tokio::test]
async fn an_external_senior_burn_is_reconciled_too() {
    let mut env = Env::new().await;
    let (_m, keys) = env.pool().await;
    let j = env.investor(2_000 * USDC).await;
    let s = env.investor(4_000 * USDC).await;
    env.deposit(&keys, &j, Tranche::Junior, 2_000 * USDC).await;
    env.deposit(&keys, &s, Tranche::Senior, 2_000 * USDC).await;
    env.warp_seconds(DEFAULT_MIN_HOLD_SECS as i64).await;
    env.ok(&[ix::tranche_account_thaw(&keys, &s.pubkey(), Tranche::Senior)], &[]).await;
    let ata = keys.shares_ata(&s.pubkey(), Tranche::Senior);
    env.ok(&[burn_ix(&keys, Tranche::Senior, &ata, &s.pubkey(), 7)], &[&s]).await;
    let out =
        env.ok(&[ix::tranche_deposit(&keys, &s.pubkey(), Tranche::Senior, 1_000 * USDC, 0)], &[&s]).await;
    let r = out.event::<ExternalBurnReconciled>();
    assert_eq!((r.tranche, r.shares_burned, r.shares_outstanding), (Tranche::Senior, 7, 1_999_998_993));
    let pool = env.pool_state(&keys).await;
    assert_eq!(env.mint_supply(&keys.senior_mint).await, pool.ledger.senior.shares_outstanding);
    assert_eq!(pool.ledger.senior.shares_outstanding, 1_999_998_993 + out.event::<Deposited>().shares);
}

/// F-04: share ATAs carry ImmutableOwner, so even a thawed one cannot be
/// handed to another wallet with SetAuthority.
#[tokio::test]
async fn a_share_ata_cannot_change_owner() {
    let mut env = Env::new().await;
    let (_m, keys) = env.pool().await;
    let j = holder_past_the_lock(&mut env, &keys, 1_000 * USDC).await;
    let ata = keys.shares_ata(&j.pubkey(), Tranche::Junior);
    assert_eq!(env.token_account(&ata).await.state, AccountState::Initialized);
    let unverified = Keypair::new().pubkey();
    env.assert_error(
        &[set_owner_ix(&ata, &j.pubkey(), &unverified)],
        &[&j],
        token_error(TokenError::ImmutableOwner),
    )
    .await;
}

/// F-04: a non-ATA share account stays frozen (no deposit or thaw can thaw
/// it), and Token-2022 refuses to change the owner of a frozen account.
#[tokio::test]
async fn a_non_ata_share_account_stays_frozen_and_cannot_change_owner() {
    let mut env = Env::new().await;
    let (_m, keys) = env.pool().await;
    let v = env.investor(1_000 * USDC).await;
    let a = non_ata_share_account(&mut env, &keys, Tranche::Junior, &v.pubkey()).await;
    assert_eq!(env.token_account(&a).await.state, AccountState::Frozen);
    let unverified = Keypair::new().pubkey();
    env.assert_error(
        &[set_owner_ix(&a, &v.pubkey(), &unverified)],
        &[&v],
        token_error(TokenError::AccountFrozen),
    )
    .await;
}

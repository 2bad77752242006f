//! KYC bypass (F-04): tranche shares must stay with identity-verified
//! investors. Share accounts are the owner's Token-2022 ATA (ImmutableOwner)
//! in deposit, withdraw and thaw; `tranche_account_freeze` freezes accounts
//! of wallets with no (valid) identity record and any non-ATA share account.

use super::token2022::{force_thawed, non_ata_share_account, set_owner_ix, token_error, transfer_ix};
use anchor_lang::error::ErrorCode as AnchorError;
use anchor_spl::token_2022::spl_token_2022::error::TokenError;
use anchor_spl::token_2022::spl_token_2022::state::AccountState;
use autofactor_client::constants::*;
use autofactor_client::events::*;
use autofactor_client::state::Tranche;
use autofactor_client::{ix, pda, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::{Keypair, Signer};

/// Step 2 of the F-04 attack: a deposit into a non-ATA share account (which
/// used to thaw it) is refused; nothing moves.
#[tokio::test]
async fn a_deposit_into_a_non_ata_share_account_is_refused() {
    let mut env = Env::new().await;
    let (_m, keys) = env.pool().await;
    let v = env.investor(1_000 * USDC).await;
    let payer = env.payer();
    env.ok(&[ix::create_shares_ata(&payer.pubkey(), &v.pubkey(), &keys, Tranche::Junior)], &[]).await;
    let a = non_ata_share_account(&mut env, &keys, Tranche::Junior, &v.pubkey()).await;
    let dep = ix::tranche_deposit(&keys, &v.pubkey(), Tranche::Junior, 1_000 * USDC, 0);
    let ata = keys.shares_ata(&v.pubkey(), Tranche::Junior);
    env.assert_error(&[substitute(dep, &ata, &a)], &[&v], AnchorError::ConstraintAssociated.into()).await;
    assert_eq!(env.token_account(&a).await.state, AccountState::Frozen);
}

/// A withdrawal from a non-ATA share account is refused as well.
#[tokio::test]
async fn a_withdrawal_from_a_non_ata_share_account_is_refused() {
    let mut env = Env::new().await;
    let (_m, keys) = env.pool().await;
    let v = env.investor(1_000 * USDC).await;
    env.deposit(&keys, &v, Tranche::Junior, 1_000 * USDC).await;
    env.warp_seconds(DEFAULT_MIN_HOLD_SECS as i64).await;
    let a = non_ata_share_account(&mut env, &keys, Tranche::Junior, &v.pubkey()).await;
    let wd = ix::tranche_withdraw(&keys, &v.pubkey(), Tranche::Junior, 1, 0);
    let ata = keys.shares_ata(&v.pubkey(), Tranche::Junior);
    env.assert_error(&[substitute(wd, &ata, &a)], &[&v], AnchorError::ConstraintAssociated.into()).await;
}

/// `tranche_account_thaw` refuses a verified investor's non-ATA account.
#[tokio::test]
async fn a_non_ata_share_account_cannot_be_thawed() {
    let mut env = Env::new().await;
    let (_m, keys) = env.pool().await;
    let v = env.investor(0).await;
    let a = non_ata_share_account(&mut env, &keys, Tranche::Junior, &v.pubkey()).await;
    let thaw = ix::tranche_account_thaw(&keys, &v.pubkey(), Tranche::Junior);
    let ata = keys.shares_ata(&v.pubkey(), Tranche::Junior);
    env.assert_program_error(&[substitute(thaw, &ata, &a)], &[], E::NotAssociatedShareAccount).await;
}

/// The full F-04 chain as it stood before the fix — a thawed non-ATA share
/// account handed with SetAuthority to a wallet that never had an identity
/// record — is now stopped by the freeze that used to fail with
/// AccountNotInitialized: after it, the unverified wallet cannot move a unit.
#[tokio::test]
async fn a_share_account_handed_to_a_wallet_without_identity_is_freezable() {
    let mut env = Env::new().await;
    let (_m, keys) = env.pool().await;
    let v = env.investor(1_000 * USDC).await;
    env.deposit(&keys, &v, Tranche::Junior, 1_000 * USDC).await;
    env.warp_seconds(DEFAULT_MIN_HOLD_SECS as i64).await;
    env.ok(&[ix::tranche_account_thaw(&keys, &v.pubkey(), Tranche::Junior)], &[]).await;
    let ata = keys.shares_ata(&v.pubkey(), Tranche::Junior);
    // A legacy thawed non-ATA account (a pre-fix deposit thawed it) …
    let a = non_ata_share_account(&mut env, &keys, Tranche::Junior, &v.pubkey()).await;
    force_thawed(&mut env, &a).await;
    env.ok(&[transfer_ix(&keys, Tranche::Junior, &ata, &a, &v.pubkey(), 300 * USDC)], &[&v]).await;
    // … handed to U, a wallet with no identity record.
    let u = Keypair::new();
    env.airdrop(&u.pubkey(), 1_000_000_000).await;
    env.ok(&[set_owner_ix(&a, &v.pubkey(), &u.pubkey())], &[&v]).await;
    assert!(env.account(&pda::identity(&u.pubkey())).await.is_none());

    // Anyone freezes it (U's ATA address is substituted by the account).
    let keeper = env.payer();
    let freeze = substitute(
        ix::tranche_account_freeze(&keys, &u.pubkey(), Tranche::Junior),
        &keys.shares_ata(&u.pubkey(), Tranche::Junior),
        &a,
    );
    let out = env.ok(&[freeze], &[&keeper]).await;
    let ev = out.event::<TrancheAccountFrozen>();
    assert_eq!((ev.token_account, ev.owner), (a, u.pubkey()));
    assert_eq!(env.token_account(&a).await.state, AccountState::Frozen);
    // U can no longer pass the shares on (here back to V's ATA).
    env.assert_error(
        &[transfer_ix(&keys, Tranche::Junior, &a, &ata, &u.pubkey(), 300 * USDC)],
        &[&u],
        token_error(TokenError::AccountFrozen),
    )
    .await;
    assert_eq!(env.token_balance(&a).await, 300 * USDC);
}

/// A wallet that never had an identity record: its ATA can be frozen, and
/// cannot be thawed, so it can never receive shares.
#[tokio::test]
async fn a_wallet_without_identity_can_be_frozen_and_not_thawed() {
    let mut env = Env::new().await;
    let (_m, keys) = env.pool().await;
    let v = env.investor(1_000 * USDC).await;
    env.deposit(&keys, &v, Tranche::Junior, 1_000 * USDC).await;
    env.warp_seconds(DEFAULT_MIN_HOLD_SECS as i64).await;
    env.ok(&[ix::tranche_account_thaw(&keys, &v.pubkey(), Tranche::Junior)], &[]).await;
    let u = Keypair::new().pubkey();
    let payer = env.payer();
    env.ok(&[ix::create_shares_ata(&payer.pubkey(), &u, &keys, Tranche::Junior)], &[]).await;
    let u_ata = keys.shares_ata(&u, Tranche::Junior);

    env.assert_error(
        &[ix::tranche_account_thaw(&keys, &u, Tranche::Junior)],
        &[],
        AnchorError::AccountNotInitialized.into(),
    )
    .await;
    let out = env.ok(&[ix::tranche_account_freeze(&keys, &u, Tranche::Junior)], &[]).await;
    assert_eq!(out.event::<TrancheAccountFrozen>().owner, u);
    // V cannot send shares to U.
    let v_ata = keys.shares_ata(&v.pubkey(), Tranche::Junior);
    env.assert_error(
        &[transfer_ix(&keys, Tranche::Junior, &v_ata, &u_ata, &v.pubkey(), USDC)],
        &[&v],
        token_error(TokenError::AccountFrozen),
    )
    .await;
    assert_eq!(env.token_balance(&u_ata).await, 0);
}

/// The freeze still refuses a verified investor's ATA, but any non-ATA share
/// account — whoever owns it — is freezable.
#[tokio::test]
async fn only_verified_owners_atas_are_protected_from_the_freeze() {
    let mut env = Env::new().await;
    let (_m, keys) = env.pool().await;
    let v = env.investor(1_000 * USDC).await;
    env.deposit(&keys, &v, Tranche::Junior, 1_000 * USDC).await;
    env.warp_seconds(DEFAULT_MIN_HOLD_SECS as i64).await;
    env.ok(&[ix::tranche_account_thaw(&keys, &v.pubkey(), Tranche::Junior)], &[]).await;
    env.assert_program_error(
        &[ix::tranche_account_freeze(&keys, &v.pubkey(), Tranche::Junior)],
        &[],
        E::IdentityStillValid,
    )
    .await;
    let a = non_ata_share_account(&mut env, &keys, Tranche::Junior, &v.pubkey()).await;
    force_thawed(&mut env, &a).await;
    let freeze = substitute(
        ix::tranche_account_freeze(&keys, &v.pubkey(), Tranche::Junior),
        &keys.shares_ata(&v.pubkey(), Tranche::Junior),
        &a,
    );
    env.ok(&[freeze], &[]).await;
    assert_eq!(env.token_account(&a).await.state, AccountState::Frozen);
}

/// The identity PDA is checked: another (verified) wallet's record cannot
/// be passed to protect an unverified owner's account.
#[tokio::test]
async fn the_freeze_reads_the_owners_own_identity_pda() {
    let mut env = Env::new().await;
    let (_m, keys) = env.pool().await;
    let v = env.investor(0).await;
    let u = Keypair::new().pubkey();
    let payer = env.payer();
    env.ok(&[ix::create_shares_ata(&payer.pubkey(), &u, &keys, Tranche::Junior)], &[]).await;
    let freeze = substitute(
        ix::tranche_account_freeze(&keys, &u, Tranche::Junior),
        &pda::identity(&u),
        &pda::identity(&v.pubkey()),
    );
    env.assert_error(&[freeze], &[], AnchorError::ConstraintSeeds.into()).await;
}

/// Shares cannot go to an unverified wallet's ATA (it is frozen from birth
/// and only verified owners can thaw).
#[tokio::test]
async fn shares_cannot_be_sent_to_an_unverified_wallet() {
    let mut env = Env::new().await;
    let (_m, keys) = env.pool().await;
    let v = env.investor(1_000 * USDC).await;
    env.deposit(&keys, &v, Tranche::Junior, 1_000 * USDC).await;
    env.warp_seconds(DEFAULT_MIN_HOLD_SECS as i64).await;
    env.ok(&[ix::tranche_account_thaw(&keys, &v.pubkey(), Tranche::Junior)], &[]).await;
    let u = Keypair::new().pubkey();
    let payer = env.payer();
    env.ok(&[ix::create_shares_ata(&payer.pubkey(), &u, &keys, Tranche::Junior)], &[]).await;
    let (v_ata, u_ata) =
        (keys.shares_ata(&v.pubkey(), Tranche::Junior), keys.shares_ata(&u, Tranche::Junior));
    env.assert_error(
        &[transfer_ix(&keys, Tranche::Junior, &v_ata, &u_ata, &v.pubkey(), 500 * USDC)],
        &[&v],
        token_error(TokenError::AccountFrozen),
    )
    .await;
    assert_eq!(env.token_balance(&v_ata).await, 1_000 * USDC - LOCKED_SHARES);
}

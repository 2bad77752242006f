//! Defence-in-depth checks that no instruction sequence can trigger, shown
//! with injected state: a bank clock that moves backwards
//! (`ClockWentBackwards`) and an identity record stored at one wallet's PDA
//! but describing another wallet (`IdentityWalletMismatch`).

use autofactor_client::state::{IdentityRecord, Tranche};
use autofactor_client::{ix, pda, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::Signer;

#[tokio::test]
async fn a_clock_going_backwards_is_refused_not_accrued_negatively() {
    let mut env = Env::new().await;
    let (_m, keys) = env.pool().await;
    let j = env.investor(1_000 * USDC).await;
    env.deposit(&keys, &j, Tranche::Junior, 1_000 * USDC).await;
    env.warp_seconds(86_400).await;
    env.ok(&[ix::pool_refresh(&keys.pool)], &[]).await;
    let mut clock = env.clock().await;
    clock.unix_timestamp -= 10;
    env.ctx.set_sysvar(&clock);
    env.assert_program_error(&[ix::pool_refresh(&keys.pool)], &[], E::ClockWentBackwards).await;
}

#[tokio::test]
async fn an_identity_record_of_another_wallet_is_refused() {
    use anchor_lang::AccountSerialize;
    let mut env = Env::new().await;
    let (_m, keys) = env.pool().await;
    let honest = env.investor(100 * USDC).await;
    let mallory = env.investor(100 * USDC).await;
    let issuer = env.issuer.insecure_clone();
    env.ok(&[ix::identity_revoke(&issuer.pubkey(), &mallory.pubkey())], &[&issuer]).await;
    // Mallory's PDA now carries a copy of the honest investor's valid record.
    let honest_record: IdentityRecord = env.get(&pda::identity(&honest.pubkey())).await;
    let mut acc = env.account(&pda::identity(&mallory.pubkey())).await.unwrap();
    let mut data = Vec::new();
    IdentityRecord {
        bump: env.get::<IdentityRecord>(&pda::identity(&mallory.pubkey())).await.bump,
        ..honest_record
    }
    .try_serialize(&mut data)
    .unwrap();
    acc.data = data;
    env.ctx.set_account(&pda::identity(&mallory.pubkey()), &acc.into());
    let payer = env.payer();
    env.ok(&[ix::create_shares_ata(&payer.pubkey(), &mallory.pubkey(), &keys, Tranche::Junior)], &[]).await;
    env.assert_program_error(
        &[ix::tranche_deposit(&keys, &mallory.pubkey(), Tranche::Junior, 100 * USDC, 0)],
        &[&mallory],
        E::IdentityWalletMismatch,
    )
    .await;
}

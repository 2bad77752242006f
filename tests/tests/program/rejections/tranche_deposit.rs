//! `tranche_deposit`: amounts within the pool's limits, the pool's own
//! vault, USDC mint and tranche mint, the investor's own accounts, and not
//! while the protocol is paused. (Identity and role refusals:
//! `identity.rs`; subordination: `tranches.rs`; attack classes:
//! `attacks/`.)

use anchor_lang::error::ErrorCode as AnchorError;
use autofactor_client::state::{PoolParams, Tranche};
use autofactor_client::{ix, pda, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::{Keypair, Signer};

#[tokio::test]
async fn rejections() {
    let mut env = Env::new().await;
    let params =
        PoolParams { liquidity_cap_usdc: 10_000 * USDC, max_investor_share_bps: 3_000, ..default_params() };
    let (_m, keys) = env.pool_with(params, default_policy()).await;
    let j = env.investor(20_000 * USDC).await;
    let payer = env.payer();
    env.ok(&[ix::create_shares_ata(&payer.pubkey(), &j.pubkey(), &keys, Tranche::Junior)], &[]).await;
    let dep = |amount, min| ix::tranche_deposit(&keys, &j.pubkey(), Tranche::Junior, amount, min);
    let other_vault = env.mint_usdc(&Keypair::new().pubkey(), 0).await;
    let auth = Keypair::new().pubkey();
    let fake_usdc = env.create_spl_mint(&auth, 6).await;
    let (_m2, keys2) = env.pool().await;
    let mallory = env.investor(100 * USDC).await;
    let position = |pool, who: &Keypair| pda::position(pool, Tranche::Junior, &who.pubkey());
    let as_mallory = substitute(
        substitute(
            substitute(dep(100 * USDC, 0), &j.pubkey(), &mallory.pubkey()),
            &pda::identity(&j.pubkey()),
            &pda::identity(&mallory.pubkey()),
        ),
        &position(&keys.pool, &j),
        &position(&keys.pool, &mallory),
    );
    env.assert_rejections(vec![
        reject("zero", dep(0, 0), &[&j], E::ZeroAmount),
        reject("below the minimum deposit", dep(1_000, 0), &[&j], E::DepositTooSmall),
        reject("above the liquidity cap", dep(10_001 * USDC, 0), &[&j], E::LiquidityCapExceeded),
        // 30% of the 10,000 USDC cap per investor.
        reject("above the per-investor cap", dep(3_001 * USDC, 0), &[&j], E::InvestorCapExceeded),
        reject("fewer shares than the minimum", dep(100 * USDC, 100 * USDC), &[&j], E::SlippageExceeded),
        reject(
            "another vault",
            substitute(dep(100 * USDC, 0), &keys.vault, &other_vault),
            &[&j],
            E::WrongVault,
        ),
        reject(
            "another USDC mint",
            substitute(dep(100 * USDC, 0), &keys.usdc_mint, &fake_usdc),
            &[&j],
            E::WrongUsdcMint,
        ),
        reject(
            "the other tranche's mint",
            substitute(dep(100 * USDC, 0), &keys.junior_mint, &keys.senior_mint),
            &[&j],
            E::WrongTrancheMint,
        ),
        reject(
            "another manager's pool with this pool's vault",
            substitute(
                substitute(dep(100 * USDC, 0), &keys.pool, &keys2.pool),
                &position(&keys.pool, &j),
                &position(&keys2.pool, &j),
            ),
            &[&j],
            E::WrongVault,
        ),
        reject(
            "an account that is not a pool",
            substitute(dep(100 * USDC, 0), &keys.pool, &keys.vault),
            &[&j],
            AnchorError::AccountOwnedByWrongProgram,
        ),
        reject(
            "someone else signing for the investor's accounts",
            as_mallory,
            &[&mallory],
            AnchorError::ConstraintTokenOwner,
        ),
    ])
    .await;

    let admin = env.admin.insecure_clone();
    env.ok(&[ix::protocol_set_paused(&admin.pubkey(), true)], &[&admin]).await;
    env.assert_rejections(vec![reject("the protocol paused", dep(100 * USDC, 0), &[&j], E::ProtocolPaused)])
        .await;
    env.ok(&[ix::protocol_set_paused(&admin.pubkey(), false)], &[&admin]).await;
    env.ok(&[dep(100 * USDC, 0)], &[&j]).await;
}

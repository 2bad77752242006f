//! `pool_create`: parameters and policy within bounds, the protocol's USDC
//! mint, a manager with a valid identity.

use autofactor_client::constants::*;
use autofactor_client::state::{PoolParams, PoolPolicy};
use autofactor_client::{ix, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::{Keypair, Signer};

#[tokio::test]
async fn rejections() {
    let mut env = Env::new().await;
    let manager = env.user(ROLE_MANAGER).await;
    let investor = env.user(ROLE_INVESTOR).await;
    let usdc = env.usdc_mint;
    let auth = Keypair::new().pubkey();
    let fake_usdc = env.create_spl_mint(&auth, 6).await;
    let p = default_params();
    let q = default_policy();
    let create =
        |params: PoolParams, policy: PoolPolicy| ix::pool_create(&manager.pubkey(), &usdc, 1, params, policy);
    let params = |case, params: PoolParams, err: E| reject(case, create(params, q), &[&manager], err);
    let policy = |case, policy: PoolPolicy| reject(case, create(p, policy), &[&manager], E::InvalidPolicy);
    let mut no_grade = q;
    no_grade.grades.iter_mut().for_each(|g| g.enabled = false);
    let mut unsorted = q;
    unsorted.grades[1].min_credit_score = 900;
    let mut zero_advance = q;
    zero_advance.grades[0].advance_rate_bps = 0;
    env.assert_rejections(vec![
        params(
            "junior ratio above 100%",
            PoolParams { min_junior_ratio_bps: 10_001, ..p },
            E::InvalidJuniorRatio,
        ),
        params("senior APR above 50%", PoolParams { senior_apr_bps: 5_001, ..p }, E::SeniorAprTooHigh),
        params("manager fee above 50%", PoolParams { manager_fee_bps: 5_001, ..p }, E::ManagerFeeTooHigh),
        params("zero liquidity cap", PoolParams { liquidity_cap_usdc: 0, ..p }, E::InvalidLiquidityCap),
        params("zero investor cap", PoolParams { max_investor_share_bps: 0, ..p }, E::InvalidInvestorCap),
        params(
            "investor cap above 100%",
            PoolParams { max_investor_share_bps: 10_001, ..p },
            E::InvalidInvestorCap,
        ),
        policy("no grade enabled", no_grade),
        policy("grades not sorted by score", unsorted),
        policy("a zero advance rate", zero_advance),
        policy("a zero minimum tenor", PoolPolicy { min_tenor_days: 0, ..q }),
        policy("minimum tenor above maximum", PoolPolicy { min_tenor_days: 50, max_tenor_days: 40, ..q }),
        policy("maximum tenor of 400 days", PoolPolicy { max_tenor_days: 400, ..q }),
        policy("a zero invoice cap", PoolPolicy { max_invoice_usdc: 0, ..q }),
        policy("a zero buyer concentration", PoolPolicy { max_buyer_concentration_bps: 0, ..q }),
        policy(
            "supplier concentration above 100%",
            PoolPolicy { max_supplier_concentration_bps: 10_001, ..q },
        ),
        policy("cash reserve above 100%", PoolPolicy { cash_reserve_bps: 10_001, ..q }),
        policy("write-off not after the grace period", PoolPolicy { grace_days: 90, writeoff_days: 90, ..q }),
        reject(
            "a mint other than the protocol's USDC",
            ix::pool_create(&manager.pubkey(), &fake_usdc, 1, p, q),
            &[&manager],
            E::WrongUsdcMint,
        ),
        reject(
            "a wallet without the manager role",
            ix::pool_create(&investor.pubkey(), &usdc, 1, p, q),
            &[&investor],
            E::IdentityMissingRole,
        ),
    ])
    .await;
    env.warp_seconds(IDENTITY_VALIDITY_SECS + 1).await;
    env.assert_rejections(vec![reject(
        "a manager whose identity expired",
        create(p, q),
        &[&manager],
        E::IdentityExpired,
    )])
    .await;
}

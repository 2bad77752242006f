//! PDA sharing: every account that holds or authorizes value is a PDA of ONE
//! pool (vault, share mints, requests, verifier registrations, exposures)
//! or of one wallet (identity, reputation), so the PDA of one pool or
//! wallet cannot stand in for another's. The seeds of each are checked.

use super::world::*;
use anchor_lang::error::ErrorCode as AnchorError;
use autofactor_client::state::Tranche;
use autofactor_client::{ix, pda};
use autofactor_tests::*;
use solana_sdk::signature::{Keypair, Signer};

#[tokio::test]
async fn each_pool_owns_its_own_vault_and_mints() {
    let mut w = world().await;
    for keys in [w.pool, w.pool_b] {
        let vault = w.env.token_account(&keys.vault).await;
        assert_eq!(vault.owner, keys.pool, "the vault's authority is its own pool");
        assert_eq!(vault.mint, keys.usdc_mint);
        for mint in [keys.senior_mint, keys.junior_mint] {
            use anchor_spl::token_2022::spl_token_2022::{extension::StateWithExtensions, state::Mint};
            let acc = w.env.account(&mint).await.unwrap();
            let m = StateWithExtensions::<Mint>::unpack(&acc.data).unwrap().base;
            assert_eq!(m.mint_authority, Some(keys.pool).into(), "shares minted only by their pool");
            assert_eq!(m.freeze_authority, Some(keys.pool).into());
        }
    }
    assert_ne!(w.pool.vault, w.pool_b.vault);
    assert_ne!(w.pool.senior_mint, w.pool_b.senior_mint);
    // Both pools hold exactly what was deposited into each.
    assert_eq!(w.env.token_balance(&w.pool.vault).await, 5_100 * USDC);
    assert_eq!(w.env.token_balance(&w.pool_b.vault).await, 5_100 * USDC);
}

#[tokio::test]
async fn the_pda_of_another_pool_or_wallet_is_refused() {
    let mut w = world().await;
    let (a, b) = (w.pool, w.pool_b);
    let keeper = w.env.payer();
    let (senior, junior, buyer, supplier) = (
        w.senior.insecure_clone(),
        w.junior.insecure_clone(),
        w.buyer.insecure_clone(),
        w.supplier.insecure_clone(),
    );
    let verifier = w.verifier.insecure_clone();
    let in_b = w.verified_b().await;
    let created_b = {
        let inv = w.created(b).await;
        w.env.ok(&[ix::invoice_acknowledge(&inv.keys)], &[&buyer]).await;
        inv
    };
    let verified = w.verified().await;
    let seq_a = w.queued_senior(a, 100 * USDC).await;
    let seq_b = w.queued_senior(b, 200 * USDC).await;
    let other_buyer = w.env.user(autofactor_client::constants::ROLE_BUYER).await;
    let (buyer_entity, other_entity) =
        (w.env.entity_key(&buyer.pubkey()).await, w.env.entity_key(&other_buyer.pubkey()).await);
    let fresh = w.created(a).await;
    let seeds = anchor(AnchorError::ConstraintSeeds);
    let tail_a = w.env.pool_state(&a).await.ledger.senior.queue_tail;
    let _ = in_b;

    let cases = vec![
        Case::new(
            "attest in pool B with the verifier's pool A registration",
            substitute(
                ix::invoice_attest(&created_b.keys, &verifier.pubkey(), [7; 32], 900),
                &pda::pool_verifier(&b.pool, &verifier.pubkey()),
                &pda::pool_verifier(&a.pool, &verifier.pubkey()),
            ),
            &[&verifier],
            seeds.clone(),
        ),
        Case::new(
            "finance in pool A with pool B's buyer exposure",
            substitute(
                ix::invoice_finance(&verified.keys, 0),
                &pda::buyer_exposure(&a.pool, &verified.keys.buyer_entity),
                &pda::buyer_exposure(&b.pool, &verified.keys.buyer_entity),
            ),
            &[&supplier],
            seeds.clone(),
        ),
        Case::new(
            "finance in pool A with pool B's supplier exposure",
            substitute(
                ix::invoice_finance(&verified.keys, 0),
                &pda::supplier_exposure(&a.pool, &verified.keys.supplier_entity),
                &pda::supplier_exposure(&b.pool, &verified.keys.supplier_entity),
            ),
            &[&supplier],
            seeds.clone(),
        ),
        Case::new(
            "fill pool A's queue with pool B's head request",
            substitute(
                ix::withdrawal_fill(&a, &keeper.pubkey(), Tranche::Senior, seq_a, &senior.pubkey()),
                &pda::withdrawal_request(&a.pool, Tranche::Senior, seq_a),
                &pda::withdrawal_request(&b.pool, Tranche::Senior, seq_b),
            ),
            &[],
            seeds.clone(),
        ),
        Case::new(
            "queue in pool A at pool B's request address",
            substitute(
                ix::tranche_withdraw(&a, &senior.pubkey(), Tranche::Senior, USDC, tail_a),
                &pda::withdrawal_request(&a.pool, Tranche::Senior, tail_a),
                &pda::withdrawal_request(&b.pool, Tranche::Senior, tail_a),
            ),
            &[&senior],
            seeds.clone(),
        ),
        Case::new(
            "deposit with another investor's identity",
            substitute(
                ix::tranche_deposit(&a, &senior.pubkey(), Tranche::Senior, USDC, 0),
                &pda::identity(&senior.pubkey()),
                &pda::identity(&junior.pubkey()),
            ),
            &[&senior],
            seeds.clone(),
        ),
        Case::new(
            "acknowledge with another buyer's reputation",
            substitute(
                ix::invoice_acknowledge(&fresh.keys),
                &pda::buyer_reputation(&buyer_entity),
                &pda::buyer_reputation(&other_entity),
            ),
            &[&buyer],
            seeds.clone(),
        ),
    ];
    assert_eq!(run(&mut w.env, cases).await, 7);

    // One asset, one invoice: the invoice PDA is derived from the asset, so
    // the asset of pool A's invoice cannot back a second invoice in pool B.
    let mut terms = w.terms(1_000_00, 60).await;
    terms.document_hash = [0x5a; 32];
    let asset = Keypair::new();
    let first = w.env.invoice_keys(&a, &asset.pubkey(), &supplier.pubkey(), &buyer.pubkey()).await;
    w.env.ok(&[ix::invoice_create(&first, &terms)], &[&supplier, &asset]).await;
    let mut other = w.terms(1_000_00, 60).await;
    other.document_hash = [0x5b; 32];
    let second = w.env.invoice_keys(&b, &asset.pubkey(), &supplier.pubkey(), &buyer.pubkey()).await;
    w.env.assert_failure(&[ix::invoice_create(&second, &other)], &[&supplier, &asset], ALREADY_IN_USE).await;
}

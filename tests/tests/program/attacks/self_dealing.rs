//! F-05: self-dealing attestation. A wallet that is both a party to an
//! invoice (its supplier or its buyer) and a registered verifier of the
//! pool tries to grade the invoice itself (score 1000, grade A) and have it
//! financed; a manager tries to become a verifier of its own pool. Each
//! attempt fails with the exact error, the invoice stays unverified and
//! unfinanced, and the pool pays nothing.

use crate::invoices::{market, Market};
use autofactor_client::constants::*;
use autofactor_client::state::{InvoiceStatus, PoolVerifier};
use autofactor_client::{ix, pda, AutofactorError as E, PROGRAM_ID};
use autofactor_tests::*;
use solana_sdk::account::Account;
use solana_sdk::signature::{Keypair, Signer};

/// Who the attacking verifier is.
#[derive(Clone, Copy, Debug)]
enum Attacker {
    /// The invoice's supplier (roles SUPPLIER | VERIFIER).
    Supplier,
    /// The invoice's buyer (roles BUYER | VERIFIER).
    Buyer,
    /// Supplier and buyer at once is impossible (BuyerIsSupplier); a wallet
    /// holding every role, as the supplier.
    AllRolesSupplier,
    /// The pool's manager, registered as verifier before this fix (the
    /// registration is injected: `pool_verifier_add` now refuses it).
    Manager,
}

/// Registers `verifier` for the pool by writing its `PoolVerifier` account
/// (state a pre-fix `pool_verifier_add` could have produced).
async fn inject_registration(env: &mut Env, pool: &ix::PoolKeys, verifier: &solana_sdk::pubkey::Pubkey) {
    use anchor_lang::AccountSerialize;
    let address = pda::pool_verifier(&pool.pool, verifier);
    let (_, bump) = solana_sdk::pubkey::Pubkey::find_program_address(
        &[POOL_VERIFIER_SEED, pool.pool.as_ref(), verifier.as_ref()],
        &PROGRAM_ID,
    );
    let pv = PoolVerifier { pool: pool.pool, verifier: *verifier, added_ts: 0, attestations: 0, bump };
    let mut data = Vec::new();
    pv.try_serialize(&mut data).unwrap();
    let account = Account { lamports: 10_000_000, data, owner: PROGRAM_ID, executable: false, rent_epoch: 0 };
    env.ctx.set_account(&address, &account.into());
}

#[tokio::test]
async fn a_party_to_the_invoice_or_the_manager_cannot_attest_it() {
    let cases = [
        (Attacker::Supplier, E::VerifierIsInvoiceParty),
        (Attacker::Buyer, E::VerifierIsInvoiceParty),
        (Attacker::AllRolesSupplier, E::VerifierIsInvoiceParty),
        (Attacker::Manager, E::VerifierIsManager),
    ];
    for (attacker, expected) in cases {
        let Market { mut env, pool, manager, supplier, buyer, .. } = market().await;
        let (verifier, supplier, buyer): (Keypair, Keypair, Keypair) = match attacker {
            Attacker::Supplier | Attacker::AllRolesSupplier => {
                let roles = match attacker {
                    Attacker::Supplier => ROLE_SUPPLIER | ROLE_VERIFIER,
                    _ => ROLE_ALL,
                };
                let s = env.user(roles).await;
                // The manager registers it (collusion or carelessness).
                env.ok(&[ix::pool_verifier_add(&manager.pubkey(), &pool.pool, &s.pubkey())], &[&manager])
                    .await;
                (s.insecure_clone(), s, buyer)
            }
            Attacker::Buyer => {
                let b = env.user(ROLE_BUYER | ROLE_VERIFIER).await;
                env.ok(&[ix::pool_verifier_add(&manager.pubkey(), &pool.pool, &b.pubkey())], &[&manager])
                    .await;
                (b.insecure_clone(), supplier, b)
            }
            Attacker::Manager => {
                let issuer = env.issuer.insecure_clone();
                let now = env.now().await;
                env.ok(
                    &[ix::identity_update(
                        &issuer.pubkey(),
                        &manager.pubkey(),
                        identity_terms(ROLE_MANAGER | ROLE_VERIFIER, now + IDENTITY_VALIDITY_SECS),
                    )],
                    &[&issuer],
                )
                .await;
                // The fixed pool_verifier_add refuses the manager outright.
                env.assert_program_error(
                    &[ix::pool_verifier_add(&manager.pubkey(), &pool.pool, &manager.pubkey())],
                    &[&manager],
                    E::VerifierIsManager,
                )
                .await;
                inject_registration(&mut env, &pool, &manager.pubkey()).await;
                (manager.insecure_clone(), supplier, buyer)
            }
        };
        let terms = env.usd_terms(&format!("SELF-{attacker:?}"), 900_00, 60).await;
        let inv = env.new_invoice(&pool, &supplier, &buyer.pubkey(), terms).await;
        env.ok(&[ix::invoice_acknowledge(&inv.keys)], &[&buyer]).await;

        // The attack: grade the invoice A with the best possible score.
        env.assert_program_error(
            &[ix::invoice_attest(&inv.keys, &verifier.pubkey(), [1; 32], MAX_CREDIT_SCORE)],
            &[&verifier],
            expected,
        )
        .await;
        // It gained nothing: the invoice is not verified, so the pool does
        // not buy it, and the vault still holds every micro-USDC.
        let state = env.invoice_state(&inv).await;
        assert_eq!(
            (state.status, state.risk_grade, state.credit_score),
            (InvoiceStatus::Acknowledged, u8::MAX, 0)
        );
        let vault_before = env.token_balance(&pool.vault).await;
        let usdc = env.usdc_mint;
        env.create_ata(&supplier.pubkey(), &usdc, &autofactor_client::TOKEN_PROGRAM_ID).await;
        env.assert_program_error(&[ix::invoice_finance(&inv.keys, 0)], &[&supplier], E::InvoiceNotVerified)
            .await;
        assert_eq!(env.token_balance(&pool.vault).await, vault_before);
        assert_eq!(vault_before, 5_000 * USDC);
    }
}

#[tokio::test]
async fn an_independent_verifier_still_attests() {
    let Market { mut env, pool, manager, supplier, buyer, .. } = market().await;
    // A wallet with VERIFIER and SUPPLIER roles may attest invoices of others.
    let v = env.user(ROLE_SUPPLIER | ROLE_VERIFIER).await;
    env.ok(&[ix::pool_verifier_add(&manager.pubkey(), &pool.pool, &v.pubkey())], &[&manager]).await;
    let terms = env.usd_terms("INDEPENDENT-1", 900_00, 60).await;
    let inv = env.verified_invoice(&pool, &supplier, &buyer, &v, terms, 700).await;
    let state = env.invoice_state(&inv).await;
    assert_eq!((state.status, state.verifier, state.risk_grade), (InvoiceStatus::Verified, v.pubkey(), 1));
}

/// A second wallet of the supplier's (or the buyer's) legal entity, holding
/// only the verifier role and registered by the manager, tries to attest
/// the invoice: refused with `VerifierIsInvoiceParty` (independence is by
/// entity, not by wallet), nothing changes, and the invoice stays
/// unverified.
#[tokio::test]
async fn another_wallet_of_a_party_entity_cannot_attest() {
    for party_is_supplier in [true, false] {
        let Market { mut env, pool, manager, supplier, buyer, .. } = market().await;
        let party = if party_is_supplier { supplier.pubkey() } else { buyer.pubkey() };
        let v = env.user_of_entity(ROLE_VERIFIER, &entity_id_of(&party)).await;
        assert_eq!(env.entity_key(&v.pubkey()).await, env.entity_key(&party).await);
        env.ok(&[ix::pool_verifier_add(&manager.pubkey(), &pool.pool, &v.pubkey())], &[&manager]).await;
        let terms = env.usd_terms(&format!("ENTITY-{party_is_supplier}"), 900_00, 60).await;
        let inv = env.new_invoice(&pool, &supplier, &buyer.pubkey(), terms).await;
        env.ok(&[ix::invoice_acknowledge(&inv.keys)], &[&buyer]).await;
        env.assert_program_error(
            &[ix::invoice_attest(&inv.keys, &v.pubkey(), [1; 32], MAX_CREDIT_SCORE)],
            &[&v],
            E::VerifierIsInvoiceParty,
        )
        .await;
        let state = env.invoice_state(&inv).await;
        assert_eq!(
            (state.status, state.risk_grade, state.credit_score),
            (InvoiceStatus::Acknowledged, u8::MAX, 0)
        );
    }
}

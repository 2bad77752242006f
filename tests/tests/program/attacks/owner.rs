//! Owner attacks: byte-for-byte copies of real accounts (pool, protocol,
//! identity, invoice, withdrawal request, vault, mint) placed at addresses
//! owned by another program and passed in place of the real ones. The
//! program must check the owner before it trusts a single byte.

use super::world::*;
use anchor_lang::error::ErrorCode as AnchorError;
use autofactor_client::state::Tranche;
use autofactor_client::{ix, pda, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::account::Account;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::Signer;

#[tokio::test]
async fn copies_owned_by_another_program_are_refused() {
    let mut w = world().await;
    let pool = w.pool;
    let fake_program = Pubkey::new_unique();
    let senior = w.senior.insecure_clone();
    let buyer = w.buyer.insecure_clone();
    let supplier = w.supplier.insecure_clone();
    let verified = w.verified().await;
    let financed = w.financed().await;
    let repaid = w.repaid().await;

    let fake_pool = w.clone_account(&pool.pool, &fake_program).await;
    let fake_protocol = w.clone_account(&pda::protocol(), &fake_program).await;
    let fake_identity = w.clone_account(&pda::identity(&senior.pubkey()), &fake_program).await;
    let fake_vault = w.clone_account(&pool.vault, &anchor_lang::system_program::ID).await;
    let fake_mint = w.clone_account(&pool.usdc_mint, &fake_program).await;
    let fake_verified = w.clone_account(&verified.keys.invoice, &fake_program).await;
    let fake_financed = w.clone_account(&financed.keys.invoice, &fake_program).await;
    let fake_repaid = w.clone_account(&repaid.keys.invoice, &fake_program).await;

    let deposit = ix::tranche_deposit(&pool, &senior.pubkey(), Tranche::Senior, USDC, 0);
    let wrong_owner = anchor(AnchorError::AccountOwnedByWrongProgram);
    let face = financed.terms.face_minor;
    let cases = vec![
        Case::new(
            "deposit into a fake pool",
            substitute(deposit.clone(), &pool.pool, &fake_pool),
            &[&senior],
            wrong_owner.clone(),
        ),
        Case::new("refresh a fake pool", ix::pool_refresh(&fake_pool), &[], wrong_owner.clone()),
        Case::new(
            "deposit under a fake protocol config",
            substitute(deposit.clone(), &pda::protocol(), &fake_protocol),
            &[&senior],
            wrong_owner.clone(),
        ),
        Case::new(
            "deposit with a fake identity record",
            substitute(deposit.clone(), &pda::identity(&senior.pubkey()), &fake_identity),
            &[&senior],
            wrong_owner.clone(),
        ),
        Case::new(
            "deposit into a fake vault (system-owned copy)",
            substitute(deposit.clone(), &pool.vault, &fake_vault),
            &[&senior],
            wrong_owner.clone(),
        ),
        Case::new(
            "deposit with a fake USDC mint",
            substitute(deposit.clone(), &pool.usdc_mint, &fake_mint),
            &[&senior],
            wrong_owner.clone(),
        ),
        Case::new(
            "finance a fake invoice",
            substitute(ix::invoice_finance(&verified.keys, 0), &verified.keys.invoice, &fake_verified),
            &[&supplier],
            wrong_owner.clone(),
        ),
        Case::new(
            "repay a fake invoice",
            substitute(
                ix::invoice_repay(&financed.keys, &buyer.pubkey(), face, face * 10_000),
                &financed.keys.invoice,
                &fake_financed,
            ),
            &[&buyer],
            wrong_owner.clone(),
        ),
        Case::new(
            "mark a fake invoice late",
            substitute(
                ix::invoice_mark_late(&financed.keys, &buyer.pubkey()),
                &financed.keys.invoice,
                &fake_financed,
            ),
            &[&buyer],
            wrong_owner.clone(),
        ),
        Case::new(
            "settle a fake invoice",
            substitute(ix::invoice_settle(&repaid.keys, &buyer.pubkey()), &repaid.keys.invoice, &fake_repaid),
            &[&buyer],
            wrong_owner.clone(),
        ),
    ];
    assert_eq!(run(&mut w.env, cases).await, 10);
}

#[tokio::test]
async fn program_derived_addresses_holding_foreign_accounts_are_refused() {
    let mut w = world().await;
    let pool = w.pool;
    let keeper = w.env.payer();
    let senior = w.senior.insecure_clone();
    let verifier = w.verifier.insecure_clone();
    let created = {
        let inv = w.created(pool).await;
        let b = w.buyer.insecure_clone();
        w.env.ok(&[ix::invoice_acknowledge(&inv.keys)], &[&b]).await;
        inv
    };
    // The request at the head of the senior queue and the verifier's
    // registration, rewritten as accounts of another program (same bytes).
    let seq = w.queued_senior(pool, 100 * USDC).await;
    let request = pda::withdrawal_request(&pool.pool, Tranche::Senior, seq);
    let registration = pda::pool_verifier(&pool.pool, &verifier.pubkey());
    for key in [request, registration] {
        let acc = w.env.account(&key).await.unwrap();
        let foreign = Account { owner: autofactor_client::TOKEN_PROGRAM_ID, ..acc };
        w.env.ctx.set_account(&key, &foreign.into());
    }
    let cases = vec![
        Case::new(
            "fill a request owned by another program",
            ix::withdrawal_fill(&pool, &keeper.pubkey(), Tranche::Senior, seq, &senior.pubkey()),
            &[],
            program(E::WrongWithdrawalRequest),
        ),
        Case::new(
            "cancel a request owned by another program",
            ix::withdrawal_cancel(&pool, &senior.pubkey(), Tranche::Senior, seq),
            &[&senior],
            anchor(AnchorError::AccountOwnedByWrongProgram),
        ),
        Case::new(
            "attest with a registration owned by another program",
            ix::invoice_attest(&created.keys, &verifier.pubkey(), [7; 32], 900),
            &[&verifier],
            program(E::VerifierNotRegistered),
        ),
    ];
    assert_eq!(run(&mut w.env, cases).await, 3);
}

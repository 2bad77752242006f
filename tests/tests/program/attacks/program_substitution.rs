//! Program substitution: a fake Metaplex Core, a fake or wrong token
//! program, fake ATA / system programs, and Pyth price accounts owned by
//! another program. Every program the instructions call is pinned by
//! address (Core, Token-2022, ATA, System) or by interface (USDC's token
//! program, then checked against the token accounts), and price accounts by
//! owner.

use super::world::*;
use anchor_lang::error::ErrorCode as AnchorError;
use autofactor_client::ix::{self, Prices};
use autofactor_client::state::Tranche;
use autofactor_client::{
    AutofactorError as E, ATA_PROGRAM_ID, PROGRAM_ID, TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID,
};
use autofactor_tests::*;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::Signer;

#[tokio::test]
async fn fake_programs_are_refused() {
    let mut w = world().await;
    let pool = w.pool;
    let keeper = w.env.payer();
    let (senior, buyer, supplier) =
        (w.senior.insecure_clone(), w.buyer.insecure_clone(), w.supplier.insecure_clone());
    let created = w.created(pool).await;
    let verified = w.verified().await;
    let repaid = w.repaid().await;
    let seq = w.queued_senior(pool, 100 * USDC).await;
    let fake = Pubkey::new_unique();
    let core = mpl_core::ID;
    let system = anchor_lang::system_program::ID;
    let deposit = ix::tranche_deposit(&pool, &senior.pubkey(), Tranche::Senior, USDC, 0);
    let tail = w.env.pool_state(&pool).await.ledger.senior.queue_tail;
    let withdraw = ix::tranche_withdraw(&pool, &senior.pubkey(), Tranche::Senior, USDC, tail);
    let fill = ix::withdrawal_fill(&pool, &keeper.pubkey(), Tranche::Senior, seq, &senior.pubkey());
    let address = anchor(AnchorError::ConstraintAddress);
    let program_id = anchor(AnchorError::InvalidProgramId);

    let cases = vec![
        Case::new(
            "fake Core in acknowledge",
            substitute(ix::invoice_acknowledge(&created.keys), &core, &fake),
            &[&buyer],
            address.clone(),
        ),
        Case::new(
            "our own program as Core in finance",
            substitute(ix::invoice_finance(&verified.keys, 0), &core, &PROGRAM_ID),
            &[&supplier],
            address.clone(),
        ),
        Case::new(
            "fake Core in settle",
            substitute(ix::invoice_settle(&repaid.keys, &keeper.pubkey()), &core, &fake),
            &[],
            address.clone(),
        ),
        Case::new(
            "SPL Token as the share token program (deposit)",
            replace_first(deposit.clone(), &TOKEN_2022_PROGRAM_ID, &TOKEN_PROGRAM_ID),
            &[&senior],
            program_id.clone(),
        ),
        Case::new(
            "the system program as the USDC token program (deposit)",
            replace_at(deposit.clone(), index_of(&deposit, &TOKEN_PROGRAM_ID), &system),
            &[&senior],
            program_id.clone(),
        ),
        Case::new(
            "Token-2022 as the USDC token program (deposit)",
            replace_at(deposit.clone(), index_of(&deposit, &TOKEN_PROGRAM_ID), &TOKEN_2022_PROGRAM_ID),
            &[&senior],
            anchor(AnchorError::ConstraintMintTokenProgram),
        ),
        Case::new(
            "fake ATA program (withdraw)",
            substitute(withdraw.clone(), &ATA_PROGRAM_ID, &fake),
            &[&senior],
            program_id.clone(),
        ),
        Case::new(
            "fake system program (withdraw)",
            substitute(withdraw.clone(), &system, &fake),
            &[&senior],
            program_id.clone(),
        ),
        Case::new(
            "Token-2022 as the USDC token program (fill)",
            substitute(fill.clone(), &TOKEN_PROGRAM_ID, &TOKEN_2022_PROGRAM_ID),
            &[],
            anchor(AnchorError::ConstraintMintTokenProgram),
        ),
    ];
    assert_eq!(run(&mut w.env, cases).await, 9);
}

#[tokio::test]
async fn price_accounts_owned_by_another_program_are_refused() {
    let mut w = world().await;
    let (m, admin) = (w.manager.insecure_clone(), w.env.admin.insecure_clone());
    let (buyer, supplier, verifier) =
        (w.buyer.insecure_clone(), w.supplier.insecure_clone(), w.verifier.insecure_clone());
    let pool = w.pool;
    let terms = nok_terms();
    w.env.ok(&[ix::pool_currency_set(&m.pubkey(), &pool.pool, terms)], &[&m]).await;
    let mut nok = w.terms(10_000_00, 60).await;
    nok.currency = *b"NOK";
    let inv = w.env.verified_invoice(&pool, &supplier, &buyer, &verifier, nok, 900).await;
    let now = w.env.now().await;
    // 10.5 NOK per USD, posted now, fully verified — but by a fake program.
    let forged = Pubkey::new_unique();
    let mut price = TestPrice::new(terms.feed_id, 1_050_000_000, 100_000, -8, now);
    price.owner = Pubkey::new_unique();
    w.env.set_price(&forged, price);
    let finance = ix::invoice_finance_with(&inv.keys, 0, &Prices { fx: Some((*b"NOK", forged)), usdc: None });
    w.env.assert_program_error(&[finance], &[&supplier], E::OracleWrongOwner).await;

    // The USDC/USD depeg guard's price account, forged the same way.
    let usdc_feed = [0xea; 32];
    w.env.ok(&[ix::protocol_set_usdc_guard(&admin.pubkey(), usdc_feed, 9_900, 60)], &[&admin]).await;
    let genuine_fx = Pubkey::new_unique();
    w.env.set_price(&genuine_fx, TestPrice::new(terms.feed_id, 1_050_000_000, 100_000, -8, now));
    let forged_usdc = Pubkey::new_unique();
    let mut usdc_price = TestPrice::new(usdc_feed, 100_000_000, 10_000, -8, now);
    usdc_price.owner = Pubkey::new_unique();
    w.env.set_price(&forged_usdc, usdc_price);
    let finance = ix::invoice_finance_with(
        &inv.keys,
        0,
        &Prices { fx: Some((*b"NOK", genuine_fx)), usdc: Some(forged_usdc) },
    );
    w.env.assert_program_error(&[finance], &[&supplier], E::OracleWrongOwner).await;
}

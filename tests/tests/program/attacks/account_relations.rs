//! Account-relation attacks: accounts of ANOTHER pool (vault, share mints,
//! invoices, requests, currency configurations), of another invoice (asset,
//! registry entries) or of another wallet (payout accounts) mixed into an
//! otherwise valid transaction. Every `Wrong*` error of the enum is asserted
//! here with the account it guards.

use super::world::*;
use autofactor_client::state::{RegistryEntry, Tranche};
use autofactor_client::{ix, pda, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::{Keypair, Signer};

#[tokio::test]
async fn accounts_of_another_pool_are_refused() {
    let mut w = world().await;
    let (a, b) = (w.pool, w.pool_b);
    let keeper = w.env.payer();
    let (senior, junior, buyer, supplier) = (
        w.senior.insecure_clone(),
        w.junior.insecure_clone(),
        w.buyer.insecure_clone(),
        w.supplier.insecure_clone(),
    );
    let verifier_b = w.verifier_b.insecure_clone();
    // A second USDC-like mint and the senior investor's account for it.
    let mint_auth = Keypair::new();
    let other_mint = w.env.create_spl_mint(&mint_auth.pubkey(), 6).await;
    w.env.create_ata(&senior.pubkey(), &other_mint, &autofactor_client::TOKEN_PROGRAM_ID).await;

    // Invoices of both pools at several stages.
    let _in_b = w.verified_b().await; // gives pool B exposures to the buyer and supplier
    let created = {
        let inv = w.created(a).await;
        w.env.ok(&[ix::invoice_acknowledge(&inv.keys)], &[&buyer]).await;
        inv
    };
    let verified = w.verified().await;
    let financed = w.financed().await;
    let repaid = w.repaid().await;
    let in_b = |k: &ix::InvoiceKeys| ix::InvoiceKeys { pool: b, ..*k };
    let face = financed.terms.face_minor;

    // A request queued in pool A and one in pool B.
    let seq_a = w.queued_senior(a, 100 * USDC).await;
    let seq_b = w.queued_senior(b, 100 * USDC).await;

    let deposit = ix::tranche_deposit(&a, &senior.pubkey(), Tranche::Senior, USDC, 0);
    let tail = w.env.pool_state(&a).await.ledger.senior.queue_tail;
    let withdraw = ix::tranche_withdraw(&a, &senior.pubkey(), Tranche::Senior, USDC, tail);
    let fill = ix::withdrawal_fill(&a, &keeper.pubkey(), Tranche::Senior, seq_a, &senior.pubkey());
    let other_usdc_mint_ata = pda::ata(&senior.pubkey(), &other_mint, &autofactor_client::TOKEN_PROGRAM_ID);
    let settle = ix::invoice_settle(&repaid.keys, &keeper.pubkey());

    let cases = vec![
        Case::new(
            "deposit with pool B's vault",
            substitute(deposit.clone(), &a.vault, &b.vault),
            &[&senior],
            program(E::WrongVault),
        ),
        Case::new(
            "deposit with pool B's senior mint",
            substitute(deposit.clone(), &a.senior_mint, &b.senior_mint),
            &[&senior],
            program(E::WrongTrancheMint),
        ),
        Case::new(
            "senior deposit with pool A's junior mint",
            replace_first(deposit.clone(), &a.senior_mint, &a.junior_mint),
            &[&senior],
            program(E::WrongTrancheMint),
        ),
        Case::new(
            "deposit with another USDC mint",
            substitute(
                substitute(deposit.clone(), &a.usdc_mint, &other_mint),
                &a.usdc_ata(&senior.pubkey()),
                &other_usdc_mint_ata,
            ),
            &[&senior],
            program(E::WrongUsdcMint),
        ),
        Case::new(
            "withdraw with pool B's vault",
            substitute(withdraw.clone(), &a.vault, &b.vault),
            &[&senior],
            program(E::WrongVault),
        ),
        Case::new(
            "withdraw with pool B's senior mint",
            substitute(withdraw.clone(), &a.senior_mint, &b.senior_mint),
            &[&senior],
            program(E::WrongTrancheMint),
        ),
        Case::new(
            "fill with pool B's vault",
            substitute(fill.clone(), &a.vault, &b.vault),
            &[],
            program(E::WrongVault),
        ),
        Case::new(
            "fill paying another wallet's USDC account",
            substitute(fill.clone(), &a.usdc_ata(&senior.pubkey()), &a.usdc_ata(&junior.pubkey())),
            &[],
            program(E::WrongPayoutAccount),
        ),
        Case::new(
            "fill naming another investor",
            ix::withdrawal_fill(&a, &keeper.pubkey(), Tranche::Senior, seq_a, &junior.pubkey()),
            &[],
            program(E::NotRequestOwner),
        ),
        Case::new(
            "collect fees from pool B's vault",
            substitute(
                ix::pool_collect_fees(&a, &w.env.treasury.pubkey(), &w.manager.pubkey()),
                &a.vault,
                &b.vault,
            ),
            &[],
            program(E::WrongVault),
        ),
        Case::new(
            "repay into pool B's vault",
            substitute(
                ix::invoice_repay(&financed.keys, &buyer.pubkey(), face, face * 10_000),
                &a.vault,
                &b.vault,
            ),
            &[&buyer],
            program(E::WrongVault),
        ),
        Case::new(
            "attest pool A's invoice through pool B",
            ix::invoice_attest(&in_b(&created.keys), &verifier_b.pubkey(), [7; 32], 900),
            &[&verifier_b],
            program(E::WrongPool),
        ),
        Case::new(
            "finance pool A's invoice from pool B",
            ix::invoice_finance(&in_b(&verified.keys), 0),
            &[&supplier],
            program(E::WrongPool),
        ),
        Case::new(
            "repay pool A's invoice into pool B",
            ix::invoice_repay(&in_b(&financed.keys), &buyer.pubkey(), face, face * 10_000),
            &[&buyer],
            program(E::WrongPool),
        ),
        Case::new(
            "mature pool A's invoice in pool B",
            ix::invoice_mature(&in_b(&financed.keys)),
            &[],
            program(E::WrongPool),
        ),
        Case::new(
            "mark pool A's invoice late in pool B",
            ix::invoice_mark_late(&in_b(&financed.keys), &keeper.pubkey()),
            &[],
            program(E::WrongPool),
        ),
        Case::new(
            "write pool A's invoice down in pool B",
            ix::invoice_write_down(&in_b(&financed.keys), &keeper.pubkey()),
            &[],
            program(E::WrongPool),
        ),
        Case::new(
            "settle pool A's invoice from pool B",
            ix::invoice_settle(&in_b(&repaid.keys), &keeper.pubkey()),
            &[],
            program(E::WrongPool),
        ),
        Case::new(
            "settle paying the reserve to another wallet",
            substitute(settle.clone(), &a.usdc_ata(&supplier.pubkey()), &a.usdc_ata(&buyer.pubkey())),
            &[],
            program(E::WrongPayoutAccount),
        ),
        Case::new(
            "finance with another invoice's asset",
            substitute(ix::invoice_finance(&verified.keys, 0), &verified.keys.asset, &financed.keys.asset),
            &[&supplier],
            program(E::WrongAsset),
        ),
        Case::new(
            "repay with another invoice's asset",
            substitute(
                ix::invoice_repay(&financed.keys, &buyer.pubkey(), face, face * 10_000),
                &financed.keys.asset,
                &verified.keys.asset,
            ),
            &[&buyer],
            program(E::WrongAsset),
        ),
        Case::new(
            "cancel pool B's request through pool A",
            substitute(ix::withdrawal_cancel(&b, &senior.pubkey(), Tranche::Senior, seq_b), &b.pool, &a.pool),
            &[&senior],
            anchor(anchor_lang::error::ErrorCode::ConstraintSeeds),
        ),
    ];
    assert_eq!(run(&mut w.env, cases).await, 22);
}

/// The checks that guard addresses an honest client can only get right
/// (PDAs derived from the pool or the invoice) are still enforced on the
/// data: pool B's request, another invoice's registry entry and pool B's
/// currency configuration, placed where pool A's / this invoice's belong.
#[tokio::test]
async fn foreign_data_at_the_right_address_is_refused() {
    let mut w = world().await;
    let (a, b) = (w.pool, w.pool_b);
    let keeper = w.env.payer();
    let (senior, supplier, buyer) =
        (w.senior.insecure_clone(), w.supplier.insecure_clone(), w.buyer.insecure_clone());
    let mb = w.manager_b.insecure_clone();

    // Pool B's head request copied to the address of pool A's head request.
    let seq_a = w.queued_senior(a, 100 * USDC).await;
    let seq_b = w.queued_senior(b, 100 * USDC).await;
    let req_b = w.env.account(&pda::withdrawal_request(&b.pool, Tranche::Senior, seq_b)).await.unwrap();
    w.env.ctx.set_account(&pda::withdrawal_request(&a.pool, Tranche::Senior, seq_a), &req_b.into());

    // Invoice Y's document entry and invoice Z's number entry pointing at
    // invoice X (their own bumps kept, so the addresses still verify).
    let x = w.created(a).await;
    let y = w.created(a).await;
    let z = w.created(a).await;
    let x_key = x.keys.invoice;
    w.rewrite::<RegistryEntry>(&pda::document_entry(&y.terms.document_hash), |e| e.invoice = x_key).await;
    w.rewrite::<RegistryEntry>(&pda::number_entry(&z.keys.supplier_entity, &z.terms.invoice_number), |e| {
        e.invoice = x_key
    })
    .await;

    // Pool B accepts NOK; pool A does not.
    w.env.ok(&[ix::pool_currency_set(&mb.pubkey(), &b.pool, nok_terms())], &[&mb]).await;
    let mut nok = w.terms(1_000_00, 60).await;
    nok.currency = *b"NOK";
    let asset = Keypair::new();
    let keys = w.env.invoice_keys(&a, &asset.pubkey(), &supplier.pubkey(), &buyer.pubkey()).await;
    let create_nok = substitute(
        ix::invoice_create(&keys, &nok),
        &pda::currency_config(&a.pool, b"NOK"),
        &pda::currency_config(&b.pool, b"NOK"),
    );

    let cases = vec![
        Case::new(
            "fill pool A's queue with pool B's request",
            ix::withdrawal_fill(&a, &keeper.pubkey(), Tranche::Senior, seq_a, &senior.pubkey()),
            &[],
            program(E::WrongWithdrawalRequest),
        ),
        Case::new(
            "cancel with another invoice's document entry",
            ix::invoice_cancel(&y.keys, &y.terms.document_hash, &y.terms.invoice_number),
            &[&supplier],
            program(E::WrongRegistryAccount),
        ),
        Case::new(
            "cancel with another invoice's number entry",
            ix::invoice_cancel(&z.keys, &z.terms.document_hash, &z.terms.invoice_number),
            &[&supplier],
            program(E::WrongRegistryAccount),
        ),
    ];
    assert_eq!(run(&mut w.env, cases).await, 3);
    let signers: [&Keypair; 2] = [&supplier, &asset];
    w.env.assert_program_error(&[create_nok], &signers, E::WrongCurrencyConfig).await;
}

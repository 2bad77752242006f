//! Duplicate accounts: the same account passed in two roles (the vault as
//! the investor's, supplier's or payer's token account), the same
//! instruction twice in one transaction, and the treasury equal to the
//! manager when fees are paid.

use super::world::*;
use anchor_lang::error::ErrorCode as AnchorError;
use autofactor_client::state::Tranche;
use autofactor_client::{ix, AutofactorError as E, TOKEN_PROGRAM_ID};
use autofactor_tests::*;
use solana_sdk::signature::Signer;

#[tokio::test]
async fn the_vault_in_a_second_role_is_refused() {
    let mut w = world().await;
    let pool = w.pool;
    let keeper = w.env.payer();
    let (senior, buyer, supplier) =
        (w.senior.insecure_clone(), w.buyer.insecure_clone(), w.supplier.insecure_clone());
    let verified = w.verified().await;
    let financed = w.financed().await;
    let repaid = w.repaid().await;
    let tail = w.env.pool_state(&pool).await.ledger.senior.queue_tail;
    let face = financed.terms.face_minor;
    let seq = w.queued_senior(pool, 100 * USDC).await;
    w.env.inject_repayment(&pool, 1_000 * USDC, 0).await;
    let investor_usdc = pool.usdc_ata(&senior.pubkey());
    let dup = anchor(AnchorError::ConstraintDuplicateMutableAccount);
    let cases = vec![
        Case::new(
            "deposit from the vault into the vault",
            substitute(
                ix::tranche_deposit(&pool, &senior.pubkey(), Tranche::Senior, USDC, 0),
                &investor_usdc,
                &pool.vault,
            ),
            &[&senior],
            dup.clone(),
        ),
        Case::new(
            "withdraw paying the vault",
            substitute(
                ix::tranche_withdraw(&pool, &senior.pubkey(), Tranche::Senior, USDC, tail + 1),
                &investor_usdc,
                &pool.vault,
            ),
            &[&senior],
            dup.clone(),
        ),
        Case::new(
            "fill paying the vault",
            substitute(
                ix::withdrawal_fill(&pool, &keeper.pubkey(), Tranche::Senior, seq, &senior.pubkey()),
                &investor_usdc,
                &pool.vault,
            ),
            &[],
            program(E::WrongPayoutAccount),
        ),
        Case::new(
            "finance paying the advance into the vault",
            substitute(
                ix::invoice_finance(&verified.keys, 0),
                &pool.usdc_ata(&supplier.pubkey()),
                &pool.vault,
            ),
            &[&supplier],
            dup.clone(),
        ),
        Case::new(
            "repay from the vault",
            substitute(
                ix::invoice_repay(&financed.keys, &buyer.pubkey(), face, face * 10_000),
                &pool.usdc_ata(&buyer.pubkey()),
                &pool.vault,
            ),
            &[&buyer],
            dup.clone(),
        ),
        Case::new(
            "settle paying the reserve into the vault",
            substitute(
                ix::invoice_settle(&repaid.keys, &keeper.pubkey()),
                &pool.usdc_ata(&supplier.pubkey()),
                &pool.vault,
            ),
            &[],
            program(E::WrongPayoutAccount),
        ),
    ];
    assert_eq!(run(&mut w.env, cases).await, 6);
}

#[tokio::test]
async fn the_same_instruction_twice_in_one_transaction_is_refused_whole() {
    let mut w = world().await;
    let pool = w.pool;
    let (senior, supplier, buyer) =
        (w.senior.insecure_clone(), w.supplier.insecure_clone(), w.buyer.insecure_clone());
    let verified = w.verified().await;
    let financed = w.financed().await;
    let finance = ix::invoice_finance(&verified.keys, 0);
    // The second finance sees the invoice already financed; the first one's
    // advance is rolled back with it.
    w.env.assert_failure(&[finance.clone(), finance], &[&supplier], program(E::InvalidInvoiceStatus)).await;
    let seq = w.queued_senior(pool, 100 * USDC).await;
    // Cancelling the same request twice: the second finds it closed.
    let cancel = ix::withdrawal_cancel(&pool, &senior.pubkey(), Tranche::Senior, seq);
    w.env
        .assert_failure(&[cancel.clone(), cancel], &[&senior], anchor(AnchorError::AccountNotInitialized))
        .await;
    // Paying the whole invoice twice: the second payment is an overpayment.
    let face = financed.terms.face_minor;
    let pay = ix::invoice_repay(&financed.keys, &buyer.pubkey(), face, face * 10_000);
    w.env.assert_failure(&[pay.clone(), pay], &[&buyer], program(E::InvalidInvoiceStatus)).await;
}

/// The treasury set to the manager's wallet: both fees would go to one
/// token account, passed twice as a writable account — Anchor refuses the
/// duplicate (nothing is paid twice, every account unchanged). The fees stay
/// owed until the admin points the treasury elsewhere; then each is paid
/// exactly once.
#[tokio::test]
async fn treasury_equal_to_manager_cannot_be_paid_twice() {
    let mut w = world().await;
    let pool = w.pool;
    let admin = w.env.admin.insecure_clone();
    let manager = w.manager.pubkey();
    w.repaid().await;
    w.env.ok(&[ix::protocol_update(&admin.pubkey(), 1_000, &manager)], &[&admin]).await;
    let usdc = w.env.usdc_mint;
    let ata = w.env.create_ata(&manager, &usdc, &TOKEN_PROGRAM_ID).await;
    let before = w.env.pool_state(&pool).await.ledger;
    let (pf, mf) = (before.protocol_fees_owed_usdc, before.manager_fees_owed_usdc);
    assert!(pf > 0 && mf > 0);
    w.env
        .assert_failure(
            &[ix::pool_collect_fees(&pool, &manager, &manager)],
            &[],
            anchor(AnchorError::ConstraintDuplicateMutableAccount),
        )
        .await;
    // A distinct treasury: each fee paid once, exactly.
    let treasury = w.env.treasury.pubkey();
    w.env.ok(&[ix::protocol_update(&admin.pubkey(), 1_000, &treasury)], &[&admin]).await;
    let t_ata = w.env.create_ata(&treasury, &usdc, &TOKEN_PROGRAM_ID).await;
    let vault_before = w.env.token_balance(&pool.vault).await;
    w.env.ok(&[ix::pool_collect_fees(&pool, &treasury, &manager)], &[]).await;
    assert_eq!(w.env.token_balance(&ata).await, mf);
    assert_eq!(w.env.token_balance(&t_ata).await, pf);
    assert_eq!(w.env.token_balance(&pool.vault).await, vault_before - pf - mf);
    let after = w.env.pool_state(&pool).await.ledger;
    assert_eq!((after.protocol_fees_owed_usdc, after.manager_fees_owed_usdc), (0, 0));
    w.env
        .assert_program_error(&[ix::pool_collect_fees(&pool, &treasury, &manager)], &[], E::ZeroAmount)
        .await;
}

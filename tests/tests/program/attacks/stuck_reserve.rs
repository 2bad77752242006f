//! Stuck supplier money (issue 17 item 1): on a defaulted invoice that was
//! recovered in part, what was collected beyond the pool's claim and the
//! fees belongs to the supplier, but only settlement released a reserve and
//! settlement needs full repayment, so the USDC stayed in the vault with no
//! instruction that could pay it. Now anyone closes a defaulted invoice at
//! the end of its recovery period (write-off horizon + the pool's recovery
//! days, fixed at financing): the supplier gets exactly what was collected
//! toward its reserve, the asset is burned, the invoice closed.

use super::world::*;
use anchor_lang::error::ErrorCode as AnchorError;
use autofactor_client::events::*;
use autofactor_client::state::{Exposure, InvoiceStatus, PoolParams, PoolPolicy};
use autofactor_client::{ix, pda, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::Signer;

const DAY: i64 = 86_400;
/// Claim of the defaulted 500 USD grade-B invoice (micro-USDC).
const CLAIM_A: u64 = 472_369_864;
/// Claim of the supplier's next 1,000 USD grade-A invoice.
const CLAIM_B: u64 = 996_054_796;
/// The supplier cap (30 % of settled NAV) when it is financed.
const CAP_AFTER: u64 = 1_391_445_205;

/// The attack world with a 10 % minimum junior ratio (the senior coupon
/// accrued over the holding windows must not block financing here) and no
/// concentration caps.
async fn world_10() -> World {
    let policy = PoolPolicy {
        max_buyer_concentration_bps: 10_000,
        max_supplier_concentration_bps: 10_000,
        ..default_policy()
    };
    world_with(PoolParams { min_junior_ratio_bps: 1_000, ..default_params() }, policy).await
}

#[tokio::test]
async fn a_partly_recovered_default_is_closed_and_the_supplier_paid_its_share() {
    let mut w = world_10().await;
    let pool = w.pool;
    let keeper = w.env.payer().pubkey();
    let (supplier, buyer, verifier) =
        (w.supplier.insecure_clone(), w.buyer.insecure_clone(), w.verifier.insecure_clone());
    // A 1,000 USD invoice at grade B (score 700: 95 % advance): a 50 USDC reserve.
    let terms = w.terms(1_000_00, 60).await;
    let inv = w.env.verified_invoice(&pool, &supplier, &buyer, &verifier, terms, 700).await;
    let f = w.env.finance(&inv, &supplier).await.event::<InvoiceFinanced>();
    assert_eq!(f.reserve_usdc, 50 * USDC);
    let claim = f.advance_usdc + f.discount_usdc - f.protocol_fee_usdc - f.manager_fee_usdc;
    assert_eq!(claim + f.protocol_fee_usdc + f.manager_fee_usdc, 950 * USDC);
    let state = w.env.invoice_state(&inv).await;
    assert_eq!(state.close_after_ts, state.writeoff_ts + 180 * DAY, "the harness policy's 180 recovery days");

    // Late, then written off to zero: Defaulted.
    let now = w.env.now().await;
    w.env.warp_seconds(state.late_after_ts - now).await;
    w.env.ok(&[ix::invoice_mark_late(&inv.keys, &keeper)], &[]).await;
    let now = w.env.now().await;
    w.env.warp_seconds(state.writeoff_ts - now).await;
    assert!(
        w.env
            .ok(&[ix::invoice_write_down(&inv.keys, &keeper)], &[])
            .await
            .event::<InvoiceWrittenDown>()
            .defaulted
    );

    // A recovery of 980 USD: the claim and the fees in full, 30 USDC toward
    // the supplier's reserve.
    w.env.warp_seconds(10 * DAY).await;
    w.env.ok(&[ix::invoice_repay(&inv.keys, &buyer.pubkey(), 980_00, 980 * USDC)], &[&buyer]).await;
    let book = w.env.invoice_state(&inv).await.book;
    assert_eq!(book.reserve_collected_usdc, 30 * USDC);
    assert_eq!(w.env.invoice_state(&inv).await.status, InvoiceStatus::Defaulted);
    assert_eq!(w.env.pool_state(&pool).await.ledger.reserves_owed_usdc, 30 * USDC);

    // Settlement needs full repayment, and closing waits for the end of the
    // recovery period (one second before it: refused).
    let close = ix::invoice_close_defaulted(&inv.keys, &keeper);
    w.env.assert_program_error(&[ix::invoice_settle(&inv.keys, &keeper)], &[], E::NotFullyRepaid).await;
    w.env.assert_program_error(&[close.clone()], &[], E::RecoveryPeriodNotOver).await;
    let now = w.env.now().await;
    w.env.warp_seconds(state.close_after_ts - 1 - now).await;
    w.env.assert_program_error(&[close.clone()], &[], E::RecoveryPeriodNotOver).await;

    // At the end of the recovery period anyone closes it.
    w.env.warp_seconds(1).await;
    let supplier_ata = pool.usdc_ata(&supplier.pubkey());
    let before = w.env.token_balance(&supplier_ata).await;
    let open = w.env.pool_state(&pool).await.ledger.open_invoices;
    let out = w.env.ok(&[close.clone()], &[]).await;
    let ev = out.event::<InvoiceClosedDefaulted>();
    assert_eq!((ev.reserve_released_usdc, ev.claim_unpaid_usdc), (30 * USDC, 0));
    assert_eq!(w.env.token_balance(&supplier_ata).await, before + 30 * USDC);
    assert!(w.env.account(&inv.keys.invoice).await.is_none(), "invoice closed");
    assert_eq!(w.env.account(&inv.keys.asset).await.unwrap().data, vec![0u8], "asset burned");
    let l = w.env.pool_state(&pool).await.ledger;
    assert_eq!((l.reserves_owed_usdc, l.open_invoices), (0, open - 1));
    // Every micro-USDC in the vault has an owner: cash or fees owed.
    let vault = w.env.token_balance(&pool.vault).await;
    assert_eq!(vault, l.cash_usdc + l.protocol_fees_owed_usdc + l.manager_fees_owed_usdc);
    // Once closed it cannot be closed (or paid) again.
    w.env
        .assert_failure(
            &[close],
            &[],
            solana_sdk::instruction::InstructionError::Custom(
                anchor_lang::error::ErrorCode::AccountNotInitialized.into(),
            ),
        )
        .await;
}

/// Only a defaulted invoice may be closed this way: a financed one (however
/// far past its horizon a keeper left it) or a repaid one may not.
#[tokio::test]
async fn only_defaulted_invoices_close() {
    let mut w = world_10().await;
    let keeper = w.env.payer().pubkey();
    let financed = w.financed().await;
    let repaid = w.repaid().await;
    for inv in [&financed, &repaid] {
        w.env
            .assert_program_error(
                &[ix::invoice_close_defaulted(&inv.keys, &keeper)],
                &[],
                E::InvalidInvoiceStatus,
            )
            .await;
    }
}

/// Review (exposure leak): closing a defaulted invoice released nothing of
/// the buyer's and supplier's exposures, so a closed default counted
/// against both entity caps forever. Now the close releases the invoice's
/// remaining claim and its open invoice (the rule a full repayment applies):
/// both exposures are back exactly where they were before financing, and
/// the supplier's next invoice gets the whole cap.
#[tokio::test]
async fn closing_a_default_releases_its_exposure_and_the_supplier_cap() {
    // Supplier cap 30 % of NAV; no buyer cap; no minimum junior ratio (the
    // loss and the senior coupon of the recovery period eat most of junior;
    // subordination is not what this test is about).
    let policy = PoolPolicy {
        max_buyer_concentration_bps: 10_000,
        max_supplier_concentration_bps: 3_000,
        ..default_policy()
    };
    let mut w = world_with(PoolParams { min_junior_ratio_bps: 0, ..default_params() }, policy).await;
    let pool = w.pool;
    let keeper = w.env.payer().pubkey();
    let (supplier, buyer, verifier) =
        (w.supplier.insecure_clone(), w.buyer.insecure_clone(), w.verifier.insecure_clone());
    // A 500 USD invoice at grade B (score 700), never paid.
    let terms = w.terms(500_00, 60).await;
    let inv = w.env.verified_invoice(&pool, &supplier, &buyer, &verifier, terms, 700).await;
    let buyer_exposure = pda::buyer_exposure(&pool.pool, &inv.keys.buyer_entity);
    let supplier_exposure = pda::supplier_exposure(&pool.pool, &inv.keys.supplier_entity);
    let before: Vec<(u64, u32)> = {
        let mut v = vec![];
        for k in [buyer_exposure, supplier_exposure] {
            let e: Exposure = w.env.get(&k).await;
            v.push((e.outstanding_usdc, e.open_invoices));
        }
        v
    };
    assert_eq!(before, vec![(0, 0), (0, 0)]);
    let f = w.env.finance(&inv, &supplier).await.event::<InvoiceFinanced>();
    let claim = f.advance_usdc + f.discount_usdc - f.protocol_fee_usdc - f.manager_fee_usdc;
    assert_eq!(claim, CLAIM_A);
    for k in [buyer_exposure, supplier_exposure] {
        let e: Exposure = w.env.get(&k).await;
        assert_eq!((e.outstanding_usdc, e.open_invoices), (CLAIM_A, 1));
    }

    // Late, written off, recovery period over: closed with nothing collected.
    let state = w.env.invoice_state(&inv).await;
    let now = w.env.now().await;
    w.env.warp_seconds(state.close_after_ts - now).await;
    w.env.ok(&[ix::invoice_mark_late(&inv.keys, &keeper)], &[]).await;
    assert_eq!(w.env.invoice_state(&inv).await.status, InvoiceStatus::Defaulted);
    // Nothing was collected toward the reserve: no supplier USDC account is
    // needed (passed as `None`).
    let supplier_ata = pool.usdc_ata(&supplier.pubkey());
    let close = replace_first(
        ix::invoice_close_defaulted(&inv.keys, &keeper),
        &supplier_ata,
        &autofactor_client::PROGRAM_ID,
    );
    let ev = w.env.ok(&[close], &[]).await.event::<InvoiceClosedDefaulted>();
    assert_eq!((ev.reserve_released_usdc, ev.claim_unpaid_usdc), (0, CLAIM_A));
    // Both exposures exactly as before financing.
    for (k, b) in [buyer_exposure, supplier_exposure].into_iter().zip(before) {
        let e: Exposure = w.env.get(&k).await;
        assert_eq!((e.outstanding_usdc, e.open_invoices), b);
    }

    // The supplier's next invoice (1,000 USD, grade A) uses the cap: its
    // claim alone fits, with the closed default still counted it would not.
    let b = w.verified_face(1_000_00, 60).await;
    // NAV as financing sees it (accrued to now; no recent deposits: the
    // world's pools have no holding period).
    let nav = w.accrued(&pool).await.nav_usdc().unwrap();
    let cap = nav * 3_000 / 10_000;
    assert_eq!(cap, CAP_AFTER);
    let f = w.env.finance(&b, &supplier).await.event::<InvoiceFinanced>();
    let claim_b = f.advance_usdc + f.discount_usdc - f.protocol_fee_usdc - f.manager_fee_usdc;
    assert_eq!(claim_b, CLAIM_B);
    assert!(claim_b <= cap && CLAIM_A + claim_b > cap);
    let e: Exposure = w.env.get(&supplier_exposure).await;
    assert_eq!((e.outstanding_usdc, e.open_invoices), (CLAIM_B, 1));
}

/// Review (supplier payout on close): the close created the supplier's ATA
/// at the keeper's expense when it was missing (rent the supplier could
/// reclaim) and a closed ATA blocked it. Now nothing is created: the reserve
/// goes to any USDC account the supplier owns; an account of someone else
/// is refused with every account unchanged (none at all leaves the reserve
/// owed: `a_frozen_supplier_account_never_blocks_the_close…`).
#[tokio::test]
async fn the_reserve_goes_to_any_usdc_account_of_the_supplier_and_no_ata_is_created() {
    use anchor_spl::token::spl_token;
    let mut w = world_10().await;
    let pool = w.pool;
    let keeper = w.env.payer().pubkey();
    let (supplier, buyer, verifier) =
        (w.supplier.insecure_clone(), w.buyer.insecure_clone(), w.verifier.insecure_clone());
    let terms = w.terms(1_000_00, 60).await;
    let inv = w.env.verified_invoice(&pool, &supplier, &buyer, &verifier, terms, 700).await;
    w.env.finance(&inv, &supplier).await;
    let state = w.env.invoice_state(&inv).await;
    let now = w.env.now().await;
    w.env.warp_seconds(state.writeoff_ts - now).await;
    w.env.ok(&[ix::invoice_mark_late(&inv.keys, &keeper)], &[]).await;
    assert_eq!(w.env.invoice_state(&inv).await.status, InvoiceStatus::Defaulted);
    // 980 USD recovered: 30 USDC toward the reserve.
    w.env.ok(&[ix::invoice_repay(&inv.keys, &buyer.pubkey(), 980_00, 980 * USDC)], &[&buyer]).await;
    assert_eq!(w.env.invoice_state(&inv).await.book.reserve_collected_usdc, 30 * USDC);
    let now = w.env.now().await;
    w.env.warp_seconds(state.close_after_ts - now).await;

    // The supplier moved its USDC to a plain token account and closed its ATA.
    let supplier_ata = pool.usdc_ata(&supplier.pubkey());
    let other = solana_sdk::signature::Keypair::new();
    let rent = w.env.ctx.banks_client.get_rent().await.unwrap().minimum_balance(165);
    let usdc = w.env.usdc_mint;
    let payer = w.env.payer();
    let held = w.env.token_balance(&supplier_ata).await;
    w.env
        .ok(
            &[
                anchor_lang::solana_program::system_instruction::create_account(
                    &payer.pubkey(),
                    &other.pubkey(),
                    rent,
                    165,
                    &autofactor_client::TOKEN_PROGRAM_ID,
                ),
                spl_token::instruction::initialize_account3(
                    &autofactor_client::TOKEN_PROGRAM_ID,
                    &other.pubkey(),
                    &usdc,
                    &supplier.pubkey(),
                )
                .unwrap(),
                spl_token::instruction::transfer(
                    &autofactor_client::TOKEN_PROGRAM_ID,
                    &supplier_ata,
                    &other.pubkey(),
                    &supplier.pubkey(),
                    &[],
                    held,
                )
                .unwrap(),
                spl_token::instruction::close_account(
                    &autofactor_client::TOKEN_PROGRAM_ID,
                    &supplier_ata,
                    &supplier.pubkey(),
                    &supplier.pubkey(),
                    &[],
                )
                .unwrap(),
            ],
            &[&other, &supplier],
        )
        .await;
    assert!(w.env.account(&supplier_ata).await.is_none());

    let close = ix::invoice_close_defaulted(&inv.keys, &keeper);
    // The closed ATA is not re-created at the keeper's expense.
    w.env.assert_failure(&[close.clone()], &[], anchor(AnchorError::AccountNotInitialized)).await;
    // Someone else's USDC account (the buyer's) is refused.
    let buyer_ata = pool.usdc_ata(&buyer.pubkey());
    w.env
        .assert_failure(
            &[replace_first(close.clone(), &supplier_ata, &buyer_ata)],
            &[],
            anchor(AnchorError::ConstraintTokenOwner),
        )
        .await;
    // The supplier's own plain account receives exactly the 30 USDC.
    let keeper_lamports = w.env.account(&keeper).await.unwrap().lamports;
    let out = w.env.ok(&[replace_first(close, &supplier_ata, &other.pubkey())], &[]).await;
    assert_eq!(out.event::<InvoiceClosedDefaulted>().reserve_released_usdc, 30 * USDC);
    assert_eq!(w.env.token_balance(&other.pubkey()).await, held + 30 * USDC);
    assert!(w.env.account(&supplier_ata).await.is_none(), "no ATA created");
    // The keeper paid the transaction fee only.
    assert_eq!(keeper_lamports - w.env.account(&keeper).await.unwrap().lamports, 5_000);
    let l = w.env.pool_state(&pool).await.ledger;
    assert_eq!(l.reserves_owed_usdc, 0);
    let vault = w.env.token_balance(&pool.vault).await;
    assert_eq!(vault, l.cash_usdc + l.protocol_fees_owed_usdc + l.manager_fees_owed_usdc);
}

/// A defaulted 1,000 USD grade-B invoice in `w`'s pool with 980 USD
/// recovered (30 USDC collected toward the supplier's reserve), at the end
/// of its recovery period.
async fn defaulted_with_reserve(w: &mut World) -> TestInvoice {
    let (supplier, buyer, verifier) =
        (w.supplier.insecure_clone(), w.buyer.insecure_clone(), w.verifier.insecure_clone());
    let keeper = w.env.payer().pubkey();
    let terms = w.terms(1_000_00, 60).await;
    let inv = w.env.verified_invoice(&w.pool, &supplier, &buyer, &verifier, terms, 700).await;
    w.env.finance(&inv, &supplier).await;
    let state = w.env.invoice_state(&inv).await;
    let now = w.env.now().await;
    w.env.warp_seconds(state.writeoff_ts - now).await;
    w.env.ok(&[ix::invoice_mark_late(&inv.keys, &keeper)], &[]).await;
    assert_eq!(w.env.invoice_state(&inv).await.status, InvoiceStatus::Defaulted);
    w.env.ok(&[ix::invoice_repay(&inv.keys, &buyer.pubkey(), 980_00, 980 * USDC)], &[&buyer]).await;
    assert_eq!(w.env.invoice_state(&inv).await.book.reserve_collected_usdc, 30 * USDC);
    let now = w.env.now().await;
    w.env.warp_seconds(state.close_after_ts - now).await;
    inv
}

/// Every micro-USDC in the vault has an owner: cash, fees owed or reserves
/// owed (nothing else is outstanding in these worlds).
async fn assert_vault_owned(w: &mut World) {
    let l = w.env.pool_state(&w.pool).await.ledger;
    let vault = w.env.token_balance(&w.pool.vault).await;
    assert_eq!(
        vault,
        l.cash_usdc + l.protocol_fees_owed_usdc + l.manager_fees_owed_usdc + l.reserves_owed_usdc
    );
}

/// The supplier's own plain (non-associated) USDC token account.
async fn plain_usdc_account(
    w: &mut World,
    owner: &solana_sdk::signature::Keypair,
) -> solana_sdk::pubkey::Pubkey {
    use anchor_spl::token::spl_token;
    let account = solana_sdk::signature::Keypair::new();
    let rent = w.env.ctx.banks_client.get_rent().await.unwrap().minimum_balance(165);
    let (usdc, payer) = (w.env.usdc_mint, w.env.payer());
    w.env
        .ok(
            &[
                anchor_lang::solana_program::system_instruction::create_account(
                    &payer.pubkey(),
                    &account.pubkey(),
                    rent,
                    165,
                    &autofactor_client::TOKEN_PROGRAM_ID,
                ),
                spl_token::instruction::initialize_account3(
                    &autofactor_client::TOKEN_PROGRAM_ID,
                    &account.pubkey(),
                    &usdc,
                    &owner.pubkey(),
                )
                .unwrap(),
            ],
            &[&account],
        )
        .await;
    account.pubkey()
}

/// Issue 10 (frozen supplier): the USDC issuer froze the supplier's
/// account, so the reserve could not be paid and — since the close paid it
/// in the same instruction — the defaulted invoice could never be closed
/// (its exposure, currency lock and reserve stuck forever). Now the close
/// goes through and books the reserve as owed; the invoice stays `Closed`
/// until the supplier claims it into any account of its own. The same
/// holds when the keeper gives no supplier account at all.
#[tokio::test]
async fn a_frozen_supplier_account_never_blocks_the_close_and_the_reserve_stays_claimable() {
    let mut w = world_10().await;
    let pool = w.pool;
    let keeper = w.env.payer().pubkey();
    let (supplier, buyer) = (w.supplier.insecure_clone(), w.buyer.insecure_clone());
    let inv = defaulted_with_reserve(&mut w).await;
    let supplier_ata = pool.usdc_ata(&supplier.pubkey());
    w.env.freeze_usdc_account(&supplier.pubkey()).await;
    let held = w.env.token_balance(&supplier_ata).await;
    let open = w.env.pool_state(&pool).await.ledger.open_invoices;

    // The close succeeds; the reserve stays owed, outside NAV.
    let nav_before = w.accrued(&pool).await.nav_usdc().unwrap();
    let ev = w
        .env
        .ok(&[ix::invoice_close_defaulted(&inv.keys, &keeper)], &[])
        .await
        .event::<InvoiceClosedDefaulted>();
    assert_eq!((ev.reserve_released_usdc, ev.reserve_owed_usdc), (0, 30 * USDC));
    assert_eq!(w.env.token_balance(&supplier_ata).await, held);
    assert_eq!(w.env.account(&inv.keys.asset).await.unwrap().data, vec![0u8], "asset burned");
    let closed = w.env.invoice_state(&inv).await;
    assert_eq!((closed.status, closed.book.reserve_collected_usdc), (InvoiceStatus::Closed, 30 * USDC));
    let l = w.env.pool_state(&pool).await.ledger;
    assert_eq!(
        (l.reserves_owed_usdc, l.open_invoices, l.nav_usdc().unwrap()),
        (30 * USDC, open - 1, nav_before)
    );
    assert_vault_owned(&mut w).await;

    // Closed once: neither close nor settle nor repay again.
    let refused = [
        (ix::invoice_close_defaulted(&inv.keys, &keeper), vec![], E::InvalidInvoiceStatus),
        (ix::invoice_settle(&inv.keys, &keeper), vec![], E::InvalidInvoiceStatus),
        (
            ix::invoice_repay(&inv.keys, &buyer.pubkey(), 10_00, 10 * USDC),
            vec![buyer.insecure_clone()],
            E::InvalidInvoiceStatus,
        ),
    ];
    for (ix, signers, e) in refused {
        let signers: Vec<&solana_sdk::signature::Keypair> = signers.iter().collect();
        w.env.assert_program_error(&[ix], &signers, e).await;
    }

    // The claim: only the supplier, only into its own account; the frozen
    // ATA cannot receive (the token program refuses, nothing changes).
    let mallory = w.buyer.insecure_clone();
    let other = plain_usdc_account(&mut w, &supplier).await;
    let claim = ix::invoice_claim_reserve(&inv.keys, &other);
    let as_mallory = replace_first(claim.clone(), &supplier.pubkey(), &mallory.pubkey());
    w.env.assert_program_error(&[as_mallory], &[&mallory], E::NotInvoiceSupplier).await;
    let into_buyers = ix::invoice_claim_reserve(&inv.keys, &pool.usdc_ata(&buyer.pubkey()));
    w.env.assert_failure(&[into_buyers], &[&supplier], anchor(AnchorError::ConstraintTokenOwner)).await;
    let into_frozen = ix::invoice_claim_reserve(&inv.keys, &supplier_ata);
    w.env
        .assert_failure(
            &[into_frozen],
            &[&supplier],
            solana_sdk::instruction::InstructionError::Custom(
                anchor_spl::token::spl_token::error::TokenError::AccountFrozen as u32,
            ),
        )
        .await;

    // Into its plain account: exactly the 30 USDC, the invoice account's
    // rent back, the reserve no longer owed.
    let rent = w.env.account(&inv.keys.invoice).await.unwrap().lamports;
    let lamports = w.env.account(&supplier.pubkey()).await.unwrap().lamports;
    let ev = w.env.ok(&[claim.clone()], &[&supplier]).await.event::<InvoiceReserveClaimed>();
    assert_eq!((ev.amount_usdc, ev.destination), (30 * USDC, other));
    assert_eq!(w.env.token_balance(&other).await, 30 * USDC);
    assert!(w.env.account(&inv.keys.invoice).await.is_none(), "invoice closed");
    assert_eq!(w.env.account(&supplier.pubkey()).await.unwrap().lamports, lamports + rent);
    assert_eq!(w.env.pool_state(&pool).await.ledger.reserves_owed_usdc, 0);
    assert_vault_owned(&mut w).await;
    // Claimed once.
    w.env.assert_failure(&[claim], &[&supplier], anchor(AnchorError::AccountNotInitialized)).await;
}

/// A keeper that passes no supplier account leaves the reserve owed (it
/// cannot make the supplier lose it, nor block the close).
#[tokio::test]
async fn a_close_without_a_supplier_account_leaves_the_reserve_owed() {
    let mut w = world_10().await;
    let pool = w.pool;
    let keeper = w.env.payer().pubkey();
    let supplier = w.supplier.insecure_clone();
    let inv = defaulted_with_reserve(&mut w).await;
    let close = replace_first(
        ix::invoice_close_defaulted(&inv.keys, &keeper),
        &pool.usdc_ata(&supplier.pubkey()),
        &autofactor_client::PROGRAM_ID,
    );
    let ev = w.env.ok(&[close], &[]).await.event::<InvoiceClosedDefaulted>();
    assert_eq!((ev.reserve_released_usdc, ev.reserve_owed_usdc), (0, 30 * USDC));
    assert_eq!(w.env.invoice_state(&inv).await.status, InvoiceStatus::Closed);
    let ata = pool.usdc_ata(&supplier.pubkey());
    let before = w.env.token_balance(&ata).await;
    w.env.ok(&[ix::invoice_claim_reserve(&inv.keys, &ata)], &[&supplier]).await;
    assert_eq!(w.env.token_balance(&ata).await, before + 30 * USDC);
    assert_vault_owned(&mut w).await;
}

/// The same at settlement: a frozen supplier account never blocks it; the
/// reserve stays owed until claimed. A claim on an invoice that is not
/// `Closed` is refused.
#[tokio::test]
async fn a_frozen_supplier_account_never_blocks_settlement() {
    let mut w = world_10().await;
    let pool = w.pool;
    let keeper = w.env.payer().pubkey();
    let supplier = w.supplier.insecure_clone();
    // A 1,000 USD grade-B invoice (95 % advance), repaid in full: a
    // 50 USDC reserve.
    let (buyer, verifier) = (w.buyer.insecure_clone(), w.verifier.insecure_clone());
    let terms = w.terms(1_000_00, 60).await;
    let inv = w.env.verified_invoice(&pool, &supplier, &buyer, &verifier, terms, 700).await;
    w.env.finance(&inv, &supplier).await;
    w.repay_all(&inv).await;
    let reserve = w.env.invoice_state(&inv).await.book.reserve_collected_usdc;
    assert_eq!(reserve, 50 * USDC);
    let ata = pool.usdc_ata(&supplier.pubkey());
    let other = plain_usdc_account(&mut w, &supplier).await;
    // Not closed yet: nothing to claim.
    w.env
        .assert_program_error(
            &[ix::invoice_claim_reserve(&inv.keys, &other)],
            &[&supplier],
            E::InvalidInvoiceStatus,
        )
        .await;
    w.env.freeze_usdc_account(&supplier.pubkey()).await;
    let held = w.env.token_balance(&ata).await;
    let ev = w.env.ok(&[ix::invoice_settle(&inv.keys, &keeper)], &[]).await.event::<InvoiceSettled>();
    assert_eq!((ev.reserve_released_usdc, ev.reserve_owed_usdc), (0, reserve));
    assert_eq!(w.env.token_balance(&ata).await, held);
    assert_eq!(w.env.invoice_state(&inv).await.status, InvoiceStatus::Closed);
    assert_eq!(w.env.pool_state(&pool).await.ledger.reserves_owed_usdc, reserve);
    assert_vault_owned(&mut w).await;
    let ev = w
        .env
        .ok(&[ix::invoice_claim_reserve(&inv.keys, &other)], &[&supplier])
        .await
        .event::<InvoiceReserveClaimed>();
    assert_eq!(ev.amount_usdc, reserve);
    assert_eq!(w.env.token_balance(&other).await, reserve);
    assert!(w.env.account(&inv.keys.invoice).await.is_none());
    assert_eq!(w.env.pool_state(&pool).await.ledger.reserves_owed_usdc, 0);
    assert_vault_owned(&mut w).await;
}

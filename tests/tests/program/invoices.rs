//! The invoice lifecycle instruction by instruction: success paths with the
//! Core asset read back with mpl-core's own readers, and failure paths with
//! exact error codes and unchanged accounts in policy and state cases (each
//! instruction's table of rejections is in `rejections/`).

use autofactor_client::constants::*;
use autofactor_client::events::*;
use autofactor_client::state::{BuyerReputation, Exposure, InvoiceStatus, RegistryEntry, Tranche};
use autofactor_client::{ix, pda, AutofactorError as E};
use autofactor_tests::*;
use mpl_core::types::UpdateAuthority;
use solana_sdk::signature::{Keypair, Signer};

/// A funded pool (1,000 junior + 4,000 senior USDC), its manager, a verifier,
/// a supplier and a buyer.
pub struct Market {
    pub env: Env,
    pub manager: Keypair,
    pub pool: ix::PoolKeys,
    pub verifier: Keypair,
    pub supplier: Keypair,
    pub buyer: Keypair,
}

/// The market pool's parameters: the defaults without a holding period.
pub fn market_params() -> autofactor_client::state::PoolParams {
    autofactor_client::state::PoolParams { min_hold_secs: 0, ..default_params() }
}

pub async fn market() -> Market {
    let mut env = Env::new().await;
    // No holding period: the invoice mechanics are tested at the deposit
    // instant, with junior at exactly 20 % of NAV (attacks::round_trips
    // tests the holding period).
    let (manager, pool) = env.pool_with(market_params(), default_policy()).await;
    let j = env.investor(1_000 * USDC).await;
    let s = env.investor(4_000 * USDC).await;
    env.deposit(&pool, &j, Tranche::Junior, 1_000 * USDC).await;
    env.deposit(&pool, &s, Tranche::Senior, 4_000 * USDC).await;
    let verifier = env.pool_verifier(&pool, &manager).await;
    let supplier = env.user(ROLE_SUPPLIER).await;
    let buyer = env.user(ROLE_BUYER).await;
    env.mint_usdc(&buyer.pubkey(), 100_000 * USDC).await;
    Market { env, manager, pool, verifier, supplier, buyer }
}

#[tokio::test]
async fn create_mints_a_frozen_core_asset_and_registry_entries() {
    let Market { mut env, pool, supplier, buyer, .. } = market().await;
    let terms = env.usd_terms("INV-1", 100_00, 60).await;
    let inv = env.new_invoice(&pool, &supplier, &buyer.pubkey(), terms.clone()).await;
    let state = env.invoice_state(&inv).await;
    assert_eq!(state.status, InvoiceStatus::Created);
    assert_eq!((state.supplier, state.buyer, state.pool), (supplier.pubkey(), buyer.pubkey(), pool.pool));
    assert_eq!((state.face_minor, state.currency, state.due_ts), (10_000, *b"USD", terms.due_ts));

    let asset = env.asset(&inv).await;
    assert_eq!(asset.base.owner, supplier.pubkey());
    assert_eq!(asset.base.update_authority, UpdateAuthority::Address(pda::asset_authority()));
    assert_eq!(asset.base.name, "Invoice INV-1");
    assert_eq!(asset.base.uri, terms.metadata_uri);
    let freeze = asset.plugin_list.permanent_freeze_delegate.as_ref().expect("permanent freeze");
    assert!(freeze.permanent_freeze_delegate.frozen);
    assert!(asset.plugin_list.permanent_transfer_delegate.is_some());
    assert!(asset.plugin_list.permanent_burn_delegate.is_some());
    let attrs = &asset.plugin_list.attributes.as_ref().expect("attributes").attributes.attribute_list;
    let get = |k: &str| attrs.iter().find(|a| a.key == k).map(|a| a.value.clone()).unwrap();
    assert_eq!(get("face"), "10000");
    assert_eq!(get("currency"), "USD");
    assert_eq!(get("status"), "Created");
    assert_eq!(get("document_sha256").len(), 64);

    let doc: RegistryEntry = env.get(&pda::document_entry(&terms.document_hash)).await;
    assert_eq!((doc.invoice, doc.supplier), (inv.keys.invoice, supplier.pubkey()));
    let supplier_entity = env.entity_key(&supplier.pubkey()).await;
    assert_eq!(state.supplier_entity, supplier_entity);
    assert_eq!(state.buyer_entity, env.entity_key(&buyer.pubkey()).await);
    let num: RegistryEntry = env.get(&pda::number_entry(&supplier_entity, "INV-1")).await;
    assert_eq!(num.invoice, inv.keys.invoice);
}

#[tokio::test]
async fn acknowledge_attest_and_dispute() {
    let Market { mut env, pool, supplier, buyer, verifier, .. } = market().await;
    let t = env.usd_terms("INV-4", 500_00, 60).await;
    let inv = env.new_invoice(&pool, &supplier, &buyer.pubkey(), t).await;

    let out = env.ok(&[ix::invoice_acknowledge(&inv.keys)], &[&buyer]).await;
    assert_eq!(out.event::<InvoiceAcknowledged>().buyer, buyer.pubkey());
    let rep: BuyerReputation = env.buyer_reputation(&buyer.pubkey()).await;
    assert_eq!((rep.acknowledged_count, rep.acknowledged_volume_usdc), (1, 500 * USDC));

    let out = env.ok(&[ix::invoice_attest(&inv.keys, &verifier.pubkey(), [1; 32], 700)], &[&verifier]).await;
    let ev = out.event::<InvoiceAttested>();
    assert_eq!((ev.credit_score, ev.risk_grade), (700, 1), "700 ≥ 650 → grade B");
    let state = env.invoice_state(&inv).await;
    assert_eq!(
        (state.status, state.verifier, state.risk_grade),
        (InvoiceStatus::Verified, verifier.pubkey(), 1)
    );

    let t2 = env.usd_terms("INV-5", 500_00, 60).await;
    let inv2 = env.new_invoice(&pool, &supplier, &buyer.pubkey(), t2).await;
    env.ok(&[ix::invoice_acknowledge(&inv2.keys)], &[&buyer]).await;

    // The buyer disputes; afterwards only cancellation remains.
    let out = env.ok(&[ix::invoice_dispute(&inv2.keys, [3; 32])], &[&buyer]).await;
    assert_eq!(out.event::<InvoiceDisputed>().reason_hash, [3; 32]);
    assert_eq!(env.invoice_state(&inv2).await.status, InvoiceStatus::Disputed);
    let usdc = env.usdc_mint;
    env.create_ata(&supplier.pubkey(), &usdc, &autofactor_client::TOKEN_PROGRAM_ID).await;
    env.assert_program_error(&[ix::invoice_finance(&inv2.keys, 0)], &[&supplier], E::InvalidInvoiceStatus)
        .await;
    let rep: BuyerReputation = env.buyer_reputation(&buyer.pubkey()).await;
    assert_eq!(rep.disputed_count, 1);
}

#[tokio::test]
async fn cancel_burns_the_asset_and_returns_all_rent() {
    let Market { mut env, pool, supplier, buyer, .. } = market().await;
    let t = env.usd_terms("INV-6", 100_00, 30).await;
    let lamports_before = env.account(&supplier.pubkey()).await.unwrap().lamports;
    let inv = env.new_invoice(&pool, &supplier, &buyer.pubkey(), t.clone()).await;
    let out = env.ok(&[ix::invoice_cancel(&inv.keys, &t.document_hash, "INV-6")], &[&supplier]).await;
    assert_eq!(out.event::<InvoiceCancelled>().asset, inv.keys.asset);
    assert!(env.account(&inv.keys.invoice).await.is_none());
    assert!(env.account(&pda::document_entry(&t.document_hash)).await.is_none());
    assert!(env.account(&pda::number_entry(&inv.keys.supplier_entity, "INV-6")).await.is_none());
    // The burned asset keeps only Core's one-byte tombstone (and its fee).
    let asset = env.account(&inv.keys.asset).await.unwrap();
    assert_eq!(asset.data, vec![0u8]);
    let lamports_after = env.account(&supplier.pubkey()).await.unwrap().lamports;
    // (Transaction fees are paid by the harness's fee payer.) The pool's
    // exposure records for this buyer and supplier, and the supplier
    // entity's record (which counts the cancellation), stay for later
    // invoices.
    let supplier_record =
        env.account(&pda::supplier_reputation(&inv.keys.supplier_entity)).await.unwrap().lamports;
    let kept = supplier_record
        + env.account(&pda::buyer_exposure(&pool.pool, &inv.keys.buyer_entity)).await.unwrap().lamports
        + env.account(&pda::supplier_exposure(&pool.pool, &inv.keys.supplier_entity)).await.unwrap().lamports;
    assert_eq!(
        lamports_before - lamports_after,
        asset.lamports + kept,
        "all rent but the asset's tombstone, the exposure records and the supplier's record is back"
    );
    // The document can be originated again after a cancellation.
    env.new_invoice(&pool, &supplier, &buyer.pubkey(), t).await;
}

#[tokio::test]
async fn finance_pays_the_advance_and_takes_the_asset() {
    let Market { mut env, pool, supplier, buyer, verifier, .. } = market().await;
    let t = env.usd_terms("INV-7", 1_000_00, 60).await;
    let inv = env.verified_invoice(&pool, &supplier, &buyer, &verifier, t.clone(), 900).await;
    let out = env.finance(&inv, &supplier).await;
    let ev = out.event::<InvoiceFinanced>();
    // Grade A: 100% advance, 12% APR; $1,000 for 60 days (less the 1 s
    // between the terms and financing is not possible: same slot/time).
    let secs = (t.due_ts - env.now().await) as u128;
    let discount = (1_000 * USDC as u128 * 1_200 * secs).div_ceil(10_000 * SECONDS_PER_YEAR as u128) as u64;
    assert_eq!(ev.discount_usdc, discount);
    assert_eq!(ev.advance_usdc, 1_000 * USDC - discount);
    assert_eq!(ev.protocol_fee_usdc, discount / 10);
    assert_eq!(ev.manager_fee_usdc, discount / 10);
    assert_eq!(env.token_balance(&pool.usdc_ata(&supplier.pubkey())).await, ev.advance_usdc);
    assert_eq!(env.token_balance(&pool.vault).await, 5_000 * USDC - ev.advance_usdc);
    // NAV is unchanged by the purchase.
    assert_eq!(ev.snapshot.nav_usdc, 5_000 * USDC);
    let asset = env.asset(&inv).await;
    assert_eq!(asset.base.owner, pool.pool, "the pool owns the asset");
    assert!(asset.plugin_list.permanent_freeze_delegate.as_ref().unwrap().permanent_freeze_delegate.frozen);
    let state = env.invoice_state(&inv).await;
    assert_eq!(state.status, InvoiceStatus::Financed);
    let exposure: Exposure = env.get(&pda::buyer_exposure(&pool.pool, &inv.keys.buyer_entity)).await;
    assert_eq!(exposure.outstanding_usdc, ev.advance_usdc + discount - discount / 10 * 2);
}

#[tokio::test]
async fn finance_refuses_what_the_policy_forbids() {
    let Market { mut env, pool, manager, supplier, buyer, verifier } = market().await;
    let usdc = env.usdc_mint;
    env.create_ata(&supplier.pubkey(), &usdc, &autofactor_client::TOKEN_PROGRAM_ID).await;
    // Not acknowledged, then not attested.
    let t = env.usd_terms("P-1", 100_00, 60).await;
    let inv = env.new_invoice(&pool, &supplier, &buyer.pubkey(), t).await;
    env.assert_program_error(&[ix::invoice_finance(&inv.keys, 0)], &[&supplier], E::InvoiceNotAcknowledged)
        .await;
    env.ok(&[ix::invoice_acknowledge(&inv.keys)], &[&buyer]).await;
    env.assert_program_error(&[ix::invoice_finance(&inv.keys, 0)], &[&supplier], E::InvoiceNotVerified).await;
    env.ok(&[ix::invoice_attest(&inv.keys, &verifier.pubkey(), [1; 32], 900)], &[&verifier]).await;
    // Slippage guard.
    env.assert_program_error(
        &[ix::invoice_finance(&inv.keys, 100 * USDC)],
        &[&supplier],
        E::SlippageExceeded,
    )
    .await;
    // Wrong accounts substituted.
    let other_vault = env.mint_usdc(&Keypair::new().pubkey(), 0).await;
    env.assert_program_error(
        &[substitute(ix::invoice_finance(&inv.keys, 0), &pool.vault, &other_vault)],
        &[&supplier],
        E::WrongVault,
    )
    .await;
    let t_other = env.usd_terms("P-2", 100_00, 60).await;
    let other = env.new_invoice(&pool, &supplier, &buyer.pubkey(), t_other).await;
    env.assert_program_error(
        &[substitute(ix::invoice_finance(&inv.keys, 0), &inv.keys.asset, &other.keys.asset)],
        &[&supplier],
        E::WrongAsset,
    )
    .await;

    // Tenor outside 7–120 days.
    let short = env.usd_terms("P-3", 100_00, 3).await;
    let short = env.verified_invoice(&pool, &supplier, &buyer, &verifier, short, 900).await;
    env.assert_program_error(&[ix::invoice_finance(&short.keys, 0)], &[&supplier], E::TenorOutOfBounds).await;
    // Buyer concentration: 25% of NAV = 1,250 USDC.
    let big = env.usd_terms("P-4", 1_300_00, 60).await;
    let big = env.verified_invoice(&pool, &supplier, &buyer, &verifier, big, 900).await;
    env.assert_program_error(
        &[ix::invoice_finance(&big.keys, 0)],
        &[&supplier],
        E::BuyerConcentrationExceeded,
    )
    .await;
    // Grade not accepted: the manager disables grade D; a score of 100 maps to D.
    let mut policy = default_policy();
    policy.grades[3].enabled = false;
    policy.max_invoice_usdc = 1_000 * USDC;
    env.ok(&[ix::pool_update_config(&manager.pubkey(), &pool.pool, market_params(), policy)], &[&manager])
        .await;
    let weak = env.usd_terms("P-5", 100_00, 60).await;
    let weak = env.verified_invoice(&pool, &supplier, &buyer, &verifier, weak, 100).await;
    assert_eq!(env.invoice_state(&weak).await.risk_grade, u8::MAX);
    env.assert_program_error(&[ix::invoice_finance(&weak.keys, 0)], &[&supplier], E::GradeNotAccepted).await;
    // Single-invoice cap, now 1,000 USDC.
    let large = env.usd_terms("P-6", 1_000_01, 60).await;
    let large = env.verified_invoice(&pool, &supplier, &buyer, &verifier, large, 900).await;
    env.assert_program_error(&[ix::invoice_finance(&large.keys, 0)], &[&supplier], E::InvoiceTooLarge).await;
}

#[tokio::test]
async fn anyone_repays_a_keeper_matures_and_settlement_returns_reserve_and_rent() {
    let Market { mut env, pool, supplier, buyer, verifier, .. } = market().await;
    let keeper = env.payer();
    let t = env.usd_terms("R-1", 1_000_00, 60).await;
    let inv = env.verified_invoice(&pool, &supplier, &buyer, &verifier, t.clone(), 700).await;
    env.finance(&inv, &supplier).await;

    // Anyone may pay: here the supplier pays part of its own buyer's debt.
    env.mint_usdc(&supplier.pubkey(), 100 * USDC).await;
    let out =
        env.ok(&[ix::invoice_repay(&inv.keys, &supplier.pubkey(), 100_00, 100 * USDC)], &[&supplier]).await;
    assert_eq!(out.event::<InvoicePaid>().outstanding_minor, 900_00);
    // A keeper matures the invoice at its due date, then it is paid in full and settled.
    env.warp_seconds(60 * 86_400).await;
    let out = env.ok(&[ix::invoice_mature(&inv.keys)], &[]).await;
    let state = env.invoice_state(&inv).await;
    let matured = out.event::<InvoiceMatured>();
    assert_eq!(
        (matured.invoice, matured.pool, matured.book_usdc),
        (inv.keys.invoice, pool.pool, state.book.book_usdc)
    );
    assert_eq!(state.book.rate_scaled, 0);
    let pool_state = env.pool_state(&pool).await;
    // The event carries the pool's values after maturing (NAV changed).
    assert_eq!(matured.snapshot, pool_state.ledger.snapshot().unwrap());
    assert_eq!(pool_state.ledger.income_rate_scaled, 0);
    env.ok(&[ix::invoice_repay(&inv.keys, &buyer.pubkey(), 900_00, 900 * USDC)], &[&buyer]).await;
    let supplier_lamports = env.account(&supplier.pubkey()).await.unwrap().lamports;
    let invoice_rent = env.account(&inv.keys.invoice).await.unwrap().lamports;
    let asset_lamports = env.account(&inv.keys.asset).await.unwrap().lamports;
    let reserve = env.invoice_state(&inv).await.book.pricing.reserve_usdc;
    let usdc_before = env.token_balance(&pool.usdc_ata(&supplier.pubkey())).await;
    env.ok(&[ix::invoice_settle(&inv.keys, &keeper.pubkey())], &[]).await;
    assert_eq!(env.token_balance(&pool.usdc_ata(&supplier.pubkey())).await, usdc_before + reserve);
    assert_eq!(reserve, 50 * USDC, "grade B advances 95%");
    let tombstone = env.account(&inv.keys.asset).await.unwrap();
    assert_eq!(tombstone.data, vec![0u8]);
    assert_eq!(
        env.account(&supplier.pubkey()).await.unwrap().lamports,
        supplier_lamports + invoice_rent + (asset_lamports - tombstone.lamports),
        "the invoice's and the asset's rent go back to the supplier"
    );
    // Settled: the same document can never be originated again.
    let asset = Keypair::new();
    let keys = env.invoice_keys(&pool, &asset.pubkey(), &supplier.pubkey(), &buyer.pubkey()).await;
    env.assert_program_error(&[ix::invoice_create(&keys, &t)], &[&supplier, &asset], E::DuplicateDocument)
        .await;
    let rep: BuyerReputation = env.buyer_reputation(&buyer.pubkey()).await;
    assert_eq!((rep.repaid_on_time_count, rep.repaid_on_time_volume_usdc), (1, 1_000 * USDC));
}

#[tokio::test]
async fn cash_reserve_subordination_and_supplier_concentration() {
    let Market { mut env, pool, manager, supplier, buyer, verifier } = market().await;
    // Supplier cap 30% of 5,000 = 1,500; buyer cap 25% = 1,250 (one buyer per invoice here).
    let buyers = [buyer.insecure_clone(), env.user(ROLE_BUYER).await];
    let a = env.usd_terms("C-1", 1_200_00, 60).await;
    let a = env.verified_invoice(&pool, &supplier, &buyers[0], &verifier, a, 900).await;
    env.finance(&a, &supplier).await;
    let b = env.usd_terms("C-2", 400_00, 60).await;
    let b = env.verified_invoice(&pool, &supplier, &buyers[1], &verifier, b, 900).await;
    env.assert_program_error(
        &[ix::invoice_finance(&b.keys, 0)],
        &[&supplier],
        E::SupplierConcentrationExceeded,
    )
    .await;

    // Cash reserve: raise the concentration caps and reserve 80% cash.
    let mut policy = default_policy();
    policy.max_buyer_concentration_bps = 10_000;
    policy.max_supplier_concentration_bps = 10_000;
    policy.cash_reserve_bps = 8_000;
    env.ok(&[ix::pool_update_config(&manager.pubkey(), &pool.pool, market_params(), policy)], &[&manager])
        .await;
    // Cash ≈ 3,800 after the first purchase; 80% of NAV 5,000 = 4,000 must stay.
    env.assert_program_error(&[ix::invoice_finance(&b.keys, 0)], &[&supplier], E::CashReserveBreached).await;

    // Subordination: a loss that leaves junior below 20% blocks new financing.
    policy.cash_reserve_bps = 0;
    env.ok(&[ix::pool_update_config(&manager.pubkey(), &pool.pool, market_params(), policy)], &[&manager])
        .await;
    let keeper = env.payer();
    env.warp_seconds(60 * 86_400 + 5 * 86_400).await;
    env.ok(&[ix::invoice_mark_late(&a.keys, &keeper.pubkey())], &[]).await;
    env.warp_seconds(80 * 86_400).await;
    env.ok(&[ix::invoice_write_down(&a.keys, &keeper.pubkey())], &[]).await;
    // A new, fresh invoice would fit every other limit.
    let c = env.usd_terms("C-3", 100_00, 60).await;
    let c = env.verified_invoice(&pool, &supplier, &buyers[1], &verifier, c, 900).await;
    let state = env.pool_state(&pool).await;
    let (_, junior) = state.ledger.tranche_values().unwrap();
    assert!(junior * 5 < state.ledger.nav_usdc().unwrap(), "junior below 20% after the write-down");
    env.assert_program_error(&[ix::invoice_finance(&c.keys, 0)], &[&supplier], E::SubordinationBreached)
        .await;
}

/// Metaplex Core itself enforces the program's hold on invoice assets: the
/// program moves and burns the frozen asset through its permanent
/// delegations, while a direct Core transfer by the owner or by an outside
/// wallet fails.
#[tokio::test]
async fn core_assets_move_only_through_the_program() {
    use mpl_core::errors::MplCoreError;
    use mpl_core::instructions::TransferV1Builder;
    let Market { mut env, pool, supplier, buyer, verifier, .. } = market().await;
    eprintln!("Metaplex Core backend: {}", env.core);
    let t = env.usd_terms("CORE-1", 100_00, 30).await;
    let inv = env.verified_invoice(&pool, &supplier, &buyer, &verifier, t, 900).await; // CreateV2 by CPI
    let outsider = Keypair::new();
    env.airdrop(&outsider.pubkey(), 1_000_000_000).await;
    let transfer = |authority: &Keypair| {
        TransferV1Builder::new()
            .asset(inv.keys.asset)
            .payer(authority.pubkey())
            .authority(Some(authority.pubkey()))
            .new_owner(authority.pubkey())
            .instruction()
    };
    // The owner (supplier) cannot move its own frozen asset …
    env.assert_error(&[transfer(&supplier)], &[&supplier], MplCoreError::InvalidAuthority as u32).await;
    // … nor can anyone else.
    env.assert_error(&[transfer(&outsider)], &[&outsider], MplCoreError::InvalidAuthority as u32).await;
    assert_eq!(env.asset(&inv).await.base.owner, supplier.pubkey());

    // The program transfers it (permanent transfer delegate) while frozen …
    env.finance(&inv, &supplier).await;
    let asset = env.asset(&inv).await;
    assert_eq!(asset.base.owner, pool.pool);
    assert!(asset.plugin_list.permanent_freeze_delegate.as_ref().unwrap().permanent_freeze_delegate.frozen);
    // … and the outside wallet still cannot take it from the pool.
    env.assert_error(&[transfer(&outsider)], &[&outsider], MplCoreError::InvalidAuthority as u32).await;

    // … and burns it at settlement (permanent burn delegate).
    env.ok(&[ix::invoice_repay(&inv.keys, &buyer.pubkey(), 100_00, 100 * USDC)], &[&buyer]).await;
    let keeper = env.payer();
    env.ok(&[ix::invoice_settle(&inv.keys, &keeper.pubkey())], &[]).await;
    assert_eq!(env.account(&inv.keys.asset).await.unwrap().data, vec![0u8]);
}

#[tokio::test]
async fn verifier_registration_and_fee_collection() {
    let Market { mut env, pool, manager, supplier, buyer, verifier, .. } = market().await;
    let candidate = env.user(ROLE_VERIFIER).await;
    let out = env
        .ok(&[ix::pool_verifier_add(&manager.pubkey(), &pool.pool, &candidate.pubkey())], &[&manager])
        .await;
    assert_eq!(out.event::<PoolVerifierAdded>().verifier, candidate.pubkey());
    let out = env
        .ok(&[ix::pool_verifier_remove(&manager.pubkey(), &pool.pool, &candidate.pubkey())], &[&manager])
        .await;
    assert_eq!(out.event::<PoolVerifierRemoved>().verifier, candidate.pubkey());

    // Fees are owed once an invoice is financed and repaid.
    let t = env.usd_terms("D-1", 100_00, 60).await;
    let inv = env.verified_invoice(&pool, &supplier, &buyer, &verifier, t, 900).await;
    env.finance(&inv, &supplier).await;
    let treasury = env.treasury.pubkey();
    let usdc = env.usdc_mint;
    env.create_ata(&treasury, &usdc, &autofactor_client::TOKEN_PROGRAM_ID).await;
    env.create_ata(&manager.pubkey(), &usdc, &autofactor_client::TOKEN_PROGRAM_ID).await;
    env.ok(&[ix::invoice_repay(&inv.keys, &buyer.pubkey(), 100_00, 100 * USDC)], &[&buyer]).await;
    let out = env.ok(&[ix::pool_collect_fees(&pool, &treasury, &manager.pubkey())], &[]).await;
    let ev = out.event::<FeesCollected>();
    assert!(ev.protocol_fees_usdc > 0 && ev.protocol_fees_usdc == ev.manager_fees_usdc);
}

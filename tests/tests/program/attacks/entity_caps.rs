//! F-06 (entity part): the concentration caps apply per legal entity, not
//! per wallet. One entity with several KYC'd wallets tries to get several
//! caps: as a buyer, as a supplier, and by trading with itself. Identity
//! records carry an issuer-assigned legal-entity id (`crate::canonical` in
//! the program); the exposure PDAs are seeded with its key.
//!
//! Setting: NAV 5,000 USDC (1,250 junior + 3,750 senior, past the deposits'
//! holding period, junior ratio above the 20 % minimum after the senior
//! accrual of that wait), buyer cap 25 % = 1,250 USDC, supplier cap 30 % = 1,500
//! USDC; invoices in USD, grade A (score 900: 100 % advance, 12 % APR), due
//! in 60 days, 10 % protocol and 10 % manager fee. The exposure an invoice
//! adds is its claim (advance + discount − fees), computed from the
//! documented formulas in `crate::model`.

use crate::model::price;
use autofactor_client::constants::*;
use autofactor_client::state::{Exposure, IdentityRecord, IdentityTerms, InvoiceStatus, Tranche};
use autofactor_client::{ix, pda, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::{Keypair, Signer};

/// The buyer cap of the setting: 25 % of 5,000 USDC.
const BUYER_CAP_USDC: u64 = 1_250 * USDC;
/// The supplier cap of the setting: 30 % of 5,000 USDC.
const SUPPLIER_CAP_USDC: u64 = 1_500 * USDC;

struct Setup {
    env: Env,
    pool: ix::PoolKeys,
    verifier: Keypair,
}

/// A pool with 1,250 junior + 3,750 senior USDC, the deposits past their
/// holding period (so all 5,000 USDC count for the limits), and its verifier.
async fn setup() -> Setup {
    let mut env = Env::new().await;
    let (manager, pool) = env.pool().await;
    let j = env.investor(1_250 * USDC).await;
    let s = env.investor(3_750 * USDC).await;
    env.deposit(&pool, &j, Tranche::Junior, 1_250 * USDC).await;
    env.deposit(&pool, &s, Tranche::Senior, 3_750 * USDC).await;
    env.warp_seconds(2 * DEFAULT_MIN_HOLD_SECS as i64 + 1).await;
    let verifier = env.pool_verifier(&pool, &manager).await;
    assert_eq!(env.pool_state(&pool).await.ledger.nav_usdc().unwrap(), 5_000 * USDC);
    Setup { env, pool, verifier }
}

impl Setup {
    /// A verified grade-A invoice of `face_usd` dollars due in 60 days, with
    /// the supplier's USDC account in place for the advance.
    async fn verified(
        &mut self,
        supplier: &Keypair,
        buyer: &Keypair,
        number: &str,
        face_usd: u64,
    ) -> TestInvoice {
        let terms = self.env.usd_terms(number, face_usd * 100, 60).await;
        let v = self.verifier.insecure_clone();
        let inv = self.env.verified_invoice(&self.pool, supplier, buyer, &v, terms, 900).await;
        let usdc = self.env.usdc_mint;
        self.env.create_ata(&supplier.pubkey(), &usdc, &autofactor_client::TOKEN_PROGRAM_ID).await;
        inv
    }

    /// The claim (exposure) financing `inv` now adds, per the documented formulas.
    async fn claim(&mut self, inv: &TestInvoice) -> u64 {
        let secs = inv.terms.due_ts - self.env.now().await;
        let (advance, discount, protocol_fee, manager_fee, reserve) =
            price(inv.terms.face_minor * 10_000, 10_000, 1_200, secs);
        assert_eq!(reserve, 0, "grade A advances 100 %");
        advance + discount - protocol_fee - manager_fee
    }

    async fn buyer_exposure(&mut self, inv: &TestInvoice) -> Exposure {
        self.env.get(&pda::buyer_exposure(&self.pool.pool, &inv.keys.buyer_entity)).await
    }

    async fn supplier_exposure(&mut self, inv: &TestInvoice) -> Exposure {
        self.env.get(&pda::supplier_exposure(&self.pool.pool, &inv.keys.supplier_entity)).await
    }
}

#[tokio::test]
async fn a_second_wallet_of_the_buyer_entity_shares_the_buyer_cap() {
    let mut s = setup().await;
    // One buyer entity (Buyercompany ASA), two KYC'd wallets; two unrelated suppliers.
    let b1 = s.env.user_of_entity(ROLE_BUYER, "0192:987654325").await;
    let b2 = s.env.user_of_entity(ROLE_BUYER, "0192: 987 654 325").await;
    let (s1, s2) = (s.env.user(ROLE_SUPPLIER).await, s.env.user(ROLE_SUPPLIER).await);

    let inv1 = s.verified(&s1, &b1, "CAP-B-1", 1_000).await;
    let claim1 = s.claim(&inv1).await;
    assert_eq!(claim1, 996_054_796);
    s.env.finance(&inv1, &s1).await;
    assert_eq!(s.buyer_exposure(&inv1).await.outstanding_usdc, claim1);

    // The second wallet's invoice lands on the same exposure record…
    let inv2 = s.verified(&s2, &b2, "CAP-B-2", 300).await;
    assert_eq!(inv2.keys.buyer_entity, inv1.keys.buyer_entity);
    assert_eq!(
        pda::buyer_exposure(&s.pool.pool, &inv2.keys.buyer_entity),
        pda::buyer_exposure(&s.pool.pool, &inv1.keys.buyer_entity)
    );
    let claim2 = s.claim(&inv2).await;
    assert_eq!(claim2, 298_816_440);
    // … so 996.054796 + 298.816440 = 1,294.871236 USDC > 1,250 is refused
    // (with a per-wallet key the second wallet had a fresh 1,250 USDC cap).
    assert!(claim1 + claim2 > BUYER_CAP_USDC);
    s.env
        .assert_program_error(&[ix::invoice_finance(&inv2.keys, 0)], &[&s2], E::BuyerConcentrationExceeded)
        .await;
    assert_eq!(s.env.invoice_state(&inv2).await.status, InvoiceStatus::Verified);
    assert_eq!(s.buyer_exposure(&inv1).await.outstanding_usdc, claim1);

    // Up to the shared cap the second wallet is served: 996.054796 +
    // 249.013700 = 1,245.068496 USDC ≤ 1,250.
    let inv3 = s.verified(&s2, &b2, "CAP-B-3", 250).await;
    let claim3 = s.claim(&inv3).await;
    assert_eq!(claim3, 249_013_700);
    assert!(claim1 + claim3 <= BUYER_CAP_USDC);
    s.env.finance(&inv3, &s2).await;
    let e = s.buyer_exposure(&inv1).await;
    assert_eq!((e.outstanding_usdc, e.open_invoices), (1_245_068_496, 2));
    assert_eq!(e.entity, pda::entity_key("0192:987654325").unwrap());
}

#[tokio::test]
async fn a_second_wallet_of_the_supplier_entity_shares_the_supplier_cap() {
    let mut s = setup().await;
    // One supplier entity (a VAT id, spelled two ways), two wallets; three buyers.
    let s1 = s.env.user_of_entity(ROLE_SUPPLIER, "VAT:NO123456785MVA").await;
    let s2 = s.env.user_of_entity(ROLE_SUPPLIER, "vat:no 123 456 785 mva").await;
    let (b1, b2, b3) =
        (s.env.user(ROLE_BUYER).await, s.env.user(ROLE_BUYER).await, s.env.user(ROLE_BUYER).await);

    let inv1 = s.verified(&s1, &b1, "CAP-S-1", 1_000).await;
    let claim1 = s.claim(&inv1).await;
    s.env.finance(&inv1, &s1).await;
    assert_eq!(s.supplier_exposure(&inv1).await.outstanding_usdc, claim1);

    // 996.054796 + 597.632878 = 1,593.687674 USDC > 1,500: refused, although
    // the buyer (597.63 of its own 1,250) and the wallet are fresh.
    let inv2 = s.verified(&s2, &b2, "CAP-S-2", 600).await;
    assert_eq!(inv2.keys.supplier_entity, inv1.keys.supplier_entity);
    let claim2 = s.claim(&inv2).await;
    assert_eq!(claim2, 597_632_878);
    assert!(claim1 + claim2 > SUPPLIER_CAP_USDC && claim2 <= BUYER_CAP_USDC);
    s.env
        .assert_program_error(&[ix::invoice_finance(&inv2.keys, 0)], &[&s2], E::SupplierConcentrationExceeded)
        .await;
    assert_eq!(s.supplier_exposure(&inv1).await.outstanding_usdc, claim1);

    // 996.054796 + 498.027398 = 1,494.082194 USDC ≤ 1,500: financed.
    let inv3 = s.verified(&s2, &b3, "CAP-S-3", 500).await;
    let claim3 = s.claim(&inv3).await;
    assert_eq!(claim3, 498_027_398);
    s.env.finance(&inv3, &s2).await;
    let e = s.supplier_exposure(&inv1).await;
    assert_eq!((e.outstanding_usdc, e.open_invoices), (1_494_082_194, 2));
    assert_eq!(e.entity, pda::entity_key("VAT:NO123456785MVA").unwrap());
}

#[tokio::test]
async fn two_wallets_of_one_entity_cannot_trade_with_each_other() {
    let mut s = setup().await;
    // A supplier wallet and a buyer wallet of one entity: a self-invoice
    // that would book exposure to itself and need only its own acknowledgment.
    let supplier = s.env.user_of_entity(ROLE_SUPPLIER, "LEI:5493001KJTIIGC8Y1R12").await;
    let buyer = s.env.user_of_entity(ROLE_BUYER, "0199:5493001kjtiigc8y1r12").await;
    assert_eq!(s.env.entity_key(&supplier.pubkey()).await, s.env.entity_key(&buyer.pubkey()).await);
    let terms = s.env.usd_terms("SELF-1", 1_000_00, 60).await;
    let asset = Keypair::new();
    let keys = s.env.invoice_keys(&s.pool, &asset.pubkey(), &supplier.pubkey(), &buyer.pubkey()).await;
    s.env
        .assert_program_error(&[ix::invoice_create(&keys, &terms)], &[&supplier, &asset], E::BuyerIsSupplier)
        .await;
    assert!(s.env.account(&keys.invoice).await.is_none());
}

#[tokio::test]
async fn identity_records_need_a_well_formed_entity_for_capped_roles() {
    let mut s = setup().await;
    let issuer = s.env.issuer.insecure_clone();
    let now = s.env.now().await;
    let terms = |roles: u8, entity_id: &str| IdentityTerms {
        entity_id: entity_id.to_string(),
        ..identity_terms(roles, now + 86_400)
    };
    // Issue: without an entity a supplier or buyer would be uncapped.
    let too_long = format!("0192:{}", "1".repeat(36));
    let cases: Vec<(u8, &str)> = vec![
        (ROLE_SUPPLIER, ""),
        (ROLE_BUYER | ROLE_INVESTOR, ""),
        (ROLE_SUPPLIER, "923609016"),
        (ROLE_SUPPLIER, "192:923609016"),
        (ROLE_BUYER, "DUNS:923609016"),
        (ROLE_BUYER, "0192:"),
        (ROLE_BUYER, "0192:9236О9016"), // Cyrillic О
        (ROLE_BUYER, "LEI:5493001KJTIIGC8Y1R1"),
        (ROLE_BUYER, "VAT:923609016"),
        (ROLE_INVESTOR, &too_long),
    ];
    for (roles, id) in cases {
        let wallet = Keypair::new().pubkey();
        s.env
            .assert_program_error(
                &[ix::identity_issue(&issuer.pubkey(), &wallet, terms(roles, id))],
                &[&issuer],
                E::InvalidEntityId,
            )
            .await;
        assert!(s.env.account(&pda::identity(&wallet)).await.is_none(), "{id:?}");
    }
    // An investor needs none; a spelled-out id is stored canonically.
    let investor = Keypair::new().pubkey();
    s.env.ok(&[ix::identity_issue(&issuer.pubkey(), &investor, terms(ROLE_INVESTOR, ""))], &[&issuer]).await;
    let r: IdentityRecord = s.env.get(&pda::identity(&investor)).await;
    assert_eq!((r.entity_id.as_str(), r.entity_key), ("", [0; 32]));
    let supplier = Keypair::new().pubkey();
    s.env
        .ok(
            &[ix::identity_issue(
                &issuer.pubkey(),
                &supplier,
                terms(ROLE_SUPPLIER, " vat: nl 8200.98.395.b.01 "),
            )],
            &[&issuer],
        )
        .await;
    let r: IdentityRecord = s.env.get(&pda::identity(&supplier)).await;
    assert_eq!(r.entity_id, "VAT:NL820098395B01");
    assert_eq!(r.entity_key, solana_sdk::hash::hash(b"VAT:NL820098395B01").to_bytes());
    // Update: giving the investor a buyer role needs an entity; the record is unchanged.
    s.env
        .assert_program_error(
            &[ix::identity_update(&issuer.pubkey(), &investor, terms(ROLE_INVESTOR | ROLE_BUYER, ""))],
            &[&issuer],
            E::InvalidEntityId,
        )
        .await;
    s.env
        .assert_program_error(
            &[ix::identity_update(&issuer.pubkey(), &supplier, terms(ROLE_SUPPLIER, "VAT:"))],
            &[&issuer],
            E::InvalidEntityId,
        )
        .await;
}

#[tokio::test]
async fn an_entity_change_keeps_open_invoices_on_the_exposure_they_were_financed_under() {
    let mut s = setup().await;
    let buyer = s.env.user_of_entity(ROLE_BUYER, "0192:987654325").await;
    let supplier = s.env.user(ROLE_SUPPLIER).await;
    s.env.mint_usdc(&buyer.pubkey(), 2_000 * USDC).await;
    let inv1 = s.verified(&supplier, &buyer, "MOVE-1", 1_000).await;
    let claim1 = s.claim(&inv1).await;
    s.env.finance(&inv1, &supplier).await;
    let old = pda::buyer_exposure(&s.pool.pool, &inv1.keys.buyer_entity);

    // The issuer moves the buyer wallet to another entity (say, after a merger).
    let issuer = s.env.issuer.insecure_clone();
    let now = s.env.now().await;
    let moved =
        IdentityTerms { entity_id: "0192:923609016".into(), ..identity_terms(ROLE_BUYER, now + 86_400) };
    s.env.ok(&[ix::identity_update(&issuer.pubkey(), &buyer.pubkey(), moved)], &[&issuer]).await;
    assert_eq!(s.env.invoice_state(&inv1).await.buyer_entity, inv1.keys.buyer_entity);

    // A new invoice of the wallet is booked on the new entity…
    let inv2 = s.verified(&supplier, &buyer, "MOVE-2", 200).await;
    assert_eq!(inv2.keys.buyer_entity, pda::entity_key("0192:923609016").unwrap());
    let claim2 = s.claim(&inv2).await;
    s.env.finance(&inv2, &supplier).await;
    assert_eq!(s.buyer_exposure(&inv2).await.outstanding_usdc, claim2);
    // … and repaying the old one releases the old entity's exposure in full.
    s.env.ok(&[ix::invoice_repay(&inv1.keys, &buyer.pubkey(), 1_000_00, 2_000 * USDC)], &[&buyer]).await;
    let e: Exposure = s.env.get(&old).await;
    assert_eq!((e.outstanding_usdc, e.open_invoices), (0, 0), "claim {claim1} released");
    assert_eq!(s.buyer_exposure(&inv2).await.outstanding_usdc, claim2);
}

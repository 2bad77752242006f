//! F-16: the duplicate-invoice registry. A supplier tries to originate (and
//! so finance) the same invoice twice by respelling its number, from a
//! second wallet of its legal entity, or with the pre-fix key (SHA-256 of
//! the raw number); and another entity squats a document hash. The number
//! entry is `["invoice_number", supplier entity key, sha256(canonical
//! number)]`, canonicalised on-chain (`crate::canonical` in the program):
//! ASCII letters upper-cased, whitespace and punctuation dropped, anything
//! else refused.

use autofactor_client::constants::*;
use autofactor_client::state::{RegistryEntry, Tranche};
use autofactor_client::{ix, pda, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::signature::{Keypair, Signer};

const ENTITY: &str = "0192:123456785";

struct Setup {
    env: Env,
    pool: ix::PoolKeys,
    /// Two wallets of the supplier entity [`ENTITY`].
    s1: Keypair,
    s2: Keypair,
    buyer: Keypair,
}

async fn setup() -> Setup {
    let mut env = Env::new().await;
    let (_manager, pool) = env.pool().await;
    let j = env.investor(1_000 * USDC).await;
    env.deposit(&pool, &j, Tranche::Junior, 1_000 * USDC).await;
    let s1 = env.user_of_entity(ROLE_SUPPLIER, ENTITY).await;
    let s2 = env.user_of_entity(ROLE_SUPPLIER, "0192: 123 456 785").await;
    let buyer = env.user(ROLE_BUYER).await;
    Setup { env, pool, s1, s2, buyer }
}

impl Setup {
    /// `invoice_create` of `number` by `supplier`, with a document of its own
    /// (derived from `doc`), and the asset keypair that must sign.
    async fn create(
        &mut self,
        supplier: &Keypair,
        number: &str,
        doc: &str,
    ) -> (ix::InvoiceKeys, ix::NewInvoice, Keypair) {
        let mut terms = self.env.usd_terms(number, 500_00, 60).await;
        terms.document_hash = solana_sdk::hash::hashv(&[b"document ", doc.as_bytes()]).to_bytes();
        let asset = Keypair::new();
        let keys = self
            .env
            .invoice_keys(&self.pool, &asset.pubkey(), &supplier.pubkey(), &self.buyer.pubkey())
            .await;
        (keys, terms, asset)
    }

    /// Originates and returns the keys.
    async fn originate(
        &mut self,
        supplier: &Keypair,
        number: &str,
        doc: &str,
    ) -> (ix::InvoiceKeys, ix::NewInvoice) {
        let (keys, terms, asset) = self.create(supplier, number, doc).await;
        self.env.ok(&[ix::invoice_create(&keys, &terms)], &[supplier, &asset]).await;
        (keys, terms)
    }

    /// Asserts that `supplier` cannot originate `number` (on a new document)
    /// with `err`, and that no account changed.
    async fn refused(&mut self, supplier: &Keypair, number: &str, doc: &str, err: E) {
        let (keys, terms, asset) = self.create(supplier, number, doc).await;
        self.env.assert_program_error(&[ix::invoice_create(&keys, &terms)], &[supplier, &asset], err).await;
        assert!(self.env.account(&keys.invoice).await.is_none());
    }
}

#[tokio::test]
async fn a_respelled_number_is_a_duplicate() {
    let mut s = setup().await;
    let s1 = s.s1.insecure_clone();
    let (keys, _) = s.originate(&s1, "INV-001", "original").await;
    let entry = pda::number_entry(&keys.supplier_entity, "INV-001");
    let e: RegistryEntry = s.env.get(&entry).await;
    assert_eq!((e.invoice, e.supplier), (keys.invoice, s1.pubkey()));
    // Each respelling, on a re-saved document (new hash): case, spaces,
    // separators, tabs, padding.
    for (i, number) in
        ["inv-001", "INV 001", " INV001 ", "inv/0.0_1", "Inv#001", "INV\t001", "I-N-V-0-0-1", "inv:001,"]
            .iter()
            .enumerate()
    {
        assert_eq!(pda::number_entry(&keys.supplier_entity, number), entry, "{number:?}");
        s.refused(&s1, number, &format!("resaved {i}"), E::DuplicateInvoiceNumber).await;
    }
}

#[tokio::test]
async fn a_second_wallet_of_the_entity_cannot_reuse_the_number() {
    let mut s = setup().await;
    let (s1, s2) = (s.s1.insecure_clone(), s.s2.insecure_clone());
    s.originate(&s1, "INV-001", "original").await;
    for (i, number) in ["INV-001", "inv 001"].iter().enumerate() {
        s.refused(&s2, number, &format!("second wallet {i}"), E::DuplicateInvoiceNumber).await;
    }
}

#[tokio::test]
async fn another_entity_may_use_the_same_number() {
    let mut s = setup().await;
    let s1 = s.s1.insecure_clone();
    let (k1, _) = s.originate(&s1, "INV-001", "original").await;
    let other = s.env.user(ROLE_SUPPLIER).await;
    let (k2, _) = s.originate(&other, "INV-001", "other entity's own").await;
    assert_ne!(k1.supplier_entity, k2.supplier_entity);
    let (e1, e2) = (
        pda::number_entry(&k1.supplier_entity, "INV-001"),
        pda::number_entry(&k2.supplier_entity, "INV-001"),
    );
    assert_ne!(e1, e2);
    let entry: RegistryEntry = s.env.get(&e2).await;
    assert_eq!((entry.invoice, entry.supplier), (k2.invoice, other.pubkey()));
    let entry: RegistryEntry = s.env.get(&e1).await;
    assert_eq!(entry.invoice, k1.invoice);
}

#[tokio::test]
async fn the_pre_fix_key_of_a_respelling_is_refused() {
    // The attack of F-16 as it worked before: the respelling "inv-001" with
    // the registry key sha256("inv-001") (raw bytes) finds an empty entry.
    let mut s = setup().await;
    let s1 = s.s1.insecure_clone();
    let (keys, _) = s.originate(&s1, "INV-001", "original").await;
    let (keys2, terms, asset) = s.create(&s1, "inv-001", "respelled").await;
    let canonical = pda::invoice_number_hash("inv-001");
    assert_eq!(canonical, pda::invoice_number_hash("INV-001"));
    let raw = solana_sdk::hash::hash(b"inv-001").to_bytes();
    let mut attack = ix::invoice_create(&keys2, &terms);
    let at = attack.data.windows(32).position(|w| w == canonical).expect("hash in the data");
    attack.data[at..at + 32].copy_from_slice(&raw);
    let raw_entry = solana_sdk::pubkey::Pubkey::find_program_address(
        &[INVOICE_NUMBER_SEED, keys.supplier_entity.as_ref(), raw.as_ref()],
        &autofactor_client::PROGRAM_ID,
    )
    .0;
    let attack = substitute(attack, &pda::number_entry(&keys.supplier_entity, "INV-001"), &raw_entry);
    assert!(s.env.account(&raw_entry).await.is_none(), "the pre-fix entry is free");
    s.env.assert_program_error(&[attack], &[&s1, &asset], E::InvalidInvoiceNumber).await;
    assert!(s.env.account(&raw_entry).await.is_none());
}

#[tokio::test]
async fn numbers_the_rule_refuses() {
    let mut s = setup().await;
    let s1 = s.s1.insecure_clone();
    let long = "1".repeat(65);
    // Empty, only separators, a look-alike Cyrillic letter (which would
    // escape the case folding), a control character, too long.
    for (i, number) in ["", " - / ", "ІNV-001", "INV\u{0}1", "Nr. Ä1", long.as_str()].iter().enumerate() {
        s.refused(&s1, number, &format!("invalid {i}"), E::InvalidInvoiceNumber).await;
    }
}

#[tokio::test]
async fn cancelling_frees_the_canonical_number() {
    let mut s = setup().await;
    let s1 = s.s1.insecure_clone();
    let (keys, terms) = s.originate(&s1, "INV-7", "first").await;
    let entry = pda::number_entry(&keys.supplier_entity, "INV-7");
    s.env.ok(&[ix::invoice_cancel(&keys, &terms.document_hash, &terms.invoice_number)], &[&s1]).await;
    assert!(s.env.account(&entry).await.is_none());
    // The entity's other wallet may now originate it, under any spelling.
    let s2 = s.s2.insecure_clone();
    let (k2, _) = s.originate(&s2, "inv 7", "second").await;
    let e: RegistryEntry = s.env.get(&entry).await;
    assert_eq!((e.invoice, e.supplier), (k2.invoice, s2.pubkey()));
    assert_eq!(s.env.get::<autofactor_client::state::Invoice>(&k2.invoice).await.invoice_number, "inv 7");
}

#[tokio::test]
async fn a_squatted_document_hash_blocks_only_those_bytes() {
    // The buyer's affiliate (another KYC'd supplier entity) registers the
    // real supplier's document hash first. The global document registry
    // keeps it: the squat is attributable (the entry names the squatter,
    // whose record names its entity and issuer), cannot be financed without
    // the buyer's acknowledgment and a verifier's attestation, and blocks
    // only those exact bytes: the real supplier originates the invoice
    // from a re-issued file under its own (entity-keyed) number.
    let mut s = setup().await;
    let s1 = s.s1.insecure_clone();
    let squatter = s.env.user(ROLE_SUPPLIER).await;
    let (sq, sq_terms) = s.originate(&squatter, "SQ-1", "the victim's invoice").await;
    let doc = pda::document_entry(&sq_terms.document_hash);
    let e: RegistryEntry = s.env.get(&doc).await;
    assert_eq!((e.invoice, e.supplier), (sq.invoice, squatter.pubkey()));
    s.refused(&s1, "INV-100", "the victim's invoice", E::DuplicateDocument).await;
    let (k, t) = s.originate(&s1, "INV-100", "the victim's invoice, re-issued").await;
    assert_ne!(t.document_hash, sq_terms.document_hash);
    assert!(s.env.account(&pda::number_entry(&k.supplier_entity, "INV-100")).await.is_some());
}

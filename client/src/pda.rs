//! Program-derived addresses, from the program's own seed constants.

use crate::PROGRAM_ID;
use anchor_lang::prelude::Pubkey;
use autofactor::constants::*;
use autofactor::state::Tranche;

/// `["protocol"]`
pub fn protocol() -> Pubkey {
    Pubkey::find_program_address(&[PROTOCOL_SEED], &PROGRAM_ID).0
}

/// The program's ProgramData account under the upgradeable BPF loader
/// (`[program id]`), whose upgrade authority alone may send
/// `protocol_initialize` on a cluster (F-12).
pub fn program_data() -> Pubkey {
    anchor_lang::solana_program::bpf_loader_upgradeable::get_program_data_address(&PROGRAM_ID)
}

/// `["issuer", authority]`
pub fn issuer(authority: &Pubkey) -> Pubkey {
    Pubkey::find_program_address(&[ISSUER_SEED, authority.as_ref()], &PROGRAM_ID).0
}

/// `["identity", wallet]`
pub fn identity(wallet: &Pubkey) -> Pubkey {
    Pubkey::find_program_address(&[IDENTITY_SEED, wallet.as_ref()], &PROGRAM_ID).0
}

/// `["pool", manager, pool_id LE]`
pub fn pool(manager: &Pubkey, pool_id: u64) -> Pubkey {
    Pubkey::find_program_address(&[POOL_SEED, manager.as_ref(), &pool_id.to_le_bytes()], &PROGRAM_ID).0
}

/// `["vault", pool]`
pub fn vault(pool: &Pubkey) -> Pubkey {
    Pubkey::find_program_address(&[VAULT_SEED, pool.as_ref()], &PROGRAM_ID).0
}

/// `["senior_mint", pool]`
pub fn senior_mint(pool: &Pubkey) -> Pubkey {
    Pubkey::find_program_address(&[SENIOR_MINT_SEED, pool.as_ref()], &PROGRAM_ID).0
}

/// `["junior_mint", pool]`
pub fn junior_mint(pool: &Pubkey) -> Pubkey {
    Pubkey::find_program_address(&[JUNIOR_MINT_SEED, pool.as_ref()], &PROGRAM_ID).0
}

/// `["calendar", pool]`: the pool's deadline calendar.
pub fn calendar(pool: &Pubkey) -> Pubkey {
    Pubkey::find_program_address(&[CALENDAR_SEED, pool.as_ref()], &PROGRAM_ID).0
}

/// The share mint of a tranche.
pub fn tranche_mint(pool: &Pubkey, tranche: Tranche) -> Pubkey {
    match tranche {
        Tranche::Senior => senior_mint(pool),
        Tranche::Junior => junior_mint(pool),
    }
}

/// `["withdrawal", pool, tranche, sequence LE]`
pub fn withdrawal_request(pool: &Pubkey, tranche: Tranche, sequence: u64) -> Pubkey {
    Pubkey::find_program_address(
        &[WITHDRAWAL_SEED, pool.as_ref(), &[tranche.seed()], &sequence.to_le_bytes()],
        &PROGRAM_ID,
    )
    .0
}

/// `["position", pool, tranche, owner]`
pub fn position(pool: &Pubkey, tranche: Tranche, owner: &Pubkey) -> Pubkey {
    Pubkey::find_program_address(
        &[POSITION_SEED, pool.as_ref(), &[tranche.seed()], owner.as_ref()],
        &PROGRAM_ID,
    )
    .0
}

/// Anchor's `["__event_authority"]` PDA used by `emit_cpi!`.
pub fn event_authority() -> Pubkey {
    Pubkey::find_program_address(&[b"__event_authority"], &PROGRAM_ID).0
}

/// Associated token account of `owner` for `mint` under `token_program`.
pub fn ata(owner: &Pubkey, mint: &Pubkey, token_program: &Pubkey) -> Pubkey {
    anchor_spl::associated_token::get_associated_token_address_with_program_id(owner, mint, token_program)
}

/// `["pool_verifier", pool, verifier]`
pub fn pool_verifier(pool: &Pubkey, verifier: &Pubkey) -> Pubkey {
    Pubkey::find_program_address(&[POOL_VERIFIER_SEED, pool.as_ref(), verifier.as_ref()], &PROGRAM_ID).0
}

/// `["invoice", asset]`
pub fn invoice(asset: &Pubkey) -> Pubkey {
    Pubkey::find_program_address(&[INVOICE_SEED, asset.as_ref()], &PROGRAM_ID).0
}

/// `["document", sha256]`
pub fn document_entry(document_hash: &[u8; 32]) -> Pubkey {
    Pubkey::find_program_address(&[DOCUMENT_SEED, document_hash.as_ref()], &PROGRAM_ID).0
}

/// SHA-256 of the canonical invoice number (seed of its registry entry,
/// rule in `autofactor::canonical`). A number the program refuses is
/// hashed as given, so that the program reports `InvalidInvoiceNumber`.
pub fn invoice_number_hash(invoice_number: &str) -> [u8; 32] {
    autofactor::canonical::invoice_number_hash(invoice_number)
        .unwrap_or_else(|_| solana_sha256_hasher::hash(invoice_number.as_bytes()).to_bytes())
}

/// The entity key (`sha256` of the canonical id) of a legal-entity id as
/// an issuer writes it; `None` if the program would refuse the id.
pub fn entity_key(entity_id: &str) -> Option<[u8; 32]> {
    autofactor::canonical::canonical_entity_id(entity_id).ok().map(|c| autofactor::canonical::entity_key(&c))
}

/// `["invoice_number", supplier entity key, sha256(canonical invoice number)]`
pub fn number_entry(supplier_entity: &[u8; 32], invoice_number: &str) -> Pubkey {
    Pubkey::find_program_address(
        &[INVOICE_NUMBER_SEED, supplier_entity.as_ref(), invoice_number_hash(invoice_number).as_ref()],
        &PROGRAM_ID,
    )
    .0
}

/// `["exposure", pool, EXPOSURE_BUYER, buyer entity key]`
pub fn buyer_exposure(pool: &Pubkey, buyer_entity: &[u8; 32]) -> Pubkey {
    Pubkey::find_program_address(
        &[EXPOSURE_SEED, pool.as_ref(), &[EXPOSURE_BUYER], buyer_entity.as_ref()],
        &PROGRAM_ID,
    )
    .0
}

/// `["exposure", pool, EXPOSURE_SUPPLIER, supplier entity key]`
pub fn supplier_exposure(pool: &Pubkey, supplier_entity: &[u8; 32]) -> Pubkey {
    Pubkey::find_program_address(
        &[EXPOSURE_SEED, pool.as_ref(), &[EXPOSURE_SUPPLIER], supplier_entity.as_ref()],
        &PROGRAM_ID,
    )
    .0
}

/// `["buyer_reputation", buyer_entity]`: the repayment record of a buyer's
/// legal entity (`IdentityRecord::entity_key`, `Invoice::buyer_entity`).
pub fn buyer_reputation(buyer_entity: &[u8; 32]) -> Pubkey {
    Pubkey::find_program_address(&[BUYER_REPUTATION_SEED, buyer_entity.as_ref()], &PROGRAM_ID).0
}

/// `["supplier_reputation", supplier_entity]`: the origination record of a
/// supplier's legal entity (`IdentityRecord::entity_key`,
/// `Invoice::supplier_entity`).
pub fn supplier_reputation(supplier_entity: &[u8; 32]) -> Pubkey {
    Pubkey::find_program_address(&[SUPPLIER_REPUTATION_SEED, supplier_entity.as_ref()], &PROGRAM_ID).0
}

/// `["asset_authority"]`
pub fn asset_authority() -> Pubkey {
    Pubkey::find_program_address(&[ASSET_AUTHORITY_SEED], &PROGRAM_ID).0
}

/// `["currency", pool, code]`
pub fn currency_config(pool: &Pubkey, code: &[u8; 3]) -> Pubkey {
    Pubkey::find_program_address(&[CURRENCY_SEED, pool.as_ref(), code.as_ref()], &PROGRAM_ID).0
}

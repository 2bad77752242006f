//! Canonical forms of the two identifiers the program keys on (F-06, F-16):
//! the legal-entity id of an identity record, which keys the concentration
//! caps and the invoice-number registry, and the supplier's invoice number,
//! which keys the duplicate registry. Each rule is written once, here, and
//! used both on-chain and by the client (`autofactor_client::canonical`) to
//! derive the same PDAs, so a respelled id or number lands on the same key.
//!
//! ## The one character rule ([`canonical_token`])
//!
//! ASCII letters are upper-cased and ASCII digits kept; ASCII whitespace and
//! ASCII punctuation (`- . / _ : # , ; | \ ( ) …`) are separators and are
//! dropped; any other character (non-ASCII letters such as a Cyrillic `А`
//! that looks like `A`, control characters) is refused. Leading zeros are
//! significant (`INV-01` ≠ `INV-001`). So `"INV-001"`, `"inv 001"`,
//! `" INV001 "` and `"Inv/0.0_1"` are one number, `INV001`.
//!
//! ## Legal-entity ids ([`canonical_entity_id`])
//!
//! `SCHEME:VALUE`, at most [`MAX_ENTITY_ID_INPUT_LEN`] bytes as given:
//! * `SCHEME` (trimmed, case-insensitive) is a four-digit ISO 6523 ICD
//!   (e.g. `0192` Norwegian organisation number, `0088` GLN, `0007` Swedish
//!   organisation number), `LEI` (ISO 17442) or `VAT`. ICD `0199` is the LEI
//!   scheme and is written `LEI`.
//! * `VALUE` goes through the character rule and must then be 1..=
//!   [`MAX_ENTITY_VALUE_LEN`] characters; an `LEI` has exactly 20, a `VAT`
//!   id starts with its two-letter country prefix (`NO923609016MVA`,
//!   `EL061828591`).
//!
//! The canonical form is `SCHEME:VALUE` (e.g. `0192:923609016`,
//! `LEI:5493001KJTIIGC8Y1R12`, `VAT:NL820098395B01`) and the program keys
//! on `entity_key = sha256(canonical form)`. The issuer is responsible for
//! the identifier being the entity's real one (KYB); the program fixes only
//! its spelling. One entity with several wallets shares one id and so one
//! key; one entity known under two schemes (an LEI and a VAT id) must be
//! issued one of them consistently by its issuer.

use crate::constants::{MAX_INVOICE_NUMBER_LEN, ROLE_BUYER, ROLE_SUPPLIER};
use crate::error::AutofactorError;
use anchor_lang::prelude::*;

/// Longest entity id accepted as input, in bytes (before canonicalisation).
pub const MAX_ENTITY_ID_INPUT_LEN: usize = 64;
/// Longest canonical identifier value (ISO 6523: 35 characters).
pub const MAX_ENTITY_VALUE_LEN: usize = 35;
/// Longest canonical entity id: a four-character scheme, `:`, the value.
pub const MAX_ENTITY_ID_LEN: usize = 4 + 1 + MAX_ENTITY_VALUE_LEN;
/// Length of an ISO 17442 LEI.
pub const LEI_LEN: usize = 20;
/// Roles whose records must carry an entity id (they are capped and keyed
/// on it); other roles may carry one.
pub const ROLES_REQUIRING_ENTITY: u8 = ROLE_SUPPLIER | ROLE_BUYER;

/// The character rule: upper-cased ASCII letters and digits, separators
/// (ASCII whitespace and punctuation) dropped. `None` if `s` holds any other
/// character, or if the result is empty or longer than `max_len`.
pub fn canonical_token(s: &str, max_len: usize) -> Option<String> {
    let mut out = String::with_capacity(s.len().min(max_len));
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_uppercase());
        } else if !(c.is_ascii_whitespace() || c.is_ascii_punctuation()) {
            return None;
        }
        if out.len() > max_len {
            return None;
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The canonical form of a supplier invoice number (see the module docs).
pub fn canonical_invoice_number(number: &str) -> Result<String> {
    require!(number.len() <= MAX_INVOICE_NUMBER_LEN, AutofactorError::InvalidInvoiceNumber);
    canonical_token(number, MAX_INVOICE_NUMBER_LEN).ok_or(error!(AutofactorError::InvalidInvoiceNumber))
}

/// SHA-256 of the canonical invoice number: the seed of its registry entry.
pub fn invoice_number_hash(number: &str) -> Result<[u8; 32]> {
    Ok(solana_sha256_hasher::hash(canonical_invoice_number(number)?.as_bytes()).to_bytes())
}

/// The canonical form of a legal-entity id (see the module docs).
pub fn canonical_entity_id(id: &str) -> Result<String> {
    let bad = || error!(AutofactorError::InvalidEntityId);
    require!(id.len() <= MAX_ENTITY_ID_INPUT_LEN, AutofactorError::InvalidEntityId);
    let (scheme, value) = id.split_once(':').ok_or_else(bad)?;
    let scheme = scheme.trim().to_ascii_uppercase();
    let scheme = match scheme.as_str() {
        "0199" | "LEI" => "LEI",
        "VAT" => "VAT",
        s if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) => s,
        _ => return Err(bad()),
    };
    let value = canonical_token(value, MAX_ENTITY_VALUE_LEN).ok_or_else(bad)?;
    match scheme {
        "LEI" => require!(value.len() == LEI_LEN, AutofactorError::InvalidEntityId),
        "VAT" => require!(
            value.len() > 2 && value.bytes().take(2).all(|b| b.is_ascii_uppercase()),
            AutofactorError::InvalidEntityId
        ),
        _ => {}
    }
    Ok(format!("{scheme}:{value}"))
}

/// `sha256(canonical entity id)`: the key the exposure and invoice-number
/// registry PDAs are seeded with.
pub fn entity_key(canonical_id: &str) -> [u8; 32] {
    solana_sha256_hasher::hash(canonical_id.as_bytes()).to_bytes()
}

/// The canonical id and key of an issuer-given entity id; an empty id gives
/// `("", [0; 32])` (no entity), allowed only for roles outside
/// [`ROLES_REQUIRING_ENTITY`].
pub fn entity_of(id: &str, roles: u8) -> Result<(String, [u8; 32])> {
    if id.is_empty() {
        require!(roles & ROLES_REQUIRING_ENTITY == 0, AutofactorError::InvalidEntityId);
        return Ok((String::new(), [0; 32]));
    }
    let canonical = canonical_entity_id(id)?;
    let key = entity_key(&canonical);
    Ok((canonical, key))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code<T: std::fmt::Debug>(r: Result<T>) -> u32 {
        match r.unwrap_err() {
            anchor_lang::error::Error::AnchorError(a) => a.error_code_number,
            e => panic!("{e:?}"),
        }
    }

    #[test]
    fn respelled_invoice_numbers_are_one_number() {
        for n in ["INV-001", "inv 001", " INV001 ", "Inv/0.0_1", "INV\t001", "inv#001", "I-N-V-0-0-1"] {
            assert_eq!(canonical_invoice_number(n).unwrap(), "INV001", "{n:?}");
            assert_eq!(invoice_number_hash(n).unwrap(), invoice_number_hash("INV001").unwrap());
        }
        assert_eq!(
            canonical_invoice_number("061828591|01/10/2020|0|1.1|0|1").unwrap(),
            "0618285910110202001101"
        );
        assert_ne!(canonical_invoice_number("INV-01").unwrap(), canonical_invoice_number("INV-001").unwrap());
        let invalid = u32::from(AutofactorError::InvalidInvoiceNumber);
        for n in ["", " - / ", "ІNV-001", "INV\u{0}1", "Nr. Ä1", &"1".repeat(65)] {
            assert_eq!(code(canonical_invoice_number(n)), invalid, "{n:?}");
        }
        assert_eq!(canonical_invoice_number(&format!("{}-", "1".repeat(63))).unwrap(), "1".repeat(63));
    }

    #[test]
    fn entity_ids() {
        let ok = |s: &str| canonical_entity_id(s).unwrap();
        assert_eq!(ok("0192:923609016"), "0192:923609016");
        assert_eq!(ok(" 0192 : 923 609 016 "), "0192:923609016");
        assert_eq!(ok("lei:5493001kjtiigc8y1r12"), "LEI:5493001KJTIIGC8Y1R12");
        assert_eq!(ok("0199:5493001KJTIIGC8Y1R12"), "LEI:5493001KJTIIGC8Y1R12");
        assert_eq!(ok("VAT:NL8200.98.395.B.01"), "VAT:NL820098395B01");
        assert_eq!(ok("vat:no 923 609 016 mva"), "VAT:NO923609016MVA");
        assert_eq!(entity_key(&ok("0192:923 609 016")), entity_key("0192:923609016"));
        let invalid = u32::from(AutofactorError::InvalidEntityId);
        for s in [
            "",
            "923609016",
            "192:923609016",
            "01920:923609016",
            "ABCD:923609016",
            "0192:",
            "0192:---",
            "0192:92360901б",
            "LEI:5493001KJTIIGC8Y1R1",
            "VAT:123456789",
            "VAT:N",
            &format!("0192:{}", "1".repeat(36)),
            &format!("0192:{}", " ".repeat(60)),
        ] {
            assert_eq!(code(canonical_entity_id(s)), invalid, "{s:?}");
        }
        assert_eq!(entity_of("", crate::constants::ROLE_INVESTOR).unwrap(), (String::new(), [0; 32]));
        assert_eq!(code(entity_of("", ROLE_SUPPLIER)), invalid);
        assert_eq!(code(entity_of("", ROLE_BUYER | crate::constants::ROLE_INVESTOR)), invalid);
    }
}

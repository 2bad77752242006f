//! Identity issuers (KYC/KYB providers) and the identity records they issue.

use crate::canonical::{entity_of, MAX_ENTITY_ID_LEN};
use crate::constants::*;
use crate::error::AutofactorError;
use anchor_lang::prelude::*;

/// A KYC/KYB provider registered by the protocol admin, PDA
/// `["issuer", authority]`.
#[account]
#[derive(InitSpace, Debug)]
pub struct IdentityIssuer {
    /// The wallet that signs identity issuance, updates and revocations.
    pub authority: Pubkey,
    /// Display name (e.g. the provider's legal name).
    #[max_len(MAX_ISSUER_NAME_LEN)]
    pub name: String,
    /// Only an active issuer may issue or update records. Revocation works
    /// regardless, so a deactivated issuer can still clean up.
    pub active: bool,
    /// When the admin registered the issuer (unix seconds).
    pub registered_ts: i64,
    /// Number of identity records this issuer has issued.
    pub records_issued: u64,
    /// PDA bump.
    pub bump: u8,
}

/// The identity of one wallet, PDA `["identity", wallet]`. Exactly one
/// record per wallet; only the issuer that created it may change it.
#[account]
#[derive(InitSpace, Debug)]
pub struct IdentityRecord {
    /// The wallet this record describes.
    pub wallet: Pubkey,
    /// Authority of the issuer that created (and alone may change) the record.
    pub issuer: Pubkey,
    /// Role bitmask: `ROLE_SUPPLIER | ROLE_BUYER | ROLE_INVESTOR | ROLE_VERIFIER | ROLE_MANAGER`.
    pub roles: u8,
    /// ISO 3166-1 alpha-2 jurisdiction, upper-case ASCII (e.g. `b"NO"`).
    pub jurisdiction: [u8; 2],
    /// Investor accreditation level, 0..=[`MAX_ACCREDITATION`].
    pub accreditation: u8,
    /// Decentralized identifier of the entity (`did:...`).
    #[max_len(MAX_DID_LEN)]
    pub did: String,
    /// Issuer-assigned legal-entity id in canonical form (`0192:923609016`,
    /// `LEI:…`, `VAT:…`; rule in [`crate::canonical`]); empty only for
    /// records without the supplier or buyer role. Several wallets of one
    /// entity carry the same id.
    #[max_len(MAX_ENTITY_ID_LEN)]
    pub entity_id: String,
    /// `sha256(entity_id)` (zero when `entity_id` is empty): the key of the
    /// pool's exposure records and of the supplier's invoice-number registry.
    pub entity_key: [u8; 32],
    /// The record is invalid from this unix time on.
    pub expires_ts: i64,
    /// When the record was first issued.
    pub issued_ts: i64,
    /// When the record was last changed.
    pub updated_ts: i64,
    /// Revoked records are invalid until the issuer reinstates them.
    pub revoked: bool,
    /// PDA bump.
    pub bump: u8,
}

impl IdentityRecord {
    /// Checks that the record belongs to `wallet`, is neither revoked nor
    /// expired at `now_ts`, and carries every bit of `role`.
    pub fn require_valid(&self, wallet: &Pubkey, role: u8, now_ts: i64) -> Result<()> {
        require_keys_eq!(self.wallet, *wallet, AutofactorError::IdentityWalletMismatch);
        require!(!self.revoked, AutofactorError::IdentityRevoked);
        require!(now_ts < self.expires_ts, AutofactorError::IdentityExpired);
        require!(self.roles & role == role, AutofactorError::IdentityMissingRole);
        Ok(())
    }

    /// Whether the record is currently valid for `role`.
    pub fn is_valid(&self, wallet: &Pubkey, role: u8, now_ts: i64) -> bool {
        self.require_valid(wallet, role, now_ts).is_ok()
    }

    /// Whether the account at `info` (the caller has checked that it is the
    /// `["identity", wallet]` PDA) is a record currently valid for `role`.
    /// No account, an account this program does not own, or one that is not
    /// an identity record all mean "not valid" — so a wallet that never had
    /// a record is treated like one whose record was revoked.
    pub fn is_valid_at(info: &AccountInfo, wallet: &Pubkey, role: u8, now_ts: i64) -> Result<bool> {
        if info.owner != &crate::ID || info.data_is_empty() {
            return Ok(false);
        }
        let data = info.try_borrow_data()?;
        let mut slice: &[u8] = &data;
        Ok(match IdentityRecord::try_deserialize(&mut slice) {
            Ok(record) => record.is_valid(wallet, role, now_ts),
            Err(_) => false,
        })
    }
}

/// The attributes an issuer sets on a record.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct IdentityTerms {
    /// Role bitmask (non-empty, known bits only).
    pub roles: u8,
    /// ISO 3166-1 alpha-2 code, two upper-case ASCII letters.
    pub jurisdiction: [u8; 2],
    /// Accreditation level, 0..=[`MAX_ACCREDITATION`].
    pub accreditation: u8,
    /// `did:` URI, 5..=[`MAX_DID_LEN`] bytes.
    pub did: String,
    /// Legal-entity id as the issuer writes it (`SCHEME:VALUE`); stored in
    /// canonical form. Required for the supplier and buyer roles, may be
    /// empty otherwise. See [`crate::canonical`].
    pub entity_id: String,
    /// Expiry (unix seconds), strictly in the future.
    pub expires_ts: i64,
}

impl IdentityTerms {
    /// Validates every field against `now_ts`.
    pub fn validate(&self, now_ts: i64) -> Result<()> {
        require!(self.roles != 0 && self.roles & !ROLE_ALL == 0, AutofactorError::InvalidRoles);
        require!(
            self.jurisdiction.iter().all(|c| c.is_ascii_uppercase()),
            AutofactorError::InvalidJurisdiction
        );
        require!(self.accreditation <= MAX_ACCREDITATION, AutofactorError::InvalidAccreditation);
        require!(
            self.did.len() > 4 && self.did.len() <= MAX_DID_LEN && self.did.starts_with("did:"),
            AutofactorError::InvalidDid
        );
        require!(self.expires_ts > now_ts, AutofactorError::InvalidExpiry);
        self.entity()?;
        Ok(())
    }

    /// The canonical entity id and its key (see [`entity_of`]).
    pub fn entity(&self) -> Result<(String, [u8; 32])> {
        entity_of(&self.entity_id, self.roles)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms() -> IdentityTerms {
        IdentityTerms {
            roles: ROLE_INVESTOR,
            jurisdiction: *b"NO",
            accreditation: 1,
            did: "did:web:example.no".into(),
            entity_id: String::new(),
            expires_ts: 100,
        }
    }

    fn code(r: Result<()>) -> u32 {
        match r.unwrap_err() {
            anchor_lang::error::Error::AnchorError(a) => a.error_code_number,
            e => panic!("{e:?}"),
        }
    }

    #[test]
    fn terms_validation() {
        assert!(terms().validate(0).is_ok());
        assert_eq!(code(IdentityTerms { roles: 0, ..terms() }.validate(0)), 6012);
        assert_eq!(code(IdentityTerms { roles: 0x80, ..terms() }.validate(0)), 6012);
        assert_eq!(code(IdentityTerms { jurisdiction: *b"no", ..terms() }.validate(0)), 6013);
        assert_eq!(code(IdentityTerms { accreditation: 4, ..terms() }.validate(0)), 6014);
        assert_eq!(code(IdentityTerms { did: "web:x".into(), ..terms() }.validate(0)), 6015);
        assert_eq!(code(IdentityTerms { did: "d".repeat(200), ..terms() }.validate(0)), 6015);
        assert_eq!(code(terms().validate(100)), 6016);
        let invalid_entity = u32::from(AutofactorError::InvalidEntityId);
        assert_eq!(code(IdentityTerms { roles: ROLE_SUPPLIER, ..terms() }.validate(0)), invalid_entity);
        assert_eq!(code(IdentityTerms { entity_id: "LEI:1".into(), ..terms() }.validate(0)), invalid_entity);
        let supplier =
            IdentityTerms { roles: ROLE_SUPPLIER, entity_id: "0192: 923 609 016".into(), ..terms() };
        assert!(supplier.validate(0).is_ok());
        assert_eq!(supplier.entity().unwrap().0, "0192:923609016");
    }

    #[test]
    fn record_validity() {
        let wallet = Pubkey::new_unique();
        let mut r = IdentityRecord {
            wallet,
            issuer: Pubkey::new_unique(),
            roles: ROLE_INVESTOR | ROLE_BUYER,
            jurisdiction: *b"NO",
            accreditation: 0,
            did: "did:x:y".into(),
            entity_id: String::new(),
            entity_key: [0; 32],
            expires_ts: 100,
            issued_ts: 0,
            updated_ts: 0,
            revoked: false,
            bump: 255,
        };
        assert!(r.require_valid(&wallet, ROLE_INVESTOR, 99).is_ok());
        assert_eq!(code(r.require_valid(&Pubkey::new_unique(), ROLE_INVESTOR, 0)), 6020);
        assert_eq!(code(r.require_valid(&wallet, ROLE_INVESTOR, 100)), 6018);
        assert_eq!(code(r.require_valid(&wallet, ROLE_SUPPLIER, 0)), 6019);
        r.revoked = true;
        assert_eq!(code(r.require_valid(&wallet, ROLE_INVESTOR, 0)), 6017);
    }
}

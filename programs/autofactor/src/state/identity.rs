//! Identity issuers (KYC/KYB providers) and the identity records they issue.

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
        Ok(())
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

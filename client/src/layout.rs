//! Byte offsets of account fields, for `getProgramAccounts` memcmp
//! filters. Offsets count the 8-byte Anchor discriminator; the tests derive
//! each one from a serialized account, so a layout change fails them.

/// Offset of `Invoice::pool` (after the discriminator and `asset`).
pub const INVOICE_POOL_OFFSET: usize = 8 + 32;
/// Offset of `Invoice::supplier`.
pub const INVOICE_SUPPLIER_OFFSET: usize = 8 + 64;
/// Offset of `Invoice::buyer`.
pub const INVOICE_BUYER_OFFSET: usize = 8 + 96;
/// Offset of `Exposure::pool` (then `entity`).
pub const EXPOSURE_POOL_OFFSET: usize = 8;
/// Offset of `WithdrawalRequest::investor` (after `pool`).
pub const WITHDRAWAL_INVESTOR_OFFSET: usize = 8 + 32;
/// Offset of `Pool::manager` (after four bumps, `paused` and `pool_id`).
pub const POOL_MANAGER_OFFSET: usize = 8 + 4 + 1 + 8;
/// Offset of `IdentityRecord::wallet`.
pub const IDENTITY_WALLET_OFFSET: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{Exposure, IdentityRecord, Invoice, Pool, WithdrawalRequest};
    use anchor_lang::prelude::Pubkey;
    use anchor_lang::{AccountSerialize, AnchorDeserialize};

    fn blank<T: AnchorDeserialize>() -> T {
        T::deserialize(&mut &vec![0u8; 1 << 16][..]).unwrap()
    }

    fn bytes<T: AccountSerialize>(t: &T) -> Vec<u8> {
        let mut v = Vec::new();
        t.try_serialize(&mut v).unwrap();
        v
    }

    fn at(data: &[u8], key: &Pubkey) -> usize {
        data.windows(32).position(|w| w == key.as_ref()).expect("key not in the account")
    }

    #[test]
    fn offsets_match_serialized_accounts() {
        let mut i: Invoice = blank();
        (i.pool, i.supplier, i.buyer) = (Pubkey::new_unique(), Pubkey::new_unique(), Pubkey::new_unique());
        let d = bytes(&i);
        assert_eq!(at(&d, &i.pool), INVOICE_POOL_OFFSET);
        assert_eq!(at(&d, &i.supplier), INVOICE_SUPPLIER_OFFSET);
        assert_eq!(at(&d, &i.buyer), INVOICE_BUYER_OFFSET);

        let mut e: Exposure = blank();
        e.pool = Pubkey::new_unique();
        assert_eq!(at(&bytes(&e), &e.pool), EXPOSURE_POOL_OFFSET);

        let mut w: WithdrawalRequest = blank();
        w.investor = Pubkey::new_unique();
        assert_eq!(at(&bytes(&w), &w.investor), WITHDRAWAL_INVESTOR_OFFSET);

        let mut p: Pool = blank();
        p.manager = Pubkey::new_unique();
        assert_eq!(at(&bytes(&p), &p.manager), POOL_MANAGER_OFFSET);

        let mut r: IdentityRecord = blank();
        r.wallet = Pubkey::new_unique();
        assert_eq!(at(&bytes(&r), &r.wallet), IDENTITY_WALLET_OFFSET);
    }
}

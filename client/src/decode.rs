//! Account and event decoding.

use anchor_lang::{AccountDeserialize, AnchorDeserialize, Discriminator};

/// Decodes an Anchor account (discriminator checked).
pub fn account<T: AccountDeserialize>(data: &[u8]) -> anchor_lang::Result<T> {
    T::try_deserialize(&mut &data[..])
}

/// If `ix_data` is an `emit_cpi!` self-invocation carrying event `E`,
/// decodes it.
pub fn event<E: AnchorDeserialize + Discriminator>(ix_data: &[u8]) -> Option<E> {
    let tag = anchor_lang::event::EVENT_IX_TAG_LE;
    let rest = ix_data.strip_prefix(tag)?;
    let body = rest.strip_prefix(E::DISCRIMINATOR)?;
    E::deserialize(&mut &body[..]).ok()
}

/// All events of type `E` among a transaction's inner-instruction payloads
/// (only payloads addressed to the Autofactor program should be passed).
pub fn events<E: AnchorDeserialize + Discriminator>(ix_datas: &[Vec<u8>]) -> Vec<E> {
    ix_datas.iter().filter_map(|d| event::<E>(d)).collect()
}

/// The name of the event in an `emit_cpi!` payload, if it is one of ours.
pub fn event_name(ix_data: &[u8]) -> Option<&'static str> {
    use autofactor::events::*;
    let rest = ix_data.strip_prefix(anchor_lang::event::EVENT_IX_TAG_LE)?;
    macro_rules! names {
        ($($t:ident),*) => {{
            $(if rest.starts_with($t::DISCRIMINATOR) { return Some(stringify!($t)); })*
            None
        }};
    }
    names!(
        ProtocolInitialized,
        ProtocolFeeUpdated,
        ProtocolPauseSet,
        AdminTransferProposed,
        AdminTransferAccepted,
        IssuerRegistered,
        IssuerStatusSet,
        IdentityIssued,
        IdentityUpdated,
        IdentityRevoked,
        PoolCreated,
        PoolConfigUpdated,
        PoolPauseSet,
        PoolRefreshed,
        TrancheAccountThawed,
        TrancheAccountFrozen,
        Deposited,
        Withdrawn,
        WithdrawalQueued,
        WithdrawalFilled,
        WithdrawalSkipped,
        WithdrawalCancelled
    )
}

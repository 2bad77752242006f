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
///
/// Every `#[event]` of `programs/autofactor/src/events.rs` must be listed
/// here: the tests below check the list against that file and the IDL.
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
        WithdrawalCancelled,
        PoolVerifierAdded,
        PoolVerifierRemoved,
        InvoiceCreated,
        InvoiceAcknowledged,
        InvoiceDisputed,
        InvoiceAttested,
        InvoiceCancelled,
        InvoiceFinanced,
        InvoicePaid,
        InvoiceMatured,
        InvoiceMarkedLate,
        InvoiceWrittenDown,
        InvoiceSettled,
        FeesCollected,
        UsdcGuardSet,
        PoolCurrencyUpdated,
        PoolCurrencyRemoved,
        PoolRiskChangeScheduled,
        PoolRiskChangeApplied,
        PoolRiskChangeCancelled,
        WithdrawalPayoutOwed,
        WithdrawalClaimed,
        InvoiceClosedDefaulted,
        ExternalBurnReconciled,
        InvoiceReserveClaimed,
        SupplierRecordUpdated
    )
}

#[cfg(test)]
mod tests {
    use super::event_name;

    /// `emit_cpi!` payload of an event with this discriminator (no body).
    fn payload(discriminator: &[u8]) -> Vec<u8> {
        let mut v = anchor_lang::event::EVENT_IX_TAG_LE.to_vec();
        v.extend_from_slice(discriminator);
        v
    }

    /// Anchor's event discriminator: `sha256("event:<Name>")[..8]`.
    fn discriminator(name: &str) -> Vec<u8> {
        solana_sha256_hasher::hash(format!("event:{name}").as_bytes()).to_bytes()[..8].to_vec()
    }

    /// Every `#[event]` struct declared in the program's events.rs.
    fn declared_events() -> Vec<String> {
        let src = include_str!("../../programs/autofactor/src/events.rs");
        let lines: Vec<&str> = src.lines().collect();
        let mut names = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            if line.trim() == "#[event]" {
                let decl = lines[i + 1..].iter().find(|l| l.trim_start().starts_with("pub struct")).unwrap();
                let name = decl.trim_start().trim_start_matches("pub struct").trim();
                names.push(name.trim_end_matches('{').trim().to_string());
            }
        }
        names
    }

    #[test]
    fn every_declared_event_has_a_decoder() {
        let names = declared_events();
        assert!(names.len() >= 42, "parsed only {} events", names.len());
        for name in &names {
            assert_eq!(event_name(&payload(&discriminator(name))), Some(name.as_str()), "{name}");
        }
    }

    #[test]
    fn every_idl_event_has_a_decoder() {
        // Parses the committed IDL's "events" array: name and discriminator.
        let idl = include_str!("../../idl/autofactor.json");
        let start = idl.find("\"events\": [").expect("events in the IDL");
        let section = &idl[start..];
        let end = section.find("\n  ],").expect("end of the events array");
        let section = &section[..end];
        let mut count = 0;
        for chunk in section.split("\"name\": \"").skip(1) {
            let name = &chunk[..chunk.find('"').unwrap()];
            let d = &chunk[chunk.find("\"discriminator\": [").unwrap() + 18..];
            let d: Vec<u8> =
                d[..d.find(']').unwrap()].split(',').map(|x| x.trim().parse::<u8>().unwrap()).collect();
            assert_eq!(d, discriminator(name), "{name}");
            assert_eq!(event_name(&payload(&d)), Some(name), "no decoder for IDL event {name}");
            count += 1;
        }
        assert!(count >= 39, "parsed only {count} IDL events");
    }

    #[test]
    fn other_payloads_are_not_events() {
        assert_eq!(event_name(&payload(&discriminator("NoSuchEvent"))), None);
        assert_eq!(event_name(&discriminator("Deposited")), None);
    }
}

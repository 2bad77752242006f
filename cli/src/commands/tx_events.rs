//! A transaction's Autofactor events: the payloads of the program's
//! `emit_cpi!` inner instructions, from a simulation's or a confirmed
//! transaction's inner instructions.

use crate::errors::{err, explain_client_error};
use anyhow::{anyhow, Context as _, Result};
use autofactor_client::PROGRAM_ID;
use solana_rpc_client::rpc_client::RpcClient;
use solana_sdk::pubkey::Pubkey;
use solana_transaction_status_client_types::{UiInnerInstructions, UiInstruction, UiParsedInstruction};

/// Autofactor's inner-instruction payloads (its `emit_cpi!` events).
pub fn program_payloads(keys: &[Pubkey], inner: Vec<UiInnerInstructions>) -> Result<Vec<Vec<u8>>> {
    let program = PROGRAM_ID.to_string();
    let mut out = Vec::new();
    for group in inner {
        for ix in group.instructions {
            let data = match ix {
                UiInstruction::Compiled(c) if keys.get(c.program_id_index as usize) == Some(&PROGRAM_ID) => {
                    c.data
                }
                UiInstruction::Parsed(UiParsedInstruction::PartiallyDecoded(p))
                    if p.program_id == program =>
                {
                    p.data
                }
                _ => continue,
            };
            out.push(bs58::decode(&data).into_vec().context("inner instruction data is not base58")?);
        }
    }
    Ok(out)
}

/// The program's events of a confirmed transaction (`getTransaction`).
pub fn transaction_events(rpc: &RpcClient, sig: &solana_sdk::signature::Signature) -> Result<Vec<Vec<u8>>> {
    use solana_rpc_client_api::config::RpcTransactionConfig;
    use solana_transaction_status_client_types::option_serializer::OptionSerializer;
    use solana_transaction_status_client_types::{EncodedTransaction, UiMessage, UiTransactionEncoding};
    let config = RpcTransactionConfig {
        encoding: Some(UiTransactionEncoding::Json),
        commitment: Some(rpc.commitment()),
        max_supported_transaction_version: Some(0),
    };
    // A node may serve the transaction a moment after confirming it.
    let mut attempt = 0;
    let tx = loop {
        match rpc.get_transaction_with_config(sig, config) {
            Ok(tx) => break tx,
            Err(_) if attempt < 10 => {
                attempt += 1;
                std::thread::sleep(std::time::Duration::from_millis(300));
            }
            Err(e) => {
                return Err(err(
                    "events_unavailable",
                    format!(
                        "transaction {sig} was sent and confirmed, but its events could not be read: {}",
                        explain_client_error(&e).message
                    ),
                ))
            }
        }
    };
    let EncodedTransaction::Json(ui) = &tx.transaction.transaction else {
        return Err(anyhow!("{sig}: the RPC did not return the transaction as JSON"));
    };
    let keys: Vec<Pubkey> = match &ui.message {
        UiMessage::Raw(raw) => raw.account_keys.iter().filter_map(|k| k.parse().ok()).collect(),
        UiMessage::Parsed(p) => p.account_keys.iter().filter_map(|k| k.pubkey.parse().ok()).collect(),
    };
    let inner = match tx.transaction.meta.map(|m| m.inner_instructions) {
        Some(OptionSerializer::Some(i)) => i,
        _ => Vec::new(),
    };
    program_payloads(&keys, inner)
}

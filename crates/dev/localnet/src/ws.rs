//! The WebSocket (PubSub) endpoint on `PORT + 1`:
//! `signatureSubscribe`, `accountSubscribe`, `slotSubscribe`,
//! `logsSubscribe`, `programSubscribe` and their `…Unsubscribe`.
//!
//! Notifications have the validator's shapes. Since a transaction is final
//! as soon as it executed, a signature subscription at any commitment is
//! notified once, at execution (or at once if the signature already
//! executed), and then removed, as a validator does.

use crate::chain::{ChainHandle, Event, TxRecord};
use crate::rpc::filters_match;
use futures::{SinkExt as _, StreamExt as _};
use serde_json::{json, Value};
use solana_account_decoder::{encode_ui_account, UiAccountEncoding};
use solana_rpc_client_types::config::{
    RpcAccountInfoConfig, RpcProgramAccountsConfig, RpcSignatureSubscribeConfig, RpcTransactionLogsFilter,
};
use solana_rpc_client_types::filter::RpcFilterType;
use solana_sdk::account::Account;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::Signature;
use solana_transaction_status_client_types::UiTransactionError;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{broadcast, watch};
use tokio_tungstenite::tungstenite::Message;

/// Subscription ids are unique across connections.
static NEXT_ID: AtomicU64 = AtomicU64::new(0);

enum Sub {
    Signature { signature: Signature, received: bool },
    Account { pubkey: Pubkey, encoding: UiAccountEncoding },
    Slot,
    Logs { mentions: Option<Pubkey> },
    Program { program: Pubkey, encoding: UiAccountEncoding, filters: Vec<RpcFilterType> },
}

/// Serves the PubSub endpoint until `shutdown` turns true.
pub async fn serve(listener: TcpListener, chain: ChainHandle, mut shutdown: watch::Receiver<bool>) {
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let _ = stream.set_nodelay(true);
                tokio::spawn(connection(stream, chain.clone(), shutdown.clone()));
            }
            _ = shutdown.changed() => break,
        }
    }
}

fn error(id: &Value, code: i64, message: &str) -> String {
    json!({"jsonrpc": "2.0", "error": {"code": code, "message": message}, "id": id}).to_string()
}

fn result(id: &Value, result: Value) -> String {
    json!({"jsonrpc": "2.0", "result": result, "id": id}).to_string()
}

fn notification(method: &str, subscription: u64, result: Value) -> String {
    json!({"jsonrpc": "2.0", "method": method, "params": {"result": result, "subscription": subscription}})
        .to_string()
}

fn context(slot: u64) -> Value {
    json!({ "slot": slot })
}

struct Connection {
    chain: ChainHandle,
    subs: HashMap<u64, Sub>,
}

impl Connection {
    fn param<T: serde::de::DeserializeOwned>(params: &[Value], i: usize) -> Result<Option<T>, String> {
        match params.get(i) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => {
                serde_json::from_value(v.clone()).map(Some).map_err(|e| format!("Invalid params: {e}"))
            }
        }
    }

    fn pubkey(params: &[Value], i: usize) -> Result<Pubkey, String> {
        let s: String = Self::param(params, i)?.ok_or("Invalid params: missing address")?;
        s.parse().map_err(|e| format!("Invalid Request: Invalid pubkey provided: {e:?}"))
    }

    fn add(&mut self, sub: Sub) -> u64 {
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        self.subs.insert(id, sub);
        id
    }

    /// Handles one request; returns the messages to send, in order.
    fn request(&mut self, req: &Value) -> Vec<String> {
        let id = req.get("id").cloned().unwrap_or(Value::Null);
        let Some(method) = req.get("method").and_then(Value::as_str) else {
            return vec![error(&id, -32600, "Invalid request")];
        };
        let params: Vec<Value> = match req.get("params") {
            None | Some(Value::Null) => vec![],
            Some(Value::Array(a)) => a.clone(),
            Some(_) => return vec![error(&id, -32602, "Invalid params: expected an array")],
        };
        match self.dispatch(method, &params) {
            Ok((value, follow_up)) => {
                let mut out = vec![result(&id, value)];
                out.extend(follow_up);
                out
            }
            Err((code, message)) => vec![error(&id, code, &message)],
        }
    }

    fn dispatch(&mut self, method: &str, params: &[Value]) -> Result<(Value, Vec<String>), (i64, String)> {
        let invalid = |m: String| (-32602, m);
        match method {
            "signatureSubscribe" => {
                let s: String = Self::param(params, 0)
                    .map_err(invalid)?
                    .ok_or((-32602, "Invalid params: missing signature".into()))?;
                let signature: Signature = s
                    .parse()
                    .map_err(|e| (-32602, format!("Invalid Request: Invalid signature provided: {e:?}")))?;
                let config: RpcSignatureSubscribeConfig =
                    Self::param(params, 1).map_err(invalid)?.unwrap_or_default();
                let received = config.enable_received_notification.unwrap_or(false);
                let id = self.add(Sub::Signature { signature, received });
                // Already executed: notify at once (after the subscription id).
                let follow_up = match self.chain.transaction(&signature) {
                    Some(record) => self.signature_done(id, &record),
                    None => vec![],
                };
                Ok((json!(id), follow_up))
            }
            "accountSubscribe" => {
                let pubkey = Self::pubkey(params, 0).map_err(invalid)?;
                let config: RpcAccountInfoConfig =
                    Self::param(params, 1).map_err(invalid)?.unwrap_or_default();
                let encoding = config.encoding.unwrap_or(UiAccountEncoding::Binary);
                Ok((json!(self.add(Sub::Account { pubkey, encoding })), vec![]))
            }
            "slotSubscribe" => Ok((json!(self.add(Sub::Slot)), vec![])),
            "logsSubscribe" => {
                let filter: RpcTransactionLogsFilter = Self::param(params, 0)
                    .map_err(invalid)?
                    .ok_or((-32602, "Invalid params: missing filter".into()))?;
                let mentions = match filter {
                    RpcTransactionLogsFilter::All | RpcTransactionLogsFilter::AllWithVotes => None,
                    RpcTransactionLogsFilter::Mentions(keys) => {
                        if keys.len() != 1 {
                            return Err((-32602, "Invalid Request: Only 1 address supported".into()));
                        }
                        Some(keys[0].parse().map_err(|e| {
                            (-32602, format!("Invalid Request: Invalid pubkey provided: {e:?}"))
                        })?)
                    }
                };
                Ok((json!(self.add(Sub::Logs { mentions })), vec![]))
            }
            "programSubscribe" => {
                let program = Self::pubkey(params, 0).map_err(invalid)?;
                let config: RpcProgramAccountsConfig =
                    Self::param(params, 1).map_err(invalid)?.unwrap_or_default();
                let filters = config.filters.unwrap_or_default();
                for f in &filters {
                    f.verify().map_err(|e| (-32602, format!("Invalid Request: {e}")))?;
                }
                let encoding = config.account_config.encoding.unwrap_or(UiAccountEncoding::Binary);
                Ok((json!(self.add(Sub::Program { program, encoding, filters })), vec![]))
            }
            "signatureUnsubscribe"
            | "accountUnsubscribe"
            | "slotUnsubscribe"
            | "logsUnsubscribe"
            | "programUnsubscribe" => {
                let id: u64 = Self::param(params, 0)
                    .map_err(invalid)?
                    .ok_or((-32602, "Invalid params: missing id".into()))?;
                let kind_matches = |s: &Sub| {
                    matches!(
                        (method, s),
                        ("signatureUnsubscribe", Sub::Signature { .. })
                            | ("accountUnsubscribe", Sub::Account { .. })
                            | ("slotUnsubscribe", Sub::Slot)
                            | ("logsUnsubscribe", Sub::Logs { .. })
                            | ("programUnsubscribe", Sub::Program { .. })
                    )
                };
                if self.subs.get(&id).is_some_and(kind_matches) {
                    self.subs.remove(&id);
                    Ok((json!(true), vec![]))
                } else {
                    Err((-32602, "Invalid subscription id.".into()))
                }
            }
            _ => Err((-32601, "Method not found".into())),
        }
    }

    /// The notifications of a signature subscription whose transaction
    /// executed; removes the subscription.
    fn signature_done(&mut self, id: u64, record: &TxRecord) -> Vec<String> {
        let Some(Sub::Signature { received, .. }) = self.subs.remove(&id) else { return vec![] };
        let mut out = Vec::new();
        if received {
            out.push(notification(
                "signatureNotification",
                id,
                json!({"context": context(record.slot), "value": "receivedSignature"}),
            ));
        }
        let err = record.meta.status.clone().err().map(UiTransactionError::from);
        out.push(notification(
            "signatureNotification",
            id,
            json!({"context": context(record.slot), "value": {"err": err}}),
        ));
        out
    }

    fn encode(pubkey: &Pubkey, account: &Account, encoding: UiAccountEncoding, chain: &ChainHandle) -> Value {
        let additional = if encoding == UiAccountEncoding::JsonParsed {
            crate::token::additional_data_for(
                account,
                |m| chain.cached_account(m),
                chain.view().unix_timestamp,
            )
        } else {
            None
        };
        serde_json::to_value(encode_ui_account(pubkey, account, encoding, additional, None))
            .unwrap_or(Value::Null)
    }

    /// Notifications for a chain event.
    fn event(&mut self, event: &Event) -> Vec<String> {
        let mut out = Vec::new();
        match event {
            Event::Slot { slot, parent } => {
                for (id, s) in &self.subs {
                    if matches!(s, Sub::Slot) {
                        out.push(notification(
                            "slotNotification",
                            *id,
                            json!({"parent": parent, "root": slot, "slot": slot}),
                        ));
                    }
                }
            }
            Event::Transaction { signature, record } => {
                let done: Vec<u64> = self
                    .subs
                    .iter()
                    .filter_map(|(id, s)| match s {
                        Sub::Signature { signature: s, .. } if s == signature => Some(*id),
                        _ => None,
                    })
                    .collect();
                for id in done {
                    out.extend(self.signature_done(id, record));
                }
                for (id, s) in &self.subs {
                    if let Sub::Logs { mentions } = s {
                        if mentions.is_none_or(|k| record.account_keys.contains(&k)) {
                            let err = record.meta.status.clone().err().map(UiTransactionError::from);
                            out.push(notification(
                                "logsNotification",
                                *id,
                                json!({
                                    "context": context(record.slot),
                                    "value": {
                                        "signature": signature.to_string(),
                                        "err": err,
                                        "logs": record.meta.log_messages.clone().unwrap_or_default(),
                                    }
                                }),
                            ));
                        }
                    }
                }
            }
            Event::Accounts { slot, accounts } => {
                for (id, s) in &self.subs {
                    match s {
                        Sub::Account { pubkey, encoding } => {
                            for (k, a) in accounts.iter().filter(|(k, _)| k == pubkey) {
                                out.push(notification(
                                    "accountNotification",
                                    *id,
                                    json!({"context": context(*slot), "value": Self::encode(k, a, *encoding, &self.chain)}),
                                ));
                            }
                        }
                        Sub::Program { program, encoding, filters } => {
                            for (k, a) in accounts
                                .iter()
                                .filter(|(_, a)| a.owner == *program && filters_match(filters, a))
                            {
                                out.push(notification(
                                    "programNotification",
                                    *id,
                                    json!({
                                        "context": context(*slot),
                                        "value": {"pubkey": k.to_string(), "account": Self::encode(k, a, *encoding, &self.chain)},
                                    }),
                                ));
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        out
    }

    /// After missed events: settle signature subscriptions whose
    /// transactions executed meanwhile.
    fn catch_up(&mut self) -> Vec<String> {
        let pending: Vec<(u64, Arc<TxRecord>)> = self
            .subs
            .iter()
            .filter_map(|(id, s)| match s {
                Sub::Signature { signature, .. } => self.chain.transaction(signature).map(|r| (*id, r)),
                _ => None,
            })
            .collect();
        pending.into_iter().flat_map(|(id, r)| self.signature_done(id, &r)).collect()
    }
}

async fn connection(stream: TcpStream, chain: ChainHandle, mut shutdown: watch::Receiver<bool>) {
    let Ok(ws) = tokio_tungstenite::accept_async(stream).await else { return };
    let (mut sink, mut source) = ws.split();
    // Subscribe to events before handling any request, so nothing that
    // happens after a subscription is checked can be missed.
    let mut events = chain.subscribe();
    let mut conn = Connection { chain, subs: HashMap::new() };
    loop {
        let out: Vec<String> = tokio::select! {
            msg = source.next() => match msg {
                Some(Ok(Message::Text(text))) => handle_text(&mut conn, text.as_str()),
                Some(Ok(Message::Binary(bytes))) => match std::str::from_utf8(&bytes) {
                    Ok(text) => handle_text(&mut conn, text),
                    Err(_) => vec![error(&Value::Null, -32700, "Parse error")],
                },
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break,
                Some(Ok(_)) => vec![],
            },
            ev = events.recv() => match ev {
                Ok(ev) => conn.event(&ev),
                Err(broadcast::error::RecvError::Lagged(_)) => conn.catch_up(),
                Err(broadcast::error::RecvError::Closed) => break,
            },
            _ = shutdown.changed() => {
                let _ = sink.send(Message::Close(None)).await;
                break;
            }
        };
        for m in out {
            if sink.send(Message::Text(m.into())).await.is_err() {
                return;
            }
        }
    }
}

fn handle_text(conn: &mut Connection, text: &str) -> Vec<String> {
    match serde_json::from_str::<Value>(text) {
        Err(_) => vec![error(&Value::Null, -32700, "Parse error")],
        Ok(Value::Array(reqs)) => reqs.iter().flat_map(|r| conn.request(r)).collect(),
        Ok(req) => conn.request(&req),
    }
}

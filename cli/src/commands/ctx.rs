//! The context of a chain command: the RPC client, the signers, the output
//! format, and how a transaction is sized, priced, signed and sent — or
//! only simulated, signed offline or dumped (`--dry-run`, `--sign-only`,
//! `--dump-transaction-message`).

use super::args::{Commitment, GlobalArgs, TxArgs};
use crate::config;
use crate::errors::{explain_client_error, CliError};
use crate::output::{self, OutputFormat, Report};
use crate::results::{self, Addr, Json, Names, Rows, TxResult};
use anyhow::{anyhow, Context as _, Result};
use clap::ValueEnum;
use serde::Serialize;
use solana_compute_budget_interface::ComputeBudgetInstruction;
use solana_rpc_client::rpc_client::RpcClient;
use solana_sdk::instruction::Instruction;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signer};
use solana_sdk::transaction::Transaction;

/// Compute units a transaction may use when it is not simulated first
/// (`--sign-only`, `--dump-transaction-message`).
pub const UNSIZED_COMPUTE_UNIT_LIMIT: u32 = 1_000_000;
/// The limit a sizing simulation runs with (the per-transaction maximum).
const SIMULATION_COMPUTE_UNIT_LIMIT: u32 = 1_400_000;

/// Everything a chain command needs.
pub struct Ctx {
    /// Resolved RPC URL.
    pub url: String,
    /// The RPC client.
    pub rpc: RpcClient,
    /// Output format.
    pub format: OutputFormat,
    /// The command as typed, e.g. `buyer pay` (the `command` of the JSON
    /// result).
    pub command: String,
    signer_uri: String,
    tx: TxArgs,
    /// The config file's `autofactor_api_url` (origination service).
    pub api_url: Option<String>,
}

/// A transaction the command did not send (`--dry-run`, `--sign-only`,
/// `--dump-transaction-message`): its report ends the command successfully.
#[derive(Debug)]
pub struct Unsent(pub Report);

impl std::fmt::Display for Unsent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("transaction not sent")
    }
}

impl std::error::Error for Unsent {}

/// A sent and confirmed transaction.
pub struct Sent {
    /// Its signature.
    pub signature: String,
    /// Autofactor's `emit_cpi!` payloads, in order (decode with
    /// `autofactor_client::decode::events`).
    pub events: Vec<Vec<u8>>,
}

impl Sent {
    /// The first event of type `E`.
    pub fn event<E: anchor_lang::AnchorDeserialize + anchor_lang::Discriminator>(&self) -> Option<E> {
        autofactor_client::decode::events(&self.events).into_iter().next()
    }

    /// The first event of type `E`, which the instruction always emits: its
    /// absence is an error naming the confirmed transaction, never a 0.
    pub fn expect_event<E: anchor_lang::AnchorDeserialize + anchor_lang::Discriminator>(&self) -> Result<E> {
        self.event().ok_or_else(|| {
            let name = std::any::type_name::<E>().rsplit("::").next().unwrap_or("the");
            let msg = format!(
                "transaction {} is confirmed, but its {name} event could not be read",
                self.signature
            );
            crate::errors::err("events_unavailable", msg)
        })
    }
}

impl Ctx {
    /// Resolves the global options against the Solana CLI config.
    pub fn new(g: &GlobalArgs, command: String) -> Result<Self> {
        let file = config::load_config(g.config.as_deref())?;
        let url =
            config::resolve_url(g.url.as_deref().or(file.json_rpc_url.as_deref()).unwrap_or("localhost"))?;
        let commitment = match (g.commitment, file.commitment.as_deref()) {
            (Some(c), _) => c,
            (None, Some(c)) => Commitment::from_str(c, true)
                .map_err(|_| anyhow!("invalid commitment {c:?} in the config file"))?,
            (None, None) => Commitment::Confirmed,
        };
        let signer_uri = match (&g.keypair, &file.keypair_path) {
            (Some(p), _) => p.clone(),
            (None, Some(p)) => p.clone(),
            (None, None) => config::default_keypair_path()
                .ok_or_else(|| anyhow!("no --keypair given and HOME is not set"))?
                .display()
                .to_string(),
        };
        let rpc = RpcClient::new_with_commitment(url.clone(), commitment.into());
        let api_url = file.autofactor_api_url.clone();
        Ok(Self { url, rpc, format: g.output, command, signer_uri, tx: g.tx.clone(), api_url })
    }

    /// Whether `--dry-run` was given.
    pub fn dry_run(&self) -> bool {
        self.tx.dry_run
    }

    /// Loads the signer (`--keypair`).
    pub fn signer(&self) -> Result<Keypair> {
        config::read_signer(&self.signer_uri)
    }

    /// The signer's address.
    pub fn me(&self) -> Result<Pubkey> {
        Ok(self.signer()?.pubkey())
    }

    fn budget(&self, limit: u32) -> Vec<Instruction> {
        let mut v = vec![ComputeBudgetInstruction::set_compute_unit_limit(limit)];
        if let Some(price) = self.tx.with_compute_unit_price {
            v.push(ComputeBudgetInstruction::set_compute_unit_price(price));
        }
        v
    }

    /// Simulates `ixs` (no signature, the latest blockhash) and returns
    /// the compute units used and Autofactor's inner-instruction payloads
    /// (its events), or the refusal as a [`CliError`] naming the program
    /// error. Nothing is signed or sent.
    pub fn simulate(&self, payer: &Pubkey, ixs: &[Instruction]) -> Result<(u64, Vec<Vec<u8>>)> {
        use solana_rpc_client_api::config::RpcSimulateTransactionConfig;
        let budget = self.budget(SIMULATION_COMPUTE_UNIT_LIMIT);
        let n_budget = budget.len();
        let tx = Transaction::new_with_payer(&[budget, ixs.to_vec()].concat(), Some(payer));
        let config = RpcSimulateTransactionConfig {
            sig_verify: false,
            replace_recent_blockhash: true,
            commitment: Some(self.rpc.commitment()),
            inner_instructions: true,
            ..Default::default()
        };
        let sim = output::with_spinner(self.format, "simulating…", || {
            self.rpc.simulate_transaction_with_config(&tx, config)
        })
        .map_err(|e| anyhow!(explain_client_error(&e)))?
        .value;
        if let Some(err) = sim.err {
            let ce = crate::errors::explain_transaction_error(&err.into(), sim.logs.unwrap_or_default());
            return Err(anyhow!(user_visible(ce, n_budget)));
        }
        let events = super::tx_events::program_payloads(
            &tx.message.account_keys,
            sim.inner_instructions.unwrap_or_default(),
        )?;
        Ok((sim.units_consumed.unwrap_or(0), events))
    }

    /// Sends `ixs` signed by `signer` and `extra` (fee payer: `--fee-payer`,
    /// else `signer`), with a compute-unit limit sized from a simulation
    /// (+10%) and the `--with-compute-unit-price`; waits for confirmation
    /// and returns the signature and the program's events. Under
    /// `--dry-run`, `--sign-only` or `--dump-transaction-message` nothing
    /// is sent: the error is an [`Unsent`] carrying the report.
    pub fn send(&self, signer: &Keypair, ixs: Vec<Instruction>, extra: &[&Keypair]) -> Result<Sent> {
        let fee_payer = match &self.tx.fee_payer {
            Some(uri) => Some(config::read_signer(uri).context("--fee-payer")?),
            None => None,
        };
        let payer = fee_payer.as_ref().unwrap_or(signer);
        let mut signers: Vec<&Keypair> = Vec::new();
        for k in [payer, signer].into_iter().chain(extra.iter().copied()) {
            if !signers.iter().any(|s| s.pubkey() == k.pubkey()) {
                signers.push(k);
            }
        }
        // Who must sign, known before anything is simulated or fetched.
        let message = solana_sdk::message::Message::new(&ixs, Some(&payer.pubkey()));
        let required = message.header.num_required_signatures as usize;
        let missing: Vec<Pubkey> = message.account_keys[..required]
            .iter()
            .filter(|k| !signers.iter().any(|s| s.pubkey() == **k))
            .copied()
            .collect();
        // Only the keys the message names sign (a signer the instructions do
        // not need, e.g. with --fee-payer, is left out).
        signers.retain(|s| message.account_keys[..required].contains(&s.pubkey()));
        let offline = self.tx.sign_only || self.tx.dump_transaction_message;
        if !missing.is_empty() && !offline {
            let names: Vec<String> = missing.iter().map(|k| k.to_string()).collect();
            return Err(anyhow!(
                "this transaction needs a signature from {} (is --keypair the right wallet for this action?)",
                names.join(", ")
            ));
        }
        if self.tx.dry_run {
            let (units, events) = self.simulate(&payer.pubkey(), &ixs)?;
            return Err(anyhow!(Unsent(self.dry_run_report(units, &events)?)));
        }
        let limit = if offline {
            UNSIZED_COMPUTE_UNIT_LIMIT
        } else {
            let (units, _) = self.simulate(&payer.pubkey(), &ixs)?;
            u32::try_from(units.saturating_mul(11) / 10 + 1_000)
                .unwrap_or(SIMULATION_COMPUTE_UNIT_LIMIT)
                .min(SIMULATION_COMPUTE_UNIT_LIMIT)
        };
        let budget = self.budget(limit);
        let n_budget = budget.len();
        let mut tx = Transaction::new_with_payer(&[budget, ixs].concat(), Some(&payer.pubkey()));
        let blockhash = match self.tx.blockhash {
            Some(h) if offline => h,
            _ => self.rpc.get_latest_blockhash().map_err(|e| anyhow!(explain_client_error(&e)))?,
        };
        if offline {
            tx.message.recent_blockhash = blockhash;
            if self.tx.sign_only {
                tx.try_partial_sign(&signers, blockhash).map_err(|e| anyhow!("signing failed: {e}"))?;
            }
            return Err(anyhow!(Unsent(self.offline_report(&tx, &missing, limit)?)));
        }
        tx.try_sign(&signers, blockhash).map_err(|e| anyhow!("signing failed: {e}"))?;
        let sig = output::with_spinner(self.format, "sending transaction…", || {
            self.rpc.send_and_confirm_transaction(&tx)
        })
        .map_err(|e| anyhow!(user_visible(explain_client_error(&e), n_budget)))?;
        let events = super::tx_events::transaction_events(&self.rpc, &sig)?;
        Ok(Sent { signature: sig.to_string(), events })
    }

    fn dry_run_report(&self, units: u64, events: &[Vec<u8>]) -> Result<Report> {
        let names = events.iter().filter_map(|e| autofactor_client::decode::event_name(e));
        let r = DryRun {
            command: self.command.clone(),
            dry_run: true,
            units_consumed: units,
            events: Names(names.map(str::to_string).collect()),
        };
        results::report(&r)
    }

    fn offline_report(&self, tx: &Transaction, missing: &[Pubkey], limit: u32) -> Result<Report> {
        use base64::Engine as _;
        let message = tx.message.serialize();
        let signers = tx
            .message
            .account_keys
            .iter()
            .zip(&tx.signatures)
            .filter(|(_, s)| **s != solana_sdk::signature::Signature::default())
            .map(|(k, s)| OfflineSigner { pubkey: Addr(*k), signature: s.to_string() })
            .collect();
        let r = Offline {
            command: self.command.clone(),
            sign_only: self.tx.sign_only,
            blockhash: tx.message.recent_blockhash.to_string(),
            fee_payer: Addr(tx.message.account_keys[0]),
            compute_unit_limit: limit,
            signers: Json(signers),
            absent_signers: Names(missing.iter().map(|k| k.to_string()).collect()),
            message_base64: base64::engine::general_purpose::STANDARD.encode(&message),
            message_base58: bs58::encode(&message).into_string(),
        };
        results::report(&r)
    }

    /// The result of a sent transaction: the command, its signature and
    /// explorer link, then `details`.
    pub fn tx_result<D: Serialize + Rows>(&self, sent: &Sent, details: D) -> Result<Report> {
        results::report(&TxResult {
            command: self.command.clone(),
            signature: sent.signature.clone(),
            explorer: config::explorer_tx(&self.url, &sent.signature),
            details,
        })
    }

    /// Builds, sends and reports a transaction of the signer alone.
    pub fn send_simple<D: Serialize + Rows>(
        &self,
        ixs: impl FnOnce(&Pubkey) -> Vec<Instruction>,
        details: D,
    ) -> Result<Report> {
        let s = self.signer()?;
        let sent = self.send(&s, ixs(&s.pubkey()), &[])?;
        self.tx_result(&sent, details)
    }
}

crate::result! {
    /// `--dry-run`: the simulation's compute units and event names.
    pub struct DryRun {
        /// The command.
        command: String,
        /// Always true.
        dry_run: bool,
        /// Compute units the simulation used.
        units_consumed: u64,
        /// The program's events, in order.
        events: Names,
    }
}

crate::result! {
    /// `--sign-only` / `--dump-transaction-message`: the message and the
    /// signatures made.
    pub struct Offline {
        /// The command.
        command: String,
        /// Whether it was signed (`--sign-only`).
        sign_only: bool,
        /// The blockhash the message uses.
        blockhash: String,
        /// The fee payer.
        fee_payer: Addr,
        /// The compute-unit limit set.
        compute_unit_limit: u32,
        /// Signatures made here.
        signers: Json<Vec<OfflineSigner>>,
        /// Signers still needed.
        absent_signers: Names,
        /// The message, base64.
        message_base64: String,
        /// The message, base58.
        message_base58: String,
    }
}

/// A signature made offline.
#[derive(Debug, Serialize)]
pub struct OfflineSigner {
    pubkey: Addr,
    signature: String,
}

/// Instructions 0.. of every transaction the CLI sends are its
/// compute-budget instructions: an error names the index of the
/// user-visible instruction.
fn user_visible(mut ce: CliError, n_budget: usize) -> CliError {
    if let Some(i) = ce.instruction_index.as_mut() {
        let user_index = i.saturating_sub(n_budget as u8);
        ce.message =
            ce.message.replacen(&format!("instruction {i}:"), &format!("instruction {user_index}:"), 1);
        *i = user_index;
    }
    ce
}

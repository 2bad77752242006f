//! The chain-facing subcommands: argument definitions, the shared context
//! (RPC client, signer, output format) and dispatch.

pub mod actions;
pub mod einvoice;
pub mod views;

use crate::config;
use crate::errors::{explain_client_error, CliError};
use crate::output::{self, OutputFormat};
use anchor_lang::AccountDeserialize;
use anyhow::{anyhow, Context as _, Result};
use clap::{Args, Subcommand, ValueEnum};
use serde_json::{json, Value};
use solana_commitment_config::CommitmentConfig;
use solana_rpc_client::rpc_client::RpcClient;
use solana_sdk::instruction::Instruction;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signer};
use solana_sdk::transaction::Transaction;
use std::path::PathBuf;

/// Options every command accepts (Solana CLI conventions).
#[derive(Args, Debug, Clone)]
pub struct GlobalArgs {
    /// RPC URL or moniker (localhost/l, devnet/d, mainnet-beta/m, testnet/t)
    /// [default: json_rpc_url of the Solana CLI config, else localhost].
    #[arg(long, short = 'u', global = true, value_name = "URL_OR_MONIKER")]
    pub url: Option<String>,
    /// Signer keypair file [default: keypair_path of the Solana CLI config,
    /// else ~/.config/solana/id.json].
    #[arg(long, short = 'k', global = true, value_name = "KEYPAIR")]
    pub keypair: Option<PathBuf>,
    /// Commitment level: processed, confirmed or finalized [default: the
    /// config file's, else confirmed].
    #[arg(long, global = true, value_name = "LEVEL")]
    pub commitment: Option<String>,
    /// Solana CLI config file [default: ~/.config/solana/cli/config.yml].
    #[arg(long, short = 'C', global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Output format.
    #[arg(long, short = 'o', global = true, value_enum, default_value_t = OutputFormat::Table)]
    pub output: OutputFormat,
}

/// A tranche on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TrancheArg {
    /// Senior tranche.
    Senior,
    /// Junior tranche.
    Junior,
}

impl From<TrancheArg> for autofactor_client::state::Tranche {
    fn from(t: TrancheArg) -> Self {
        match t {
            TrancheArg::Senior => Self::Senior,
            TrancheArg::Junior => Self::Junior,
        }
    }
}

/// Parses a USDC (or share) amount with up to 6 decimals into micro-units.
pub fn parse_micro(s: &str) -> Result<u64, String> {
    let s = s.trim().replace('_', "");
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    if int.is_empty() && frac.is_empty()
        || !int.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return Err(format!("{s:?} is not a decimal amount (e.g. 1000 or 1000.25)"));
    }
    if frac.len() > 6 {
        return Err(format!("{s:?} has more than 6 decimals"));
    }
    let int: u64 = if int.is_empty() { 0 } else { int.parse().map_err(|_| format!("{s:?} is too large"))? };
    let frac: u64 = format!("{frac:0<6}").parse().map_err(|_| format!("{s:?} is not a decimal amount"))?;
    int.checked_mul(1_000_000).and_then(|v| v.checked_add(frac)).ok_or_else(|| format!("{s:?} is too large"))
}

/// Parses 32 bytes given as 64 hex digits (optionally `0x`-prefixed).
pub fn parse_hash32(s: &str) -> Result<[u8; 32], String> {
    let s = s.strip_prefix("0x").unwrap_or(s);
    let v = hex::decode(s).map_err(|e| format!("not hex: {e}"))?;
    v.try_into().map_err(|_| "expected 32 bytes (64 hex digits)".to_string())
}

/// Parses `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| format!("{s:?} is not a YYYY-MM-DD date: {e}"))
}

/// Unix time of midnight UTC of a date.
pub fn date_ts(d: chrono::NaiveDate) -> i64 {
    d.and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp()).unwrap_or_default()
}

/// Everything a chain command needs.
pub struct Ctx {
    /// Resolved RPC URL.
    pub url: String,
    /// The RPC client.
    pub rpc: RpcClient,
    /// Output format.
    pub format: OutputFormat,
    keypair_path: PathBuf,
}

impl Ctx {
    /// Resolves the global options against the Solana CLI config.
    pub fn new(g: &GlobalArgs) -> Result<Self> {
        let file = config::load_config(g.config.as_deref())?;
        let url =
            config::resolve_url(g.url.as_deref().or(file.json_rpc_url.as_deref()).unwrap_or("localhost"))?;
        let commitment = match g.commitment.as_deref().or(file.commitment.as_deref()) {
            Some(c) => config::parse_commitment(c)?,
            None => CommitmentConfig::confirmed(),
        };
        let keypair_path = match (&g.keypair, &file.keypair_path) {
            (Some(p), _) => p.clone(),
            (None, Some(p)) => config::expand_home(p),
            (None, None) => config::default_keypair_path()
                .ok_or_else(|| anyhow!("no --keypair given and HOME is not set"))?,
        };
        let rpc = RpcClient::new_with_commitment(url.clone(), commitment);
        Ok(Self { url, rpc, format: g.output, keypair_path })
    }

    /// Loads the signer keypair.
    pub fn signer(&self) -> Result<Keypair> {
        config::read_keypair(&self.keypair_path)
    }

    /// The instructions as sent: a compute-budget instruction first.
    fn with_budget(ixs: Vec<Instruction>) -> Vec<Instruction> {
        let mut all =
            vec![solana_compute_budget_interface::ComputeBudgetInstruction::set_compute_unit_limit(
                1_000_000,
            )];
        all.extend(ixs);
        all
    }

    /// Simulates the transaction `send` would send (no signature, the
    /// latest blockhash) and returns Autofactor's inner-instruction
    /// payloads (its `emit_cpi!` events), or the refusal as a [`CliError`]
    /// naming the program error. Nothing is signed or sent.
    pub fn simulate(&self, payer: &Pubkey, ixs: Vec<Instruction>) -> Result<Vec<Vec<u8>>> {
        use solana_rpc_client_api::config::RpcSimulateTransactionConfig;
        use solana_transaction_status_client_types::{UiInstruction, UiParsedInstruction};
        let tx = Transaction::new_with_payer(&Self::with_budget(ixs), Some(payer));
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
            return Err(anyhow!(user_visible(ce)));
        }
        let keys = &tx.message.account_keys;
        let program = autofactor_client::PROGRAM_ID.to_string();
        let mut out = Vec::new();
        for group in sim.inner_instructions.unwrap_or_default() {
            for ix in group.instructions {
                let data = match ix {
                    UiInstruction::Compiled(c)
                        if keys.get(c.program_id_index as usize) == Some(&autofactor_client::PROGRAM_ID) =>
                    {
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

    /// Signs (payer = `signer`, plus `extra`), sends and confirms, with a spinner.
    pub fn send(&self, signer: &Keypair, ixs: Vec<Instruction>, extra: &[&Keypair]) -> Result<String> {
        let all = Self::with_budget(ixs);
        let mut signers: Vec<&Keypair> = vec![signer];
        for k in extra {
            if !signers.iter().any(|s| s.pubkey() == k.pubkey()) {
                signers.push(k);
            }
        }
        let blockhash = self.rpc.get_latest_blockhash().map_err(|e| anyhow!(explain_client_error(&e)))?;
        let mut tx = Transaction::new_with_payer(&all, Some(&signer.pubkey()));
        let required = tx.message.header.num_required_signatures as usize;
        let missing: Vec<String> = tx.message.account_keys[..required]
            .iter()
            .filter(|k| !signers.iter().any(|s| s.pubkey() == **k))
            .map(|k| k.to_string())
            .collect();
        if !missing.is_empty() {
            return Err(anyhow!(
                "this transaction needs a signature from {} (is --keypair the right wallet for this action?)",
                missing.join(", ")
            ));
        }
        tx.try_sign(&signers, blockhash).map_err(|e| anyhow!("signing failed: {e}"))?;
        let sig = output::with_spinner(self.format, "sending transaction…", || {
            self.rpc.send_and_confirm_transaction(&tx)
        })
        .map_err(|e| anyhow!(user_visible(explain_client_error(&e))))?;
        Ok(sig.to_string())
    }

    /// The JSON result of a transaction command.
    pub fn tx_result(&self, command: &str, signature: &str, details: Value) -> Value {
        let mut v = json!({
            "command": command,
            "signature": signature,
            "explorer": config::explorer_tx(&self.url, signature),
        });
        if let (Value::Object(m), Value::Object(d)) = (&mut v, details) {
            m.extend(d);
        }
        v
    }

    /// Raw account data, or a clear "not found" error.
    pub fn data(&self, address: &Pubkey, what: &str) -> Result<Vec<u8>> {
        let acc = output::with_spinner(self.format, "fetching account…", || {
            self.rpc.get_account_with_commitment(address, self.rpc.commitment())
        })
        .map_err(|e| anyhow!(explain_client_error(&e)))?
        .value
        .ok_or_else(|| {
            anyhow!(CliError::new("account_not_found", format!("{what} {address} does not exist")))
        })?;
        Ok(acc.data)
    }

    /// A decoded Autofactor account.
    pub fn account<T: AccountDeserialize>(&self, address: &Pubkey, what: &str) -> Result<T> {
        let data = self.data(address, what)?;
        autofactor_client::decode::account::<T>(&data)
            .map_err(|e| anyhow!(CliError::new("decode_error", format!("{address} is not a {what}: {e}"))))
    }

    /// A decoded Autofactor account, `None` if it does not exist (or was
    /// closed). An RPC failure or an account that exists but is not a `T`
    /// is an error, never `None`.
    pub fn maybe_account<T: AccountDeserialize>(&self, address: &Pubkey) -> Result<Option<T>> {
        let acc = self
            .rpc
            .get_account_with_commitment(address, self.rpc.commitment())
            .map_err(|e| anyhow!(explain_client_error(&e)))?
            .value;
        decode_existing(address, acc.as_ref())
    }

    /// The token amount of an SPL Token / Token-2022 account; 0 if the
    /// account does not exist. RPC failures and non-token accounts are errors.
    pub fn token_amount(&self, address: &Pubkey) -> Result<u64> {
        let acc = self
            .rpc
            .get_account_with_commitment(address, self.rpc.commitment())
            .map_err(|e| anyhow!(explain_client_error(&e)))?
            .value;
        token_amount_of(address, acc.as_ref())
    }

    /// The chain clock (Clock sysvar `unix_timestamp`).
    pub fn chain_now(&self) -> Result<i64> {
        let data =
            self.data(&solana_sdk::sysvar::clock::ID, "clock sysvar").context("reading the chain clock")?;
        let b: [u8; 8] = data
            .get(32..40)
            .and_then(|s| s.try_into().ok())
            .ok_or_else(|| anyhow!("malformed clock sysvar"))?;
        Ok(i64::from_le_bytes(b))
    }
}

/// Chain commands (added to the top-level `autofactor` command).
#[derive(Subcommand, Debug)]
pub enum ChainCommand {
    /// Protocol admin: configuration, pause, admin transfer, USDC guard.
    #[command(subcommand)]
    Protocol(actions::ProtocolCmd),
    /// Protocol admin: identity issuers.
    #[command(subcommand)]
    Issuer(actions::IssuerCmd),
    /// Identity issuer: identity records.
    #[command(subcommand)]
    Identity(actions::IdentityCmd),
    /// Pool manager: pools, verifiers, currencies; views.
    #[command(subcommand)]
    Pool(actions::PoolCmd),
    /// Investor: deposits, withdrawals, positions.
    #[command(subcommand)]
    Investor(actions::InvestorCmd),
    /// Keeper (anyone): queue fills, invoice maturity, late marks, write-downs, settlement.
    #[command(subcommand)]
    Keeper(actions::KeeperCmd),
    /// Supplier, buyer and verifier: the invoice lifecycle; views.
    #[command(subcommand)]
    Invoice(actions::InvoiceCmd),
    /// Buyer reputation.
    #[command(subcommand)]
    Buyer(views::BuyerCmd),
    /// E-invoice files (offline).
    #[command(subcommand)]
    Einvoice(einvoice::EinvoiceCmd),
    /// Local development helpers: SOL airdrops, a USDC mint, minting.
    #[command(subcommand)]
    Dev(actions::DevCmd),
}

/// Runs a chain command, printing its result; returns the exit code.
pub fn run(global: &GlobalArgs, cmd: ChainCommand) -> std::process::ExitCode {
    let result = match cmd {
        ChainCommand::Einvoice(c) => einvoice::run(global.output, c),
        other => Ctx::new(global).and_then(|ctx| dispatch(&ctx, other)),
    };
    match result {
        Ok(v) => {
            output::print(global.output, &v);
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            let ce = match e.downcast_ref::<CliError>() {
                Some(ce) => {
                    let mut ce = ce.clone();
                    // Keep the context chain in the message.
                    ce.message = format!("{e:#}");
                    ce
                }
                None => CliError::new("error", format!("{e:#}")),
            };
            match global.output {
                OutputFormat::Json => output::print(OutputFormat::Json, &json!({ "error": ce })),
                OutputFormat::Table => {
                    eprintln!("error: {}", ce.message);
                    if !ce.logs.is_empty() {
                        eprintln!("program logs:");
                        for l in &ce.logs {
                            eprintln!("  {l}");
                        }
                    }
                }
            }
            std::process::ExitCode::FAILURE
        }
    }
}

fn dispatch(ctx: &Ctx, cmd: ChainCommand) -> Result<Value> {
    match cmd {
        ChainCommand::Protocol(c) => actions::protocol(ctx, c),
        ChainCommand::Issuer(c) => actions::issuer(ctx, c),
        ChainCommand::Identity(c) => actions::identity(ctx, c),
        ChainCommand::Pool(c) => actions::pool(ctx, c),
        ChainCommand::Investor(c) => actions::investor(ctx, c),
        ChainCommand::Keeper(c) => actions::keeper(ctx, c),
        ChainCommand::Invoice(c) => actions::invoice(ctx, c),
        ChainCommand::Buyer(c) => views::buyer(ctx, c),
        ChainCommand::Dev(c) => actions::dev(ctx, c),
        ChainCommand::Einvoice(_) => Err(anyhow!("unreachable: einvoice commands run offline")),
    }
}

/// `None` for a missing or closed account (no data, owned by the system
/// program); the decoded `T` otherwise, or an error if it is not a `T`.
pub fn decode_existing<T: AccountDeserialize>(
    address: &Pubkey,
    acc: Option<&solana_sdk::account::Account>,
) -> Result<Option<T>> {
    match acc {
        None => Ok(None),
        Some(a) if a.data.is_empty() && a.owner == anchor_lang::system_program::ID => Ok(None),
        Some(a) => autofactor_client::decode::account::<T>(&a.data).map(Some).map_err(|e| {
            anyhow!(CliError::new(
                "decode_error",
                format!(
                    "{address} is not a {}: {e}",
                    std::any::type_name::<T>().rsplit("::").next().unwrap_or("")
                ),
            ))
        }),
    }
}

/// Token amount of an optional token account (0 when it does not exist).
pub fn token_amount_of(address: &Pubkey, acc: Option<&solana_sdk::account::Account>) -> Result<u64> {
    let Some(a) = acc else { return Ok(0) };
    let is_token =
        a.owner == autofactor_client::TOKEN_PROGRAM_ID || a.owner == autofactor_client::TOKEN_2022_PROGRAM_ID;
    match a.data.get(64..72) {
        Some(b) if is_token && a.data.len() >= 165 => Ok(u64::from_le_bytes(b.try_into()?)),
        _ => Err(anyhow!(CliError::new("decode_error", format!("{address} is not a token account")))),
    }
}

/// Instruction 0 of every transaction the CLI sends is its compute-budget
/// instruction: an error names the index of the user-visible instruction.
fn user_visible(mut ce: CliError) -> CliError {
    if let Some(i) = ce.instruction_index.as_mut() {
        let user_index = i.saturating_sub(1);
        ce.message =
            ce.message.replacen(&format!("instruction {i}:"), &format!("instruction {user_index}:"), 1);
        *i = user_index;
    }
    ce
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(owner: Pubkey, data: Vec<u8>) -> solana_sdk::account::Account {
        solana_sdk::account::Account { lamports: 1, data, owner, executable: false, rent_epoch: 0 }
    }

    #[test]
    fn missing_accounts_are_none_but_wrong_ones_are_errors() {
        use autofactor_client::state::Invoice;
        let a = Pubkey::new_unique();
        assert!(decode_existing::<Invoice>(&a, None).unwrap().is_none());
        let closed = account(anchor_lang::system_program::ID, vec![]);
        assert!(decode_existing::<Invoice>(&a, Some(&closed)).unwrap().is_none());
        // A program account of another type (or garbage) is not "closed".
        let other = account(autofactor_client::PROGRAM_ID, vec![1; 200]);
        assert!(decode_existing::<Invoice>(&a, Some(&other)).is_err());
    }

    #[test]
    fn token_amounts_never_turn_errors_into_zero() {
        let a = Pubkey::new_unique();
        assert_eq!(token_amount_of(&a, None).unwrap(), 0);
        let mut data = vec![0u8; 165];
        data[64..72].copy_from_slice(&1_234_567u64.to_le_bytes());
        assert_eq!(
            token_amount_of(&a, Some(&account(autofactor_client::TOKEN_PROGRAM_ID, data.clone()))).unwrap(),
            1_234_567
        );
        assert_eq!(
            token_amount_of(&a, Some(&account(autofactor_client::TOKEN_2022_PROGRAM_ID, data.clone())))
                .unwrap(),
            1_234_567
        );
        assert!(token_amount_of(&a, Some(&account(autofactor_client::PROGRAM_ID, data))).is_err());
        assert!(
            token_amount_of(&a, Some(&account(autofactor_client::TOKEN_PROGRAM_ID, vec![0; 10]))).is_err()
        );
    }

    #[test]
    fn amounts() {
        assert_eq!(parse_micro("1000"), Ok(1_000_000_000));
        assert_eq!(parse_micro("0.25"), Ok(250_000));
        assert_eq!(parse_micro("1_000.000001"), Ok(1_000_000_001));
        assert!(parse_micro("1.0000001").is_err());
        assert!(parse_micro("-1").is_err());
        assert!(parse_micro("abc").is_err());
        assert!(parse_micro("").is_err());
    }
}

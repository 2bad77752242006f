//! Arguments shared by many commands (flattened with `#[command(flatten)]`)
//! and their value parsers.

use crate::output::OutputFormat;
use autofactor_client::state::Tranche;
use clap::{Args, ValueEnum};
use solana_commitment_config::CommitmentConfig;
use solana_sdk::pubkey::Pubkey;

/// Options every command accepts (Solana CLI conventions).
#[derive(Args, Debug, Clone)]
pub struct GlobalArgs {
    /// RPC URL or moniker (localhost/l, devnet/d, mainnet-beta/m, testnet/t)
    /// [default: json_rpc_url of the Solana CLI config, else localhost].
    #[arg(long, short = 'u', global = true, value_name = "URL_OR_MONIKER")]
    pub url: Option<String>,
    /// Signer: a keypair file, `prompt://` (a seed phrase or a JSON keypair
    /// on stdin) or `usb://ledger` (not supported in this build) [default:
    /// keypair_path of the Solana CLI config, else ~/.config/solana/id.json].
    #[arg(long, short = 'k', global = true, value_name = "SIGNER")]
    pub keypair: Option<String>,
    /// Commitment level [default: the config file's, else confirmed].
    #[arg(long, global = true, value_enum, value_name = "LEVEL")]
    pub commitment: Option<Commitment>,
    /// Solana CLI config file [default: ~/.config/solana/cli/config.yml].
    #[arg(long, short = 'C', global = true, value_name = "PATH")]
    pub config: Option<std::path::PathBuf>,
    /// Output format.
    #[arg(long, short = 'o', global = true, value_enum, default_value_t = OutputFormat::Table)]
    pub output: OutputFormat,
    #[command(flatten)]
    pub tx: TxArgs,
}

/// How transactions are paid, priced, signed and sent.
#[derive(Args, Debug, Clone, Default)]
pub struct TxArgs {
    /// Fee payer (a signer, as --keypair) [default: the --keypair signer].
    #[arg(long, global = true, value_name = "SIGNER")]
    pub fee_payer: Option<String>,
    /// Priority fee: compute-unit price in micro-lamports.
    #[arg(long, global = true, value_name = "MICRO_LAMPORTS")]
    pub with_compute_unit_price: Option<u64>,
    /// Simulate instead of sending: print the simulation's outcome (compute
    /// units, events, the program's refusal); nothing is signed or sent.
    #[arg(long, global = true)]
    pub dry_run: bool,
    /// Sign with the signers at hand and print the signatures and the
    /// message instead of sending (offline or multisig signing).
    #[arg(long, global = true)]
    pub sign_only: bool,
    /// Recent blockhash to sign with (with --sign-only or
    /// --dump-transaction-message) [default: the cluster's latest].
    #[arg(long, global = true, value_name = "BLOCKHASH")]
    pub blockhash: Option<solana_sdk::hash::Hash>,
    /// Print the unsigned transaction message (base64 and base58), e.g. for
    /// a Squads multisig proposal, instead of sending.
    #[arg(long, global = true)]
    pub dump_transaction_message: bool,
}

/// `--commitment`
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Commitment {
    /// Processed.
    Processed,
    /// Confirmed.
    Confirmed,
    /// Finalized.
    Finalized,
}

impl From<Commitment> for CommitmentConfig {
    fn from(c: Commitment) -> Self {
        match c {
            Commitment::Processed => CommitmentConfig::processed(),
            Commitment::Confirmed => CommitmentConfig::confirmed(),
            Commitment::Finalized => CommitmentConfig::finalized(),
        }
    }
}

/// `--pool`
#[derive(Args, Debug, Clone, Copy)]
pub struct PoolArg {
    /// The pool.
    #[arg(long)]
    pub pool: Pubkey,
}

/// `--invoice`
#[derive(Args, Debug, Clone, Copy)]
pub struct InvoiceArg {
    /// Invoice (its PDA or its asset).
    #[arg(long)]
    pub invoice: Pubkey,
}

/// `--pool` and `--tranche`
#[derive(Args, Debug, Clone, Copy)]
pub struct PoolTrancheArgs {
    /// The pool.
    #[arg(long)]
    pub pool: Pubkey,
    /// Tranche.
    #[arg(long, value_enum)]
    pub tranche: TrancheArg,
}

impl PoolTrancheArgs {
    /// The tranche.
    pub fn tranche(&self) -> Tranche {
        self.tranche.into()
    }
}

/// A tranche on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TrancheArg {
    /// Senior tranche.
    Senior,
    /// Junior tranche.
    Junior,
}

impl From<TrancheArg> for Tranche {
    fn from(t: TrancheArg) -> Self {
        match t {
            TrancheArg::Senior => Self::Senior,
            TrancheArg::Junior => Self::Junior,
        }
    }
}

/// A tranche's name in JSON output.
pub fn tranche_name(t: Tranche) -> String {
    format!("{t:?}").to_lowercase()
}

/// `--shares N|all`
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shares {
    /// Every share held.
    All,
    /// This many (micro-units).
    Micro(u64),
}

impl std::str::FromStr for Shares {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        if s.eq_ignore_ascii_case("all") {
            Ok(Shares::All)
        } else {
            parse_micro(s).map(Shares::Micro)
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

/// Parses a 3-letter ISO 4217 code.
pub fn parse_currency(s: &str) -> Result<[u8; 3], String> {
    autofactor_client::format::currency_code(s)
}

/// Unix time of midnight UTC of a date.
pub fn date_ts(d: chrono::NaiveDate) -> i64 {
    d.and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts() {
        assert_eq!(parse_micro("1000"), Ok(1_000_000_000));
        assert_eq!(parse_micro("0.25"), Ok(250_000));
        assert_eq!(parse_micro("1_000.000001"), Ok(1_000_000_001));
        assert!(parse_micro("1.0000001").is_err());
        assert!(parse_micro("-1").is_err());
        assert!(parse_micro("abc").is_err());
        assert!(parse_micro("").is_err());
        assert_eq!("ALL".parse(), Ok(Shares::All));
        assert_eq!("1.5".parse(), Ok(Shares::Micro(1_500_000)));
    }
}

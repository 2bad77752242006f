//! Solana CLI conventions: the config file (`~/.config/solana/cli/config.yml`),
//! URL monikers, keypair files and commitment levels.

use anyhow::{anyhow, Context as _, Result};
use solana_commitment_config::CommitmentConfig;
use solana_sdk::signature::Keypair;
use std::path::{Path, PathBuf};

/// Values read from the Solana CLI config file (only the keys we use).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SolanaConfig {
    /// `json_rpc_url`
    pub json_rpc_url: Option<String>,
    /// `keypair_path`
    pub keypair_path: Option<String>,
    /// `commitment`
    pub commitment: Option<String>,
}

/// Default location of the Solana CLI config file.
pub fn default_config_path() -> Option<PathBuf> {
    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config/solana/cli/config.yml"))
}

/// Default keypair file (`~/.config/solana/id.json`).
pub fn default_keypair_path() -> Option<PathBuf> {
    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config/solana/id.json"))
}

/// Parses the flat `key: value` YAML the Solana CLI writes.
pub fn parse_config(text: &str) -> SolanaConfig {
    let mut c = SolanaConfig::default();
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('#') || line.starts_with("---") {
            continue;
        }
        let Some((k, v)) = line.split_once(':') else { continue };
        let v = v.trim().trim_matches(|ch| ch == '"' || ch == '\'').to_string();
        if v.is_empty() {
            continue;
        }
        match k.trim() {
            "json_rpc_url" => c.json_rpc_url = Some(v),
            "keypair_path" => c.keypair_path = Some(v),
            "commitment" => c.commitment = Some(v),
            _ => {}
        }
    }
    c
}

/// Reads the config file at `path` (or the default one); a missing default
/// file is not an error, a missing explicit one is.
pub fn load_config(path: Option<&Path>) -> Result<SolanaConfig> {
    match path {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("cannot read config file {}", p.display()))?;
            Ok(parse_config(&text))
        }
        None => match default_config_path() {
            Some(p) if p.is_file() => {
                Ok(std::fs::read_to_string(&p).map(|t| parse_config(&t)).unwrap_or_default())
            }
            _ => Ok(SolanaConfig::default()),
        },
    }
}

/// Resolves a cluster moniker (`localhost`/`l`, `devnet`/`d`,
/// `mainnet-beta`/`m`, `testnet`/`t`) or checks a URL.
pub fn resolve_url(s: &str) -> Result<String> {
    let url = match s {
        "localhost" | "l" => "http://127.0.0.1:8899",
        "devnet" | "d" => "https://api.devnet.solana.com",
        "mainnet-beta" | "m" => "https://api.mainnet-beta.solana.com",
        "testnet" | "t" => "https://api.testnet.solana.com",
        other => {
            if other.starts_with("http://") || other.starts_with("https://") {
                other
            } else {
                return Err(anyhow!(
                    "invalid --url {other:?}: expected a URL (http:// or https://) or a moniker \
                     (localhost/l, devnet/d, mainnet-beta/m, testnet/t)"
                ));
            }
        }
    };
    Ok(url.to_string())
}

/// Parses a commitment level name.
pub fn parse_commitment(s: &str) -> Result<CommitmentConfig> {
    match s {
        "processed" => Ok(CommitmentConfig::processed()),
        "confirmed" => Ok(CommitmentConfig::confirmed()),
        "finalized" => Ok(CommitmentConfig::finalized()),
        other => Err(anyhow!("invalid commitment {other:?}: expected processed, confirmed or finalized")),
    }
}

/// Expands a leading `~/`.
pub fn expand_home(p: &str) -> PathBuf {
    match (p.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(p),
    }
}

/// Reads a keypair file in the Solana CLI format (JSON array of 64 bytes).
pub fn read_keypair(path: &Path) -> Result<Keypair> {
    solana_sdk::signature::read_keypair_file(path)
        .map_err(|e| anyhow!("cannot read keypair file {}: {e}", path.display()))
}

/// The explorer cluster query for an RPC URL (`?cluster=devnet`,
/// `?cluster=custom&customUrl=...` for anything else but mainnet).
pub fn explorer_query(url: &str) -> String {
    if url.contains("api.mainnet-beta.solana.com") {
        String::new()
    } else if url.contains("api.devnet.solana.com") {
        "?cluster=devnet".into()
    } else if url.contains("api.testnet.solana.com") {
        "?cluster=testnet".into()
    } else {
        format!("?cluster=custom&customUrl={}", percent_encode(url))
    }
}

/// Explorer link of a transaction signature.
pub fn explorer_tx(url: &str, signature: &str) -> String {
    format!("https://explorer.solana.com/tx/{signature}{}", explorer_query(url))
}

/// Explorer link of an address.
pub fn explorer_address(url: &str, address: &str) -> String {
    format!("https://explorer.solana.com/address/{address}{}", explorer_query(url))
}

fn percent_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_file() {
        let c = parse_config(
            "---\njson_rpc_url: \"http://127.0.0.1:8899\"\nwebsocket_url: ''\nkeypair_path: /home/u/.config/solana/id.json\naddress_labels:\n  '11111111111111111111111111111111': System Program\ncommitment: confirmed\n",
        );
        assert_eq!(c.json_rpc_url.as_deref(), Some("http://127.0.0.1:8899"));
        assert_eq!(c.keypair_path.as_deref(), Some("/home/u/.config/solana/id.json"));
        assert_eq!(c.commitment.as_deref(), Some("confirmed"));
    }

    #[test]
    fn monikers_and_links() {
        assert_eq!(resolve_url("l").unwrap(), "http://127.0.0.1:8899");
        assert_eq!(resolve_url("d").unwrap(), "https://api.devnet.solana.com");
        assert!(resolve_url("nonsense").is_err());
        assert_eq!(
            explorer_tx("http://127.0.0.1:8899", "abc"),
            "https://explorer.solana.com/tx/abc?cluster=custom&customUrl=http%3A%2F%2F127.0.0.1%3A8899"
        );
        assert_eq!(
            explorer_tx("https://api.mainnet-beta.solana.com", "x"),
            "https://explorer.solana.com/tx/x"
        );
    }
}

//! Solana CLI conventions: the config file (`~/.config/solana/cli/config.yml`),
//! URL monikers and signers (keypair files, `prompt://`).

use anyhow::{anyhow, Context as _, Result};
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
    /// `autofactor_api_url`: the origination service (indexer API) that
    /// `invoice create` uploads documents to.
    pub autofactor_api_url: Option<String>,
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
            "autofactor_api_url" => c.autofactor_api_url = Some(v),
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

/// Expands a leading `~/`.
pub fn expand_home(p: &str) -> PathBuf {
    match (p.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(p),
    }
}

/// Loads a signer given as on the Solana CLI: a keypair file (a path or
/// `file://PATH`), `prompt://` or `ASK` (a seed phrase, then an optional
/// passphrase line, or a JSON keypair, read from stdin), or `usb://…` (a
/// hardware wallet: refused with a clear error, as this build has no
/// hardware-wallet support).
pub fn read_signer(uri: &str) -> Result<Keypair> {
    read_signer_from(uri, &mut std::io::stdin().lock())
}

/// [`read_signer`] with `prompt://` reading from `input`.
pub fn read_signer_from(uri: &str, input: &mut dyn std::io::BufRead) -> Result<Keypair> {
    if uri.starts_with("usb://") {
        return Err(anyhow!(
            "{uri}: hardware wallets are not supported in this build of autofactor; use a keypair \
             file or prompt://, or --sign-only / --dump-transaction-message and sign elsewhere"
        ));
    }
    if uri == "ASK" || uri.starts_with("prompt://") {
        if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
            eprintln!(
                "{uri}: enter the seed phrase (or the JSON keypair), then the passphrase (or an empty line):"
            );
        }
        let mut first = String::new();
        input.read_line(&mut first).context("reading the seed phrase from stdin")?;
        let first = first.trim();
        if first.starts_with('[') {
            let bytes: Vec<u8> = serde_json::from_str(first).context("stdin: not a JSON keypair")?;
            return Keypair::try_from(&bytes[..]).map_err(|e| anyhow!("stdin: not a keypair: {e}"));
        }
        if first.split_whitespace().count() < 12 {
            return Err(anyhow!(
                "{uri}: expected a seed phrase of 12 or more words (or a JSON keypair) on stdin"
            ));
        }
        let mut passphrase = String::new();
        input.read_line(&mut passphrase).context("reading the passphrase from stdin")?;
        let phrase = first.split_whitespace().collect::<Vec<_>>().join(" ");
        return solana_sdk::signer::keypair::keypair_from_seed_phrase_and_passphrase(
            &phrase,
            passphrase.trim_end_matches(['\r', '\n']),
        )
        .map_err(|e| anyhow!("{uri}: invalid seed phrase: {e}"));
    }
    let path = uri.strip_prefix("file://").unwrap_or(uri);
    if let Some((scheme, _)) = path.split_once("://") {
        return Err(anyhow!(
            "unsupported signer {uri:?} ({scheme}://): give a keypair file, prompt:// or ASK"
        ));
    }
    let path = expand_home(path);
    solana_sdk::signature::read_keypair_file(&path)
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

    #[test]
    fn signer_uris() {
        use solana_sdk::signature::Signer;
        let kp = Keypair::new();
        let json = format!("{:?}\n", kp.to_bytes().to_vec());
        let got = read_signer_from("prompt://", &mut json.as_bytes()).unwrap();
        assert_eq!(got.pubkey(), kp.pubkey());
        let phrase =
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
        let expected =
            solana_sdk::signer::keypair::keypair_from_seed_phrase_and_passphrase(phrase, "pw").unwrap();
        let input = format!("{phrase}\npw\n");
        assert_eq!(read_signer_from("ASK", &mut input.as_bytes()).unwrap().pubkey(), expected.pubkey());
        let e = read_signer_from("usb://ledger", &mut &b""[..]).unwrap_err().to_string();
        assert!(e.contains("not supported in this build"), "{e}");
        assert!(read_signer_from("prompt://", &mut &b"two words\n"[..]).is_err());
        assert!(read_signer_from("s3://bucket/key", &mut &b""[..]).is_err());
        let file = std::env::temp_dir().join(format!("af-signer-{}.json", std::process::id()));
        solana_sdk::signature::write_keypair_file(&kp, &file).unwrap();
        let uri = format!("file://{}", file.display());
        assert_eq!(read_signer_from(&uri, &mut &b""[..]).unwrap().pubkey(), kp.pubkey());
        let _ = std::fs::remove_file(file);
    }
}

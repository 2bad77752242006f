//! Keypair files in the Solana CLI format (a JSON array of the 64 secret +
//! public key bytes), readable by `solana`, `solana-keygen`, Anchor and
//! `Keypair.fromSecretKey` in web3.js.

use anyhow::Context as _;
use solana_sdk::signature::Keypair;
use std::path::Path;

/// Writes `keypair` to `path` (created with mode 0600 on Unix).
pub fn write(path: &Path, keypair: &Keypair) -> anyhow::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    solana_sdk::signature::write_keypair_file(keypair, path)
        .map_err(|e| anyhow::anyhow!("{e}"))
        .with_context(|| format!("cannot write keypair file {}", path.display()))?;
    Ok(())
}

/// Reads a keypair file.
pub fn read(path: &Path) -> anyhow::Result<Keypair> {
    solana_sdk::signature::read_keypair_file(path)
        .map_err(|e| anyhow::anyhow!("{e}"))
        .with_context(|| format!("cannot read keypair file {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use solana_sdk::signature::Signer;

    #[test]
    fn round_trip_in_cli_format() {
        let dir = std::env::temp_dir().join(format!("af-keys-test-{}", std::process::id()));
        let path = dir.join("k.json");
        let kp = Keypair::new();
        write(&path, &kp).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let bytes: Vec<u8> = serde_json::from_str(&text).unwrap();
        assert_eq!(bytes, kp.to_bytes().to_vec());
        assert_eq!(read(&path).unwrap().pubkey(), kp.pubkey());
        std::fs::remove_dir_all(dir).unwrap();
    }
}

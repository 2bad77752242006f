//! The ledger snapshot: every persisted account, written atomically (temp
//! file + fsync + rename) and verified on load (length and SHA-256).
//!
//! Format (all integers little-endian):
//!
//! ```text
//! magic      8 bytes   "AFLEDGER"
//! version    u32       1
//! count      u64       number of accounts
//! length     u64       byte length of the payload
//! payload    `count` records:
//!              address    32 bytes
//!              lamports   u64
//!              owner      32 bytes
//!              executable u8 (0 or 1)
//!              rent_epoch u64
//!              data_len   u64
//!              data       data_len bytes
//! checksum   32 bytes  SHA-256 of the payload
//! ```
//!
//! A file whose length, checksum or records do not add up is refused with an
//! error naming the problem; it is never used partially.

use anyhow::{bail, Context as _};
use sha2::{Digest, Sha256};
use solana_sdk::account::Account;
use solana_sdk::pubkey::Pubkey;
use std::path::Path;

/// File name of the snapshot inside the ledger directory.
pub const FILE_NAME: &str = "accounts.snapshot";
/// First eight bytes of every snapshot.
pub const MAGIC: &[u8; 8] = b"AFLEDGER";
/// Current format version.
pub const VERSION: u32 = 1;

const HEADER_LEN: usize = 8 + 4 + 8 + 8;
const CHECKSUM_LEN: usize = 32;

/// Serializes `accounts` in the snapshot format.
pub fn encode(accounts: &[(Pubkey, Account)]) -> Vec<u8> {
    let mut payload = Vec::new();
    for (key, a) in accounts {
        payload.extend_from_slice(key.as_ref());
        payload.extend_from_slice(&a.lamports.to_le_bytes());
        payload.extend_from_slice(a.owner.as_ref());
        payload.push(a.executable as u8);
        payload.extend_from_slice(&a.rent_epoch.to_le_bytes());
        payload.extend_from_slice(&(a.data.len() as u64).to_le_bytes());
        payload.extend_from_slice(&a.data);
    }
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len() + CHECKSUM_LEN);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(accounts.len() as u64).to_le_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&payload);
    out.extend_from_slice(&Sha256::digest(&payload));
    out
}

/// A little reader over the payload that fails instead of panicking.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> anyhow::Result<&'a [u8]> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        let Some(end) = end else { bail!("record truncated at byte {}", self.pos) };
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn u64(&mut self) -> anyhow::Result<u64> {
        let mut b = [0u8; 8];
        b.copy_from_slice(self.take(8)?);
        Ok(u64::from_le_bytes(b))
    }
    fn pubkey(&mut self) -> anyhow::Result<Pubkey> {
        let mut b = [0u8; 32];
        b.copy_from_slice(self.take(32)?);
        Ok(Pubkey::new_from_array(b))
    }
}

/// Parses and verifies a snapshot.
pub fn decode(bytes: &[u8]) -> anyhow::Result<Vec<(Pubkey, Account)>> {
    if bytes.len() < HEADER_LEN + CHECKSUM_LEN {
        bail!("file is {} bytes, shorter than the {}-byte header", bytes.len(), HEADER_LEN + CHECKSUM_LEN);
    }
    if &bytes[..8] != MAGIC {
        bail!("not an Autofactor localnet snapshot (bad magic)");
    }
    let version = u32::from_le_bytes(bytes[8..12].try_into().unwrap_or_default());
    if version != VERSION {
        bail!("unsupported snapshot version {version} (this build reads version {VERSION})");
    }
    let count = u64::from_le_bytes(bytes[12..20].try_into().unwrap_or_default());
    let length = u64::from_le_bytes(bytes[20..28].try_into().unwrap_or_default());
    let expected = (HEADER_LEN as u64).checked_add(length).and_then(|n| n.checked_add(CHECKSUM_LEN as u64));
    if expected != Some(bytes.len() as u64) {
        bail!(
            "length mismatch: header announces a {length}-byte payload but the file is {} bytes \
             (partial or truncated write?)",
            bytes.len()
        );
    }
    let payload = &bytes[HEADER_LEN..HEADER_LEN + length as usize];
    let checksum = &bytes[HEADER_LEN + length as usize..];
    if Sha256::digest(payload).as_slice() != checksum {
        bail!("checksum mismatch: the payload is corrupt");
    }
    let mut r = Reader { bytes: payload, pos: 0 };
    let mut out = Vec::with_capacity(count.min(1 << 20) as usize);
    for i in 0..count {
        let parse = |r: &mut Reader| -> anyhow::Result<(Pubkey, Account)> {
            let key = r.pubkey()?;
            let lamports = r.u64()?;
            let owner = r.pubkey()?;
            let executable = match r.take(1)?[0] {
                0 => false,
                1 => true,
                b => bail!("bad executable flag {b}"),
            };
            let rent_epoch = r.u64()?;
            let len = r.u64()?;
            let data = r.take(usize::try_from(len).context("data length overflows")?)?.to_vec();
            Ok((key, Account { lamports, data, owner, executable, rent_epoch }))
        };
        out.push(parse(&mut r).with_context(|| format!("account record {i}"))?);
    }
    if r.pos != payload.len() {
        bail!("{} trailing bytes after {count} records", payload.len() - r.pos);
    }
    Ok(out)
}

/// Loads the snapshot at `path`: `Ok(None)` when there is no file,
/// an error when it exists but is unreadable, partial or corrupt.
pub fn load(path: &Path) -> anyhow::Result<Option<Vec<(Pubkey, Account)>>> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("cannot read snapshot {}", path.display())),
    };
    decode(&bytes)
        .with_context(|| {
            format!(
                "snapshot {} is corrupt or incomplete; move it away to start from an empty \
                 ledger",
                path.display()
            )
        })
        .map(Some)
}

/// Writes the snapshot atomically.
pub fn save(path: &Path, accounts: &[(Pubkey, Account)]) -> anyhow::Result<()> {
    crate::write_atomically(path, &encode(accounts))
        .with_context(|| format!("cannot write snapshot {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<(Pubkey, Account)> {
        (0..5u8)
            .map(|i| {
                (
                    Pubkey::new_unique(),
                    Account {
                        lamports: 1_000 + i as u64,
                        data: vec![i; i as usize * 10],
                        owner: Pubkey::new_unique(),
                        executable: i == 3,
                        rent_epoch: u64::MAX,
                    },
                )
            })
            .collect()
    }

    #[test]
    fn round_trip() {
        let accounts = sample();
        assert_eq!(decode(&encode(&accounts)).unwrap(), accounts);
        assert_eq!(decode(&encode(&[])).unwrap(), vec![]);
    }

    #[test]
    fn truncated_file_is_refused() {
        let bytes = encode(&sample());
        for cut in [0, 10, HEADER_LEN, bytes.len() / 2, bytes.len() - 1] {
            let err = decode(&bytes[..cut]).unwrap_err().to_string();
            assert!(err.contains("length") || err.contains("shorter"), "{cut}: {err}");
        }
    }

    #[test]
    fn flipped_byte_is_refused() {
        let bytes = encode(&sample());
        for pos in [HEADER_LEN, HEADER_LEN + 40, bytes.len() - 40, bytes.len() - 1] {
            let mut b = bytes.clone();
            b[pos] ^= 0x5a;
            let err = decode(&b).unwrap_err().to_string();
            assert!(err.contains("checksum"), "{pos}: {err}");
        }
        let mut b = bytes.clone();
        b[0] = b'X';
        assert!(decode(&b).unwrap_err().to_string().contains("magic"));
    }

    #[test]
    fn save_and_load_atomically() {
        let dir = std::env::temp_dir().join(format!("af-snapshot-test-{}", std::process::id()));
        let path = dir.join(FILE_NAME);
        assert!(load(&path).unwrap().is_none());
        let accounts = sample();
        save(&path, &accounts).unwrap();
        assert_eq!(load(&path).unwrap().unwrap(), accounts);
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 1, "{names:?}");
        // A partial write (simulated) is detected.
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() - 7]).unwrap();
        let err = format!("{:#}", load(&path).unwrap_err());
        assert!(err.contains("corrupt or incomplete"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

//! Which Metaplex Core implementation an in-process chain runs: this host
//! implementation, or a real Core program binary (an SBF ELF such as the
//! one `solana program dump` writes) loaded as BPF.
//!
//! The choice is made from the environment, in this order:
//!
//! 1. `AUTOFACTOR_CORE=host` — the host implementation, even when a binary
//!    is available (CI's first test run uses it).
//! 2. `AUTOFACTOR_CORE_SO=<path>` — that binary. A missing or invalid file
//!    is an error, never a silent fall-back to the host implementation.
//! 3. `tests/fixtures/mpl_core.so` of the workspace, when it exists (same
//!    validation).
//! 4. The host implementation. With `AUTOFACTOR_CORE=real` this is an error
//!    instead: a run that must use the real program cannot quietly run
//!    without it.
//!
//! A relative `AUTOFACTOR_CORE_SO` is taken relative to the current
//! directory when the file exists there, else relative to the workspace
//! root (cargo runs every test binary in its own package directory).
//!
//! [`select_with`] is the same decision without the environment, for tests.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Environment variable naming a Core program binary to load.
pub const CORE_SO_ENV: &str = "AUTOFACTOR_CORE_SO";
/// Environment variable forcing the implementation: `host` or `real`.
pub const CORE_ENV: &str = "AUTOFACTOR_CORE";
/// The binary the workspace picks up without any setting (relative to the
/// workspace root; not committed).
pub const FIXTURE_RELATIVE_PATH: &str = "tests/fixtures/mpl_core.so";

/// The workspace root (the directory of the top-level `Cargo.toml`).
pub fn workspace_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..");
    root.canonicalize().unwrap_or(root)
}

/// `tests/fixtures/mpl_core.so` of the workspace.
pub fn default_fixture() -> PathBuf {
    workspace_root().join(FIXTURE_RELATIVE_PATH)
}

/// Which setting chose a real binary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinarySource {
    /// `AUTOFACTOR_CORE_SO`.
    EnvVar,
    /// `tests/fixtures/mpl_core.so`.
    Fixture,
}

impl fmt::Display for BinarySource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BinarySource::EnvVar => write!(f, "{CORE_SO_ENV}"),
            BinarySource::Fixture => write!(f, "{FIXTURE_RELATIVE_PATH}"),
        }
    }
}

/// Why the host implementation runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostReason {
    /// `AUTOFACTOR_CORE=host`.
    Forced,
    /// No binary configured and no `tests/fixtures/mpl_core.so`.
    NoBinary,
}

/// A validated real Core program binary.
#[derive(Clone)]
pub struct RealCore {
    /// Where it was read from.
    pub path: PathBuf,
    /// Which setting chose it.
    pub source: BinarySource,
    elf: Arc<Vec<u8>>,
}

impl fmt::Debug for RealCore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RealCore")
            .field("path", &self.path)
            .field("source", &self.source)
            .field("len", &self.elf.len())
            .finish()
    }
}

impl RealCore {
    /// Reads and validates the binary at `path`.
    pub fn load(path: &Path, source: BinarySource) -> Result<Self, CoreBinaryError> {
        let error = |reason: String| CoreBinaryError { path: path.to_path_buf(), source, reason };
        let elf = std::fs::read(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => error("file not found".to_owned()),
            _ => error(format!("cannot read it: {e}")),
        })?;
        validate_program(&elf).map_err(error)?;
        Ok(Self { path: path.to_path_buf(), source, elf: Arc::new(elf) })
    }

    /// The ELF bytes.
    pub fn elf(&self) -> &[u8] {
        &self.elf
    }

    /// The executable program account to put at the Core program id: what
    /// `solana-program-test`'s `add_program` writes for a BPF program (owner
    /// the BPF loader, the ELF as data, rent-exempt).
    pub fn program_account(&self) -> solana_account::Account {
        solana_account::Account {
            lamports: solana_program::rent::Rent::default().minimum_balance(self.elf.len()).max(1),
            data: self.elf.to_vec(),
            owner: solana_program::bpf_loader::id(),
            executable: true,
            rent_epoch: 0,
        }
    }
}

/// The Metaplex Core implementation to run.
#[derive(Clone, Debug)]
pub enum CoreBackend {
    /// The real program binary, loaded as BPF.
    RealBinary(RealCore),
    /// This crate, registered as a native builtin.
    HostImplementation(HostReason),
}

impl CoreBackend {
    /// Whether the real binary runs.
    pub fn is_real(&self) -> bool {
        matches!(self, CoreBackend::RealBinary(_))
    }
}

impl fmt::Display for CoreBackend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CoreBackend::RealBinary(core) => write!(
                f,
                "real Metaplex Core program (BPF) from {} ({}, {} bytes)",
                core.path.display(),
                core.source,
                core.elf.len()
            ),
            CoreBackend::HostImplementation(HostReason::NoBinary) => {
                write!(f, "host implementation of Metaplex Core (crates/dev/core-host)")
            }
            CoreBackend::HostImplementation(HostReason::Forced) => {
                write!(f, "host implementation of Metaplex Core (crates/dev/core-host; {CORE_ENV}=host)")
            }
        }
    }
}

/// A configured Core binary that cannot be used, or a contradictory setting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CoreBinaryError {
    /// The file (or, for a bad setting, the empty path).
    pub path: PathBuf,
    /// Which setting pointed at it.
    pub source: BinarySource,
    /// What is wrong.
    pub reason: String,
}

impl fmt::Display for CoreBinaryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.as_os_str().is_empty() {
            write!(f, "Metaplex Core binary: {}", self.reason)
        } else {
            write!(
                f,
                "Metaplex Core binary {} (from {}) cannot be used: {}",
                self.path.display(),
                self.source,
                self.reason
            )
        }
    }
}

impl std::error::Error for CoreBinaryError {}

/// The implementation chosen by the environment (see the module docs).
pub fn select() -> Result<CoreBackend, CoreBinaryError> {
    let core = std::env::var(CORE_ENV).ok();
    let core_so = std::env::var_os(CORE_SO_ENV).map(PathBuf::from);
    select_with(core.as_deref(), core_so.as_deref(), &default_fixture())
}

/// [`select`] with the settings given: `core` is `AUTOFACTOR_CORE`,
/// `core_so` is `AUTOFACTOR_CORE_SO` (empty counts as unset) and `fixture`
/// is the file looked for when no binary is configured.
pub fn select_with(
    core: Option<&str>,
    core_so: Option<&Path>,
    fixture: &Path,
) -> Result<CoreBackend, CoreBinaryError> {
    let setting_error =
        |reason: String| CoreBinaryError { path: PathBuf::new(), source: BinarySource::EnvVar, reason };
    let require_real = match core.map(str::trim) {
        None | Some("") => false,
        Some("host") => return Ok(CoreBackend::HostImplementation(HostReason::Forced)),
        Some("real") => true,
        Some(other) => {
            return Err(setting_error(format!("{CORE_ENV}={other:?} is not understood (use host or real)")))
        }
    };
    if let Some(path) = core_so.filter(|p| !p.as_os_str().is_empty()) {
        return RealCore::load(&resolve(path), BinarySource::EnvVar).map(CoreBackend::RealBinary);
    }
    if fixture.exists() {
        return RealCore::load(fixture, BinarySource::Fixture).map(CoreBackend::RealBinary);
    }
    if require_real {
        return Err(setting_error(format!(
            "{CORE_ENV}=real but no binary: set {CORE_SO_ENV}=<path> or put it at {}",
            fixture.display()
        )));
    }
    Ok(CoreBackend::HostImplementation(HostReason::NoBinary))
}

/// A relative path: in the current directory if it exists there, else
/// under the workspace root.
fn resolve(path: &Path) -> PathBuf {
    let found =
        if path.is_absolute() || path.exists() { path.to_path_buf() } else { workspace_root().join(path) };
    match found.canonicalize() {
        Ok(canonical) => canonical,
        Err(_) => path.to_path_buf(),
    }
}

/// ELF `e_machine` of SBF programs: `EM_BPF` (what `cargo build-sbf` writes
/// for SBPF v0-v2) and `EM_SBF`.
const EM_BPF: u16 = 247;
const EM_SBF: u16 = 263;

/// Checks that `elf` is a loadable SBF program: a 64-bit little-endian ELF
/// shared object for BPF/SBF that the SBF virtual machine's loader parses
/// (the runtime's own check at deployment, minus syscall resolution).
pub fn validate_program(elf: &[u8]) -> Result<(), String> {
    if !elf.starts_with(b"\x7fELF") {
        let start = &elf[..elf.len().min(4)];
        return Err(format!("not an ELF file (it starts with {start:02x?}, not 7f 45 4c 46)"));
    }
    if elf.len() < 64 {
        return Err(format!("{} bytes is too short for an ELF file", elf.len()));
    }
    if elf[4] != 2 || elf[5] != 1 {
        return Err("not a 64-bit little-endian ELF file".to_owned());
    }
    let e_type = u16::from_le_bytes([elf[16], elf[17]]);
    let e_machine = u16::from_le_bytes([elf[18], elf[19]]);
    if e_machine != EM_BPF && e_machine != EM_SBF {
        return Err(format!("not an SBF program (ELF machine {e_machine}, expected {EM_BPF} or {EM_SBF})"));
    }
    if e_type != 3 {
        return Err(format!("not an ELF shared object (ELF type {e_type}, expected 3)"));
    }
    let loader = Arc::new(solana_sbpf::program::BuiltinProgram::<ParseOnly>::new_loader(Default::default()));
    solana_sbpf::elf::Executable::<ParseOnly>::load(elf, loader)
        .map(|_| ())
        .map_err(|e| format!("the SBF loader rejects it: {e}"))
}

/// Context object for parsing only (nothing executes).
struct ParseOnly;

impl solana_sbpf::vm::ContextObject for ParseOnly {
    fn consume(&mut self, _amount: u64) {}

    fn get_remaining(&self) -> u64 {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
        let path = std::env::temp_dir().join(format!("core-host-backend-{}-{name}", std::process::id()));
        std::fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn no_setting_and_no_fixture_is_the_host_implementation() {
        let missing = Path::new("/nonexistent/mpl_core.so");
        let backend = select_with(None, None, missing).unwrap();
        assert!(matches!(backend, CoreBackend::HostImplementation(HostReason::NoBinary)));
        let backend = select_with(Some(""), Some(Path::new("")), missing).unwrap();
        assert!(matches!(backend, CoreBackend::HostImplementation(HostReason::NoBinary)));
    }

    #[test]
    fn host_wins_over_everything() {
        let bogus = temp_file("host-wins.so", b"not a program");
        let backend = select_with(Some("host"), Some(&bogus), &bogus).unwrap();
        assert!(matches!(backend, CoreBackend::HostImplementation(HostReason::Forced)));
        assert_eq!(
            backend.to_string(),
            "host implementation of Metaplex Core (crates/dev/core-host; AUTOFACTOR_CORE=host)"
        );
    }

    #[test]
    fn missing_configured_binary_is_an_error_not_a_fallback() {
        let missing = Path::new("/nonexistent/dir/core.so");
        let err = select_with(None, Some(missing), Path::new("/nonexistent/mpl_core.so")).unwrap_err();
        assert_eq!(
            err,
            CoreBinaryError {
                path: missing.to_path_buf(),
                source: BinarySource::EnvVar,
                reason: "file not found".to_owned()
            }
        );
        assert_eq!(
            err.to_string(),
            "Metaplex Core binary /nonexistent/dir/core.so (from AUTOFACTOR_CORE_SO) cannot be used: \
             file not found"
        );
    }

    #[test]
    fn invalid_files_are_rejected_with_the_reason() {
        let text = temp_file("text.so", b"#!/bin/sh\necho this is not a program, it is far too short\n");
        let err = select_with(None, Some(&text), Path::new("/nonexistent")).unwrap_err();
        assert_eq!(err.reason, "not an ELF file (it starts with [23, 21, 2f, 62], not 7f 45 4c 46)");

        let short = temp_file("short.so", b"\x7fELF");
        let err = select_with(None, None, &short).unwrap_err();
        assert_eq!(err.source, BinarySource::Fixture);
        assert_eq!(err.reason, "4 bytes is too short for an ELF file");

        // A 64-bit x86-64 executable header.
        let mut x86 = vec![0u8; 128];
        x86[..4].copy_from_slice(b"\x7fELF");
        x86[4] = 2;
        x86[5] = 1;
        x86[16] = 2;
        x86[18] = 62;
        assert_eq!(
            validate_program(&x86).unwrap_err(),
            "not an SBF program (ELF machine 62, expected 247 or 263)"
        );
        x86[18] = 247;
        assert_eq!(validate_program(&x86).unwrap_err(), "not an ELF shared object (ELF type 2, expected 3)");
        // Right header, no sections: the loader refuses it.
        x86[16] = 3;
        let reason = validate_program(&x86).unwrap_err();
        assert!(reason.starts_with("the SBF loader rejects it: "), "{reason}");
        x86[4] = 1;
        assert_eq!(validate_program(&x86).unwrap_err(), "not a 64-bit little-endian ELF file");
    }

    #[test]
    fn unknown_core_setting_and_real_without_binary_are_errors() {
        let missing = Path::new("/nonexistent/mpl_core.so");
        let err = select_with(Some("bpf"), None, missing).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Metaplex Core binary: AUTOFACTOR_CORE=\"bpf\" is not understood (use host or real)"
        );
        let err = select_with(Some("real"), None, missing).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Metaplex Core binary: AUTOFACTOR_CORE=real but no binary: set AUTOFACTOR_CORE_SO=<path> or put \
             it at /nonexistent/mpl_core.so"
        );
    }
}

//! The in-process chain shared by the integration tests and the local
//! chain: a `solana-program-test` bank with Autofactor registered as a
//! native builtin (its Anchor `entry`), Metaplex Core (a real program binary
//! loaded as BPF when one is configured, otherwise the host implementation
//! in `crates/dev/core-host`; see [`core_backend`]), and the real SPL Token,
//! Token-2022 and Associated Token Account programs that program-test
//! embeds as BPF.

use anchor_lang::prelude::{AccountInfo, Pubkey};
use anchor_lang::solana_program::entrypoint::ProgramResult;
use solana_program_test::{processor, ProgramTest};
use std::path::PathBuf;
use std::sync::OnceLock;

pub use core_host::backend::{
    BinarySource, CoreBackend, CoreBinaryError, HostReason, RealCore, CORE_ENV, CORE_SO_ENV,
};

/// Directory of BPF fixtures: `tests/fixtures` of the workspace.
pub fn fixtures_dir() -> PathBuf {
    core_host::backend::workspace_root().join("tests/fixtures")
}

/// The Core implementation [`program_test`] loads, chosen once per process
/// by [`core_host::backend::select`]: `AUTOFACTOR_CORE=host` forces the host
/// implementation; otherwise `AUTOFACTOR_CORE_SO=<path>`, else
/// `tests/fixtures/mpl_core.so` when present, is loaded as BPF (validated
/// first); otherwise the host implementation runs (`AUTOFACTOR_CORE=real`
/// makes that an error).
pub fn try_core_backend() -> Result<CoreBackend, CoreBinaryError> {
    static SELECTED: OnceLock<Result<CoreBackend, CoreBinaryError>> = OnceLock::new();
    SELECTED.get_or_init(core_host::backend::select).clone()
}

/// [`try_core_backend`]; an unusable configuration ends the process with
/// the error (exit status 2) instead of a panic deep inside program-test.
pub fn core_backend() -> CoreBackend {
    try_core_backend().unwrap_or_else(|e| {
        eprintln!("error: {e}");
        std::process::exit(2)
    })
}

/// The Anchor entrypoint with the lifetimes `processor!` expects.
fn autofactor_entry(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> ProgramResult {
    // SAFETY: Anchor's `entry` wants `&'info [AccountInfo<'info>]`; the
    // slice and the infos outlive this call, which is all Anchor relies on.
    let accounts: &[AccountInfo] = unsafe { std::mem::transmute(accounts) };
    autofactor::entry(program_id, accounts, data)
}

/// Registers Metaplex Core under `mpl_core::ID`: the real binary as a BPF
/// program account (exactly what program-test's `add_program` does with
/// `prefer_bpf`, without going through `SBF_OUT_DIR` and a file named
/// `mpl_core.so`), or the host implementation as a native builtin.
pub fn add_core(pt: &mut ProgramTest, backend: &CoreBackend) {
    match backend {
        CoreBackend::RealBinary(core) => pt.add_account(mpl_core::ID, core.program_account()),
        CoreBackend::HostImplementation(_) => {
            pt.add_program("mpl_core", mpl_core::ID, processor!(core_host::process_instruction))
        }
    }
}

/// A `ProgramTest` with Autofactor (native builtin), Metaplex Core as
/// `backend`, and the SPL programs.
pub fn program_test_with(backend: &CoreBackend) -> ProgramTest {
    let mut pt = ProgramTest::default();
    pt.prefer_bpf(false);
    pt.add_program("autofactor", autofactor::ID, processor!(autofactor_entry));
    add_core(&mut pt, backend);
    pt
}

/// [`program_test_with`] the configured backend, or the configuration error.
pub fn try_program_test() -> Result<ProgramTest, CoreBinaryError> {
    Ok(program_test_with(&try_core_backend()?))
}

/// [`program_test_with`] the configured backend ([`core_backend`]).
pub fn program_test() -> ProgramTest {
    program_test_with(&core_backend())
}

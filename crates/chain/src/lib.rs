//! The in-process chain shared by the integration tests and the local
//! chain: a `solana-program-test` bank with Autofactor registered as a
//! native builtin (its Anchor `entry`), Metaplex Core (the real binary from
//! `tests/fixtures/mpl_core.so` when present, otherwise the host
//! implementation in `crates/core-host`), and the real SPL Token,
//! Token-2022 and Associated Token Account programs that program-test
//! embeds as BPF.

use anchor_lang::prelude::{AccountInfo, Pubkey};
use anchor_lang::solana_program::entrypoint::ProgramResult;
use solana_program_test::{processor, ProgramTest};
use std::path::PathBuf;

/// Which Metaplex Core implementation is loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoreBackend {
    /// `tests/fixtures/mpl_core.so`, the real program (BPF).
    RealBinary,
    /// `crates/core-host`, the native host implementation.
    HostImplementation,
}

impl std::fmt::Display for CoreBackend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CoreBackend::RealBinary => {
                write!(f, "real Metaplex Core binary (tests/fixtures/mpl_core.so)")
            }
            CoreBackend::HostImplementation => {
                write!(f, "host implementation of Metaplex Core (crates/core-host)")
            }
        }
    }
}

/// Directory of BPF fixtures: `tests/fixtures` of the workspace.
pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

/// The Core implementation [`program_test`] will load.
pub fn core_backend() -> CoreBackend {
    if fixtures_dir().join("mpl_core.so").exists() {
        CoreBackend::RealBinary
    } else {
        CoreBackend::HostImplementation
    }
}

/// The Anchor entrypoint with the lifetimes `processor!` expects.
fn autofactor_entry(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> ProgramResult {
    // SAFETY: Anchor's `entry` wants `&'info [AccountInfo<'info>]`; the
    // slice and the infos outlive this call, which is all Anchor relies on.
    let accounts: &[AccountInfo] = unsafe { std::mem::transmute(accounts) };
    autofactor::entry(program_id, accounts, data)
}

/// A `ProgramTest` with Autofactor, Metaplex Core and the SPL programs.
pub fn program_test() -> ProgramTest {
    let mut pt = ProgramTest::default();
    pt.prefer_bpf(false);
    pt.add_program("autofactor", autofactor::ID, processor!(autofactor_entry));
    match core_backend() {
        CoreBackend::RealBinary => {
            std::env::set_var("SBF_OUT_DIR", fixtures_dir());
            pt.add_program("mpl_core", mpl_core::ID, None);
        }
        CoreBackend::HostImplementation => {
            pt.add_program("mpl_core", mpl_core::ID, processor!(core_host::process_instruction));
        }
    }
    pt
}

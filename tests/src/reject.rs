//! Tables of rejections: each instruction's file in
//! `tests/tests/program/rejections/` lists the ways it must fail as rows —
//! a case name, the transaction, its signers and the exact error — and
//! [`Env::assert_rejections`] checks every row the way
//! [`Env::assert_failure`] checks one: exactly that error, and every
//! account the transaction referenced byte-for-byte unchanged.

use crate::Env;
use autofactor_client as client;
use solana_sdk::instruction::{Instruction, InstructionError};
use solana_sdk::signature::Keypair;

/// The error a rejected transaction must fail with.
#[derive(Clone, Debug)]
pub enum Expected {
    /// One of the program's own errors.
    Program(client::AutofactorError),
    /// Any other instruction error (an Anchor framework error, the system
    /// program refusing a second `init`, …).
    Instruction(InstructionError),
}

impl From<client::AutofactorError> for Expected {
    fn from(e: client::AutofactorError) -> Self {
        Self::Program(e)
    }
}

impl From<InstructionError> for Expected {
    fn from(e: InstructionError) -> Self {
        Self::Instruction(e)
    }
}

impl From<anchor_lang::error::ErrorCode> for Expected {
    fn from(e: anchor_lang::error::ErrorCode) -> Self {
        Self::Instruction(InstructionError::Custom(e.into()))
    }
}

impl Expected {
    fn instruction_error(&self) -> InstructionError {
        match self {
            Self::Program(e) => InstructionError::Custom(client::error_code(*e)),
            Self::Instruction(e) => e.clone(),
        }
    }
}

/// One row of a rejection table.
pub struct Reject<'a> {
    /// What the row tries (printed when it does not fail as expected).
    pub case: &'static str,
    /// The transaction's instructions.
    pub ixs: Vec<Instruction>,
    /// Its signers besides the fee payer.
    pub signers: Vec<&'a Keypair>,
    /// The exact error.
    pub expected: Expected,
}

/// A row: `case` sends `ix` signed by `signers` and must fail with `expected`.
pub fn reject<'a>(
    case: &'static str,
    ix: Instruction,
    signers: &[&'a Keypair],
    expected: impl Into<Expected>,
) -> Reject<'a> {
    Reject { case, ixs: vec![ix], signers: signers.to_vec(), expected: expected.into() }
}

impl Env {
    /// Sends every row of `table` in order against the current state and
    /// asserts each fails with exactly its error and changes nothing.
    pub async fn assert_rejections(&mut self, table: Vec<Reject<'_>>) {
        assert!(!table.is_empty(), "an empty rejection table");
        for row in table {
            eprintln!("rejection case: {}", row.case);
            self.assert_failure(&row.ixs, &row.signers, row.expected.instruction_error()).await;
        }
    }
}

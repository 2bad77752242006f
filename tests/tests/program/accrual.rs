//! Which instructions accrue the pool: the list in docs/ARCHITECTURE.md
//! ("Which instructions accrue") is checked against the instruction
//! sources, read at run time, so neither can change without the other.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The instructions that accrue the pool (`Pool::accrue`, or
/// `Pool::apply_due_risk_change` + `PoolLedger::accrue` directly), in the
/// order docs/ARCHITECTURE.md lists them.
const ACCRUING: [&str; 16] = [
    "invoice_claim_reserve",
    "invoice_close_defaulted",
    "invoice_finance",
    "invoice_mark_late",
    "invoice_mature",
    "invoice_repay",
    "invoice_settle",
    "invoice_write_down",
    "pool_collect_fees",
    "pool_refresh",
    "pool_update_config",
    "tranche_deposit",
    "tranche_withdraw",
    "withdrawal_cancel",
    "withdrawal_claim",
    "withdrawal_fill",
];

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every instruction source (`instructions/*.rs` but `mod.rs` and the
/// account groups of `shared.rs`) with its
/// code lines only (comment lines dropped).
fn instruction_sources() -> Vec<(String, String)> {
    let dir = repo_root().join("programs/autofactor/src/instructions");
    let mut out = vec![];
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("reading {}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_string();
        if path.extension().is_none_or(|x| x != "rs") || name == "mod" || name == "shared" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let code: Vec<&str> = text.lines().filter(|l| !l.trim_start().starts_with("//")).collect();
        out.push((name, code.join("\n")));
    }
    out
}

/// Calls the accrual rule: `crate::accrue_pool!` (the handlers' form) or
/// `.accrue(` directly.
fn accrues(code: &str) -> bool {
    code.contains("accrue_pool!(") || code.contains(".accrue(")
}

#[test]
fn the_instructions_that_accrue_are_the_documented_ones() {
    let sources = instruction_sources();
    assert!(sources.len() >= 40, "read {} instruction files", sources.len());
    let accruing: BTreeSet<&str> =
        sources.iter().filter(|(_, code)| accrues(code)).map(|(n, _)| n.as_str()).collect();
    let documented: BTreeSet<&str> = ACCRUING.iter().copied().collect();
    assert_eq!(documented.len(), ACCRUING.len(), "ACCRUING lists an instruction twice");
    assert_eq!(
        accruing, documented,
        "the instruction files calling the accrual rule must be exactly the documented list"
    );

    // All of them through the one rule (which applies a due risk change
    // before it accrues: `Pool::accrue`), none by hand.
    for (name, code) in sources.iter().filter(|(n, _)| documented.contains(n.as_str())) {
        assert!(code.contains("accrue_pool!("), "{name}: accrues without `accrue_pool!`");
        assert!(!code.contains("apply_due_risk_change("), "{name}: applies a risk change by hand");
    }
    // Every other instruction leaves the ledger alone (`pool_create` makes it).
    let touching_ledger: BTreeSet<&str> = sources
        .iter()
        .filter(|(n, code)| code.contains("ledger") && !documented.contains(n.as_str()))
        .map(|(n, _)| n.as_str())
        .collect();
    assert_eq!(
        touching_ledger,
        BTreeSet::from(["pool_create"]),
        "an instruction uses the ledger without accruing"
    );

    // docs/ARCHITECTURE.md states the list verbatim (line breaks aside).
    let path = repo_root().join("docs/ARCHITECTURE.md");
    let docs = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let docs = docs.split_whitespace().collect::<Vec<_>>().join(" ");
    let list = ACCRUING.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
    let sentence = format!("by exactly these instructions: {list}.");
    assert!(
        docs.contains(&sentence),
        "docs/ARCHITECTURE.md must contain, in \"Which instructions accrue\":\n{sentence}"
    );
    assert!(
        docs.contains("**Which instructions accrue.**"),
        "the section is named as the other docs cite it"
    );
}

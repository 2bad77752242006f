//! One file per instruction: the table of ways it must fail, each row
//! asserting the exact error and that every account the transaction
//! referenced is unchanged ([`Env::assert_rejections`]). Rows of one table
//! run against the same state, in order; a file holds one table per state
//! the instruction is refused in. Success paths stay with their area
//! (`invoices.rs`, `pools.rs`, …); the policy refusals of `invoice_finance`
//! are in `invoices.rs`, `credit.rs` and `fx.rs`.
//!
//! [`Env::assert_rejections`]: autofactor_tests::Env::assert_rejections

mod identity_issue;
mod identity_revoke;
mod identity_update;
mod invoice_acknowledge;
mod invoice_attest;
mod invoice_cancel;
mod invoice_create;
mod invoice_dispute;
mod invoice_mark_late;
mod invoice_mature;
mod invoice_repay;
mod invoice_settle;
mod invoice_write_down;
mod issuer_register;
mod issuer_set_active;
mod pool_collect_fees;
mod pool_create;
mod pool_refresh;
mod pool_set_paused;
mod pool_update_config;
mod pool_verifier_add;
mod pool_verifier_remove;
mod protocol_admin_accept;
mod protocol_admin_propose;
mod protocol_initialize;
mod protocol_set_paused;
mod protocol_update;
mod tranche_account_freeze;
mod tranche_account_thaw;
mod tranche_deposit;
mod tranche_withdraw;

/// Instructions whose rejections are tested where their scenario is built:
/// (instruction, the files that assert them).
const ELSEWHERE: &[(&str, &[&str])] = &[
    ("invoice_claim_reserve", &["attacks/stuck_reserve.rs"]),
    ("invoice_close_defaulted", &["attacks/stuck_reserve.rs", "attacks/parameter_changes_currency.rs"]),
    ("invoice_finance", &["invoices.rs", "credit.rs", "credit_supplier.rs", "fx.rs", "financing_cash.rs"]),
    ("pool_currency_remove", &["attacks/parameter_changes_currency.rs"]),
    ("pool_currency_set", &["fx.rs", "attacks/parameter_changes_currency.rs"]),
    ("protocol_set_usdc_guard", &["fx.rs"]),
    ("withdrawal_cancel", &["queue.rs", "attacks/queue_griefing.rs"]),
    ("withdrawal_claim", &["attacks/queue_griefing.rs"]),
    ("withdrawal_fill", &["queue.rs"]),
];

#[test]
fn every_instruction_has_its_rejections() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/program");
    let idl: serde_json::Value =
        serde_json::from_str(include_str!("../../../../idl/autofactor.json")).expect("the IDL");
    let names: Vec<&str> = idl["instructions"]
        .as_array()
        .expect("instructions")
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert!(names.len() >= 40, "parsed only {} instructions", names.len());
    for name in names {
        let own = dir.join(format!("rejections/{name}.rs"));
        if own.exists() {
            let src = std::fs::read_to_string(&own).unwrap();
            assert!(src.contains("assert_rejections"), "{} has no rejection table", own.display());
            assert!(
                !ELSEWHERE.iter().any(|(n, _)| *n == name),
                "{name} has its own file and is listed in ELSEWHERE"
            );
            continue;
        }
        let (_, files) = ELSEWHERE
            .iter()
            .find(|(n, _)| *n == name)
            .unwrap_or_else(|| panic!("{name}: no rejections/{name}.rs and not listed in ELSEWHERE"));
        for file in *files {
            let src = std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
            // A refusal of this instruction: its builder within six lines of an error assertion.
            let lines: Vec<&str> = src.lines().collect();
            let refused = lines.iter().enumerate().any(|(i, l)| {
                l.contains(&format!("ix::{name}"))
                    && lines[i.saturating_sub(6)..(i + 7).min(lines.len())].iter().any(|w| {
                        w.contains("assert_program_error") || w.contains("assert_error") || w.contains("E::")
                    })
            });
            assert!(refused, "{file} does not refuse {name}");
        }
    }
}

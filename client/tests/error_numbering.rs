//! Error numbering (issue 15): the program's error codes are append-only.
//! `AutofactorError` in programs/autofactor/src/error.rs numbers its
//! variants from 6000 in declaration order; each variant's `/// 60xx` doc
//! line must say its own code, the committed IDL must list the same codes
//! and names, and the released list (`error_codes.txt`) must be a prefix of
//! them — no code is renumbered, renamed or removed.

use autofactor_client::{error_code, AutofactorError, ERROR_CODE_OFFSET};

const ERROR_RS: &str = include_str!("../../programs/autofactor/src/error.rs");
const IDL: &str = include_str!("../../idl/autofactor.json");
const RELEASED: &str = include_str!("error_codes.txt");

/// (documented code, variant name) in declaration order.
fn declared() -> Vec<(u32, String)> {
    let mut out = vec![];
    let mut doc_code = None;
    for line in ERROR_RS.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("/// ") {
            if let Some(code) =
                rest.get(..4).and_then(|c| c.parse::<u32>().ok()).filter(|c| *c >= ERROR_CODE_OFFSET)
            {
                doc_code = Some(code);
            }
        } else if let Some(name) =
            line.strip_suffix(',').filter(|n| n.chars().all(|c| c.is_ascii_alphanumeric()))
        {
            if name.chars().next().is_some_and(|c| c.is_ascii_uppercase()) {
                out.push((
                    doc_code.take().unwrap_or_else(|| panic!("{name}: no `/// 60xx` doc line")),
                    name.to_string(),
                ));
            }
        }
    }
    out
}

#[test]
fn every_variant_documents_its_own_code() {
    let declared = declared();
    assert!(declared.len() >= 119, "parsed {} variants", declared.len());
    for (i, (code, name)) in declared.iter().enumerate() {
        assert_eq!(*code, ERROR_CODE_OFFSET + i as u32, "{name} is variant {i}");
    }
    // Spot checks against the compiled enum.
    assert_eq!(error_code(AutofactorError::MathOverflow), 6000);
    assert_eq!(error_code(AutofactorError::BuyerCreditLimitExceeded), 6118);
}

#[test]
fn the_idl_lists_the_same_codes_and_names() {
    let idl: serde_json::Value = serde_json::from_str(IDL).unwrap();
    let listed: Vec<(u32, String)> = idl["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["code"].as_u64().unwrap() as u32, e["name"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(listed, declared());
}

/// A removed error keeps its slot as `RemovedNNNN` and no instruction
/// returns it.
#[test]
fn removed_errors_keep_their_slot_and_are_never_returned() {
    let removed: Vec<(u32, String)> =
        declared().into_iter().filter(|(_, n)| n.starts_with("Removed")).collect();
    assert_eq!(removed, vec![(6040, "Removed6040".to_string()), (6086, "Removed6086".to_string())]);
    // Every program source but the enum itself, read at run time.
    fn sources(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|x| x == "rs") && !path.ends_with("error.rs") {
                out.push((path.display().to_string(), std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    let mut program = vec![];
    sources(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../programs/autofactor/src"),
        &mut program,
    );
    assert!(program.len() > 50, "read {} program sources", program.len());
    for (_, name) in removed {
        for (path, src) in &program {
            assert!(!src.contains(name.as_str()), "{name} is used in {path}");
        }
    }
}

#[test]
fn released_codes_are_never_renumbered_renamed_or_removed() {
    let released: Vec<(u32, String)> = RELEASED
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (code, name) = l.split_once(' ').unwrap();
            (code.parse().unwrap(), name.to_string())
        })
        .collect();
    let declared = declared();
    assert!(declared.len() >= released.len(), "an error was removed");
    assert_eq!(&declared[..released.len()], &released[..], "a released error code changed");
}

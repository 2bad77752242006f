//! The TypeScript type of an IDL, byte for byte as `anchor build` (Anchor
//! CLI 1.x, `idl_ts`) writes it to `target/types/<name>.ts`: the IDL with
//! every identifier-like string value converted to lowerCamelCase (except
//! values that parse as public keys), pretty-printed as a type alias.

use anchor_lang_idl::types::Idl;
use heck::{ToLowerCamelCase, ToPascalCase};
use regex::Regex;

/// Whether `s` parses as a Solana public key (`Pubkey::from_str`: at most
/// 44 base58 characters decoding to exactly 32 bytes).
fn is_pubkey(s: &str) -> bool {
    s.len() <= 44 && bs58::decode(s).into_vec().is_ok_and(|b| b.len() == 32)
}

/// The `target/types/<name>.ts` contents for `idl`.
pub fn idl_ts(idl: &Idl) -> Result<String, String> {
    let idl_name = &idl.metadata.name;
    let type_name = idl_name.to_pascal_case();
    let compact = serde_json::to_string(idl).map_err(|e| e.to_string())?;

    // Every `"key":"word"` value becomes camelCase, everywhere it occurs.
    let re = Regex::new(r#""\w+":"([\w\d]+)""#).map_err(|e| e.to_string())?;
    let camel = re.captures_iter(&compact).fold(compact.clone(), |acc, cur| {
        let name = cur.get(1).expect("capture group").as_str();
        if is_pubkey(name) {
            return acc;
        }
        let camel_name = name.to_lower_camel_case();
        acc.replace(&format!(r#""{name}""#), &format!(r#""{camel_name}""#))
    });

    let reparsed: Idl =
        serde_json::from_str(&camel).map_err(|e| format!("camelCase IDL does not parse: {e}"))?;
    let pretty = serde_json::to_string_pretty(&reparsed).map_err(|e| e.to_string())?;

    Ok(format!(
        r#"/**
 * Program IDL in camelCase format in order to be used in JS/TS.
 *
 * Note that this is only a type helper and is not the actual IDL. The original
 * IDL can be found at `target/idl/{idl_name}.json`.
 */
export type {type_name} = {pretty};
"#
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pubkeys_are_recognised() {
        assert!(is_pubkey("5daKexHb6qwzVVELGnfM4e5UqL5NS5ifgtULDVNYpK88"));
        assert!(is_pubkey("11111111111111111111111111111111"));
        assert!(!is_pubkey("tranche_deposit"));
        assert!(!is_pubkey("u64"));
    }

    #[test]
    fn committed_type_matches_committed_json() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let json = std::fs::read_to_string(root.join("idl/autofactor.json")).expect("idl/autofactor.json");
        let idl: Idl = serde_json::from_str(&json).expect("IDL parses");
        let ts = idl_ts(&idl).expect("ts");
        assert!(ts.contains("export type Autofactor = {"));
        assert!(ts.contains(r#""name": "trancheDeposit""#));
        assert!(ts.contains(r#""address": "5daKexHb6qwzVVELGnfM4e5UqL5NS5ifgtULDVNYpK88""#));
        let committed = std::fs::read_to_string(root.join("idl/autofactor.ts")).expect("idl/autofactor.ts");
        assert_eq!(committed, ts, "idl/autofactor.ts is stale: run `cargo run -p autofactor-idl`");
    }
}

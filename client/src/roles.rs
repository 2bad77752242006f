//! Identity-record roles by name.

use crate::constants::{ROLE_ALL, ROLE_BUYER, ROLE_INVESTOR, ROLE_MANAGER, ROLE_SUPPLIER, ROLE_VERIFIER};

/// Every role bit and its name.
pub const ROLES: [(u8, &str); 5] = [
    (ROLE_SUPPLIER, "supplier"),
    (ROLE_BUYER, "buyer"),
    (ROLE_INVESTOR, "investor"),
    (ROLE_VERIFIER, "verifier"),
    (ROLE_MANAGER, "manager"),
];

/// Names of the bits of a role mask.
pub fn role_names(mask: u8) -> Vec<&'static str> {
    ROLES.iter().filter(|(b, _)| mask & b != 0).map(|(_, n)| *n).collect()
}

/// A comma-separated list of role names (or `all`) as a mask.
pub fn parse_roles(s: &str) -> Result<u8, String> {
    let mut mask = 0;
    for part in s.split(',').map(|p| p.trim().to_ascii_lowercase()).filter(|p| !p.is_empty()) {
        if part == "all" {
            mask |= ROLE_ALL;
            continue;
        }
        let bit = ROLES.iter().find(|(_, n)| *n == part).map(|(b, _)| *b).ok_or_else(|| {
            format!("unknown role {part:?}: expected supplier, buyer, investor, verifier, manager or all")
        })?;
        mask |= bit;
    }
    if mask == 0 {
        return Err("no role given".into());
    }
    Ok(mask)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        let m = parse_roles("Supplier, buyer").unwrap();
        assert_eq!(role_names(m), ["supplier", "buyer"]);
        assert_eq!(role_names(parse_roles("all").unwrap()).len(), 5);
        assert!(parse_roles("king").is_err());
        assert!(parse_roles(" , ").is_err());
    }
}

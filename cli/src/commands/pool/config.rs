//! Pool parameters and policy: the config-file shape (`pool create
//! --config FILE`, shown by `pool show`), the flags that override it, and
//! the program's `PoolParams` / `PoolPolicy` they set.

use super::super::args::parse_micro;
use crate::errors::err;
use anyhow::Result;
use autofactor_client::state::{GradeTerms, PoolParams, PoolPolicy};
use clap::Args;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// `pool create --config FILE`: `{"params": {...}, "policy": {...}}`, the
/// program's own terms (serde behind its `serde` feature: unknown fields
/// refused, `min_hold_secs`, `recovery_days` and `credit` optional).
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// Parameters.
    pub params: PoolParams,
    /// Policy.
    pub policy: PoolPolicy,
}

fn parse_grade(s: &str) -> Result<(usize, GradeTerms), String> {
    let parts: Vec<&str> = s.split(':').collect();
    let usage =
        "expected LETTER:MIN_SCORE:ADVANCE_BPS:DISCOUNT_APR_BPS (e.g. A:800:10000:1200) or LETTER:off";
    let idx = match parts.first().map(|l| l.to_ascii_uppercase()) {
        Some(l) if ["A", "B", "C", "D"].contains(&l.as_str()) => (l.as_bytes()[0] - b'A') as usize,
        _ => return Err(usage.into()),
    };
    if parts.len() == 2 && parts[1] == "off" {
        return Ok((
            idx,
            GradeTerms { enabled: false, min_credit_score: 0, advance_rate_bps: 0, discount_apr_bps: 0 },
        ));
    }
    if parts.len() != 4 {
        return Err(usage.into());
    }
    let n = |s: &str| s.parse::<u16>().map_err(|_| format!("{s:?} is not a number; {usage}"));
    Ok((
        idx,
        GradeTerms {
            enabled: true,
            min_credit_score: n(parts[1])?,
            advance_rate_bps: n(parts[2])?,
            discount_apr_bps: n(parts[3])?,
        },
    ))
}

/// Pool parameters and policy: a JSON file and/or flags (flags win).
#[derive(Args, Debug, Clone, Default)]
pub struct PoolConfigArgs {
    /// JSON file `{"params": {...}, "policy": {...}}` (shape in cli/README.md).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Minimum junior value / NAV (bps).
    #[arg(long)]
    min_junior_ratio_bps: Option<u16>,
    /// Senior target APR (bps).
    #[arg(long)]
    senior_apr_bps: Option<u16>,
    /// Manager fee (bps of income).
    #[arg(long)]
    manager_fee_bps: Option<u16>,
    /// Liquidity cap (USDC).
    #[arg(long, value_parser = parse_micro)]
    liquidity_cap: Option<u64>,
    /// Largest investor holding, share of the cap (bps).
    #[arg(long)]
    max_investor_share_bps: Option<u16>,
    /// Holding period after each deposit (seconds; no redemption or share
    /// transfer before it ends; 0 disables it).
    #[arg(long)]
    min_hold_secs: Option<u32>,
    /// Risk grade terms, repeatable: LETTER:MIN_SCORE:ADVANCE_BPS:DISCOUNT_APR_BPS or LETTER:off.
    #[arg(long = "grade", value_parser = parse_grade)]
    grades: Vec<(usize, GradeTerms)>,
    /// Shortest tenor (days).
    #[arg(long)]
    min_tenor_days: Option<u16>,
    /// Longest tenor (days).
    #[arg(long)]
    max_tenor_days: Option<u16>,
    /// Largest invoice (USDC).
    #[arg(long, value_parser = parse_micro)]
    max_invoice: Option<u64>,
    /// Buyer concentration cap (bps of NAV).
    #[arg(long)]
    max_buyer_concentration_bps: Option<u16>,
    /// Supplier concentration cap (bps of NAV).
    #[arg(long)]
    max_supplier_concentration_bps: Option<u16>,
    /// Cash reserve after financing (bps of NAV).
    #[arg(long)]
    cash_reserve_bps: Option<u16>,
    /// Grace days after due date.
    #[arg(long)]
    grace_days: Option<u16>,
    /// Write-off horizon (days after due date).
    #[arg(long)]
    writeoff_days: Option<u16>,
    /// Recovery period (days after the write-off horizon before a defaulted
    /// invoice may be closed).
    #[arg(long)]
    recovery_days: Option<u16>,
}

impl PoolConfigArgs {
    /// The terms: `--config FILE` (else `base`) with the flags set over it,
    /// validated.
    pub fn apply(&self, base: ConfigFile) -> Result<ConfigFile> {
        let mut c = match &self.config {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| err("io_error", format!("cannot read {}: {e}", path.display())))?;
                serde_json::from_str::<ConfigFile>(&text)
                    .map_err(|e| err("invalid_config", format!("{}: {e}", path.display())))?
            }
            None => base,
        };
        macro_rules! set {
            ($($f:ident => $dst:expr),*) => { $(if let Some(v) = self.$f { $dst = v; })* };
        }
        set!(min_junior_ratio_bps => c.params.min_junior_ratio_bps, senior_apr_bps => c.params.senior_apr_bps,
             manager_fee_bps => c.params.manager_fee_bps, liquidity_cap => c.params.liquidity_cap_usdc,
             max_investor_share_bps => c.params.max_investor_share_bps,
             min_hold_secs => c.params.min_hold_secs, min_tenor_days => c.policy.min_tenor_days,
             max_tenor_days => c.policy.max_tenor_days, max_invoice => c.policy.max_invoice_usdc,
             max_buyer_concentration_bps => c.policy.max_buyer_concentration_bps,
             max_supplier_concentration_bps => c.policy.max_supplier_concentration_bps,
             cash_reserve_bps => c.policy.cash_reserve_bps, grace_days => c.policy.grace_days,
             writeoff_days => c.policy.writeoff_days, recovery_days => c.policy.recovery_days);
        for (i, g) in &self.grades {
            c.policy.grades[*i] = *g;
        }
        c.params.validate().map_err(|e| err("invalid_config", format!("invalid pool parameters: {e}")))?;
        c.policy.validate().map_err(|e| err("invalid_config", format!("invalid pool policy: {e}")))?;
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use autofactor_client::state::CreditPolicy;

    fn terms() -> ConfigFile {
        ConfigFile {
            params: autofactor_client::presets::pool_params(),
            policy: autofactor_client::presets::pool_policy(),
        }
    }

    /// The pool config file carries the credit policy both ways; left out,
    /// it is off.
    #[test]
    fn the_config_file_carries_the_credit_policy() {
        let mut c = terms();
        c.policy.credit = CreditPolicy {
            block_open_default: true,
            max_open_late: 2,
            limit_cap_usdc: 7,
            ..CreditPolicy::OFF
        };
        let json = serde_json::to_value(c).unwrap();
        assert_eq!(json["policy"]["credit"]["max_open_late"], 2);
        let back: ConfigFile = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(back, c);
        let mut without = json.clone();
        without["policy"].as_object_mut().unwrap().remove("credit");
        let off: ConfigFile = serde_json::from_value(without).unwrap();
        assert_eq!(off.policy.credit, CreditPolicy::OFF);
        // Any credit field left out is off.
        let mut partial = json;
        partial["policy"]["credit"] = serde_json::json!({"max_open_late": 3});
        let p: ConfigFile = serde_json::from_value(partial).unwrap();
        assert_eq!(p.policy.credit, CreditPolicy { max_open_late: 3, ..CreditPolicy::OFF });
    }

    /// The file format as cli/README.md shows it: `min_hold_secs` and
    /// `recovery_days` default, unknown fields are refused at every level.
    #[test]
    fn the_file_format_keeps_its_defaults_and_refuses_unknown_fields() {
        let mut json = serde_json::to_value(terms()).unwrap();
        json["params"].as_object_mut().unwrap().remove("min_hold_secs");
        json["policy"].as_object_mut().unwrap().remove("recovery_days");
        let c: ConfigFile = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(c.params.min_hold_secs, autofactor_client::constants::DEFAULT_MIN_HOLD_SECS);
        assert_eq!(c.policy.recovery_days, 180);
        for pointer in ["/params", "/policy", "/policy/credit", "/policy/grades/0"] {
            let mut bad = json.clone();
            bad.pointer_mut(pointer).unwrap().as_object_mut().unwrap().insert("typo_bps".into(), 1.into());
            let e = serde_json::from_value::<ConfigFile>(bad).unwrap_err().to_string();
            assert!(e.contains("unknown field `typo_bps`"), "{pointer}: {e}");
        }
    }
}

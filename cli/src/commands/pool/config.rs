//! Pool parameters and policy: the config-file shape (`pool create
//! --config FILE`, shown by `pool show`), the flags that override it, and
//! the mapping to the program's `PoolParams` / `PoolPolicy`.

use super::super::args::parse_micro;
use super::super::chain::err;
use anyhow::Result;
use autofactor_client::state::{CreditPolicy, GradeTerms, PoolParams, PoolPolicy};
use clap::Args;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::path::PathBuf;

/// Pool parameters in a config file (amounts in micro-USDC).
#[derive(Serialize, Deserialize, Debug, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct ParamsFile {
    /// See `PoolParams`.
    pub min_junior_ratio_bps: u16,
    /// See `PoolParams`.
    pub senior_apr_bps: u16,
    /// See `PoolParams`.
    pub manager_fee_bps: u16,
    /// See `PoolParams` (micro-USDC).
    pub liquidity_cap_usdc: u64,
    /// See `PoolParams`.
    pub max_investor_share_bps: u16,
    /// See `PoolParams` (seconds; the default holding period if absent).
    #[serde(default = "default_min_hold_secs")]
    pub min_hold_secs: u32,
}

fn default_min_hold_secs() -> u32 {
    autofactor_client::constants::DEFAULT_MIN_HOLD_SECS
}

/// One risk grade in a config file.
#[derive(Serialize, Deserialize, Debug, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct GradeFile {
    /// See `GradeTerms`.
    pub enabled: bool,
    /// See `GradeTerms`.
    pub min_credit_score: u16,
    /// See `GradeTerms`.
    pub advance_rate_bps: u16,
    /// See `GradeTerms`.
    pub discount_apr_bps: u16,
}

/// The financing policy in a config file (amounts in micro-USDC).
#[derive(Serialize, Deserialize, Debug, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct PolicyFile {
    /// Grades A..D.
    pub grades: [GradeFile; 4],
    /// See `PoolPolicy`.
    pub min_tenor_days: u16,
    /// See `PoolPolicy`.
    pub max_tenor_days: u16,
    /// See `PoolPolicy` (micro-USDC).
    pub max_invoice_usdc: u64,
    /// See `PoolPolicy`.
    pub max_buyer_concentration_bps: u16,
    /// See `PoolPolicy`.
    pub max_supplier_concentration_bps: u16,
    /// See `PoolPolicy`.
    pub cash_reserve_bps: u16,
    /// See `PoolPolicy`.
    pub grace_days: u16,
    /// See `PoolPolicy`.
    pub writeoff_days: u16,
    /// See `PoolPolicy`.
    #[serde(default = "default_recovery_days")]
    pub recovery_days: u16,
    /// Terms on buyers' repayment history; absent: none.
    #[serde(default)]
    pub credit: CreditFile,
}

fn default_recovery_days() -> u16 {
    180
}

/// The credit policy in a config file (see `CreditPolicy`; amounts in
/// micro-USDC). Every field defaults to the policy being off.
#[derive(Serialize, Deserialize, Debug, Clone, Copy)]
#[serde(deny_unknown_fields, default)]
pub struct CreditFile {
    /// Refuse a buyer with a defaulted invoice not recovered.
    pub block_open_default: bool,
    /// Refuse a buyer with more invoices late than this (65535: no limit).
    pub max_open_late: u16,
    /// On-time repayments that make a clean buyer Proven (0: no tier).
    pub proven_min_on_time: u16,
    /// Discount APR cut for Proven buyers.
    pub proven_discount_cut_bps: u16,
    /// Discount APR add-on for buyers on Watch.
    pub watch_discount_add_bps: u16,
    /// Credit limit before any history.
    pub limit_base_usdc: u64,
    /// Limit gained per on-time volume (bps).
    pub limit_on_time_bps: u16,
    /// Limit lost per late volume (bps).
    pub limit_late_bps: u16,
    /// Limit lost per defaulted volume (bps).
    pub limit_default_bps: u16,
    /// Lowest limit.
    pub limit_floor_usdc: u64,
    /// Highest limit (0: no credit limit).
    pub limit_cap_usdc: u64,
    /// Refuse a supplier once it has this many invoices disputed or
    /// cancelled after acknowledgement (0: never).
    pub supplier_block_at_problems: u16,
    /// Refuse a supplier whose share of such invoices is above this (bps;
    /// 0: no rate limit) …
    pub supplier_max_problem_rate_bps: u16,
    /// … once it has created this many invoices.
    pub supplier_rate_min_created: u16,
    /// Such invoices that put a supplier on Watch (0: no Watch tier).
    pub supplier_watch_min_problems: u16,
    /// Discount APR add-on for suppliers on Watch.
    pub supplier_watch_discount_add_bps: u16,
}

impl Default for CreditFile {
    fn default() -> Self {
        CreditPolicy::OFF.into()
    }
}

/// `From` both ways between a config-file struct and the program type it
/// mirrors, field by field.
macro_rules! mirror {
    ($file:ident <=> $chain:ident { $($f:ident),* $(,)? }) => {
        impl From<$chain> for $file {
            fn from(x: $chain) -> Self {
                $file { $($f: x.$f),* }
            }
        }
        impl From<$file> for $chain {
            fn from(x: $file) -> Self {
                $chain { $($f: x.$f),* }
            }
        }
    };
}

mirror!(CreditFile <=> CreditPolicy {
    block_open_default, max_open_late, proven_min_on_time, proven_discount_cut_bps, watch_discount_add_bps,
    limit_base_usdc, limit_on_time_bps, limit_late_bps, limit_default_bps, limit_floor_usdc, limit_cap_usdc,
    supplier_block_at_problems, supplier_max_problem_rate_bps, supplier_rate_min_created,
    supplier_watch_min_problems, supplier_watch_discount_add_bps,
});
mirror!(GradeFile <=> GradeTerms { enabled, min_credit_score, advance_rate_bps, discount_apr_bps });
mirror!(ParamsFile <=> PoolParams {
    min_junior_ratio_bps, senior_apr_bps, manager_fee_bps, liquidity_cap_usdc, max_investor_share_bps,
    min_hold_secs,
});

impl From<PoolPolicy> for PolicyFile {
    fn from(q: PoolPolicy) -> Self {
        PolicyFile {
            grades: q.grades.map(Into::into),
            min_tenor_days: q.min_tenor_days,
            max_tenor_days: q.max_tenor_days,
            max_invoice_usdc: q.max_invoice_usdc,
            max_buyer_concentration_bps: q.max_buyer_concentration_bps,
            max_supplier_concentration_bps: q.max_supplier_concentration_bps,
            cash_reserve_bps: q.cash_reserve_bps,
            grace_days: q.grace_days,
            writeoff_days: q.writeoff_days,
            recovery_days: q.recovery_days,
            credit: q.credit.into(),
        }
    }
}

impl From<PolicyFile> for PoolPolicy {
    fn from(q: PolicyFile) -> Self {
        PoolPolicy {
            grades: q.grades.map(Into::into),
            min_tenor_days: q.min_tenor_days,
            max_tenor_days: q.max_tenor_days,
            max_invoice_usdc: q.max_invoice_usdc,
            max_buyer_concentration_bps: q.max_buyer_concentration_bps,
            max_supplier_concentration_bps: q.max_supplier_concentration_bps,
            cash_reserve_bps: q.cash_reserve_bps,
            grace_days: q.grace_days,
            writeoff_days: q.writeoff_days,
            recovery_days: q.recovery_days,
            credit: q.credit.into(),
        }
    }
}

/// `pool create --config FILE`: `{"params": {...}, "policy": {...}}`.
#[derive(Serialize, Deserialize, Debug, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// Parameters.
    pub params: ParamsFile,
    /// Policy.
    pub policy: PolicyFile,
}

impl ConfigFile {
    /// The file form of a pool's terms.
    pub fn from_chain(p: &PoolParams, q: &PoolPolicy) -> Self {
        ConfigFile { params: (*p).into(), policy: (*q).into() }
    }

    /// The program's terms.
    pub fn to_chain(self) -> (PoolParams, PoolPolicy) {
        (self.params.into(), self.policy.into())
    }
}

/// The config-file JSON of a pool's parameters and policy.
pub fn config_file_json(p: &PoolParams, q: &PoolPolicy) -> Value {
    serde_json::to_value(ConfigFile::from_chain(p, q)).unwrap_or(Value::Null)
}

fn parse_grade(s: &str) -> Result<(usize, GradeFile), String> {
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
            GradeFile { enabled: false, min_credit_score: 0, advance_rate_bps: 0, discount_apr_bps: 0 },
        ));
    }
    if parts.len() != 4 {
        return Err(usage.into());
    }
    let n = |s: &str| s.parse::<u16>().map_err(|_| format!("{s:?} is not a number; {usage}"));
    Ok((
        idx,
        GradeFile {
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
    grades: Vec<(usize, GradeFile)>,
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
    pub fn apply(&self, base: ConfigFile) -> Result<(PoolParams, PoolPolicy)> {
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
        let (p, q) = c.to_chain();
        p.validate().map_err(|e| err("invalid_config", format!("invalid pool parameters: {e}")))?;
        q.validate().map_err(|e| err("invalid_config", format!("invalid pool policy: {e}")))?;
        Ok((p, q))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pool config file carries the credit policy both ways; left out,
    /// it is off.
    #[test]
    fn the_config_file_carries_the_credit_policy() {
        let (p, q) = (
            autofactor_client::state::PoolParams {
                min_junior_ratio_bps: 2_000,
                senior_apr_bps: 800,
                manager_fee_bps: 1_000,
                liquidity_cap_usdc: 1,
                max_investor_share_bps: 5_000,
                min_hold_secs: 0,
            },
            PoolPolicy {
                grades: [GradeTerms::default(); 4],
                min_tenor_days: 7,
                max_tenor_days: 120,
                max_invoice_usdc: 1,
                max_buyer_concentration_bps: 1,
                max_supplier_concentration_bps: 1,
                cash_reserve_bps: 0,
                grace_days: 5,
                writeoff_days: 90,
                recovery_days: 180,
                credit: CreditPolicy {
                    block_open_default: true,
                    max_open_late: 2,
                    limit_cap_usdc: 7,
                    ..CreditPolicy::OFF
                },
            },
        );
        let json = serde_json::to_value(ConfigFile::from_chain(&p, &q)).unwrap();
        assert_eq!(json["policy"]["credit"]["max_open_late"], 2);
        let back: ConfigFile = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(back.to_chain().1, q);
        let mut without = json;
        without["policy"].as_object_mut().unwrap().remove("credit");
        let off: ConfigFile = serde_json::from_value(without).unwrap();
        assert_eq!(off.to_chain().1.credit, CreditPolicy::OFF);
    }
}

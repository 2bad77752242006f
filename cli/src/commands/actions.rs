//! One subcommand per program instruction, grouped by actor, plus local
//! development helpers.

use super::einvoice::{check_entities, terms_from_file, terms_json, TermFlags};
use super::views::{self, StatusArg};
use super::{parse_date, parse_hash32, parse_micro, Ctx, TrancheArg};
use crate::errors::CliError;
use crate::output::micro;
use anchor_spl::token::spl_token;
use anyhow::{anyhow, Context as _, Result};
use autofactor_client::constants::*;
use autofactor_client::ix::{self, InvoiceKeys, NewInvoice, PoolKeys, Prices};
use autofactor_client::state::{
    CreditPolicy, CurrencyConfig, CurrencyTerms, Exposure, GradeTerms, IdentityIssuer, IdentityRecord,
    IdentityTerms, Invoice, Pool, PoolParams, PoolPolicy, ProtocolConfig, QuoteDirection, Tranche,
    WithdrawalRequest,
};
use autofactor_client::{pda, TOKEN_PROGRAM_ID};
use clap::{Args, Subcommand, ValueEnum};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signer};
use std::path::PathBuf;

fn err(code: &str, msg: impl Into<String>) -> anyhow::Error {
    anyhow!(CliError::new(code, msg))
}

// ---------------------------------------------------------------- protocol

/// `autofactor protocol ...`
#[derive(Subcommand, Debug)]
pub enum ProtocolCmd {
    /// Creates the protocol configuration; the signer becomes admin.
    Init {
        /// The USDC mint every pool must use.
        #[arg(long)]
        usdc_mint: Pubkey,
        /// Wallet receiving protocol fees [default: the signer].
        #[arg(long)]
        treasury: Option<Pubkey>,
        /// Protocol fee, bps of pool income.
        #[arg(long, default_value_t = 1_000)]
        fee_bps: u16,
    },
    /// Sets the protocol fee and/or treasury (unset values are kept).
    Update {
        /// Protocol fee, bps of pool income.
        #[arg(long)]
        fee_bps: Option<u16>,
        /// Treasury wallet.
        #[arg(long)]
        treasury: Option<Pubkey>,
    },
    /// Pauses the protocol.
    Pause,
    /// Unpauses the protocol.
    Unpause,
    /// Proposes a new admin (two-step transfer).
    ProposeAdmin {
        /// The proposed admin; `11111111111111111111111111111111` cancels.
        #[arg(long)]
        new_admin: Pubkey,
    },
    /// The proposed admin (the signer) accepts.
    AcceptAdmin,
    /// Sets the USDC/USD depeg guard for new financing.
    UsdcGuard {
        /// Pyth USDC/USD feed id (64 hex digits); omit with --disable.
        #[arg(long, value_parser = parse_hash32, required_unless_present = "disable")]
        feed_id: Option<[u8; 32]>,
        /// Turns the guard off.
        #[arg(long)]
        disable: bool,
        /// Financing is refused below this price (bps of $1).
        #[arg(long, default_value_t = 9_900)]
        min_price_bps: u16,
        /// Maximum price age (seconds).
        #[arg(long, default_value_t = 60)]
        max_age_secs: u32,
    },
    /// Shows the protocol configuration.
    Show,
}

/// Runs a `protocol` command.
pub fn protocol(ctx: &Ctx, cmd: ProtocolCmd) -> Result<Value> {
    if let ProtocolCmd::Show = cmd {
        let p: ProtocolConfig = ctx.account(&pda::protocol(), "protocol configuration")?;
        return Ok(views::protocol_json(&p));
    }
    let s = ctx.signer()?;
    let me = s.pubkey();
    let (name, ixs, details) = match cmd {
        ProtocolCmd::Init { usdc_mint, treasury, fee_bps } => {
            let treasury = treasury.unwrap_or(me);
            (
                "protocol init",
                vec![ix::protocol_initialize(&me, &usdc_mint, &treasury, fee_bps)],
                json!({"protocol": pda::protocol().to_string(), "admin": me.to_string(), "usdc_mint": usdc_mint.to_string(), "treasury": treasury.to_string(), "protocol_fee_bps": fee_bps}),
            )
        }
        ProtocolCmd::Update { fee_bps, treasury } => {
            let cur: ProtocolConfig = ctx.account(&pda::protocol(), "protocol configuration")?;
            let fee = fee_bps.unwrap_or(cur.protocol_fee_bps);
            let t = treasury.unwrap_or(cur.treasury);
            (
                "protocol update",
                vec![ix::protocol_update(&me, fee, &t)],
                json!({"protocol_fee_bps": fee, "treasury": t.to_string()}),
            )
        }
        ProtocolCmd::Pause => {
            ("protocol pause", vec![ix::protocol_set_paused(&me, true)], json!({"paused": true}))
        }
        ProtocolCmd::Unpause => {
            ("protocol unpause", vec![ix::protocol_set_paused(&me, false)], json!({"paused": false}))
        }
        ProtocolCmd::ProposeAdmin { new_admin } => (
            "protocol propose-admin",
            vec![ix::protocol_admin_propose(&me, &new_admin)],
            json!({"pending_admin": new_admin.to_string()}),
        ),
        ProtocolCmd::AcceptAdmin => {
            ("protocol accept-admin", vec![ix::protocol_admin_accept(&me)], json!({"admin": me.to_string()}))
        }
        ProtocolCmd::UsdcGuard { feed_id, disable, min_price_bps, max_age_secs } => {
            let feed = if disable { [0; 32] } else { feed_id.unwrap_or_default() };
            (
                "protocol usdc-guard",
                vec![ix::protocol_set_usdc_guard(&me, feed, min_price_bps, max_age_secs)],
                json!({"enabled": !disable, "feed_id": hex::encode(feed), "min_price_bps": min_price_bps, "max_age_secs": max_age_secs}),
            )
        }
        ProtocolCmd::Show => unreachable_show()?,
    };
    let sig = ctx.send(&s, ixs, &[])?;
    Ok(ctx.tx_result(name, &sig, details))
}

fn unreachable_show<T>() -> Result<T> {
    Err(anyhow!("internal: show handled earlier"))
}

// ---------------------------------------------------------------- issuers

/// `autofactor issuer ...`
#[derive(Subcommand, Debug)]
pub enum IssuerCmd {
    /// Registers an identity issuer (admin).
    Register {
        /// The issuer's signing wallet.
        #[arg(long)]
        authority: Pubkey,
        /// Display name.
        #[arg(long)]
        name: String,
    },
    /// Activates or deactivates an issuer (admin).
    SetActive {
        /// The issuer's signing wallet.
        #[arg(long)]
        authority: Pubkey,
        /// true or false.
        #[arg(long, action = clap::ArgAction::Set)]
        active: bool,
    },
    /// Shows an issuer.
    Show {
        /// The issuer's signing wallet.
        #[arg(long)]
        authority: Pubkey,
    },
}

/// Runs an `issuer` command.
pub fn issuer(ctx: &Ctx, cmd: IssuerCmd) -> Result<Value> {
    if let IssuerCmd::Show { authority } = cmd {
        let addr = pda::issuer(&authority);
        let i: IdentityIssuer = ctx.account(&addr, "identity issuer")?;
        return Ok(
            json!({"address": addr.to_string(), "authority": i.authority.to_string(), "name": i.name, "active": i.active, "records_issued": i.records_issued}),
        );
    }
    let s = ctx.signer()?;
    let me = s.pubkey();
    let (name, ixs, details) = match cmd {
        IssuerCmd::Register { authority, name } => (
            "issuer register",
            vec![ix::issuer_register(&me, &authority, &name)],
            json!({"issuer": pda::issuer(&authority).to_string(), "authority": authority.to_string(), "name": name}),
        ),
        IssuerCmd::SetActive { authority, active } => (
            "issuer set-active",
            vec![ix::issuer_set_active(&me, &authority, active)],
            json!({"issuer": pda::issuer(&authority).to_string(), "active": active}),
        ),
        IssuerCmd::Show { .. } => unreachable_show()?,
    };
    let sig = ctx.send(&s, ixs, &[])?;
    Ok(ctx.tx_result(name, &sig, details))
}

// ---------------------------------------------------------------- identities

const ROLES: [(u8, &str); 5] = [
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

fn parse_roles(s: &str) -> Result<u8, String> {
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

/// The attributes of an identity record.
#[derive(Args, Debug, Clone)]
pub struct IdentityArgs {
    /// The wallet.
    #[arg(long)]
    wallet: Pubkey,
    /// Comma-separated roles: supplier, buyer, investor, verifier, manager, all.
    #[arg(long, value_parser = parse_roles)]
    roles: u8,
    /// ISO 3166-1 alpha-2 jurisdiction.
    #[arg(long, default_value = "NO")]
    jurisdiction: String,
    /// Investor accreditation level (0–3).
    #[arg(long, default_value_t = 0)]
    accreditation: u8,
    /// Decentralized identifier of the entity.
    #[arg(long, default_value = "did:web:autofactor.example")]
    did: String,
    /// Legal-entity id, SCHEME:VALUE with SCHEME a 4-digit ISO 6523 ICD
    /// (e.g. 0192:923609016), LEI or VAT (e.g. VAT:NO923609016MVA); required
    /// for the supplier and buyer roles; wallets of one entity share it
    /// [update default: the record's current one].
    #[arg(long)]
    entity_id: Option<String>,
    /// Expiry date (YYYY-MM-DD) [default: one year from now].
    #[arg(long, value_parser = parse_date)]
    expires: Option<chrono::NaiveDate>,
}

impl IdentityArgs {
    /// The terms; `current_entity_id` is used when `--entity-id` is not given.
    fn terms(&self, now: i64, current_entity_id: &str) -> Result<IdentityTerms> {
        let j: [u8; 2] = self.jurisdiction.as_bytes().try_into().map_err(|_| {
            err("invalid_argument", format!("--jurisdiction {:?}: expected two letters", self.jurisdiction))
        })?;
        Ok(IdentityTerms {
            roles: self.roles,
            jurisdiction: j,
            accreditation: self.accreditation,
            did: self.did.clone(),
            entity_id: self.entity_id.clone().unwrap_or_else(|| current_entity_id.to_string()),
            expires_ts: self.expires.map(super::date_ts).unwrap_or(now + 365 * SECONDS_PER_DAY),
        })
    }
}

/// `autofactor identity ...`
#[derive(Subcommand, Debug)]
pub enum IdentityCmd {
    /// Issues a wallet's identity record (issuer).
    Issue(IdentityArgs),
    /// Updates (and reinstates) a record (issuer).
    Update(IdentityArgs),
    /// Revokes a record (issuer).
    Revoke {
        /// The wallet.
        #[arg(long)]
        wallet: Pubkey,
    },
    /// Shows a wallet's identity record.
    Show {
        /// The wallet.
        #[arg(long)]
        wallet: Pubkey,
    },
}

/// The canonical form of an entity id (as the program will store it), or
/// the id as given if the program will refuse it.
fn canonical_or_given(entity_id: &str) -> String {
    autofactor_client::canonical::canonical_entity_id(entity_id).unwrap_or_else(|_| entity_id.to_string())
}

/// Runs an `identity` command.
pub fn identity(ctx: &Ctx, cmd: IdentityCmd) -> Result<Value> {
    if let IdentityCmd::Show { wallet } = cmd {
        let addr = pda::identity(&wallet);
        let r: IdentityRecord = ctx.account(&addr, "identity record")?;
        return Ok(views::identity_json(&addr, &r));
    }
    let s = ctx.signer()?;
    let me = s.pubkey();
    let now = ctx.chain_now()?;
    let (name, ixs, details) = match cmd {
        IdentityCmd::Issue(a) => {
            let t = a.terms(now, "")?;
            let d = json!({"record": pda::identity(&a.wallet).to_string(), "wallet": a.wallet.to_string(), "roles": role_names(t.roles), "entity_id": canonical_or_given(&t.entity_id), "expires_ts": t.expires_ts});
            ("identity issue", vec![ix::identity_issue(&me, &a.wallet, t)], d)
        }
        IdentityCmd::Update(a) => {
            let current: Option<IdentityRecord> = ctx.maybe_account(&pda::identity(&a.wallet))?;
            let t = a.terms(now, current.as_ref().map(|r| r.entity_id.as_str()).unwrap_or(""))?;
            let d = json!({"record": pda::identity(&a.wallet).to_string(), "wallet": a.wallet.to_string(), "roles": role_names(t.roles), "entity_id": canonical_or_given(&t.entity_id), "expires_ts": t.expires_ts});
            ("identity update", vec![ix::identity_update(&me, &a.wallet, t)], d)
        }
        IdentityCmd::Revoke { wallet } => (
            "identity revoke",
            vec![ix::identity_revoke(&me, &wallet)],
            json!({"record": pda::identity(&wallet).to_string(), "wallet": wallet.to_string()}),
        ),
        IdentityCmd::Show { .. } => unreachable_show()?,
    };
    let sig = ctx.send(&s, ixs, &[])?;
    Ok(ctx.tx_result(name, &sig, details))
}

// ---------------------------------------------------------------- pools

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
}

impl Default for CreditFile {
    fn default() -> Self {
        CreditPolicy::OFF.into()
    }
}

impl From<CreditPolicy> for CreditFile {
    fn from(c: CreditPolicy) -> Self {
        CreditFile {
            block_open_default: c.block_open_default,
            max_open_late: c.max_open_late,
            proven_min_on_time: c.proven_min_on_time,
            proven_discount_cut_bps: c.proven_discount_cut_bps,
            watch_discount_add_bps: c.watch_discount_add_bps,
            limit_base_usdc: c.limit_base_usdc,
            limit_on_time_bps: c.limit_on_time_bps,
            limit_late_bps: c.limit_late_bps,
            limit_default_bps: c.limit_default_bps,
            limit_floor_usdc: c.limit_floor_usdc,
            limit_cap_usdc: c.limit_cap_usdc,
        }
    }
}

impl From<CreditFile> for CreditPolicy {
    fn from(c: CreditFile) -> Self {
        CreditPolicy {
            block_open_default: c.block_open_default,
            max_open_late: c.max_open_late,
            proven_min_on_time: c.proven_min_on_time,
            proven_discount_cut_bps: c.proven_discount_cut_bps,
            watch_discount_add_bps: c.watch_discount_add_bps,
            limit_base_usdc: c.limit_base_usdc,
            limit_on_time_bps: c.limit_on_time_bps,
            limit_late_bps: c.limit_late_bps,
            limit_default_bps: c.limit_default_bps,
            limit_floor_usdc: c.limit_floor_usdc,
            limit_cap_usdc: c.limit_cap_usdc,
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
    fn from_chain(p: &PoolParams, q: &PoolPolicy) -> Self {
        let g = |g: &GradeTerms| GradeFile {
            enabled: g.enabled,
            min_credit_score: g.min_credit_score,
            advance_rate_bps: g.advance_rate_bps,
            discount_apr_bps: g.discount_apr_bps,
        };
        ConfigFile {
            params: ParamsFile {
                min_junior_ratio_bps: p.min_junior_ratio_bps,
                senior_apr_bps: p.senior_apr_bps,
                manager_fee_bps: p.manager_fee_bps,
                liquidity_cap_usdc: p.liquidity_cap_usdc,
                max_investor_share_bps: p.max_investor_share_bps,
                min_hold_secs: p.min_hold_secs,
            },
            policy: PolicyFile {
                grades: [g(&q.grades[0]), g(&q.grades[1]), g(&q.grades[2]), g(&q.grades[3])],
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
            },
        }
    }

    fn to_chain(self) -> (PoolParams, PoolPolicy) {
        let p = self.params;
        let q = self.policy;
        let g = |g: GradeFile| GradeTerms {
            enabled: g.enabled,
            min_credit_score: g.min_credit_score,
            advance_rate_bps: g.advance_rate_bps,
            discount_apr_bps: g.discount_apr_bps,
        };
        (
            PoolParams {
                min_junior_ratio_bps: p.min_junior_ratio_bps,
                senior_apr_bps: p.senior_apr_bps,
                manager_fee_bps: p.manager_fee_bps,
                liquidity_cap_usdc: p.liquidity_cap_usdc,
                max_investor_share_bps: p.max_investor_share_bps,
                min_hold_secs: p.min_hold_secs,
            },
            PoolPolicy {
                grades: q.grades.map(g),
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
            },
        )
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
    fn apply(&self, base: ConfigFile) -> Result<(PoolParams, PoolPolicy)> {
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

/// Quote direction on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DirectionArg {
    /// USD per one unit of the currency (EUR/USD).
    CcyUsd,
    /// Units of the currency per USD (USD/JPY).
    UsdCcy,
}

/// `autofactor pool ...`
#[derive(Subcommand, Debug)]
pub enum PoolCmd {
    /// Creates a pool (manager). Defaults: the demo pool's terms (8% senior APR, 20% junior minimum, grades A–D).
    Create {
        /// Manager-chosen id, unique per manager.
        #[arg(long)]
        pool_id: u64,
        /// USDC mint [default: the protocol's].
        #[arg(long)]
        usdc_mint: Option<Pubkey>,
        #[command(flatten)]
        config: PoolConfigArgs,
    },
    /// Changes parameters and policy (manager); unset values are kept.
    Update {
        /// The pool.
        #[arg(long)]
        pool: Pubkey,
        #[command(flatten)]
        config: PoolConfigArgs,
    },
    /// Pauses a pool (manager).
    Pause {
        /// The pool.
        #[arg(long)]
        pool: Pubkey,
    },
    /// Unpauses a pool (manager).
    Unpause {
        /// The pool.
        #[arg(long)]
        pool: Pubkey,
    },
    /// Accrues the senior claim to now (anyone).
    Refresh {
        /// The pool.
        #[arg(long)]
        pool: Pubkey,
    },
    /// Registers a verifier (manager).
    VerifierAdd {
        /// The pool.
        #[arg(long)]
        pool: Pubkey,
        /// The verifier wallet.
        #[arg(long)]
        verifier: Pubkey,
    },
    /// Removes a verifier (manager).
    VerifierRemove {
        /// The pool.
        #[arg(long)]
        pool: Pubkey,
        /// The verifier wallet.
        #[arg(long)]
        verifier: Pubkey,
    },
    /// Accepts a currency or updates its terms (manager). Defaults for
    /// currencies the local chain publishes come from its feed table.
    CurrencySet {
        /// The pool.
        #[arg(long)]
        pool: Pubkey,
        /// ISO 4217 code (not USD).
        #[arg(long)]
        code: String,
        /// Minor-unit decimals.
        #[arg(long)]
        decimals: Option<u8>,
        /// Pyth feed id (64 hex digits).
        #[arg(long, value_parser = parse_hash32)]
        feed_id: Option<[u8; 32]>,
        /// Quote direction of the feed.
        #[arg(long, value_enum)]
        direction: Option<DirectionArg>,
        /// Maximum price age (seconds).
        #[arg(long)]
        max_age_secs: Option<u32>,
        /// Maximum confidence / price (bps).
        #[arg(long)]
        max_conf_bps: Option<u16>,
        /// Plausibility band: lowest USDC per unit.
        #[arg(long, value_parser = parse_micro)]
        min_usdc_per_unit: Option<u64>,
        /// Plausibility band: highest USDC per unit.
        #[arg(long, value_parser = parse_micro)]
        max_usdc_per_unit: Option<u64>,
    },
    /// Stops accepting a currency (manager).
    CurrencyRemove {
        /// The pool.
        #[arg(long)]
        pool: Pubkey,
        /// ISO 4217 code.
        #[arg(long)]
        code: String,
    },
    /// Pays the fees the pool owes to the treasury and the manager (anyone).
    CollectFees {
        /// The pool.
        #[arg(long)]
        pool: Pubkey,
    },
    /// Pool summary: NAV, tranche values and prices, cash, receivables, queues.
    Show {
        /// The pool.
        #[arg(long)]
        pool: Pubkey,
    },
    /// Lists all pools.
    List,
    /// Exposure by buyer, supplier and currency.
    Exposure {
        /// The pool.
        #[arg(long)]
        pool: Pubkey,
    },
}

fn code3(s: &str) -> Result<[u8; 3]> {
    let up = s.to_ascii_uppercase();
    up.as_bytes()
        .try_into()
        .ok()
        .filter(|b: &[u8; 3]| b.iter().all(|c| c.is_ascii_uppercase()))
        .ok_or_else(|| err("invalid_argument", format!("{s:?} is not a 3-letter ISO 4217 code")))
}

fn load_pool(ctx: &Ctx, pool: &Pubkey) -> Result<Pool> {
    ctx.account(pool, "pool")
}

/// Runs a `pool` command.
pub fn pool(ctx: &Ctx, cmd: PoolCmd) -> Result<Value> {
    match &cmd {
        PoolCmd::Show { pool } => return views::pool_json(pool, &load_pool(ctx, pool)?, ctx.chain_now()?),
        PoolCmd::List => {
            let now = ctx.chain_now()?;
            let pools = views::program_accounts::<Pool>(ctx, vec![])?;
            return Ok(Value::Array(
                pools
                    .iter()
                    .map(|(a, p)| {
                        let v = views::pool_json(a, p, now)?;
                        Ok(json!({"address": v["address"], "pool_id": v["pool_id"], "manager": v["manager"], "paused": v["paused"], "nav_usdc": v["nav_usdc"], "cash_usdc": v["cash_usdc"], "receivables_usdc": v["receivables_usdc"], "senior_price_usdc": v["senior"]["share_price_usdc"], "junior_price_usdc": v["junior"]["share_price_usdc"]}))
                    })
                    .collect::<Result<Vec<_>>>()?,
            ));
        }
        PoolCmd::Exposure { pool } => return views::exposure(ctx, pool),
        _ => {}
    }
    let s = ctx.signer()?;
    let me = s.pubkey();
    let (name, ixs, details) = match cmd {
        PoolCmd::Create { pool_id, usdc_mint, config } => {
            let usdc = match usdc_mint {
                Some(m) => m,
                None => ctx.account::<ProtocolConfig>(&pda::protocol(), "protocol configuration")?.usdc_mint,
            };
            let base = ConfigFile::from_chain(
                &autofactor_localnet::demo::demo_params(),
                &autofactor_localnet::demo::demo_policy(),
            );
            let (p, q) = config.apply(base)?;
            let keys = PoolKeys::derive(&me, pool_id, &usdc);
            (
                "pool create",
                vec![ix::pool_create(&me, &usdc, pool_id, p, q)],
                json!({"pool": keys.pool.to_string(), "pool_id": pool_id, "manager": me.to_string(), "vault": keys.vault.to_string(), "senior_mint": keys.senior_mint.to_string(), "junior_mint": keys.junior_mint.to_string(), "config": config_file_json(&p, &q)}),
            )
        }
        PoolCmd::Update { pool, config } => {
            let cur = load_pool(ctx, &pool)?;
            let (p, q) = config.apply(ConfigFile::from_chain(&cur.params, &cur.policy))?;
            (
                "pool update",
                vec![ix::pool_update_config(&me, &pool, p, q)],
                json!({"pool": pool.to_string(), "config": config_file_json(&p, &q)}),
            )
        }
        PoolCmd::Pause { pool } => (
            "pool pause",
            vec![ix::pool_set_paused(&me, &pool, true)],
            json!({"pool": pool.to_string(), "paused": true}),
        ),
        PoolCmd::Unpause { pool } => (
            "pool unpause",
            vec![ix::pool_set_paused(&me, &pool, false)],
            json!({"pool": pool.to_string(), "paused": false}),
        ),
        PoolCmd::Refresh { pool } => {
            ("pool refresh", vec![ix::pool_refresh(&pool)], json!({"pool": pool.to_string()}))
        }
        PoolCmd::VerifierAdd { pool, verifier } => (
            "pool verifier-add",
            vec![ix::pool_verifier_add(&me, &pool, &verifier)],
            json!({"pool": pool.to_string(), "verifier": verifier.to_string(), "pool_verifier": pda::pool_verifier(&pool, &verifier).to_string()}),
        ),
        PoolCmd::VerifierRemove { pool, verifier } => (
            "pool verifier-remove",
            vec![ix::pool_verifier_remove(&me, &pool, &verifier)],
            json!({"pool": pool.to_string(), "verifier": verifier.to_string()}),
        ),
        PoolCmd::CurrencySet {
            pool,
            code,
            decimals,
            feed_id,
            direction,
            max_age_secs,
            max_conf_bps,
            min_usdc_per_unit,
            max_usdc_per_unit,
        } => {
            let c = code3(&code)?;
            let code_s = String::from_utf8_lossy(&c).into_owned();
            let existing: Option<CurrencyConfig> = ctx.maybe_account(&pda::currency_config(&pool, &c))?;
            let base = existing.map(|e| e.terms).or_else(|| {
                autofactor_localnet::pyth::feed_for_currency(&code_s)
                    .map(autofactor_localnet::demo::currency_terms)
            });
            let base = match base {
                Some(b) => b,
                None => {
                    let (Some(feed_id), Some(direction), Some(lo), Some(hi)) =
                        (feed_id, direction, min_usdc_per_unit, max_usdc_per_unit)
                    else {
                        return Err(err("invalid_argument", format!("{code_s} has no built-in terms: give --feed-id, --direction, --min-usdc-per-unit and --max-usdc-per-unit")));
                    };
                    CurrencyTerms {
                        code: c,
                        decimals: autofactor_einvoice::currency_exponent(&code_s).unwrap_or(2),
                        feed_id,
                        direction: dir(direction),
                        max_age_secs: 60,
                        max_conf_bps: 50,
                        min_usdc_per_unit: lo,
                        max_usdc_per_unit: hi,
                    }
                }
            };
            let t = CurrencyTerms {
                code: c,
                decimals: decimals.unwrap_or(base.decimals),
                feed_id: feed_id.unwrap_or(base.feed_id),
                direction: direction.map(dir).unwrap_or(base.direction),
                max_age_secs: max_age_secs.unwrap_or(base.max_age_secs),
                max_conf_bps: max_conf_bps.unwrap_or(base.max_conf_bps),
                min_usdc_per_unit: min_usdc_per_unit.unwrap_or(base.min_usdc_per_unit),
                max_usdc_per_unit: max_usdc_per_unit.unwrap_or(base.max_usdc_per_unit),
            };
            let d = json!({
                "pool": pool.to_string(), "currency": code_s, "currency_config": pda::currency_config(&pool, &c).to_string(),
                "decimals": t.decimals, "feed_id": hex::encode(t.feed_id),
                "price_account": autofactor_localnet::pyth::price_feed_address(&t.feed_id).to_string(),
                "direction": match t.direction { QuoteDirection::CcyUsd => "ccy-usd", QuoteDirection::UsdCcy => "usd-ccy" },
                "max_age_secs": t.max_age_secs, "max_conf_bps": t.max_conf_bps,
                "min_usdc_per_unit": micro(t.min_usdc_per_unit), "max_usdc_per_unit": micro(t.max_usdc_per_unit),
            });
            ("pool currency-set", vec![ix::pool_currency_set(&me, &pool, t)], d)
        }
        PoolCmd::CurrencyRemove { pool, code } => {
            let c = code3(&code)?;
            (
                "pool currency-remove",
                vec![ix::pool_currency_remove(&me, &pool, &c)],
                json!({"pool": pool.to_string(), "currency": String::from_utf8_lossy(&c)}),
            )
        }
        PoolCmd::CollectFees { pool } => {
            let p = load_pool(ctx, &pool)?;
            let proto: ProtocolConfig = ctx.account(&pda::protocol(), "protocol configuration")?;
            let keys = PoolKeys::from_pool(&pool, &p);
            let ata = |owner: &Pubkey| {
                anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent(&me, owner, &p.usdc_mint, &TOKEN_PROGRAM_ID)
            };
            (
                "pool collect-fees",
                vec![
                    ata(&proto.treasury),
                    ata(&p.manager),
                    ix::pool_collect_fees(&keys, &proto.treasury, &p.manager),
                ],
                json!({"pool": pool.to_string(), "protocol_fees_usdc": micro(p.ledger.protocol_fees_owed_usdc), "manager_fees_usdc": micro(p.ledger.manager_fees_owed_usdc)}),
            )
        }
        PoolCmd::Show { .. } | PoolCmd::List | PoolCmd::Exposure { .. } => unreachable_show()?,
    };
    let sig = ctx.send(&s, ixs, &[])?;
    Ok(ctx.tx_result(name, &sig, details))
}

fn dir(d: DirectionArg) -> QuoteDirection {
    match d {
        DirectionArg::CcyUsd => QuoteDirection::CcyUsd,
        DirectionArg::UsdCcy => QuoteDirection::UsdCcy,
    }
}

// ---------------------------------------------------------------- investors

/// `autofactor investor ...`
#[derive(Subcommand, Debug)]
pub enum InvestorCmd {
    /// Deposits USDC into a tranche (creates the share account if needed).
    Deposit {
        /// The pool.
        #[arg(long)]
        pool: Pubkey,
        /// Tranche.
        #[arg(long, value_enum)]
        tranche: TrancheArg,
        /// USDC to deposit.
        #[arg(long, value_parser = parse_micro)]
        amount: u64,
        /// Least shares to accept (slippage guard).
        #[arg(long, value_parser = parse_micro, default_value = "0")]
        min_shares: u64,
    },
    /// Redeems shares now, or queues the withdrawal when cash is short.
    Withdraw {
        /// The pool.
        #[arg(long)]
        pool: Pubkey,
        /// Tranche.
        #[arg(long, value_enum)]
        tranche: TrancheArg,
        /// Shares to redeem, or `all`.
        #[arg(long)]
        shares: String,
    },
    /// Cancels a queued withdrawal (its shares are minted back).
    Cancel {
        /// The pool.
        #[arg(long)]
        pool: Pubkey,
        /// Tranche.
        #[arg(long, value_enum)]
        tranche: TrancheArg,
        /// The request's sequence number.
        #[arg(long)]
        sequence: u64,
    },
    /// Claims a redemption payout that could not be delivered to your USDC
    /// account when the request was filled (frozen or closed account).
    Claim {
        /// The pool.
        #[arg(long)]
        pool: Pubkey,
        /// Tranche.
        #[arg(long, value_enum)]
        tranche: TrancheArg,
        /// The request's sequence number.
        #[arg(long)]
        sequence: u64,
        /// USDC token account to receive it [default: your associated one].
        #[arg(long)]
        to: Option<Pubkey>,
    },
    /// Thaws a verified investor's share account (anyone).
    Thaw {
        /// The pool.
        #[arg(long)]
        pool: Pubkey,
        /// Tranche.
        #[arg(long, value_enum)]
        tranche: TrancheArg,
        /// The investor [default: the signer].
        #[arg(long)]
        owner: Option<Pubkey>,
    },
    /// Positions in every pool and queued withdrawals.
    Positions {
        /// The investor [default: the signer].
        #[arg(long)]
        owner: Option<Pubkey>,
    },
}

/// Token amount of `account` (0 if it does not exist yet); RPC failures
/// are errors, never a balance of 0.
fn token_balance(ctx: &Ctx, account: &Pubkey) -> Result<u64> {
    ctx.token_amount(account)
}

/// Runs an `investor` command.
pub fn investor(ctx: &Ctx, cmd: InvestorCmd) -> Result<Value> {
    if let InvestorCmd::Positions { owner } = cmd {
        let owner = match owner {
            Some(o) => o,
            None => ctx.signer()?.pubkey(),
        };
        return views::positions(ctx, &owner);
    }
    let s = ctx.signer()?;
    let me = s.pubkey();
    match cmd {
        InvestorCmd::Deposit { pool, tranche, amount, min_shares } => {
            let p = load_pool(ctx, &pool)?;
            let keys = PoolKeys::from_pool(&pool, &p);
            let t: Tranche = tranche.into();
            let ata = keys.shares_ata(&me, t);
            let before = token_balance(ctx, &ata)?;
            let sig = ctx.send(
                &s,
                vec![
                    ix::create_shares_ata(&me, &me, &keys, t),
                    ix::tranche_deposit(&keys, &me, t, amount, min_shares),
                ],
                &[],
            )?;
            let after = token_balance(ctx, &ata)?;
            Ok(ctx.tx_result(
                "investor deposit",
                &sig,
                json!({"pool": pool.to_string(), "tranche": format!("{t:?}").to_lowercase(), "amount_usdc": micro(amount), "shares_received": micro(after.saturating_sub(before)), "shares_account": ata.to_string()}),
            ))
        }
        InvestorCmd::Withdraw { pool, tranche, shares } => {
            let p = load_pool(ctx, &pool)?;
            let keys = PoolKeys::from_pool(&pool, &p);
            let t: Tranche = tranche.into();
            let ata = keys.shares_ata(&me, t);
            let held = token_balance(ctx, &ata)?;
            let n = if shares.eq_ignore_ascii_case("all") {
                held
            } else {
                parse_micro(&shares).map_err(|e| err("invalid_argument", format!("--shares: {e}")))?
            };
            if n == 0 {
                return Err(err(
                    "invalid_argument",
                    format!("nothing to withdraw: {} holds {} shares", ata, micro(held)),
                ));
            }
            let tail = p.ledger.tranche(t).queue_tail;
            let usdc_ata = keys.usdc_ata(&me);
            let usdc_before = token_balance(ctx, &usdc_ata)?;
            let sig = ctx.send(&s, vec![ix::tranche_withdraw(&keys, &me, t, n, tail)], &[])?;
            let after = load_pool(ctx, &pool)?;
            let queued = after.ledger.tranche(t).queue_tail > tail;
            Ok(ctx.tx_result(
                "investor withdraw",
                &sig,
                json!({
                    "pool": pool.to_string(), "tranche": format!("{t:?}").to_lowercase(), "shares": micro(n),
                    "queued": queued,
                    "sequence": queued.then_some(tail),
                    "withdrawal_request": queued.then(|| pda::withdrawal_request(&pool, t, tail).to_string()),
                    "usdc_received": micro(token_balance(ctx, &usdc_ata)?.saturating_sub(usdc_before)),
                }),
            ))
        }
        InvestorCmd::Cancel { pool, tranche, sequence } => {
            let p = load_pool(ctx, &pool)?;
            let keys = PoolKeys::from_pool(&pool, &p);
            let t: Tranche = tranche.into();
            let sig = ctx.send(&s, vec![ix::withdrawal_cancel(&keys, &me, t, sequence)], &[])?;
            Ok(ctx.tx_result("investor cancel", &sig, json!({"pool": pool.to_string(), "tranche": format!("{t:?}").to_lowercase(), "sequence": sequence})))
        }
        InvestorCmd::Claim { pool, tranche, sequence, to } => {
            let p = load_pool(ctx, &pool)?;
            let keys = PoolKeys::from_pool(&pool, &p);
            let t: Tranche = tranche.into();
            let to = to.unwrap_or_else(|| keys.usdc_ata(&me));
            let sig = ctx.send(&s, vec![ix::withdrawal_claim(&keys, &me, t, sequence, &to)], &[])?;
            Ok(ctx.tx_result(
                "investor claim",
                &sig,
                json!({"pool": pool.to_string(), "tranche": format!("{t:?}").to_lowercase(), "sequence": sequence, "to": to.to_string()}),
            ))
        }
        InvestorCmd::Thaw { pool, tranche, owner } => {
            let p = load_pool(ctx, &pool)?;
            let keys = PoolKeys::from_pool(&pool, &p);
            let t: Tranche = tranche.into();
            let owner = owner.unwrap_or(me);
            let sig = ctx.send(
                &s,
                vec![
                    ix::create_shares_ata(&me, &owner, &keys, t),
                    ix::tranche_account_thaw(&keys, &owner, t),
                ],
                &[],
            )?;
            Ok(ctx.tx_result("investor thaw", &sig, json!({"pool": pool.to_string(), "owner": owner.to_string(), "shares_account": keys.shares_ata(&owner, t).to_string()})))
        }
        InvestorCmd::Positions { .. } => unreachable_show(),
    }
}

// ---------------------------------------------------------------- keepers

/// `autofactor keeper ...`
#[derive(Subcommand, Debug)]
pub enum KeeperCmd {
    /// Fills the head of a withdrawal queue.
    Fill {
        /// The pool.
        #[arg(long)]
        pool: Pubkey,
        /// Tranche.
        #[arg(long, value_enum)]
        tranche: TrancheArg,
    },
    /// Stops an invoice's income accrual at its due date.
    Mature {
        /// Invoice (its PDA or its asset).
        #[arg(long)]
        invoice: Pubkey,
    },
    /// Marks an invoice late after due + grace.
    MarkLate {
        /// Invoice (its PDA or its asset).
        #[arg(long)]
        invoice: Pubkey,
    },
    /// Applies the write-down schedule to a late invoice.
    WriteDown {
        /// Invoice (its PDA or its asset).
        #[arg(long)]
        invoice: Pubkey,
    },
    /// Settles a repaid invoice (reserve to the supplier, asset burned).
    Settle {
        /// Invoice (its PDA or its asset).
        #[arg(long)]
        invoice: Pubkey,
    },
    /// Closes a defaulted invoice after its recovery period (collected
    /// reserve to the supplier, asset burned).
    CloseDefaulted {
        /// Invoice (its PDA or its asset).
        #[arg(long)]
        invoice: Pubkey,
    },
    /// Freezes the share account of an investor who lost its identity.
    Freeze {
        /// The pool.
        #[arg(long)]
        pool: Pubkey,
        /// Tranche.
        #[arg(long, value_enum)]
        tranche: TrancheArg,
        /// The share account's owner.
        #[arg(long)]
        owner: Pubkey,
    },
}

/// An invoice with its pool and keys; `address` may be the invoice PDA or its asset.
pub struct LoadedInvoice {
    /// Invoice PDA.
    pub address: Pubkey,
    /// Decoded invoice.
    pub invoice: Invoice,
    /// Decoded pool.
    pub pool: Pool,
    /// Instruction keys.
    pub keys: InvoiceKeys,
}

/// Loads an invoice by its PDA or its asset address.
pub fn load_invoice(ctx: &Ctx, address: &Pubkey) -> Result<LoadedInvoice> {
    // An account of this program at `address` is the invoice itself (and
    // must decode as one); anything else (the Core asset, or nothing) is
    // taken as an asset address whose invoice PDA is looked up.
    let owned_here = ctx
        .rpc
        .get_account_with_commitment(address, ctx.rpc.commitment())
        .map_err(|e| anyhow!(crate::errors::explain_client_error(&e)))?
        .value
        .is_some_and(|a| a.owner == autofactor_client::PROGRAM_ID);
    let direct = if owned_here { ctx.maybe_account::<Invoice>(address)? } else { None };
    let (addr, invoice) = match direct {
        Some(i) => (*address, i),
        None => {
            let pda_addr = pda::invoice(address);
            (
                pda_addr,
                ctx.account::<Invoice>(&pda_addr, "invoice").map_err(|_| {
                    err("account_not_found", format!("{address} is neither an invoice nor the asset of one"))
                })?,
            )
        }
    };
    let pool = load_pool(ctx, &invoice.pool)?;
    let keys = InvoiceKeys::from_invoice(PoolKeys::from_pool(&invoice.pool, &pool), &invoice);
    Ok(LoadedInvoice { address: addr, invoice, pool, keys })
}

/// The invoice's status after a command: "Closed" only when the account
/// no longer exists; an RPC failure is an error.
fn invoice_details(ctx: &Ctx, address: &Pubkey) -> Result<Value> {
    Ok(match ctx.maybe_account::<Invoice>(address)? {
        Some(i) if i.status == autofactor_client::state::InvoiceStatus::Closed => json!({
            "invoice": address.to_string(),
            "asset": i.asset.to_string(),
            "status": i.status.name(),
            "reserve_owed_usdc": micro(i.book.reserve_collected_usdc),
        }),
        Some(i) => {
            json!({"invoice": address.to_string(), "asset": i.asset.to_string(), "status": i.status.name()})
        }
        None => json!({"invoice": address.to_string(), "status": "Closed"}),
    })
}

/// Whether `account` is an initialized, unfrozen SPL Token account (a
/// payout to it can succeed). RPC failures are errors.
fn usdc_account_can_receive(ctx: &Ctx, account: &Pubkey) -> Result<bool> {
    use anchor_spl::token::spl_token::state::{Account as SplAccount, AccountState};
    use solana_sdk::program_pack::Pack;
    let acc = ctx
        .rpc
        .get_account_with_commitment(account, ctx.rpc.commitment())
        .map_err(|e| anyhow::anyhow!(crate::errors::explain_client_error(&e)))?
        .value;
    Ok(match acc {
        Some(a) if a.owner == TOKEN_PROGRAM_ID => {
            SplAccount::unpack(&a.data).is_ok_and(|t| t.state == AccountState::Initialized)
        }
        _ => false,
    })
}

/// Whom a `keeper fill` names as the head request's investor: its owner, or
/// — at a gap a cancelled request left (cancelling the head itself moves
/// the head on) — the keeper itself (the program then skips the gap and
/// checks no investor).
pub fn fill_investor(head_request: Option<&WithdrawalRequest>, keeper: &Pubkey) -> (Pubkey, bool) {
    match head_request {
        Some(r) => (r.investor, false),
        None => (*keeper, true),
    }
}

/// `invoice finance --dry-run`: the offer the program makes for the
/// invoice now — its own `InvoiceFinanced` event from a simulation — and
/// the rules it passed, with the figures; a refusal is the program's error
/// (its name, message and logged figures), as a real send would give.
fn finance_offer(
    ctx: &Ctx,
    li: &LoadedInvoice,
    supplier: &Pubkey,
    ixs: Vec<solana_sdk::instruction::Instruction>,
) -> Result<Value> {
    use autofactor_client::events::InvoiceFinanced;
    let buyer_exposure: Exposure =
        ctx.account(&pda::buyer_exposure(&li.keys.pool.pool, &li.invoice.buyer_entity), "buyer exposure")?;
    let inner = ctx.simulate(supplier, ixs)?;
    let offer: InvoiceFinanced = autofactor_client::decode::events(&inner)
        .into_iter()
        .next()
        .ok_or_else(|| err("simulation", "the simulated financing emitted no InvoiceFinanced event"))?;
    let claim = autofactor_client::math::Pricing {
        face_usdc: offer.face_usdc,
        advance_usdc: offer.advance_usdc,
        discount_usdc: offer.discount_usdc,
        protocol_fee_usdc: offer.protocol_fee_usdc,
        manager_fee_usdc: offer.manager_fee_usdc,
        reserve_usdc: offer.reserve_usdc,
    }
    .claim_usdc();
    let policy = &li.pool.policy;
    let limit = (offer.buyer_credit_limit_usdc > 0).then(|| micro(offer.buyer_credit_limit_usdc));
    Ok(json!({
        "command": "invoice finance",
        "dry_run": true,
        "invoice": li.address.to_string(),
        "offer": {
            "risk_grade": ((b'A' + offer.risk_grade.min(3)) as char).to_string(),
            "history_tier": format!("{:?}", offer.history_tier),
            "discount_apr_bps": offer.discount_apr_bps,
            "face_usdc": micro(offer.face_usdc),
            "advance_usdc": micro(offer.advance_usdc),
            "discount_usdc": micro(offer.discount_usdc),
            "protocol_fee_usdc": micro(offer.protocol_fee_usdc),
            "manager_fee_usdc": micro(offer.manager_fee_usdc),
            "reserve_usdc": micro(offer.reserve_usdc),
            "claim_usdc": micro(claim),
            "fx_rate_scaled": offer.fx_rate_scaled.to_string(),
            "overdue_ts": offer.overdue_ts,
            "late_after_ts": offer.late_after_ts,
            "writeoff_ts": offer.writeoff_ts,
        },
        "rules_passed": [
            {"rule": "grade accepted, tenor and face within the policy", "max_invoice_usdc": micro(policy.max_invoice_usdc),
             "min_tenor_days": policy.min_tenor_days, "max_tenor_days": policy.max_tenor_days},
            {"rule": "buyer history", "tier": format!("{:?}", offer.history_tier),
             "block_open_default": policy.credit.block_open_default, "max_open_late": policy.credit.max_open_late},
            {"rule": "buyer credit limit", "limit_usdc": limit,
             "outstanding_after_usdc": micro(buyer_exposure.outstanding_usdc + claim)},
            {"rule": "buyer and supplier concentration", "max_buyer_bps": policy.max_buyer_concentration_bps,
             "max_supplier_bps": policy.max_supplier_concentration_bps},
            {"rule": "cash reserve and queued withdrawals", "cash_reserve_bps": policy.cash_reserve_bps},
            {"rule": "subordination"},
        ],
    }))
}

/// Runs a `keeper` command.
pub fn keeper(ctx: &Ctx, cmd: KeeperCmd) -> Result<Value> {
    let s = ctx.signer()?;
    let me = s.pubkey();
    match cmd {
        KeeperCmd::Fill { pool, tranche } => {
            let p = load_pool(ctx, &pool)?;
            let keys = PoolKeys::from_pool(&pool, &p);
            let t: Tranche = tranche.into();
            let head = p.ledger.tranche(t).queue_head;
            if p.ledger.tranche(t).queue_is_empty() {
                return Err(err(
                    "queue_empty",
                    format!("the {} queue of {pool} is empty", format!("{t:?}").to_lowercase()),
                ));
            }
            let req_addr = pda::withdrawal_request(&pool, t, head);
            // A cancelled head left an empty address: the program skips it.
            let req: Option<WithdrawalRequest> = ctx.maybe_account(&req_addr)?;
            let (investor, skipped) = fill_investor(req.as_ref(), &me);
            let sig = ctx.send(&s, vec![ix::withdrawal_fill(&keys, &me, t, head, &investor)], &[])?;
            Ok(ctx.tx_result(
                "keeper fill",
                &sig,
                json!({
                    "pool": pool.to_string(),
                    "sequence": head,
                    "skipped_cancelled": skipped,
                    "investor": (!skipped).then(|| investor.to_string()),
                }),
            ))
        }
        KeeperCmd::Freeze { pool, tranche, owner } => {
            let p = load_pool(ctx, &pool)?;
            let keys = PoolKeys::from_pool(&pool, &p);
            let sig = ctx.send(&s, vec![ix::tranche_account_freeze(&keys, &owner, tranche.into())], &[])?;
            Ok(ctx.tx_result(
                "keeper freeze",
                &sig,
                json!({"pool": pool.to_string(), "owner": owner.to_string()}),
            ))
        }
        KeeperCmd::Mature { invoice }
        | KeeperCmd::MarkLate { invoice }
        | KeeperCmd::WriteDown { invoice }
        | KeeperCmd::Settle { invoice }
        | KeeperCmd::CloseDefaulted { invoice } => {
            let li = load_invoice(ctx, &invoice)?;
            let (name, i) = match cmd {
                KeeperCmd::Mature { .. } => ("keeper mature", ix::invoice_mature(&li.keys)),
                KeeperCmd::MarkLate { .. } => ("keeper mark-late", ix::invoice_mark_late(&li.keys, &me)),
                KeeperCmd::WriteDown { .. } => ("keeper write-down", ix::invoice_write_down(&li.keys, &me)),
                KeeperCmd::CloseDefaulted { .. } => {
                    let mut i = ix::invoice_close_defaulted_in(&li.keys, &me, &li.invoice.currency);
                    // A supplier ATA that cannot receive (missing, closed,
                    // frozen) is left out: the program then books the
                    // reserve as owed for the supplier to claim, rather
                    // than the close failing.
                    let ata = li.keys.pool.usdc_ata(&li.invoice.supplier);
                    if !usdc_account_can_receive(ctx, &ata)? {
                        for m in i.accounts.iter_mut().filter(|m| m.pubkey == ata) {
                            *m = solana_sdk::instruction::AccountMeta::new_readonly(
                                autofactor_client::PROGRAM_ID,
                                false,
                            );
                        }
                    }
                    ("keeper close-defaulted", i)
                }
                _ => ("keeper settle", ix::invoice_settle(&li.keys, &me)),
            };
            let sig = ctx.send(&s, vec![i], &[])?;
            Ok(ctx.tx_result(name, &sig, invoice_details(ctx, &li.address)?))
        }
    }
}

// ---------------------------------------------------------------- invoices

/// `autofactor invoice ...`
#[derive(Subcommand, Debug)]
pub enum InvoiceCmd {
    /// Originates an invoice from an e-invoice (UBL 2.1 / CII) or a PDF with flags (supplier).
    Create {
        /// The pool the invoice is offered to.
        #[arg(long)]
        pool: Pubkey,
        /// The buyer's wallet (e-invoices carry names, not wallets).
        #[arg(long)]
        buyer: Pubkey,
        /// The e-invoice XML (or a PDF, with the terms as flags).
        #[arg(long, value_name = "FILE")]
        from_einvoice: PathBuf,
        /// Face amount in currency units, e.g. 1656.25 (PDF only).
        #[arg(long)]
        amount: Option<String>,
        /// ISO 4217 currency (PDF only).
        #[arg(long)]
        currency: Option<String>,
        /// Issue date YYYY-MM-DD (PDF; overrides the document's for XML).
        #[arg(long, value_parser = parse_date)]
        issue_date: Option<chrono::NaiveDate>,
        /// Due date YYYY-MM-DD (PDF; overrides the document's for XML).
        #[arg(long, value_parser = parse_date)]
        due_date: Option<chrono::NaiveDate>,
        /// Invoice number (PDF; overrides the document's for XML).
        #[arg(long)]
        invoice_number: Option<String>,
        /// Metadata URI of the asset [default: file://<metadata-out>].
        #[arg(long)]
        metadata_uri: Option<String>,
        /// Where to write the metadata JSON [default: <FILE>.metadata.json].
        #[arg(long)]
        metadata_out: Option<PathBuf>,
        /// Originate an e-invoice even though its seller (or buyer) legal
        /// identifiers differ from the entity id of the supplier's (or
        /// buyer's) identity record.
        #[arg(long)]
        allow_entity_mismatch: bool,
    },
    /// The buyer acknowledges the invoice.
    Acknowledge {
        /// Invoice (its PDA or its asset).
        #[arg(long)]
        invoice: Pubkey,
    },
    /// The buyer disputes the invoice.
    Dispute {
        /// Invoice (its PDA or its asset).
        #[arg(long)]
        invoice: Pubkey,
        /// The reason (its SHA-256 is recorded).
        #[arg(long)]
        reason: String,
    },
    /// A pool verifier attests delivery and the buyer's credit.
    Attest {
        /// Invoice (its PDA or its asset).
        #[arg(long)]
        invoice: Pubkey,
        /// Buyer credit score (0–1000).
        #[arg(long)]
        credit_score: u16,
        /// Delivery proof file (its SHA-256 is recorded).
        #[arg(long, conflicts_with = "delivery_proof_hash")]
        delivery_proof: Option<PathBuf>,
        /// Delivery proof hash (64 hex digits).
        #[arg(long, value_parser = parse_hash32)]
        delivery_proof_hash: Option<[u8; 32]>,
    },
    /// The supplier cancels an unfinanced invoice.
    Cancel {
        /// Invoice (its PDA or its asset).
        #[arg(long)]
        invoice: Pubkey,
    },
    /// The supplier claims a reserve that settlement or the close of a
    /// default could not deliver (the invoice is `Closed`).
    ClaimReserve {
        /// Invoice (its PDA or its burned asset's address).
        #[arg(long)]
        invoice: Pubkey,
        /// USDC token account to receive it [default: your associated one].
        #[arg(long)]
        to: Option<Pubkey>,
    },
    /// The pool buys the invoice; the advance goes to the supplier's USDC account.
    Finance {
        /// Invoice (its PDA or its asset).
        #[arg(long)]
        invoice: Pubkey,
        /// Least advance to accept (USDC).
        #[arg(long, value_parser = parse_micro, default_value = "0")]
        min_advance: u64,
        /// FX price account (PriceUpdateV2) for a non-USD invoice [default: the Pyth sponsored feed account of the pool's currency config].
        #[arg(long)]
        fx_price: Option<Pubkey>,
        /// USDC/USD price account when the depeg guard is on [default: the sponsored feed account of the protocol's feed].
        #[arg(long)]
        usdc_price: Option<Pubkey>,
        /// Show the pool's offer and the rules it passed (or the rule that
        /// refuses it) without signing or sending: the program's own
        /// decision, from a simulation.
        #[arg(long)]
        dry_run: bool,
    },
    /// Pays toward an invoice from the signer's USDC account.
    Repay {
        /// Invoice (its PDA or its asset).
        #[arg(long)]
        invoice: Pubkey,
        /// Minor units of the invoice currency [default: all outstanding].
        #[arg(long)]
        amount_minor: Option<u64>,
        /// Most USDC to spend (slippage guard for FX invoices) [default: no limit].
        #[arg(long, value_parser = parse_micro)]
        max_usdc: Option<u64>,
        /// FX price account for a non-USD invoice [default: as for finance].
        #[arg(long)]
        fx_price: Option<Pubkey>,
    },
    /// Shows an invoice: state, amounts, FX.
    Show {
        /// Invoice (its PDA or its asset).
        #[arg(long)]
        invoice: Pubkey,
    },
    /// Lists invoices (getProgramAccounts filters).
    List {
        /// Only this pool's.
        #[arg(long)]
        pool: Option<Pubkey>,
        /// Only this supplier's.
        #[arg(long)]
        supplier: Option<Pubkey>,
        /// Only this buyer's.
        #[arg(long)]
        buyer: Option<Pubkey>,
        /// Only in this status.
        #[arg(long, value_enum)]
        status: Option<StatusArg>,
    },
}

fn fx_price_for(ctx: &Ctx, li: &LoadedInvoice, given: Option<Pubkey>) -> Result<Option<([u8; 3], Pubkey)>> {
    if li.invoice.currency == USD {
        return Ok(None);
    }
    let price = match given {
        Some(p) => p,
        None => {
            let cfg: CurrencyConfig = ctx
                .account(&pda::currency_config(&li.invoice.pool, &li.invoice.currency), "currency config")
                .context("the pool does not accept the invoice's currency; pass --fx-price or have the manager run `pool currency-set`")?;
            autofactor_localnet::pyth::price_feed_address(&cfg.terms.feed_id)
        }
    };
    Ok(Some((li.invoice.currency, price)))
}

/// Runs an `invoice` command.
pub fn invoice(ctx: &Ctx, cmd: InvoiceCmd) -> Result<Value> {
    match cmd {
        InvoiceCmd::Show { invoice } => {
            let li = load_invoice(ctx, &invoice)?;
            return Ok(views::invoice_json(&li.address, &li.invoice));
        }
        InvoiceCmd::List { pool, supplier, buyer, status } => {
            let list = views::list_invoices(ctx, pool, supplier, buyer, status)?;
            return Ok(Value::Array(
                list.iter()
                    .map(|(a, i)| {
                        json!({"address": a.to_string(), "invoice_number": i.invoice_number, "status": i.status.name(), "currency": String::from_utf8_lossy(&i.currency), "face_minor": i.face_minor, "outstanding_minor": i.outstanding_minor(), "due_date": autofactor_client::state::iso_date(i.due_ts), "supplier": i.supplier.to_string(), "buyer": i.buyer.to_string(), "pool": i.pool.to_string()})
                    })
                    .collect(),
            ));
        }
        _ => {}
    }
    let s = ctx.signer()?;
    let me = s.pubkey();
    match cmd {
        InvoiceCmd::Create {
            pool,
            buyer,
            from_einvoice,
            amount,
            currency,
            issue_date,
            due_date,
            invoice_number,
            metadata_uri,
            metadata_out,
            allow_entity_mismatch,
        } => {
            let flags = TermFlags {
                amount,
                currency,
                issue_date,
                due_date,
                invoice_number,
                metadata_uri,
                metadata_out,
            };
            let t = terms_from_file(&from_einvoice, &flags)?;
            if t.metadata_uri.len() > MAX_METADATA_URI_LEN {
                return Err(err("invalid_argument", format!("metadata URI is {} bytes, at most {MAX_METADATA_URI_LEN}: pass a shorter --metadata-uri", t.metadata_uri.len())));
            }
            // The parties' legal entities: the e-invoice must name them
            // (unless overridden), and the program keys on them.
            let supplier_id: Option<IdentityRecord> = ctx.maybe_account(&pda::identity(&me))?;
            let buyer_id: Option<IdentityRecord> = ctx.maybe_account(&pda::identity(&buyer))?;
            let entity = |r: &Option<IdentityRecord>| {
                r.as_ref().map(|r| (r.entity_id.clone(), r.entity_key)).unwrap_or_default()
            };
            let ((supplier_entity_id, supplier_entity), (buyer_entity_id, buyer_entity)) =
                (entity(&supplier_id), entity(&buyer_id));
            let entity_check =
                check_entities(&t, &supplier_entity_id, &buyer_entity_id, allow_entity_mismatch)?;
            let p = load_pool(ctx, &pool)?;
            let asset = Keypair::new();
            let keys = InvoiceKeys::new(
                PoolKeys::from_pool(&pool, &p),
                asset.pubkey(),
                me,
                buyer,
                supplier_entity,
                buyer_entity,
            );
            let terms = NewInvoice {
                face_minor: t.face_minor,
                currency: t.currency,
                issue_ts: t.issue_ts,
                due_ts: t.due_ts,
                document_hash: t.document_hash,
                invoice_number: t.invoice_number.clone(),
                metadata_uri: t.metadata_uri.clone(),
            };
            let sig = ctx.send(&s, vec![ix::invoice_create(&keys, &terms)], &[&asset])?;
            let mut d = json!({
                "invoice": keys.invoice.to_string(), "asset": asset.pubkey().to_string(), "pool": pool.to_string(),
                "supplier": me.to_string(), "buyer": buyer.to_string(), "invoice_number": t.invoice_number,
                "face_minor": t.face_minor, "currency": String::from_utf8_lossy(&t.currency),
                "issue_date": autofactor_client::state::iso_date(t.issue_ts), "due_date": autofactor_client::state::iso_date(t.due_ts),
                "document_hash": hex::encode(t.document_hash), "metadata_uri": t.metadata_uri,
                "asset_explorer": crate::config::explorer_address(&ctx.url, &asset.pubkey().to_string()),
                "supplier_entity_id": supplier_entity_id, "buyer_entity_id": buyer_entity_id,
                "entity_check": entity_check,
            });
            if let (Value::Object(m), Value::Object(x)) = (&mut d, terms_json(&t)) {
                m.extend(x);
            }
            Ok(ctx.tx_result("invoice create", &sig, d))
        }
        InvoiceCmd::Acknowledge { invoice } => {
            let li = load_invoice(ctx, &invoice)?;
            let sig = ctx.send(&s, vec![ix::invoice_acknowledge(&li.keys)], &[])?;
            Ok(ctx.tx_result("invoice acknowledge", &sig, invoice_details(ctx, &li.address)?))
        }
        InvoiceCmd::Dispute { invoice, reason } => {
            let li = load_invoice(ctx, &invoice)?;
            let h = autofactor_einvoice::sha256(reason.as_bytes());
            let sig = ctx.send(&s, vec![ix::invoice_dispute(&li.keys, h)], &[])?;
            let mut d = invoice_details(ctx, &li.address)?;
            d["reason_hash"] = json!(hex::encode(h));
            Ok(ctx.tx_result("invoice dispute", &sig, d))
        }
        InvoiceCmd::Attest { invoice, credit_score, delivery_proof, delivery_proof_hash } => {
            let li = load_invoice(ctx, &invoice)?;
            let h = match (delivery_proof, delivery_proof_hash) {
                (Some(f), _) => autofactor_einvoice::sha256(
                    &std::fs::read(&f)
                        .map_err(|e| err("io_error", format!("cannot read {}: {e}", f.display())))?,
                ),
                (None, Some(h)) => h,
                (None, None) => {
                    return Err(err(
                        "invalid_argument",
                        "give --delivery-proof FILE or --delivery-proof-hash HEX",
                    ))
                }
            };
            let sig = ctx.send(&s, vec![ix::invoice_attest(&li.keys, &me, h, credit_score)], &[])?;
            let mut d = invoice_details(ctx, &li.address)?;
            d["delivery_proof_hash"] = json!(hex::encode(h));
            d["credit_score"] = json!(credit_score);
            if let Some(i) = ctx.maybe_account::<Invoice>(&li.address)? {
                d["risk_grade"] = json!(match i.risk_grade {
                    g @ 0..=3 => Some(((b'A' + g) as char).to_string()),
                    _ => None,
                });
            }
            Ok(ctx.tx_result("invoice attest", &sig, d))
        }
        InvoiceCmd::Cancel { invoice } => {
            let li = load_invoice(ctx, &invoice)?;
            let sig = ctx.send(
                &s,
                vec![ix::invoice_cancel(&li.keys, &li.invoice.document_hash, &li.invoice.invoice_number)],
                &[],
            )?;
            Ok(ctx.tx_result("invoice cancel", &sig, invoice_details(ctx, &li.address)?))
        }
        InvoiceCmd::ClaimReserve { invoice, to } => {
            let li = load_invoice(ctx, &invoice)?;
            let to = to.unwrap_or_else(|| li.keys.pool.usdc_ata(&me));
            let amount = li.invoice.book.reserve_collected_usdc;
            let sig = ctx.send(&s, vec![ix::invoice_claim_reserve(&li.keys, &to)], &[])?;
            Ok(ctx.tx_result(
                "invoice claim-reserve",
                &sig,
                json!({"invoice": li.address.to_string(), "amount_usdc": micro(amount), "to": to.to_string()}),
            ))
        }
        InvoiceCmd::Finance { invoice, min_advance, fx_price, usdc_price, dry_run } => {
            let li = load_invoice(ctx, &invoice)?;
            let fx = fx_price_for(ctx, &li, fx_price)?;
            let usdc = match usdc_price {
                Some(p) => Some(p),
                None => {
                    let proto: ProtocolConfig = ctx.account(&pda::protocol(), "protocol configuration")?;
                    (proto.usdc_usd_feed_id != [0; 32])
                        .then(|| autofactor_localnet::pyth::price_feed_address(&proto.usdc_usd_feed_id))
                }
            };
            let supplier_usdc = li.keys.pool.usdc_ata(&me);
            let before = token_balance(ctx, &supplier_usdc)?;
            let create_ata = anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent(&me, &me, &li.pool.usdc_mint, &TOKEN_PROGRAM_ID);
            let ixs = vec![create_ata, ix::invoice_finance_with(&li.keys, min_advance, &Prices { fx, usdc })];
            if dry_run {
                return finance_offer(ctx, &li, &me, ixs);
            }
            let sig = ctx.send(&s, ixs, &[])?;
            let mut d = invoice_details(ctx, &li.address)?;
            if let Some(i) = ctx.maybe_account::<Invoice>(&li.address)? {
                d["advance_usdc"] = json!(micro(i.book.pricing.advance_usdc));
                d["face_usdc"] = json!(micro(i.book.pricing.face_usdc));
                d["reserve_usdc"] = json!(micro(i.book.pricing.reserve_usdc));
                d["fx_rate_scaled"] = json!(i.fx_rate_scaled.to_string());
            }
            d["usdc_received"] = json!(micro(token_balance(ctx, &supplier_usdc)?.saturating_sub(before)));
            d["fx_price"] = json!(fx.map(|(_, p)| p.to_string()));
            Ok(ctx.tx_result("invoice finance", &sig, d))
        }
        InvoiceCmd::Repay { invoice, amount_minor, max_usdc, fx_price } => {
            let li = load_invoice(ctx, &invoice)?;
            let fx = fx_price_for(ctx, &li, fx_price)?;
            let amount = amount_minor.unwrap_or(li.invoice.outstanding_minor());
            if amount == 0 {
                return Err(err(
                    "invalid_argument",
                    "nothing to repay: the invoice has no outstanding amount",
                ));
            }
            let payer_usdc = li.keys.pool.usdc_ata(&me);
            let before = token_balance(ctx, &payer_usdc)?;
            let sig = ctx.send(
                &s,
                vec![ix::invoice_repay_with(
                    &li.keys,
                    &me,
                    amount,
                    max_usdc.unwrap_or(u64::MAX),
                    &Prices { fx, usdc: None },
                )],
                &[],
            )?;
            let mut d = invoice_details(ctx, &li.address)?;
            d["amount_minor"] = json!(amount);
            d["usdc_paid"] = json!(micro(before.saturating_sub(token_balance(ctx, &payer_usdc)?)));
            if let Some(i) = ctx.maybe_account::<Invoice>(&li.address)? {
                d["outstanding_minor"] = json!(i.outstanding_minor());
            }
            Ok(ctx.tx_result("invoice repay", &sig, d))
        }
        InvoiceCmd::Show { .. } | InvoiceCmd::List { .. } => unreachable_show(),
    }
}

// ---------------------------------------------------------------- dev helpers

/// `autofactor dev ...` (local chains and devnet).
#[derive(Subcommand, Debug)]
pub enum DevCmd {
    /// Requests an airdrop of SOL.
    Airdrop {
        /// SOL to request.
        #[arg(long, default_value = "10")]
        sol: String,
        /// Recipient [default: the signer].
        #[arg(long)]
        to: Option<Pubkey>,
    },
    /// Creates an SPL Token mint (6 decimals, the signer as mint authority), e.g. a local USDC.
    CreateMint {
        /// Decimals.
        #[arg(long, default_value_t = 6)]
        decimals: u8,
    },
    /// Mints tokens to an owner's associated token account (created if missing); the signer is the mint authority.
    MintTo {
        /// The mint.
        #[arg(long)]
        mint: Pubkey,
        /// The owner wallet.
        #[arg(long)]
        owner: Pubkey,
        /// Amount in whole tokens (6 decimals).
        #[arg(long, value_parser = parse_micro)]
        amount: u64,
    },
}

/// Runs a `dev` command.
pub fn dev(ctx: &Ctx, cmd: DevCmd) -> Result<Value> {
    match cmd {
        DevCmd::Airdrop { sol, to } => {
            let to = match to {
                Some(t) => t,
                None => ctx.signer()?.pubkey(),
            };
            let lamports = parse_micro(&sol)
                .map_err(|e| err("invalid_argument", format!("--sol: {e}")))?
                .saturating_mul(1_000);
            let sig =
                crate::output::with_spinner(ctx.format, "waiting for the airdrop…", || -> Result<_> {
                    let sig = ctx
                        .rpc
                        .request_airdrop(&to, lamports)
                        .map_err(|e| anyhow!(crate::errors::explain_client_error(&e)))?;
                    let start = std::time::Instant::now();
                    while !ctx.rpc.confirm_transaction(&sig).unwrap_or(false) {
                        if start.elapsed() > std::time::Duration::from_secs(60) {
                            return Err(err("timeout", format!("airdrop {sig} not confirmed after 60 s")));
                        }
                        std::thread::sleep(std::time::Duration::from_millis(200));
                    }
                    Ok(sig)
                })?;
            Ok(ctx.tx_result(
                "dev airdrop",
                &sig.to_string(),
                json!({"to": to.to_string(), "lamports": lamports}),
            ))
        }
        DevCmd::CreateMint { decimals } => {
            let s = ctx.signer()?;
            let mint = Keypair::new();
            let rent = ctx
                .rpc
                .get_minimum_balance_for_rent_exemption(82)
                .map_err(|e| anyhow!(crate::errors::explain_client_error(&e)))?;
            let ixs = vec![
                anchor_lang::solana_program::system_instruction::create_account(
                    &s.pubkey(),
                    &mint.pubkey(),
                    rent,
                    82,
                    &TOKEN_PROGRAM_ID,
                ),
                spl_token::instruction::initialize_mint2(
                    &TOKEN_PROGRAM_ID,
                    &mint.pubkey(),
                    &s.pubkey(),
                    None,
                    decimals,
                )
                .map_err(|e| anyhow!("initialize_mint2: {e}"))?,
            ];
            let sig = ctx.send(&s, ixs, &[&mint])?;
            Ok(ctx.tx_result("dev create-mint", &sig, json!({"mint": mint.pubkey().to_string(), "decimals": decimals, "mint_authority": s.pubkey().to_string()})))
        }
        DevCmd::MintTo { mint, owner, amount } => {
            let s = ctx.signer()?;
            let ata = pda::ata(&owner, &mint, &TOKEN_PROGRAM_ID);
            let ixs = vec![
                anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent(&s.pubkey(), &owner, &mint, &TOKEN_PROGRAM_ID),
                spl_token::instruction::mint_to(&TOKEN_PROGRAM_ID, &mint, &ata, &s.pubkey(), &[], amount)
                    .map_err(|e| anyhow!("mint_to: {e}"))?,
            ];
            let sig = ctx.send(&s, ixs, &[])?;
            Ok(ctx.tx_result("dev mint-to", &sig, json!({"mint": mint.to_string(), "owner": owner.to_string(), "token_account": ata.to_string(), "amount": micro(amount)})))
        }
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

    #[test]
    fn keeper_fill_gets_past_a_cancelled_head() {
        let keeper = Pubkey::new_unique();
        // Cancelled: the request address is empty; the keeper names itself
        // and the program skips the head.
        assert_eq!(fill_investor(None, &keeper), (keeper, true));
        let investor = Pubkey::new_unique();
        let zeros = vec![0u8; 512];
        let mut r =
            <WithdrawalRequest as anchor_lang::AnchorDeserialize>::deserialize(&mut &zeros[..]).unwrap();
        r.investor = investor;
        assert_eq!(fill_investor(Some(&r), &keeper), (investor, false));
    }
}

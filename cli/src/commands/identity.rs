//! `autofactor identity …`: an identity issuer's records.

use super::args::{date_ts, parse_date};
use super::ctx::Ctx;
use crate::errors::err;
use crate::output::{Report, View};
use crate::results::{Addr, Names, Time};
use anyhow::Result;
use autofactor_client::constants::SECONDS_PER_DAY;
use autofactor_client::format::code_str;
use autofactor_client::roles::{parse_roles, role_names};
use autofactor_client::state::{iso_date, IdentityRecord, IdentityTerms};
use autofactor_client::{ix, pda};
use clap::{Args, Subcommand};
use serde::Serialize;
use solana_sdk::pubkey::Pubkey;

/// `--wallet`
#[derive(Args, Debug, Clone, Copy)]
pub struct WalletArg {
    /// The wallet.
    #[arg(long)]
    pub wallet: Pubkey,
}

/// The attributes of an identity record.
#[derive(Args, Debug, Clone)]
pub struct IdentityArgs {
    #[command(flatten)]
    wallet: WalletArg,
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
            expires_ts: self.expires.map(date_ts).unwrap_or(now + 365 * SECONDS_PER_DAY),
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
    Revoke(WalletArg),
    /// Shows a wallet's identity record.
    Show(WalletArg),
}

/// The canonical form of an entity id (as the program will store it), or
/// the id as given if the program will refuse it.
fn canonical_or_given(entity_id: &str) -> String {
    autofactor_client::canonical::canonical_entity_id(entity_id).unwrap_or_else(|_| entity_id.to_string())
}

/// Runs an `identity` command.
pub fn run(ctx: &Ctx, cmd: IdentityCmd) -> Result<Report> {
    let (a, update) = match cmd {
        IdentityCmd::Show(WalletArg { wallet }) => {
            let addr = pda::identity(&wallet);
            let r: IdentityRecord = ctx.account(&addr, "identity record")?;
            return IdentityView::new(&addr, &r).report();
        }
        IdentityCmd::Revoke(WalletArg { wallet }) => {
            let d = Revoked { record: Addr(pda::identity(&wallet)), wallet: Addr(wallet) };
            return ctx.send_simple(|me| vec![ix::identity_revoke(me, &wallet)], d);
        }
        IdentityCmd::Issue(a) => (a, false),
        IdentityCmd::Update(a) => (a, true),
    };
    let wallet = a.wallet.wallet;
    let now = ctx.chain_now()?;
    let current = if update { ctx.maybe_account::<IdentityRecord>(&pda::identity(&wallet))? } else { None };
    let t = a.terms(now, current.as_ref().map(|r| r.entity_id.as_str()).unwrap_or(""))?;
    let d = Issued {
        record: Addr(pda::identity(&wallet)),
        wallet: Addr(wallet),
        roles: Names(role_names(t.roles).into_iter().map(String::from).collect()),
        entity_id: canonical_or_given(&t.entity_id),
        expires_ts: Time(t.expires_ts),
    };
    if update {
        ctx.send_simple(|me| vec![ix::identity_update(me, &wallet, t)], d)
    } else {
        ctx.send_simple(|me| vec![ix::identity_issue(me, &wallet, t)], d)
    }
}

crate::result! {
    /// `identity revoke`
    pub struct Revoked {
        /// The record.
        record: Addr,
        /// Its wallet.
        wallet: Addr,
    }
}

crate::result! {
    /// `identity issue` / `update`
    pub struct Issued {
        /// The record.
        record: Addr,
        /// Its wallet.
        wallet: Addr,
        /// The roles granted.
        roles: Names,
        /// The legal entity (canonical form).
        entity_id: String,
        /// When the record expires.
        expires_ts: Time,
    }
}

/// `identity show`
#[derive(Serialize)]
pub struct IdentityView {
    address: String,
    wallet: String,
    issuer: String,
    roles: Vec<&'static str>,
    jurisdiction: String,
    accreditation: u8,
    did: String,
    entity_id: String,
    entity_key: String,
    expires: String,
    expires_ts: i64,
    revoked: bool,
}

impl IdentityView {
    /// The view of a record.
    pub fn new(addr: &Pubkey, r: &IdentityRecord) -> Self {
        IdentityView {
            address: addr.to_string(),
            wallet: r.wallet.to_string(),
            issuer: r.issuer.to_string(),
            roles: role_names(r.roles),
            jurisdiction: code_str(&r.jurisdiction),
            accreditation: r.accreditation,
            did: r.did.clone(),
            entity_id: r.entity_id.clone(),
            entity_key: hex::encode(r.entity_key),
            expires: iso_date(r.expires_ts),
            expires_ts: r.expires_ts,
            revoked: r.revoked,
        }
    }
}

impl View for IdentityView {}

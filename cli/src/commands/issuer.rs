//! `autofactor issuer …`: the protocol admin's identity issuers.

use super::ctx::Ctx;
use crate::output::{Report, View};
use crate::results::Addr;
use anyhow::Result;
use autofactor_client::state::IdentityIssuer;
use autofactor_client::{ix, pda};
use clap::{Args, Subcommand};
use serde::Serialize;
use solana_sdk::pubkey::Pubkey;

/// `--authority`
#[derive(Args, Debug, Clone, Copy)]
pub struct AuthorityArg {
    /// The issuer's signing wallet.
    #[arg(long)]
    pub authority: Pubkey,
}

/// `autofactor issuer ...`
#[derive(Subcommand, Debug)]
pub enum IssuerCmd {
    /// Registers an identity issuer (admin).
    Register {
        #[command(flatten)]
        authority: AuthorityArg,
        /// Display name.
        #[arg(long)]
        name: String,
    },
    /// Activates or deactivates an issuer (admin).
    SetActive {
        #[command(flatten)]
        authority: AuthorityArg,
        /// true or false.
        #[arg(long, action = clap::ArgAction::Set)]
        active: bool,
    },
    /// Shows an issuer.
    Show(AuthorityArg),
}

/// `issuer show`
#[derive(Serialize)]
struct IssuerView {
    address: String,
    authority: String,
    name: String,
    active: bool,
    records_issued: u64,
}

impl View for IssuerView {}

/// Runs an `issuer` command.
pub fn run(ctx: &Ctx, cmd: IssuerCmd) -> Result<Report> {
    match cmd {
        IssuerCmd::Show(AuthorityArg { authority }) => {
            let addr = pda::issuer(&authority);
            let i: IdentityIssuer = ctx.account(&addr, "identity issuer")?;
            IssuerView {
                address: addr.to_string(),
                authority: i.authority.to_string(),
                name: i.name,
                active: i.active,
                records_issued: i.records_issued,
            }
            .report()
        }
        IssuerCmd::Register { authority: AuthorityArg { authority }, name } => {
            let d = Registered {
                issuer: Addr(pda::issuer(&authority)),
                authority: Addr(authority),
                name: name.clone(),
            };
            ctx.send_simple(|me| vec![ix::issuer_register(me, &authority, &name)], d)
        }
        IssuerCmd::SetActive { authority: AuthorityArg { authority }, active } => {
            let d = ActiveSet { issuer: Addr(pda::issuer(&authority)), active };
            ctx.send_simple(|me| vec![ix::issuer_set_active(me, &authority, active)], d)
        }
    }
}

crate::result! {
    /// `issuer register`
    pub struct Registered {
        /// The issuer account.
        issuer: Addr,
        /// Its signing wallet.
        authority: Addr,
        /// Its name.
        name: String,
    }
}

crate::result! {
    /// `issuer set-active`
    pub struct ActiveSet {
        /// The issuer account.
        issuer: Addr,
        /// Whether it may issue records.
        active: bool,
    }
}

//! `autofactor protocol …`: the protocol admin's configuration, pause,
//! admin transfer and USDC guard.

use super::args::parse_hash32;
use super::ctx::Ctx;
use crate::output::{Report, View};
use crate::results::{Addr, Bps, Hex32};
use anyhow::Result;
use autofactor_client::format::bps;
use autofactor_client::ix;
use autofactor_client::pda;
use autofactor_client::state::ProtocolConfig;
use clap::Subcommand;
use serde::Serialize;
use solana_sdk::pubkey::Pubkey;

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
pub fn run(ctx: &Ctx, cmd: ProtocolCmd) -> Result<Report> {
    match cmd {
        ProtocolCmd::Show => ProtocolView::new(&ctx.protocol()?).report(),
        ProtocolCmd::Init { usdc_mint, treasury, fee_bps } => {
            let me = ctx.me()?;
            let treasury = treasury.unwrap_or(me);
            let d = Initialized {
                protocol: Addr(pda::protocol()),
                admin: Addr(me),
                usdc_mint: Addr(usdc_mint),
                treasury: Addr(treasury),
                protocol_fee_bps: Bps(fee_bps),
            };
            ctx.send_simple(|me| vec![ix::protocol_initialize(me, &usdc_mint, &treasury, fee_bps)], d)
        }
        ProtocolCmd::Update { fee_bps, treasury } => {
            let cur = ctx.protocol()?;
            let fee = fee_bps.unwrap_or(cur.protocol_fee_bps);
            let t = treasury.unwrap_or(cur.treasury);
            let d = Updated { protocol_fee_bps: Bps(fee), treasury: Addr(t) };
            ctx.send_simple(|me| vec![ix::protocol_update(me, fee, &t)], d)
        }
        ProtocolCmd::Pause | ProtocolCmd::Unpause => {
            let paused = matches!(cmd, ProtocolCmd::Pause);
            ctx.send_simple(|me| vec![ix::protocol_set_paused(me, paused)], Paused { paused })
        }
        ProtocolCmd::ProposeAdmin { new_admin } => ctx.send_simple(
            |me| vec![ix::protocol_admin_propose(me, &new_admin)],
            AdminProposed { pending_admin: Addr(new_admin) },
        ),
        ProtocolCmd::AcceptAdmin => {
            let admin = Addr(ctx.me()?);
            ctx.send_simple(|me| vec![ix::protocol_admin_accept(me)], AdminAccepted { admin })
        }
        ProtocolCmd::UsdcGuard { feed_id, disable, min_price_bps, max_age_secs } => {
            let feed = if disable { [0; 32] } else { feed_id.unwrap_or_default() };
            let d = UsdcGuardSet {
                enabled: !disable,
                feed_id: Hex32(feed),
                min_price_bps: Bps(min_price_bps),
                max_age_secs,
            };
            ctx.send_simple(|me| vec![ix::protocol_set_usdc_guard(me, feed, min_price_bps, max_age_secs)], d)
        }
    }
}

crate::result! {
    /// `protocol init`
    pub struct Initialized {
        /// The protocol config account.
        protocol: Addr,
        /// The admin (the signer).
        admin: Addr,
        /// The USDC mint.
        usdc_mint: Addr,
        /// The treasury.
        treasury: Addr,
        /// The protocol fee.
        protocol_fee_bps: Bps,
    }
}

crate::result! {
    /// `protocol update`
    pub struct Updated {
        /// The protocol fee.
        protocol_fee_bps: Bps,
        /// The treasury.
        treasury: Addr,
    }
}

crate::result! {
    /// `protocol pause` / `unpause`
    pub struct Paused {
        /// Whether the protocol is now paused.
        paused: bool,
    }
}

crate::result! {
    /// `protocol propose-admin`
    pub struct AdminProposed {
        /// The proposed admin.
        pending_admin: Addr,
    }
}

crate::result! {
    /// `protocol accept-admin`
    pub struct AdminAccepted {
        /// The new admin (the signer).
        admin: Addr,
    }
}

crate::result! {
    /// `protocol usdc-guard`
    pub struct UsdcGuardSet {
        /// Whether the depeg guard is on.
        enabled: bool,
        /// The USDC/USD feed id (zeros: off).
        feed_id: Hex32,
        /// Financing is refused below this price.
        min_price_bps: Bps,
        /// Maximum price age (seconds).
        max_age_secs: u32,
    }
}

/// `protocol show`
#[derive(Serialize)]
pub struct ProtocolView {
    address: String,
    admin: String,
    pending_admin: Option<String>,
    treasury: String,
    usdc_mint: String,
    protocol_fee_bps: u16,
    paused: bool,
    issuer_count: u64,
    pool_count: u64,
    usdc_guard: UsdcGuardView,
}

/// The USDC depeg guard.
#[derive(Serialize)]
struct UsdcGuardView {
    enabled: bool,
    feed_id: String,
    min_price_bps: u16,
    max_age_secs: u32,
}

impl ProtocolView {
    /// The view of a configuration.
    pub fn new(p: &ProtocolConfig) -> Self {
        ProtocolView {
            address: pda::protocol().to_string(),
            admin: p.admin.to_string(),
            pending_admin: (p.pending_admin != Pubkey::default()).then(|| p.pending_admin.to_string()),
            treasury: p.treasury.to_string(),
            usdc_mint: p.usdc_mint.to_string(),
            protocol_fee_bps: p.protocol_fee_bps,
            paused: p.paused,
            issuer_count: p.issuer_count.into(),
            pool_count: p.pool_count,
            usdc_guard: UsdcGuardView {
                enabled: p.usdc_usd_feed_id != [0; 32],
                feed_id: hex::encode(p.usdc_usd_feed_id),
                min_price_bps: p.min_usdc_price_bps,
                max_age_secs: p.usdc_max_age_secs,
            },
        }
    }
}

impl View for ProtocolView {
    fn summary(&self) -> Vec<(String, String)> {
        let guard = if self.usdc_guard.enabled {
            format!("on, below {} of $1 refused", bps(self.usdc_guard.min_price_bps.into()))
        } else {
            "off".into()
        };
        vec![
            ("status".into(), if self.paused { "PAUSED".into() } else { "active".into() }),
            ("protocol fee".into(), format!("{} of pool income", bps(self.protocol_fee_bps.into()))),
            ("pools / issuers".into(), format!("{} / {}", self.pool_count, self.issuer_count)),
            ("USDC guard".into(), guard),
        ]
    }
}

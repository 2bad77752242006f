//! `autofactor pool …`: the pool manager's pools, verifiers and
//! currencies, the pool keeper actions, and the pool views.

mod config;
mod currency;
mod view;

pub use config::config_file_json;
pub use view::{positions, PoolView};

use super::args::PoolArg;
use super::ctx::Ctx;
use crate::output::{Report, View};
use anyhow::Result;
use autofactor_client::ix::{self, PoolKeys};
use autofactor_client::{pda, presets, TOKEN_PROGRAM_ID};
use clap::{Args, Subcommand};
use config::{ConfigFile, PoolConfigArgs};
use serde_json::json;
use solana_sdk::pubkey::Pubkey;

/// `--pool` and `--verifier`
#[derive(Args, Debug, Clone, Copy)]
pub struct VerifierArgs {
    #[command(flatten)]
    pool: PoolArg,
    /// The verifier wallet.
    #[arg(long)]
    verifier: Pubkey,
}

/// `autofactor pool ...`
#[derive(Subcommand, Debug)]
pub enum PoolCmd {
    /// Creates a pool (manager). Defaults: the preset terms (8% senior APR,
    /// 20% junior minimum, grades A–D; `autofactor_client::presets`).
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
        #[command(flatten)]
        pool: PoolArg,
        #[command(flatten)]
        config: PoolConfigArgs,
    },
    /// Pauses a pool (manager).
    Pause(PoolArg),
    /// Unpauses a pool (manager).
    Unpause(PoolArg),
    /// Accrues the senior claim to now (anyone).
    Refresh(PoolArg),
    /// Registers a verifier (manager).
    VerifierAdd(VerifierArgs),
    /// Removes a verifier (manager).
    VerifierRemove(VerifierArgs),
    /// Accepts a currency or updates its terms (manager). Defaults for
    /// currencies with a known Pyth feed come from the preset terms.
    CurrencySet(currency::CurrencySetArgs),
    /// Stops accepting a currency (manager).
    CurrencyRemove {
        #[command(flatten)]
        pool: PoolArg,
        /// ISO 4217 code.
        #[arg(long, value_parser = super::args::parse_currency)]
        code: [u8; 3],
    },
    /// Pays the fees the pool owes to the treasury and the manager (anyone).
    CollectFees(PoolArg),
    /// Pool summary: NAV, tranche values and prices, cash, receivables, queues.
    Show(PoolArg),
    /// Lists all pools.
    List,
    /// Exposure by buyer, supplier and currency.
    Exposure(PoolArg),
}

/// Runs a `pool` command.
pub fn run(ctx: &Ctx, cmd: PoolCmd) -> Result<Report> {
    match cmd {
        PoolCmd::Show(PoolArg { pool }) => {
            PoolView::new(&pool, &ctx.pool(&pool)?, ctx.chain_now()?)?.report()
        }
        PoolCmd::List => view::list(ctx),
        PoolCmd::Exposure(PoolArg { pool }) => view::exposure(ctx, &pool),
        PoolCmd::Create { pool_id, usdc_mint, config } => {
            let me = ctx.me()?;
            let usdc = match usdc_mint {
                Some(m) => m,
                None => ctx.protocol()?.usdc_mint,
            };
            let base = ConfigFile::from_chain(&presets::pool_params(), &presets::pool_policy());
            let (p, q) = config.apply(base)?;
            let keys = PoolKeys::derive(&me, pool_id, &usdc);
            let d = json!({
                "pool": keys.pool.to_string(), "pool_id": pool_id, "manager": me.to_string(),
                "vault": keys.vault.to_string(), "senior_mint": keys.senior_mint.to_string(),
                "junior_mint": keys.junior_mint.to_string(), "config": config_file_json(&p, &q),
            });
            ctx.send_simple(|me| vec![ix::pool_create(me, &usdc, pool_id, p, q)], d)
        }
        PoolCmd::Update { pool: PoolArg { pool }, config } => {
            let cur = ctx.pool(&pool)?;
            let (p, q) = config.apply(ConfigFile::from_chain(&cur.params, &cur.policy))?;
            let d = json!({"pool": pool.to_string(), "config": config_file_json(&p, &q)});
            ctx.send_simple(|me| vec![ix::pool_update_config(me, &pool, p, q)], d)
        }
        PoolCmd::Pause(PoolArg { pool }) | PoolCmd::Unpause(PoolArg { pool }) => {
            let paused = matches!(cmd, PoolCmd::Pause(_));
            let d = json!({"pool": pool.to_string(), "paused": paused});
            ctx.send_simple(|me| vec![ix::pool_set_paused(me, &pool, paused)], d)
        }
        PoolCmd::Refresh(a) => refresh(ctx, a),
        PoolCmd::VerifierAdd(VerifierArgs { pool: PoolArg { pool }, verifier }) => {
            let d = json!({
                "pool": pool.to_string(), "verifier": verifier.to_string(),
                "pool_verifier": pda::pool_verifier(&pool, &verifier).to_string(),
            });
            ctx.send_simple(|me| vec![ix::pool_verifier_add(me, &pool, &verifier)], d)
        }
        PoolCmd::VerifierRemove(VerifierArgs { pool: PoolArg { pool }, verifier }) => {
            let d = json!({"pool": pool.to_string(), "verifier": verifier.to_string()});
            ctx.send_simple(|me| vec![ix::pool_verifier_remove(me, &pool, &verifier)], d)
        }
        PoolCmd::CurrencySet(a) => currency::set(ctx, a),
        PoolCmd::CurrencyRemove { pool: PoolArg { pool }, code } => {
            let d = json!({"pool": pool.to_string(), "currency": String::from_utf8_lossy(&code)});
            ctx.send_simple(|me| vec![ix::pool_currency_remove(me, &pool, &code)], d)
        }
        PoolCmd::CollectFees(a) => collect_fees(ctx, a),
    }
}

/// `pool refresh` (also `keeper refresh`).
pub fn refresh(ctx: &Ctx, PoolArg { pool }: PoolArg) -> Result<Report> {
    ctx.send_simple(|_| vec![ix::pool_refresh(&pool)], json!({"pool": pool.to_string()}))
}

/// `pool collect-fees` (also `keeper collect-fees`).
pub fn collect_fees(ctx: &Ctx, PoolArg { pool }: PoolArg) -> Result<Report> {
    let (p, keys) = ctx.pool_keys(&pool)?;
    let proto = ctx.protocol()?;
    let d = json!({
        "pool": pool.to_string(),
        "protocol_fees_usdc": autofactor_client::format::usdc(p.ledger.protocol_fees_owed_usdc),
        "manager_fees_usdc": autofactor_client::format::usdc(p.ledger.manager_fees_owed_usdc),
    });
    ctx.send_simple(
        |me| {
            let ata = |owner: &Pubkey| super::create_ata(me, owner, &p.usdc_mint, &TOKEN_PROGRAM_ID);
            vec![
                ata(&proto.treasury),
                ata(&p.manager),
                ix::pool_collect_fees(&keys, &proto.treasury, &p.manager),
            ]
        },
        d,
    )
}

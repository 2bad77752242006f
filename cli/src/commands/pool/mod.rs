//! `autofactor pool …`: the pool manager's pools, verifiers and
//! currencies, the pool keeper actions, and the pool views.

mod config;
mod currency;
mod view;

pub use view::{positions, PoolView};

use super::args::PoolArg;
use super::ctx::Ctx;
use crate::output::{Report, View};
use crate::results::{Addr, Json, Usdc};
use anyhow::Result;
use autofactor_client::events::FeesCollected;
use autofactor_client::format::code_str;
use autofactor_client::ix::{self, PoolKeys};
use autofactor_client::{pda, presets, TOKEN_PROGRAM_ID};
use clap::{Args, Subcommand};
pub use config::ConfigFile;
use config::PoolConfigArgs;
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
            let base = ConfigFile { params: presets::pool_params(), policy: presets::pool_policy() };
            let c = config.apply(base)?;
            let keys = PoolKeys::derive(&me, pool_id, &usdc);
            let d = Created {
                pool: Addr(keys.pool),
                pool_id,
                manager: Addr(me),
                vault: Addr(keys.vault),
                senior_mint: Addr(keys.senior_mint),
                junior_mint: Addr(keys.junior_mint),
                config: Json(c),
            };
            ctx.send_simple(|me| vec![ix::pool_create(me, &usdc, pool_id, c.params, c.policy)], d)
        }
        PoolCmd::Update { pool: PoolArg { pool }, config } => {
            let cur = ctx.pool(&pool)?;
            let c = config.apply(ConfigFile { params: cur.params, policy: cur.policy })?;
            let d = Updated { pool: Addr(pool), config: Json(c) };
            ctx.send_simple(|me| vec![ix::pool_update_config(me, &pool, c.params, c.policy)], d)
        }
        PoolCmd::Pause(PoolArg { pool }) | PoolCmd::Unpause(PoolArg { pool }) => {
            let paused = matches!(cmd, PoolCmd::Pause(_));
            let d = Paused { pool: Addr(pool), paused };
            ctx.send_simple(|me| vec![ix::pool_set_paused(me, &pool, paused)], d)
        }
        PoolCmd::Refresh(a) => refresh(ctx, a),
        PoolCmd::VerifierAdd(VerifierArgs { pool: PoolArg { pool }, verifier }) => {
            let d = VerifierAdded {
                pool: Addr(pool),
                verifier: Addr(verifier),
                pool_verifier: Addr(pda::pool_verifier(&pool, &verifier)),
            };
            ctx.send_simple(|me| vec![ix::pool_verifier_add(me, &pool, &verifier)], d)
        }
        PoolCmd::VerifierRemove(VerifierArgs { pool: PoolArg { pool }, verifier }) => {
            let d = VerifierRemoved { pool: Addr(pool), verifier: Addr(verifier) };
            ctx.send_simple(|me| vec![ix::pool_verifier_remove(me, &pool, &verifier)], d)
        }
        PoolCmd::CurrencySet(a) => currency::set(ctx, a),
        PoolCmd::CurrencyRemove { pool: PoolArg { pool }, code } => {
            let d = CurrencyRemoved { pool: Addr(pool), currency: code_str(&code) };
            ctx.send_simple(|me| vec![ix::pool_currency_remove(me, &pool, &code)], d)
        }
        PoolCmd::CollectFees(a) => collect_fees(ctx, a),
    }
}

/// `pool refresh` (also `keeper refresh`).
pub fn refresh(ctx: &Ctx, PoolArg { pool }: PoolArg) -> Result<Report> {
    ctx.send_simple(|_| vec![ix::pool_refresh(&pool)], Refreshed { pool: Addr(pool) })
}

/// `pool collect-fees` (also `keeper collect-fees`): the fees paid, from
/// the transaction's `FeesCollected` event.
pub fn collect_fees(ctx: &Ctx, PoolArg { pool }: PoolArg) -> Result<Report> {
    let (p, keys) = ctx.pool_keys(&pool)?;
    let proto = ctx.protocol()?;
    let s = ctx.signer()?;
    let me = solana_sdk::signature::Signer::pubkey(&s);
    let ata = |owner: &Pubkey| super::create_ata(&me, owner, &p.usdc_mint, &TOKEN_PROGRAM_ID);
    let ixs = vec![
        ata(&proto.treasury),
        ata(&p.manager),
        ix::pool_collect_fees(&keys, &proto.treasury, &p.manager),
    ];
    let sent = ctx.send(&s, ixs, &[])?;
    let fees = sent.expect_event::<FeesCollected>()?;
    let d = FeesPaid {
        pool: Addr(pool),
        protocol_fees_usdc: Usdc(fees.protocol_fees_usdc),
        manager_fees_usdc: Usdc(fees.manager_fees_usdc),
    };
    ctx.tx_result(&sent, d)
}

crate::result! {
    /// `pool create`
    pub struct Created {
        /// The pool.
        pool: Addr,
        /// Its id.
        pool_id: u64,
        /// Its manager (the signer).
        manager: Addr,
        /// Its USDC vault.
        vault: Addr,
        /// The senior share mint.
        senior_mint: Addr,
        /// The junior share mint.
        junior_mint: Addr,
        /// Parameters and policy (the config-file shape).
        config: Json<ConfigFile>,
    }
}

crate::result! {
    /// `pool update`
    pub struct Updated {
        /// The pool.
        pool: Addr,
        /// Parameters and policy sent (the config-file shape).
        config: Json<ConfigFile>,
    }
}

crate::result! {
    /// `pool pause` / `unpause`
    pub struct Paused {
        /// The pool.
        pool: Addr,
        /// Whether it is now paused.
        paused: bool,
    }
}

crate::result! {
    /// `pool verifier-add`
    pub struct VerifierAdded {
        /// The pool.
        pool: Addr,
        /// The verifier wallet.
        verifier: Addr,
        /// Its registration account.
        pool_verifier: Addr,
    }
}

crate::result! {
    /// `pool verifier-remove`
    pub struct VerifierRemoved {
        /// The pool.
        pool: Addr,
        /// The verifier wallet.
        verifier: Addr,
    }
}

crate::result! {
    /// `pool currency-remove`
    pub struct CurrencyRemoved {
        /// The pool.
        pool: Addr,
        /// The currency no longer accepted.
        currency: String,
    }
}

crate::result! {
    /// `pool refresh`
    pub struct Refreshed {
        /// The pool.
        pool: Addr,
    }
}

crate::result! {
    /// `pool collect-fees`
    pub struct FeesPaid {
        /// The pool.
        pool: Addr,
        /// Paid to the protocol treasury.
        protocol_fees_usdc: Usdc,
        /// Paid to the manager.
        manager_fees_usdc: Usdc,
    }
}

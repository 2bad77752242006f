//! The demo seed (`--demo`): a USDC mint, the protocol (admin, treasury),
//! an identity issuer, a pool (accepting the eight published currencies,
//! with a registered verifier) with senior and junior investors who
//! deposited, suppliers, buyers and a verifier with identities — all made
//! with real transactions built by `autofactor_client::ix`, so the history
//! (`getTransaction`, events) is there too.
//!
//! Every wallet's keypair is written as a Solana CLI keypair file to the keys
//! directory, with `demo.json` listing addresses, roles and URLs.
//!
//! The seed is a sequence of steps ([`seed`]) ending with invoices at every
//! lifecycle stage ([`crate::demo_invoices`]). It runs on a clock that
//! starts [`crate::demo_invoices::SEED_DAYS_AGO`] days in the past and
//! steps forward to wall time, so that invoices can become late and
//! defaulted (see that module).

use crate::chain::ChainHandle;
use crate::demo_invoices::{self, DemoInvoice};
pub use crate::seeder::Wallet;
use crate::seeder::{wallets, Seeder, DEPOSITS};
use crate::{keys, pyth};
use anchor_lang::solana_program::system_instruction;
use anyhow::{bail, Context as _};
use autofactor_client::constants::*;
use autofactor_client::ix::{self, PoolKeys};
use autofactor_client::state::{IdentityTerms, PoolParams, Tranche};
use autofactor_client::{pda, TOKEN_PROGRAM_ID};
use serde_json::json;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signer};
use std::path::{Path, PathBuf};

pub use autofactor_client::presets::USDC;
/// SOL each demo wallet receives.
pub const WALLET_SOL: u64 = 100;
/// Name of the manifest in the keys directory.
pub const MANIFEST: &str = "demo.json";
/// The demo pool's id (per manager).
pub const POOL_ID: u64 = 1;

/// What the demo seed made.
#[derive(Clone, Debug)]
pub struct DemoInfo {
    /// Where the keypair files are.
    pub keys_dir: PathBuf,
    /// JSON-RPC URL.
    pub rpc_url: String,
    /// WebSocket URL.
    pub ws_url: String,
    /// USDC mint.
    pub usdc_mint: Pubkey,
    /// The pool's addresses.
    pub pool: PoolKeys,
    /// `(name, address, roles)` of every wallet.
    pub wallets: Vec<(String, Pubkey, u8)>,
    /// The demo invoices (stage, currency, addresses, document, metadata URI).
    pub invoices: Vec<DemoInvoice>,
    /// The API base URL the invoices' metadata URIs were made for.
    pub api_url: String,
    /// True when the ledger already held the demo (nothing was sent).
    pub restored: bool,
}

impl DemoInfo {
    /// Every demo invoice's e-invoice: `(supplier wallet, UBL XML bytes)`,
    /// read from the keys directory — what the indexer originates so that
    /// the asset URIs resolve.
    pub fn documents(&self) -> anyhow::Result<Vec<(Pubkey, Vec<u8>)>> {
        let mut out = Vec::new();
        for i in self.invoices.iter().filter(|i| !i.document_file.is_empty()) {
            let supplier = self
                .wallets
                .iter()
                .find(|w| w.0 == i.supplier)
                .with_context(|| format!("{}: no wallet {}", i.number, i.supplier))?
                .1;
            let path = self.keys_dir.join(&i.document_file);
            let bytes = std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
            out.push((supplier, bytes));
        }
        Ok(out)
    }

    /// Prints the demo summary.
    pub fn print(&self) {
        if self.restored {
            crate::out!("  Demo         : restored from the ledger (not re-seeded)");
        } else {
            crate::out!("  Demo         : seeded");
        }
        crate::out!("    keypairs   : {}/ (Solana CLI JSON keypair files)", self.keys_dir.display());
        crate::out!("    manifest   : {}", self.keys_dir.join(MANIFEST).display());
        crate::out!("    USDC mint  : {}", self.usdc_mint);
        crate::out!(
            "    pool       : {} (senior {}, junior {})",
            self.pool.pool,
            self.pool.senior_mint,
            self.pool.junior_mint
        );
        for (name, key, roles) in &self.wallets {
            crate::out!("    {name:<20} {key}  {}", role_names(*roles).join(","));
        }
        if !self.invoices.is_empty() {
            crate::out!(
                "    invoices   : {} (stage, face, invoice account; details in the manifest)",
                self.invoices.len()
            );
        }
        for i in &self.invoices {
            let advance = if i.advance_usdc > 0 {
                format!("  advance {}", autofactor_client::format::usdc_money(i.advance_usdc))
            } else {
                String::new()
            };
            let closed = if i.stage.status().is_none() { " (closed)" } else { "" };
            crate::out!(
                "    {} {:<16}{:>20}  {}{closed}{advance}",
                i.number,
                i.stage.name(),
                i.face(),
                i.invoice
            );
        }
        crate::out!("    RPC {}  WS {}", self.rpc_url, self.ws_url);
    }
}

/// Role names, and the demo pool's terms: the client's presets (also the
/// CLI's defaults for `pool create` and `pool currency-set`).
pub use autofactor_client::presets::{
    currency_terms, pool_params as demo_params, pool_policy as demo_policy,
};
pub use autofactor_client::roles::role_names;

/// Seeds the demo (or recognises a ledger that already holds it) and
/// writes the keypairs, the invoices' e-invoices (`documents/`) and
/// `demo.json` to `keys_dir`. The invoices' asset URIs point at `api_url`'s
/// `/metadata/<sha256>.json` (the indexer API `autofactor localnet --demo`
/// starts, which stores [`DemoInfo::documents`] first).
pub async fn seed(
    chain: &ChainHandle,
    keys_dir: &Path,
    rpc_url: &str,
    ws_url: &str,
    api_url: &str,
) -> anyhow::Result<DemoInfo> {
    if chain.account(&pda::protocol()).await.is_some() {
        return restored(keys_dir, rpc_url, ws_url, api_url);
    }
    let s = Seeder { chain, wallets: wallets() };

    // 0. The seed's clock starts in the past (before the first transaction:
    //    the only moment the chain lets its clock go back).
    chain
        .set_clock_offset(-demo_invoices::SEED_DAYS_AGO * 86_400)
        .await
        .context("setting the seed's clock in the past")?;

    // 1. SOL for every wallet (the admin pays the set-up transactions).
    for w in &s.wallets {
        let sig = chain
            .airdrop(w.keypair.pubkey(), WALLET_SOL * 1_000_000_000)
            .await
            .map_err(|e| anyhow::anyhow!("airdrop to {}: {e}", w.name))?;
        if chain.transaction(&sig).is_none_or(|r| r.meta.status.is_err()) {
            bail!("airdrop to {} failed", w.name);
        }
    }

    // 2. The USDC mint (SPL Token, 6 decimals).
    let usdc_mint = Keypair::new();
    let usdc = usdc_mint.pubkey();
    let rent = chain.info().rent.minimum_balance(82);
    let mint_authority = s.key("usdc-mint-authority");
    s.send(
        "create the USDC mint",
        &[
            system_instruction::create_account(&s.key("admin"), &usdc, rent, 82, &TOKEN_PROGRAM_ID),
            anchor_spl::token::spl_token::instruction::initialize_mint2(
                &TOKEN_PROGRAM_ID,
                &usdc,
                &mint_authority,
                None,
                6,
            )
            .context("initialize_mint2")?,
        ],
        &[&usdc_mint],
    )
    .await?;

    // 3. The protocol (10% fee to the treasury) and the identity issuer.
    let admin = s.key("admin");
    s.send("protocol_initialize", &[ix::protocol_initialize(&admin, &usdc, &s.key("treasury"), 1_000)], &[])
        .await?;
    let issuer = s.key("issuer");
    s.send("issuer_register", &[ix::issuer_register(&admin, &issuer, "Autofactor Demo KYC")], &[]).await?;

    // 4. Identities.
    let expires = s.now().await + 3 * 365 * 86_400;
    for w in s.wallets.iter().filter(|w| w.roles != 0) {
        let terms = IdentityTerms {
            roles: w.roles,
            jurisdiction: w.jurisdiction,
            accreditation: if w.roles & ROLE_INVESTOR != 0 { 1 } else { 0 },
            did: format!("did:web:{}.demo.autofactor.example", w.name),
            entity_id: w.entity_id.to_string(),
            expires_ts: expires,
        };
        s.send(
            &format!("identity_issue {}", w.name),
            &[ix::identity_issue(&issuer, &w.keypair.pubkey(), terms)],
            &[s.kp("issuer")],
        )
        .await?;
    }

    // 5. The pool. The seed plays 130 days in a few seconds and finances
    //    right after deposits, so the seeded pool has no holding period
    //    (pools created with `pool create` get the default one).
    let manager = s.key("manager");
    let seed_params = PoolParams { min_hold_secs: 0, ..demo_params() };
    s.send(
        "pool_create",
        &[ix::pool_create(&manager, &usdc, POOL_ID, seed_params, demo_policy())],
        &[s.kp("manager")],
    )
    .await?;
    let pool = PoolKeys::derive(&manager, POOL_ID, &usdc);

    // 5b. The pool accepts every published currency (its local Pyth feed)
    //     and the verifier attests for it.
    for feed in pyth::FEEDS {
        s.send(
            &format!("pool_currency_set {}", feed.currency),
            &[ix::pool_currency_set(&manager, &pool.pool, currency_terms(feed))],
            &[s.kp("manager")],
        )
        .await?;
    }
    s.send(
        "pool_verifier_add",
        &[ix::pool_verifier_add(&manager, &pool.pool, &s.key("verifier"))],
        &[s.kp("manager")],
    )
    .await?;

    // 6. USDC: investors (deposit + 100k spare), buyers (for repayments);
    //    USDC accounts for everyone who will receive USDC.
    use anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent as create_ata;
    let mut usdc_for: Vec<(&str, u64)> =
        DEPOSITS.iter().map(|(n, _, amount)| (*n, amount + 100_000)).collect();
    usdc_for.extend([
        ("buyer-1", 2_000_000),
        ("buyer-2", 2_000_000),
        ("supplier-1", 0),
        ("supplier-2", 0),
        ("treasury", 0),
        ("manager", 0),
    ]);
    for (name, amount) in usdc_for {
        let owner = s.key(name);
        let ata = pda::ata(&owner, &usdc, &TOKEN_PROGRAM_ID);
        let mut ixs = vec![create_ata(&admin, &owner, &usdc, &TOKEN_PROGRAM_ID)];
        if amount > 0 {
            ixs.push(
                anchor_spl::token::spl_token::instruction::mint_to(
                    &TOKEN_PROGRAM_ID,
                    &usdc,
                    &ata,
                    &mint_authority,
                    &[],
                    amount * USDC,
                )
                .context("mint_to")?,
            );
        }
        s.send(&format!("USDC for {name}"), &ixs, &[s.kp("usdc-mint-authority")]).await?;
    }

    // 7. Junior deposits; the senior ones follow during the invoice
    //    scenario, once the first-loss capital has absorbed its losses.
    s.deposits(&pool, Tranche::Junior).await?;

    // 8. Invoices at every lifecycle stage (and the senior deposits); the
    //    clock ends at wall time.
    let invoices = demo_invoices::seed(&s, pool, api_url).await?;
    chain.set_clock_offset(0).await.context("returning the clock to wall time")?;

    // Keypairs and manifest.
    std::fs::create_dir_all(keys_dir).with_context(|| format!("cannot create {}", keys_dir.display()))?;
    for w in &s.wallets {
        keys::write(&keys_dir.join(format!("{}.json", w.name)), &w.keypair)?;
    }
    keys::write(&keys_dir.join("usdc-mint.json"), &usdc_mint)?;
    for (i, document) in &invoices {
        let path = keys_dir.join(&i.document_file);
        crate::write_atomically(&path, document)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    let invoices = invoices.into_iter().map(|(i, _)| i).collect();
    let info = DemoInfo {
        keys_dir: keys_dir.to_path_buf(),
        rpc_url: rpc_url.into(),
        ws_url: ws_url.into(),
        usdc_mint: usdc,
        pool,
        wallets: s.wallets.iter().map(|w| (w.name.to_string(), w.keypair.pubkey(), w.roles)).collect(),
        invoices,
        api_url: api_url.into(),
        restored: false,
    };
    write_manifest(&info)?;
    Ok(info)
}

fn write_manifest(info: &DemoInfo) -> anyhow::Result<()> {
    let wallets: serde_json::Map<String, serde_json::Value> = info
        .wallets
        .iter()
        .map(|(name, key, roles)| {
            (
                name.clone(),
                json!({ "pubkey": key.to_string(), "keypair": format!("{name}.json"), "roles": role_names(*roles) }),
            )
        })
        .collect();
    let feeds: serde_json::Map<String, serde_json::Value> = pyth::FEEDS
        .iter()
        .map(|f| {
            (
                f.currency.to_string(),
                json!({
                    "symbol": f.symbol,
                    "feedId": f.feed_id_hex,
                    "address": f.address().to_string(),
                    "exponent": f.exponent,
                }),
            )
        })
        .collect();
    let manifest = json!({
        "rpcUrl": info.rpc_url,
        "wsUrl": info.ws_url,
        "programId": autofactor_client::PROGRAM_ID.to_string(),
        "usdcMint": info.usdc_mint.to_string(),
        "protocol": pda::protocol().to_string(),
        "pools": [{
            "name": "Nordic Trade Receivables I",
            "poolId": POOL_ID,
            "manager": info.wallets.iter().find(|w| w.0 == "manager").map(|w| w.1.to_string()),
            "pool": info.pool.pool.to_string(),
            "vault": info.pool.vault.to_string(),
            "seniorMint": info.pool.senior_mint.to_string(),
            "juniorMint": info.pool.junior_mint.to_string(),
            "currencies": pyth::FEEDS.iter().map(|f| f.currency).collect::<Vec<_>>(),
            "verifier": info.wallets.iter().find(|w| w.0 == "verifier").map(|w| w.1.to_string()),
            "deposits": DEPOSITS.iter().map(|(n, t, a)| json!({
                "wallet": n, "tranche": format!("{t:?}").to_lowercase(), "usdc": a
            })).collect::<Vec<_>>(),
        }],
        "wallets": wallets,
        "priceFeeds": feeds,
        "apiUrl": info.api_url,
        "invoices": info.invoices,
    });
    let path = info.keys_dir.join(MANIFEST);
    let text = serde_json::to_string_pretty(&manifest).context("manifest")?;
    crate::write_atomically(&path, text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))
}

/// The demo info of a ledger that already holds the protocol.
fn restored(keys_dir: &Path, rpc_url: &str, ws_url: &str, api_url: &str) -> anyhow::Result<DemoInfo> {
    let path = keys_dir.join(MANIFEST);
    let text = std::fs::read_to_string(&path).with_context(|| {
        format!(
            "the ledger already holds an Autofactor protocol, but the demo manifest {} is missing; \
             start with an empty --ledger-dir to seed the demo again",
            path.display()
        )
    })?;
    let m: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("{} is not JSON", path.display()))?;
    let key = |v: &serde_json::Value| -> anyhow::Result<Pubkey> {
        v.as_str().context("missing address")?.parse().context("bad address")
    };
    let usdc_mint = key(&m["usdcMint"])?;
    let manager = key(&m["pools"][0]["manager"])?;
    let mut wallets = Vec::new();
    if let Some(obj) = m["wallets"].as_object() {
        for (name, w) in obj {
            let roles = w["roles"]
                .as_array()
                .map(|r| {
                    r.iter().filter_map(|x| x.as_str()).fold(0u8, |acc, n| {
                        acc | match n {
                            "supplier" => ROLE_SUPPLIER,
                            "buyer" => ROLE_BUYER,
                            "investor" => ROLE_INVESTOR,
                            "verifier" => ROLE_VERIFIER,
                            "manager" => ROLE_MANAGER,
                            _ => 0,
                        }
                    })
                })
                .unwrap_or(0);
            wallets.push((name.clone(), key(&w["pubkey"])?, roles));
        }
    }
    let info = DemoInfo {
        keys_dir: keys_dir.to_path_buf(),
        rpc_url: rpc_url.into(),
        ws_url: ws_url.into(),
        usdc_mint,
        pool: PoolKeys::derive(&manager, POOL_ID, &usdc_mint),
        wallets,
        invoices: serde_json::from_value(m["invoices"].clone()).unwrap_or_default(),
        // The assets' URIs keep the API URL of the seed.
        api_url: m["apiUrl"].as_str().unwrap_or(api_url).to_string(),
        restored: true,
    };
    // The URLs may differ from the previous run.
    write_manifest(&info)?;
    Ok(info)
}

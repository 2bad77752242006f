//! `autofactor dev …`: local-chain and devnet helpers (SOL airdrops, a
//! USDC mint, minting).

use super::args::parse_micro;
use super::ctx::Ctx;
use crate::errors::err;
use crate::errors::explain_client_error;
use crate::output::{with_spinner, Report};
use crate::results::{Addr, Cell, Table};
use anchor_spl::token::spl_token;
use anyhow::{anyhow, Result};
use autofactor_client::format;
use autofactor_client::{pda, TOKEN_PROGRAM_ID};
use clap::Subcommand;
use serde::{Serialize, Serializer};
use solana_sdk::native_token::LAMPORTS_PER_SOL;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signer};

/// Size of an SPL Token mint account.
const MINT_LEN: usize = 82;

/// `autofactor dev ...` (local chains and devnet).
#[derive(Subcommand, Debug)]
pub enum DevCmd {
    /// Requests an airdrop of SOL.
    Airdrop {
        /// SOL to request (up to 9 decimals).
        #[arg(long, default_value = "10", value_parser = parse_sol)]
        sol: u64,
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

/// SOL with up to 9 decimals as lamports.
fn parse_sol(s: &str) -> Result<u64, String> {
    let (int, frac) = s.trim().split_once('.').unwrap_or((s.trim(), ""));
    if frac.len() > 9 || !frac.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("{s:?} is not an amount of SOL (up to 9 decimals)"));
    }
    let int: u64 = int.parse().map_err(|_| format!("{s:?} is not an amount of SOL"))?;
    let frac: u64 = format!("{frac:0<9}").parse().map_err(|_| format!("{s:?} is not an amount of SOL"))?;
    int.checked_mul(LAMPORTS_PER_SOL)
        .and_then(|v| v.checked_add(frac))
        .ok_or_else(|| format!("{s:?} is too large"))
}

/// Runs a `dev` command.
pub fn run(ctx: &Ctx, cmd: DevCmd) -> Result<Report> {
    match cmd {
        DevCmd::Airdrop { sol: lamports, to } => {
            let to = match to {
                Some(t) => t,
                None => ctx.me()?,
            };
            let sig = with_spinner(ctx.format, "waiting for the airdrop…", || -> Result<_> {
                let sig =
                    ctx.rpc.request_airdrop(&to, lamports).map_err(|e| anyhow!(explain_client_error(&e)))?;
                let start = std::time::Instant::now();
                while !ctx.rpc.confirm_transaction(&sig).unwrap_or(false) {
                    if start.elapsed() > std::time::Duration::from_secs(60) {
                        return Err(err("timeout", format!("airdrop {sig} not confirmed after 60 s")));
                    }
                    std::thread::sleep(std::time::Duration::from_millis(200));
                }
                Ok(sig)
            })?;
            let sent = super::ctx::Sent { signature: sig.to_string(), events: vec![] };
            ctx.tx_result(&sent, Airdropped { to: Addr(to), lamports })
        }
        DevCmd::CreateMint { decimals } => {
            let s = ctx.signer()?;
            let mint = Keypair::new();
            let rent = ctx
                .rpc
                .get_minimum_balance_for_rent_exemption(MINT_LEN)
                .map_err(|e| anyhow!(explain_client_error(&e)))?;
            let ixs = vec![
                anchor_lang::solana_program::system_instruction::create_account(
                    &s.pubkey(),
                    &mint.pubkey(),
                    rent,
                    MINT_LEN as u64,
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
            let sent = ctx.send(&s, ixs, &[&mint])?;
            let d = MintCreated { mint: Addr(mint.pubkey()), decimals, mint_authority: Addr(s.pubkey()) };
            ctx.tx_result(&sent, d)
        }
        DevCmd::MintTo { mint, owner, amount } => {
            let s = ctx.signer()?;
            let ata = pda::ata(&owner, &mint, &TOKEN_PROGRAM_ID);
            let ixs = vec![
                super::create_ata(&s.pubkey(), &owner, &mint, &TOKEN_PROGRAM_ID),
                spl_token::instruction::mint_to(&TOKEN_PROGRAM_ID, &mint, &ata, &s.pubkey(), &[], amount)
                    .map_err(|e| anyhow!("mint_to: {e}"))?,
            ];
            let sent = ctx.send(&s, ixs, &[])?;
            let d = Minted {
                mint: Addr(mint),
                owner: Addr(owner),
                token_account: Addr(ata),
                amount: Tokens(amount),
            };
            ctx.tx_result(&sent, d)
        }
    }
}

crate::result! {
    /// `dev airdrop`
    pub struct Airdropped {
        /// The recipient.
        to: Addr,
        /// Lamports received.
        lamports: u64,
    }
}

crate::result! {
    /// `dev create-mint`
    pub struct MintCreated {
        /// The mint.
        mint: Addr,
        /// Its decimals.
        decimals: u8,
        /// Its mint authority (the signer).
        mint_authority: Addr,
    }
}

crate::result! {
    /// `dev mint-to`
    pub struct Minted {
        /// The mint.
        mint: Addr,
        /// The owner.
        owner: Addr,
        /// The owner's associated token account.
        token_account: Addr,
        /// Tokens minted.
        amount: Tokens,
    }
}

/// Tokens of a 6-decimal mint (any mint, not only USDC): the exact
/// decimal string in JSON, grouped in tables.
#[derive(Debug, Clone, Copy)]
pub struct Tokens(pub u64);

impl Serialize for Tokens {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format::usdc(self.0))
    }
}

impl Cell for Tokens {
    fn cell(&self, label: &str, t: &mut Table) {
        t.row(label, format::money(self.0, format::USDC_DECIMALS, "tokens"));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sol_amounts() {
        assert_eq!(super::parse_sol("10"), Ok(10_000_000_000));
        assert_eq!(super::parse_sol("0.5"), Ok(500_000_000));
        assert_eq!(super::parse_sol("1.000000001"), Ok(1_000_000_001));
        assert!(super::parse_sol("1.0000000001").is_err());
        assert!(super::parse_sol("x").is_err());
    }
}

//! The demo's wallets and the seeder that sends its transactions (used by
//! `demo` for the pool and by `demo_invoices` for the invoices).

use crate::chain::{ChainHandle, SendError};
use anyhow::{bail, Context as _};
use autofactor_client::constants::*;
use autofactor_client::ix::{self, PoolKeys};
use autofactor_client::presets::USDC;
use autofactor_client::state::Tranche;
use solana_sdk::instruction::Instruction;
use solana_sdk::message::Message;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signature, Signer};
use solana_sdk::transaction::{Transaction, VersionedTransaction};

/// A demo wallet.
pub struct Wallet {
    /// File name stem and manifest key, e.g. `senior-investor-1`.
    pub name: &'static str,
    /// Roles of its identity record (0 = no identity).
    pub roles: u8,
    /// ISO 3166 alpha-2 jurisdiction of its identity.
    pub jurisdiction: [u8; 2],
    /// Issuer-assigned legal-entity id of its identity (ISO 6523 ICD
    /// `0192` Norwegian / `0007` Swedish organisation number, LEI, VAT).
    pub entity_id: &'static str,
    /// The keypair.
    pub keypair: Keypair,
}

/// Deposits of the demo: (wallet, tranche, USDC). Junior first (at the
/// start of the seed, 130 days ago), so that the senior deposits (8 days
/// ago, see [`crate::demo_invoices`]) keep the subordination.
pub(crate) const DEPOSITS: &[(&str, Tranche, u64)] = &[
    ("junior-investor-1", Tranche::Junior, 300_000),
    ("junior-investor-2", Tranche::Junior, 200_000),
    ("senior-investor-1", Tranche::Senior, 900_000),
    ("senior-investor-2", Tranche::Senior, 600_000),
];

pub(crate) fn wallets() -> Vec<Wallet> {
    let w = |name, roles, j: &[u8; 2], entity_id| Wallet {
        name,
        roles,
        jurisdiction: *j,
        entity_id,
        keypair: Keypair::new(),
    };
    vec![
        w("admin", 0, b"NO", ""),
        w("treasury", 0, b"NO", ""),
        w("issuer", 0, b"NO", ""),
        w("usdc-mint-authority", 0, b"US", ""),
        w("manager", ROLE_MANAGER, b"NO", "0192:915823917"),
        w("senior-investor-1", ROLE_INVESTOR, b"NO", "0192:986142118"),
        w("senior-investor-2", ROLE_INVESTOR, b"SE", "0007:5568123456"),
        w("junior-investor-1", ROLE_INVESTOR, b"GB", "LEI:213800ABCDEF12345678"),
        w("junior-investor-2", ROLE_INVESTOR, b"DE", "VAT:DE811234567"),
        w("supplier-1", ROLE_SUPPLIER, b"NO", "0192:923609016"),
        w("supplier-2", ROLE_SUPPLIER, b"DE", "VAT:DE129273398"),
        w("buyer-1", ROLE_BUYER, b"SE", "0007:5560125790"),
        w("buyer-2", ROLE_BUYER, b"JP", "LEI:353800WQ3M2QJ1Q8TK77"),
        w("verifier", ROLE_VERIFIER, b"GB", "LEI:2138003EK5F2LZY8QF44"),
    ]
}

/// Sends the demo's transactions.
pub(crate) struct Seeder<'a> {
    pub(crate) chain: &'a ChainHandle,
    pub(crate) wallets: Vec<Wallet>,
}

impl Seeder<'_> {
    /// The demo wallet `name` (one of [`wallets`]); an unknown name is a
    /// bug in the demo script.
    pub(crate) fn wallet(&self, name: &str) -> &Wallet {
        self.wallets.iter().find(|w| w.name == name).unwrap_or_else(|| panic!("no demo wallet named {name}"))
    }

    pub(crate) fn kp(&self, name: &str) -> &Keypair {
        &self.wallet(name).keypair
    }

    pub(crate) fn key(&self, name: &str) -> Pubkey {
        self.kp(name).pubkey()
    }

    /// The entity key of a wallet's identity (zero if it has no entity id).
    pub(crate) fn entity(&self, name: &str) -> [u8; 32] {
        autofactor_client::pda::entity_key(self.wallet(name).entity_id).unwrap_or([0; 32])
    }

    /// Sends a transaction paid by the admin and fails if it fails.
    pub(crate) async fn send(
        &self,
        what: &str,
        ixs: &[Instruction],
        signers: &[&Keypair],
    ) -> anyhow::Result<Signature> {
        let payer = self.kp("admin");
        let message = Message::new(ixs, Some(&payer.pubkey()));
        // Only the keypairs the message needs, payer first.
        let needed = &message.account_keys[..message.header.num_required_signatures as usize];
        let mut all: Vec<&Keypair> = vec![payer];
        for s in signers {
            if needed.contains(&s.pubkey()) && !all.iter().any(|k| k.pubkey() == s.pubkey()) {
                all.push(s);
            }
        }
        let mut tx = Transaction::new_unsigned(message);
        tx.try_sign(&all, self.chain.view().blockhash)
            .with_context(|| format!("demo step `{what}`: signing"))?;
        let sig = self
            .chain
            .send_transaction(VersionedTransaction::from(tx), false)
            .await
            .map_err(|e: SendError| anyhow::anyhow!("{e}"))
            .with_context(|| format!("demo step `{what}`"))?;
        let record =
            self.chain.transaction(&sig).with_context(|| format!("demo step `{what}`: no record"))?;
        if let Err(e) = &record.meta.status {
            let logs = record.meta.log_messages.clone().unwrap_or_default().join("\n  ");
            bail!("demo step `{what}` failed: {e}\n  {logs}");
        }
        Ok(sig)
    }

    pub(crate) async fn now(&self) -> i64 {
        self.chain.view().unix_timestamp
    }

    /// The [`DEPOSITS`] into `tranche` (share accounts created first, as a
    /// wallet would).
    pub(crate) async fn deposits(&self, pool: &PoolKeys, tranche: Tranche) -> anyhow::Result<()> {
        let admin = self.key("admin");
        for (name, t, amount) in DEPOSITS.iter().filter(|d| d.1 == tranche) {
            let investor = self.kp(name);
            self.send(
                &format!("deposit {name}"),
                &[
                    ix::create_shares_ata(&admin, &investor.pubkey(), pool, *t),
                    ix::tranche_deposit(pool, &investor.pubkey(), *t, amount * USDC, 0),
                ],
                &[investor],
            )
            .await?;
        }
        Ok(())
    }
}

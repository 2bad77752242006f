//! Reading the chain: accounts (decoded, or "missing" only when missing),
//! program-account queries with memcmp filters, invoices by PDA or asset,
//! and the program's events of a transaction.

use super::ctx::Ctx;
use crate::errors::{err, explain_client_error};
use crate::output::with_spinner;
use anchor_lang::{AccountDeserialize, Discriminator};
use anyhow::{anyhow, Context as _, Result};
use autofactor_client::ix::{InvoiceKeys, PoolKeys};
use autofactor_client::state::{Invoice, Pool};
use autofactor_client::{pda, PROGRAM_ID};
use solana_account_decoder_client_types::UiAccountEncoding;
use solana_rpc_client_api::config::{RpcAccountInfoConfig, RpcProgramAccountsConfig};
use solana_rpc_client_api::filter::{Memcmp, RpcFilterType};
use solana_sdk::pubkey::Pubkey;

impl Ctx {
    fn raw_account(&self, address: &Pubkey) -> Result<Option<solana_sdk::account::Account>> {
        Ok(with_spinner(self.format, "fetching account…", || {
            self.rpc.get_account_with_commitment(address, self.rpc.commitment())
        })
        .map_err(|e| anyhow!(explain_client_error(&e)))?
        .value)
    }

    /// Raw account data, or a clear "not found" error.
    pub fn data(&self, address: &Pubkey, what: &str) -> Result<Vec<u8>> {
        let acc = self
            .raw_account(address)?
            .ok_or_else(|| err("account_not_found", format!("{what} {address} does not exist")))?;
        Ok(acc.data)
    }

    /// A decoded Autofactor account.
    pub fn account<T: AccountDeserialize>(&self, address: &Pubkey, what: &str) -> Result<T> {
        let data = self.data(address, what)?;
        autofactor_client::decode::account::<T>(&data)
            .map_err(|e| err("decode_error", format!("{address} is not a {what}: {e}")))
    }

    /// A decoded Autofactor account, `None` if it does not exist (or was
    /// closed). An RPC failure or an account that exists but is not a `T`
    /// is an error, never `None`.
    pub fn maybe_account<T: AccountDeserialize>(&self, address: &Pubkey) -> Result<Option<T>> {
        decode_existing(address, self.raw_account(address)?.as_ref())
    }

    /// The token amount of an SPL Token / Token-2022 account; 0 if the
    /// account does not exist. RPC failures and non-token accounts are errors.
    pub fn token_amount(&self, address: &Pubkey) -> Result<u64> {
        token_amount_of(address, self.raw_account(address)?.as_ref())
    }

    /// Whether `account` is an initialized, unfrozen SPL Token account (a
    /// payout to it can succeed). RPC failures are errors.
    pub fn usdc_account_can_receive(&self, account: &Pubkey) -> Result<bool> {
        use anchor_spl::token::spl_token::state::{Account as SplAccount, AccountState};
        use solana_sdk::program_pack::Pack;
        Ok(match self.raw_account(account)? {
            Some(a) if a.owner == autofactor_client::TOKEN_PROGRAM_ID => {
                SplAccount::unpack(&a.data).is_ok_and(|t| t.state == AccountState::Initialized)
            }
            _ => false,
        })
    }

    /// The chain clock (Clock sysvar `unix_timestamp`).
    pub fn chain_now(&self) -> Result<i64> {
        let data =
            self.data(&solana_sdk::sysvar::clock::ID, "clock sysvar").context("reading the chain clock")?;
        let b: [u8; 8] = data
            .get(32..40)
            .and_then(|s| s.try_into().ok())
            .ok_or_else(|| anyhow!("malformed clock sysvar"))?;
        Ok(i64::from_le_bytes(b))
    }

    /// A pool.
    pub fn pool(&self, pool: &Pubkey) -> Result<Pool> {
        self.account(pool, "pool")
    }

    /// A pool and its instruction keys.
    pub fn pool_keys(&self, pool: &Pubkey) -> Result<(Pool, PoolKeys)> {
        let p = self.pool(pool)?;
        let keys = PoolKeys::from_pool(pool, &p);
        Ok((p, keys))
    }

    /// The protocol configuration.
    pub fn protocol(&self) -> Result<autofactor_client::state::ProtocolConfig> {
        self.account(&pda::protocol(), "protocol configuration")
    }

    /// All program accounts of type `T` matching `filters` (discriminator added).
    pub fn program_accounts<T: AccountDeserialize + Discriminator>(
        &self,
        mut filters: Vec<RpcFilterType>,
    ) -> Result<Vec<(Pubkey, T)>> {
        filters.insert(0, RpcFilterType::Memcmp(Memcmp::new_raw_bytes(0, T::DISCRIMINATOR.to_vec())));
        let config = RpcProgramAccountsConfig {
            filters: Some(filters),
            account_config: RpcAccountInfoConfig {
                encoding: Some(UiAccountEncoding::Base64),
                ..Default::default()
            },
            ..Default::default()
        };
        let accounts = with_spinner(self.format, "querying program accounts…", || {
            self.rpc.get_program_ui_accounts_with_config(&PROGRAM_ID, config)
        })
        .map_err(|e| anyhow!(explain_client_error(&e)))?;
        // An account with T's discriminator that does not decode (or an
        // undecodable RPC payload) is an error, not a silently missing row.
        accounts
            .into_iter()
            .map(|(k, a)| {
                let data =
                    a.data.decode().ok_or_else(|| anyhow!("{k}: undecodable account data from the RPC"))?;
                autofactor_client::decode::account::<T>(&data)
                    .map(|t| (k, t))
                    .map_err(|e| anyhow!("{k} does not decode as {}: {e}", std::any::type_name::<T>()))
            })
            .collect()
    }

    /// Loads an invoice by its PDA or its asset address.
    pub fn invoice(&self, address: &Pubkey) -> Result<LoadedInvoice> {
        // An account of this program at `address` is the invoice itself (and
        // must decode as one); anything else (the Core asset, or nothing) is
        // taken as an asset address whose invoice PDA is looked up.
        let owned_here = self.raw_account(address)?.is_some_and(|a| a.owner == PROGRAM_ID);
        let direct = if owned_here { self.maybe_account::<Invoice>(address)? } else { None };
        let (addr, invoice) = match direct {
            Some(i) => (*address, i),
            None => {
                let pda_addr = pda::invoice(address);
                let i = self.account::<Invoice>(&pda_addr, "invoice").map_err(|_| {
                    err("account_not_found", format!("{address} is neither an invoice nor the asset of one"))
                })?;
                (pda_addr, i)
            }
        };
        let pool = self.pool(&invoice.pool)?;
        let keys = InvoiceKeys::from_invoice(PoolKeys::from_pool(&invoice.pool, &pool), &invoice);
        Ok(LoadedInvoice { address: addr, invoice, pool, keys })
    }
}

/// An invoice with its pool and keys.
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

/// A memcmp filter on a pubkey field (offsets: `autofactor_client::layout`).
pub fn key_filter(offset: usize, key: &Pubkey) -> RpcFilterType {
    RpcFilterType::Memcmp(Memcmp::new_raw_bytes(offset, key.to_bytes().to_vec()))
}

/// `None` for a missing or closed account (no data, owned by the system
/// program); the decoded `T` otherwise, or an error if it is not a `T`.
pub fn decode_existing<T: AccountDeserialize>(
    address: &Pubkey,
    acc: Option<&solana_sdk::account::Account>,
) -> Result<Option<T>> {
    match acc {
        None => Ok(None),
        Some(a) if a.data.is_empty() && a.owner == anchor_lang::system_program::ID => Ok(None),
        Some(a) => autofactor_client::decode::account::<T>(&a.data).map(Some).map_err(|e| {
            let name = std::any::type_name::<T>().rsplit("::").next().unwrap_or("");
            err("decode_error", format!("{address} is not a {name}: {e}"))
        }),
    }
}

/// Token amount of an optional token account (0 when it does not exist).
pub fn token_amount_of(address: &Pubkey, acc: Option<&solana_sdk::account::Account>) -> Result<u64> {
    let Some(a) = acc else { return Ok(0) };
    let is_token =
        a.owner == autofactor_client::TOKEN_PROGRAM_ID || a.owner == autofactor_client::TOKEN_2022_PROGRAM_ID;
    match a.data.get(64..72) {
        Some(b) if is_token && a.data.len() >= 165 => Ok(u64::from_le_bytes(b.try_into()?)),
        _ => Err(err("decode_error", format!("{address} is not a token account"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(owner: Pubkey, data: Vec<u8>) -> solana_sdk::account::Account {
        solana_sdk::account::Account { lamports: 1, data, owner, executable: false, rent_epoch: 0 }
    }

    #[test]
    fn missing_accounts_are_none_but_wrong_ones_are_errors() {
        let a = Pubkey::new_unique();
        assert!(decode_existing::<Invoice>(&a, None).unwrap().is_none());
        let closed = account(anchor_lang::system_program::ID, vec![]);
        assert!(decode_existing::<Invoice>(&a, Some(&closed)).unwrap().is_none());
        // A program account of another type (or garbage) is not "closed".
        let other = account(PROGRAM_ID, vec![1; 200]);
        assert!(decode_existing::<Invoice>(&a, Some(&other)).is_err());
    }

    #[test]
    fn token_amounts_never_turn_errors_into_zero() {
        let a = Pubkey::new_unique();
        assert_eq!(token_amount_of(&a, None).unwrap(), 0);
        let mut data = vec![0u8; 165];
        data[64..72].copy_from_slice(&1_234_567u64.to_le_bytes());
        let token = autofactor_client::TOKEN_PROGRAM_ID;
        assert_eq!(token_amount_of(&a, Some(&account(token, data.clone()))).unwrap(), 1_234_567);
        let t22 = autofactor_client::TOKEN_2022_PROGRAM_ID;
        assert_eq!(token_amount_of(&a, Some(&account(t22, data.clone()))).unwrap(), 1_234_567);
        assert!(token_amount_of(&a, Some(&account(PROGRAM_ID, data))).is_err());
        assert!(token_amount_of(&a, Some(&account(token, vec![0; 10]))).is_err());
    }
}

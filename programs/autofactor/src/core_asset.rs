//! CPIs into Metaplex Core for invoice assets.
//!
//! Every invoice asset is created with:
//! - update authority: the program's `["asset_authority"]` PDA;
//! - `PermanentFreezeDelegate { frozen: true }`, `PermanentTransferDelegate`,
//!   `PermanentBurnDelegate`, all with authority = that PDA, so the asset is
//!   frozen from birth and moves or burns only through this program;
//! - `Attributes` (authority: update authority) carrying face, currency, due
//!   date, document hash and status, rewritten at every status change.

use crate::constants::ASSET_AUTHORITY_SEED;
use crate::state::{iso_date, Invoice};
use anchor_lang::prelude::*;
use mpl_core::instructions::{
    BurnV1CpiBuilder, CreateV2CpiBuilder, TransferV1CpiBuilder, UpdatePluginV1CpiBuilder,
};
use mpl_core::types::{
    Attribute, Attributes, DataState, PermanentBurnDelegate, PermanentFreezeDelegate,
    PermanentTransferDelegate, Plugin, PluginAuthority, PluginAuthorityPair,
};

/// The accounts every Core CPI needs.
pub struct CoreAccounts<'a, 'info> {
    /// The Core program.
    pub core_program: &'a AccountInfo<'info>,
    /// The invoice asset.
    pub asset: &'a AccountInfo<'info>,
    /// The `["asset_authority"]` PDA.
    pub asset_authority: &'a AccountInfo<'info>,
    /// Bump of the asset authority PDA.
    pub asset_authority_bump: u8,
    /// Pays rent changes.
    pub payer: &'a AccountInfo<'info>,
    /// The system program.
    pub system_program: &'a AccountInfo<'info>,
}

impl<'a, 'info> CoreAccounts<'a, 'info> {
    fn with_signer<R>(&self, f: impl FnOnce(&[&[&[u8]]]) -> R) -> R {
        let bump = [self.asset_authority_bump];
        let seeds: [&[u8]; 2] = [ASSET_AUTHORITY_SEED, &bump];
        f(&[&seeds])
    }

    /// Mints the invoice asset to `owner`.
    pub fn create(&self, owner: &AccountInfo<'info>, invoice: &Invoice) -> Result<()> {
        let authority = PluginAuthority::Address { address: self.asset_authority.key() };
        let plugins = vec![
            PluginAuthorityPair {
                plugin: Plugin::PermanentFreezeDelegate(PermanentFreezeDelegate { frozen: true }),
                authority: Some(authority.clone()),
            },
            PluginAuthorityPair {
                plugin: Plugin::PermanentTransferDelegate(PermanentTransferDelegate {}),
                authority: Some(authority.clone()),
            },
            PluginAuthorityPair {
                plugin: Plugin::PermanentBurnDelegate(PermanentBurnDelegate {}),
                authority: Some(authority),
            },
            PluginAuthorityPair {
                plugin: Plugin::Attributes(attributes(invoice)),
                authority: Some(PluginAuthority::UpdateAuthority),
            },
        ];
        CreateV2CpiBuilder::new(self.core_program)
            .asset(self.asset)
            .payer(self.payer)
            .owner(Some(owner))
            .update_authority(Some(self.asset_authority))
            .system_program(self.system_program)
            .data_state(DataState::AccountState)
            .name(format!("Invoice {}", invoice.invoice_number))
            .uri(invoice.metadata_uri.clone())
            .plugins(plugins)
            .invoke()?;
        Ok(())
    }

    /// Rewrites the Attributes plugin from the invoice (status change).
    pub fn update_attributes(&self, invoice: &Invoice) -> Result<()> {
        self.with_signer(|seeds| {
            UpdatePluginV1CpiBuilder::new(self.core_program)
                .asset(self.asset)
                .payer(self.payer)
                .authority(Some(self.asset_authority))
                .system_program(self.system_program)
                .plugin(Plugin::Attributes(attributes(invoice)))
                .invoke_signed(seeds)
        })?;
        Ok(())
    }

    /// Moves the (frozen) asset to `new_owner` as its permanent transfer delegate.
    pub fn transfer(&self, new_owner: &AccountInfo<'info>) -> Result<()> {
        self.with_signer(|seeds| {
            TransferV1CpiBuilder::new(self.core_program)
                .asset(self.asset)
                .payer(self.payer)
                .authority(Some(self.asset_authority))
                .new_owner(new_owner)
                .system_program(Some(self.system_program))
                .invoke_signed(seeds)
        })?;
        Ok(())
    }

    /// Burns the asset as its permanent burn delegate (Core refunds the
    /// asset's rent to the payer).
    pub fn burn(&self) -> Result<()> {
        self.with_signer(|seeds| {
            BurnV1CpiBuilder::new(self.core_program)
                .asset(self.asset)
                .payer(self.payer)
                .authority(Some(self.asset_authority))
                .system_program(Some(self.system_program))
                .invoke_signed(seeds)
        })?;
        Ok(())
    }

    /// Burns the asset with the asset authority PDA as payer (`payer` must
    /// be that PDA) and forwards what the PDA then holds — Core's refund of
    /// the asset's rent — to `to` (whoever paid that rent).
    pub fn burn_and_refund(&self, to: &AccountInfo<'info>) -> Result<()> {
        require_keys_eq!(
            self.payer.key(),
            self.asset_authority.key(),
            crate::error::AutofactorError::InvariantViolated
        );
        self.burn()?;
        let refund = self.asset_authority.lamports();
        if refund == 0 {
            return Ok(());
        }
        self.with_signer(|seeds| {
            anchor_lang::system_program::transfer(
                CpiContext::new_with_signer(
                    self.system_program.key(),
                    anchor_lang::system_program::Transfer {
                        from: self.asset_authority.clone(),
                        to: to.clone(),
                    },
                    seeds,
                ),
                refund,
            )
        })
    }
}

/// The asset's attributes for the invoice's current state.
pub fn attributes(invoice: &Invoice) -> Attributes {
    let kv = |k: &str, v: String| Attribute { key: k.to_string(), value: v };
    let mut hash_hex = String::with_capacity(64);
    for b in invoice.document_hash.iter() {
        hash_hex.push_str(&format!("{b:02x}"));
    }
    Attributes {
        attribute_list: vec![
            kv("face", invoice.face_minor.to_string()),
            kv("currency", String::from_utf8_lossy(&invoice.currency).into_owned()),
            kv("due_date", iso_date(invoice.due_ts)),
            kv("document_sha256", hash_hex),
            kv("status", invoice.status.name().to_string()),
        ],
    }
}

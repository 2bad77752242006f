//! The supplier originates an invoice: terms validated, two global registry
//! entries created (document hash; supplier legal entity + canonical invoice
//! number, see [`crate::canonical`]) so the same invoice can never be
//! originated twice in any pool, from any wallet of the entity, under any
//! spelling of its number, and a Metaplex Core
//! asset minted to the supplier, frozen, with the program's PDA holding the
//! permanent freeze, transfer and burn delegations.

use crate::constants::*;
use crate::core_asset::CoreAccounts;
use crate::error::AutofactorError;
use crate::events::{InvoiceCreated, SupplierRecordChange, SupplierRecordUpdated};
use crate::math::SafeMath;
use crate::state::*;
use anchor_lang::prelude::*;

/// Arguments of `invoice_create`.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub struct InvoiceCreateArgs {
    /// Face amount in the currency's minor units.
    pub face_minor: u64,
    /// ISO 4217 code.
    pub currency: [u8; 3],
    /// Issue date (unix seconds), not in the future.
    pub issue_ts: i64,
    /// Due date (unix seconds), after the issue date and in the future.
    pub due_ts: i64,
    /// SHA-256 of the invoice document (PDF or e-invoice XML).
    pub document_hash: [u8; 32],
    /// The supplier's own invoice number (stored as given).
    pub invoice_number: String,
    /// SHA-256 of the canonical form of `invoice_number`
    /// ([`crate::canonical::invoice_number_hash`]; seed of its registry
    /// entry; checked).
    pub invoice_number_hash: [u8; 32],
    /// URI of the asset's metadata JSON.
    pub metadata_uri: String,
}

#[event_cpi]
#[derive(Accounts)]
#[instruction(args: InvoiceCreateArgs)]
pub struct InvoiceCreate<'info> {
    /// The supplier; owns the asset and pays every account created.
    #[account(mut)]
    pub supplier: Signer<'info>,
    /// The configuration.
    #[account(seeds = [PROTOCOL_SEED], bump = protocol.bump)]
    pub protocol: Box<Account<'info, ProtocolConfig>>,
    /// The supplier's identity record (role: supplier).
    #[account(seeds = [IDENTITY_SEED, supplier.key().as_ref()], bump = supplier_identity.bump)]
    pub supplier_identity: Box<Account<'info, IdentityRecord>>,
    /// CHECK: the buyer's wallet.
    pub buyer: UncheckedAccount<'info>,
    /// The buyer's identity record (role: buyer).
    #[account(seeds = [IDENTITY_SEED, buyer.key().as_ref()], bump = buyer_identity.bump)]
    pub buyer_identity: Box<Account<'info, IdentityRecord>>,
    /// The pool the invoice is offered to.
    pub pool: Box<Account<'info, Pool>>,
    /// The invoice, created here.
    #[account(init, payer = supplier, space = 8 + Invoice::INIT_SPACE,
              seeds = [INVOICE_SEED, asset.key().as_ref()], bump)]
    pub invoice: Box<Account<'info, Invoice>>,
    /// The new Core asset (a fresh keypair).
    #[account(mut)]
    pub asset: Signer<'info>,
    /// CHECK: registry entry of the document hash; must not exist yet.
    #[account(mut, seeds = [DOCUMENT_SEED, args.document_hash.as_ref()], bump)]
    pub document_entry: UncheckedAccount<'info>,
    /// CHECK: registry entry of the supplier's legal entity + canonical
    /// invoice number; must not exist yet.
    #[account(mut, seeds = [INVOICE_NUMBER_SEED, supplier_identity.entity_key.as_ref(), args.invoice_number_hash.as_ref()], bump)]
    pub number_entry: UncheckedAccount<'info>,
    /// The pool's exposure record for the buyer's legal entity (created on first use).
    #[account(init_if_needed, payer = supplier, space = 8 + Exposure::INIT_SPACE,
              seeds = [EXPOSURE_SEED, pool.key().as_ref(), &[EXPOSURE_BUYER], buyer_identity.entity_key.as_ref()], bump)]
    pub buyer_exposure: Box<Account<'info, Exposure>>,
    /// The pool's exposure record for the supplier's legal entity (created on first use).
    #[account(init_if_needed, payer = supplier, space = 8 + Exposure::INIT_SPACE,
              seeds = [EXPOSURE_SEED, pool.key().as_ref(), &[EXPOSURE_SUPPLIER], supplier_identity.entity_key.as_ref()], bump)]
    pub supplier_exposure: Box<Account<'info, Exposure>>,
    /// The supplier entity's record (created by its first invoice, the
    /// supplier paying the rent): one more invoice created.
    #[account(init_if_needed, payer = supplier, space = 8 + SupplierReputation::INIT_SPACE,
              seeds = [SUPPLIER_REPUTATION_SEED, supplier_identity.entity_key.as_ref()], bump)]
    pub supplier_reputation: Box<Account<'info, SupplierReputation>>,
    /// CHECK: the pool's configuration of the invoice currency,
    /// `["currency", pool, code]` (unless USD); its absence means the pool
    /// does not accept the currency. Checked in `validate`.
    pub currency_config: Option<UncheckedAccount<'info>>,
    /// CHECK: the `["asset_authority"]` PDA (asset update authority and delegate).
    #[account(seeds = [ASSET_AUTHORITY_SEED], bump)]
    pub asset_authority: UncheckedAccount<'info>,
    /// CHECK: Metaplex Core.
    #[account(address = mpl_core::ID)]
    pub core_program: UncheckedAccount<'info>,
    pub system_program: Program<'info, System>,
}

impl InvoiceCreate<'_> {
    /// The currency configuration passed, if it exists (an empty or
    /// foreign account means the pool does not accept the currency).
    fn currency_config(&self) -> Result<Option<CurrencyConfig>> {
        let Some(info) = self.currency_config.as_ref() else { return Ok(None) };
        if info.owner != &crate::ID || info.data_is_empty() {
            return Ok(None);
        }
        let data = info.try_borrow_data()?;
        Ok(Some(CurrencyConfig::try_deserialize(&mut &data[..])?))
    }

    /// Validates the terms, identities and registry.
    pub fn validate(&self, args: &InvoiceCreateArgs) -> Result<()> {
        self.protocol.require_not_paused()?;
        self.pool.require_not_paused()?;
        require!(self.document_entry.data_is_empty(), AutofactorError::DuplicateDocument);
        require!(self.number_entry.data_is_empty(), AutofactorError::DuplicateInvoiceNumber);
        let now = Clock::get()?.unix_timestamp;
        self.supplier_identity.require_valid(&self.supplier.key(), ROLE_SUPPLIER, now)?;
        self.buyer_identity.require_valid(&self.buyer.key(), ROLE_BUYER, now)?;
        require_keys_neq!(self.buyer.key(), self.supplier.key(), AutofactorError::BuyerIsSupplier);
        // Two wallets of one legal entity are one party.
        require!(
            self.buyer_identity.entity_key != self.supplier_identity.entity_key,
            AutofactorError::BuyerIsSupplier
        );
        require!(args.face_minor > 0, AutofactorError::InvalidFaceAmount);
        if args.currency != USD {
            let cfg = self.currency_config()?.ok_or(error!(AutofactorError::CurrencyNotSupported))?;
            require!(
                cfg.pool == self.pool.key() && cfg.terms.code == args.currency,
                AutofactorError::WrongCurrencyConfig
            );
        }
        require!(
            args.issue_ts <= now && args.due_ts > args.issue_ts && args.due_ts > now,
            AutofactorError::InvalidInvoiceDates
        );
        require!(
            args.due_ts - now <= MAX_TENOR_DAYS as i64 * SECONDS_PER_DAY,
            AutofactorError::TenorOutOfBounds
        );
        require!(
            crate::canonical::invoice_number_hash(&args.invoice_number)? == args.invoice_number_hash,
            AutofactorError::InvalidInvoiceNumber
        );
        require!(
            !args.metadata_uri.is_empty() && args.metadata_uri.len() <= MAX_METADATA_URI_LEN,
            AutofactorError::InvalidMetadataUri
        );
        require!(args.document_hash != [0u8; 32], AutofactorError::InvalidDocumentHash);
        Ok(())
    }

    /// Writes the invoice and the registry entries and mints the asset.
    pub fn handle(ctx: Context<Self>, args: InvoiceCreateArgs) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let pool_key = ctx.accounts.pool.key();
        let supplier_entity = ctx.accounts.supplier_identity.entity_key;
        let buyer_entity = ctx.accounts.buyer_identity.entity_key;
        for (exposure, entity, bump) in [
            (&mut ctx.accounts.buyer_exposure, buyer_entity, ctx.bumps.buyer_exposure),
            (&mut ctx.accounts.supplier_exposure, supplier_entity, ctx.bumps.supplier_exposure),
        ] {
            exposure.pool = pool_key;
            exposure.entity = entity;
            exposure.bump = bump;
        }
        let record = &mut ctx.accounts.supplier_reputation;
        record.supplier_entity = supplier_entity;
        record.bump = ctx.bumps.supplier_reputation;
        record.created_count = record.created_count.safe_add(1)?;
        let a = &ctx.accounts;
        let invoice_key = a.invoice.key();
        let entry = RegistryEntry {
            invoice: invoice_key,
            supplier: a.supplier.key(),
            created_ts: now,
            bump: ctx.bumps.document_entry,
        };
        let space = 8 + RegistryEntry::INIT_SPACE;
        let doc_bump = [ctx.bumps.document_entry];
        crate::cpi::create_pda_account(
            a.supplier.to_account_info(),
            a.document_entry.to_account_info(),
            a.system_program.to_account_info(),
            space,
            &[DOCUMENT_SEED, args.document_hash.as_ref(), &doc_bump],
        )?;
        crate::cpi::write_account(&a.document_entry.to_account_info(), &entry)?;
        let supplier_key = a.supplier.key();
        let num_bump = [ctx.bumps.number_entry];
        crate::cpi::create_pda_account(
            a.supplier.to_account_info(),
            a.number_entry.to_account_info(),
            a.system_program.to_account_info(),
            space,
            &[INVOICE_NUMBER_SEED, supplier_entity.as_ref(), args.invoice_number_hash.as_ref(), &num_bump],
        )?;
        crate::cpi::write_account(
            &a.number_entry.to_account_info(),
            &RegistryEntry { bump: ctx.bumps.number_entry, ..entry },
        )?;

        let invoice = Invoice {
            asset: a.asset.key(),
            pool: a.pool.key(),
            supplier: supplier_key,
            buyer: a.buyer.key(),
            supplier_entity,
            buyer_entity,
            rent_payer: supplier_key,
            face_minor: args.face_minor,
            repaid_minor: 0,
            currency: args.currency,
            currency_decimals: match a.currency_config()? {
                Some(cfg) if args.currency != USD => cfg.terms.decimals,
                _ => USD_DECIMALS,
            },
            issue_ts: args.issue_ts,
            due_ts: args.due_ts,
            document_hash: args.document_hash,
            invoice_number: args.invoice_number.clone(),
            invoice_number_hash: args.invoice_number_hash,
            metadata_uri: args.metadata_uri,
            status: InvoiceStatus::Created,
            created_ts: now,
            acknowledged_ts: 0,
            verifier: Pubkey::default(),
            delivery_proof_hash: [0; 32],
            credit_score: 0,
            risk_grade: u8::MAX,
            attested_ts: 0,
            financed_ts: 0,
            late_ts: 0,
            defaulted_ts: 0,
            repaid_ts: 0,
            overdue_ts: 0,
            late_after_ts: 0,
            writeoff_ts: 0,
            next_deadline_ts: 0,
            close_after_ts: 0,
            fx_rate_scaled: 0,
            book: InvoiceBook::default(),
            bump: ctx.bumps.invoice,
        };
        let asset_info = a.asset.to_account_info();
        let authority_info = a.asset_authority.to_account_info();
        let payer_info = a.supplier.to_account_info();
        let core_info = a.core_program.to_account_info();
        let system_info = a.system_program.to_account_info();
        CoreAccounts {
            core_program: &core_info,
            asset: &asset_info,
            asset_authority: &authority_info,
            asset_authority_bump: ctx.bumps.asset_authority,
            payer: &payer_info,
            system_program: &system_info,
        }
        .create(&payer_info, &invoice)?;

        emit_cpi!(InvoiceCreated {
            invoice: invoice_key,
            asset: invoice.asset,
            pool: invoice.pool,
            supplier: invoice.supplier,
            buyer: invoice.buyer,
            face_minor: invoice.face_minor,
            currency: invoice.currency,
            issue_ts: invoice.issue_ts,
            due_ts: invoice.due_ts,
            document_hash: invoice.document_hash,
            invoice_number: invoice.invoice_number.clone(),
        });
        emit_cpi!(SupplierRecordUpdated::of(
            &ctx.accounts.supplier_reputation,
            invoice_key,
            SupplierRecordChange::Created,
            now
        ));
        ctx.accounts.invoice.set_inner(invoice);
        Ok(())
    }
}

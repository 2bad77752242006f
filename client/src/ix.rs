//! One builder per program instruction. Each takes the signers' and
//! arguments' keys and derives every PDA itself.

use crate::{pda, ATA_PROGRAM_ID, PROGRAM_ID, TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID};
use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use anchor_lang::system_program;
use anchor_lang::{InstructionData, ToAccountMetas};
use autofactor::accounts as acc;
use autofactor::instruction as data;
// `InvoiceAssetBurn` is nested only inside `EndingInvoice`: Anchor's
// `accounts` module lists the groups instructions take directly.
use autofactor::instructions::shared::__client_accounts_invoice_asset_burn::InvoiceAssetBurn as BurnAsset;
use autofactor::instructions::*;
use autofactor::state::{CurrencyTerms, IdentityTerms, Invoice, Pool, PoolParams, PoolPolicy, Tranche};

fn build(accounts: impl ToAccountMetas, data: impl InstructionData) -> Instruction {
    Instruction { program_id: PROGRAM_ID, accounts: accounts.to_account_metas(None), data: data.data() }
}

fn ea() -> Pubkey {
    pda::event_authority()
}

/// The manager changing its pool (`ManagerPool`).
fn manager_pool(manager: &Pubkey, pool: &Pubkey) -> acc::ManagerPool {
    acc::ManagerPool {
        manager: *manager,
        protocol: pda::protocol(),
        manager_identity: pda::identity(manager),
        pool: *pool,
    }
}

/// An invoice's Core asset (`InvoiceAsset`).
fn invoice_asset(asset: &Pubkey) -> acc::InvoiceAsset {
    acc::InvoiceAsset { asset: *asset, asset_authority: pda::asset_authority(), core_program: mpl_core::ID }
}

/// An invoice's Core asset, to burn (`InvoiceAssetBurn`).
fn invoice_asset_burn(asset: &Pubkey) -> BurnAsset {
    BurnAsset { asset: *asset, asset_authority: pda::asset_authority(), core_program: mpl_core::ID }
}

/// The currency configuration and price of `prices.fx` (`FxPricing`).
fn fx_pricing(pool: &Pubkey, prices: &Prices) -> acc::FxPricing {
    acc::FxPricing {
        currency_config: prices.fx.and_then(|(code, _)| currency_config(pool, &code)),
        fx_price: prices.fx.map(|(_, p)| p),
    }
}

/// `protocol_initialize`
pub fn protocol_initialize(
    admin: &Pubkey,
    usdc_mint: &Pubkey,
    treasury: &Pubkey,
    protocol_fee_bps: u16,
) -> Instruction {
    build(
        acc::ProtocolInitialize {
            admin: *admin,
            protocol: pda::protocol(),
            usdc_mint: *usdc_mint,
            autofactor_program: PROGRAM_ID,
            program_data: Some(pda::program_data()),
            system_program: system_program::ID,
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::ProtocolInitialize { args: ProtocolInitializeArgs { treasury: *treasury, protocol_fee_bps } },
    )
}

/// `protocol_update`
pub fn protocol_update(admin: &Pubkey, protocol_fee_bps: u16, treasury: &Pubkey) -> Instruction {
    build(
        acc::ProtocolUpdate {
            admin: *admin,
            protocol: pda::protocol(),
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::ProtocolUpdate { args: ProtocolUpdateArgs { protocol_fee_bps, treasury: *treasury } },
    )
}

/// `protocol_set_paused`
pub fn protocol_set_paused(admin: &Pubkey, paused: bool) -> Instruction {
    build(
        acc::ProtocolSetPaused {
            admin: *admin,
            protocol: pda::protocol(),
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::ProtocolSetPaused { paused },
    )
}

/// `protocol_admin_propose`
pub fn protocol_admin_propose(admin: &Pubkey, new_admin: &Pubkey) -> Instruction {
    build(
        acc::ProtocolAdminPropose {
            admin: *admin,
            protocol: pda::protocol(),
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::ProtocolAdminPropose { new_admin: *new_admin },
    )
}

/// `protocol_admin_accept`
pub fn protocol_admin_accept(new_admin: &Pubkey) -> Instruction {
    build(
        acc::ProtocolAdminAccept {
            new_admin: *new_admin,
            protocol: pda::protocol(),
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::ProtocolAdminAccept {},
    )
}

/// `issuer_register`
pub fn issuer_register(admin: &Pubkey, authority: &Pubkey, name: &str) -> Instruction {
    build(
        acc::IssuerRegister {
            admin: *admin,
            protocol: pda::protocol(),
            authority: *authority,
            issuer: pda::issuer(authority),
            system_program: system_program::ID,
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::IssuerRegister { name: name.to_string() },
    )
}

/// `issuer_set_active`
pub fn issuer_set_active(admin: &Pubkey, authority: &Pubkey, active: bool) -> Instruction {
    build(
        acc::IssuerSetActive {
            admin: *admin,
            protocol: pda::protocol(),
            issuer: pda::issuer(authority),
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::IssuerSetActive { active },
    )
}

/// `identity_issue`
pub fn identity_issue(issuer_authority: &Pubkey, wallet: &Pubkey, terms: IdentityTerms) -> Instruction {
    build(
        acc::IdentityIssue {
            authority: *issuer_authority,
            issuer: pda::issuer(issuer_authority),
            wallet: *wallet,
            record: pda::identity(wallet),
            system_program: system_program::ID,
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::IdentityIssue { terms },
    )
}

/// `identity_update`
pub fn identity_update(issuer_authority: &Pubkey, wallet: &Pubkey, terms: IdentityTerms) -> Instruction {
    build(
        acc::IdentityUpdate {
            authority: *issuer_authority,
            issuer: pda::issuer(issuer_authority),
            record: pda::identity(wallet),
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::IdentityUpdate { terms },
    )
}

/// `identity_revoke`
pub fn identity_revoke(issuer_authority: &Pubkey, wallet: &Pubkey) -> Instruction {
    build(
        acc::IdentityRevoke {
            authority: *issuer_authority,
            record: pda::identity(wallet),
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::IdentityRevoke {},
    )
}

/// `pool_create` (USDC under SPL Token).
pub fn pool_create(
    manager: &Pubkey,
    usdc_mint: &Pubkey,
    pool_id: u64,
    params: PoolParams,
    policy: PoolPolicy,
) -> Instruction {
    let pool = pda::pool(manager, pool_id);
    build(
        acc::PoolCreate {
            manager: *manager,
            protocol: pda::protocol(),
            manager_identity: pda::identity(manager),
            pool,
            calendar: pda::calendar(&pool),
            usdc_mint: *usdc_mint,
            vault: pda::vault(&pool),
            senior_mint: pda::senior_mint(&pool),
            junior_mint: pda::junior_mint(&pool),
            usdc_token_program: TOKEN_PROGRAM_ID,
            tranche_token_program: TOKEN_2022_PROGRAM_ID,
            system_program: system_program::ID,
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::PoolCreate { args: PoolCreateArgs { pool_id, params, policy } },
    )
}

/// `pool_update_config`
pub fn pool_update_config(
    manager: &Pubkey,
    pool: &Pubkey,
    params: PoolParams,
    policy: PoolPolicy,
) -> Instruction {
    build(
        acc::PoolUpdateConfig {
            managed: manager_pool(manager, pool),
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::PoolUpdateConfig { args: PoolUpdateConfigArgs { params, policy } },
    )
}

/// `pool_set_paused`
pub fn pool_set_paused(manager: &Pubkey, pool: &Pubkey, paused: bool) -> Instruction {
    build(
        acc::PoolSetPaused {
            managed: manager_pool(manager, pool),
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::PoolSetPaused { paused },
    )
}

/// `pool_refresh`
pub fn pool_refresh(pool: &Pubkey) -> Instruction {
    build(
        acc::PoolRefresh {
            protocol: pda::protocol(),
            pool: *pool,
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::PoolRefresh {},
    )
}

/// The addresses every tranche instruction of one pool needs.
#[derive(Clone, Copy, Debug)]
pub struct PoolKeys {
    /// The pool.
    pub pool: Pubkey,
    /// Its USDC mint.
    pub usdc_mint: Pubkey,
    /// Its vault.
    pub vault: Pubkey,
    /// Senior share mint.
    pub senior_mint: Pubkey,
    /// Junior share mint.
    pub junior_mint: Pubkey,
}

impl PoolKeys {
    /// Keys of the pool `pool_id` of `manager` for `usdc_mint`.
    pub fn derive(manager: &Pubkey, pool_id: u64, usdc_mint: &Pubkey) -> Self {
        let pool = pda::pool(manager, pool_id);
        Self {
            pool,
            usdc_mint: *usdc_mint,
            vault: pda::vault(&pool),
            senior_mint: pda::senior_mint(&pool),
            junior_mint: pda::junior_mint(&pool),
        }
    }

    /// Keys read from a decoded pool account.
    pub fn from_pool(pool_address: &Pubkey, pool: &Pool) -> Self {
        Self {
            pool: *pool_address,
            usdc_mint: pool.usdc_mint,
            vault: pool.vault,
            senior_mint: pool.senior_mint,
            junior_mint: pool.junior_mint,
        }
    }

    /// Share mint of a tranche.
    pub fn tranche_mint(&self, t: Tranche) -> Pubkey {
        match t {
            Tranche::Senior => self.senior_mint,
            Tranche::Junior => self.junior_mint,
        }
    }

    /// `owner`'s USDC associated token account.
    pub fn usdc_ata(&self, owner: &Pubkey) -> Pubkey {
        pda::ata(owner, &self.usdc_mint, &TOKEN_PROGRAM_ID)
    }

    /// `owner`'s share associated token account for a tranche.
    pub fn shares_ata(&self, owner: &Pubkey, t: Tranche) -> Pubkey {
        pda::ata(owner, &self.tranche_mint(t), &TOKEN_2022_PROGRAM_ID)
    }

    /// The pool with its USDC mint, vault and token program (`PoolVault`).
    fn pool_vault(&self) -> acc::PoolVault {
        acc::PoolVault {
            pool: self.pool,
            usdc_mint: self.usdc_mint,
            vault: self.vault,
            usdc_token_program: TOKEN_PROGRAM_ID,
        }
    }

    /// `investor`'s holding in a tranche (`InvestorTranche`).
    fn holding(&self, investor: &Pubkey, t: Tranche) -> acc::InvestorTranche {
        acc::InvestorTranche {
            investor: *investor,
            protocol: pda::protocol(),
            investor_identity: pda::identity(investor),
            pool_vault: self.pool_vault(),
            calendar: pda::calendar(&self.pool),
            tranche_mint: self.tranche_mint(t),
            investor_shares: self.shares_ata(investor, t),
            position: pda::position(&self.pool, t, investor),
            tranche_token_program: TOKEN_2022_PROGRAM_ID,
        }
    }

    /// `owner`'s share ATA of a tranche, to freeze or thaw (`ShareAccount`).
    fn share_account(&self, owner: &Pubkey, t: Tranche) -> acc::ShareAccount {
        acc::ShareAccount {
            protocol: pda::protocol(),
            pool: self.pool,
            tranche_mint: self.tranche_mint(t),
            token_account: self.shares_ata(owner, t),
            tranche_token_program: TOKEN_2022_PROGRAM_ID,
        }
    }
}

/// Creates `owner`'s share ATA for a tranche if missing (idempotent; new
/// accounts start frozen until the pool thaws them).
pub fn create_shares_ata(payer: &Pubkey, owner: &Pubkey, keys: &PoolKeys, t: Tranche) -> Instruction {
    anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent(
        payer,
        owner,
        &keys.tranche_mint(t),
        &TOKEN_2022_PROGRAM_ID,
    )
}

/// `tranche_account_thaw` for `owner`'s share ATA.
pub fn tranche_account_thaw(keys: &PoolKeys, owner: &Pubkey, tranche: Tranche) -> Instruction {
    build(
        acc::TrancheAccountThaw {
            share: keys.share_account(owner, tranche),
            position: pda::position(&keys.pool, tranche, owner),
            owner_identity: pda::identity(owner),
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::TrancheAccountThaw { tranche },
    )
}

/// `tranche_account_freeze` for `owner`'s share ATA.
pub fn tranche_account_freeze(keys: &PoolKeys, owner: &Pubkey, tranche: Tranche) -> Instruction {
    build(
        acc::TrancheAccountFreeze {
            share: keys.share_account(owner, tranche),
            owner_identity: pda::identity(owner),
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::TrancheAccountFreeze { tranche },
    )
}

/// `tranche_deposit` from `investor`'s USDC ATA into its share ATA.
pub fn tranche_deposit(
    keys: &PoolKeys,
    investor: &Pubkey,
    tranche: Tranche,
    amount_usdc: u64,
    min_shares_out: u64,
) -> Instruction {
    build(
        acc::TrancheDeposit {
            holding: keys.holding(investor, tranche),
            investor_usdc: keys.usdc_ata(investor),
            associated_token_program: ATA_PROGRAM_ID,
            system_program: system_program::ID,
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::TrancheDeposit { args: TrancheDepositArgs { tranche, amount_usdc, min_shares_out } },
    )
}

/// `tranche_withdraw`; `queue_tail` is the tranche's current queue tail
/// (read from the pool) so the would-be request PDA can be passed.
pub fn tranche_withdraw(
    keys: &PoolKeys,
    investor: &Pubkey,
    tranche: Tranche,
    shares: u64,
    queue_tail: u64,
) -> Instruction {
    build(
        acc::TrancheWithdraw {
            holding: keys.holding(investor, tranche),
            investor_usdc: keys.usdc_ata(investor),
            withdrawal_request: pda::withdrawal_request(&keys.pool, tranche, queue_tail),
            associated_token_program: ATA_PROGRAM_ID,
            system_program: system_program::ID,
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::TrancheWithdraw { args: TrancheWithdrawArgs { tranche, shares } },
    )
}

/// `withdrawal_fill` of the request at `queue_head`, owned by `investor`.
pub fn withdrawal_fill(
    keys: &PoolKeys,
    keeper: &Pubkey,
    tranche: Tranche,
    queue_head: u64,
    investor: &Pubkey,
) -> Instruction {
    build(
        acc::WithdrawalFill {
            keeper: *keeper,
            protocol: pda::protocol(),
            pool_vault: keys.pool_vault(),
            calendar: pda::calendar(&keys.pool),
            withdrawal_request: pda::withdrawal_request(&keys.pool, tranche, queue_head),
            investor: *investor,
            investor_usdc: keys.usdc_ata(investor),
            position: pda::position(&keys.pool, tranche, investor),
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::WithdrawalFill { tranche },
    )
}

/// `withdrawal_claim` of the undelivered payout on `investor`'s request
/// `sequence`, paid to `destination` (one of the investor's USDC accounts).
pub fn withdrawal_claim(
    keys: &PoolKeys,
    investor: &Pubkey,
    tranche: Tranche,
    sequence: u64,
    destination: &Pubkey,
) -> Instruction {
    build(
        acc::WithdrawalClaim {
            investor: *investor,
            pool_vault: keys.pool_vault(),
            withdrawal_request: pda::withdrawal_request(&keys.pool, tranche, sequence),
            destination: *destination,
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::WithdrawalClaim {},
    )
}

/// `withdrawal_cancel` of `investor`'s request `sequence`.
pub fn withdrawal_cancel(keys: &PoolKeys, investor: &Pubkey, tranche: Tranche, sequence: u64) -> Instruction {
    build(
        acc::WithdrawalCancel {
            investor: *investor,
            protocol: pda::protocol(),
            pool: keys.pool,
            withdrawal_request: pda::withdrawal_request(&keys.pool, tranche, sequence),
            tranche_mint: keys.tranche_mint(tranche),
            investor_shares: keys.shares_ata(investor, tranche),
            tranche_token_program: TOKEN_2022_PROGRAM_ID,
            position: pda::position(&keys.pool, tranche, investor),
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::WithdrawalCancel {},
    )
}

/// `pool_verifier_add`
pub fn pool_verifier_add(manager: &Pubkey, pool: &Pubkey, verifier: &Pubkey) -> Instruction {
    build(
        acc::PoolVerifierAdd {
            managed: manager_pool(manager, pool),
            verifier: *verifier,
            verifier_identity: pda::identity(verifier),
            pool_verifier: pda::pool_verifier(pool, verifier),
            system_program: system_program::ID,
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::PoolVerifierAdd {},
    )
}

/// `pool_verifier_remove`
pub fn pool_verifier_remove(manager: &Pubkey, pool: &Pubkey, verifier: &Pubkey) -> Instruction {
    build(
        acc::PoolVerifierRemove {
            managed: manager_pool(manager, pool),
            pool_verifier: pda::pool_verifier(pool, verifier),
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::PoolVerifierRemove {},
    )
}

/// `pool_collect_fees` (treasury and manager USDC ATAs must exist).
pub fn pool_collect_fees(keys: &PoolKeys, treasury: &Pubkey, manager: &Pubkey) -> Instruction {
    build(
        acc::PoolCollectFees {
            protocol: pda::protocol(),
            pool_vault: keys.pool_vault(),
            treasury_usdc: keys.usdc_ata(treasury),
            manager_usdc: keys.usdc_ata(manager),
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::PoolCollectFees {},
    )
}

/// The addresses of one invoice.
#[derive(Clone, Copy, Debug)]
pub struct InvoiceKeys {
    /// Its Core asset.
    pub asset: Pubkey,
    /// The invoice PDA.
    pub invoice: Pubkey,
    /// Its pool.
    pub pool: PoolKeys,
    /// The supplier.
    pub supplier: Pubkey,
    /// The buyer.
    pub buyer: Pubkey,
    /// The supplier's legal-entity key (`IdentityRecord::entity_key`).
    pub supplier_entity: [u8; 32],
    /// The buyer's legal-entity key.
    pub buyer_entity: [u8; 32],
}

impl InvoiceKeys {
    /// Keys for an invoice of `asset` in `pool`; the entity keys are those
    /// of the supplier's and buyer's identity records (for a new invoice)
    /// or the invoice's own (`Invoice::supplier_entity` / `buyer_entity`).
    pub fn new(
        pool: PoolKeys,
        asset: Pubkey,
        supplier: Pubkey,
        buyer: Pubkey,
        supplier_entity: [u8; 32],
        buyer_entity: [u8; 32],
    ) -> Self {
        Self { asset, invoice: pda::invoice(&asset), pool, supplier, buyer, supplier_entity, buyer_entity }
    }

    /// The buyer acting on the invoice (`BuyerInvoice`).
    fn buyer_invoice(&self) -> acc::BuyerInvoice {
        acc::BuyerInvoice {
            buyer: self.buyer,
            protocol: pda::protocol(),
            buyer_identity: pda::identity(&self.buyer),
            pool: self.pool.pool,
            invoice: self.invoice,
            buyer_reputation: pda::buyer_reputation(&self.buyer_entity),
            invoice_asset: invoice_asset(&self.asset),
            system_program: system_program::ID,
        }
    }

    /// A keeper acting on the overdue invoice (`OverdueInvoice`).
    fn overdue(&self, keeper: &Pubkey) -> acc::OverdueInvoice {
        acc::OverdueInvoice {
            keeper: *keeper,
            pool: self.pool.pool,
            calendar: pda::calendar(&self.pool.pool),
            invoice: self.invoice,
            buyer_reputation: pda::buyer_reputation(&self.buyer_entity),
            invoice_asset: invoice_asset(&self.asset),
            system_program: system_program::ID,
        }
    }

    /// The invoice at its end: settlement, close of a default (`EndingInvoice`).
    fn ending(&self) -> acc::EndingInvoice {
        acc::EndingInvoice {
            pool_vault: self.pool.pool_vault(),
            invoice: self.invoice,
            supplier: self.supplier,
            invoice_asset: invoice_asset_burn(&self.asset),
            system_program: system_program::ID,
        }
    }

    /// Keys read from a decoded invoice and its pool's keys.
    pub fn from_invoice(pool: PoolKeys, invoice: &Invoice) -> Self {
        Self::new(
            pool,
            invoice.asset,
            invoice.supplier,
            invoice.buyer,
            invoice.supplier_entity,
            invoice.buyer_entity,
        )
    }
}

/// Terms of a new invoice.
#[derive(Clone, Debug)]
pub struct NewInvoice {
    /// Face amount in minor units.
    pub face_minor: u64,
    /// ISO 4217 code.
    pub currency: [u8; 3],
    /// Issue date.
    pub issue_ts: i64,
    /// Due date.
    pub due_ts: i64,
    /// SHA-256 of the document.
    pub document_hash: [u8; 32],
    /// Supplier's invoice number.
    pub invoice_number: String,
    /// Metadata URI.
    pub metadata_uri: String,
}

/// `invoice_create`; the asset keypair must sign.
pub fn invoice_create(k: &InvoiceKeys, terms: &NewInvoice) -> Instruction {
    build(
        acc::InvoiceCreate {
            supplier: k.supplier,
            protocol: pda::protocol(),
            supplier_identity: pda::identity(&k.supplier),
            buyer: k.buyer,
            buyer_identity: pda::identity(&k.buyer),
            pool: k.pool.pool,
            invoice: k.invoice,
            asset: k.asset,
            document_entry: pda::document_entry(&terms.document_hash),
            number_entry: pda::number_entry(&k.supplier_entity, &terms.invoice_number),
            buyer_exposure: pda::buyer_exposure(&k.pool.pool, &k.buyer_entity),
            supplier_exposure: pda::supplier_exposure(&k.pool.pool, &k.supplier_entity),
            supplier_reputation: pda::supplier_reputation(&k.supplier_entity),
            currency_config: currency_config(&k.pool.pool, &terms.currency),
            asset_authority: pda::asset_authority(),
            core_program: mpl_core::ID,
            system_program: system_program::ID,
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::InvoiceCreate {
            args: InvoiceCreateArgs {
                face_minor: terms.face_minor,
                currency: terms.currency,
                issue_ts: terms.issue_ts,
                due_ts: terms.due_ts,
                document_hash: terms.document_hash,
                invoice_number: terms.invoice_number.clone(),
                invoice_number_hash: pda::invoice_number_hash(&terms.invoice_number),
                metadata_uri: terms.metadata_uri.clone(),
            },
        },
    )
}

/// `invoice_acknowledge` (signed by the buyer).
pub fn invoice_acknowledge(k: &InvoiceKeys) -> Instruction {
    build(
        acc::InvoiceAcknowledge {
            buyer_invoice: k.buyer_invoice(),
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::InvoiceAcknowledge {},
    )
}

/// `invoice_dispute` (signed by the buyer).
pub fn invoice_dispute(k: &InvoiceKeys, reason_hash: [u8; 32]) -> Instruction {
    build(
        acc::InvoiceDispute {
            buyer_invoice: k.buyer_invoice(),
            supplier_reputation: pda::supplier_reputation(&k.supplier_entity),
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::InvoiceDispute { reason_hash },
    )
}

/// `invoice_attest` (signed by `verifier`).
pub fn invoice_attest(
    k: &InvoiceKeys,
    verifier: &Pubkey,
    delivery_proof_hash: [u8; 32],
    credit_score: u16,
) -> Instruction {
    build(
        acc::InvoiceAttest {
            verifier: *verifier,
            protocol: pda::protocol(),
            verifier_identity: pda::identity(verifier),
            pool: k.pool.pool,
            pool_verifier: pda::pool_verifier(&k.pool.pool, verifier),
            invoice: k.invoice,
            invoice_asset: invoice_asset(&k.asset),
            system_program: system_program::ID,
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::InvoiceAttest { args: InvoiceAttestArgs { delivery_proof_hash, credit_score } },
    )
}

/// `invoice_cancel` (signed by the supplier); `document_hash` and
/// `invoice_number` locate the registry entries.
pub fn invoice_cancel(k: &InvoiceKeys, document_hash: &[u8; 32], invoice_number: &str) -> Instruction {
    build(
        acc::InvoiceCancel {
            supplier: k.supplier,
            invoice: k.invoice,
            document_entry: pda::document_entry(document_hash),
            number_entry: pda::number_entry(&k.supplier_entity, invoice_number),
            supplier_reputation: pda::supplier_reputation(&k.supplier_entity),
            invoice_asset: invoice_asset(&k.asset),
            system_program: system_program::ID,
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::InvoiceCancel {},
    )
}

/// `invoice_finance` of a USD invoice with the depeg guard off.
pub fn invoice_finance(k: &InvoiceKeys, min_advance_usdc: u64) -> Instruction {
    invoice_finance_with(k, min_advance_usdc, &Prices::default())
}

/// Price accounts an instruction may need.
#[derive(Clone, Copy, Debug, Default)]
pub struct Prices {
    /// Invoice currency (`None` for USD) and its `PriceUpdateV2` account.
    pub fx: Option<([u8; 3], Pubkey)>,
    /// The USDC/USD `PriceUpdateV2` account (when the depeg guard is on).
    pub usdc: Option<Pubkey>,
}

fn currency_config(pool: &Pubkey, code: &[u8; 3]) -> Option<Pubkey> {
    (code != b"USD").then(|| pda::currency_config(pool, code))
}

/// `invoice_finance` (signed by the supplier), advance to its USDC ATA.
pub fn invoice_finance_with(k: &InvoiceKeys, min_advance_usdc: u64, prices: &Prices) -> Instruction {
    build(
        acc::InvoiceFinance {
            supplier: k.supplier,
            protocol: pda::protocol(),
            supplier_identity: pda::identity(&k.supplier),
            pool_vault: k.pool.pool_vault(),
            calendar: pda::calendar(&k.pool.pool),
            supplier_usdc: k.pool.usdc_ata(&k.supplier),
            invoice: k.invoice,
            buyer_exposure: pda::buyer_exposure(&k.pool.pool, &k.buyer_entity),
            supplier_exposure: pda::supplier_exposure(&k.pool.pool, &k.supplier_entity),
            buyer_reputation: pda::buyer_reputation(&k.buyer_entity),
            supplier_reputation: pda::supplier_reputation(&k.supplier_entity),
            fx: fx_pricing(&k.pool.pool, prices),
            usdc_price: prices.usdc,
            invoice_asset: invoice_asset(&k.asset),
            system_program: system_program::ID,
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::InvoiceFinance { args: InvoiceFinanceArgs { min_advance_usdc } },
    )
}

/// `invoice_repay` of a USD invoice from `payer`'s USDC ATA.
pub fn invoice_repay(k: &InvoiceKeys, payer: &Pubkey, amount_minor: u64, max_usdc: u64) -> Instruction {
    invoice_repay_with(k, payer, amount_minor, max_usdc, &Prices::default())
}

/// `invoice_repay` from `payer`'s USDC ATA, with the FX price if non-USD.
pub fn invoice_repay_with(
    k: &InvoiceKeys,
    payer: &Pubkey,
    amount_minor: u64,
    max_usdc: u64,
    prices: &Prices,
) -> Instruction {
    build(
        acc::InvoiceRepay {
            payer: *payer,
            pool_vault: k.pool.pool_vault(),
            calendar: pda::calendar(&k.pool.pool),
            payer_usdc: k.pool.usdc_ata(payer),
            invoice: k.invoice,
            buyer_reputation: pda::buyer_reputation(&k.buyer_entity),
            buyer_exposure: pda::buyer_exposure(&k.pool.pool, &k.buyer_entity),
            supplier_exposure: pda::supplier_exposure(&k.pool.pool, &k.supplier_entity),
            fx: fx_pricing(&k.pool.pool, prices),
            invoice_asset: invoice_asset(&k.asset),
            system_program: system_program::ID,
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::InvoiceRepay { args: InvoiceRepayArgs { amount_minor, max_usdc } },
    )
}

/// `invoice_mature` (keeper).
pub fn invoice_mature(k: &InvoiceKeys) -> Instruction {
    build(
        acc::InvoiceMature {
            pool: k.pool.pool,
            calendar: pda::calendar(&k.pool.pool),
            invoice: k.invoice,
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::InvoiceMature {},
    )
}

/// `invoice_mark_late` (keeper).
pub fn invoice_mark_late(k: &InvoiceKeys, keeper: &Pubkey) -> Instruction {
    build(
        acc::InvoiceMarkLate { overdue: k.overdue(keeper), event_authority: ea(), program: PROGRAM_ID },
        data::InvoiceMarkLate {},
    )
}

/// `invoice_write_down` (keeper).
pub fn invoice_write_down(k: &InvoiceKeys, keeper: &Pubkey) -> Instruction {
    build(
        acc::InvoiceWriteDown { overdue: k.overdue(keeper), event_authority: ea(), program: PROGRAM_ID },
        data::InvoiceWriteDown {},
    )
}

/// `invoice_settle` (anyone).
pub fn invoice_settle(k: &InvoiceKeys, keeper: &Pubkey) -> Instruction {
    build(
        acc::InvoiceSettle {
            keeper: *keeper,
            ending: k.ending(),
            supplier_usdc: k.pool.usdc_ata(&k.supplier),
            associated_token_program: ATA_PROGRAM_ID,
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::InvoiceSettle {},
    )
}

/// `invoice_close_defaulted` (anyone, once the recovery period is over).
pub fn invoice_close_defaulted(k: &InvoiceKeys, keeper: &Pubkey) -> Instruction {
    invoice_close_defaulted_in(k, keeper, b"USD")
}

/// `invoice_close_defaulted` of an invoice in `currency` (its pool's
/// currency configuration is passed unless USD). The reserve goes to the
/// supplier's USDC ATA (none is created); to pay another USDC account of
/// the supplier, replace that key. Passed as the program id (`None`), or
/// frozen, the reserve stays owed (`invoice_claim_reserve`). Releases the
/// invoice from both exposures (`InvoiceKeys::buyer_entity` /
/// `supplier_entity`).
pub fn invoice_close_defaulted_in(k: &InvoiceKeys, keeper: &Pubkey, currency: &[u8; 3]) -> Instruction {
    build(
        acc::InvoiceCloseDefaulted {
            keeper: *keeper,
            ending: k.ending(),
            supplier_usdc: Some(k.pool.usdc_ata(&k.supplier)),
            buyer_exposure: pda::buyer_exposure(&k.pool.pool, &k.buyer_entity),
            supplier_exposure: pda::supplier_exposure(&k.pool.pool, &k.supplier_entity),
            fx: acc::FxPricing { currency_config: currency_config(&k.pool.pool, currency), fx_price: None },
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::InvoiceCloseDefaulted {},
    )
}

/// `invoice_claim_reserve`: the supplier claims the reserve settlement or
/// the close of a default could not deliver, into `destination` (any USDC
/// account it owns).
pub fn invoice_claim_reserve(k: &InvoiceKeys, destination: &Pubkey) -> Instruction {
    build(
        acc::InvoiceClaimReserve {
            supplier: k.supplier,
            pool_vault: k.pool.pool_vault(),
            invoice: k.invoice,
            destination: *destination,
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::InvoiceClaimReserve {},
    )
}

/// `protocol_set_usdc_guard`
pub fn protocol_set_usdc_guard(
    admin: &Pubkey,
    feed_id: [u8; 32],
    min_price_bps: u16,
    max_age_secs: u32,
) -> Instruction {
    build(
        acc::ProtocolSetUsdcGuard {
            admin: *admin,
            protocol: pda::protocol(),
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::ProtocolSetUsdcGuard { args: UsdcGuardArgs { feed_id, min_price_bps, max_age_secs } },
    )
}

/// `pool_currency_set`
pub fn pool_currency_set(manager: &Pubkey, pool: &Pubkey, terms: CurrencyTerms) -> Instruction {
    build(
        acc::PoolCurrencySet {
            managed: manager_pool(manager, pool),
            currency_config: pda::currency_config(pool, &terms.code),
            system_program: system_program::ID,
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::PoolCurrencySet { terms },
    )
}

/// `pool_currency_remove`
pub fn pool_currency_remove(manager: &Pubkey, pool: &Pubkey, code: &[u8; 3]) -> Instruction {
    build(
        acc::PoolCurrencyRemove {
            managed: manager_pool(manager, pool),
            currency_config: pda::currency_config(pool, code),
            event_authority: ea(),
            program: PROGRAM_ID,
        },
        data::PoolCurrencyRemove {},
    )
}

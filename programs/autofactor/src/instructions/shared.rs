//! Account groups that several instructions take, each defined once as a
//! nested `#[derive(Accounts)]` struct with the methods that use it:
//!
//! - [`InvoiceAsset`] / [`InvoiceAssetBurn`]: an invoice's Metaplex Core
//!   asset and what a CPI on it needs (status changes, transfer, burn);
//! - [`PoolVault`]: a pool with its USDC mint, vault and token program
//!   (payments from and to the vault);
//! - [`EndingInvoice`]: an invoice at its end (reserve, burn, close);
//! - [`FxPricing`]: the pool's configuration of a non-USD invoice's
//!   currency and its Pyth price (financing and repayment);
//! - the actors' groups: [`BuyerInvoice`], [`OverdueInvoice`],
//!   [`InvestorTranche`], [`ShareAccount`], [`ManagerPool`].
//!
//! A group checks only what it can see. The instruction ties it to its own
//! accounts (e.g. `invoice.asset == invoice_asset.asset`) in the
//! constraints of those accounts.

use crate::constants::*;
use crate::core_asset::CoreAccounts;
use crate::error::AutofactorError;
use crate::lifecycle;
use crate::oracle::FxQuote;
use crate::state::*;
use anchor_lang::prelude::*;
use anchor_spl::token_2022::Token2022;
use anchor_spl::token_interface::{self, Mint, TokenAccount, TokenInterface, TransferChecked};

/// An invoice's Core asset, for a status change or a transfer (the asset
/// authority PDA signs, it does not receive).
#[derive(Accounts)]
pub struct InvoiceAsset<'info> {
    /// CHECK: the invoice's Core asset (the instruction requires
    /// `invoice.asset` to be this key).
    #[account(mut)]
    pub asset: UncheckedAccount<'info>,
    /// CHECK: the `["asset_authority"]` PDA: update authority and permanent
    /// delegate of every invoice asset.
    #[account(seeds = [ASSET_AUTHORITY_SEED], bump)]
    pub asset_authority: UncheckedAccount<'info>,
    /// CHECK: Metaplex Core.
    #[account(address = mpl_core::ID)]
    pub core_program: UncheckedAccount<'info>,
}

impl<'info> InvoiceAsset<'info> {
    /// The accounts of a Core CPI on this asset, `payer` paying rent changes.
    pub fn core<'a>(
        &'a self,
        bumps: &InvoiceAssetBumps,
        payer: &'a AccountInfo<'info>,
        system_program: &'a AccountInfo<'info>,
    ) -> CoreAccounts<'a, 'info> {
        CoreAccounts {
            core_program: &self.core_program,
            asset: &self.asset,
            asset_authority: &self.asset_authority,
            asset_authority_bump: bumps.asset_authority,
            payer,
            system_program,
        }
    }
}

/// An invoice's Core asset, to burn: the asset authority PDA pays, so it
/// receives Core's refund of the asset's rent and forwards it in the same
/// instruction (`CoreAccounts::burn_and_refund`).
#[derive(Accounts)]
pub struct InvoiceAssetBurn<'info> {
    /// CHECK: the invoice's Core asset (the instruction requires
    /// `invoice.asset` to be this key).
    #[account(mut)]
    pub asset: UncheckedAccount<'info>,
    /// CHECK: the `["asset_authority"]` PDA; receives Core's burn refund.
    #[account(mut, seeds = [ASSET_AUTHORITY_SEED], bump)]
    pub asset_authority: UncheckedAccount<'info>,
    /// CHECK: Metaplex Core.
    #[account(address = mpl_core::ID)]
    pub core_program: UncheckedAccount<'info>,
}

impl<'info> InvoiceAssetBurn<'info> {
    /// The accounts of the burn, the asset authority PDA paying.
    pub fn core<'a>(
        &'a self,
        bumps: &InvoiceAssetBurnBumps,
        system_program: &'a AccountInfo<'info>,
    ) -> CoreAccounts<'a, 'info> {
        CoreAccounts {
            core_program: &self.core_program,
            asset: &self.asset,
            asset_authority: &self.asset_authority,
            asset_authority_bump: bumps.asset_authority,
            payer: &self.asset_authority,
            system_program,
        }
    }
}

/// A pool with its USDC mint, vault and the USDC token program: every
/// instruction that moves USDC in or out of the vault.
#[derive(Accounts)]
pub struct PoolVault<'info> {
    /// The pool.
    #[account(mut,
              has_one = usdc_mint @ AutofactorError::WrongUsdcMint,
              has_one = vault @ AutofactorError::WrongVault)]
    pub pool: Box<Account<'info, Pool>>,
    /// The pool's USDC mint, owned by the USDC token program passed (a
    /// wrong program would derive other, missing, associated accounts).
    #[account(mint::token_program = usdc_token_program)]
    pub usdc_mint: Box<InterfaceAccount<'info, Mint>>,
    /// The pool's vault.
    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    /// Token program of USDC.
    pub usdc_token_program: Interface<'info, TokenInterface>,
}

impl<'info> PoolVault<'info> {
    /// Pays `amount_usdc` from the vault to `to`, the pool PDA signing.
    pub fn pay(&self, to: &AccountInfo<'info>, amount_usdc: u64) -> Result<()> {
        crate::cpi::pay_from_vault(
            &self.pool,
            self.vault.to_account_info(),
            to.clone(),
            self.usdc_mint.to_account_info(),
            self.usdc_mint.decimals,
            self.usdc_token_program.to_account_info(),
            amount_usdc,
        )
    }

    /// Pays `amount_usdc` to `to` when it is given and can receive it now
    /// ([`crate::cpi::can_receive`]: `owner`'s, unfrozen, of the mint);
    /// otherwise pays nothing. Returns `(paid, owed)`: what went out, and
    /// what the caller books as owed instead (a reserve or a redemption
    /// payout claimed later), so a frozen account never blocks anything.
    pub fn pay_or_owe(
        &self,
        to: Option<AccountInfo<'info>>,
        owner: &Pubkey,
        amount_usdc: u64,
    ) -> Result<(u64, u64)> {
        if amount_usdc == 0 {
            return Ok((0, 0));
        }
        let (mint, program) = (self.usdc_mint.key(), self.usdc_token_program.key());
        match to.filter(|to| crate::cpi::can_receive(to, &mint, owner, &program)) {
            Some(to) => {
                self.pay(&to, amount_usdc)?;
                Ok((amount_usdc, 0))
            }
            None => Ok((0, amount_usdc)),
        }
    }

    /// Moves `amount_usdc` from `from` (owned by `authority`, who signs) into
    /// the vault.
    pub fn receive(
        &self,
        from: &AccountInfo<'info>,
        authority: &AccountInfo<'info>,
        amount_usdc: u64,
    ) -> Result<()> {
        token_interface::transfer_checked(
            CpiContext::new(
                self.usdc_token_program.key(),
                TransferChecked {
                    from: from.clone(),
                    mint: self.usdc_mint.to_account_info(),
                    to: self.vault.to_account_info(),
                    authority: authority.clone(),
                },
            ),
            amount_usdc,
            self.usdc_mint.decimals,
        )
    }

    /// Re-reads the vault after the transfers and checks that it still
    /// holds everything the ledger says it must.
    pub fn require_vault_covers(&mut self) -> Result<()> {
        self.vault.reload()?;
        self.pool.ledger.require_vault_covers(self.vault.amount)
    }
}

/// The pool's configuration of a non-USD invoice's currency and its Pyth
/// price: both required unless the invoice is in USD, checked here.
#[derive(Accounts)]
pub struct FxPricing<'info> {
    /// The pool's configuration of the invoice currency (required unless
    /// USD); counts the pool's open invoices in the currency.
    #[account(mut)]
    pub currency_config: Option<Box<Account<'info, CurrencyConfig>>>,
    /// CHECK: the Pyth `PriceUpdateV2` of the invoice currency (required
    /// unless USD); read by [`FxQuote::read`].
    pub fx_price: Option<UncheckedAccount<'info>>,
}

impl FxPricing<'_> {
    /// The pool's configuration of `currency`: given, and that pool's and
    /// that currency's.
    pub fn config_mut(&mut self, pool: &Pubkey, currency: &[u8; 3]) -> Result<&mut CurrencyConfig> {
        checked_config(self.currency_config.as_deref_mut().map(|a| &mut **a), pool, currency)
    }

    /// The quote for a non-USD `invoice` of `pool` at `now_ts`, from the
    /// currency's configuration (checked first) and its price account.
    fn quote(
        &mut self,
        pool: &Pubkey,
        invoice: &Invoice,
        now_ts: i64,
    ) -> Result<(FxQuote, &mut CurrencyConfig)> {
        let cfg =
            checked_config(self.currency_config.as_deref_mut().map(|a| &mut **a), pool, &invoice.currency)?;
        let account = self.fx_price.as_ref().ok_or(error!(AutofactorError::PriceAccountMissing))?;
        let quote = FxQuote::read(account, cfg, invoice.currency_decimals, now_ts)?;
        Ok((quote, cfg))
    }

    /// What the pool pays for `invoice`'s face: `(face_usdc,
    /// fx_rate_scaled)`, the rate 0 for USD. A non-USD invoice is counted
    /// among its currency's open invoices (its terms are then locked).
    pub fn value_purchase(&mut self, pool: &Pubkey, invoice: &Invoice, now_ts: i64) -> Result<(u64, u128)> {
        if invoice.currency == USD {
            return Ok((usd_minor_to_usdc(invoice.face_minor)?, 0));
        }
        let (quote, cfg) = self.quote(pool, invoice, now_ts)?;
        cfg.open_invoices = crate::math::SafeMath::safe_add(cfg.open_invoices, 1)?;
        Ok((quote.value_for_purchase(invoice.face_minor)?, quote.purchase_rate_scaled()?))
    }

    /// What paying `amount_minor` of `invoice` costs in USDC: `(usdc,
    /// fx_rate_scaled)`, the rate 0 for USD.
    pub fn cost_of_payment(
        &mut self,
        pool: &Pubkey,
        invoice: &Invoice,
        amount_minor: u64,
        now_ts: i64,
    ) -> Result<(u64, u128)> {
        if invoice.currency == USD {
            return Ok((usd_minor_to_usdc(amount_minor)?, 0));
        }
        let (quote, _) = self.quote(pool, invoice, now_ts)?;
        Ok((quote.cost_for_payment(amount_minor)?, quote.payment_rate_scaled()?))
    }

    /// A non-USD invoice leaves the book: no longer counted among its
    /// currency's open invoices (whose terms may then change).
    pub fn release(&mut self, pool: &Pubkey, invoice: &Invoice) -> Result<()> {
        if invoice.currency == USD {
            return Ok(());
        }
        let cfg = self.config_mut(pool, &invoice.currency)?;
        cfg.open_invoices = crate::math::SafeMath::safe_sub(cfg.open_invoices, 1)?;
        Ok(())
    }
}

/// `cfg`, required, and the configuration of `currency` in `pool`.
fn checked_config<'a>(
    cfg: Option<&'a mut CurrencyConfig>,
    pool: &Pubkey,
    currency: &[u8; 3],
) -> Result<&'a mut CurrencyConfig> {
    let cfg = cfg.ok_or(error!(AutofactorError::CurrencyNotSupported))?;
    require!(cfg.pool == *pool && cfg.terms.code == *currency, AutofactorError::WrongCurrencyConfig);
    Ok(cfg)
}

/// The buyer acting on its invoice before financing (acknowledge,
/// dispute): its identity, the invoice with its asset, and the buyer
/// entity's repayment record (created on first use, paid by the buyer).
#[derive(Accounts)]
pub struct BuyerInvoice<'info> {
    /// The invoice's buyer; pays for its reputation record on first use.
    #[account(mut)]
    pub buyer: Signer<'info>,
    /// The configuration.
    #[account(seeds = [PROTOCOL_SEED], bump = protocol.bump)]
    pub protocol: Box<Account<'info, ProtocolConfig>>,
    /// The buyer's identity record (role: buyer).
    #[account(seeds = [IDENTITY_SEED, buyer.key().as_ref()], bump = buyer_identity.bump)]
    pub buyer_identity: Box<Account<'info, IdentityRecord>>,
    /// The invoice's pool (its pause flag applies).
    pub pool: Box<Account<'info, Pool>>,
    /// The invoice.
    #[account(mut, constraint = invoice.buyer == buyer.key() @ AutofactorError::NotInvoiceBuyer,
              constraint = invoice.pool == pool.key() @ AutofactorError::WrongPool,
              constraint = invoice.asset == invoice_asset.asset.key() @ AutofactorError::WrongAsset)]
    pub invoice: Box<Account<'info, Invoice>>,
    /// The buyer entity's repayment record.
    #[account(init_if_needed, payer = buyer, space = 8 + BuyerReputation::INIT_SPACE,
              seeds = [BUYER_REPUTATION_SEED, invoice.buyer_entity.as_ref()], bump)]
    pub buyer_reputation: Box<Account<'info, BuyerReputation>>,
    /// The invoice's Core asset.
    pub invoice_asset: InvoiceAsset<'info>,
    /// The system program.
    pub system_program: Program<'info, System>,
}

impl BuyerInvoice<'_> {
    /// Pauses, the buyer's identity, and the invoice in one of `statuses`.
    pub fn validate(&self, statuses: &[InvoiceStatus]) -> Result<()> {
        self.protocol.require_not_paused()?;
        self.pool.require_not_paused()?;
        let now = Clock::get()?.unix_timestamp;
        self.buyer_identity.require_valid(&self.buyer.key(), ROLE_BUYER, now)?;
        require!(statuses.contains(&self.invoice.status), AutofactorError::InvalidInvoiceStatus);
        Ok(())
    }

    /// The buyer entity's record, initialised on first use.
    pub fn reputation(&mut self, bumps: &BuyerInvoiceBumps) -> &mut BuyerReputation {
        let rep = &mut self.buyer_reputation;
        rep.buyer_entity = self.invoice.buyer_entity;
        rep.bump = bumps.buyer_reputation;
        rep
    }

    /// Rewrites the asset's attributes from the invoice (the buyer pays
    /// any resize).
    pub fn update_asset(&self, bumps: &BuyerInvoiceBumps) -> Result<()> {
        self.invoice_asset
            .core(&bumps.invoice_asset, &self.buyer, &self.system_program)
            .update_attributes(&self.invoice)
    }
}

/// A keeper acting on a financed invoice past a deadline (mark late,
/// write down): the pool, its calendar, the invoice with its asset and
/// the buyer entity's record.
#[derive(Accounts)]
pub struct OverdueInvoice<'info> {
    /// Any wallet; pays for attribute resizing.
    #[account(mut)]
    pub keeper: Signer<'info>,
    /// The invoice's pool.
    #[account(mut)]
    pub pool: Box<Account<'info, Pool>>,
    /// The pool's deadline calendar.
    #[account(mut, constraint = calendar.load()?.pool == pool.key() @ AutofactorError::WrongPool)]
    pub calendar: AccountLoader<'info, PoolCalendar>,
    /// The invoice.
    #[account(mut, constraint = invoice.pool == pool.key() @ AutofactorError::WrongPool,
              constraint = invoice.asset == invoice_asset.asset.key() @ AutofactorError::WrongAsset)]
    pub invoice: Box<Account<'info, Invoice>>,
    /// The buyer entity's repayment record.
    #[account(mut, seeds = [BUYER_REPUTATION_SEED, invoice.buyer_entity.as_ref()], bump = buyer_reputation.bump)]
    pub buyer_reputation: Box<Account<'info, BuyerReputation>>,
    /// The invoice's Core asset.
    pub invoice_asset: InvoiceAsset<'info>,
    /// The system program.
    pub system_program: Program<'info, System>,
}

impl OverdueInvoice<'_> {
    /// Rewrites the asset's attributes from the invoice (the keeper pays
    /// any resize).
    pub fn update_asset(&self, bumps: &OverdueInvoiceBumps) -> Result<()> {
        self.invoice_asset
            .core(&bumps.invoice_asset, &self.keeper, &self.system_program)
            .update_attributes(&self.invoice)
    }
}

/// An invoice at its end (settlement, close of a default): the pool and
/// vault, the invoice, its supplier and its asset (burned here).
#[derive(Accounts)]
pub struct EndingInvoice<'info> {
    /// The invoice's pool and its vault.
    pub pool_vault: PoolVault<'info>,
    /// The invoice; closed here (rent to the supplier), or kept `Closed`
    /// while its reserve is owed.
    #[account(mut, constraint = invoice.pool == pool_vault.pool.key() @ AutofactorError::WrongPool,
              has_one = supplier @ AutofactorError::NotInvoiceSupplier,
              constraint = invoice.asset == invoice_asset.asset.key() @ AutofactorError::WrongAsset)]
    pub invoice: Box<Account<'info, Invoice>>,
    /// CHECK: the invoice's supplier (checked by `has_one`); gets the
    /// rents back.
    #[account(mut)]
    pub supplier: UncheckedAccount<'info>,
    /// The invoice's Core asset, burned here.
    pub invoice_asset: InvoiceAssetBurn<'info>,
    /// The system program.
    pub system_program: Program<'info, System>,
}

impl<'info> EndingInvoice<'info> {
    /// Pays the supplier the reserve collected (`reserve_usdc`) when `to`
    /// can receive it, else books it as owed; burns the asset (its rent
    /// back to the supplier) and closes the invoice account, or keeps it
    /// `Closed` while the reserve is owed
    /// ([`lifecycle::finish_burned_invoice`]). The book is closed already.
    /// Returns `(released_usdc, owed_usdc)`.
    pub fn release_reserve_and_burn(
        &mut self,
        bumps: &EndingInvoiceBumps,
        to: Option<AccountInfo<'info>>,
        reserve_usdc: u64,
    ) -> Result<(u64, u64)> {
        let supplier = self.supplier.to_account_info();
        let (released_usdc, owed_usdc) = self.pool_vault.pay_or_owe(to, supplier.key, reserve_usdc)?;
        let ledger = &mut self.pool_vault.pool.ledger;
        ledger.release_reserve(released_usdc)?;
        ledger.invariant()?;
        // Burn with the asset authority PDA as payer, then hand its refund
        // (the asset's rent) to the supplier.
        self.invoice_asset.core(&bumps.invoice_asset, &self.system_program).burn_and_refund(&supplier)?;
        self.pool_vault.require_vault_covers()?;
        lifecycle::finish_burned_invoice(&mut self.invoice, owed_usdc == 0, &supplier)?;
        Ok((released_usdc, owed_usdc))
    }
}

/// An investor's holding in one tranche (deposit, withdraw): its identity,
/// the pool and vault, the tranche's share mint, the investor's share
/// account and its position. The tranche is the first field of the
/// instruction's arguments (the instruction declares no `#[instruction]`
/// of its own, so this group reads it; where the instruction needs the
/// tranche in a constraint it takes [`InvestorTranche::tranche`]).
#[derive(Accounts)]
#[instruction(tranche: Tranche)]
pub struct InvestorTranche<'info> {
    /// The investor; pays the rent of its position (and of a queued
    /// request).
    #[account(mut)]
    pub investor: Signer<'info>,
    /// The configuration.
    #[account(seeds = [PROTOCOL_SEED], bump = protocol.bump)]
    pub protocol: Box<Account<'info, ProtocolConfig>>,
    /// The investor's identity record (role: investor).
    #[account(seeds = [IDENTITY_SEED, investor.key().as_ref()], bump = investor_identity.bump)]
    pub investor_identity: Box<Account<'info, IdentityRecord>>,
    /// The pool and its vault.
    pub pool_vault: PoolVault<'info>,
    /// The pool's deadline calendar: no deposit or redemption while a
    /// passed invoice deadline is unapplied (F-03).
    #[account(constraint = calendar.load()?.pool == pool_vault.pool.key() @ AutofactorError::WrongPool)]
    pub calendar: AccountLoader<'info, PoolCalendar>,
    /// The tranche's share mint.
    #[account(mut, constraint = tranche_mint.key() == pool_vault.pool.tranche_mint(tranche)
              @ AutofactorError::WrongTrancheMint)]
    pub tranche_mint: Box<InterfaceAccount<'info, Mint>>,
    /// The investor's share associated token account (thawed for a mint
    /// or a burn, frozen again while a holding period runs).
    #[account(mut, associated_token::mint = tranche_mint, associated_token::authority = investor,
              associated_token::token_program = tranche_token_program)]
    pub investor_shares: Box<InterfaceAccount<'info, TokenAccount>>,
    /// CHECK: the investor's position in the tranche, `["position", pool,
    /// tranche, investor]` (holding period, queued shares); created by the
    /// first deposit (or queued withdrawal), so it may not exist (shares
    /// received by transfer: no holding period). Read with
    /// [`Position::load`], written with [`InvestorTranche::store_position`].
    #[account(mut, seeds = [POSITION_SEED, pool_vault.pool.key().as_ref(), &[tranche.seed()], investor.key().as_ref()],
              bump)]
    pub position: UncheckedAccount<'info>,
    /// Token-2022 (the share mints' program).
    pub tranche_token_program: Program<'info, Token2022>,
}

impl<'info> InvestorTranche<'info> {
    /// Pauses, the investor's identity, and a calendar with no passed
    /// deadline unapplied (the price must value every past-due invoice by
    /// its schedule). Returns the time checked at.
    pub fn validate(&self) -> Result<i64> {
        self.protocol.require_not_paused()?;
        self.pool_vault.pool.require_not_paused()?;
        let now = Clock::get()?.unix_timestamp;
        self.investor_identity.require_valid(&self.investor.key(), ROLE_INVESTOR, now)?;
        self.calendar.load()?.require_current(now)?;
        Ok(now)
    }

    /// The tranche (its mint was checked to be the pool's mint of it).
    pub fn tranche(&self) -> Tranche {
        self.pool_vault.pool.tranche_of_mint(&self.tranche_mint.key())
    }

    /// Thaws the investor's share account if it is frozen.
    pub fn thaw_shares(&self) -> Result<()> {
        if !self.investor_shares.is_frozen() {
            return Ok(());
        }
        self.set_frozen(false)
    }

    /// Freezes the investor's share account (a holding period runs).
    pub fn freeze_shares(&self) -> Result<()> {
        self.set_frozen(true)
    }

    fn set_frozen(&self, frozen: bool) -> Result<()> {
        crate::cpi::set_frozen(
            &self.pool_vault.pool,
            self.tranche_mint.to_account_info(),
            self.investor_shares.to_account_info(),
            self.tranche_token_program.to_account_info(),
            frozen,
        )
    }

    /// Mints `amount` shares to the investor's share account.
    pub fn mint_shares(&self, amount: u64) -> Result<()> {
        crate::cpi::mint_shares(
            &self.pool_vault.pool,
            self.tranche_mint.to_account_info(),
            self.investor_shares.to_account_info(),
            self.tranche_token_program.to_account_info(),
            amount,
        )
    }

    /// Writes `position` to its PDA, creating the account first — rent
    /// paid by the investor — if it does not exist yet.
    pub fn store_position(&self, position: &Position, system_program: &AccountInfo<'info>) -> Result<()> {
        let info = self.position.to_account_info();
        if info.owner != &crate::ID || info.data_is_empty() {
            let tranche = [position.tranche.seed()];
            let bump = [position.bump];
            let owner = position.owner;
            let seeds: [&[u8]; 5] = [POSITION_SEED, position.pool.as_ref(), &tranche, owner.as_ref(), &bump];
            crate::cpi::create_pda_account(
                self.investor.to_account_info(),
                info.clone(),
                system_program.clone(),
                8 + Position::INIT_SPACE,
                &seeds,
            )?;
        }
        crate::cpi::write_account(&info, position)
    }
}

/// A tranche share account that the pool (its mint's freeze authority)
/// freezes or thaws: the pool, the tranche's mint and the account. The
/// tranche is the instruction's argument (read here, as for
/// [`InvestorTranche`]).
#[derive(Accounts)]
#[instruction(tranche: Tranche)]
pub struct ShareAccount<'info> {
    /// The configuration.
    #[account(seeds = [PROTOCOL_SEED], bump = protocol.bump)]
    pub protocol: Box<Account<'info, ProtocolConfig>>,
    /// The pool.
    pub pool: Box<Account<'info, Pool>>,
    /// The tranche's share mint.
    #[account(constraint = tranche_mint.key() == pool.tranche_mint(tranche) @ AutofactorError::WrongTrancheMint)]
    pub tranche_mint: Box<InterfaceAccount<'info, Mint>>,
    /// The share token account.
    #[account(mut, token::mint = tranche_mint, token::token_program = tranche_token_program)]
    pub token_account: Box<InterfaceAccount<'info, TokenAccount>>,
    /// Token-2022.
    pub tranche_token_program: Program<'info, Token2022>,
}

impl ShareAccount<'_> {
    /// The tranche (its mint was checked to be the pool's mint of it).
    pub fn tranche(&self) -> Tranche {
        self.pool.tranche_of_mint(&self.tranche_mint.key())
    }

    /// Whether the account is its owner's associated token account (only
    /// those may hold shares; they carry ImmutableOwner).
    pub fn is_owners_ata(&self) -> bool {
        self.token_account.key()
            == anchor_spl::associated_token::get_associated_token_address_with_program_id(
                &self.token_account.owner,
                &self.tranche_mint.key(),
                &self.tranche_token_program.key(),
            )
    }

    /// Freezes (`frozen`) or thaws the account, unless it already is.
    /// Returns the keys its event names: `(pool, token_account, owner)`.
    pub fn set_frozen(&self, frozen: bool) -> Result<(Pubkey, Pubkey, Pubkey)> {
        if self.token_account.is_frozen() != frozen {
            crate::cpi::set_frozen(
                &self.pool,
                self.tranche_mint.to_account_info(),
                self.token_account.to_account_info(),
                self.tranche_token_program.to_account_info(),
                frozen,
            )?;
        }
        Ok((self.pool.key(), self.token_account.key(), self.token_account.owner))
    }
}

/// The pool's manager acting on its pool: pause, configuration, and the
/// registrations of verifiers and currencies (whose rent it pays and gets
/// back).
#[derive(Accounts)]
pub struct ManagerPool<'info> {
    /// The pool's manager.
    #[account(mut)]
    pub manager: Signer<'info>,
    /// The configuration (pause flag).
    #[account(seeds = [PROTOCOL_SEED], bump = protocol.bump)]
    pub protocol: Box<Account<'info, ProtocolConfig>>,
    /// The manager's identity record (role: manager).
    #[account(seeds = [IDENTITY_SEED, manager.key().as_ref()], bump = manager_identity.bump)]
    pub manager_identity: Box<Account<'info, IdentityRecord>>,
    /// The pool.
    #[account(mut, has_one = manager @ AutofactorError::NotPoolManager)]
    pub pool: Box<Account<'info, Pool>>,
}

impl ManagerPool<'_> {
    /// An unpaused protocol and the manager's valid identity
    /// ([`ProtocolConfig::require_manager_may_act`]).
    pub fn require_manager_may_act(&self) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        self.protocol.require_manager_may_act(&self.manager_identity, &self.manager.key(), now)
    }
}

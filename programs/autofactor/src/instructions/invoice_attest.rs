//! A verifier registered for the invoice's pool attests delivery (a proof
//! hash) and the buyer's credit score, which the pool policy maps to a risk
//! grade. Requires the buyer's acknowledgment first.

use super::shared::*;
use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::InvoiceAttested;
use crate::state::*;
use anchor_lang::prelude::*;

/// Arguments of `invoice_attest`.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub struct InvoiceAttestArgs {
    /// Hash of the delivery proof (e.g. of a logistics API response).
    pub delivery_proof_hash: [u8; 32],
    /// The buyer's credit score, 0–1000.
    pub credit_score: u16,
}

#[event_cpi]
#[derive(Accounts)]
pub struct InvoiceAttest<'info> {
    /// The verifier.
    #[account(mut)]
    pub verifier: Signer<'info>,
    /// The configuration.
    #[account(seeds = [PROTOCOL_SEED], bump = protocol.bump)]
    pub protocol: Box<Account<'info, ProtocolConfig>>,
    /// The verifier's identity record (role: verifier).
    #[account(seeds = [IDENTITY_SEED, verifier.key().as_ref()], bump = verifier_identity.bump)]
    pub verifier_identity: Box<Account<'info, IdentityRecord>>,
    /// The invoice's pool.
    pub pool: Box<Account<'info, Pool>>,
    /// CHECK: the verifier's registration for the pool,
    /// `["pool_verifier", pool, verifier]`; must exist.
    #[account(mut, seeds = [POOL_VERIFIER_SEED, pool.key().as_ref(), verifier.key().as_ref()], bump)]
    pub pool_verifier: UncheckedAccount<'info>,
    /// The invoice.
    #[account(mut, constraint = invoice.pool == pool.key() @ AutofactorError::WrongPool,
              constraint = invoice.asset == invoice_asset.asset.key() @ AutofactorError::WrongAsset)]
    pub invoice: Box<Account<'info, Invoice>>,
    /// The invoice's Core asset.
    pub invoice_asset: InvoiceAsset<'info>,
    /// The system program.
    pub system_program: Program<'info, System>,
}

impl InvoiceAttest<'_> {
    /// Checks pause, identity, independence (the verifier is neither the
    /// invoice's supplier or buyer nor the pool's manager), registration,
    /// status and score.
    pub fn validate(&self, args: &InvoiceAttestArgs) -> Result<()> {
        self.protocol.require_not_paused()?;
        self.pool.require_not_paused()?;
        let now = Clock::get()?.unix_timestamp;
        self.verifier_identity.require_valid(&self.verifier.key(), ROLE_VERIFIER, now)?;
        // Independence: no one attests an invoice they are a party to, nor
        // one their own pool will buy.
        let verifier = self.verifier.key();
        require_keys_neq!(verifier, self.invoice.supplier, AutofactorError::VerifierIsInvoiceParty);
        require_keys_neq!(verifier, self.invoice.buyer, AutofactorError::VerifierIsInvoiceParty);
        // ...nor through another wallet of the supplier's or buyer's entity.
        let entity = self.verifier_identity.entity_key;
        require!(
            entity == [0; 32]
                || (entity != self.invoice.supplier_entity && entity != self.invoice.buyer_entity),
            AutofactorError::VerifierIsInvoiceParty
        );
        require_keys_neq!(verifier, self.pool.manager, AutofactorError::VerifierIsManager);
        require!(
            self.pool_verifier.owner == &crate::ID && !self.pool_verifier.data_is_empty(),
            AutofactorError::VerifierNotRegistered
        );
        match self.invoice.status {
            InvoiceStatus::Acknowledged => {}
            InvoiceStatus::Created => return err!(AutofactorError::InvoiceNotAcknowledged),
            _ => return err!(AutofactorError::InvalidInvoiceStatus),
        }
        require!(args.credit_score <= MAX_CREDIT_SCORE, AutofactorError::InvalidCreditScore);
        Ok(())
    }

    /// Records the attestation and the risk grade.
    pub fn handle(ctx: Context<Self>, args: InvoiceAttestArgs) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let grade = ctx.accounts.pool.policy.grade_for_score(args.credit_score).unwrap_or(u8::MAX);
        {
            let info = ctx.accounts.pool_verifier.to_account_info();
            let mut pv = {
                let data = info.try_borrow_data()?;
                PoolVerifier::try_deserialize(&mut &data[..])?
            };
            pv.attestations = crate::math::SafeMath::safe_add(pv.attestations, 1)?;
            crate::cpi::write_account(&info, &pv)?;
        }
        let invoice = &mut ctx.accounts.invoice;
        invoice.status = InvoiceStatus::Verified;
        invoice.verifier = ctx.accounts.verifier.key();
        invoice.delivery_proof_hash = args.delivery_proof_hash;
        invoice.credit_score = args.credit_score;
        invoice.risk_grade = grade;
        invoice.attested_ts = now;
        let a = &ctx.accounts;
        a.invoice_asset
            .core(&ctx.bumps.invoice_asset, &a.verifier, &a.system_program)
            .update_attributes(&a.invoice)?;
        emit_cpi!(InvoiceAttested {
            invoice: ctx.accounts.invoice.key(),
            verifier: ctx.accounts.verifier.key(),
            delivery_proof_hash: args.delivery_proof_hash,
            credit_score: args.credit_score,
            risk_grade: grade,
            ts: now,
        });
        Ok(())
    }
}

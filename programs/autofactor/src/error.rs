//! The program's one error enum. Append-only: codes are part of the public
//! interface (clients match on them), so never reorder or remove a variant.
//! Anchor numbers them from 6000 in declaration order.

use anchor_lang::prelude::*;

#[error_code]
pub enum AutofactorError {
    // --- math -------------------------------------------------------------
    /// 6000
    #[msg("Arithmetic overflow or underflow")]
    MathOverflow,
    /// 6001
    #[msg("Division by zero")]
    DivisionByZero,

    // --- protocol ---------------------------------------------------------
    /// 6002
    #[msg("The protocol is paused")]
    ProtocolPaused,
    /// 6003
    #[msg("Signer is not the protocol admin")]
    NotProtocolAdmin,
    /// 6004
    #[msg("Signer is not the pending admin")]
    NotPendingAdmin,
    /// 6005
    #[msg("No admin transfer is pending")]
    NoPendingAdmin,
    /// 6006
    #[msg("Protocol fee exceeds the maximum")]
    ProtocolFeeTooHigh,
    /// 6007
    #[msg("Treasury must be a non-default address")]
    InvalidTreasury,
    /// 6008
    #[msg("The protocol pause flag already has this value")]
    PauseUnchanged,

    // --- identity ---------------------------------------------------------
    /// 6009
    #[msg("Identity issuer is not active")]
    IssuerInactive,
    /// 6010
    #[msg("Issuer name is empty or too long")]
    InvalidIssuerName,
    /// 6011
    #[msg("Signer is not the issuer of this identity record")]
    NotRecordIssuer,
    /// 6012
    #[msg("Roles bitmask is empty or has unknown bits")]
    InvalidRoles,
    /// 6013
    #[msg("Jurisdiction must be an ISO 3166-1 alpha-2 code (two upper-case letters)")]
    InvalidJurisdiction,
    /// 6014
    #[msg("Accreditation level is out of range")]
    InvalidAccreditation,
    /// 6015
    #[msg("DID string is empty, too long or not a did: URI")]
    InvalidDid,
    /// 6016
    #[msg("Identity expiry must be in the future")]
    InvalidExpiry,
    /// 6017
    #[msg("Identity record has been revoked")]
    IdentityRevoked,
    /// 6018
    #[msg("Identity record has expired")]
    IdentityExpired,
    /// 6019
    #[msg("Identity record lacks the role required for this action")]
    IdentityMissingRole,
    /// 6020
    #[msg("Identity record belongs to another wallet")]
    IdentityWalletMismatch,
    /// 6021
    #[msg("Identity record is already revoked")]
    IdentityAlreadyRevoked,

    // --- pools ------------------------------------------------------------
    /// 6022
    #[msg("The pool is paused")]
    PoolPaused,
    /// 6023
    #[msg("Signer is not the pool manager")]
    NotPoolManager,
    /// 6024
    #[msg("Pool must use the protocol's USDC mint")]
    WrongUsdcMint,
    /// 6025
    #[msg("Minimum junior ratio must be between 0 and 100%")]
    InvalidJuniorRatio,
    /// 6026
    #[msg("Senior APR exceeds the maximum")]
    SeniorAprTooHigh,
    /// 6027
    #[msg("Manager fee exceeds the maximum")]
    ManagerFeeTooHigh,
    /// 6028
    #[msg("Liquidity cap must be positive")]
    InvalidLiquidityCap,
    /// 6029
    #[msg("Per-investor cap must be between 1 and 10000 bps")]
    InvalidInvestorCap,
    /// 6030
    #[msg("Pool policy is inconsistent (tenor, grades, caps or horizons)")]
    InvalidPolicy,
    /// 6031
    #[msg("The pool pause flag already has this value")]
    PoolPauseUnchanged,

    // --- deposits and withdrawals ----------------------------------------
    /// 6032
    #[msg("Amount must be greater than zero")]
    ZeroAmount,
    /// 6033
    #[msg("Deposit would exceed the pool's liquidity cap")]
    LiquidityCapExceeded,
    /// 6034
    #[msg("Holding would exceed the per-investor cap")]
    InvestorCapExceeded,
    /// 6035
    #[msg("Deposit is too small to mint a single share unit")]
    DepositTooSmall,
    /// 6036
    #[msg("Shares minted are below the caller's minimum")]
    SlippageExceeded,
    /// 6037
    #[msg("Junior value / NAV would fall below the pool's minimum junior ratio")]
    SubordinationBreached,
    /// 6038
    #[msg("The senior tranche is impaired: a junior deposit would flow to senior")]
    JuniorImpaired,
    /// 6039
    #[msg("Not enough cash in the pool to pay this withdrawal now")]
    InsufficientCash,
    /// 6040 — removed (was `NotQueueHead`, never returned:
    /// `withdrawal_fill` derives the head request's address from the queue
    /// and a wrong one fails Anchor's seeds check). The slot stays so later
    /// codes keep their numbers (append-only).
    #[msg("Removed error (6040): never returned")]
    Removed6040,
    /// 6041
    #[msg("The withdrawal queue is empty")]
    QueueEmpty,
    /// 6042
    #[msg("Junior withdrawals wait until the senior queue is empty")]
    SeniorQueueNotEmpty,
    /// 6043
    #[msg("Withdrawal request belongs to another investor")]
    NotRequestOwner,
    /// 6044
    #[msg("Payout token account does not match the request")]
    WrongPayoutAccount,
    /// 6045
    #[msg("Tranche token account owner still holds a valid investor identity")]
    IdentityStillValid,
    /// 6046
    #[msg("Token account mint is not this tranche's mint")]
    WrongTrancheMint,
    /// 6047
    #[msg("Pool accounting invariant violated")]
    InvariantViolated,
    /// 6048
    #[msg("Clock went backwards")]
    ClockWentBackwards,
    /// 6049
    #[msg("Tranche shares are worth nothing; deposits are closed")]
    TrancheWipedOut,
    /// 6050
    #[msg("Vault account is not this pool's vault")]
    WrongVault,
    /// 6051
    #[msg("Token account holds fewer shares than requested")]
    InsufficientShares,
    /// 6052
    #[msg("Account is not the withdrawal request at the head of the queue")]
    WrongWithdrawalRequest,
    /// 6053
    #[msg("Face amount must be greater than zero")]
    InvalidFaceAmount,
    /// 6054
    #[msg("Due date must be after the issue date, issue date not in the future, due date not passed")]
    InvalidInvoiceDates,
    /// 6055
    #[msg("Tenor (days from now to the due date) is outside the allowed bounds")]
    TenorOutOfBounds,
    /// 6056
    #[msg("Currency is not accepted")]
    CurrencyNotSupported,
    /// 6057
    #[msg("Buyer and supplier must be different wallets")]
    BuyerIsSupplier,
    /// 6058
    #[msg("Invoice number is empty or too long")]
    InvalidInvoiceNumber,
    /// 6059
    #[msg("Metadata URI is empty or too long")]
    InvalidMetadataUri,
    /// 6060
    #[msg("Document hash must be a non-zero SHA-256")]
    InvalidDocumentHash,
    /// 6061
    #[msg("This document has already been originated")]
    DuplicateDocument,
    /// 6062
    #[msg("This supplier has already originated an invoice with this number")]
    DuplicateInvoiceNumber,
    /// 6063
    #[msg("The invoice is not in a status that allows this action")]
    InvalidInvoiceStatus,
    /// 6064
    #[msg("Signer is not the invoice's buyer")]
    NotInvoiceBuyer,
    /// 6065
    #[msg("Signer is not the invoice's supplier")]
    NotInvoiceSupplier,
    /// 6066
    #[msg("Verifier is not registered for this pool")]
    VerifierNotRegistered,
    /// 6067
    #[msg("Credit score must be between 0 and 1000")]
    InvalidCreditScore,
    /// 6068
    #[msg("The buyer has not acknowledged the invoice")]
    InvoiceNotAcknowledged,
    /// 6069
    #[msg("The invoice has not been attested by a verifier")]
    InvoiceNotVerified,
    /// 6070
    #[msg("The invoice has been financed and can no longer be cancelled")]
    InvoiceFinanced,
    /// 6071
    #[msg("The invoice's risk grade is not accepted by the pool policy")]
    GradeNotAccepted,
    /// 6072
    #[msg("Face value exceeds the pool's single-invoice cap")]
    InvoiceTooLarge,
    /// 6073
    #[msg("Financing would exceed the pool's per-buyer concentration cap")]
    BuyerConcentrationExceeded,
    /// 6074
    #[msg("Financing would exceed the pool's per-supplier concentration cap")]
    SupplierConcentrationExceeded,
    /// 6075
    #[msg("Financing would take cash below the pool's reserve (after pending withdrawals)")]
    CashReserveBreached,
    /// 6076
    #[msg("The advance after the discount would be zero")]
    AdvanceTooSmall,
    /// 6077
    #[msg("Payment exceeds the amount still due")]
    Overpayment,
    /// 6078
    #[msg("The invoice is not fully repaid")]
    NotFullyRepaid,
    /// 6079
    #[msg("The invoice is not past its due date plus the grace period")]
    NotYetLate,
    /// 6080
    #[msg("The invoice is not past its due date")]
    NotYetDue,
    /// 6081
    #[msg("Asset account does not belong to this invoice")]
    WrongAsset,
    /// 6082
    #[msg("Invoice belongs to another pool")]
    WrongPool,
    /// 6083
    #[msg("The invoice has not been financed")]
    InvoiceNotFinanced,
    /// 6084
    #[msg("Payment would cost more USDC than the payer's maximum")]
    PaymentAboveMax,
    /// 6085
    #[msg("Registry account does not match the invoice")]
    WrongRegistryAccount,
    /// 6086 — removed (was `WrongExposureAccount`, never returned:
    /// exposure records are checked by their seeds — pool, kind, entity
    /// key — with Anchor's `ConstraintSeeds`). The slot stays so later codes
    /// keep their numbers (append-only).
    #[msg("Removed error (6086): never returned")]
    Removed6086,
    /// 6087
    #[msg("Currency configuration is invalid (code, decimals, age, confidence or band)")]
    InvalidCurrencyConfig,
    /// 6088
    #[msg("Currency has no price feed; it cannot be accepted")]
    CurrencyWithoutFeed,
    /// 6089
    #[msg("Price account is not owned by the Pyth receiver program")]
    OracleWrongOwner,
    /// 6090
    #[msg("Price account is not a Pyth PriceUpdateV2")]
    OracleNotPriceUpdate,
    /// 6091
    #[msg("Price update is only partially verified; full verification is required")]
    OraclePartialVerification,
    /// 6092
    #[msg("Price update is for another feed")]
    OracleWrongFeed,
    /// 6093
    #[msg("Price is too old (markets closed or no update posted)")]
    OracleStalePrice,
    /// 6094
    #[msg("Price confidence interval is too wide")]
    OracleWideConfidence,
    /// 6095
    #[msg("Price is zero or negative")]
    OracleInvalidPrice,
    /// 6096
    #[msg("FX price is outside the currency's plausibility band (wrong feed or direction?)")]
    FxPriceOutOfBounds,
    /// 6097
    #[msg("A price account is required for this currency")]
    PriceAccountMissing,
    /// 6098
    #[msg("USDC trades below the protocol's floor; new financing is paused")]
    UsdcBelowFloor,
    /// 6099
    #[msg("Currency configuration does not match the invoice or the pool")]
    WrongCurrencyConfig,

    // --- manager, roles, oracle and mint hardening (F-05, F-07, F-09, F-14, F-17)
    /// 6100
    #[msg("The verifier is the invoice's supplier or buyer; it cannot attest its own invoice")]
    VerifierIsInvoiceParty,
    /// 6101
    #[msg("The pool's manager cannot be one of its verifiers")]
    VerifierIsManager,
    /// 6102
    #[msg("The currency has financed invoices open; it cannot be removed")]
    CurrencyHasOpenInvoices,
    /// 6103
    #[msg("Decimals, feed or quote direction cannot change while invoices in the currency are open")]
    CurrencyTermsLocked,
    /// 6104
    #[msg("Price exponent is outside the supported range")]
    OracleExponentOutOfRange,
    /// 6105
    #[msg("The USDC mint carries a Token-2022 extension that breaks custody or accounting")]
    UnsupportedMintExtension,

    // --- legal entities: caps and duplicate registry (F-06 entity part, F-16)
    /// 6106
    #[msg("Legal-entity id is malformed, or missing for a supplier or buyer role (SCHEME:VALUE, scheme a 4-digit ISO 6523 ICD, LEI or VAT)")]
    InvalidEntityId,

    // --- redemption fairness and share custody (F-01, F-02, F-04, F-06, F-10)
    /// 6107
    #[msg("The position is in its minimum holding period: shares can be neither redeemed nor moved before it ends")]
    HoldingPeriodActive,
    /// 6108
    #[msg("Holding period is outside the allowed range")]
    InvalidHoldingPeriod,
    /// 6109
    #[msg("Share accounts must be the owner's Token-2022 associated token account")]
    NotAssociatedShareAccount,

    // --- risk terms fixed at financing; past-due valuation (F-03, F-07 lifecycle)
    /// 6110
    #[msg("An invoice deadline has passed without its keeper action (invoice_mature at the overdue time, invoice_mark_late or invoice_write_down at the write-off horizon); apply it first")]
    PastDueNotApplied,

    // --- withdrawal queue and senior accrual; defaulted-invoice closing (F-08, F-11, F-15)
    /// 6111
    #[msg("A queued withdrawal must be worth at least the minimum request (MIN_WITHDRAWAL_REQUEST_USDC)")]
    WithdrawalTooSmall,
    /// 6112
    #[msg("This fill would pay nothing for shares that are worth something; it waits for the price or cash")]
    FillPaysNothing,
    /// 6113
    #[msg("The request holds a payout that could not be delivered; claim it first (withdrawal_claim)")]
    ClaimPending,
    /// 6114
    #[msg("The defaulted invoice's recovery period has not ended yet")]
    RecoveryPeriodNotOver,

    // --- initialization (F-12)
    /// 6115
    #[msg("Only the program's upgrade authority may initialize the protocol (deploy with the upgradeable loader and pass its ProgramData account)")]
    NotProgramUpgradeAuthority,

    // --- credit policy on repayment history (issue 16)
    /// 6116
    #[msg("The pool does not finance a buyer with a defaulted invoice that is not recovered")]
    BuyerHasOpenDefault,
    /// 6117
    #[msg("The buyer has more invoices late than the pool's credit policy allows")]
    BuyerTooManyLateInvoices,
    /// 6118
    #[msg("The pool's outstanding claim on the buyer would exceed the buyer's credit limit")]
    BuyerCreditLimitExceeded,
    /// 6119
    #[msg("The supplier has more invoices disputed or cancelled after acknowledgement than the pool's credit policy allows")]
    SupplierTooManyProblemInvoices,
    /// 6120
    #[msg("The supplier's share of invoices disputed or cancelled after acknowledgement is above the pool's credit policy")]
    SupplierProblemRateTooHigh,
}

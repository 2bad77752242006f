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
    /// 6040
    #[msg("Withdrawal request is not at the head of its queue")]
    NotQueueHead,
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
}

//! The chain thread and its handle.
//!
//! One OS thread owns the `ProgramTestContext` (the bank) and runs every
//! bank operation, one at a time, on its own current-thread tokio runtime.
//! That runtime's clock is **paused** and it is only driven while a command
//! runs: solana-program-test's built-in "PoH" task (which would register a
//! new blockhash every 6.4 ms and so expire a blockhash after about one
//! second) therefore never gets to tick, and blockhashes advance only when
//! this thread moves to the next slot — a blockhash stays valid for 150
//! slots, as on a real cluster.
//!
//! Slots are made on demand: a client asking for the latest blockhash gets
//! a new slot (and blockhash) if the current one is at least
//! [`SLOT_DURATION`] (400 ms) old, so two requests 400 ms apart never get
//! the same blockhash, exactly as on a cluster; without demand a slot is
//! made every [`IDLE_SLOT_INTERVAL`]. The bank clock is set to wall time
//! before every transaction and every price update.
//!
//! Seeding clock: the chain's notion of "now" is wall time plus a clock
//! offset (0 normally). The demo seed sets a negative offset before the
//! run's first transaction — the one moment the clock may go back, before
//! anything has executed or been served — so that it can originate
//! invoices in the past, then moves the offset forward step by step (each
//! step: a new slot with the clock at the new time and fresh FX prices
//! stamped with it) to age them into late and defaulted, and finally back
//! to 0 (wall time). The bank clock never goes back once a transaction has
//! executed ([`ChainHandle::set_clock_offset`]).
//!
//! Besides the bank, the thread keeps, in [`Shared`], what the JSON-RPC and
//! WebSocket servers read without going through the thread:
//! - a mirror of every known account (genesis accounts, the programs,
//!   snapshot and price accounts, and every account key of every processed
//!   transaction — a transaction can only write accounts listed in its
//!   message), which serves `getAccountInfo`, `getProgramAccounts` and
//!   friends and is what the snapshot persists;
//! - the transaction history with full status meta;
//! - the current slot, block height, blockhash and clock.
//!
//! Every change is also broadcast as an [`Event`] for the subscriptions.

use crate::{pyth, snapshot, token, IDLE_SLOT_INTERVAL, SLOT_DURATION};
use anyhow::Context as _;
use solana_program_test::ProgramTestContext;
use solana_rpc_client_types::response::RpcSimulateTransactionResult;
use solana_sdk::account::{Account, AccountSharedData};
use solana_sdk::clock::Clock;
use solana_sdk::epoch_schedule::EpochSchedule;
use solana_sdk::hash::Hash;
use solana_sdk::message::{v0::LoadedAddresses, Message, MessageHeader, VersionedMessage};
use solana_sdk::pubkey::Pubkey;
use solana_sdk::rent::Rent;
use solana_sdk::signature::{Keypair, Signature, Signer};
use solana_sdk::transaction::{TransactionError, VersionedTransaction};
use solana_transaction_status::{map_inner_instructions, TransactionStatusMeta};
use std::collections::{HashMap, HashSet, VecDeque};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, RwLock, RwLockReadGuard};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tokio::sync::{broadcast, oneshot};

/// Blockhashes stay valid for this many blocks (`MAX_PROCESSING_AGE`).
pub const MAX_PROCESSING_AGE: u64 = 150;
/// How many transactions the history keeps (oldest dropped first).
pub const MAX_HISTORY: usize = 100_000;
/// How often FX prices are published.
pub const PRICE_INTERVAL: Duration = Duration::from_secs(1);

/// What the chain thread needs to know.
#[derive(Clone, Debug)]
pub struct ChainConfig {
    /// Snapshot file (loaded at start, written periodically and at shutdown).
    pub snapshot_path: Option<PathBuf>,
    /// Time between periodic snapshots.
    pub snapshot_interval: Duration,
    /// Print a line per transaction.
    pub verbose: bool,
}

/// Chain facts that never change while it runs.
#[derive(Clone, Debug)]
pub struct StaticInfo {
    /// Genesis hash.
    pub genesis_hash: Hash,
    /// Epoch schedule.
    pub epoch_schedule: EpochSchedule,
    /// Rent parameters.
    pub rent: Rent,
    /// Signature fee.
    pub lamports_per_signature: u64,
    /// The faucet `requestAirdrop` pays from.
    pub faucet: Pubkey,
    /// Accounts loaded from the snapshot at start (0 without one).
    pub restored_accounts: usize,
}

/// The moving parts of the chain, as of the last slot.
#[derive(Clone, Debug)]
pub struct View {
    /// Current (working) slot; everything is final at once.
    pub slot: u64,
    /// Its parent.
    pub parent_slot: u64,
    /// Block height.
    pub block_height: u64,
    /// Latest blockhash.
    pub blockhash: Hash,
    /// Last block height at which `blockhash` is valid.
    pub last_valid_block_height: u64,
    /// Bank clock.
    pub unix_timestamp: i64,
    /// Transactions processed since start.
    pub transaction_count: u64,
    /// When the current slot began.
    pub slot_started: Instant,
}

/// One processed transaction with its status meta.
#[derive(Debug)]
pub struct TxRecord {
    /// Slot it executed in.
    pub slot: u64,
    /// Bank clock at execution.
    pub block_time: i64,
    /// The transaction as sent.
    pub transaction: VersionedTransaction,
    /// Status meta (logs, inner instructions, balances, …).
    pub meta: TransactionStatusMeta,
    /// Every account key (static, then loaded writable, then loaded readonly).
    pub account_keys: Vec<Pubkey>,
}

/// Something that changed, for the WebSocket subscriptions.
#[derive(Clone, Debug)]
pub enum Event {
    /// A new slot.
    Slot {
        /// The new slot.
        slot: u64,
        /// Its parent.
        parent: u64,
    },
    /// A transaction executed (successfully or not).
    Transaction {
        /// Its signature.
        signature: Signature,
        /// The record (err, logs, keys).
        record: Arc<TxRecord>,
    },
    /// Accounts changed (a closed account appears with zero lamports).
    Accounts {
        /// Slot of the change.
        slot: u64,
        /// Address and new state.
        accounts: Arc<Vec<(Pubkey, Account)>>,
    },
}

/// Why a transaction was not accepted.
#[derive(Debug)]
pub enum SendError {
    /// Preflight simulation (or the bank, for a transaction it could not
    /// even charge a fee for) refused it: JSON-RPC -32002.
    Preflight {
        /// Error message, "Transaction simulation failed: …".
        message: String,
        /// Simulation result (err, logs, units).
        result: Box<RpcSimulateTransactionResult>,
    },
    /// A signature does not verify: JSON-RPC -32003.
    SignatureVerification,
    /// Malformed transaction: JSON-RPC -32602.
    Invalid(String),
    /// The chain thread failed or stopped.
    Internal(String),
}

impl std::fmt::Display for SendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SendError::Preflight { message, result } => {
                write!(f, "{message}")?;
                for l in result.logs.iter().flatten() {
                    write!(f, "\n  {l}")?;
                }
                Ok(())
            }
            SendError::SignatureVerification => write!(f, "Transaction signature verification failure"),
            SendError::Invalid(m) | SendError::Internal(m) => write!(f, "{m}"),
        }
    }
}

impl std::error::Error for SendError {}

/// Result of a simulation.
#[derive(Debug)]
pub struct Simulation {
    /// Outcome (an error also when the transaction could not be loaded,
    /// e.g. an unknown blockhash; then the other fields are empty).
    pub result: Result<(), TransactionError>,
    /// Logs.
    pub logs: Vec<String>,
    /// Compute units.
    pub units_consumed: u64,
    /// Loaded accounts data size.
    pub loaded_accounts_data_size: u32,
    /// Return data.
    pub return_data: Option<solana_transaction_context::TransactionReturnData>,
    /// Inner instructions, by top-level instruction.
    pub inner_instructions: Vec<solana_transaction_status::InnerInstructions>,
    /// Addresses loaded from lookup tables.
    pub loaded_addresses: LoadedAddresses,
    /// Fee the transaction would pay.
    pub fee: Option<u64>,
    /// Lamports of every account key before.
    pub pre_balances: Vec<u64>,
}

enum Command {
    FreshSlot {
        reply: oneshot::Sender<()>,
    },
    Send {
        tx: Box<VersionedTransaction>,
        skip_preflight: bool,
        reply: oneshot::Sender<Result<Signature, SendError>>,
    },
    Simulate {
        tx: Box<VersionedTransaction>,
        reply: oneshot::Sender<Result<Simulation, String>>,
    },
    Fetch {
        keys: Vec<Pubkey>,
        reply: oneshot::Sender<Vec<Option<Account>>>,
    },
    Fee {
        message: Box<VersionedMessage>,
        reply: oneshot::Sender<Option<u64>>,
    },
    Airdrop {
        to: Pubkey,
        lamports: u64,
        reply: oneshot::Sender<Result<Signature, SendError>>,
    },
    Snapshot {
        reply: oneshot::Sender<anyhow::Result<()>>,
    },
    ClockOffset {
        offset: i64,
        reply: oneshot::Sender<anyhow::Result<i64>>,
    },
    Shutdown {
        reply: oneshot::Sender<anyhow::Result<()>>,
    },
}

#[derive(Default)]
struct TxStore {
    by_signature: HashMap<Signature, Arc<TxRecord>>,
    order: VecDeque<Signature>,
}

/// State shared between the chain thread and the servers.
pub struct Shared {
    accounts: RwLock<HashMap<Pubkey, Account>>,
    txs: RwLock<TxStore>,
    view: RwLock<View>,
    blockhashes: RwLock<HashMap<Hash, u64>>,
    info: StaticInfo,
    events: broadcast::Sender<Event>,
    commands: mpsc::Sender<Command>,
    healthy: AtomicBool,
}

/// Cheap, cloneable access to the chain.
#[derive(Clone)]
pub struct ChainHandle {
    shared: Arc<Shared>,
}

fn read<T>(l: &RwLock<T>) -> RwLockReadGuard<'_, T> {
    l.read().unwrap_or_else(|e| e.into_inner())
}

fn write<T>(l: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    l.write().unwrap_or_else(|e| e.into_inner())
}

fn wall_clock() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// The account a closed (deleted) account is reported as.
pub fn closed_account() -> Account {
    Account {
        lamports: 0,
        data: vec![],
        owner: solana_sdk_ids::system_program::ID,
        executable: false,
        rent_epoch: 0,
    }
}

const STOPPED: &str = "the chain did not answer (stopped, or the request panicked: see its stderr)";

impl ChainHandle {
    /// Starts the chain thread: loads the snapshot (if any), starts the
    /// bank with the programs and the FX price accounts, and seeds the
    /// account mirror.
    pub async fn start(config: ChainConfig) -> anyhow::Result<Self> {
        let restored = match &config.snapshot_path {
            Some(p) => snapshot::load(p)?,
            None => None,
        };
        let (ready_tx, ready_rx) = oneshot::channel();
        std::thread::Builder::new()
            .name("af-chain".into())
            .spawn(move || ChainThread::main(config, restored, ready_tx))
            .context("cannot spawn the chain thread")?;
        let shared = ready_rx.await.context("the chain thread failed to start")??;
        Ok(Self { shared })
    }

    async fn call<T>(&self, make: impl FnOnce(oneshot::Sender<T>) -> Command) -> Option<T> {
        let (tx, rx) = oneshot::channel();
        self.shared.commands.send(make(tx)).ok()?;
        rx.await.ok()
    }

    /// Facts fixed at start.
    pub fn info(&self) -> &StaticInfo {
        &self.shared.info
    }

    /// Current slot, block height, blockhash, clock.
    pub fn view(&self) -> View {
        read(&self.shared.view).clone()
    }

    /// Whether the endpoint reports healthy (set once the demo is seeded).
    pub fn is_healthy(&self) -> bool {
        self.shared.healthy.load(Ordering::Relaxed)
    }

    /// Sets the health flag.
    pub fn set_healthy(&self, healthy: bool) {
        self.shared.healthy.store(healthy, Ordering::Relaxed)
    }

    /// The view with a fresh blockhash: moves to a new slot first when the
    /// current one is at least [`SLOT_DURATION`] old (what
    /// `getLatestBlockhash` answers).
    pub async fn latest(&self) -> View {
        if self.view().slot_started.elapsed() >= SLOT_DURATION {
            let _ = self.call(|reply| Command::FreshSlot { reply }).await;
        }
        self.view()
    }

    /// The last block height at which `hash` is valid, if it is a recent
    /// blockhash at all (one is made per slot and lives 150 slots).
    pub fn blockhash_last_valid(&self, hash: &Hash) -> Option<u64> {
        read(&self.shared.blockhashes).get(hash).copied()
    }

    /// An account from the mirror, or fetched from the bank when the mirror
    /// does not know the address (then remembered).
    pub async fn account(&self, key: &Pubkey) -> Option<Account> {
        if let Some(a) = read(&self.shared.accounts).get(key) {
            return Some(a.clone());
        }
        self.fetch(vec![*key]).await.pop().flatten()
    }

    /// Several accounts (mirror first, the bank for unknown addresses).
    pub async fn accounts(&self, keys: &[Pubkey]) -> Vec<Option<Account>> {
        let mut out: Vec<Option<Account>> = Vec::with_capacity(keys.len());
        let mut missing = Vec::new();
        {
            let m = read(&self.shared.accounts);
            for (i, k) in keys.iter().enumerate() {
                let a = m.get(k).cloned();
                if a.is_none() {
                    missing.push(i);
                }
                out.push(a);
            }
        }
        if !missing.is_empty() {
            let fetched = self.fetch(missing.iter().map(|&i| keys[i]).collect()).await;
            for (i, a) in missing.into_iter().zip(fetched) {
                out[i] = a;
            }
        }
        out
    }

    /// The mirror's copy of an account, without asking the bank.
    pub fn cached_account(&self, key: &Pubkey) -> Option<Account> {
        read(&self.shared.accounts).get(key).cloned()
    }

    async fn fetch(&self, keys: Vec<Pubkey>) -> Vec<Option<Account>> {
        let n = keys.len();
        self.call(|reply| Command::Fetch { keys, reply }).await.unwrap_or_else(|| vec![None; n])
    }

    /// Every mirrored account for which `keep` holds, sorted by address.
    pub fn scan(&self, mut keep: impl FnMut(&Pubkey, &Account) -> bool) -> Vec<(Pubkey, Account)> {
        let m = read(&self.shared.accounts);
        let mut v: Vec<(Pubkey, Account)> =
            m.iter().filter(|(k, a)| keep(k, a)).map(|(k, a)| (*k, a.clone())).collect();
        v.sort_by_key(|a| a.0);
        v
    }

    /// Executes a transaction (after a preflight simulation unless
    /// `skip_preflight`). Returns once it is executed and recorded: it is
    /// then processed, confirmed and finalized at once.
    pub async fn send_transaction(
        &self,
        tx: VersionedTransaction,
        skip_preflight: bool,
    ) -> Result<Signature, SendError> {
        self.call(|reply| Command::Send { tx: Box::new(tx), skip_preflight, reply })
            .await
            .unwrap_or_else(|| Err(SendError::Internal(STOPPED.into())))
    }

    /// Simulates a transaction against the current state.
    pub async fn simulate(&self, tx: VersionedTransaction) -> Result<Simulation, String> {
        self.call(|reply| Command::Simulate { tx: Box::new(tx), reply })
            .await
            .unwrap_or_else(|| Err(STOPPED.into()))
    }

    /// The fee of a message (`None` when its blockhash is unknown or expired).
    pub async fn fee_for_message(&self, message: VersionedMessage) -> Option<u64> {
        self.call(|reply| Command::Fee { message: Box::new(message), reply }).await.flatten()
    }

    /// Sends `lamports` from the faucet to `to`.
    pub async fn airdrop(&self, to: Pubkey, lamports: u64) -> Result<Signature, SendError> {
        self.call(|reply| Command::Airdrop { to, lamports, reply })
            .await
            .unwrap_or_else(|| Err(SendError::Internal(STOPPED.into())))
    }

    /// A recorded transaction.
    pub fn transaction(&self, signature: &Signature) -> Option<Arc<TxRecord>> {
        read(&self.shared.txs).by_signature.get(signature).cloned()
    }

    /// Recorded transactions mentioning `address`, newest first.
    pub fn signatures_for_address(&self, address: &Pubkey, limit: usize) -> Vec<(Signature, Arc<TxRecord>)> {
        let txs = read(&self.shared.txs);
        txs.order
            .iter()
            .rev()
            .filter_map(|s| txs.by_signature.get(s).map(|r| (*s, r.clone())))
            .filter(|(_, r)| r.account_keys.contains(address))
            .take(limit)
            .collect()
    }

    /// Subscribes to chain events.
    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.shared.events.subscribe()
    }

    /// Writes the snapshot now (no-op without a ledger directory).
    pub async fn snapshot(&self) -> anyhow::Result<()> {
        self.call(|reply| Command::Snapshot { reply }).await.unwrap_or_else(|| anyhow::bail!(STOPPED))
    }

    /// Sets the clock offset (seconds added to wall time for the bank
    /// clock) and returns the new bank clock: a new slot is made with the
    /// clock at wall time + `offset_secs` and fresh FX prices are published
    /// with that `publish_time`. The clock only moves forward: a smaller
    /// offset than the current one (a clock in the past) is accepted only
    /// before the run's first transaction; later it is an error. Used by
    /// the demo seed (see the module documentation).
    pub async fn set_clock_offset(&self, offset_secs: i64) -> anyhow::Result<i64> {
        self.call(|reply| Command::ClockOffset { offset: offset_secs, reply })
            .await
            .unwrap_or_else(|| anyhow::bail!(STOPPED))
    }

    /// Writes the final snapshot and stops the chain thread.
    pub async fn shutdown(&self) -> anyhow::Result<()> {
        self.call(|reply| Command::Shutdown { reply }).await.unwrap_or(Ok(()))
    }
}

/// Owners whose accounts are not persisted (programs, sysvars, features,
/// the run's own validator stake and vote accounts).
const NOT_PERSISTED_OWNERS: &[Pubkey] = &[
    solana_sdk_ids::native_loader::ID,
    solana_sdk_ids::bpf_loader::ID,
    solana_sdk_ids::bpf_loader_deprecated::ID,
    solana_sdk_ids::bpf_loader_upgradeable::ID,
    solana_sdk_ids::loader_v4::ID,
    solana_sdk_ids::sysvar::ID,
    solana_sdk_ids::feature::ID,
    solana_sdk_ids::vote::ID,
    solana_sdk_ids::stake::ID,
    solana_sdk_ids::config::ID,
];

/// Sysvars that change every slot (refreshed in the mirror each slot).
const SLOT_SYSVARS: &[Pubkey] = &[
    solana_sdk_ids::sysvar::clock::ID,
    solana_sdk_ids::sysvar::slot_hashes::ID,
    solana_sdk_ids::sysvar::recent_blockhashes::ID,
    solana_sdk_ids::sysvar::slot_history::ID,
    solana_sdk_ids::sysvar::epoch_rewards::ID,
    solana_sdk_ids::sysvar::stake_history::ID,
    solana_sdk_ids::sysvar::last_restart_slot::ID,
];

/// Addresses put in the mirror at start besides the genesis accounts.
fn well_known_addresses() -> Vec<Pubkey> {
    use solana_sdk_ids::*;
    let mut v = vec![
        autofactor_client::PROGRAM_ID,
        MPL_CORE_PROGRAM_ID,
        autofactor_client::TOKEN_PROGRAM_ID,
        autofactor_client::TOKEN_2022_PROGRAM_ID,
        autofactor_client::ATA_PROGRAM_ID,
        MEMO_V1_PROGRAM_ID,
        MEMO_PROGRAM_ID,
        system_program::ID,
        compute_budget::ID,
        address_lookup_table::ID,
        bpf_loader::ID,
        bpf_loader_deprecated::ID,
        bpf_loader_upgradeable::ID,
        loader_v4::ID,
        native_loader::ID,
        config::ID,
        stake::ID,
        vote::ID,
        ed25519_program::ID,
        secp256k1_program::ID,
        secp256r1_program::ID,
        zk_elgamal_proof_program::ID,
        incinerator::ID,
        sysvar::rent::ID,
        sysvar::epoch_schedule::ID,
        sysvar::fees::ID,
        sysvar::instructions::ID,
    ];
    v.extend_from_slice(SLOT_SYSVARS);
    v
}

/// Metaplex Core.
const MPL_CORE_PROGRAM_ID: Pubkey = solana_sdk::pubkey!("CoREENxT6tW1HoK8ypY1SxRMZTcVPm7R94rH4PZNhX7d");
/// SPL Memo (v1 and v3), which program-test loads too.
const MEMO_V1_PROGRAM_ID: Pubkey = solana_sdk::pubkey!("Memo1UhkJRfHyvLMcVucJwxXeuD728EqVDDwQDxFMNo");
const MEMO_PROGRAM_ID: Pubkey = solana_sdk::pubkey!("MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr");

/// Every account key of a message: static keys, then loaded writable, then
/// loaded readonly (the order of a transaction's status meta).
pub fn all_keys(message: &VersionedMessage, loaded: &LoadedAddresses) -> Vec<Pubkey> {
    let mut keys = message.static_account_keys().to_vec();
    keys.extend_from_slice(&loaded.writable);
    keys.extend_from_slice(&loaded.readonly);
    keys
}

/// A legacy message with the same signers and instructions as `message`,
/// for fee computation (fees depend only on signatures and compute-budget
/// instructions, never on lookup-table addresses).
fn legacy_equivalent(message: &VersionedMessage) -> Message {
    match message {
        VersionedMessage::Legacy(m) => m.clone(),
        VersionedMessage::V0(m) => {
            let mut account_keys = m.account_keys.clone();
            let loaded: usize = m
                .address_table_lookups
                .iter()
                .map(|l| l.writable_indexes.len() + l.readonly_indexes.len())
                .sum();
            for i in 0..loaded {
                let mut b = [0xa5u8; 32];
                b[..8].copy_from_slice(&(i as u64).to_le_bytes());
                account_keys.push(Pubkey::new_from_array(b));
            }
            Message {
                header: MessageHeader { ..m.header },
                account_keys,
                recent_blockhash: m.recent_blockhash,
                instructions: m.instructions.clone(),
            }
        }
    }
}

/// The JSON-RPC preflight-failure payload of a simulation.
pub fn preflight_result(sim: &Simulation) -> RpcSimulateTransactionResult {
    RpcSimulateTransactionResult {
        err: sim.result.clone().err().map(Into::into),
        logs: Some(sim.logs.clone()),
        accounts: None,
        units_consumed: Some(sim.units_consumed),
        loaded_accounts_data_size: Some(sim.loaded_accounts_data_size),
        return_data: sim.return_data.clone().map(Into::into),
        inner_instructions: None,
        replacement_blockhash: None,
        fee: None,
        pre_balances: None,
        post_balances: None,
        pre_token_balances: None,
        post_token_balances: None,
        loaded_addresses: None,
    }
}

struct ChainThread {
    ctx: ProgramTestContext,
    shared: Arc<Shared>,
    publisher: pyth::FxPublisher,
    config: ChainConfig,
    genesis_keys: HashSet<Pubkey>,
    dirty: bool,
    faucet_nonce: u32,
    /// Seconds added to wall time for the bank clock (see the module docs).
    clock_offset: i64,
}

impl ChainThread {
    fn main(
        config: ChainConfig,
        restored: Option<Vec<(Pubkey, Account)>>,
        ready: oneshot::Sender<anyhow::Result<Arc<Shared>>>,
    ) {
        // A current-thread runtime with a paused clock, driven only while a
        // command runs (see the module documentation).
        let rt = match tokio::runtime::Builder::new_current_thread().enable_all().start_paused(true).build() {
            Ok(rt) => rt,
            Err(e) => {
                let _ = ready.send(Err(anyhow::Error::new(e).context("cannot build the chain runtime")));
                return;
            }
        };
        let (commands, rx) = mpsc::channel();
        let mut this = match rt.block_on(Self::boot(config, restored, commands)) {
            Ok(t) => t,
            Err(e) => {
                let _ = ready.send(Err(e));
                return;
            }
        };
        if ready.send(Ok(this.shared.clone())).is_err() {
            return;
        }
        this.run(&rt, rx);
    }

    async fn boot(
        config: ChainConfig,
        restored: Option<Vec<(Pubkey, Account)>>,
        commands: mpsc::Sender<Command>,
    ) -> anyhow::Result<Self> {
        let restored = restored.unwrap_or_default();
        let restored_map: HashMap<Pubkey, Account> = restored.iter().cloned().collect();
        let mut pt = autofactor_chain::try_program_test()?;
        for (k, a) in &restored {
            pt.add_account(*k, a.clone());
        }
        // Program-test's bank uses the default rent.
        let rent = Rent::default();
        let mut publisher = pyth::FxPublisher::new(|k| restored_map.get(k).cloned());
        let price_accounts = publisher.step(wall_clock(), 0, &rent);
        for (k, a) in &price_accounts {
            pt.add_account(*k, a.clone());
        }
        let ctx = pt.start_with_context().await;
        let genesis = ctx.genesis_config();
        let genesis_keys: HashSet<Pubkey> = genesis.accounts.keys().copied().collect();
        let info = StaticInfo {
            genesis_hash: genesis.hash(),
            epoch_schedule: genesis.epoch_schedule.clone(),
            rent: genesis.rent.clone(),
            lamports_per_signature: genesis.fee_rate_governor.lamports_per_signature,
            faucet: ctx.payer.pubkey(),
            restored_accounts: restored.len(),
        };
        let (events, _) = broadcast::channel(16_384);
        let shared = Arc::new(Shared {
            accounts: RwLock::new(HashMap::new()),
            txs: RwLock::new(TxStore::default()),
            view: RwLock::new(View {
                slot: 0,
                parent_slot: 0,
                block_height: 0,
                blockhash: ctx.last_blockhash,
                last_valid_block_height: MAX_PROCESSING_AGE,
                unix_timestamp: wall_clock(),
                transaction_count: 0,
                slot_started: Instant::now(),
            }),
            blockhashes: RwLock::new(HashMap::new()),
            info,
            events,
            commands,
            healthy: AtomicBool::new(false),
        });
        let mut this = Self {
            ctx,
            shared,
            publisher,
            config,
            genesis_keys,
            dirty: false,
            faucet_nonce: 0,
            clock_offset: 0,
        };

        let mut keys: Vec<Pubkey> = this.genesis_keys.iter().copied().collect();
        keys.extend(restored.iter().map(|(k, _)| *k));
        keys.extend(price_accounts.iter().map(|(k, _)| *k));
        keys.extend(well_known_addresses());
        keys.sort();
        keys.dedup();
        let accounts = this.fetch(&keys).await;
        {
            let mut m = write(&this.shared.accounts);
            for (k, a) in keys.into_iter().zip(accounts) {
                if let Some(a) = a {
                    m.insert(k, a);
                }
            }
        }
        // First slot: clock set to wall time, first blockhash recorded.
        this.advance_slot().await?;
        Ok(this)
    }

    fn run(&mut self, rt: &tokio::runtime::Runtime, rx: mpsc::Receiver<Command>) {
        let start = Instant::now();
        let mut next_price = start + PRICE_INTERVAL;
        let mut next_snapshot = start + self.config.snapshot_interval;
        loop {
            let now = Instant::now();
            let next_slot = read(&self.shared.view).slot_started + IDLE_SLOT_INTERVAL;
            let deadline = next_slot.min(next_price).min(next_snapshot);
            match rx.recv_timeout(deadline.saturating_duration_since(now)) {
                Ok(Command::Shutdown { reply }) => {
                    let r = self.save_snapshot();
                    let _ = reply.send(r);
                    return;
                }
                Ok(cmd) => {
                    // A panic (in a natively compiled program, say) fails
                    // that request only; the chain keeps running.
                    if catch_unwind(AssertUnwindSafe(|| rt.block_on(self.handle(cmd)))).is_err() {
                        eprintln!("[localnet] a request panicked (see above); the chain keeps running");
                    }
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return,
            }
            let now = Instant::now();
            if catch_unwind(AssertUnwindSafe(|| self.duties(rt, now, &mut next_price, &mut next_snapshot)))
                .is_err()
            {
                eprintln!("[localnet] periodic work panicked (see above); the chain keeps running");
                next_price = now + PRICE_INTERVAL;
                next_snapshot = now + self.config.snapshot_interval;
            }
        }
    }

    /// Idle slot, price publication, periodic snapshot — whichever is due.
    fn duties(
        &mut self,
        rt: &tokio::runtime::Runtime,
        now: Instant,
        next_price: &mut Instant,
        next_snapshot: &mut Instant,
    ) {
        {
            if now >= read(&self.shared.view).slot_started + IDLE_SLOT_INTERVAL {
                if let Err(e) = rt.block_on(self.advance_slot()) {
                    eprintln!("[localnet] cannot advance the slot: {e:#}");
                }
            }
            if now >= *next_price {
                if let Err(e) = rt.block_on(self.publish_prices()) {
                    eprintln!("[localnet] cannot publish prices: {e:#}");
                }
                *next_price = now + PRICE_INTERVAL;
            }
            if now >= *next_snapshot {
                if self.dirty {
                    if let Err(e) = self.save_snapshot() {
                        eprintln!("[localnet] periodic snapshot failed: {e:#}");
                    }
                }
                *next_snapshot = now + self.config.snapshot_interval;
            }
        }
    }

    async fn handle(&mut self, cmd: Command) {
        match cmd {
            Command::FreshSlot { reply } => {
                if read(&self.shared.view).slot_started.elapsed() >= SLOT_DURATION {
                    if let Err(e) = self.advance_slot().await {
                        eprintln!("[localnet] cannot advance the slot: {e:#}");
                    }
                }
                let _ = reply.send(());
            }
            Command::Send { tx, skip_preflight, reply } => {
                let r = self.send(*tx, skip_preflight).await;
                let _ = reply.send(r);
            }
            Command::Simulate { tx, reply } => {
                let r = self.simulate(&tx).await;
                let _ = reply.send(r);
            }
            Command::Fetch { keys, reply } => {
                let accounts = self.fetch(&keys).await;
                {
                    let mut m = write(&self.shared.accounts);
                    for (k, a) in keys.iter().zip(&accounts) {
                        if let Some(a) = a {
                            m.insert(*k, a.clone());
                        }
                    }
                }
                let _ = reply.send(accounts);
            }
            Command::Fee { message, reply } => {
                let r = self.fee_for(&message).await;
                let _ = reply.send(r);
            }
            Command::Airdrop { to, lamports, reply } => {
                let r = self.airdrop(to, lamports).await;
                let _ = reply.send(r);
            }
            Command::Snapshot { reply } => {
                let _ = reply.send(self.save_snapshot());
            }
            Command::ClockOffset { offset, reply } => {
                let _ = reply.send(self.set_clock_offset(offset).await);
            }
            Command::Shutdown { reply } => {
                let _ = reply.send(self.save_snapshot());
            }
        }
    }

    async fn fetch(&mut self, keys: &[Pubkey]) -> Vec<Option<Account>> {
        let mut out = Vec::with_capacity(keys.len());
        for k in keys {
            out.push(self.ctx.banks_client.get_account(*k).await.ok().flatten());
        }
        out
    }

    /// Current state of `keys`: the mirror (which every write goes
    /// through), the bank for addresses it does not hold.
    async fn current(&mut self, keys: &[Pubkey]) -> Vec<Option<Account>> {
        let mut out: Vec<Option<Account>> = {
            let m = read(&self.shared.accounts);
            keys.iter().map(|k| m.get(k).cloned()).collect()
        };
        let missing: Vec<usize> = (0..keys.len()).filter(|&i| out[i].is_none()).collect();
        if !missing.is_empty() {
            let fetched = self.fetch(&missing.iter().map(|&i| keys[i]).collect::<Vec<_>>()).await;
            for (i, a) in missing.into_iter().zip(fetched) {
                out[i] = a;
            }
        }
        out
    }

    async fn fee_for(&mut self, message: &VersionedMessage) -> Option<u64> {
        self.ctx.banks_client.get_fee_for_message(legacy_equivalent(message)).await.ok().flatten()
    }

    /// Resolves lookup-table addresses of a v0 message.
    async fn resolve_lookups(
        &mut self,
        message: &VersionedMessage,
    ) -> Result<LoadedAddresses, TransactionError> {
        use solana_address_lookup_table_interface::state::AddressLookupTable;
        let VersionedMessage::V0(m) = message else { return Ok(LoadedAddresses::default()) };
        let mut loaded = LoadedAddresses::default();
        for lookup in &m.address_table_lookups {
            let account = self
                .fetch(&[lookup.account_key])
                .await
                .pop()
                .flatten()
                .ok_or(TransactionError::AddressLookupTableNotFound)?;
            if account.owner != solana_sdk_ids::address_lookup_table::ID {
                return Err(TransactionError::InvalidAddressLookupTableOwner);
            }
            let table = AddressLookupTable::deserialize(&account.data)
                .map_err(|_| TransactionError::InvalidAddressLookupTableData)?;
            let get = |i: &u8| {
                table
                    .addresses
                    .get(*i as usize)
                    .copied()
                    .ok_or(TransactionError::InvalidAddressLookupTableIndex)
            };
            for i in &lookup.writable_indexes {
                loaded.writable.push(get(i)?);
            }
            for i in &lookup.readonly_indexes {
                loaded.readonly.push(get(i)?);
            }
        }
        Ok(loaded)
    }

    /// The chain's "now": wall time plus the clock offset.
    fn now(&self) -> i64 {
        wall_clock() + self.clock_offset
    }

    /// See [`ChainHandle::set_clock_offset`].
    async fn set_clock_offset(&mut self, offset: i64) -> anyhow::Result<i64> {
        let executed = read(&self.shared.view).transaction_count;
        if offset < self.clock_offset && executed > 0 {
            anyhow::bail!(
                "the clock only moves forward: cannot set the clock offset from {} s to {offset} s after \
                 {executed} transaction(s)",
                self.clock_offset
            );
        }
        let back = offset < self.clock_offset;
        self.clock_offset = offset;
        if back {
            // Nothing has executed yet: the recorded clock may go back.
            write(&self.shared.view).unix_timestamp = self.now();
            self.publisher.forget_publish_times();
        }
        self.advance_slot().await?;
        self.publish_prices().await?;
        Ok(read(&self.shared.view).unix_timestamp)
    }

    /// Sets the bank clock to [`Self::now`] if it is behind.
    async fn touch_clock(&mut self) -> anyhow::Result<()> {
        let now = self.now();
        if read(&self.shared.view).unix_timestamp >= now {
            return Ok(());
        }
        let mut clock: Clock = self.ctx.banks_client.get_sysvar().await.context("clock")?;
        if clock.unix_timestamp < now {
            clock.unix_timestamp = now;
            self.ctx.set_sysvar(&clock);
        }
        write(&self.shared.view).unix_timestamp = clock.unix_timestamp;
        let key = solana_sdk_ids::sysvar::clock::ID;
        let account = self.fetch(&[key]).await.pop().flatten();
        self.apply(vec![(key, account)], clock.slot);
        Ok(())
    }

    async fn simulate(&mut self, tx: &VersionedTransaction) -> Result<Simulation, String> {
        self.touch_clock().await.map_err(|e| format!("{e:#}"))?;
        let empty = |result| Simulation {
            result,
            logs: vec![],
            units_consumed: 0,
            loaded_accounts_data_size: 0,
            return_data: None,
            inner_instructions: vec![],
            loaded_addresses: LoadedAddresses::default(),
            fee: None,
            pre_balances: vec![],
        };
        let loaded = match self.resolve_lookups(&tx.message).await {
            Ok(l) => l,
            Err(e) => return Ok(empty(Err(e))),
        };
        let keys = all_keys(&tx.message, &loaded);
        let pre_balances =
            self.current(&keys).await.iter().map(|a| a.as_ref().map_or(0, |a| a.lamports)).collect();
        let fee = self.fee_for(&tx.message).await;
        let r = self.ctx.banks_client.simulate_transaction(tx.clone()).await.map_err(|e| e.to_string())?;
        let result = r.result.unwrap_or(Ok(()));
        let Some(d) = r.simulation_details else { return Ok(empty(result)) };
        Ok(Simulation {
            result,
            logs: d.logs,
            units_consumed: d.units_consumed,
            loaded_accounts_data_size: d.loaded_accounts_data_size,
            return_data: d.return_data,
            inner_instructions: map_inner_instructions(d.inner_instructions.unwrap_or_default()).collect(),
            loaded_addresses: loaded,
            fee,
            pre_balances,
        })
    }

    async fn send(&mut self, tx: VersionedTransaction, skip_preflight: bool) -> Result<Signature, SendError> {
        let Some(&signature) = tx.signatures.first() else {
            return Err(SendError::Invalid("invalid transaction: no signatures".into()));
        };
        // A transaction the bank already executed: answer like a validator
        // that dropped the duplicate.
        if read(&self.shared.txs).by_signature.contains_key(&signature) {
            return Ok(signature);
        }
        tx.sanitize().map_err(|e| SendError::Invalid(format!("invalid transaction: {e}")))?;
        if tx.signatures.len() != tx.message.header().num_required_signatures as usize {
            return Err(SendError::Invalid("invalid transaction: signature count mismatch".into()));
        }
        if !tx.verify_with_results().iter().all(|ok| *ok) {
            return Err(SendError::SignatureVerification);
        }
        // The simulation both runs the preflight check and captures the
        // inner instructions (BanksClient's processing does not return them);
        // both run against the same state, on this thread.
        let sim = self.simulate(&tx).await.map_err(SendError::Internal)?;
        if let (Err(e), false) = (&sim.result, skip_preflight) {
            return Err(SendError::Preflight {
                message: format!("Transaction simulation failed: {e}"),
                result: Box::new(preflight_result(&sim)),
            });
        }
        let keys = all_keys(&tx.message, &sim.loaded_addresses);
        let pre = self.current(&keys).await;
        let processed = self
            .ctx
            .banks_client
            .process_transaction_with_metadata(tx.clone())
            .await
            .map_err(|e| SendError::Internal(e.to_string()))?;
        let Some(metadata) = processed.metadata else {
            // Not executed, no fee charged (e.g. blockhash expired meanwhile).
            let err = processed.result.err().unwrap_or(TransactionError::BlockhashNotFound);
            return Err(SendError::Preflight {
                message: format!("Transaction simulation failed: {err}"),
                result: Box::new(RpcSimulateTransactionResult {
                    err: Some(err.into()),
                    ..preflight_result(&sim)
                }),
            });
        };
        // Only writable accounts can have changed.
        let writable: Vec<usize> =
            (0..keys.len()).filter(|&i| tx.message.is_maybe_writable(i, None)).collect();
        let fetched = self.fetch(&writable.iter().map(|&i| keys[i]).collect::<Vec<_>>()).await;
        let mut post = pre.clone();
        for (i, a) in writable.into_iter().zip(fetched) {
            post[i] = a;
        }
        let view = read(&self.shared.view).clone();
        let pre_token_balances = token::transaction_token_balances(
            &pre,
            |m| self.mint_lookup(m, &keys, &pre),
            view.unix_timestamp,
        );
        let post_token_balances = token::transaction_token_balances(
            &post,
            |m| self.mint_lookup(m, &keys, &post),
            view.unix_timestamp,
        );
        let meta = TransactionStatusMeta {
            status: processed.result.clone(),
            fee: sim.fee.unwrap_or(0),
            pre_balances: pre.iter().map(|a| a.as_ref().map_or(0, |a| a.lamports)).collect(),
            post_balances: post.iter().map(|a| a.as_ref().map_or(0, |a| a.lamports)).collect(),
            inner_instructions: Some(sim.inner_instructions),
            log_messages: Some(metadata.log_messages),
            pre_token_balances: Some(pre_token_balances),
            post_token_balances: Some(post_token_balances),
            rewards: Some(vec![]),
            loaded_addresses: sim.loaded_addresses,
            return_data: metadata.return_data,
            compute_units_consumed: Some(metadata.compute_units_consumed),
            cost_units: None,
        };
        if self.config.verbose {
            match &processed.result {
                Ok(()) => crate::out!("[tx] {signature} ok ({} CU)", metadata.compute_units_consumed),
                Err(e) => crate::out!("[tx] {signature} failed: {e}"),
            }
        }
        let record = Arc::new(TxRecord {
            slot: view.slot,
            block_time: view.unix_timestamp,
            transaction: tx,
            meta,
            account_keys: keys.clone(),
        });
        {
            let mut txs = write(&self.shared.txs);
            txs.by_signature.insert(signature, record.clone());
            txs.order.push_back(signature);
            while txs.order.len() > MAX_HISTORY {
                if let Some(old) = txs.order.pop_front() {
                    txs.by_signature.remove(&old);
                }
            }
        }
        write(&self.shared.view).transaction_count += 1;
        let _ = self.shared.events.send(Event::Transaction { signature, record });
        self.apply(keys.into_iter().zip(post).collect(), view.slot);
        Ok(signature)
    }

    /// A mint, from a transaction's accounts or else the mirror.
    fn mint_lookup(&self, mint: &Pubkey, keys: &[Pubkey], accounts: &[Option<Account>]) -> Option<Account> {
        keys.iter()
            .position(|k| k == mint)
            .and_then(|i| accounts.get(i).cloned().flatten())
            .or_else(|| read(&self.shared.accounts).get(mint).cloned())
    }

    /// Records new account states in the mirror and broadcasts the ones
    /// that changed.
    fn apply(&mut self, updates: Vec<(Pubkey, Option<Account>)>, slot: u64) {
        let mut changed = Vec::new();
        {
            let mut m = write(&self.shared.accounts);
            for (k, a) in updates {
                match a {
                    Some(a) => {
                        if m.get(&k) != Some(&a) {
                            m.insert(k, a.clone());
                            changed.push((k, a));
                        }
                    }
                    None => {
                        if m.remove(&k).is_some() {
                            changed.push((k, closed_account()));
                        }
                    }
                }
            }
        }
        if !changed.is_empty() {
            self.dirty = true;
            let _ = self.shared.events.send(Event::Accounts { slot, accounts: Arc::new(changed) });
        }
    }

    async fn airdrop(&mut self, to: Pubkey, lamports: u64) -> Result<Signature, SendError> {
        use solana_sdk::transaction::Transaction;
        let faucet = self.ctx.payer.insecure_clone();
        self.faucet_nonce = self.faucet_nonce.wrapping_add(1);
        // The compute-unit limit makes repeated identical airdrops distinct.
        let ixs = [
            solana_compute_budget_interface::ComputeBudgetInstruction::set_compute_unit_limit(
                100_000 + self.faucet_nonce % 100_000,
            ),
            anchor_lang::solana_program::system_instruction::transfer(&faucet.pubkey(), &to, lamports),
        ];
        let blockhash = read(&self.shared.view).blockhash;
        let mut tx = Transaction::new_with_payer(&ixs, Some(&faucet.pubkey()));
        tx.try_sign(&[&faucet as &Keypair], blockhash)
            .map_err(|e| SendError::Internal(format!("airdrop: {e}")))?;
        self.send(VersionedTransaction::from(tx), false).await
    }

    /// Moves to the next slot: new blockhash, clock set to [`Self::now`]
    /// (never before the clock last recorded), per-slot sysvars refreshed
    /// in the mirror.
    async fn advance_slot(&mut self) -> anyhow::Result<()> {
        let slot = self.ctx.banks_client.get_root_slot().await.context("get_root_slot")?;
        self.ctx.warp_to_slot(slot + 1).map_err(|e| anyhow::anyhow!("warp_to_slot: {e:?}"))?;
        let mut clock: Clock = self.ctx.banks_client.get_sysvar().await.context("clock")?;
        // The bank derives a new slot's clock from its own estimate; pin it
        // to the chain's time (which only moves forward).
        let now = self.now().max(read(&self.shared.view).unix_timestamp);
        if clock.unix_timestamp != now {
            clock.unix_timestamp = now;
            self.ctx.set_sysvar(&clock);
        }
        let (blockhash, last_valid_block_height) = self
            .ctx
            .banks_client
            .get_latest_blockhash_with_commitment(solana_commitment_config::CommitmentLevel::Processed)
            .await
            .context("latest blockhash")?
            .context("no latest blockhash")?;
        let block_height = self.ctx.banks_client.get_root_block_height().await.context("block height")?;
        {
            let mut v = write(&self.shared.view);
            v.parent_slot = v.slot.max(slot);
            v.slot = clock.slot;
            v.block_height = block_height;
            v.blockhash = blockhash;
            v.last_valid_block_height = last_valid_block_height;
            v.unix_timestamp = clock.unix_timestamp;
            v.slot_started = Instant::now();
        }
        {
            let mut b = write(&self.shared.blockhashes);
            b.insert(blockhash, last_valid_block_height);
            b.retain(|_, lv| *lv >= block_height);
        }
        let sysvars = self.fetch(SLOT_SYSVARS).await;
        self.apply(SLOT_SYSVARS.iter().copied().zip(sysvars).collect(), clock.slot);
        let _ = self.shared.events.send(Event::Slot { slot: clock.slot, parent: slot });
        Ok(())
    }

    async fn publish_prices(&mut self) -> anyhow::Result<()> {
        self.touch_clock().await?;
        let (ts, slot) = {
            let v = read(&self.shared.view);
            (v.unix_timestamp, v.slot)
        };
        let updates = self.publisher.step(ts, slot, &self.shared.info.rent);
        for (k, a) in &updates {
            self.ctx.set_account(k, &AccountSharedData::from(a.clone()));
        }
        self.apply(updates.into_iter().map(|(k, a)| (k, Some(a))).collect(), slot);
        Ok(())
    }

    fn persisted(&self, key: &Pubkey, account: &Account) -> bool {
        !account.executable
            && account.lamports > 0
            && !self.genesis_keys.contains(key)
            && !NOT_PERSISTED_OWNERS.contains(&account.owner)
    }

    fn save_snapshot(&mut self) -> anyhow::Result<()> {
        let Some(path) = self.config.snapshot_path.clone() else { return Ok(()) };
        let mut accounts: Vec<(Pubkey, Account)> = read(&self.shared.accounts)
            .iter()
            .filter(|(k, a)| self.persisted(k, a))
            .map(|(k, a)| (*k, a.clone()))
            .collect();
        accounts.sort_by_key(|a| a.0);
        snapshot::save(&path, &accounts)?;
        self.dirty = false;
        Ok(())
    }
}

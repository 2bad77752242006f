//! Versioned schema migrations, portable between SQLite and PostgreSQL
//! (BIGINT and TEXT columns only). Each migration runs once, in its own
//! transaction, and is recorded in `schema_migrations`; a database with a
//! newer schema than this build knows is refused.

use crate::db::{Conn, Value};
use anyhow::bail;

/// One schema step. Never edit a released entry: add a new one.
pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
    /// The step adds derived data that the stored history must fill: the
    /// index is cleared (documents and sign-ins are kept) and replayed from
    /// the chain.
    pub replay: bool,
}

/// In order.
pub const MIGRATIONS: &[Migration] = &[
    Migration { version: 1, name: "events, cursor and derived tables", replay: false, sql: V1 },
    Migration {
        version: 2,
        name: "pool verifiers; origination documents and sign-in nonces",
        replay: true,
        sql: r#"
CREATE TABLE pool_verifiers (
    pool TEXT NOT NULL,
    verifier TEXT NOT NULL,
    active BIGINT NOT NULL,
    updated_seq BIGINT NOT NULL,
    PRIMARY KEY (pool, verifier)
);
CREATE TABLE documents (
    sha256 TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    body_b64 TEXT NOT NULL,
    uploader TEXT NOT NULL,
    terms_json TEXT NOT NULL,
    metadata_json TEXT NOT NULL,
    created_ts BIGINT NOT NULL
);
CREATE TABLE auth_nonces (
    nonce TEXT PRIMARY KEY,
    wallet TEXT NOT NULL,
    issued_ts BIGINT NOT NULL,
    expires_ts BIGINT NOT NULL
);
"#,
    },
    Migration {
        version: 3,
        name: "pool counters maintained at ingest (financed invoices open, write-downs)",
        replay: false,
        sql: r#"
ALTER TABLE pools ADD COLUMN open_invoices BIGINT NOT NULL DEFAULT 0;
ALTER TABLE pools ADD COLUMN total_written_down_usdc BIGINT NOT NULL DEFAULT 0;
UPDATE pools SET
    open_invoices = (SELECT COUNT(*) FROM invoices i
        WHERE i.pool = pools.pool AND i.financed_ts IS NOT NULL AND i.closed IS NULL),
    total_written_down_usdc = (SELECT CAST(COALESCE(SUM(i.written_down_usdc), 0) AS BIGINT) FROM invoices i
        WHERE i.pool = pools.pool);
"#,
    },
    Migration {
        version: 4,
        name: "pre-aggregated exposure, ageing, repayment health and history (crate::aggregates)",
        replay: true,
        sql: crate::aggregates::MIGRATION_SQL,
    },
];

const V1: &str = r#"
CREATE TABLE cursors (
    program TEXT PRIMARY KEY,
    last_signature TEXT,
    last_slot BIGINT,
    tx_count BIGINT NOT NULL
);
CREATE TABLE transactions (
    seq BIGINT PRIMARY KEY,
    signature TEXT NOT NULL UNIQUE,
    slot BIGINT NOT NULL,
    block_time BIGINT,
    failed BIGINT NOT NULL,
    event_count BIGINT NOT NULL
);
CREATE TABLE events (
    tx_seq BIGINT NOT NULL,
    idx BIGINT NOT NULL,
    signature TEXT NOT NULL,
    slot BIGINT NOT NULL,
    block_time BIGINT,
    name TEXT NOT NULL,
    pool TEXT,
    invoice TEXT,
    investor TEXT,
    data_hex TEXT NOT NULL,
    json TEXT NOT NULL,
    PRIMARY KEY (tx_seq, idx)
);
CREATE INDEX events_by_invoice ON events (invoice, tx_seq, idx);
CREATE INDEX events_by_pool ON events (pool, tx_seq, idx);
CREATE INDEX events_by_investor ON events (investor, tx_seq, idx);
CREATE INDEX events_by_name ON events (name, tx_seq, idx);
CREATE TABLE pools (
    pool TEXT PRIMARY KEY,
    pool_id BIGINT NOT NULL,
    manager TEXT NOT NULL,
    usdc_mint TEXT NOT NULL,
    vault TEXT NOT NULL,
    senior_mint TEXT NOT NULL,
    junior_mint TEXT NOT NULL,
    created_ts BIGINT,
    paused BIGINT NOT NULL,
    params_json TEXT NOT NULL,
    policy_json TEXT NOT NULL,
    nav_usdc BIGINT NOT NULL,
    cash_usdc BIGINT NOT NULL,
    senior_value_usdc BIGINT NOT NULL,
    junior_value_usdc BIGINT NOT NULL,
    senior_supply BIGINT NOT NULL,
    junior_supply BIGINT NOT NULL,
    senior_price BIGINT NOT NULL,
    junior_price BIGINT NOT NULL,
    snapshot_ts BIGINT,
    protocol_fees_collected_usdc BIGINT NOT NULL,
    manager_fees_collected_usdc BIGINT NOT NULL
);
CREATE TABLE pool_snapshots (
    pool TEXT NOT NULL,
    tx_seq BIGINT NOT NULL,
    idx BIGINT NOT NULL,
    ts BIGINT NOT NULL,
    event TEXT NOT NULL,
    nav_usdc BIGINT NOT NULL,
    cash_usdc BIGINT NOT NULL,
    senior_value_usdc BIGINT NOT NULL,
    junior_value_usdc BIGINT NOT NULL,
    senior_supply BIGINT NOT NULL,
    junior_supply BIGINT NOT NULL,
    senior_price BIGINT NOT NULL,
    junior_price BIGINT NOT NULL,
    PRIMARY KEY (pool, tx_seq, idx)
);
CREATE INDEX pool_snapshots_by_ts ON pool_snapshots (pool, ts);
CREATE TABLE invoices (
    invoice TEXT PRIMARY KEY,
    asset TEXT NOT NULL,
    pool TEXT NOT NULL,
    supplier TEXT NOT NULL,
    buyer TEXT NOT NULL,
    invoice_number TEXT NOT NULL,
    currency TEXT NOT NULL,
    face_minor BIGINT NOT NULL,
    issue_ts BIGINT NOT NULL,
    due_ts BIGINT NOT NULL,
    document_hash TEXT NOT NULL,
    status TEXT NOT NULL,
    closed TEXT,
    created_ts BIGINT,
    acknowledged_ts BIGINT,
    disputed_ts BIGINT,
    attested_ts BIGINT,
    financed_ts BIGINT,
    late_ts BIGINT,
    defaulted_ts BIGINT,
    repaid_ts BIGINT,
    closed_ts BIGINT,
    verifier TEXT,
    credit_score BIGINT,
    risk_grade BIGINT,
    face_usdc BIGINT,
    advance_usdc BIGINT,
    discount_usdc BIGINT,
    protocol_fee_usdc BIGINT,
    manager_fee_usdc BIGINT,
    reserve_usdc BIGINT,
    fx_rate_scaled TEXT,
    overdue_ts BIGINT,
    late_after_ts BIGINT,
    writeoff_ts BIGINT,
    repaid_minor BIGINT NOT NULL,
    collected_usdc BIGINT NOT NULL,
    to_pool_usdc BIGINT NOT NULL,
    recovered_usdc BIGINT NOT NULL,
    book_usdc BIGINT,
    written_down_usdc BIGINT NOT NULL,
    claim_unpaid_usdc BIGINT,
    updated_ts BIGINT
);
CREATE INDEX invoices_by_pool ON invoices (pool, status);
CREATE INDEX invoices_by_buyer ON invoices (buyer);
CREATE INDEX invoices_by_supplier ON invoices (supplier);
CREATE TABLE positions (
    pool TEXT NOT NULL,
    investor TEXT NOT NULL,
    tranche TEXT NOT NULL,
    shares BIGINT NOT NULL,
    shares_pending BIGINT NOT NULL,
    deposited_usdc BIGINT NOT NULL,
    withdrawn_usdc BIGINT NOT NULL,
    first_ts BIGINT,
    updated_ts BIGINT,
    PRIMARY KEY (pool, investor, tranche)
);
CREATE TABLE withdrawals (
    pool TEXT NOT NULL,
    tranche TEXT NOT NULL,
    sequence BIGINT NOT NULL,
    request TEXT NOT NULL,
    investor TEXT NOT NULL,
    shares_requested BIGINT NOT NULL,
    shares_remaining BIGINT NOT NULL,
    paid_usdc BIGINT NOT NULL,
    owed_usdc BIGINT NOT NULL,
    status TEXT NOT NULL,
    queued_ts BIGINT,
    updated_ts BIGINT,
    PRIMARY KEY (pool, tranche, sequence)
);
"#;

/// Every table, in a fixed order, with the columns that order its rows:
/// what [`crate::digest`] hashes to compare two databases.
pub const TABLES: &[(&str, &str)] = &[
    ("cursors", "program"),
    ("transactions", "seq"),
    ("events", "tx_seq, idx"),
    ("pools", "pool"),
    ("pool_snapshots", "pool, tx_seq, idx"),
    ("invoices", "invoice"),
    ("positions", "pool, investor, tranche"),
    ("withdrawals", "pool, tranche, sequence"),
    ("pool_verifiers", "pool, verifier"),
    ("pool_exposure", "pool, dimension, key"),
    ("pool_ageing", "pool, due_ts, defaulted"),
    ("pool_buyer_health", "pool, buyer"),
    ("pool_history", "pool, resolution_secs, bucket_ts"),
];

/// The newest schema version this build knows.
pub fn latest_version() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// Brings the database to [`latest_version`]; returns the versions applied.
pub fn migrate(conn: &mut Conn) -> anyhow::Result<Vec<i64>> {
    conn.batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL)",
    )?;
    let current = current_version(conn)?;
    if current > latest_version() {
        bail!(
            "the database has schema version {current}, newer than this indexer's {}: upgrade the indexer",
            latest_version()
        );
    }
    let mut applied = Vec::new();
    let mut replay = false;
    for m in MIGRATIONS {
        if m.version <= current {
            continue;
        }
        // Another process may be migrating the same database: the version
        // is checked again under the write lock.
        let done = conn.transaction(|c| {
            if c.is_postgres() {
                c.batch("LOCK TABLE schema_migrations IN EXCLUSIVE MODE")?;
            }
            if current_version(c)? >= m.version {
                return Ok(false);
            }
            c.batch(m.sql)?;
            c.execute(
                "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                &[Value::from(m.version), Value::from(m.name)],
            )?;
            Ok(true)
        })?;
        if done {
            applied.push(m.version);
            replay |= m.replay && current > 0;
        }
    }
    if replay {
        conn.transaction(clear_index)?;
    }
    Ok(applied)
}

/// Deletes every row the chain's history produced (the tables of
/// [`TABLES`]), keeping the schema, documents and sign-ins: the next run
/// replays from the first signature.
pub fn clear_index(conn: &mut Conn) -> anyhow::Result<()> {
    for (table, _) in TABLES.iter().rev() {
        conn.execute(&format!("DELETE FROM {table}"), &[])?;
    }
    Ok(())
}

pub fn current_version(conn: &mut Conn) -> anyhow::Result<i64> {
    let rows = conn.query("SELECT MAX(version) FROM schema_migrations", &[])?;
    Ok(rows.first().and_then(|r| r.first()).map(|v| v.opt_int()).transpose()?.flatten().unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Target;

    /// A SQLite file in the temp folder, removed with its WAL files when
    /// the test ends (also when it fails).
    struct TempFile(std::path::PathBuf);

    impl TempFile {
        fn new(name: &str) -> Self {
            let path = std::env::temp_dir().join(format!("af-schema-{name}-{}.sqlite", std::process::id()));
            crate::reset_sqlite(&path).unwrap();
            Self(path)
        }
    }

    impl Drop for TempFile {
        fn drop(&mut self) {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", self.0.display()));
            }
        }
    }

    fn temp_db(name: &str) -> (TempFile, Conn) {
        let file = TempFile::new(name);
        let conn = Target::Sqlite(file.0.clone()).connect().unwrap();
        (file, conn)
    }

    #[test]
    fn migrations_run_once_in_order() {
        let (_file, mut c) = temp_db("once");
        assert_eq!(migrate(&mut c).unwrap(), MIGRATIONS.iter().map(|m| m.version).collect::<Vec<_>>());
        assert_eq!(current_version(&mut c).unwrap(), latest_version());
        assert!(migrate(&mut c).unwrap().is_empty(), "nothing left to apply");
    }

    #[test]
    fn a_replaying_migration_clears_an_existing_index() {
        let (_file, mut c) = temp_db("replay");
        migrate(&mut c).unwrap();
        c.batch(
            "INSERT INTO cursors (program, last_signature, last_slot, tx_count) VALUES ('p', 's', 1, 1);
             INSERT INTO documents (sha256, content_type, size, body_b64, uploader, terms_json, metadata_json, created_ts)
             VALUES ('h', 'application/xml', 1, 'eA==', 'w', '{}', '{}', 0);",
        )
        .unwrap();
        // Back to a version-1 database with data.
        c.batch(
            "DELETE FROM schema_migrations WHERE version >= 2; DROP TABLE pool_verifiers; DROP TABLE auth_nonces; \
             DROP TABLE documents; ALTER TABLE pools DROP COLUMN open_invoices; \
             ALTER TABLE pools DROP COLUMN total_written_down_usdc; DROP TABLE pool_exposure; \
             DROP TABLE pool_ageing; DROP TABLE pool_buyer_health; DROP TABLE pool_history;",
        )
        .unwrap();
        assert_eq!(migrate(&mut c).unwrap(), vec![2, 3, 4]);
        assert!(c.query("SELECT * FROM cursors", &[]).unwrap().is_empty(), "index cleared for the replay");
    }

    #[test]
    fn a_rebuild_clears_the_index_and_keeps_documents() {
        let (_file, mut c) = temp_db("rebuild");
        migrate(&mut c).unwrap();
        c.batch(
            "INSERT INTO cursors (program, last_signature, last_slot, tx_count) VALUES ('p', 's', 1, 1);
             INSERT INTO documents (sha256, content_type, size, body_b64, uploader, terms_json, metadata_json, created_ts)
             VALUES ('h', 'application/xml', 1, 'eA==', 'w', '{}', '{}', 0);",
        )
        .unwrap();
        crate::drop_all(&mut c).unwrap();
        assert!(c.query("SELECT * FROM cursors", &[]).unwrap().is_empty());
        assert_eq!(c.query("SELECT sha256 FROM documents", &[]).unwrap().len(), 1);
    }

    #[test]
    fn concurrent_first_migrations_both_succeed() {
        let file = TempFile::new("race");
        let path = file.0.clone();
        let runs: Vec<_> = (0..4)
            .map(|_| {
                let p = path.clone();
                std::thread::spawn(move || migrate(&mut Target::Sqlite(p).connect()?))
            })
            .collect();
        let mut applied = Vec::new();
        for r in runs {
            applied.extend(r.join().unwrap().unwrap());
        }
        applied.sort();
        assert_eq!(
            applied,
            MIGRATIONS.iter().map(|m| m.version).collect::<Vec<_>>(),
            "each applied exactly once"
        );
    }

    #[test]
    fn a_newer_database_is_refused() {
        let (_file, mut c) = temp_db("newer");
        migrate(&mut c).unwrap();
        c.batch("INSERT INTO schema_migrations (version, name) VALUES (99, 'from the future')").unwrap();
        let e = migrate(&mut c).unwrap_err();
        assert!(format!("{e}").contains("schema version 99"), "{e}");
    }
}

//! One small SQL layer over SQLite (rusqlite, bundled) and PostgreSQL
//! (`postgres`): statements are written once with `?` placeholders in the
//! SQL both understand (BIGINT and TEXT columns only, `ON CONFLICT`
//! upserts), values are [`Value`]s, rows are vectors of them.
//!
//! Connections are blocking; async callers run them on a blocking thread
//! ([`Pool::run`]).

use anyhow::{bail, Context as _};
use std::sync::{Arc, Mutex};

/// A column value. Integers are `BIGINT`/`INTEGER`, text is `TEXT`; the
/// typed NULLs keep PostgreSQL's parameter type checks happy.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Value {
    Int(Option<i64>),
    Text(Option<String>),
}

impl Value {
    pub fn int(&self) -> anyhow::Result<i64> {
        match self {
            Value::Int(Some(v)) => Ok(*v),
            other => bail!("expected an integer column, got {other:?}"),
        }
    }
    pub fn opt_int(&self) -> anyhow::Result<Option<i64>> {
        match self {
            Value::Int(v) => Ok(*v),
            Value::Text(None) => Ok(None),
            other => bail!("expected an integer column, got {other:?}"),
        }
    }
    pub fn text(&self) -> anyhow::Result<String> {
        match self {
            Value::Text(Some(v)) => Ok(v.clone()),
            other => bail!("expected a text column, got {other:?}"),
        }
    }
    pub fn opt_text(&self) -> anyhow::Result<Option<String>> {
        match self {
            Value::Text(v) => Ok(v.clone()),
            Value::Int(None) => Ok(None),
            other => bail!("expected a text column, got {other:?}"),
        }
    }
    /// A non-negative integer column as `u64`.
    pub fn u64(&self) -> anyhow::Result<u64> {
        let v = self.int()?;
        u64::try_from(v).with_context(|| format!("negative amount {v} in the database"))
    }
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(Some(v))
    }
}
impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Int(Some(v as i64))
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(Some(v.to_string()))
    }
}
impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(Some(v))
    }
}
impl From<Option<String>> for Value {
    fn from(v: Option<String>) -> Self {
        Value::Text(v)
    }
}
impl From<Option<i64>> for Value {
    fn from(v: Option<i64>) -> Self {
        Value::Int(v)
    }
}

/// A `u64` amount as a column value: amounts above `i64::MAX` are refused
/// (they would not fit `BIGINT`), never wrapped.
pub fn amount(v: u64) -> anyhow::Result<Value> {
    Ok(Value::Int(Some(i64::try_from(v).with_context(|| format!("amount {v} exceeds the BIGINT range"))?)))
}

pub type Row = Vec<Value>;

/// Which database a URL names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Sqlite(std::path::PathBuf),
    Postgres(String),
}

impl Target {
    /// `postgres://…` / `postgresql://…` → PostgreSQL; `sqlite://PATH`,
    /// `sqlite:PATH` or a plain path → an SQLite file.
    pub fn parse(url: &str) -> anyhow::Result<Self> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Target::Postgres(url.to_string()));
        }
        let path = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).unwrap_or(url);
        if path.is_empty() {
            bail!("empty database path (give a file path, sqlite://PATH or postgres://…)");
        }
        if path.contains("://") {
            bail!("unsupported database URL {url:?}: use a file path, sqlite://PATH or postgres://…");
        }
        Ok(Target::Sqlite(path.into()))
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, Target::Postgres(_))
    }

    /// Opens one connection.
    pub fn connect(&self) -> anyhow::Result<Conn> {
        match self {
            Target::Sqlite(path) => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir)
                        .with_context(|| format!("cannot create the directory of {}", path.display()))?;
                }
                let c = rusqlite::Connection::open(path)
                    .with_context(|| format!("cannot open SQLite database {}", path.display()))?;
                let wait = std::time::Duration::from_secs(30);
                c.busy_timeout(wait)?;
                // Switching a new database to WAL takes a lock SQLite's busy
                // handler does not wait for: several processes opening the
                // same new file at once (concurrent first migrations) get
                // SQLITE_BUSY at once. Retry within the same busy timeout.
                let deadline = std::time::Instant::now() + wait;
                loop {
                    match c.pragma_update(None, "journal_mode", "WAL") {
                        Err(rusqlite::Error::SqliteFailure(e, _))
                            if e.code == rusqlite::ErrorCode::DatabaseBusy
                                && std::time::Instant::now() < deadline =>
                        {
                            std::thread::sleep(std::time::Duration::from_millis(5))
                        }
                        r => break r?,
                    }
                }
                c.pragma_update(None, "synchronous", "NORMAL")?;
                Ok(Conn::Sqlite(c))
            }
            Target::Postgres(url) => {
                let c = postgres::Client::connect(url, postgres::NoTls)
                    .with_context(|| format!("cannot connect to PostgreSQL at {}", redact(url)))?;
                Ok(Conn::Postgres(PgClient::new(c)))
            }
        }
    }
}

/// The URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.find(':') {
                Some(c) => format!("{}{}:***{}", &url[..s + 3], &creds[..c], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// A connection to either database.
pub enum Conn {
    Sqlite(rusqlite::Connection),
    Postgres(PgClient),
}

/// A `postgres::Client` that is closed on a thread of its own: the client
/// blocks on its own runtime when dropped, which must not happen on an
/// async worker thread (where the API or a test may drop it).
pub struct PgClient(Option<Box<postgres::Client>>, std::collections::HashMap<String, postgres::Statement>);

impl PgClient {
    fn new(c: postgres::Client) -> Self {
        Self(Some(Box::new(c)), std::collections::HashMap::new())
    }

    /// The prepared statement for `sql`, prepared once per connection (one
    /// round trip saved per execution).
    fn prepared(&mut self, sql: &str) -> Result<postgres::Statement, postgres::Error> {
        if let Some(st) = self.1.get(sql) {
            return Ok(st.clone());
        }
        let st = self.prepare(sql)?;
        if self.1.len() >= 256 {
            self.1.clear();
        }
        self.1.insert(sql.to_string(), st.clone());
        Ok(st)
    }
}

impl std::ops::Deref for PgClient {
    type Target = postgres::Client;
    fn deref(&self) -> &postgres::Client {
        self.0.as_ref().expect("client present until drop")
    }
}

impl std::ops::DerefMut for PgClient {
    fn deref_mut(&mut self) -> &mut postgres::Client {
        self.0.as_mut().expect("client present until drop")
    }
}

impl Drop for PgClient {
    fn drop(&mut self) {
        if let Some(c) = self.0.take() {
            if tokio::runtime::Handle::try_current().is_ok() {
                let _ = std::thread::Builder::new().name("pg-close".into()).spawn(move || drop(c));
            } else {
                drop(c);
            }
        }
    }
}

/// `?` placeholders → `$1, $2, …` (no statement here has a `?` in a literal).
fn numbered(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut n = 0;
    for ch in sql.chars() {
        if ch == '?' {
            n += 1;
            out.push('$');
            out.push_str(&n.to_string());
        } else {
            out.push(ch);
        }
    }
    out
}

fn pg_params(params: &[Value]) -> Vec<Box<dyn postgres::types::ToSql + Sync>> {
    params
        .iter()
        .map(|p| -> Box<dyn postgres::types::ToSql + Sync> {
            match p {
                Value::Int(v) => Box::new(*v),
                Value::Text(v) => Box::new(v.clone()),
            }
        })
        .collect()
}

fn sqlite_value(v: &Value) -> rusqlite::types::Value {
    match v {
        Value::Int(Some(i)) => rusqlite::types::Value::Integer(*i),
        Value::Text(Some(s)) => rusqlite::types::Value::Text(s.clone()),
        Value::Int(None) | Value::Text(None) => rusqlite::types::Value::Null,
    }
}

impl Conn {
    pub fn is_postgres(&self) -> bool {
        matches!(self, Conn::Postgres(_))
    }

    /// Runs statements without parameters (DDL; `;`-separated).
    pub fn batch(&mut self, sql: &str) -> anyhow::Result<()> {
        match self {
            Conn::Sqlite(c) => c.execute_batch(sql).with_context(|| format!("SQLite: {sql}")),
            Conn::Postgres(c) => c.batch_execute(sql).with_context(|| format!("PostgreSQL: {sql}")),
        }
    }

    /// Executes one statement; returns the number of rows changed.
    pub fn execute(&mut self, sql: &str, params: &[Value]) -> anyhow::Result<u64> {
        match self {
            Conn::Sqlite(c) => {
                let mut st = c.prepare_cached(sql).with_context(|| format!("SQLite: {sql}"))?;
                let n = st
                    .execute(rusqlite::params_from_iter(params.iter().map(sqlite_value)))
                    .with_context(|| format!("SQLite: {sql}"))?;
                Ok(n as u64)
            }
            Conn::Postgres(c) => {
                let sql = numbered(sql);
                let boxed = pg_params(params);
                let refs: Vec<&(dyn postgres::types::ToSql + Sync)> =
                    boxed.iter().map(|b| b.as_ref()).collect();
                let st = c.prepared(&sql).with_context(|| format!("PostgreSQL: {sql}"))?;
                c.execute(&st, &refs).with_context(|| format!("PostgreSQL: {sql}"))
            }
        }
    }

    /// Runs a query; every column must be an integer or text (or NULL).
    pub fn query(&mut self, sql: &str, params: &[Value]) -> anyhow::Result<Vec<Row>> {
        match self {
            Conn::Sqlite(c) => {
                let mut st = c.prepare_cached(sql).with_context(|| format!("SQLite: {sql}"))?;
                let n = st.column_count();
                let mut rows = st
                    .query(rusqlite::params_from_iter(params.iter().map(sqlite_value)))
                    .with_context(|| format!("SQLite: {sql}"))?;
                let mut out = Vec::new();
                while let Some(r) = rows.next()? {
                    let mut row = Vec::with_capacity(n);
                    for i in 0..n {
                        row.push(match r.get_ref(i)? {
                            rusqlite::types::ValueRef::Null => Value::Int(None),
                            rusqlite::types::ValueRef::Integer(v) => Value::Int(Some(v)),
                            rusqlite::types::ValueRef::Text(t) => {
                                Value::Text(Some(String::from_utf8_lossy(t).into_owned()))
                            }
                            other => bail!("unexpected SQLite column type {:?} in {sql}", other.data_type()),
                        });
                    }
                    out.push(row);
                }
                Ok(out)
            }
            Conn::Postgres(c) => {
                use postgres::types::Type;
                let sql = numbered(sql);
                let boxed = pg_params(params);
                let refs: Vec<&(dyn postgres::types::ToSql + Sync)> =
                    boxed.iter().map(|b| b.as_ref()).collect();
                let st = c.prepared(&sql).with_context(|| format!("PostgreSQL: {sql}"))?;
                let rows = c.query(&st, &refs).with_context(|| format!("PostgreSQL: {sql}"))?;
                let mut out = Vec::with_capacity(rows.len());
                for r in rows {
                    let mut row = Vec::with_capacity(r.len());
                    for (i, col) in r.columns().iter().enumerate() {
                        let t = col.type_();
                        row.push(if *t == Type::INT8 {
                            Value::Int(r.try_get::<_, Option<i64>>(i)?)
                        } else if *t == Type::INT4 {
                            Value::Int(r.try_get::<_, Option<i32>>(i)?.map(i64::from))
                        } else if *t == Type::INT2 {
                            Value::Int(r.try_get::<_, Option<i16>>(i)?.map(i64::from))
                        } else if *t == Type::TEXT || *t == Type::VARCHAR {
                            Value::Text(r.try_get::<_, Option<String>>(i)?)
                        } else {
                            bail!("unexpected PostgreSQL column type {t} in {sql}");
                        });
                    }
                    out.push(row);
                }
                Ok(out)
            }
        }
    }

    pub fn begin(&mut self) -> anyhow::Result<()> {
        self.batch(if self.is_postgres() { "BEGIN" } else { "BEGIN IMMEDIATE" })
    }
    pub fn commit(&mut self) -> anyhow::Result<()> {
        self.batch("COMMIT")
    }
    pub fn rollback(&mut self) -> anyhow::Result<()> {
        self.batch("ROLLBACK")
    }

    /// Runs `f` in one transaction: committed if it returns `Ok`, rolled
    /// back otherwise.
    pub fn transaction<T>(&mut self, f: impl FnOnce(&mut Conn) -> anyhow::Result<T>) -> anyhow::Result<T> {
        self.begin()?;
        match f(self) {
            Ok(v) => {
                self.commit()?;
                Ok(v)
            }
            Err(e) => {
                let _ = self.rollback();
                Err(e)
            }
        }
    }
}

/// A few reusable connections for the API (one request at a time each).
#[derive(Clone)]
pub struct Pool {
    target: Target,
    idle: Arc<Mutex<Vec<Conn>>>,
}

impl Pool {
    pub fn new(target: Target) -> Self {
        Self { target, idle: Arc::new(Mutex::new(Vec::new())) }
    }

    pub fn target(&self) -> &Target {
        &self.target
    }

    /// Runs `f` with a connection on a blocking thread.
    pub async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Conn) -> anyhow::Result<T> + Send + 'static,
    ) -> anyhow::Result<T> {
        let this = self.clone();
        tokio::task::spawn_blocking(move || {
            let taken = this.idle.lock().map_err(|_| anyhow::anyhow!("connection pool poisoned"))?.pop();
            let mut conn = match taken {
                Some(c) => c,
                None => this.target.connect()?,
            };
            let out = f(&mut conn);
            // A connection whose statement failed may be mid-transaction or
            // broken: drop it rather than reuse it.
            if out.is_ok() {
                if let Ok(mut idle) = this.idle.lock() {
                    if idle.len() < 8 {
                        idle.push(conn);
                    }
                }
            }
            out
        })
        .await
        .context("database task panicked")?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_for_postgres() {
        assert_eq!(
            numbered("SELECT a FROM t WHERE b = ? AND c > ?"),
            "SELECT a FROM t WHERE b = $1 AND c > $2"
        );
    }

    #[test]
    fn urls_pick_the_database() {
        assert_eq!(Target::parse("x/idx.sqlite").unwrap(), Target::Sqlite("x/idx.sqlite".into()));
        assert_eq!(Target::parse("sqlite:///tmp/a.db").unwrap(), Target::Sqlite("/tmp/a.db".into()));
        assert!(Target::parse("postgres://u:p@127.0.0.1/db").unwrap().is_postgres());
        assert!(Target::parse("mysql://x").is_err());
        assert!(Target::parse("").is_err());
        assert_eq!(redact("postgres://u:secret@h:5432/db"), "postgres://u:***@h:5432/db");
    }

    #[test]
    fn amounts_beyond_bigint_are_refused() {
        assert!(amount(u64::MAX).is_err());
        assert_eq!(amount(5).unwrap(), Value::Int(Some(5)));
    }
}

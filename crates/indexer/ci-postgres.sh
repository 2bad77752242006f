#!/usr/bin/env bash
# Starts a local PostgreSQL for the indexer's PostgreSQL tests and prints
# the URL to export:
#
#   export AUTOFACTOR_TEST_POSTGRES_URL="$(bash crates/indexer/ci-postgres.sh)"
#   cargo test -p autofactor-indexer
#
# Installs the Debian package when no server is installed (needs root, as
# in CI), starts the cluster (pg_ctlcluster, without systemd), and creates
# a password role and database reachable over TCP on 127.0.0.1. Idempotent:
# running it again reuses the cluster, role and database. Everything but the
# URL goes to standard error.
#
# AF_PG_FORCE_INSTALL=1 takes the install branch even when a server is
# installed (apt-get update + install of the `postgresql` package, which
# at most upgrades it within the release; the running cluster is not
# restarted: Debian's maintainer scripts defer to policy-rc.d) — how the
# branch is exercised on a machine that already has PostgreSQL (see
# README, "Tests").
set -euo pipefail

ROLE="${AF_PG_ROLE:-autofactor}"
PASSWORD="${AF_PG_PASSWORD:-autofactor-test}"
DB="${AF_PG_DB:-autofactor_indexer_test}"

log() { echo "ci-postgres: $*" >&2; }

if [[ "${AF_PG_FORCE_INSTALL:-0}" == 1 ]] || ! command -v pg_lsclusters >/dev/null 2>&1 \
  || [[ -z "$(pg_lsclusters -h 2>/dev/null)" ]]; then
  log "installing PostgreSQL (Debian package)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  if [[ -z "$(pg_lsclusters -h 2>/dev/null)" ]]; then
    # The package creates a cluster unless configured not to; make sure.
    VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
    log "creating cluster $VERSION/main"
    pg_createcluster "$VERSION" main >&2
  fi
fi

# The newest installed cluster.
read -r VERSION CLUSTER PORT STATUS _ < <(pg_lsclusters -h | sort -V | tail -n 1)
if [[ "$STATUS" != online* ]]; then
  log "starting cluster $VERSION/$CLUSTER on port $PORT"
  pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$CLUSTER" start >&2
fi
for _ in $(seq 1 60); do
  if pg_isready -q -h 127.0.0.1 -p "$PORT"; then break; fi
  sleep 0.5
done
pg_isready -h 127.0.0.1 -p "$PORT" >&2

as_postgres() {
  if [[ "$(id -un)" == postgres ]]; then "$@"; else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; fi
}
psql_admin() { as_postgres psql -v ON_ERROR_STOP=1 -qAt -p "$PORT" "$@"; }

if [[ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != 1 ]]; then
  log "creating role $ROLE"
  psql_admin -c "CREATE ROLE \"$ROLE\" LOGIN PASSWORD '$PASSWORD'" >&2
else
  psql_admin -c "ALTER ROLE \"$ROLE\" LOGIN PASSWORD '$PASSWORD'" >&2
fi
if [[ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]]; then
  log "creating database $DB"
  psql_admin -c "CREATE DATABASE \"$DB\" OWNER \"$ROLE\"" >&2
fi

URL="postgres://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DB"
# Check the URL works over TCP with the password.
PGPASSWORD="$PASSWORD" psql -qAt -h 127.0.0.1 -p "$PORT" -U "$ROLE" -d "$DB" -c 'SELECT 1' >/dev/null
log "ready: ${URL/:$PASSWORD@/:***@}"
echo "$URL"

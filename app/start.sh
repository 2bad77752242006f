#!/usr/bin/env bash
# One command for the whole local stack: the local chain with the demo
# (`autofactor localnet --demo`: JSON-RPC, WebSocket, FX prices, indexer and
# HTTP API) and the web app, built and served by `vite preview`.
#
#   bash app/start.sh            # then open the printed "App URL"
#
# PORT (JSON-RPC, default 8899; WebSocket PORT+1, API PORT+2), APP_PORT
# (default 5173), LEDGER_DIR (default <repo>/.localnet: the chain's accounts
# and the demo's keypairs persist between runs), AUTOFACTOR_BIN (an existing
# binary; else `cargo build -p autofactor-cli` builds target/debug/autofactor).
# Needs Rust and Node 20+. Ctrl-C stops everything.
set -euo pipefail
APP="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$APP/.." && pwd)"
PORT="${PORT:-8899}"
APP_PORT="${APP_PORT:-5173}"
LEDGER_DIR="${LEDGER_DIR:-$ROOT/.localnet}"

if [[ -z "${AUTOFACTOR_BIN:-}" ]]; then
  echo "== building the autofactor binary (cargo build -p autofactor-cli; the first build takes a while)"
  (cd "$ROOT" && cargo build -q -p autofactor-cli)
  AUTOFACTOR_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/autofactor"
fi

echo "== SDK and app dependencies"
[[ -d "$ROOT/sdk/node_modules" ]] || npm --prefix "$ROOT/sdk" ci --no-audit --no-fund --loglevel=error
npm --prefix "$ROOT/sdk" run build --silent
[[ -d "$APP/node_modules" ]] || (cd "$APP" && npm ci --no-audit --no-fund --loglevel=error)

mkdir -p "$LEDGER_DIR"
LOG="$LEDGER_DIR/localnet.log"
echo "== starting autofactor localnet --demo (log: $LOG)"
"$AUTOFACTOR_BIN" localnet --demo --port "$PORT" --ledger-dir "$LEDGER_DIR" >"$LOG" 2>&1 &
CHAIN=$!
PREVIEW=""
cleanup() {
  [[ -n "$PREVIEW" ]] && kill "$PREVIEW" 2>/dev/null || true
  kill -INT "$CHAIN" 2>/dev/null || true
  wait "$CHAIN" 2>/dev/null || true
}
trap cleanup EXIT INT TERM

RPC="http://127.0.0.1:$PORT"
API=""
for _ in $(seq 1 1200); do
  if ! kill -0 "$CHAIN" 2>/dev/null; then echo "autofactor localnet exited:"; cat "$LOG"; exit 1; fi
  API="$(sed -n 's/^ *API URL *: *\(http[^ ]*\).*/\1/p' "$LOG" | head -1)"
  if [[ -n "$API" ]] && curl -sf "$API/status" >/dev/null 2>&1; then break; fi
  API=""
  sleep 0.5
done
[[ -n "$API" ]] || { echo "the chain or its API did not come up:"; tail -n 30 "$LOG"; exit 1; }
KEYS="$(sed -n 's/^ *keypairs *: *\([^ ]*\).*/\1/p' "$LOG" | head -1)"

echo "== building the app for $RPC (API $API)"
VITE="$APP/node_modules/vite/bin/vite.js"
(cd "$APP" && VITE_RPC_URL="$RPC" VITE_WS_URL="ws://127.0.0.1:$((PORT + 1))" VITE_API_URL="$API" node "$VITE" build --logLevel warn)
(cd "$APP" && exec node "$VITE" preview --host 127.0.0.1 --port "$APP_PORT" --strictPort >"$LEDGER_DIR/app.log" 2>&1) &
PREVIEW=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$APP_PORT/" >/dev/null 2>&1 && break; sleep 0.25; done

cat <<MSG

  JSON-RPC  : $RPC
  API URL   : $API
  Keypairs  : ${KEYS:-$LEDGER_DIR/keys/} (load one in the app under "Local keypair", then Select Wallet → Local keypair)
  App URL   : http://127.0.0.1:$APP_PORT/

Ctrl-C stops the chain and the app.
MSG
wait "$CHAIN"

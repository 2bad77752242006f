#!/usr/bin/env bash
# Node end-to-end check of the local chain: installs the pinned Node
# dependencies, starts `autofactor localnet --demo` on a free port with a
# throw-away ledger, waits for getHealth, runs deposit.mjs (web3.js +
# @anchor-lang/core against the demo), then stops the chain with Ctrl-C
# (SIGINT) and checks it exited cleanly.
#
#   bash tests/node/run.sh
#
# AUTOFACTOR_BIN=path/to/autofactor uses an existing binary instead of
# building target/debug/autofactor; PORT=N picks the JSON-RPC port (the
# WebSocket is N+1).
set -euo pipefail
cd "$(dirname "$0")"
ROOT="$(cd ../.. && pwd)"

if [[ -z "${AUTOFACTOR_BIN:-}" ]]; then
  (cd "$ROOT" && cargo build -q -p autofactor-cli)
  AUTOFACTOR_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/autofactor"
fi

npm ci --no-audit --no-fund --loglevel=error

# A free port whose successor is free too.
PORT="${PORT:-$(node -e '
const net = require("net");
const free = (p) => new Promise((ok) => { const s = net.createServer(); s.once("error", () => ok(false)); s.listen(p, "127.0.0.1", () => s.close(() => ok(true))); });
(async () => { for (let i = 0; i < 200; i++) { const p = 20000 + Math.floor(Math.random() * 40000); if (await free(p) && await free(p + 1)) { console.log(p); return; } } process.exit(1); })();
')}"
RPC="http://127.0.0.1:$PORT"

LEDGER="$(mktemp -d)"
"$AUTOFACTOR_BIN" localnet --demo --port "$PORT" --ledger-dir "$LEDGER" >"$LEDGER/localnet.log" 2>&1 &
PID=$!
cleanup() {
  kill -INT "$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
  rm -rf "$LEDGER"
}
trap cleanup EXIT

echo "waiting for $RPC (getHealth)…"
healthy=""
for _ in $(seq 1 600); do
  if ! kill -0 "$PID" 2>/dev/null; then
    echo "autofactor localnet exited:"; cat "$LEDGER/localnet.log"; exit 1
  fi
  if node -e '
fetch(process.argv[1], { method: "POST", headers: { "content-type": "application/json" },
  body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "getHealth" }) })
  .then((r) => r.json()).then((j) => process.exit(j.result === "ok" ? 0 : 1), () => process.exit(1));
' "$RPC"; then healthy=1; break; fi
  sleep 0.5
done
if [[ -z "$healthy" ]]; then
  echo "autofactor localnet did not become healthy:"; cat "$LEDGER/localnet.log"; exit 1
fi

node deposit.mjs --rpc "$RPC" --keys "$LEDGER/keys"

# Clean shutdown on Ctrl-C, snapshot written.
kill -INT "$PID"
status=0
wait "$PID" || status=$?
trap - EXIT
if [[ $status -ne 0 || ! -s "$LEDGER/accounts.snapshot" ]]; then
  echo "unclean shutdown (exit $status):"; cat "$LEDGER/localnet.log"; rm -rf "$LEDGER"; exit 1
fi
rm -rf "$LEDGER"
echo "node localnet test: OK"

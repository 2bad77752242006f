# Starts `autofactor localnet` for a test script and waits until it is
# healthy. Sourced, not run:
#
#   source tools/localnet-up.sh [localnet flags, e.g. --demo]
#
# Uses $AUTOFACTOR_BIN (else builds target/debug/autofactor) and $PORT
# (else a free port whose successor, the WebSocket, is free too); the
# chain gets a throw-away ledger. Sets and exports AUTOFACTOR_BIN, PORT,
# RPC (http://127.0.0.1:$PORT), LEDGER (its folder: keys/, localnet.log)
# and LOCALNET_PID, and installs an EXIT trap that stops the chain
# (Ctrl-C, as a user would) and removes the ledger. `localnet_stop` stops
# it earlier and returns the chain's exit status.

_LOCALNET_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ -z "${AUTOFACTOR_BIN:-}" ]]; then
  (cd "$_LOCALNET_ROOT" && cargo build -q -p autofactor-cli)
  AUTOFACTOR_BIN="${CARGO_TARGET_DIR:-$_LOCALNET_ROOT/target}/debug/autofactor"
fi
export AUTOFACTOR_BIN

PORT="${PORT:-$(node -e '
const net = require("net");
const free = (p) => new Promise((ok) => { const s = net.createServer(); s.once("error", () => ok(false)); s.listen(p, "127.0.0.1", () => s.close(() => ok(true))); });
(async () => { for (let i = 0; i < 200; i++) { const p = 20000 + Math.floor(Math.random() * 40000); if (await free(p) && await free(p + 1)) { console.log(p); return; } } process.exit(1); })();
')}"
RPC="http://127.0.0.1:$PORT"
LEDGER="$(mktemp -d)"
export PORT RPC LEDGER

"$AUTOFACTOR_BIN" localnet "$@" --port "$PORT" --ledger-dir "$LEDGER" >"$LEDGER/localnet.log" 2>&1 &
LOCALNET_PID=$!
export LOCALNET_PID

# Stops the chain with Ctrl-C (SIGINT); returns its exit status.
localnet_stop() {
  local status=0
  kill -INT "$LOCALNET_PID" 2>/dev/null || true
  wait "$LOCALNET_PID" 2>/dev/null || status=$?
  return "$status"
}
_localnet_cleanup() {
  localnet_stop || true
  rm -rf "$LEDGER"
}
trap _localnet_cleanup EXIT

echo "waiting for $RPC (getHealth)…"
_healthy=""
for _ in $(seq 1 600); do
  if ! kill -0 "$LOCALNET_PID" 2>/dev/null; then
    echo "autofactor localnet exited:"; cat "$LEDGER/localnet.log"; exit 1
  fi
  if node -e '
fetch(process.argv[1], { method: "POST", headers: { "content-type": "application/json" },
  body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "getHealth" }) })
  .then((r) => r.json()).then((j) => process.exit(j.result === "ok" ? 0 : 1), () => process.exit(1));
' "$RPC"; then _healthy=1; break; fi
  sleep 0.5
done
if [[ -z "$_healthy" ]]; then
  echo "autofactor localnet did not become healthy:"; cat "$LEDGER/localnet.log"; exit 1
fi

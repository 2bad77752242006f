#!/usr/bin/env bash
# Runs the TypeScript suite against `autofactor localnet` (no --demo: the
# suite sets the protocol up itself) on a free port with a throw-away
# ledger, the way `anchor test` runs it against a validator:
# ANCHOR_PROVIDER_URL is the chain, ANCHOR_WALLET a funded keypair.
#
#   bash tests/ts/run.sh
#
# AUTOFACTOR_BIN=path/to/autofactor uses an existing binary (else
# target/debug/autofactor is built); PORT=N picks the JSON-RPC port.
# The SDK must be built first (sdk/ci.sh does it; or `npm --prefix sdk run build`).
set -euo pipefail
cd "$(dirname "$0")"
ROOT="$(cd ../.. && pwd)"

if [[ -z "${AUTOFACTOR_BIN:-}" ]]; then
  (cd "$ROOT" && cargo build -q -p autofactor-cli)
  AUTOFACTOR_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/autofactor"
fi
export AUTOFACTOR_BIN

npm ci --no-audit --no-fund --loglevel=error

PORT="${PORT:-$(node -e '
const net = require("net");
const free = (p) => new Promise((ok) => { const s = net.createServer(); s.once("error", () => ok(false)); s.listen(p, "127.0.0.1", () => s.close(() => ok(true))); });
(async () => { for (let i = 0; i < 200; i++) { const p = 20000 + Math.floor(Math.random() * 40000); if (await free(p) && await free(p + 1)) { console.log(p); return; } } process.exit(1); })();
')}"
RPC="http://127.0.0.1:$PORT"

LEDGER="$(mktemp -d)"
"$AUTOFACTOR_BIN" localnet --port "$PORT" --ledger-dir "$LEDGER" >"$LEDGER/localnet.log" 2>&1 &
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

# A wallet for the provider, funded from the chain's faucet.
export ANCHOR_PROVIDER_URL="$RPC"
export ANCHOR_WALLET="$LEDGER/wallet.json"
node --input-type=module -e '
import { web3 } from "@autofactor/sdk";
import fs from "node:fs";
const kp = web3.Keypair.generate();
fs.writeFileSync(process.env.ANCHOR_WALLET, JSON.stringify(Array.from(kp.secretKey)));
const c = new web3.Connection(process.env.ANCHOR_PROVIDER_URL, "confirmed");
const sig = await c.requestAirdrop(kp.publicKey, 1000 * web3.LAMPORTS_PER_SOL);
await c.confirmTransaction(sig, "confirmed");
console.log(`wallet ${kp.publicKey.toBase58()}: ${(await c.getBalance(kp.publicKey)) / web3.LAMPORTS_PER_SOL} SOL`);
process.exit(0);
'

status=0
npm test || status=$?

kill -INT "$PID"
wait "$PID" || true
trap - EXIT
if [[ $status -ne 0 ]]; then
  echo "--- localnet log (tail) ---"; tail -n 40 "$LEDGER/localnet.log"
fi
rm -rf "$LEDGER"
exit $status

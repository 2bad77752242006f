#!/usr/bin/env bash
# Benchmark of the local chain as users get it: builds the binary the
# README's main-job command builds (`cargo run -p autofactor-cli -- localnet
# --demo`, i.e. the dev profile with optimised dependencies), starts it with
# the demo on a free port and a throw-away ledger, runs the local-chain
# benchmark (crates/dev/localnet/examples/bench.rs, same profile) against it,
# and stops the chain. Prints the benchmark's figures (docs/BENCHMARKS.md).
#
#   bash tools/bench-localnet.sh [bench args, e.g. --samples 200 --concurrency 16 --seconds 10]
#
# PROFILE=release benchmarks `cargo build --release` instead, for comparison.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
PROFILE="${PROFILE:-dev}"
if [[ "$PROFILE" == release ]]; then
  FLAG=(--release); DIR=release
else
  FLAG=(); DIR=debug
fi
cargo build -q "${FLAG[@]}" -p autofactor-cli
cargo build -q "${FLAG[@]}" -p autofactor-localnet --example bench
BIN="$ROOT/target/$DIR/autofactor"
BENCH="$ROOT/target/$DIR/examples/bench"

PORT="${PORT:-$(python3 -c '
import random, socket
for _ in range(200):
    p = random.randint(20000, 60000)
    try:
        for q in (p, p + 1):
            s = socket.socket(); s.bind(("127.0.0.1", q)); s.close()
        print(p); break
    except OSError:
        pass
')}"
LEDGER="$(mktemp -d)"
"$BIN" localnet --demo --port "$PORT" --ledger-dir "$LEDGER" >"$LEDGER/localnet.log" 2>&1 &
PID=$!
cleanup() { kill -INT "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$LEDGER"; }
trap cleanup EXIT

for _ in $(seq 1 600); do
  kill -0 "$PID" 2>/dev/null || { echo "autofactor localnet exited:"; cat "$LEDGER/localnet.log"; exit 1; }
  if curl -s -m 2 -X POST -H 'content-type: application/json' \
      -d '{"jsonrpc":"2.0","id":1,"method":"getHealth"}' "http://127.0.0.1:$PORT" | grep -q '"ok"'; then
    break
  fi
  sleep 0.5
done
echo "profile: $PROFILE ($BIN)"
head -1 "$LEDGER/localnet.log"
"$BENCH" --url "http://127.0.0.1:$PORT" --keys "$LEDGER/keys" "$@"

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

npm ci --no-audit --no-fund --loglevel=error

source "$ROOT/tools/localnet-up.sh" --demo

node deposit.mjs --rpc "$RPC" --keys "$LEDGER/keys"

# Clean shutdown on Ctrl-C, snapshot written.
status=0
localnet_stop || status=$?
if [[ $status -ne 0 || ! -s "$LEDGER/accounts.snapshot" ]]; then
  echo "unclean shutdown (exit $status):"; cat "$LEDGER/localnet.log"; exit 1
fi
echo "node localnet test: OK"

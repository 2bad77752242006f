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

npm ci --no-audit --no-fund --loglevel=error

source "$ROOT/tools/localnet-up.sh"

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

localnet_stop || true
if [[ $status -ne 0 ]]; then
  echo "--- localnet log (tail) ---"; tail -n 40 "$LEDGER/localnet.log"
fi
exit $status

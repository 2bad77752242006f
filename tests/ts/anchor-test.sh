#!/usr/bin/env bash
# `anchor test`'s script (Anchor.toml [scripts] test): Anchor has started a
# validator with the program deployed and exported ANCHOR_PROVIDER_URL and
# ANCHOR_WALLET; this builds the SDK and runs the suite against it. The
# e-invoice step reads a sample through the CLI (`autofactor einvoice
# show`), so the CLI is built unless AUTOFACTOR_BIN names one.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${ANCHOR_PROVIDER_URL:?set by anchor test}"
: "${ANCHOR_WALLET:?set by anchor test}"
if [[ -z "${AUTOFACTOR_BIN:-}" ]]; then
  cargo build -q -p autofactor-cli
  export AUTOFACTOR_BIN="${CARGO_TARGET_DIR:-$PWD/target}/debug/autofactor"
fi
(cd sdk && npm ci --no-audit --no-fund --loglevel=error && npm run build)
cd tests/ts
npm ci --no-audit --no-fund --loglevel=error
npm test

#!/usr/bin/env bash
# CI for the TypeScript SDK and suite: pinned installs (npm ci), the SDK's
# typecheck and unit tests, then the Anchor-style suite (tests/ts) against
# `autofactor localnet` on a free port. Prints the totals.
#
#   bash sdk/ci.sh
#
# AUTOFACTOR_BIN=path/to/autofactor uses an existing binary (else
# tests/ts/run.sh builds target/debug/autofactor). The binary must be built
# from the same program as idl/autofactor.json.
set -euo pipefail
cd "$(dirname "$0")"
LOG="$(mktemp -d)"
trap 'rm -rf "$LOG"' EXIT

totals() { # file → "pass P, fail F of T"
  local t p f
  t=$(grep -E '^# tests [0-9]+' "$1" | tail -1 | awk '{print $3}')
  p=$(grep -E '^# pass [0-9]+' "$1" | tail -1 | awk '{print $3}')
  f=$(grep -E '^# fail [0-9]+' "$1" | tail -1 | awk '{print $3}')
  echo "${p:-0} passed, ${f:-?} failed of ${t:-?}"
}

start=$SECONDS
npm ci --no-audit --no-fund --loglevel=error
npm run typecheck
echo "== SDK typecheck: OK"

unit=0
npm test 2>&1 | tee "$LOG/unit.tap" || unit=$?

suite=0
bash ../tests/ts/run.sh 2>&1 | tee "$LOG/suite.tap" || suite=$?

echo "== SDK unit tests: $(totals "$LOG/unit.tap")"
echo "== TypeScript suite against autofactor localnet: $(totals "$LOG/suite.tap")"
echo "== sdk/ci.sh: $((SECONDS - start)) s"
if [[ $unit -ne 0 || $suite -ne 0 ]]; then
  echo "sdk/ci.sh: FAILED (unit exit $unit, suite exit $suite)"
  exit 1
fi
echo "sdk/ci.sh: OK"

#!/usr/bin/env bash
# CI for the web app: pinned install (npm ci), typecheck, unit tests
# (node:test, test/*.test.ts), production build, then the Playwright
# end-to-end specs (e2e/*.spec.ts) against
# `autofactor localnet --demo` with the system Chromium. Prints the totals.
#
#   bash app/ci.sh
#
# AUTOFACTOR_BIN=path/to/autofactor (default target/debug/autofactor, built
# if missing); CHROMIUM=path (default /usr/bin/chromium; on Debian/Ubuntu
# `apt-get install -y chromium`). Screenshots: app/test-results/screenshots/.
set -euo pipefail
cd "$(dirname "$0")"
ROOT="$(cd .. && pwd)"
start=$SECONDS

if [[ -z "${AUTOFACTOR_BIN:-}" ]]; then
  AUTOFACTOR_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/autofactor"
  [[ -x "$AUTOFACTOR_BIN" ]] || (cd "$ROOT" && cargo build -q -p autofactor-cli)
fi
export AUTOFACTOR_BIN
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [[ ! -x "$CHROMIUM" ]]; then
  echo "app/ci.sh: no Chromium at $CHROMIUM (apt-get install -y chromium, or set CHROMIUM)"; exit 1
fi
export CHROMIUM

[[ -d ../sdk/node_modules ]] || npm --prefix ../sdk ci --no-audit --no-fund --loglevel=error
npm --prefix ../sdk run build --silent
npm ci --no-audit --no-fund --loglevel=error
npm run typecheck
echo "== app typecheck: OK"
ULOG="$(mktemp)"
ustatus=0
npm test --silent > "$ULOG" 2>&1 || ustatus=$?
ut=$(grep -E '^# tests [0-9]+' "$ULOG" | tail -1 | awk '{print $3}')
up=$(grep -E '^# pass [0-9]+' "$ULOG" | tail -1 | awk '{print $3}')
uf=$(grep -E '^# fail [0-9]+' "$ULOG" | tail -1 | awk '{print $3}')
if [[ $ustatus -ne 0 ]]; then cat "$ULOG"; rm -f "$ULOG"; echo "== app unit tests: FAILED (${uf:-?} failed of ${ut:-?})"; exit 1; fi
rm -f "$ULOG"
echo "== app unit tests (node:test, test/*.test.ts): ${up:-0} passed, ${uf:-?} failed of ${ut:-?}"
npm run build --silent
echo "== app build: OK ($(du -sh dist | cut -f1) in dist/)"

rm -rf test-results/screenshots
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT
status=0
E2E_SKIP_BUILD=1 npm run e2e 2>&1 | tee "$LOG" || status=$?
t=$(grep -E '^# tests [0-9]+' "$LOG" | tail -1 | awk '{print $3}')
p=$(grep -E '^# pass [0-9]+' "$LOG" | tail -1 | awk '{print $3}')
f=$(grep -E '^# fail [0-9]+' "$LOG" | tail -1 | awk '{print $3}')
echo "== app e2e (Playwright, Chromium) against autofactor localnet --demo: ${p:-0} passed, ${f:-?} failed of ${t:-?}"
echo "== screenshots: $(ls test-results/screenshots 2>/dev/null | wc -l) in app/test-results/screenshots/"
echo "== app/ci.sh: $((SECONDS - start)) s"
if [[ $status -ne 0 ]]; then echo "app/ci.sh: FAILED"; exit 1; fi
echo "app/ci.sh: OK"

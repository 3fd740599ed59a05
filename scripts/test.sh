#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: restores tools and packages, builds, runs every test project,
# and ends with one line: "tests: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"
# Browser tests save their screenshots here, outside the sources.
export SCREENSHOTS_DIR="$PWD/artifacts/screenshots"
mkdir -p "$SCREENSHOTS_DIR"

# The browser tests drive Debian's Chromium (no browser download). Install it when missing; without it they fail.
if [ ! -x /usr/bin/chromium ]; then
    echo "Installing Chromium for the browser tests..."
    as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >/dev/null 2>&1 \
        || { as_root apt-get update >/dev/null 2>&1 && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >/dev/null 2>&1; } \
        || echo "Could not install Chromium; the browser tests will fail."
fi

summary() {
    local passed=0 failed=0 file p f
    for file in "$results"/*.trx; do
        [ -e "$file" ] || continue
        p=$(grep -o '<Counters [^>]*' "$file" | grep -o ' passed="[0-9]*"' | grep -o '[0-9]*')
        f=$(grep -o '<Counters [^>]*' "$file" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*')
        passed=$((passed + ${p:-0}))
        failed=$((failed + ${f:-0}))
    done
    echo "tests: $passed passed, $failed failed"
}

if ! dotnet tool restore || ! dotnet build BlazorLedger.sln -c Release; then
    echo "The build failed; no tests ran."
    echo "tests: 0 passed, 1 failed"
    exit 1
fi

dotnet test BlazorLedger.sln -c Release --no-build \
    --logger "trx" --logger "console;verbosity=normal" --results-directory "$results"
status=$?

summary
exit $status

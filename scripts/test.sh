#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: restores tools and packages, builds, runs every test project,
# and ends with one line: "tests: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"

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

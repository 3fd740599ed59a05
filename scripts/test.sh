#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: restores tools and packages, starts a throwaway PostgreSQL (see
# LEDGER_TESTS_POSTGRES below), builds, runs every test project, and ends with one line: "tests: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"
# Browser tests save their screenshots here, outside the sources.
export SCREENSHOTS_DIR="$PWD/artifacts/screenshots"
mkdir -p "$SCREENSHOTS_DIR"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@" >/dev/null 2>&1 \
        || { as_root apt-get update >/dev/null 2>&1 && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@" >/dev/null 2>&1; }
}

# The browser tests drive Debian's Chromium (no browser download). Install it when missing; without it they fail.
if [ ! -x /usr/bin/chromium ]; then
    echo "Installing Chromium for the browser tests..."
    apt_install chromium || echo "Could not install Chromium; the browser tests will fail."
fi

# The export tests check the journals with Debian's hledger, Ledger and Beancount. They install them themselves when
# missing; doing it here keeps that time out of the test run.
if ! command -v hledger >/dev/null || ! command -v ledger >/dev/null || ! command -v bean-check >/dev/null; then
    echo "Installing hledger, Ledger and Beancount for the export tests..."
    apt_install hledger ledger beancount || echo "Could not install hledger, Ledger and Beancount; the export tests will fail."
fi

# Failures outside the test runs (a server that would not start) count in the summary too.
extra_failures=0

summary() {
    local passed=0 failed=$extra_failures file p f
    for file in "$results"/*.trx; do
        [ -e "$file" ] || continue
        p=$(grep -o '<Counters [^>]*' "$file" | grep -o ' passed="[0-9]*"' | grep -o '[0-9]*')
        f=$(grep -o '<Counters [^>]*' "$file" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*')
        passed=$((passed + ${p:-0}))
        failed=$((failed + ${f:-0}))
    done
    echo "tests: $passed passed, $failed failed"
}

# Names the failed tests with the first lines of their messages, so the end of a long log says what broke.
list_failures() {
    local file
    for file in "$results"/*.trx; do
        [ -e "$file" ] || continue
        perl -0777 -ne '
            while (/<UnitTestResult\b[^>]*?testName="([^"]*)"[^>]*?outcome="Failed"((?:(?!<\/UnitTestResult>).)*)/gs) {
                my ($name, $body) = ($1, $2);
                my ($message) = $body =~ /<Message>(.*?)<\/Message>/s;
                $message //= "";
                $message = join("\n      ", grep { length } (split /\n/, $message)[0 .. 5]);
                for ($name, $message) { s/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&apos;/\x27/g; s/&amp;/&/g; }
                print "FAILED $name\n      $message\n";
            }' "$file"
    done
}

# The PostgreSQL half of the tests runs against LEDGER_TESTS_POSTGRES. Unless it is given (a connection string) or
# turned off (0), a throwaway server is started for this run and stopped when the script ends. Its directory is under
# /tmp, not artifacts/: run by root, the server runs as the postgres user, which must reach the directory.
postgres_dir=""
stop_postgres() {
    if [ -n "$postgres_dir" ]; then
        ./scripts/postgres.sh stop "$postgres_dir" >/dev/null 2>&1 || true
        rm -rf "$postgres_dir"
        postgres_dir=""
    fi
}
trap stop_postgres EXIT
if [ "${LEDGER_TESTS_POSTGRES:-}" = 0 ]; then
    echo "LEDGER_TESTS_POSTGRES=0: the PostgreSQL tests are skipped."
elif [ -n "${LEDGER_TESTS_POSTGRES:-}" ]; then
    echo "The PostgreSQL tests use the server given in LEDGER_TESTS_POSTGRES."
else
    postgres_dir=$(mktemp -d /tmp/blazorledger-tests-postgres.XXXXXX)
    # Nobody keeps this data: durability off makes the tests faster.
    if connection=$(LEDGER_POSTGRES_OPTIONS="-c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        ./scripts/postgres.sh start "$postgres_dir"); then
        export LEDGER_TESTS_POSTGRES="$connection"
        echo "The PostgreSQL tests use a throwaway server: $connection"
    else
        echo "FAILED: could not start PostgreSQL for the tests (see above). The PostgreSQL tests are skipped and the run"
        echo "counts as failed. Set LEDGER_TESTS_POSTGRES to a connection string to use another server."
        export LEDGER_TESTS_POSTGRES=0
        extra_failures=1
    fi
fi

if ! dotnet tool restore || ! dotnet build BlazorLedger.sln -c Release; then
    echo "The build failed; no tests ran."
    stop_postgres
    echo "tests: 0 passed, $((extra_failures + 1)) failed"
    exit 1
fi

dotnet test BlazorLedger.sln -c Release --no-build \
    --logger "trx" --logger "console;verbosity=normal" --results-directory "$results"
status=$?
stop_postgres

list_failures
summary
if [ "$extra_failures" -gt 0 ]; then
    status=1
fi
exit $status

#!/usr/bin/env bash
# Starts PostgreSQL and two BlazorLedger instances sharing one database, for trying the app with several instances on
# one machine; "stop" stops them and deletes what they left.
#
#   scripts/cluster.sh start [DIR]   publishes the app, starts PostgreSQL (scripts/postgres.sh) and the instances on
#                                    http://127.0.0.1:5081 and http://127.0.0.1:5082, and waits until both answer
#   scripts/cluster.sh stop [DIR]    stops both instances and PostgreSQL, then deletes DIR
#
# DIR (default $LEDGER_CLUSTER_DIR, else $TMPDIR/blazorledger-cluster) holds the published app, the logs, the process
# ids and the PostgreSQL data. Other settings pass through the environment (e.g. Seed__AdminPassword, Seed__DemoData).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

usage() {
    echo "usage: $0 start|stop [DIR]" >&2
    exit 2
}

if [ $# -lt 1 ] || [ $# -gt 2 ]; then usage; fi
command=$1
dir=${2:-${LEDGER_CLUSTER_DIR:-${TMPDIR:-/tmp}/blazorledger-cluster}}
case $dir in /*) ;; *) dir=$repo/$dir ;; esac
dir=${dir%/}
ports=(5081 5082)
# The marker says the directory is ours, so stop never deletes a directory it did not create.
marker=.blazorledger-cluster

say() { echo "cluster.sh: $*" >&2; }
fail() { say "$*"; exit 1; }

url() { echo "http://127.0.0.1:$1"; }

# The process id of the instance on a port, when that process is still our app.
instance_pid() {
    local file=$dir/app-$1.pid pid
    [ -f "$file" ] || return 1
    pid=$(cat "$file")
    if [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'BlazorLedger.dll'; then
        echo "$pid"
    else
        return 1
    fi
}

# The HTTP status the instance answers with, or 000 when it does not answer.
http_status() {
    curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$(url "$1")/" || true
}

find_psql() {
    local candidate
    if command -v pg_config >/dev/null 2>&1; then
        candidate=$(pg_config --bindir 2>/dev/null || true)/psql
        if [ -x "$candidate" ]; then echo "$candidate"; return; fi
    fi
    candidate=$(printf '%s\n' /usr/lib/postgresql/*/bin/psql | sort -V | tail -n 1)
    if [ -x "$candidate" ]; then echo "$candidate"; return; fi
    command -v psql || fail "psql not found."
}

print_summary() {
    local port password
    echo "BlazorLedger runs as two instances on one PostgreSQL database:"
    for port in "${ports[@]}"; do
        echo "  $(url "$port")    (log: $dir/app-$port.log)"
    done
    # Whichever instance created the admin printed its password.
    password=$(cat "$dir"/app-*.log 2>/dev/null | sed -n 's/^ *Generated password: //p' | head -n 1)
    if [ -n "$password" ]; then
        echo "Sign in as ${Seed__AdminEmail:-admin@example.com} with the password $password (generated on first start)."
    fi
    echo "Both are on 127.0.0.1, so a browser sends one sign-in cookie to both; each tab stays with its instance."
    echo "Database: $(cat "$dir/connection")"
    if [ "$dir" = "${LEDGER_CLUSTER_DIR:-${TMPDIR:-/tmp}/blazorledger-cluster}" ]; then
        echo "Stop everything with: scripts/cluster.sh stop"
    else
        echo "Stop everything with: scripts/cluster.sh stop $dir"
    fi
}

# Starts the instance on a port in the background; wait_for_instance then waits until it answers.
start_instance() {
    local port=$1 connection=$2
    say "starting the instance on $(url "$port")..."
    # nohup: the instance outlives the terminal that started it; stop ends it.
    (
        cd "$dir/app"
        exec env Database__Provider=Postgres ConnectionStrings__Ledger="$connection" \
            ASPNETCORE_URLS="$(url "$port")" App__PublicUrl="$(url "$port")" nohup dotnet BlazorLedger.dll
    ) </dev/null >"$dir/app-$port.log" 2>&1 &
    echo "$!" >"$dir/app-$port.pid"
}

wait_for_instance() {
    local port=$1 waited status pid
    pid=$(cat "$dir/app-$port.pid")
    for waited in $(seq 1 120); do
        if ! kill -0 "$pid" 2>/dev/null; then
            tail -n 30 "$dir/app-$port.log" >&2 || true
            fail "the instance on port $port stopped while starting; the end of its log is above."
        fi
        status=$(http_status "$port")
        case $status in
            [234]??) say "the instance on port $port answers (HTTP $status on /) after ${waited}s."; return ;;
        esac
        sleep 1
    done
    tail -n 30 "$dir/app-$port.log" >&2 || true
    fail "the instance on port $port did not answer within 120 s; the end of its log is above."
}

start() {
    local port running=0 connection app_connection psql pg_port
    command -v curl >/dev/null 2>&1 || fail "curl is needed to check that the instances answer."
    if [ -d "$dir" ] && [ ! -e "$dir/$marker" ]; then
        fail "$dir was not made by this script; choose another DIR."
    fi
    for port in "${ports[@]}"; do
        if instance_pid "$port" >/dev/null; then running=$((running + 1)); fi
    done
    if [ "$running" -eq "${#ports[@]}" ]; then
        print_summary
        return
    fi
    if [ -d "$dir" ]; then
        say "a previous cluster in $dir is only partly running; stopping it first."
        stop
    fi
    for port in "${ports[@]}"; do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            fail "port $port is already in use; stop what listens there first."
        fi
    done

    mkdir -p "$dir"
    touch "$dir/$marker"
    # Run by root, PostgreSQL runs as the postgres user, which must be able to enter DIR.
    chmod 755 "$dir"
    # If anything below fails, stop what was started rather than leave half a cluster running.
    trap 'say "start failed; stopping what was started."; stop' EXIT

    say "publishing the app (Release) to $dir/app..."
    dotnet publish "$repo/BlazorLedger/BlazorLedger.csproj" -c Release -o "$dir/app" --nologo >"$dir/publish.log" 2>&1 \
        || { tail -n 30 "$dir/publish.log" >&2; fail "publishing the app failed; the end of its log is above."; }

    connection=$("$repo/scripts/postgres.sh" start "$dir/postgres")
    psql=$(find_psql)
    pg_port=${connection#*Port=}
    pg_port=${pg_port%%;*}
    # The app applies its migrations at start; the database itself must exist.
    if [ -z "$("$psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -Atq \
        -c "SELECT 1 FROM pg_database WHERE datname = 'blazorledger'")" ]; then
        say "creating the database blazorledger..."
        "$psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -q -c 'CREATE DATABASE blazorledger' >&2
    fi
    app_connection=${connection/Database=postgres/Database=blazorledger}
    echo "$app_connection" >"$dir/connection"

    # All at once, as a deployment starts them: they take turns at migrating and seeding (the first applies the
    # migrations and creates the admin, the others find them done).
    for port in "${ports[@]}"; do
        start_instance "$port" "$app_connection"
    done
    for port in "${ports[@]}"; do
        wait_for_instance "$port"
    done
    trap - EXIT
    print_summary
}

stop() {
    local port pid _
    [ -d "$dir" ] || return 0
    [ -e "$dir/$marker" ] || fail "$dir was not made by this script; leaving it alone."
    for port in "${ports[@]}"; do
        if pid=$(instance_pid "$port"); then
            say "stopping the instance on port $port (process $pid)..."
            kill -TERM "$pid" 2>/dev/null || true
            for _ in $(seq 1 30); do
                instance_pid "$port" >/dev/null || break
                sleep 0.5
            done
            if instance_pid "$port" >/dev/null; then
                say "the instance on port $port did not stop within 15 s; killing it."
                kill -KILL "$pid" 2>/dev/null || true
            fi
        fi
    done
    "$repo/scripts/postgres.sh" stop "$dir/postgres"
    rm -rf "$dir"
    say "stopped."
}

case $command in
    start) start ;;
    stop) stop ;;
    *) usage ;;
esac

#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL for tests and trials, from the distribution's packages (installed when
# missing), listening on a free port on 127.0.0.1 with trust authentication and UTF8.
#
#   scripts/postgres.sh start [DIR]   prints one line on stdout, an Npgsql connection string:
#                                     Host=127.0.0.1;Port=PORT;Username=postgres;Database=postgres
#   scripts/postgres.sh stop [DIR]    stops the server (fast mode) and deletes DIR
#
# DIR (default $LEDGER_POSTGRES_DIR, else $TMPDIR/blazorledger-postgres) holds the data, the socket, the log and the
# port. Starting an already running DIR prints its connection string again; stopping a stopped one does nothing.
# LEDGER_POSTGRES_OPTIONS adds server options, e.g. "-c fsync=off" for a test server whose data nobody keeps.
# PostgreSQL refuses to run as root: run by root, the script runs the server as the "postgres" user.
set -euo pipefail

usage() {
    echo "usage: $0 start|stop [DIR]" >&2
    exit 2
}

if [ $# -lt 1 ] || [ $# -gt 2 ]; then usage; fi
command=$1
dir=${2:-${LEDGER_POSTGRES_DIR:-${TMPDIR:-/tmp}/blazorledger-postgres}}
# The server and its tools run from "/", so every path they get is absolute.
case $dir in /*) ;; *) dir=$PWD/$dir ;; esac
dir=${dir%/}
# The marker says the directory is ours, so stop never deletes a directory it did not create.
marker=.blazorledger-postgres

say() { echo "postgres.sh: $*" >&2; }
fail() { say "$*"; exit 1; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Runs a PostgreSQL program as the user that owns the cluster: ourselves, or "postgres" when we are root.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        (cd / && runuser -u postgres -- "$@")
    else
        (cd / && "$@")
    fi
}

find_bindir() {
    local candidate
    if command -v pg_config >/dev/null 2>&1; then
        candidate=$(pg_config --bindir 2>/dev/null || true)
        if [ -n "$candidate" ] && [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then
            echo "$candidate"
            return
        fi
    fi
    candidate=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    if [ -n "$candidate" ] && [ -x "$candidate/initdb" ]; then
        echo "$candidate"
        return
    fi
    if command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
    fi
}

install_postgres() {
    say "PostgreSQL is not installed; installing the distribution's package (postgresql)..."
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2 \
        || { as_root apt-get update >&2 && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2; } \
        || fail "could not install PostgreSQL with apt-get."
}

free_port() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
        return
    fi
    local port=$((20000 + RANDOM % 30000)) _
    for _ in $(seq 1 200); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
        port=$((port + 1))
    done
    fail "found no free port."
}

connection_string() {
    echo "Host=127.0.0.1;Port=$(cat "$dir/port");Username=postgres;Database=postgres"
}

is_running() {
    [ -f "$dir/data/PG_VERSION" ] && [ -f "$dir/port" ] && as_owner "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1
}

start() {
    case $dir in
        *"'"* | *[[:space:]]*) fail "DIR must not contain quotes or spaces: $dir" ;;
    esac
    if [ -d "$dir" ] && [ ! -e "$dir/$marker" ] && [ -n "$(ls -A "$dir")" ]; then
        fail "$dir is not empty and was not made by this script; choose another DIR."
    fi
    # The socket's path (DIR/.s.PGSQL.PORT) must fit in a Unix socket address.
    [ ${#dir} -le 90 ] || fail "DIR is too long for PostgreSQL's socket: $dir"

    if [ -z "$bindir" ]; then
        install_postgres
        bindir=$(find_bindir)
        [ -n "$bindir" ] || fail "PostgreSQL was installed but initdb cannot be found."
    fi
    if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
        fail "running as root, but there is no postgres user to run the server as."
    fi

    if is_running; then
        connection_string
        return
    fi

    mkdir -p "$dir"
    touch "$dir/$marker"
    chmod 700 "$dir"
    if [ "$(id -u)" -eq 0 ]; then
        chown -R postgres: "$dir"
        as_owner test -w "$dir" || fail "the postgres user cannot reach $dir (a parent directory is closed to it); choose a DIR under /tmp."
    fi

    if [ ! -f "$dir/data/PG_VERSION" ]; then
        say "creating a cluster in $dir/data..."
        local locale=C
        if locale -a 2>/dev/null | grep -qix 'c.utf-\?8'; then
            locale=C.UTF-8
        fi
        as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale="$locale" >"$dir/initdb.log" 2>&1 \
            || { cat "$dir/initdb.log" >&2; fail "initdb failed."; }
        # Trust on 127.0.0.1 only: no other address, and no connections over the socket.
        printf '%s\n' '# Throwaway server: anyone on this machine may connect over 127.0.0.1 without a password.' \
            'host all all 127.0.0.1/32 trust' >"$dir/data/pg_hba.conf"
        if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir/data/pg_hba.conf"; fi
    fi

    local port _
    for _ in 1 2 3 4 5; do
        port=$(free_port)
        say "starting PostgreSQL ($("$bindir/postgres" --version)) on 127.0.0.1:$port..."
        # Another process may take the port between the check and the bind; then the server exits and we try another.
        if as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k '$dir' -c max_connections=300 ${LEDGER_POSTGRES_OPTIONS:-}" \
            start >&2; then
            echo "$port" >"$dir/port"
            if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir/port"; fi
            "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -t 30 \
                || { tail -n 20 "$dir/server.log" >&2; fail "the server started but does not accept connections."; }
            say "ready; stop it with: $0 stop $dir"
            connection_string
            return
        fi
        if ! tail -n 5 "$dir/server.log" 2>/dev/null | grep -q 'could not bind\|Address already in use'; then
            break
        fi
        say "port $port was taken meanwhile; trying another."
    done
    tail -n 20 "$dir/server.log" >&2 2>/dev/null || true
    fail "PostgreSQL did not start; the log above is from $dir/server.log."
}

stop() {
    [ -d "$dir" ] || return 0
    [ -e "$dir/$marker" ] || fail "$dir was not made by this script; leaving it alone."
    if [ -f "$dir/data/PG_VERSION" ] && [ -n "$bindir" ] && as_owner "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        say "stopping the PostgreSQL in $dir..."
        as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >&2
    fi
    rm -rf "$dir"
}

bindir=$(find_bindir)
case $command in
    start) start ;;
    stop) stop ;;
    *) usage ;;
esac

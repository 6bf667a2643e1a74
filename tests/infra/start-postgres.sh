#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster in a folder, listening only on a unix socket in that folder.
# Usage: start-postgres.sh DIR    (prints the socket folder on success; reuses a cluster already running there)
set -euo pipefail

dir=${1:?usage: start-postgres.sh DIR}
bindir=$(pg_config --bindir 2>/dev/null || true)
if [[ -z "$bindir" || ! -x "$bindir/initdb" ]]; then
    bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
fi
if [[ -z "$bindir" || ! -x "$bindir/initdb" ]]; then
    echo "start-postgres: initdb not found; install the 'postgresql' package" >&2
    exit 1
fi

mkdir -p "$dir"
chown postgres "$dir"
as_postgres() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [[ ! -f "$dir/data/PG_VERSION" ]]; then
    as_postgres "$bindir/initdb" -D "$dir/data" -A trust -U postgres >"$dir/initdb.log" 2>&1
fi

if ! as_postgres "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    as_postgres "$bindir/pg_ctl" -D "$dir/data" -w -t 60 \
        -o "-k $dir -c listen_addresses='' -c fsync=off -c max_connections=200" -l "$dir/postgres.log" start >/dev/null
fi

echo "$dir"

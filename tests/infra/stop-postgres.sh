#!/usr/bin/env bash
# Stop the cluster started by start-postgres.sh in DIR.
set -euo pipefail
dir=${1:?usage: stop-postgres.sh DIR}
bindir=$(pg_config --bindir 2>/dev/null || ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
if [[ -f "$dir/data/postmaster.pid" ]]; then
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$bindir/pg_ctl" -D "$dir/data" -m fast stop >/dev/null || true
    else
        "$bindir/pg_ctl" -D "$dir/data" -m fast stop >/dev/null || true
    fi
fi

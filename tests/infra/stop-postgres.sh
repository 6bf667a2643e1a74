#!/usr/bin/env bash
# Stop the cluster started by start-postgres.sh in DIR. MODE is pg_ctl's shutdown mode: fast (the default) ends every
# session cleanly, immediate kills the server as a crash would, so the next start runs crash recovery.
set -euo pipefail
dir=${1:?usage: stop-postgres.sh DIR [fast|immediate]}
mode=${2:-fast}
[[ $mode == fast || $mode == immediate ]] || { echo "stop-postgres: mode must be fast or immediate, not '$mode'" >&2; exit 2; }
bindir=$(pg_config --bindir 2>/dev/null || ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
if [[ -f "$dir/data/postmaster.pid" ]]; then
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$bindir/pg_ctl" -D "$dir/data" -m "$mode" stop >/dev/null || true
    else
        "$bindir/pg_ctl" -D "$dir/data" -m "$mode" stop >/dev/null || true
    fi
fi
